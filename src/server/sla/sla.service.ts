// SLA clocks: started when a report arrives or an incident is scored, due after a target counted in the
// team's business hours (or 24/7 for urgent reports and P1 incidents), paused with a reason while the team
// waits on someone else, resumed on their answer, met when the team acts, breached when the job finds it late.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import { AppError } from '../http/errors';
import { recordAudit } from '../audit/audit.service';
import { teamHours } from '../team/team.service';
import { slaClocks, type SlaClockRow } from './sla.table';
import { createHoursEngine, type HoursEngine, type HoursMode } from '#shared/hours/hours';
import type { SlaClock, SlaTarget } from '#shared/sla/sla.schemas';

export type Subject = [type: 'report' | 'incident', id: string];

export function toSlaClock(row: SlaClockRow): SlaClock {
  return {
    id: row.id,
    target: row.target,
    mode: row.mode,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    status: row.status,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    pauseReason: row.pauseReason,
    metAt: row.metAt?.toISOString() ?? null,
    breachedAt: row.breachedAt?.toISOString() ?? null,
  };
}

// Why memoised: building an engine (holiday calendars, zone rules) costs milliseconds, and every report
// intake needs one; the team's hours change rarely, so the engine is rebuilt only when they do.
let memo: { key: string; engine: HoursEngine } | null = null;

export async function hoursEngine(db: Db): Promise<HoursEngine> {
  const hours = await teamHours(db);
  const key = JSON.stringify(hours);
  if (memo?.key !== key) memo = { key, engine: createHoursEngine(hours) };
  return memo.engine;
}

/** When `remainingMs` of clock time has elapsed from `from`. A team that never opens counts around the clock. */
export function dueFrom(engine: HoursEngine, mode: HoursMode, from: Date, remainingMs: number): Date {
  return engine.addBusinessTime(from, Math.max(0, remainingMs), { mode }) ?? new Date(from.getTime() + remainingMs);
}

export async function startClock(tx: Db, engine: HoursEngine, input: { subject: Subject; target: SlaTarget; mode: HoursMode; durationMs: number; at: Date }): Promise<SlaClockRow> {
  const values = {
    subjectType: input.subject[0],
    subjectId: input.subject[1],
    target: input.target,
    mode: input.mode,
    durationMs: input.durationMs,
    startedAt: input.at,
    runningSince: input.at,
    dueAt: dueFrom(engine, input.mode, input.at, input.durationMs),
    status: 'running' as const,
    consumedMs: 0,
  };
  // A re-scored incident restarts its clock with the new target (the old one is replaced, not stacked).
  const [row] = await tx
    .insert(slaClocks)
    .values(values)
    .onConflictDoUpdate({ target: [slaClocks.subjectType, slaClocks.subjectId, slaClocks.target], set: { ...values, pausedAt: null, pauseReason: null, metAt: null, breachedAt: null, warnedAt: null } })
    .returning();
  if (!row) throw new Error('clock insert returned nothing');
  return row;
}

export async function clocksOf(db: Db, subjectType: Subject[0], ids: string[]): Promise<SlaClockRow[]> {
  if (!ids.length) return [];
  return db.select().from(slaClocks).where(and(eq(slaClocks.subjectType, subjectType), inArray(slaClocks.subjectId, ids)));
}

async function getClock(tx: Db, subject: Subject, target: SlaTarget): Promise<SlaClockRow> {
  const [row] = await tx
    .select()
    .from(slaClocks)
    .where(and(eq(slaClocks.subjectType, subject[0]), eq(slaClocks.subjectId, subject[1]), eq(slaClocks.target, target)))
    .for('update');
  if (!row) throw new AppError('clock-state', { detail: `There is no ${target} clock here` });
  return row;
}

