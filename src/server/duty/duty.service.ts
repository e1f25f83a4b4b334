// Use cases of the duty rota: plan and remove shifts; the feature's face to the others, which reach "who is on
// duty at this instant?" (on-duty.ts) and paging (paging.ts) through the re-exports below.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { findActiveTeamMember, type findUserRowById } from '#server/users/users.service';
import * as repo from './duty.repo';
import { coversBetween } from './duty-cover';
import { dutyAt } from './on-duty';
import { DutyShiftInput, type DutyShift, type DutyState } from '#shared/duty/duty.schemas';

export { dutyAt, dutyOfficerAt, escalationContacts, type DutyOfficer } from './on-duty';
export { ESCALATE_PAGE_JOB, escalate, escalateIn, pageDutyOfficer, type Escalation, type PageInput } from './paging';

const DAY = 86_400_000;
/** How far ahead the rota is shown. */
const ROTA_WINDOW_MS = 14 * DAY;

export function toDutyShift(s: repo.ShiftWithPerson): DutyShift {
  return {
    id: s.id,
    userId: s.userId,
    userName: s.userName,
    role: s.role,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    note: s.note,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function getDuty(ctx: Ctx): Promise<DutyState> {
  const now = ctx.clock.now();
  const [{ onDuty, backup }, shifts] = await Promise.all([
    dutyAt(ctx.db, now),
    repo.upcoming(ctx.db, now, new Date(now.getTime() + ROTA_WINDOW_MS)),
  ]);
  return {
    onDuty: onDuty ? { userId: onDuty.userId, name: onDuty.name, email: onDuty.email, role: onDuty.role } : null,
    source: onDuty?.source ?? null,
    backup,
    shifts: shifts.map(toDutyShift),
  };
}

/** The user, if an active team member; else a 400 on `path`. */
export async function dutyMember(db: Db, userId: string, path: string): Promise<NonNullable<Awaited<ReturnType<typeof findUserRowById>>>> {
  const user = await findActiveTeamMember(db, userId);
  // Why: pages carry incident details, so only active team members may be put on duty (never a constituent).
  if (!user) {
    throw new AppError('validation-failed', {
      detail: 'Only an active team member can be on duty',
      fields: [{ path, message: 'Not an active team member', code: 'not_team_member' }],
    });
  }
  return user;
}

export async function createShift(ctx: Ctx, input: DutyShiftInput): Promise<DutyShift> {
  const data = DutyShiftInput.parse(input);
  const user = await dutyMember(ctx.db, data.userId, 'body.userId');
  const startsAt = new Date(data.startsAt);
  const endsAt = new Date(data.endsAt);
  return ctx.db.transaction(async (tx) => {
    if (data.role === 'primary') {
      await repo.lockRota(tx);
      const [clash] = await repo.overlapping(tx, 'primary', startsAt, endsAt);
      if (clash) {
        throw new AppError('shift-overlap', {
          detail: `${clash.userName} is already primary on duty from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()} (shift ${clash.id})`,
          fields: [
            {
              path: 'body.startsAt',
              message: `Overlaps ${clash.userName}'s primary shift`,
              code: 'overlaps_shift',
              params: { name: clash.userName },
            },
          ],
        });
      }
    }
    const row = await repo.insertShift(tx, {
      userId: user.id,
      role: data.role,
      startsAt,
      endsAt,
      note: data.note ?? null,
      createdAt: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'duty.shift-create',
      entity: ['duty-shift', row.id],
      summary: { userId: user.id, email: user.email, role: row.role, startsAt: data.startsAt, endsAt: data.endsAt },
    });
    return toDutyShift({ ...row, userName: user.name, userEmail: user.email, userRole: user.role });
  });
}

export async function deleteShift(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteShift(tx, id);
    if (!row) throw new AppError('not-found', { detail: `No duty shift ${id}` });
    await recordAudit(tx, ctx, {
      action: 'duty.shift-delete',
      entity: ['duty-shift', id],
      summary: { userId: row.userId, role: row.role, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
    });
  });
}

/** Whether some primary duty (a one-off shift or a rota occurrence of an active user) is planned within [from, until). */
export async function hasPlannedDuty(db: Db, from: Date, until: Date): Promise<boolean> {
  const { covers } = await coversBetween(db, from, until, { activeOnly: true });
  return covers.some((c) => c.role === 'primary');
}
