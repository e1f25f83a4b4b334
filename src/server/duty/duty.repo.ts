// Every SQL statement of the duty rota: shifts (with their person, joined through the user foreign key),
// overlap checks, the shifts covering an instant or starting after it, and the active leads (fallback).
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { users } from '#server/users/users.table';
import {
  dutyRotaExceptions,
  dutyRotaSlots,
  dutyRotas,
  dutyShifts,
  type DutyRotaExceptionRow,
  type DutyRotaRow,
  type DutyRotaSlotRow,
  type DutyShiftRow,
} from './duty.table';

export interface ShiftWithPerson extends DutyShiftRow {
  userName: string;
  userEmail: string;
  userRole: string;
}

const withPerson = { s: dutyShifts, userName: users.name, userEmail: users.email, userRole: users.role };
const flatten = (r: { s: DutyShiftRow; userName: string; userEmail: string; userRole: string }): ShiftWithPerson => ({
  ...r.s,
  userName: r.userName,
  userEmail: r.userEmail,
  userRole: r.userRole,
});

async function selectShifts(db: Db, where: SQL | undefined, limit = 500): Promise<ShiftWithPerson[]> {
  const rows = await db
    .select(withPerson)
    .from(dutyShifts)
    .innerJoin(users, eq(users.id, dutyShifts.userId))
    .where(where)
    .orderBy(asc(dutyShifts.startsAt), asc(dutyShifts.role))
    .limit(limit);
  return rows.map(flatten);
}

/** Serialises rota changes until the transaction ends, so two overlapping primary shifts cannot both pass the check. */
export async function lockRota(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tocsin.duty_shifts'))`);
}

export async function insertShift(db: Db, values: typeof dutyShifts.$inferInsert): Promise<DutyShiftRow> {
  const [row] = await db.insert(dutyShifts).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function deleteShift(db: Db, id: string): Promise<DutyShiftRow | null> {
  const [row] = await db.delete(dutyShifts).where(eq(dutyShifts.id, id)).returning();
  return row ?? null;
}

/** Shifts of that role overlapping [startsAt, endsAt) (half-open: a shift may start when another ends). */
export async function overlapping(db: Db, role: DutyShiftRow['role'], startsAt: Date, endsAt: Date): Promise<ShiftWithPerson[]> {
  return selectShifts(db, and(eq(dutyShifts.role, role), lt(dutyShifts.startsAt, endsAt), gt(dutyShifts.endsAt, startsAt)), 5);
}

/** Shifts of active users covering the instant `at`. */
export async function covering(db: Db, at: Date): Promise<ShiftWithPerson[]> {
  return selectShifts(db, and(lte(dutyShifts.startsAt, at), gt(dutyShifts.endsAt, at), isNull(users.disabledAt)));
}

/** Shifts ending after `from` and starting before `until` (of active users only when asked), earliest first. */
export async function upcoming(db: Db, from: Date, until: Date, activeOnly = false): Promise<ShiftWithPerson[]> {
  return selectShifts(
    db,
    and(gt(dutyShifts.endsAt, from), lt(dutyShifts.startsAt, until), activeOnly ? isNull(users.disabledAt) : undefined),
  );
}

/** Active users with one of these roles, longest-serving first (a stable choice for the fallback). */
export async function activeUsersWithRole(
  db: Db,
  roles: (typeof users.$inferSelect.role)[],
): Promise<{ id: string; name: string; email: string; role: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, roles), isNull(users.disabledAt), ne(users.role, 'constituent')))
    .orderBy(asc(users.createdAt), asc(users.email));
}

export interface SlotWithPerson extends DutyRotaSlotRow {
  userName: string;
  userEmail: string;
  userRole: string;
  userDisabled: boolean;
}
export interface ExceptionWithPerson extends DutyRotaExceptionRow {
  userName: string | null;
  userEmail: string | null;
  userRole: string | null;
  userDisabled: boolean;
}

export async function insertRota(
  db: Db,
  values: typeof dutyRotas.$inferInsert,
  slots: Omit<typeof dutyRotaSlots.$inferInsert, 'rotaId' | 'position'>[],
): Promise<{ rota: DutyRotaRow; slots: DutyRotaSlotRow[] }> {
  const [rota] = await db.insert(dutyRotas).values(values).returning();
  if (!rota) throw new Error('insert returned nothing');
  const rows = await db
    .insert(dutyRotaSlots)
    .values(slots.map((s, position) => ({ ...s, rotaId: rota.id, position })))
    .returning();
  return { rota, slots: rows };
}

export async function deleteRota(db: Db, id: string): Promise<DutyRotaRow | null> {
  const [row] = await db.delete(dutyRotas).where(eq(dutyRotas.id, id)).returning();
  return row ?? null;
}

export async function findRota(db: Db, id: string): Promise<DutyRotaRow | null> {
  const [row] = await db.select().from(dutyRotas).where(eq(dutyRotas.id, id));
  return row ?? null;
}

