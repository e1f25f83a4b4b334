import { canSeeItem, canSeeOrganisation, type Classified } from './visibility';
import type { Actor } from '#server/ctx';
import type { Role } from '#shared/permissions';

const user = (role: Role, id: string, organisationId: string | null = null): Actor => ({
  kind: 'user',
  id,
  email: `${id}@x`,
  name: id,
  role,
  organisationId,
  via: 'session',
});
const item = (over: Partial<Classified> = {}): Classified => ({
  organisationId: 'org-a',
  tlp: 'AMBER',
  ownerId: null,
  namedUserIds: [],
  ...over,
});

describe('visibility policy', () => {
  it('lets team roles see every organisation and constituents only their own', () => {
    for (const role of ['admin', 'lead', 'analyst', 'viewer'] as const) expect(canSeeOrganisation(user(role, 'u'), 'org-b')).toBe(true);
    expect(canSeeOrganisation(user('constituent', 'c', 'org-a'), 'org-a')).toBe(true);
    expect(canSeeOrganisation(user('constituent', 'c', 'org-a'), 'org-b')).toBe(false);
    expect(canSeeOrganisation({ kind: 'anonymous' }, 'org-a')).toBe(false);
  });

  it.each(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'] as const)(
    'shows a %s item to the team and to the affected constituent only',
    (tlp) => {
      expect(canSeeItem(user('viewer', 'v'), item({ tlp }))).toBe(true);
      expect(canSeeItem(user('constituent', 'c', 'org-a'), item({ tlp }))).toBe(true);
      expect(canSeeItem(user('constituent', 'c', 'org-b'), item({ tlp }))).toBe(false);
      expect(canSeeItem({ kind: 'anonymous' }, item({ tlp }))).toBe(false);
    },
  );

  it('shows a TLP:RED item only to its owner and the users named on it, whatever their role', () => {
    const red = item({ tlp: 'RED', ownerId: 'owner', namedUserIds: ['named', 'c-named'] });
    expect(canSeeItem(user('analyst', 'owner'), red)).toBe(true);
    expect(canSeeItem(user('viewer', 'named'), red)).toBe(true);
    expect(canSeeItem(user('admin', 'boss'), red)).toBe(false);
    expect(canSeeItem(user('constituent', 'c-named', 'org-a'), red)).toBe(true);
    expect(canSeeItem(user('constituent', 'c-other', 'org-a'), red)).toBe(false);
    expect(canSeeItem({ kind: 'system' }, red)).toBe(true);
  });

  it('never shows a constituent an item of no organisation', () => {
    expect(canSeeItem(user('constituent', 'c', 'org-a'), item({ organisationId: null }))).toBe(false);
  });
});
