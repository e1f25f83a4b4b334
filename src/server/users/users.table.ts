// The users table: team members (admin, lead, analyst, viewer) and constituent users bound to one organisation.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '#server/organisations/organisations.table';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'lead', 'analyst', 'viewer', 'constituent'] }).notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    passwordHash: text('password_hash').notNull(),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The RFC 6238 time step of the last code accepted: a code is accepted once (no replay). */
    totpLastStep: integer('totp_last_step'),
    locale: text('locale', { enum: ['en', 'fr'] })
      .notNull()
      .default('en'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in ('admin', 'lead', 'analyst', 'viewer', 'constituent')`),
    // Why: a constituent user must belong to exactly one organisation and a team member to none,
    // so that the visibility policy can never mistake one for the other.
    check('users_constituent_org_check', sql`(${t.role} = 'constituent') = (${t.organisationId} is not null)`),
    check('users_email_length', sql`char_length(${t.email}) <= 254`),
    check('users_name_length', sql`char_length(${t.name}) <= 200`),
  ],
);

export type UserRow = typeof users.$inferSelect;