/** Rotas valid on some day of [fromDate, untilDate] (local dates), oldest first. */
export async function rotasValidBetween(db: Db, fromDate: string, untilDate: string): Promise<DutyRotaRow[]> {
  return db
    .select()
    .from(dutyRotas)
    .where(and(lte(dutyRotas.startsOn, untilDate), or(isNull(dutyRotas.endsOn), gte(dutyRotas.endsOn, fromDate))))
    .orderBy(asc(dutyRotas.createdAt), asc(dutyRotas.id))
    .limit(200);
}

/** The slots of these rotas with their person. */
export async function slotsOf(db: Db, rotaIds: string[]): Promise<SlotWithPerson[]> {
  if (!rotaIds.length) return [];
  const rows = await db
    .select({ s: dutyRotaSlots, userName: users.name, userEmail: users.email, userRole: users.role, disabledAt: users.disabledAt })
    .from(dutyRotaSlots)
    .innerJoin(users, eq(users.id, dutyRotaSlots.userId))
    .where(inArray(dutyRotaSlots.rotaId, rotaIds))
    .orderBy(asc(dutyRotaSlots.rotaId), asc(dutyRotaSlots.position), asc(dutyRotaSlots.id));
  return rows.map((r) => ({
    ...r.s,
    userName: r.userName,
    userEmail: r.userEmail,
    userRole: r.userRole,
    userDisabled: r.disabledAt !== null,
  }));
}

/** Exceptions of these slots on local dates within [fromDate, untilDate], with the replacement person. */
export async function exceptionsOf(db: Db, slotIds: string[], fromDate: string, untilDate: string): Promise<ExceptionWithPerson[]> {
  if (!slotIds.length) return [];
  const rows = await db
    .select({ e: dutyRotaExceptions, userName: users.name, userEmail: users.email, userRole: users.role, disabledAt: users.disabledAt })
    .from(dutyRotaExceptions)
    .leftJoin(users, eq(users.id, dutyRotaExceptions.userId))
    .where(
      and(inArray(dutyRotaExceptions.slotId, slotIds), gte(dutyRotaExceptions.onDate, fromDate), lte(dutyRotaExceptions.onDate, untilDate)),
    )
    .orderBy(asc(dutyRotaExceptions.onDate), asc(dutyRotaExceptions.id));
  return rows.map((r) => ({
    ...r.e,
    userName: r.userName,
    userEmail: r.userEmail,
    userRole: r.userRole,
    userDisabled: r.disabledAt !== null,
  }));
}

export async function findSlot(db: Db, rotaId: string, slotId: string): Promise<DutyRotaSlotRow | null> {
  const [row] = await db
    .select()
    .from(dutyRotaSlots)
    .where(and(eq(dutyRotaSlots.id, slotId), eq(dutyRotaSlots.rotaId, rotaId)));
  return row ?? null;
}

/** Inserts the exception, or returns null when that occurrence already has one. */
export async function insertException(db: Db, values: typeof dutyRotaExceptions.$inferInsert): Promise<DutyRotaExceptionRow | null> {
  const [row] = await db.insert(dutyRotaExceptions).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateRota(
  db: Db,
  id: string,
  values: Pick<typeof dutyRotas.$inferInsert, 'name' | 'startsOn' | 'endsOn' | 'note'>,
): Promise<DutyRotaRow | null> {
  const [row] = await db.update(dutyRotas).set(values).where(eq(dutyRotas.id, id)).returning();
  return row ?? null;
}

export async function deleteSlots(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(dutyRotaSlots).where(inArray(dutyRotaSlots.id, ids));
}

/** Updates the slots that carry an id (of this rota) and inserts the others; returns them all in the given order. */
export async function saveSlots(
  db: Db,
  rotaId: string,
  slots: (Omit<typeof dutyRotaSlots.$inferInsert, 'rotaId' | 'id' | 'position'> & { id?: string | undefined })[],
): Promise<DutyRotaSlotRow[]> {
  const out: DutyRotaSlotRow[] = [];
  for (const [position, { id, ...rest }] of slots.entries()) {
    const values = { ...rest, position };
    const [row] = id
      ? await db
          .update(dutyRotaSlots)
          .set(values)
          .where(and(eq(dutyRotaSlots.id, id), eq(dutyRotaSlots.rotaId, rotaId)))
          .returning()
      : await db
          .insert(dutyRotaSlots)
          .values({ ...values, rotaId })
          .returning();
    if (!row) throw new Error(`slot ${id ?? '(new)'} not saved`);
    out.push(row);
  }
  return out;
}

export async function deleteExceptions(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(dutyRotaExceptions).where(inArray(dutyRotaExceptions.id, ids));
}

/** Deletes the exception when it belongs to a slot of that rota; null otherwise. */
export async function deleteException(db: Db, rotaId: string, exceptionId: string): Promise<DutyRotaExceptionRow | null> {
  const ofRota = db.select({ id: dutyRotaSlots.id }).from(dutyRotaSlots).where(eq(dutyRotaSlots.rotaId, rotaId));
  const [row] = await db
    .delete(dutyRotaExceptions)
    .where(and(eq(dutyRotaExceptions.id, exceptionId), inArray(dutyRotaExceptions.slotId, ofRota)))
    .returning();
  return row ?? null;
}
