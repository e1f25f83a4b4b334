// Use cases of repeating duty rotas: create (weekly slots in the team's time zone, a validity period),
// remove, add an exception to one occurrence (another person, or cancelled), and the duty calendar of the
// coming weeks, where one-off shifts and rota occurrences appear together.
import { DateTime } from 'luxon';
import type { Ctx } from '../ctx';
import { AppError } from '../http/errors';
import { recordAudit } from '../audit/audit.service';
import * as repo from './duty.repo';
import { coversBetween, teamZone, type Cover } from './duty-cover';
import { dutyMember } from './duty.service';
import { expandRota, occurrenceOn, type RotaSlotSpec } from '#shared/duty/rota';
import {
  DutyRotaExceptionInput,
  DutyRotaInput,
  type DutyCalendar,
  type DutyCalendarQuery,
  type DutyEntry,
  type DutyRota,
  type DutyRotaException,
} from '#shared/duty/duty.schemas';

const DAY = 86_400_000;
/** How far ahead a new rota's primary slots are checked against the other rotas (two weekly cycles). */
const OVERLAP_CHECK_MS = 14 * DAY;

const toEntry = (c: Cover): DutyEntry => ({ kind: c.kind, id: c.id, rotaId: c.rotaId, rotaName: c.rotaName, date: c.date, userId: c.userId, userName: c.userName, role: c.role, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), replaced: c.replaced, overridden: c.overridden });

function toRota(r: { id: string; name: string; startsOn: string; endsOn: string | null; note: string | null; createdAt: Date }, slots: { id: string; weekdays: number[]; startTime: string; endTime: string; userId: string; userName: string; role: 'primary' | 'backup' }[]): DutyRota {
  return {
    id: r.id,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    slots: slots.map((s) => ({ id: s.id, weekdays: [...s.weekdays].sort(), startTime: s.startTime, endTime: s.endTime, userId: s.userId, userName: s.userName, role: s.role })),
  };
}

/** The first pair of overlapping primary occurrences among `candidate` slots and the others, over the check window. */
function primaryClash(zone: string, from: Date, rotas: { id: string; startsOn: string; endsOn: string | null }[], candidate: RotaSlotSpec[], others: RotaSlotSpec[]) {
  const until = new Date(from.getTime() + OVERLAP_CHECK_MS);
  const mine = expandRota(rotas, candidate, [], zone, from, until).filter((o) => o.role === 'primary');
  const theirs = expandRota(rotas, others, [], zone, from, until).filter((o) => o.role === 'primary');
  for (const [i, a] of mine.entries()) {
    const b = [...mine.slice(i + 1), ...theirs].find((o) => o.startsAt < a.endsAt && o.endsAt > a.startsAt);
    if (b) return { a, b };
  }
  return null;
}

export async function createRota(ctx: Ctx, input: DutyRotaInput): Promise<DutyRota> {
  const data = DutyRotaInput.parse(input);
  const people = new Map<string, Awaited<ReturnType<typeof dutyMember>>>();
  for (const [i, slot] of data.slots.entries()) {
    if (!people.has(slot.userId)) people.set(slot.userId, await dutyMember(ctx.db, slot.userId, `body.slots.${i}.userId`));
  }
  const zone = await teamZone(ctx.db);
  return ctx.db.transaction(async (tx) => {
    await repo.lockRota(tx);
    // Why: two primaries at once would make paging ambiguous, so primary slots may not overlap, within
    // the rota or with another rota's (checked over two weeks from the rota's start, or from today).
    const today = DateTime.fromJSDate(ctx.clock.now(), { zone }).toISODate() ?? data.startsOn;
    const checkFrom = DateTime.fromISO(data.startsOn > today ? data.startsOn : today, { zone }).toJSDate();
    const existing = await repo.rotasValidBetween(tx, data.startsOn, data.endsOn ?? '9999-12-31');
    const otherSlots = await repo.slotsOf(tx, existing.map((r) => r.id));
    const candidate: RotaSlotSpec[] = data.slots.map((s, i) => ({ id: `new-${i}`, rotaId: 'new', weekdays: s.weekdays, startTime: s.startTime, endTime: s.endTime, userId: s.userId, role: s.role }));
    const clash = primaryClash(zone, checkFrom, [...existing, { id: 'new', startsOn: data.startsOn, endsOn: data.endsOn ?? null }], candidate, otherSlots);
    if (clash) {
      const index = Number(clash.a.slotId.slice(4));
      const other = clash.b.rotaId === 'new' ? 'another slot of this rota' : `rota ${existing.find((r) => r.id === clash.b.rotaId)?.name ?? clash.b.rotaId}`;
      throw new AppError('shift-overlap', {
        detail: `The primary slot on ${clash.a.date} overlaps ${other} (${clash.b.startsAt.toISOString()} to ${clash.b.endsAt.toISOString()})`,
        fields: [{ path: `body.slots.${index}.startTime`, message: `Overlaps ${other}` }],
      });
    }
    const created = await repo.insertRota(tx, { name: data.name, startsOn: data.startsOn, endsOn: data.endsOn ?? null, note: data.note ?? null, createdAt: ctx.clock.now() }, data.slots.map((s) => ({ weekdays: s.weekdays, startTime: s.startTime, endTime: s.endTime, userId: s.userId, role: s.role })));
    await recordAudit(tx, ctx, { action: 'duty.rota-create', entity: ['duty-rota', created.rota.id], summary: { name: data.name, startsOn: data.startsOn, endsOn: data.endsOn ?? null, zone, slots: data.slots.map((s) => ({ ...s, email: people.get(s.userId)?.email })) } });
    return toRota(created.rota, created.slots.map((s) => ({ ...s, userName: people.get(s.userId)?.name ?? '' })));
  });
}

