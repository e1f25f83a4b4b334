// Use cases of repeating duty rotas: create (weekly slots in the team's time zone, a validity period),
// change, remove, add or remove an exception to one occurrence (another person, or cancelled), and the duty
// calendar of the coming weeks, where one-off shifts and rota occurrences appear together.
import { DateTime } from 'luxon';
import type { Ctx } from '#server/ctx';
import { AppError } from '#server/http/errors';
import { changes, recordAudit } from '#server/audit/audit.service';
import type { Db } from '#server/db/client';
import * as repo from './duty.repo';
import { coversBetween, teamZone, type Cover } from './duty-cover';
import { dutyMember } from './duty.service';
import { expandRota, occurrenceOn, type RotaSlotSpec } from '#shared/duty/rota';
import {
  DutyRotaExceptionInput,
  DutyRotaInput,
  DutyRotaUpdate,
  type DutyCalendar,
  type DutyCalendarQuery,
  type DutyEntry,
  type DutyRota,
  type DutyRotaException,
} from '#shared/duty/duty.schemas';

const DAY = 86_400_000;
/** How far ahead a new rota's primary slots are checked against the other rotas (two weekly cycles). */
const OVERLAP_CHECK_MS = 14 * DAY;

const toEntry = (c: Cover): DutyEntry => ({
  kind: c.kind,
  id: c.id,
  rotaId: c.rotaId,
  rotaName: c.rotaName,
  date: c.date,
  userId: c.userId,
  userName: c.userName,
  role: c.role,
  startsAt: c.startsAt.toISOString(),
  endsAt: c.endsAt.toISOString(),
  replaced: c.replaced,
  overridden: c.overridden,
});

function toRota(
  r: { id: string; name: string; startsOn: string; endsOn: string | null; note: string | null; createdAt: Date },
  slots: {
    id: string;
    weekdays: number[];
    startTime: string;
    endTime: string;
    userId: string;
    userName: string;
    role: 'primary' | 'backup';
  }[],
): DutyRota {
  return {
    id: r.id,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    slots: slots.map((s) => ({
      id: s.id,
      weekdays: [...s.weekdays].sort(),
      startTime: s.startTime,
      endTime: s.endTime,
      userId: s.userId,
      userName: s.userName,
      role: s.role,
    })),
  };
}

/** The first pair of overlapping primary occurrences among `candidate` slots and the others, over the check window. */
function primaryClash(
  zone: string,
  from: Date,
  rotas: { id: string; startsOn: string; endsOn: string | null }[],
  candidate: RotaSlotSpec[],
  others: RotaSlotSpec[],
) {
  const until = new Date(from.getTime() + OVERLAP_CHECK_MS);
  const mine = expandRota(rotas, candidate, [], zone, from, until).filter((o) => o.role === 'primary');
  const theirs = expandRota(rotas, others, [], zone, from, until).filter((o) => o.role === 'primary');
  for (const [i, a] of mine.entries()) {
    const b = [...mine.slice(i + 1), ...theirs].find((o) => o.startsAt < a.endsAt && o.endsAt > a.startsAt);
    if (b) return { a, b };
  }
  return null;
}

interface RotaShape {
  name: string;
  startsOn: string;
  endsOn: string | null;
  slots: { weekdays: number[]; startTime: string; endTime: string; userId: string; role: 'primary' | 'backup' }[];
}

/**
 * Refuses a rota (new, or `rotaId` as changed) whose primary slots overlap each other or another rota's.
 * Why: two primaries at once would make paging ambiguous, so primary slots may not overlap, within the rota
 * or with another rota's (checked over two weeks from the rota's start, or from today). Run under lockRota.
 */
