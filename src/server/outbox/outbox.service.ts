// Records messages to send, and is the record of each: pending, sent (with its Message-ID) or failed (with the last
// error). The mailbox delivers them (mailbox/outbound.ts: signed, encrypted where it can be, retried on failure).
import type { Db } from '#server/db/client';
import type { Ctx } from '#server/ctx';
import * as repo from './outbox.repo';
import type { OutboxMessageRow } from './outbox.table';

export interface OutgoingEmail {
  recipient: string;
  subject: string;
  body: string;
  related: [type: string, id: string];
}

export async function queueEmails(tx: Db, messages: OutgoingEmail[]): Promise<OutboxMessageRow[]> {
  return repo.insertMessages(
    tx,
    messages.map((m) => ({
      channel: 'email' as const,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      relatedType: m.related[0],
      relatedId: m.related[1],
    })),
  );
}

export async function listOutbox(
  ctx: Ctx,
  filter: { relatedType?: string; relatedId?: string; limit?: number } = {},
): Promise<OutboxMessageRow[]> {
  return repo.listMessages(ctx.db, { relatedType: filter.relatedType, relatedId: filter.relatedId, limit: filter.limit ?? 100 });
}

/** Pending messages taken for delivery until `until` (see outbox.repo claimPending). */
export const unsafeClaimPending = (db: Db, now: Date, until: Date, limit: number): Promise<OutboxMessageRow[]> =>
  repo.claimPending(db, now, until, limit);
export const unsafeMarkSent = (db: Db, id: string, messageId: string, at: Date): Promise<void> => repo.markSent(db, id, messageId, at);
export const unsafeMarkFailed = (db: Db, id: string, error: string, retryAt: Date | null): Promise<void> =>
  repo.markFailed(db, id, error, retryAt);
