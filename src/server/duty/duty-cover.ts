// Who covers which time: one-off shifts and occurrences of repeating rotas, merged. A one-off shift of a
// role overrides rota occurrences of that role for the time it covers. Used by "who is on duty at T"
// (duty.service.ts, hence paging) and by the duty calendar, so both answer alike.
import { DateTime } from 'luxon';
import type { Db } from '#server/db/client';
import { teamHours } from '#server/team/team.service';
import * as repo from './duty.repo';
import { expandRota } from '#shared/duty/rota';
import type { DutyRole } from '#shared/duty/duty.schemas';

export interface Cover {
  kind: 'shift' | 'rota';
  /** Shift id, or slot id for a rota occurrence. */
  id: string;
  rotaId: string | null;
  rotaName: string | null;
  date: string | null;
  userId: string;
  userName: string;
  userEmail: string;
  userRole: string;
  role: DutyRole;
  startsAt: Date;
  endsAt: Date;
  note: string | null;
  replaced: boolean;
  overridden: boolean;
}

export const teamZone = async (db: Db): Promise<string> => (await teamHours(db)).timeZone;

const localDate = (at: Date, zone: string, days = 0): string => DateTime.fromJSDate(at, { zone }).plus({ days }).toISODate() ?? '';

/** Rota occurrences overlapping [from, until) of active users, with exceptions applied (not yet overridden). */
export async function rotaOccurrences(db: Db, from: Date, until: Date, zone?: string): Promise<{ zone: string; covers: Cover[] }> {
  const z = zone ?? (await teamZone(db));
  const [firstDate, lastDate] = [localDate(from, z, -1), localDate(until, z)];
  const rotas = await repo.rotasValidBetween(db, firstDate, lastDate);
  if (!rotas.length) return { zone: z, covers: [] };
  const slots = await repo.slotsOf(
    db,
    rotas.map((r) => r.id),
  );
  const exceptions = await repo.exceptionsOf(
    db,
    slots.map((s) => s.id),
    firstDate,
    lastDate,
  );
  const names = new Map(rotas.map((r) => [r.id, r.name]));
  const people = new Map<string, { name: string; email: string; role: string; disabled: boolean }>();
  for (const s of slots) people.set(s.userId, { name: s.userName, email: s.userEmail, role: s.userRole, disabled: s.userDisabled });
  for (const e of exceptions)
    if (e.userId && e.userName !== null && e.userEmail !== null && e.userRole !== null)
      people.set(e.userId, { name: e.userName, email: e.userEmail, role: e.userRole, disabled: e.userDisabled });
  const covers: Cover[] = [];
  for (const o of expandRota(rotas, slots, exceptions, z, from, until)) {
    const p = people.get(o.userId);
    // Why: a disabled account is never paged, whether its duty comes from a shift or a rota.
    if (!p || p.disabled) continue;
    covers.push({
      kind: 'rota',
      id: o.slotId,
      rotaId: o.rotaId,
      rotaName: names.get(o.rotaId) ?? null,
      date: o.date,
      userId: o.userId,
      userName: p.name,
      userEmail: p.email,
      userRole: p.role,
      role: o.role,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      note: null,
      replaced: o.replaced,
      overridden: false,
    });
  }
  return { zone: z, covers };
}

const fromShift = (s: repo.ShiftWithPerson): Cover => ({
  kind: 'shift',
  id: s.id,
  rotaId: null,
  rotaName: null,
  date: null,
  userId: s.userId,
  userName: s.userName,
  userEmail: s.userEmail,
  userRole: s.userRole,
  role: s.role,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  note: s.note,
  replaced: false,
  overridden: false,
});

/**
 * Every shift and rota occurrence overlapping [from, until), earliest first; rota occurrences overlapped by
 * a one-off shift of the same role are marked `overridden` (they do not count where the shift covers).
 */
export async function coversBetween(
  db: Db,
  from: Date,
  until: Date,
  opts: { activeOnly?: boolean } = {},
): Promise<{ zone: string; covers: Cover[] }> {
  const [shifts, rota] = await Promise.all([repo.upcoming(db, from, until, opts.activeOnly ?? false), rotaOccurrences(db, from, until)]);
  const oneOff = shifts.map(fromShift);
  const covers = [
    ...oneOff,
    ...rota.covers.map((c) => ({
      ...c,
      overridden: oneOff.some((s) => s.role === c.role && s.startsAt < c.endsAt && s.endsAt > c.startsAt),
    })),
  ];
  covers.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.role.localeCompare(b.role) || a.kind.localeCompare(b.kind));
  return { zone: rota.zone, covers };
}

/** Who covers the instant `at` (active users only): one-off shifts first, then rota occurrences of roles no shift covers. */
export async function coveringAt(db: Db, at: Date): Promise<Cover[]> {
  const shifts = (await repo.covering(db, at)).map(fromShift);
  const { covers } = await rotaOccurrences(db, at, new Date(at.getTime() + 1));
  const rota = covers.filter((c) => c.startsAt <= at && c.endsAt > at && !shifts.some((s) => s.role === c.role));
  return [...shifts, ...rota];
}

/** The earliest primary cover of an active user starting in (from, until): a shift or a rota occurrence not set aside by a shift. */
export async function firstPrimaryStarting(db: Db, from: Date, until: Date): Promise<Cover | null> {
  const { covers } = await coversBetween(db, from, until, { activeOnly: true });
  return covers.find((c) => c.role === 'primary' && c.startsAt > from && c.startsAt < until && !c.overridden) ?? null;
}