/** Marks a clock met (the team acknowledged, triaged, acted). Idempotent; a breached clock stays breached but records when it was met. */
export async function meetClock(tx: Db, subject: Subject, target: SlaTarget, at: Date): Promise<SlaClockRow | null> {
  const [row] = await tx
    .update(slaClocks)
    .set({ status: sql`case when ${slaClocks.status} = 'breached' then 'breached' else 'met' end`, metAt: at, dueAt: sql`case when ${slaClocks.status} = 'paused' then null else ${slaClocks.dueAt} end` })
    .where(and(eq(slaClocks.subjectType, subject[0]), eq(slaClocks.subjectId, subject[1]), eq(slaClocks.target, target), sql`${slaClocks.metAt} is null`))
    .returning();
  return row ?? null;
}

export async function pauseClock(ctx: Ctx, subject: Subject, target: SlaTarget, reason: string): Promise<SlaClock> {
  const engine = await hoursEngine(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const clock = await getClock(tx, subject, target);
    if (clock.status !== 'running' && clock.status !== 'breached') throw new AppError('clock-state', { detail: `The ${target} clock is ${clock.status}; only a running clock can be paused` });
    if (clock.metAt) throw new AppError('clock-state', { detail: `The ${target} target was already met` });
    const now = ctx.clock.now();
    const since = clock.runningSince ?? clock.startedAt;
    const used = clock.mode === '24/7' ? Math.max(0, now.getTime() - since.getTime()) : engine.businessTimeBetween(since, now);
    const [row] = await tx
      .update(slaClocks)
      .set({ status: 'paused', pausedAt: now, pauseReason: reason, consumedMs: clock.consumedMs + used, runningSince: null, dueAt: null })
      .where(eq(slaClocks.id, clock.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'sla.pause', entity: [subject[0], subject[1]], summary: { target, reason } });
    if (!row) throw new Error('update returned nothing');
    return toSlaClock(row);
  });
}

export async function resumeClock(ctx: Ctx, subject: Subject, target: SlaTarget): Promise<SlaClock> {
  const engine = await hoursEngine(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const clock = await getClock(tx, subject, target);
    if (clock.status !== 'paused') throw new AppError('clock-state', { detail: `The ${target} clock is ${clock.status}, not paused` });
    const now = ctx.clock.now();
    const dueAt = dueFrom(engine, clock.mode, now, clock.durationMs - clock.consumedMs);
    const [row] = await tx
      .update(slaClocks)
      .set({ status: clock.breachedAt ? 'breached' : 'running', runningSince: now, pausedAt: null, pauseReason: null, dueAt })
      .where(eq(slaClocks.id, clock.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'sla.resume', entity: [subject[0], subject[1]], summary: { target, dueAt: dueAt.toISOString() } });
    if (!row) throw new Error('update returned nothing');
    return toSlaClock(row);
  });
}

/** Running clocks past due become breached; returns them (for notification). */
export async function markBreaches(db: Db, now: Date): Promise<SlaClockRow[]> {
  return db
    .update(slaClocks)
    .set({ status: 'breached', breachedAt: now })
    .where(and(eq(slaClocks.status, 'running'), lt(slaClocks.dueAt, now)))
    .returning();
}

/**
 * Running clocks about to breach and not yet warned about: due within the smaller of `maxMs` and `fraction`
 * of their target (a 1-hour P1 clock warns 12 minutes ahead, a 5-day P4 clock 15 minutes ahead).
 * Marks them warned (once per clock; a restarted clock may warn again) and returns them.
 */
export async function takeApproachingBreaches(db: Db, now: Date, window: { maxMs: number; fraction: number }): Promise<SlaClockRow[]> {
  const lead = sql`make_interval(secs => least(${window.maxMs}::float8, ${slaClocks.durationMs}::float8 * ${window.fraction}::float8) / 1000.0)`;
  return db
    .update(slaClocks)
    .set({ warnedAt: now })
    .where(and(eq(slaClocks.status, 'running'), sql`${slaClocks.warnedAt} is null`, sql`${slaClocks.dueAt} >= ${now.toISOString()}::timestamptz`, sql`${slaClocks.dueAt} < ${now.toISOString()}::timestamptz + ${lead}`))
    .returning();
}
