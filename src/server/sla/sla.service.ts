// SLA clocks: started when a report arrives or an incident is scored, due after a target counted in the
// team's business hours (or 24/7 for urgent reports and P1 incidents), paused with a reason while the team
// waits on someone else, resumed on their answer, met when the team acts, breached when the job finds it late.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { hoursEngine } from '#server/hours/hours.service';
import * as repo from './sla.repo';
import type { Subject } from './sla.repo';
import type { SlaClockRow } from './sla.table';
import type { HoursEngine, HoursMode } from '#shared/hours/hours';
import type { SlaClock, SlaTarget } from '#shared/sla/sla.schemas';

export type { Subject };

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

/** When `remainingMs` of clock time has elapsed from `from`. A team that never opens counts around the clock. */
export function dueFrom(engine: HoursEngine, mode: HoursMode, from: Date, remainingMs: number): Date {
  return engine.addBusinessTime(from, Math.max(0, remainingMs), { mode }) ?? new Date(from.getTime() + remainingMs);
}

export interface ClockStart {
  subject: Subject;
  target: SlaTarget;
  mode: HoursMode;
  durationMs: number;
  at: Date;
}

/** Starts clocks (one statement); a clock of the same subject and target is restarted with the new target. */
export async function startClocks(tx: Db, engine: HoursEngine, inputs: readonly ClockStart[]): Promise<SlaClockRow[]> {
  return repo.upsertClocks(
    tx,
    inputs.map((input) => ({
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
    })),
  );
}

/** Starts one clock (see startClocks). */
export async function startClock(tx: Db, engine: HoursEngine, input: ClockStart): Promise<SlaClockRow> {
  const [row] = await startClocks(tx, engine, [input]);
  if (!row) throw new Error('clock insert returned nothing');
  return row;
}

export async function clocksOf(db: Db, subjectType: Subject[0], ids: string[]): Promise<SlaClockRow[]> {
  return repo.listClocks(db, subjectType, ids);
}

async function getClock(tx: Db, subject: Subject, target: SlaTarget): Promise<SlaClockRow> {
  const row = await repo.lockClock(tx, subject, target);
  if (!row) throw new AppError('clock-state', { detail: `There is no ${target} clock here` });
  return row;
}

/** Marks a clock met (the team acknowledged, triaged, acted). Idempotent; a breached clock stays breached but records when it was met. */
export async function meetClock(tx: Db, subject: Subject, target: SlaTarget, at: Date): Promise<SlaClockRow | null> {
  return repo.markMet(tx, subject, target, at);
}

/** What the subject's feature does in the same transaction after its clock changed (keep its copy of the due time). */
export type AfterClockChange = (tx: Db, clock: SlaClockRow) => Promise<void>;

export async function pauseClock(
  ctx: Ctx,
  subject: Subject,
  target: SlaTarget,
  reason: string,
  after?: AfterClockChange,
): Promise<SlaClock> {
  const engine = await hoursEngine(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const clock = await getClock(tx, subject, target);
    if (clock.status !== 'running' && clock.status !== 'breached')
      throw new AppError('clock-state', { detail: `The ${target} clock is ${clock.status}; only a running clock can be paused` });
    if (clock.metAt) throw new AppError('clock-state', { detail: `The ${target} target was already met` });
    const now = ctx.clock.now();
    const since = clock.runningSince ?? clock.startedAt;
    const used = clock.mode === '24/7' ? Math.max(0, now.getTime() - since.getTime()) : engine.businessTimeBetween(since, now);
    const row = await repo.updateClock(tx, clock.id, {
      status: 'paused',
      pausedAt: now,
      pauseReason: reason,
      consumedMs: clock.consumedMs + used,
      runningSince: null,
      dueAt: null,
    });
    await after?.(tx, row);
    await recordAudit(tx, ctx, { action: 'sla.pause', entity: [subject[0], subject[1]], summary: { target, reason } });
    return toSlaClock(row);
  });
}

export async function resumeClock(ctx: Ctx, subject: Subject, target: SlaTarget, after?: AfterClockChange): Promise<SlaClock> {
  const engine = await hoursEngine(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const clock = await getClock(tx, subject, target);
    if (clock.status !== 'paused') throw new AppError('clock-state', { detail: `The ${target} clock is ${clock.status}, not paused` });
    const now = ctx.clock.now();
    const dueAt = dueFrom(engine, clock.mode, now, clock.durationMs - clock.consumedMs);
    const row = await repo.updateClock(tx, clock.id, {
      status: clock.breachedAt ? 'breached' : 'running',
      runningSince: now,
      pausedAt: null,
      pauseReason: null,
      dueAt,
    });
    await after?.(tx, row);
    await recordAudit(tx, ctx, { action: 'sla.resume', entity: [subject[0], subject[1]], summary: { target, dueAt: dueAt.toISOString() } });
    return toSlaClock(row);
  });
}

/** Running clocks past due become breached; returns them (for notification). */
export async function markBreaches(db: Db, now: Date): Promise<SlaClockRow[]> {
  return repo.markBreaches(db, now);
}

/**
 * Running clocks about to breach and not yet warned about: due within the smaller of `maxMs` and `fraction`
 * of their target (a 1-hour P1 clock warns 12 minutes ahead, a 5-day P4 clock 15 minutes ahead).
 * Marks them warned (once per clock; a restarted clock may warn again) and returns them.
 */
export async function takeApproachingBreaches(db: Db, now: Date, window: { maxMs: number; fraction: number }): Promise<SlaClockRow[]> {
  return repo.takeApproachingBreaches(db, now, window);
}
