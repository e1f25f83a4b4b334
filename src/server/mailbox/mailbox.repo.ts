// Every SQL statement of the mailbox. Messages are the team's: only team members read them (routes), and a
// message on a report or incident is shown with it only to whoever may see that item (the visibility policy).
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { itemScope, type Viewer } from '#server/policy/visibility';
import { reports } from '#server/reports/reports.table';
import { incidents } from '#server/incidents/incidents.table';
import { mailMessages, type MailMessageRow } from './mailbox.table';

export async function insertMessage(db: Db, values: typeof mailMessages.$inferInsert): Promise<MailMessageRow> {
  const [row] = await db.insert(mailMessages).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findMessage(db: Db, id: string): Promise<MailMessageRow | null> {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row ?? null;
}

export async function updateMessage(db: Db, id: string, patch: Partial<typeof mailMessages.$inferInsert>): Promise<MailMessageRow> {
  const [row] = await db.update(mailMessages).set(patch).where(eq(mailMessages.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

/**
 * Takes the message for processing until `until` (a lease): null when it needs none (processed, ignored) or another
 * worker holds it. Why a lease rather than a lock: processing reads files and keys between its transactions.
 */
export async function claimMessage(db: Db, id: string, now: Date, until: Date): Promise<MailMessageRow | null> {
  const [row] = await db
    .update(mailMessages)
    .set({ leaseUntil: until })
    .where(
      and(
        eq(mailMessages.id, id),
        inArray(mailMessages.status, ['received', 'quarantined']),
        or(isNull(mailMessages.leaseUntil), lt(mailMessages.leaseUntil, now)),
      ),
    )
    .returning();
  return row ?? null;
}

/** Received messages not processed yet, received before `before` and held by no one (a crash or a stop interrupted them). */
export async function pendingIds(db: Db, before: Date, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.status, 'received'),
        lt(mailMessages.receivedAt, before),
        or(isNull(mailMessages.leaseUntil), lt(mailMessages.leaseUntil, now)),
      ),
    )
    .orderBy(asc(mailMessages.receivedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The report or incident an earlier message with one of these Message-IDs is on (the latest such message). */
export async function threadOf(db: Db, messageIds: string[]): Promise<{ reportId: string | null; incidentId: string | null } | null> {
  if (!messageIds.length) return null;
  const [row] = await db
    .select({ reportId: mailMessages.reportId, incidentId: mailMessages.incidentId })
    .from(mailMessages)
    .where(
      and(
        inArray(mailMessages.messageId, messageIds),
        or(sql`${mailMessages.reportId} is not null`, sql`${mailMessages.incidentId} is not null`),
      ),
    )
    .orderBy(desc(mailMessages.receivedAt))
    .limit(1);
  return row ?? null;
}

export interface MessageFilter {
  status?: MailMessageRow['status'] | undefined;
  direction?: MailMessageRow['direction'] | undefined;
  /** Only messages on no report or incident. */
  unthreaded?: boolean | undefined;
  reportId?: string | undefined;
  id?: string | undefined;
  before?: { receivedAt: Date; id: string } | undefined;
  limit: number;
}

/**
 * Messages newest first. A message on a report is listed only if `viewer` may see the report (the visibility
 * policy, as for the report itself); messages on no report are the team's (the route requires a team role).
 */
export async function listMessages(db: Db, viewer: Viewer, f: MessageFilter): Promise<MailMessageRow[]> {
  const reportScope = itemScope(viewer, reports) ?? sql`true`;
  const incidentScope = itemScope(viewer, incidents) ?? sql`true`;
  const where: SQL[] = [
    sql`(${mailMessages.reportId} is null or exists (select 1 from ${reports} where ${reports.id} = ${mailMessages.reportId} and ${reportScope}))`,
    sql`(${mailMessages.incidentId} is null or exists (select 1 from ${incidents} where ${incidents.id} = ${mailMessages.incidentId} and ${incidentScope}))`,
  ];
  if (f.status) where.push(eq(mailMessages.status, f.status));
  if (f.direction) where.push(eq(mailMessages.direction, f.direction));
  if (f.unthreaded) where.push(sql`${mailMessages.reportId} is null and ${mailMessages.incidentId} is null`);
  if (f.reportId) where.push(eq(mailMessages.reportId, f.reportId));
  if (f.id) where.push(eq(mailMessages.id, f.id));
  if (f.before)
    where.push(
      sql`(${mailMessages.receivedAt}, ${mailMessages.id}) < (${f.before.receivedAt.toISOString()}::timestamptz, ${f.before.id}::uuid)`,
    );
  return db
    .select()
    .from(mailMessages)
    .where(and(...where))
    .orderBy(desc(mailMessages.receivedAt), desc(mailMessages.id))
    .limit(f.limit);
}
