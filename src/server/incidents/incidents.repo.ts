// Every SQL statement about incidents and their score history. Every read takes the actor and applies the
// visibility policy in SQL (an incident the actor may not see reads as missing); `unsafe…` reads skip it
// and serve jobs only.
import { and, asc, count, desc, eq, exists, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { itemScope, type Viewer } from '../policy/visibility';
import { organisations } from '../organisations/organisations.table';
import { users } from '../users/users.table';
import { slaClocks } from '../sla/sla.table';
import { incidentScores, incidents, type IncidentRow, type IncidentScoreRow } from './incidents.table';

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

function selectViews(db: Db) {
  return db
    .select(view)
    .from(incidents)
    .leftJoin(organisations, eq(organisations.id, incidents.organisationId))
    .leftJoin(users, eq(users.id, incidents.ownerId))
    .leftJoin(
      slaClocks,
      and(eq(slaClocks.subjectType, 'incident'), eq(slaClocks.subjectId, incidents.id), eq(slaClocks.target, 'first-action')),
    );
}

export interface IncidentFilter {
  status?: IncidentRow['status'] | undefined;
  priority?: IncidentRow['priority'] | undefined;
  organisationId?: string | undefined;
  ownerId?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Incidents the actor may see, most urgent first: priority, then the earliest due time, then the newest. */
export async function listIncidents(db: Db, actor: Viewer, f: IncidentFilter): Promise<{ rows: IncidentView[]; total: number }> {
  const like = f.q ? `%${escapeLike(f.q)}%` : null;
  const where = and(
    scope(actor),
    f.status ? eq(incidents.status, f.status) : undefined,
    f.priority ? eq(incidents.priority, f.priority) : undefined,
    f.organisationId ? eq(incidents.organisationId, f.organisationId) : undefined,
    f.ownerId ? eq(incidents.ownerId, f.ownerId) : undefined,
    like ? or(ilike(incidents.title, like), ilike(incidents.reference, like)) : undefined,
  );
  const [rows, total] = await Promise.all([
    selectViews(db)
      .where(where)
      .orderBy(asc(incidents.priority), sql`${dueAt} asc nulls last`, desc(incidents.createdAt))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(incidents).where(where),
  ]);
  return { rows: rows.map(toView), total: total[0]?.n ?? 0 };
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

/** For jobs: the incident regardless of who looks. */
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
