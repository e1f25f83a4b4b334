// Roles and the permissions each one holds. Routes declare one permission; the auth hook checks it.
// Deny by default: a role has only what is listed here.

export const teamRoles = ['admin', 'lead', 'analyst', 'viewer'] as const;
export const roles = [...teamRoles, 'constituent'] as const;
export type TeamRole = (typeof teamRoles)[number];
export type Role = (typeof roles)[number];

export const permissions = [
  'session:self', // see and manage one's own account (password, TOTP)
  'users:read',
  'users:manage',
  'tokens:manage',
  'audit:read',
  'jobs:read',
  'team:read', // the team profile, its versions and keys (public parts)
  'team:edit', // save profile versions, import documents
  'team:publish', // sign and publish the RFC 2350 document and security.txt
  'team:keys', // generate, import and retire the team's OpenPGP key
  'organisations:read', // constituents see their own organisation only (visibility policy)
  'organisations:manage', // create and edit organisations, contacts, assets; CSV import
  'reports:submit', // report through the portal or the API
  'reports:read', // the queue and reports (constituents: their organisation's, via the visibility policy)
  'reports:triage', // decide on reports, edit them, pause clocks
  'incidents:read', // incidents (constituents: their organisation's, via the visibility policy)
  'incidents:update', // create, edit, rescore incidents, pause clocks
  'duty:read', // the duty rota and who is on duty now
  'duty:manage', // plan the rota
  'mailbox:read', // the team's mailbox: every message received, unthreaded and quarantined ones included
  'mailbox:manage', // process a quarantined message again
] as const;
export type Permission = (typeof permissions)[number];

const viewer: Permission[] = ['session:self', 'team:read', 'organisations:read', 'reports:read', 'incidents:read', 'duty:read'];
const analyst: Permission[] = [
  ...viewer,
  'organisations:manage',
  'reports:submit',
  'reports:triage',
  'incidents:update',
  'mailbox:read',
  'mailbox:manage',
];
const lead: Permission[] = [...analyst, 'users:read', 'audit:read', 'team:edit', 'team:publish', 'duty:manage'];
const admin: Permission[] = [...lead, 'users:manage', 'tokens:manage', 'jobs:read', 'team:keys'];
// Constituent users act for one organisation through the portal; they hold no team permission.
const constituent: Permission[] = ['session:self', 'organisations:read', 'reports:submit', 'reports:read', 'incidents:read'];

const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(admin),
  lead: new Set(lead),
  analyst: new Set(analyst),
  viewer: new Set(viewer),
  constituent: new Set(constituent),
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...grants[role]];
}

export function isTeamRole(role: Role): role is TeamRole {
  return (teamRoles as readonly string[]).includes(role);
}

/** Rank of team roles, used to keep an API token from outranking the admin that scopes it. */
export const roleRank: Record<Role, number> = { constituent: 0, viewer: 1, analyst: 2, lead: 3, admin: 4 };

/**
 * The role an API token acts with: never more than its account holds at the time of the request.
 * Why: a token is scoped once, at creation, but the account can be demoted later; the lesser of the two
 * rules. A team token of an account that became a constituent (or the reverse) no longer fits: null.
 */
export function effectiveTokenRole(tokenRole: Role, accountRole: Role): Role | null {
  if ((tokenRole === 'constituent') !== (accountRole === 'constituent')) return null;
  return roleRank[tokenRole] <= roleRank[accountRole] ? tokenRole : accountRole;
}
