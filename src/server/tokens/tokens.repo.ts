// Every SQL statement about API tokens.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { users, type UserRow } from '#server/users/users.table';
import { apiTokens, type ApiTokenRow } from './tokens.table';

export type TokenWithUser = { token: ApiTokenRow; user: UserRow };

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function listTokens(db: Db): Promise<TokenWithUser[]> {
  return db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function findToken(db: Db, id: string): Promise<TokenWithUser | null> {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.id, id));
  return rows[0] ?? null;
}

export async function findActiveTokenByHash(db: Db, hash: string): Promise<TokenWithUser | null> {
  const rows = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  return rows[0] ?? null;
}

export async function revokeToken(db: Db, id: string, at: Date): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${at})` })
    .where(eq(apiTokens.id, id))
    .returning();
  return row ?? null;
}

export async function touchToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}
