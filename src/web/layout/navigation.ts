// The app's pages, the permission each one needs, who they are for (the team, constituent users or
// both), and their i18n keys: the nav, the home page and the router's guards read this one list.
import type { Permission, Role } from '#shared/permissions';

export type Audience = 'team' | 'constituent' | 'all';

export interface NavItem {
  path: string;
  labelKey:
    | 'layout.nav.home'
    | 'layout.nav.portal'
    | 'layout.nav.queue'
    | 'layout.nav.incidents'
    | 'layout.nav.organisations'
    | 'layout.nav.duty'
    | 'layout.nav.mailbox'
    | 'layout.nav.team'
    | 'layout.nav.users'
    | 'layout.nav.tokens'
    | 'layout.nav.audit'
    | 'layout.nav.account';
  descriptionKey:
    | 'home.page.queueText'
    | 'home.page.incidentsText'
    | 'home.page.organisationsText'
    | 'home.page.dutyText'
    | 'home.page.mailboxText'
    | 'home.page.teamText'
    | 'home.page.usersText'
    | 'home.page.tokensText'
    | 'home.page.auditText'
    | 'home.page.accountText'
    | null;
  permission: Permission | null;
  audience: Audience;
  inNav: boolean;
}

export const navItems: readonly NavItem[] = [
  { path: '/', labelKey: 'layout.nav.home', descriptionKey: null, permission: null, audience: 'team', inNav: true },
  {
    path: '/portal',
    labelKey: 'layout.nav.portal',
    descriptionKey: null,
    permission: 'reports:submit',
    audience: 'constituent',
    inNav: true,
  },
  {
    path: '/queue',
    labelKey: 'layout.nav.queue',
    descriptionKey: 'home.page.queueText',
    permission: 'reports:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/incidents',
    labelKey: 'layout.nav.incidents',
    descriptionKey: 'home.page.incidentsText',
    permission: 'incidents:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/organisations',
    labelKey: 'layout.nav.organisations',
    descriptionKey: 'home.page.organisationsText',
    permission: 'organisations:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/mailbox',
    labelKey: 'layout.nav.mailbox',
    descriptionKey: 'home.page.mailboxText',
    permission: 'mailbox:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/duty',
    labelKey: 'layout.nav.duty',
    descriptionKey: 'home.page.dutyText',
    permission: 'duty:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/team/profile',
    labelKey: 'layout.nav.team',
    descriptionKey: 'home.page.teamText',
    permission: 'team:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/admin/users',
    labelKey: 'layout.nav.users',
    descriptionKey: 'home.page.usersText',
    permission: 'users:manage',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/admin/tokens',
    labelKey: 'layout.nav.tokens',
    descriptionKey: 'home.page.tokensText',
    permission: 'tokens:manage',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/audit',
    labelKey: 'layout.nav.audit',
    descriptionKey: 'home.page.auditText',
    permission: 'audit:read',
    audience: 'team',
    inNav: true,
  },
  {
    path: '/account',
    labelKey: 'layout.nav.account',
    descriptionKey: 'home.page.accountText',
    permission: null,
    audience: 'all',
    inNav: false,
  },
];

/** Whether a role is in an audience: constituent users see only the portal, team members never do. */
export function inAudience(role: Role, audience: Audience): boolean {
  if (audience === 'all') return true;
  return (role === 'constituent') === (audience === 'constituent');
}

/** Where a role lands after signing in. */
export const homePathFor = (role: Role): string => (role === 'constituent' ? '/portal' : '/');

export function allowedNavItems(permissions: readonly Permission[], role: Role): NavItem[] {
  return navItems.filter((item) => inAudience(role, item.audience) && (item.permission === null || permissions.includes(item.permission)));
}
