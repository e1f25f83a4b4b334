// THE read policy: who may see which organisation, report, incident, attachment and observable.
// Repositories apply it in SQL (`…Scope`) to every read, lists and single rows alike; the predicates
// (`canSee…`) serve rows not read yet (an edit checked before it is saved) and disclosure.ts.
import { sql, type SQL, type Column } from 'drizzle-orm';
import { isTeamRole, type Role } from '#shared/permissions';
import type { TlpLabel } from '#shared/taxonomies/tlp';

/**
 * Who reads: the facts of an `Actor` (ctx.ts) the policy uses. Every Actor is a Viewer; a recipient
 * known by name (disclosure.ts) is one too.
 */
export type Viewer = { kind: 'user'; id: string; role: Role; organisationId: string | null } | { kind: 'system' } | { kind: 'anonymous' };

/** The facts the policy needs about a report or an incident. */
export interface Classified {
  /** The constituent the item is about (affected organisation), if any. */
  organisationId: string | null;
  tlp: TlpLabel;
  ownerId: string | null;
  /** Users named on the item (need-to-know list); TLP:RED items are visible to them only. */
  namedUserIds: readonly string[];
}

/** TLP:RED: the item is for its owner and the users named on it, and nobody else whatever their role. */
export const isNamedOnly = (tlp: TlpLabel): boolean => tlp === 'RED';

/** A member of the team (admin, lead, analyst, viewer) signed in. */
export const isTeam = (actor: Viewer): boolean => actor.kind === 'user' && isTeamRole(actor.role);
/** The organisation a constituent user acts for, or null for anyone else. */
const constituentOrg = (actor: Viewer): string | null =>
  actor.kind === 'user' && actor.role === 'constituent' ? actor.organisationId : null;

/** Organisations: the team sees every one; a constituent user sees only its own. */
export function canSeeOrganisation(actor: Viewer, organisationId: string): boolean {
  if (actor.kind === 'system' || isTeam(actor)) return true;
  const org = constituentOrg(actor);
  return org !== null && org === organisationId;
}

/**
 * Of these organisations, the ones the viewer may learn about (asset matches, suggestions): all of them for
 * the team and the system, its own only for a constituent user.
 * Why: a match names another organisation and reveals that it owns the matched address or domain.
 */
export function visibleOrganisationIds(actor: Viewer, ids: Iterable<string>): string[] {
  return [...ids].filter((id) => canSeeOrganisation(actor, id));
}

/** SQL condition on an organisation id column; `undefined` means no restriction. */
export function organisationScope(actor: Viewer, organisationIdColumn: Column | SQL): SQL | undefined {
  if (actor.kind === 'system' || isTeam(actor)) return undefined;
  const org = constituentOrg(actor);
  if (org) return sql`${organisationIdColumn} = ${org}`;
  return sql`false`;
}

/**
 * Reports and incidents.
 * - System (jobs, CLI) sees everything.
 * - Team members see everything except TLP:RED items, which only their owner and named users see.
 * - A constituent user sees items about its own organisation, except TLP:RED ones where it is not named.
 *   (TLP:AMBER+STRICT restricts sharing to the recipient's organisation: the affected organisation is it.)
 * - Anyone else sees nothing (reporters follow their report through its tracking link, a separate path).
 */
export function canSeeItem(actor: Viewer, item: Classified): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  const named = item.ownerId === actor.id || item.namedUserIds.includes(actor.id);
  if (isNamedOnly(item.tlp)) return named;
  if (isTeam(actor)) return true;
  const org = constituentOrg(actor);
  return org !== null && item.organisationId === org;
}

export interface ItemColumns {
  organisationId: Column | SQL;
  tlp: Column | SQL;
  ownerId: Column | SQL;
  /** A jsonb array of user ids. */
  namedUserIds: Column | SQL;
}

/** The same rule as `canSeeItem`, as a SQL condition for lists and searches. */
export function itemScope(actor: Viewer, c: ItemColumns): SQL | undefined {
  if (actor.kind === 'system') return undefined;
  if (actor.kind !== 'user') return sql`false`;
  const named = sql`(${c.ownerId} = ${actor.id} or ${c.namedUserIds} @> ${JSON.stringify([actor.id])}::jsonb)`;
  if (isTeam(actor)) return sql`(${c.tlp} <> 'RED' or ${named})`;
  const org = constituentOrg(actor);
  if (org) return sql`(${c.organisationId} = ${org} and (${c.tlp} <> 'RED' or ${named}))`;
  return sql`false`;
}