export async function deleteRota(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteRota(tx, id);
    if (!row) throw new AppError('not-found', { detail: `No duty rota ${id}` });
    await recordAudit(tx, ctx, { action: 'duty.rota-delete', entity: ['duty-rota', id], summary: { name: row.name, startsOn: row.startsOn, endsOn: row.endsOn } });
  });
}

export async function addRotaException(ctx: Ctx, rotaId: string, input: DutyRotaExceptionInput): Promise<DutyRotaException> {
  const data = DutyRotaExceptionInput.parse(input);
  const rota = await repo.findRota(ctx.db, rotaId);
  const slot = rota ? await repo.findSlot(ctx.db, rotaId, data.slotId) : null;
  if (!rota) throw new AppError('not-found', { detail: `No duty rota ${rotaId}` });
  if (!slot) throw new AppError('not-found', { detail: `No slot ${data.slotId} in rota ${rota.name}`, fields: [{ path: 'body.slotId', message: 'Unknown slot' }] });
  const zone = await teamZone(ctx.db);
  const inPeriod = data.date >= rota.startsOn && (rota.endsOn === null || data.date <= rota.endsOn);
  if (!inPeriod || !occurrenceOn(slot, data.date, zone)) {
    throw new AppError('validation-failed', { detail: `The slot has no occurrence on ${data.date}`, fields: [{ path: 'body.date', message: 'Not a day of this slot' }] });
  }
  const user = data.userId ? await dutyMember(ctx.db, data.userId, 'body.userId') : null;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertException(tx, { slotId: slot.id, onDate: data.date, userId: user?.id ?? null, note: data.note ?? null, createdAt: ctx.clock.now() });
    if (!row) throw new AppError('duty-exception-exists', { detail: `The occurrence of ${data.date} already has an exception`, fields: [{ path: 'body.date', message: 'Already changed' }] });
    await recordAudit(tx, ctx, { action: 'duty.rota-exception', entity: ['duty-rota', rotaId], summary: { slotId: slot.id, date: data.date, replacedBy: user?.email ?? null, cancelled: user === null } });
    return { id: row.id, slotId: row.slotId, date: row.onDate, userId: row.userId, userName: user?.name ?? null, note: row.note };
  });
}

/** The coming weeks: every shift and rota occurrence from now, the rotas in force, and their exceptions. */
export async function getDutyCalendar(ctx: Ctx, q: DutyCalendarQuery): Promise<DutyCalendar> {
  const from = ctx.clock.now();
  const until = new Date(from.getTime() + q.weeks * 7 * DAY);
  const { zone, covers } = await coversBetween(ctx.db, from, until);
  const [fromDate, untilDate] = [DateTime.fromJSDate(from, { zone }).minus({ days: 1 }).toISODate() ?? '', DateTime.fromJSDate(until, { zone }).toISODate() ?? ''];
  const rotas = await repo.rotasValidBetween(ctx.db, fromDate, '9999-12-31');
  const slots = await repo.slotsOf(ctx.db, rotas.map((r) => r.id));
  const exceptions = await repo.exceptionsOf(ctx.db, slots.map((s) => s.id), fromDate, untilDate);
  return {
    zone,
    from: from.toISOString(),
    until: until.toISOString(),
    rotas: rotas.map((r) => toRota(r, slots.filter((s) => s.rotaId === r.id))),
    entries: covers.map(toEntry),
    exceptions: exceptions.map((e) => ({ id: e.id, slotId: e.slotId, date: e.onDate, userId: e.userId, userName: e.userName, note: e.note })),
  };
}