async function checkPrimaryOverlap(tx: Db, ctx: Ctx, zone: string, rotaId: string | null, rota: RotaShape): Promise<void> {
  const self = rotaId ?? 'new';
  const today = DateTime.fromJSDate(ctx.clock.now(), { zone }).toISODate() ?? rota.startsOn;
  const checkFrom = DateTime.fromISO(rota.startsOn > today ? rota.startsOn : today, { zone }).toJSDate();
  const existing = (await repo.rotasValidBetween(tx, rota.startsOn, rota.endsOn ?? '9999-12-31')).filter((r) => r.id !== rotaId);
  const otherSlots = await repo.slotsOf(
    tx,
    existing.map((r) => r.id),
  );
  const candidate: RotaSlotSpec[] = rota.slots.map((s, i) => ({
    id: `slot-${i}`,
    rotaId: self,
    weekdays: s.weekdays,
    startTime: s.startTime,
    endTime: s.endTime,
    userId: s.userId,
    role: s.role,
  }));
  const clash = primaryClash(
    zone,
    checkFrom,
    [...existing, { id: self, startsOn: rota.startsOn, endsOn: rota.endsOn }],
    candidate,
    otherSlots,
  );
  if (!clash) return;
  const index = Number(clash.a.slotId.slice('slot-'.length));
  const otherRota = clash.b.rotaId === self ? null : (existing.find((r) => r.id === clash.b.rotaId)?.name ?? clash.b.rotaId);
  const other = otherRota === null ? 'another slot of this rota' : `rota ${otherRota}`;
  throw new AppError('shift-overlap', {
    detail: `The primary slot on ${clash.a.date} overlaps ${other} (${clash.b.startsAt.toISOString()} to ${clash.b.endsAt.toISOString()})`,
    fields: [
      otherRota === null
        ? { path: `body.slots.${index}.startTime`, message: `Overlaps ${other}`, code: 'overlaps_slot' }
        : { path: `body.slots.${index}.startTime`, message: `Overlaps ${other}`, code: 'overlaps_rota', params: { rota: otherRota } },
    ],
  });
}

/** The people of the slots, each an active team member (else a 400 naming the slot). */
async function slotPeople(ctx: Ctx, slots: readonly { userId: string }[]) {
  const people = new Map<string, Awaited<ReturnType<typeof dutyMember>>>();
  for (const [i, slot] of slots.entries()) {
    if (!people.has(slot.userId)) people.set(slot.userId, await dutyMember(ctx.db, slot.userId, `body.slots.${i}.userId`));
  }
  return people;
}

export async function createRota(ctx: Ctx, input: DutyRotaInput): Promise<DutyRota> {
  const data = DutyRotaInput.parse(input);
  const people = await slotPeople(ctx, data.slots);
  const zone = await teamZone(ctx.db);
  return ctx.db.transaction(async (tx) => {
    await repo.lockRota(tx);
    await checkPrimaryOverlap(tx, ctx, zone, null, { ...data, endsOn: data.endsOn ?? null });
    const created = await repo.insertRota(
      tx,
      { name: data.name, startsOn: data.startsOn, endsOn: data.endsOn ?? null, note: data.note ?? null, createdAt: ctx.clock.now() },
      data.slots.map((s) => ({ weekdays: s.weekdays, startTime: s.startTime, endTime: s.endTime, userId: s.userId, role: s.role })),
    );
    await recordAudit(tx, ctx, {
      action: 'duty.rota-create',
      entity: ['duty-rota', created.rota.id],
      summary: {
        name: data.name,
        startsOn: data.startsOn,
        endsOn: data.endsOn ?? null,
        zone,
        slots: data.slots.map((s) => ({ ...s, email: people.get(s.userId)?.email })),
      },
    });
    return toRota(
      created.rota,
      created.slots.map((s) => ({ ...s, userName: people.get(s.userId)?.name ?? '' })),
    );
  });
}

const slotText = (s: { weekdays: number[]; startTime: string; endTime: string; userId: string; role: string }) =>
  `${[...s.weekdays].sort().join(',')} ${s.startTime}-${s.endTime} ${s.role} ${s.userId}`;

/**
 * Changes a rota (see DutyRotaUpdate): the same checks as a new one, slots kept by id so that their exceptions
 * stay, and exceptions on dates the changed rota no longer covers removed. Audited with what changed.
 */
