// Every SQL statement of the outbox.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
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

/**
 * Takes up to `limit` pending messages for delivery until `until` (a lease, oldest first): no other delivery, on
 * any instance, takes them meanwhile. A message whose lease ran out (a delivery that died) is taken again.
 */
export async function claimPending(db: Db, now: Date, until: Date, limit: number): Promise<OutboxMessageRow[]> {
  return db
    .update(outboxMessages)
    .set({ leaseUntil: until })
    .where(
      inArray(
        outboxMessages.id,
        db
          .select({ id: outboxMessages.id })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.status, 'pending'), or(isNull(outboxMessages.leaseUntil), lt(outboxMessages.leaseUntil, now))))
          .orderBy(asc(outboxMessages.createdAt))
          .limit(limit)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
}

export async function markSent(db: Db, id: string, messageId: string, at: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: at, messageId, leaseUntil: null, lastError: null, attempts: sql`${outboxMessages.attempts} + 1` })
    .where(eq(outboxMessages.id, id));
}

/** A failed try: tried again after `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(db: Db, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: retryAt ? 'pending' : 'failed',
      lastError: error.slice(0, 2000),
      leaseUntil: retryAt,
      attempts: sql`${outboxMessages.attempts} + 1`,
    })
    .where(eq(outboxMessages.id, id));
}
