// Every SQL statement about notifications: insert, list one user's, acknowledge, and the escalation lookups.
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { notifications, type NotificationRow } from './notifications.table';

export async function insertNotifications(db: Db, values: (typeof notifications.$inferInsert)[]): Promise<NotificationRow[]> {
  if (!values.length) return [];
  return db.insert(notifications).values(values).returning();
}

export async function listForUser(db: Db, userId: string, limit: number): Promise<{ rows: NotificationRow[]; unacknowledged: number }> {
  const [rows, open] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(sql`(${notifications.acknowledgedAt} is null) desc`, desc(notifications.createdAt))
      .limit(limit),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.acknowledgedAt))),
  ]);
  return { rows, unacknowledged: open[0]?.n ?? 0 };
}

/** Whoever it belongs to: for jobs. */
export async function unsafeFindNotification(db: Db, id: string): Promise<NotificationRow | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row ?? null;
}

/** Acknowledges the user's own notification; keeps the first acknowledgement time. */
export async function acknowledge(db: Db, userId: string, id: string, at: Date): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ acknowledgedAt: sql`coalesce(${notifications.acknowledgedAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row ?? null;
}

/** Whoever they were sent to: for jobs and tests. */
export async function unsafeListForSubject(
  db: Db,
  subjectType: NotificationRow['subjectType'],
  subjectId: string,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.subjectType, subjectType), eq(notifications.subjectId, subjectId)))
    .orderBy(asc(notifications.createdAt));
}
