// Every SQL statement of the duty rota: shifts (with their person, joined through the user foreign key),
// overlap checks, the shifts covering an instant or starting after it, and the active leads (fallback).
import { and, asc, eq, gt, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../users/users.table';
import { dutyShifts, type DutyShiftRow } from './duty.table';

export interface ShiftWithPerson extends DutyShiftRow {
  userName: string;
  userEmail: string;
  userRole: string;
}

const withPerson = { s: dutyShifts, userName: users.name, userEmail: users.email, userRole: users.role };
const flatten = (r: { s: DutyShiftRow; userName: string; userEmail: string; userRole: string }): ShiftWithPerson => ({ ...r.s, userName: r.userName, userEmail: r.userEmail, userRole: r.userRole });

async function selectShifts(db: Db, where: SQL | undefined, limit = 500): Promise<ShiftWithPerson[]> {
  const rows = await db.select(withPerson).from(dutyShifts).innerJoin(users, eq(users.id, dutyShifts.userId)).where(where).orderBy(asc(dutyShifts.startsAt), asc(dutyShifts.role)).limit(limit);
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

/** The earliest shift of that role of an active user starting in [from, until). */
export async function firstStarting(db: Db, role: DutyShiftRow['role'], from: Date, until: Date): Promise<ShiftWithPerson | null> {
  const [row] = await selectShifts(db, and(eq(dutyShifts.role, role), gt(dutyShifts.startsAt, from), lt(dutyShifts.startsAt, until), isNull(users.disabledAt)), 1);
  return row ?? null;
}

/** Shifts ending after `from` and starting before `until`, earliest first. */
export async function upcoming(db: Db, from: Date, until: Date): Promise<ShiftWithPerson[]> {
  return selectShifts(db, and(gt(dutyShifts.endsAt, from), lt(dutyShifts.startsAt, until)));
}

/** Active users with one of these roles, longest-serving first (a stable choice for the fallback). */
export async function activeUsersWithRole(db: Db, roles: (typeof users.$inferSelect.role)[]): Promise<{ id: string; name: string; email: string; role: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, roles), isNull(users.disabledAt), ne(users.role, 'constituent')))
    .orderBy(asc(users.createdAt), asc(users.email));
}
