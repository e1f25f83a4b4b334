// Records messages to send. Delivery (SMTP, signing, encryption) arrives with the messaging feature and
// reads the pending rows; until then the outbox is the visible record of every notification owed.
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