export async function updateRota(ctx: Ctx, id: string, input: DutyRotaUpdate): Promise<DutyRota> {
  const patch = DutyRotaUpdate.parse(input);
  const before = await repo.findRota(ctx.db, id);
  if (!before) throw new AppError('not-found', { detail: `No duty rota ${id}` });
  const startsOn = patch.startsOn ?? before.startsOn;
  const endsOn = patch.endsOn === undefined ? before.endsOn : patch.endsOn;
  if (endsOn !== null && endsOn < startsOn) {
    throw new AppError('validation-failed', {
      detail: `The rota would end (${endsOn}) before its first day (${startsOn})`,
      fields: [{ path: 'body.endsOn', message: 'The rota must end on or after its first day', code: 'ends_before_start' }],
    });
  }
  const beforeSlots = await repo.slotsOf(ctx.db, [id]);
  const slots =
    patch.slots ??
    beforeSlots.map((s) => ({
      id: s.id,
      weekdays: s.weekdays,
      startTime: s.startTime,
      endTime: s.endTime,
      userId: s.userId,
      role: s.role,
    }));
  for (const [i, slot] of slots.entries()) {
    if (slot.id && !beforeSlots.some((s) => s.id === slot.id)) {
      throw new AppError('validation-failed', {
        detail: `No slot ${slot.id} in rota ${before.name}`,
        fields: [{ path: `body.slots.${i}.id`, message: 'Unknown slot', code: 'unknown_slot' }],
      });
    }
  }
  const people = await slotPeople(ctx, slots);
  const zone = await teamZone(ctx.db);
  const after = { name: patch.name ?? before.name, startsOn, endsOn, note: patch.note === undefined ? before.note : patch.note };
  return ctx.db.transaction(async (tx) => {
    await repo.lockRota(tx);
    await checkPrimaryOverlap(tx, ctx, zone, id, { ...after, slots });
    const row = await repo.updateRota(tx, id, after);
    if (!row) throw new AppError('not-found', { detail: `No duty rota ${id}` });
    const kept = new Set(slots.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = beforeSlots.filter((s) => !kept.has(s.id));
    await repo.deleteSlots(
      tx,
      removed.map((s) => s.id),
    );
    const saved = await repo.saveSlots(
      tx,
      id,
      slots.map((s) => ({ id: s.id, weekdays: s.weekdays, startTime: s.startTime, endTime: s.endTime, userId: s.userId, role: s.role })),
    );
    // Exceptions of kept slots on a date the changed slot or period no longer covers would never apply: removed.
    const exceptions = await repo.exceptionsOf(tx, [...kept], '0001-01-01', '9999-12-31');
    const stale = exceptions.filter((e) => {
      const slot = saved.find((s) => s.id === e.slotId);
      const inPeriod = e.onDate >= startsOn && (endsOn === null || e.onDate <= endsOn);
      return !slot || !inPeriod || !occurrenceOn({ ...slot, rotaId: id }, e.onDate, zone);
    });
    await repo.deleteExceptions(
      tx,
      stale.map((e) => e.id),
    );
    const changed = changes(before, after);
    const slotsBefore = beforeSlots.map(slotText);
    const slotsAfter = saved.map(slotText);
    if (slotsBefore.join('|') !== slotsAfter.join('|')) changed.slots = [slotsBefore, slotsAfter];
    await recordAudit(tx, ctx, {
      action: 'duty.rota-update',
      entity: ['duty-rota', id],
      summary: { name: after.name, changes: changed, exceptionsRemoved: stale.map((e) => ({ slotId: e.slotId, date: e.onDate })) },
    });
    return toRota(
      row,
      saved.map((s) => ({ ...s, userName: people.get(s.userId)?.name ?? '' })),
    );
  });
}

export async function deleteRota(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteRota(tx, id);
    if (!row) throw new AppError('not-found', { detail: `No duty rota ${id}` });
    await recordAudit(tx, ctx, {
      action: 'duty.rota-delete',
      entity: ['duty-rota', id],
      summary: { name: row.name, startsOn: row.startsOn, endsOn: row.endsOn },
    });
  });
}

