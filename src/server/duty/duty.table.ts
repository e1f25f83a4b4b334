// The duty rota: who is on duty when. The duty officer is paged for urgent reports and P1 incidents.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '#server/users/users.table';

export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['primary', 'backup'] })
      .notNull()
      .default('primary'),
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

/**
 * A repeating rota: a weekly pattern of slots valid from `startsOn` (until `endsOn`, inclusive, when set).
 * Slot times are wall-clock times in the team's time zone (its operating hours), so 09:00 stays 09:00 across DST.
 */
export const dutyRotas = pgTable(
  'duty_rotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('duty_rotas_period_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)],
);

/** One slot of a rota's week: on these ISO weekdays (1 = Monday), from `startTime` to `endTime` (the next day when not later). */
export const dutyRotaSlots = pgTable(
  'duty_rota_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rotaId: uuid('rota_id')
      .notNull()
      .references(() => dutyRotas.id, { onDelete: 'cascade' }),
    weekdays: jsonb('weekdays').$type<number[]>().notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['primary', 'backup'] })
      .notNull()
      .default('primary'),
    /** The slot's place in the rota as its editor ordered it (0 first). */
    position: integer('position').notNull().default(0),
  },
  (t) => [index('duty_rota_slots_rota_idx').on(t.rotaId), check('duty_rota_slots_role_check', sql`${t.role} in ('primary', 'backup')`)],
);

/** An exception to one occurrence of a slot (the local date it starts on): another person, or cancelled when `userId` is null. */
export const dutyRotaExceptions = pgTable(
  'duty_rota_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => dutyRotaSlots.id, { onDelete: 'cascade' }),
    onDate: date('on_date', { mode: 'string' }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('duty_rota_exceptions_slot_date_idx').on(t.slotId, t.onDate)],
);

export type DutyRotaRow = typeof dutyRotas.$inferSelect;
export type DutyRotaSlotRow = typeof dutyRotaSlots.$inferSelect;
export type DutyRotaExceptionRow = typeof dutyRotaExceptions.$inferSelect;
