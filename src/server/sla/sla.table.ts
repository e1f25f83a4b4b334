// SLA clocks: one per (subject, target). Business-time clocks count in the team's operating hours;
// urgent/P1 clocks run 24/7. A paused clock keeps what it had consumed and resumes from there.
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type', { enum: ['report', 'incident'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    target: text('target', { enum: ['acknowledge', 'triage', 'first-action'] }).notNull(),
    mode: text('mode', { enum: ['business', '24/7'] }).notNull(),
    /** The target's length: business milliseconds (mode business) or elapsed milliseconds (24/7). */
    durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Recomputed at every start, pause and resume; null while paused. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    status: text('status', { enum: ['running', 'paused', 'met', 'breached'] })
      .notNull()
      .default('running'),
    /** Clock time already consumed before the current run (sum of earlier runs). */
    consumedMs: bigint('consumed_ms', { mode: 'number' }).notNull().default(0),
    /** When the current run started (startedAt, or the last resume). */
    runningSince: timestamp('running_since', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pauseReason: text('pause_reason'),
    metAt: timestamp('met_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    /** Set when the approaching-breach warning was sent, so it is sent once. */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sla_clocks_subject_target_key').on(t.subjectType, t.subjectId, t.target),
    index('sla_clocks_due_idx').on(t.status, t.dueAt),
    check('sla_clocks_status_check', sql`${t.status} in ('running', 'paused', 'met', 'breached')`),
    check('sla_clocks_mode_check', sql`${t.mode} in ('business', '24/7')`),
  ],
);

export type SlaClockRow = typeof slaClocks.$inferSelect;
