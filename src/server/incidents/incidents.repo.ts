// Every SQL statement about incidents and their score history. Every read takes the actor and applies the
// visibility policy in SQL (an incident the actor may not see reads as missing); `unsafe…` reads skip it
// and serve jobs only.
import { and, asc, eq, exists, getTableName, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { itemScope, type Viewer } from '#server/policy/visibility';
import { organisations } from '#server/organisations/organisations.table';
import { users } from '#server/users/users.table';
import { slaClocks } from '#server/sla/sla.table';
import { cursorColumn, encodeCursor, orderBy, readPage, type SortKey, countUpToCap } from '#server/db/keyset';
import { incidentDueKey, incidentScores, incidents, type IncidentRow, type IncidentScoreRow } from './incidents.table';

/** The visibility policy on the incidents table (undefined: no restriction). */
const scope = (actor: Viewer): SQL | undefined =>
  itemScope(actor, {
    organisationId: incidents.organisationId,
    tlp: incidents.tlp,
    ownerId: incidents.ownerId,
    namedUserIds: incidents.namedUserIds,
  });

export interface IncidentView extends IncidentRow {
  organisationName: string | null;
  ownerName: string | null;
  /** The first-action clock's due time while it runs; null once met or while paused. */
  dueAt: Date | null;
  breached: boolean;
}

const dueAt = sql<Date | null>`case when ${slaClocks.status} in ('running', 'breached') and ${slaClocks.metAt} is null then ${slaClocks.dueAt} end`;
const view = { i: incidents, organisationName: organisations.name, ownerName: users.name, clockStatus: slaClocks.status, clockDue: dueAt };
type ViewRow = {
  i: IncidentRow;
  organisationName: string | null;
  ownerName: string | null;
  clockStatus: string | null;
  clockDue: Date | string | null;
};

const toView = (r: ViewRow): IncidentView => ({
  ...r.i,
  organisationName: r.organisationName,
  ownerName: r.ownerName,
  // Raw SQL expressions come back as strings on some drivers: normalise.
  dueAt: r.clockDue === null ? null : new Date(r.clockDue),
  breached: r.clockStatus === 'breached',
});

const currentClock = and(
  eq(slaClocks.subjectType, 'incident'),
  eq(slaClocks.subjectId, incidents.id),
  eq(slaClocks.target, 'first-action'),
);

function selectViews(db: Db) {
  return db
    .select(view)
    .from(incidents)
    .leftJoin(organisations, eq(organisations.id, incidents.organisationId))
    .leftJoin(users, eq(users.id, incidents.ownerId))
    .leftJoin(slaClocks, currentClock);
}

export interface IncidentFilter {
  status?: IncidentRow['status'] | undefined;
  priority?: IncidentRow['priority'] | undefined;
  organisationId?: string | undefined;
  ownerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The list's order, as the indexes incidents_*list_idx are written: priority, due time (none last), newest, id. */
const INCIDENT_SORT: SortKey[] = [
  { expr: incidents.priority, dir: 'asc', type: 'text' },
  { expr: incidentDueKey(incidents.nextDueAt), dir: 'asc', type: 'timestamptz' },
  { expr: incidents.createdAt, dir: 'desc', type: 'timestamptz' },
  { expr: incidents.id, dir: 'desc', type: 'uuid' },
];

/** The filters of the list as SQL, with the visibility policy. */
function listWhere(actor: Viewer, f: IncidentFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : null;
  return and(
    scope(actor),
    f.status ? eq(incidents.status, f.status) : undefined,
    f.priority ? eq(incidents.priority, f.priority) : undefined,
    f.organisationId ? eq(incidents.organisationId, f.organisationId) : undefined,
    f.ownerId ? eq(incidents.ownerId, f.ownerId) : undefined,
    like ? or(ilike(incidents.title, like), ilike(incidents.reference, like)) : undefined,
  );
}

/**
 * The query of (a range of) one page, at most `n` rows: exported for the tests that check its plan. The
 * clocks of the page are read after it, in one query (joined here, a planner without statistics, as PGlite's,
 * scans every clock).
 */
export function listPageQuery(db: Db, actor: Viewer, f: IncidentFilter, range: SQL | undefined, n: number) {
  return db
    .select({ i: incidents, organisationName: organisations.name, ownerName: users.name, cursor: cursorColumn(INCIDENT_SORT) })
    .from(incidents)
    .leftJoin(organisations, eq(organisations.id, incidents.organisationId))
    .leftJoin(users, eq(users.id, incidents.ownerId))
    .where(and(listWhere(actor, f), range))
    .orderBy(...orderBy(INCIDENT_SORT))
    .limit(n);
}

/** The first-action clocks of a page of incidents, in one query. */
async function pageClocks(db: Db, ids: string[]): Promise<Map<string, { clockStatus: string; clockDue: Date | string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: slaClocks.subjectId, clockStatus: slaClocks.status, clockDue: dueAt })
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, 'incident'), inArray(slaClocks.subjectId, ids), eq(slaClocks.target, 'first-action')));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The tables the list reads (its answers are cached until one of them changes: http/read-cache.ts). */
export const LIST_TABLES: readonly string[] = [incidents, organisations, users, slaClocks].map((t) => getTableName(t));

