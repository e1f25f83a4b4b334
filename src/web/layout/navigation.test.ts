// Navigation per role: constituent users see only the portal; team members see the core loop pages
// their permissions allow, and never the portal.
import { permissionsOf } from '#shared/permissions';
import { allowedNavItems, homePathFor } from './navigation';

const navPaths = (role: Parameters<typeof permissionsOf>[0]) =>
  allowedNavItems(permissionsOf(role), role)
    .filter((item) => item.inNav)
    .map((item) => item.path);

describe('navigation', () => {
  it('gives constituent users the portal only', () => {
    expect(navPaths('constituent')).toEqual(['/portal']);
    expect(homePathFor('constituent')).toBe('/portal');
  });

  it('gives analysts the queue, incidents, organisations and duty, but not the portal', () => {
    const paths = navPaths('analyst');
    expect(paths).toEqual(expect.arrayContaining(['/', '/queue', '/incidents', '/organisations', '/duty']));
    expect(paths).not.toContain('/portal');
    expect(paths).not.toContain('/admin/users');
    expect(homePathFor('analyst')).toBe('/');
  });
});
