// Every SQL statement of the outbox.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { outboxMessages, type OutboxMessageRow } from './outbox.table';

export async function insertMessages(db: Db, rows: (typeof outboxMessages.$inferInsert)[]): Promise<OutboxMessageRow[]> {
  if (!rows.length) return [];
  return db.insert(outboxMessages).values(rows).returning();
}

export async function listMessages(
  db: Db,
  filter: { relatedType?: string | undefined; relatedId?: string | undefined; limit: number },
): Promise<OutboxMessageRow[]> {
  const where = and(
    filter.relatedType ? eq(outboxMessages.relatedType, filter.relatedType) : undefined,
    filter.relatedId ? eq(outboxMessages.relatedId, filter.relatedId) : undefined,
  );
  return db.select().from(outboxMessages).where(where).orderBy(desc(outboxMessages.createdAt)).limit(filter.limit);
}
