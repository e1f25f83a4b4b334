// Every SQL statement about SLA clocks: start (or restart), read, lock, meet, pause/resume updates, and the
// sweep's breach and warning queries. The rules (when a clock may pause, how due times are counted) are in
// sla.service.ts.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { slaClocks, type SlaClockRow } from './sla.table';

export type Subject = [type: SlaClockRow['subjectType'], id: string];
type ClockValues = typeof slaClocks.$inferInsert;

/**
 * Starts clocks in one statement; a clock of the same subject and target is replaced (a re-scored incident
 * restarts it), each with its own new values.
 */
export async function upsertClocks(tx: Db, values: ClockValues[]): Promise<SlaClockRow[]> {
  if (!values.length) return [];
  const fresh = (column: string) => sql.raw(`excluded.${column}`);
  const rows = await tx
    .insert(slaClocks)
    .values(values)
    .onConflictDoUpdate({
      target: [slaClocks.subjectType, slaClocks.subjectId, slaClocks.target],
      set: {
        mode: fresh('mode'),
        durationMs: fresh('duration_ms'),
        startedAt: fresh('started_at'),
        runningSince: fresh('running_since'),
        dueAt: fresh('due_at'),
        status: fresh('status'),
        consumedMs: fresh('consumed_ms'),
        pausedAt: null,
        pauseReason: null,
        metAt: null,
        breachedAt: null,
        warnedAt: null,
      },
    })
    .returning();
  if (rows.length !== values.length) throw new Error('clock insert returned too few rows');
  return rows;
}

export async function listClocks(db: Db, subjectType: Subject[0], ids: string[]): Promise<SlaClockRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, subjectType), inArray(slaClocks.subjectId, ids)));
}

/** The clock of `subject` for `target`, locked for the rest of the transaction. */
export async function lockClock(tx: Db, subject: Subject, target: SlaClockRow['target']): Promise<SlaClockRow | null> {
  const [row] = await tx
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, subject[0]), eq(slaClocks.subjectId, subject[1]), eq(slaClocks.target, target)))
    .for('update');
  return row ?? null;
}

/** Marks a clock met once; a breached clock stays breached, a paused one loses its due time. */
export async function markMet(tx: Db, subject: Subject, target: SlaClockRow['target'], at: Date): Promise<SlaClockRow | null> {
  const [row] = await tx
    .update(slaClocks)
    .set({
      status: sql`case when ${slaClocks.status} = 'breached' then 'breached' else 'met' end`,
      metAt: at,
      dueAt: sql`case when ${slaClocks.status} = 'paused' then null else ${slaClocks.dueAt} end`,
    })
    .where(
      and(
        eq(slaClocks.subjectType, subject[0]),
        eq(slaClocks.subjectId, subject[1]),
        eq(slaClocks.target, target),
        sql`${slaClocks.metAt} is null`,
      ),
    )
    .returning();
  return row ?? null;
}

export async function updateClock(tx: Db, id: string, set: Partial<ClockValues>): Promise<SlaClockRow> {
  const [row] = await tx.update(slaClocks).set(set).where(eq(slaClocks.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

/** Running clocks past due become breached; returns them. */
export async function markBreaches(db: Db, now: Date): Promise<SlaClockRow[]> {
  return db
    .update(slaClocks)
    .set({ status: 'breached', breachedAt: now })
    .where(and(eq(slaClocks.status, 'running'), lt(slaClocks.dueAt, now)))
    .returning();
}

/** Running clocks due within the smaller of `maxMs` and `fraction` of their target, not yet warned: marked warned and returned. */
export async function takeApproachingBreaches(db: Db, now: Date, window: { maxMs: number; fraction: number }): Promise<SlaClockRow[]> {
  const lead = sql`make_interval(secs => least(${window.maxMs}::float8, ${slaClocks.durationMs}::float8 * ${window.fraction}::float8) / 1000.0)`;
  return db
    .update(slaClocks)
    .set({ warnedAt: now })
    .where(
      and(
        eq(slaClocks.status, 'running'),
        sql`${slaClocks.warnedAt} is null`,
        sql`${slaClocks.dueAt} >= ${now.toISOString()}::timestamptz`,
        sql`${slaClocks.dueAt} < ${now.toISOString()}::timestamptz + ${lead}`,
      ),
    )
    .returning();
}