/**
 * Incidents the actor may see, most urgent first: priority, then the earliest due time, then the newest.
 * Keyset paging on the row's own keys (`next_due_at` is the copy of the first-action clock's due time); the
 * total is counted up to TOTAL_CAP + 1 rows.
 */
export async function listIncidents(
  db: Db,
  actor: Viewer,
  f: IncidentFilter,
): Promise<{ rows: IncidentView[]; nextCursor: string | null; count: number }> {
  const page = await readPage(INCIDENT_SORT, f.cursor, f.limit, (range, n) => listPageQuery(db, actor, f, range, n));
  const counted = await countUpToCap(db, incidents, listWhere(actor, f));
  const clocks = await pageClocks(
    db,
    page.rows.map((r) => r.i.id),
  );
  const last = page.rows.at(-1);
  return {
    rows: page.rows.map((r) => {
      const clock = clocks.get(r.i.id);
      return toView({ ...r, clockStatus: clock?.clockStatus ?? null, clockDue: clock?.clockDue ?? null });
    }),
    nextCursor: page.more && last ? encodeCursor(last.cursor) : null,
    count: counted,
  };
}

/**
 * Copies the due time of the incident's first-action clock onto the incident (null unless it runs unmet):
 * called in the same transaction after every start, meet, pause and resume of the clock.
 */
export async function refreshNextDue(tx: Db, id: string): Promise<void> {
  await tx
    .update(incidents)
    .set({
      nextDueAt: sql`(select ${dueAt} from ${slaClocks} where ${and(
        eq(slaClocks.subjectType, 'incident'),
        eq(slaClocks.subjectId, id),
        eq(slaClocks.target, 'first-action'),
      )})`,
    })
    .where(eq(incidents.id, id));
}

/** One incident the actor may see, or null (missing and not visible alike). */
export async function findIncident(db: Db, actor: Viewer, id: string): Promise<IncidentView | null> {
  const [row] = await selectViews(db).where(and(eq(incidents.id, id), scope(actor)));
  return row ? toView(row) : null;
}

/** Locks the incident row the actor may see for the transaction (read-modify-write of status, owner, score); null otherwise. */
export async function lockIncident(tx: Db, actor: Viewer, id: string): Promise<IncidentRow | null> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), scope(actor)))
    .for('update');
  return row ?? null;
}

/** Whether the actor may see the incident (missing and not visible alike). */
export async function isVisible(db: Db, actor: Viewer, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.id, id), scope(actor)));
  return rows.length > 0;
}

/** For jobs: the incident regardless of who looks. */
/** The id of the incident with this reference (e.g. TOC-INC-2026-000045), whoever asks. */
export async function unsafeIncidentIdByReference(db: Db, reference: string): Promise<string | null> {
  const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.reference, reference));
  return row?.id ?? null;
}

export async function unsafeFindIncident(db: Db, id: string): Promise<IncidentRow | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row ?? null;
}

export async function insertIncident(db: Db, values: typeof incidents.$inferInsert): Promise<IncidentRow> {
  const [row] = await db.insert(incidents).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateIncident(db: Db, id: string, patch: Partial<typeof incidents.$inferInsert>): Promise<IncidentRow> {
  const [row] = await db.update(incidents).set(patch).where(eq(incidents.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export async function insertScore(db: Db, values: typeof incidentScores.$inferInsert): Promise<IncidentScoreRow> {
  const [row] = await db.insert(incidentScores).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** The score history of an incident the actor may see (empty otherwise). */
export async function listScores(db: Db, actor: Viewer, incidentId: string): Promise<IncidentScoreRow[]> {
  const visible = exists(sql`(select 1 from ${incidents} where ${and(eq(incidents.id, incidentId), scope(actor))})`);
  return db
    .select()
    .from(incidentScores)
    .where(and(eq(incidentScores.incidentId, incidentId), visible))
    .orderBy(asc(incidentScores.seq));
}
