// The app's pages, the permission each one needs, and their i18n keys: the nav, the home page and
// the router's permission guards read this one list.
import type { Permission } from '#shared/permissions';

export interface NavItem {
  path: string;
  labelKey: 'layout.nav.home' | 'layout.nav.team' | 'layout.nav.users' | 'layout.nav.tokens' | 'layout.nav.audit' | 'layout.nav.account';
  descriptionKey:
    'home.page.teamText' | 'home.page.usersText' | 'home.page.tokensText' | 'home.page.auditText' | 'home.page.accountText' | null;
  permission: Permission | null;
  inNav: boolean;
}

export const navItems: readonly NavItem[] = [
  { path: '/', labelKey: 'layout.nav.home', descriptionKey: null, permission: null, inNav: true },
  { path: '/team/profile', labelKey: 'layout.nav.team', descriptionKey: 'home.page.teamText', permission: 'team:read', inNav: true },
  { path: '/admin/users', labelKey: 'layout.nav.users', descriptionKey: 'home.page.usersText', permission: 'users:manage', inNav: true },
  {
    path: '/admin/tokens',
    labelKey: 'layout.nav.tokens',
    descriptionKey: 'home.page.tokensText',
    permission: 'tokens:manage',
    inNav: true,
  },
  { path: '/audit', labelKey: 'layout.nav.audit', descriptionKey: 'home.page.auditText', permission: 'audit:read', inNav: true },
  { path: '/account', labelKey: 'layout.nav.account', descriptionKey: 'home.page.accountText', permission: null, inNav: false },
];

export function allowedNavItems(permissions: readonly Permission[]): NavItem[] {
  return navItems.filter((item) => item.permission === null || permissions.includes(item.permission));
}
