// Repeating duty rotas, pure: the occurrences of weekly slots (wall-clock times in the team's zone) within
// a window, with exceptions applied. Instants are Dates; DST is handled by luxon (a 22:00–06:00 night lasts
// 9 h when clocks go back and 7 h when they go forward).
import { DateTime } from 'luxon';

export interface RotaSlotSpec {
  id: string;
  rotaId: string;
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
  userId: string;
  role: 'primary' | 'backup';
}
export interface RotaSpec {
  id: string;
  startsOn: string;
  endsOn: string | null;
}
export interface RotaExceptionSpec {
  slotId: string;
  onDate: string;
  /** null cancels the occurrence. */
  userId: string | null;
}
export interface RotaOccurrence {
  slotId: string;
  rotaId: string;
  /** Local date (team zone) the occurrence starts on. */
  date: string;
  userId: string;
  role: 'primary' | 'backup';
  startsAt: Date;
  endsAt: Date;
  replaced: boolean;
}

const [HOUR, MINUTE] = [0, 1];
function wall(day: DateTime, time: string): DateTime {
  const parts = time.split(':').map(Number);
  // A wall time in the spring-forward gap moves forward with the clock change (luxon's rule).
  return day.set({ hour: parts[HOUR] ?? 0, minute: parts[MINUTE] ?? 0, second: 0, millisecond: 0 });
}

/** The occurrence of a slot starting on local `date`, or null when the slot does not run on that weekday. */
export function occurrenceOn(slot: RotaSlotSpec, date: string, zone: string): { startsAt: Date; endsAt: Date } | null {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid || !slot.weekdays.includes(day.weekday)) return null;
  const start = wall(day, slot.startTime);
  // Why: an end not later than the start is read as the next day, so a night slot is one occurrence.
  const end = slot.endTime > slot.startTime ? wall(day, slot.endTime) : wall(day.plus({ days: 1 }), slot.endTime);
  if (end <= start) return null;
  return { startsAt: start.toJSDate(), endsAt: end.toJSDate() };
}

/**
 * Occurrences of the slots overlapping [from, until), earliest first. An occurrence belongs to the local
 * date it starts on, within the rota's validity (startsOn..endsOn inclusive); exceptions replace its
 * person or cancel it (cancelled occurrences are left out).
 */
export function expandRota(
  rotas: readonly RotaSpec[],
  slots: readonly RotaSlotSpec[],
  exceptions: readonly RotaExceptionSpec[],
  zone: string,
  from: Date,
  until: Date,
): RotaOccurrence[] {
  const byRota = new Map(rotas.map((r) => [r.id, r]));
  const byKey = new Map(exceptions.map((e) => [`${e.slotId}/${e.onDate}`, e]));
  // A slot lasts at most 24 h, so an occurrence overlapping the window starts at most a day before it.
  const first = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromJSDate(until, { zone }).startOf('day');
  const out: RotaOccurrence[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate();
    if (!date) continue;
    for (const slot of slots) {
      const rota = byRota.get(slot.rotaId);
      if (!rota || date < rota.startsOn || (rota.endsOn !== null && date > rota.endsOn)) continue;
      const when = occurrenceOn(slot, date, zone);
      if (!when || when.endsAt <= from || when.startsAt >= until) continue;
      const exception = byKey.get(`${slot.id}/${date}`);
      if (exception && exception.userId === null) continue;
      const userId = exception?.userId ?? slot.userId;
      out.push({ slotId: slot.id, rotaId: slot.rotaId, date, userId, role: slot.role, ...when, replaced: userId !== slot.userId });
    }
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.role.localeCompare(b.role));
}
