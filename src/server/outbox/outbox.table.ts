// Outgoing messages waiting for delivery. Features record what must be sent; the messaging feature delivers.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: ['email'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What the message is about, e.g. ('team-publication', '3'). */
    relatedType: text('related_type').notNull(),
    relatedId: text('related_id').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    lastError: text('last_error'),
    attempts: integer('attempts').notNull().default(0),
    /** While in the future, a delivery holds the message (or, after a failure, the next try waits until then). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** The Message-ID it was sent with: replies name it in In-Reply-To. */
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.createdAt),
    index('outbox_related_idx').on(t.relatedType, t.relatedId),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sent', 'failed')`),
    check('outbox_channel_check', sql`${t.channel} in ('email')`),
  ],
);

export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
