// In-app notifications (pages, escalations, breach warnings): visible in the UI now; e-mail copies go
// through the outbox and are delivered when messaging lands.
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MessageParams } from '#shared/messages';
import { users } from '#server/users/users.table';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['page', 'escalation', 'sla-warning', 'sla-breach', 'assignment'] }).notNull(),
    subjectType: text('subject_type', { enum: ['report', 'incident'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The text in the recipient's language when it was written; what API clients and rows older than keys show. */
    message: text('message').notNull(),
    /** The same message as an i18n key with parameters (#shared/messages), rendered by the web in the reader's language. */
    messageKey: text('message_key'),
    messageParams: jsonb('message_params').$type<MessageParams>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.acknowledgedAt),
    index('notifications_subject_idx').on(t.subjectType, t.subjectId),
    check('notifications_kind_check', sql`${t.kind} in ('page', 'escalation', 'sla-warning', 'sla-breach', 'assignment')`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