export async function addRotaException(ctx: Ctx, rotaId: string, input: DutyRotaExceptionInput): Promise<DutyRotaException> {
  const data = DutyRotaExceptionInput.parse(input);
  const rota = await repo.findRota(ctx.db, rotaId);
  const slot = rota ? await repo.findSlot(ctx.db, rotaId, data.slotId) : null;
  if (!rota) throw new AppError('not-found', { detail: `No duty rota ${rotaId}` });
  if (!slot)
    throw new AppError('not-found', {
      detail: `No slot ${data.slotId} in rota ${rota.name}`,
      fields: [{ path: 'body.slotId', message: 'Unknown slot', code: 'unknown_slot' }],
    });
  const zone = await teamZone(ctx.db);
  const inPeriod = data.date >= rota.startsOn && (rota.endsOn === null || data.date <= rota.endsOn);
  if (!inPeriod || !occurrenceOn(slot, data.date, zone)) {
    throw new AppError('validation-failed', {
      detail: `The slot has no occurrence on ${data.date}`,
      fields: [{ path: 'body.date', message: 'Not a day of this slot', code: 'not_slot_day' }],
    });
  }
  const user = data.userId ? await dutyMember(ctx.db, data.userId, 'body.userId') : null;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertException(tx, {
      slotId: slot.id,
      onDate: data.date,
      userId: user?.id ?? null,
      note: data.note ?? null,
      createdAt: ctx.clock.now(),
    });
    if (!row)
      throw new AppError('duty-exception-exists', {
        detail: `The occurrence of ${data.date} already has an exception`,
        fields: [{ path: 'body.date', message: 'Already changed', code: 'already_changed' }],
      });
    await recordAudit(tx, ctx, {
      action: 'duty.rota-exception',
      entity: ['duty-rota', rotaId],
      summary: { slotId: slot.id, date: data.date, replacedBy: user?.email ?? null, cancelled: user === null },
    });
    return { id: row.id, slotId: row.slotId, date: row.onDate, userId: row.userId, userName: user?.name ?? null, note: row.note };
  });
}

/** Removes an exception: the occurrence goes back to the slot's person. */
export async function deleteRotaException(ctx: Ctx, rotaId: string, exceptionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteException(tx, rotaId, exceptionId);
    if (!row) throw new AppError('not-found', { detail: `No exception ${exceptionId} in duty rota ${rotaId}` });
    await recordAudit(tx, ctx, {
      action: 'duty.rota-exception-delete',
      entity: ['duty-rota', rotaId],
      summary: { slotId: row.slotId, date: row.onDate, replacedBy: row.userId, cancelled: row.userId === null },
    });
  });
}

/** The coming weeks: every shift and rota occurrence from now, the rotas in force, and their exceptions. */
export async function getDutyCalendar(ctx: Ctx, q: DutyCalendarQuery): Promise<DutyCalendar> {
  const from = ctx.clock.now();
  const until = new Date(from.getTime() + q.weeks * 7 * DAY);
  const { zone, covers } = await coversBetween(ctx.db, from, until);
  const [fromDate, untilDate] = [
    DateTime.fromJSDate(from, { zone }).minus({ days: 1 }).toISODate() ?? '',
    DateTime.fromJSDate(until, { zone }).toISODate() ?? '',
  ];
  const rotas = await repo.rotasValidBetween(ctx.db, fromDate, '9999-12-31');
  const slots = await repo.slotsOf(
    ctx.db,
    rotas.map((r) => r.id),
  );
  const exceptions = await repo.exceptionsOf(
    ctx.db,
    slots.map((s) => s.id),
    fromDate,
    untilDate,
  );
  return {
    zone,
    from: from.toISOString(),
    until: until.toISOString(),
    rotas: rotas.map((r) =>
      toRota(
        r,
        slots.filter((s) => s.rotaId === r.id),
      ),
    ),
    entries: covers.map(toEntry),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      slotId: e.slotId,
      date: e.onDate,
      userId: e.userId,
      userName: e.userName,
      note: e.note,
    })),
  };
}
