// The SQL of signing in: the live session behind a cookie and its account, in one query (every request runs it).
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { sessions, type SessionRow } from '#server/sessions/sessions.table';
import { users, type UserRow } from '#server/users/users.table';

/** The live session with this id and its user, in one query. */
export async function findLiveSession(db: Db, id: string, now: Date): Promise<{ session: SessionRow; user: UserRow } | null> {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return rows[0] ?? null;
}
