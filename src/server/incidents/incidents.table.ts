// Incidents: the team's unit of work, with category (ENISA RSIT), urgency, criticality score and priority,
// service level, owner, TLP/PAP and need-to-know list; and the history of every (re)scoring.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organisations } from '#server/organisations/organisations.table';
import type { MessageParams } from '#shared/messages';
import { users } from '#server/users/users.table';

/** The due time as the list sorts it: an incident without one comes after every incident with one. */
export const incidentDueKey = (nextDueAt: AnyPgColumn) => sql`coalesce(${nextDueAt}, 'infinity'::timestamptz)`;

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['open', 'in-progress', 'waiting', 'resolved', 'closed'] })
      .notNull()
      .default('open'),
    categoryClass: text('category_class').notNull(),
    categoryType: text('category_type').notNull(),
    impact: text('impact', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    extent: text('extent', { enum: ['single', 'few', 'many', 'widespread'] }).notNull(),
    /** The constituent's criticality when last scored. */
    constituentCriticality: text('constituent_criticality', { enum: ['low', 'medium', 'high', 'vital'] }).notNull(),
    /** Harm under way or imminent (from the report, or set by the analyst): an input to the score. */
    urgent: boolean('urgent').notNull().default(false),
    score: integer('score').notNull(),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    serviceLevel: text('service_level', { enum: ['coordination', 'resolution'] }).notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    namedUserIds: jsonb('named_user_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    tlp: text('tlp', { enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] })
      .notNull()
      .default('AMBER'),
    pap: text('pap', { enum: ['CLEAR', 'GREEN', 'AMBER', 'RED'] })
      .notNull()
      .default('AMBER'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /**
     * The due time of the first-action clock while it runs (null once met or while paused): a copy of
     * sla_clocks kept by this feature whenever it starts, meets, pauses or resumes the clock, so that the list
     * is sorted and paged on an index of this table.
     */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('incidents_reference_key').on(t.reference),
    // The list's order (incidents.repo.ts INCIDENT_SORT): priority, due time (none last), newest, id; alone,
    // and after the filters that narrow it most (a constituent's organisation, a status).
    index('incidents_list_idx').on(t.priority, incidentDueKey(t.nextDueAt), t.createdAt.desc(), t.id.desc()),
    index('incidents_org_list_idx').on(t.organisationId, t.priority, incidentDueKey(t.nextDueAt), t.createdAt.desc(), t.id.desc()),
    index('incidents_status_list_idx').on(t.status, t.priority, incidentDueKey(t.nextDueAt), t.createdAt.desc(), t.id.desc()),
    check('incidents_status_check', sql`${t.status} in ('open', 'in-progress', 'waiting', 'resolved', 'closed')`),
    check('incidents_priority_check', sql`${t.priority} in ('P1', 'P2', 'P3', 'P4')`),
    check('incidents_tlp_check', sql`${t.tlp} in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')`),
    check('incidents_pap_check', sql`${t.pap} in ('CLEAR', 'GREEN', 'AMBER', 'RED')`),
  ],
);

export const incidentScores = pgTable(
  'incident_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: two scorings in the same millisecond still read back in the order they were made. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    impact: text('impact').notNull(),
    extent: text('extent').notNull(),
    constituentCriticality: text('constituent_criticality').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    score: integer('score').notNull(),
    priority: text('priority').notNull(),
    reason: text('reason').notNull(),
    /** A reason Tocsin wrote (triage, organisation change) as an i18n key with parameters; null when typed by a person. */
    reasonKey: text('reason_key'),
    reasonParams: jsonb('reason_params').$type<MessageParams>(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incident_scores_incident_idx').on(t.incidentId, t.seq)],
);

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentScoreRow = typeof incidentScores.$inferSelect;
