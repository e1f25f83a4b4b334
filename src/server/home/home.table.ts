// Team-wide settings of the home page, one row: whether a lead or admin hid the first-use checklist, and who.
import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '#server/users/users.table';

export const homeSettings = pgTable(
  'home_settings',
  {
    // Always true: the check keeps the table to a single row.
    id: boolean('id').primaryKey().default(true),
    checklistHiddenAt: timestamp('checklist_hidden_at', { withTimezone: true }),
    checklistHiddenBy: uuid('checklist_hidden_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('home_settings_single_row_check', sql`${t.id}`)],
);

export type HomeSettingsRow = typeof homeSettings.$inferSelect;
