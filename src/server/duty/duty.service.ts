// Use cases of the duty rota: plan and remove shifts, and answer "who is on duty at this instant?",
// falling back (documented on dutyOfficerAt) when no shift covers it. Paging lives in paging.ts.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { findActiveTeamMember, type findUserRowById } from '#server/users/users.service';
import { hoursEngine } from '#server/hours/hours.service';
import * as repo from './duty.repo';
import { coveringAt, coversBetween, firstPrimaryStarting } from './duty-cover';
import { DutyShiftInput, type DutyPerson, type DutyShift, type DutySource, type DutyState } from '#shared/duty/duty.schemas';

const DAY = 86_400_000;
/** How far ahead the rota is shown, and how far ahead the "next shift" fallback looks. */
const ROTA_WINDOW_MS = 14 * DAY;
const NEXT_SHIFT_HORIZON_MS = 7 * DAY;

export interface DutyOfficer extends DutyPerson {
  source: DutySource;
}

const person = (s: { userId: string; userName: string; userEmail: string; userRole: string }): DutyPerson => ({
  userId: s.userId,
  name: s.userName,
  email: s.userEmail,
  role: s.userRole,
});

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

/**
 * Who is on duty at `at`, and the backup, from one-off shifts and rota occurrences alike (a one-off shift
 * overrides rota occurrences of its role; see duty-cover.ts). When no primary covers `at`, in this order:
 * 1. the backup whose shift covers `at` (source 'backup');
 * 2. the primary of the shift covering the team's next opening (its operating hours, holidays and
 *    closures), else of the next primary shift within 7 days (source 'next-shift'): the person who
 *    will be on duty soonest, paged and e-mailed now rather than nobody;
 * 3. the longest-serving active lead, else admin (source 'lead'), who answers for the rota.
 * Pages that nobody acknowledges escalate to every lead (paging.ts), so a fallback never leaves an urgent
 * report unseen. Shifts of disabled users are ignored.
 */
export async function dutyAt(db: Db, at: Date): Promise<{ onDuty: DutyOfficer | null; backup: DutyPerson | null }> {
  const now = await coveringAt(db, at);
  const primary = now.find((s) => s.role === 'primary');
  const backup = now.find((s) => s.role === 'backup' && s.userId !== primary?.userId);
  if (primary) return { onDuty: { ...person(primary), source: 'shift' }, backup: backup ? person(backup) : null };
  if (backup) return { onDuty: { ...person(backup), source: 'backup' }, backup: null };

  const opening = (await hoursEngine(db)).nextOpening(at);
  const atOpening =
    opening && opening.getTime() > at.getTime() ? (await coveringAt(db, opening)).find((s) => s.role === 'primary') : undefined;
  const next = atOpening ?? (await firstPrimaryStarting(db, at, new Date(at.getTime() + NEXT_SHIFT_HORIZON_MS)));
  if (next) return { onDuty: { ...person(next), source: 'next-shift' }, backup: null };

  const [lead] = await repo.activeUsersWithRole(db, ['lead']);
  const [admin] = lead ? [] : await repo.activeUsersWithRole(db, ['admin']);
  const chosen = lead ?? admin;
  return {
    onDuty: chosen ? { userId: chosen.id, name: chosen.name, email: chosen.email, role: chosen.role, source: 'lead' } : null,
    backup: null,
  };
}

/** The duty officer at `at` (see dutyAt for the fallbacks); null only for a team with no lead, admin or shift. */
export async function dutyOfficerAt(db: Db, at: Date): Promise<DutyOfficer | null> {
  return (await dutyAt(db, at)).onDuty;
}

/** Everyone escalations go to: active leads, or admins when the team has no lead. */
export async function escalationContacts(db: Db): Promise<DutyPerson[]> {
  const leads = await repo.activeUsersWithRole(db, ['lead']);
  const chosen = leads.length ? leads : await repo.activeUsersWithRole(db, ['admin']);
  return chosen.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: u.role }));
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
