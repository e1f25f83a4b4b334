// Every SQL statement about users.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { users, type UserRow } from './users.table';

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows[0] ?? null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function countUsers(db: Db): Promise<number> {
  const res = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return res[0]?.n ?? 0;
}

export async function countActiveAdmins(db: Db, exceptId?: string): Promise<number> {
  const where = and(eq(users.role, 'admin'), isNull(users.disabledAt), exceptId ? ne(users.id, exceptId) : undefined);
  const res = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(where);
  return res[0]?.n ?? 0;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new Error('update found no row');
  return row;
}

/** Locks the user row for the rest of the transaction (read-modify-write of counters). */
export async function lockUser(db: Db, id: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id)).for('update');
  return rows[0] ?? null;
}

export async function localesOf(db: Db, ids: string[]): Promise<Map<string, UserRow['locale']>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: users.id, locale: users.locale }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.locale]));
}
