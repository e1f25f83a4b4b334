// The duty rota: who is on duty when. The duty officer is paged for urgent reports and P1 incidents.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/users.table';

export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['primary', 'backup'] }).notNull().default('primary'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('duty_shifts_time_idx').on(t.startsAt, t.endsAt),
    check('duty_shifts_order_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('duty_shifts_role_check', sql`${t.role} in ('primary', 'backup')`),
  ],
);

export type DutyShiftRow = typeof dutyShifts.$inferSelect;
