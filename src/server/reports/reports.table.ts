// Reports as they arrive (public form, constituent portal, API, later e-mail), their observables and attachments.
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
import { users } from '#server/users/users.table';
import { incidents } from '#server/incidents/incidents.table';

/** The due time as the queue sorts it: a report without one comes after every report with one. */
export const reportDueKey = (nextDueAt: AnyPgColumn) => sql`coalesce(${nextDueAt}, 'infinity'::timestamptz)`;

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human reference, e.g. TOC-2026-000123. */
    reference: text('reference').notNull(),
    channel: text('channel', { enum: ['web', 'portal', 'api', 'email'] }).notNull(),
    status: text('status', { enum: ['new', 'triaged', 'closed'] })
      .notNull()
      .default('new'),
    decision: text('decision', { enum: ['not-incident', 'out-of-constituency', 'duplicate', 'incident'] }),
    decisionNote: text('decision_note'),
    /** Public reply to the reporter (shown on the tracking page), e.g. for out-of-constituency. */
    publicReply: text('public_reply'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reporterName: text('reporter_name'),
    reporterOrganisation: text('reporter_organisation'),
    reporterEmail: text('reporter_email'),
    reporterPhone: text('reporter_phone'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Logs, scan results, headers as pasted. */
    evidence: text('evidence'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    urgent: boolean('urgent').notNull().default(false),
    tlp: text('tlp', { enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] })
      .notNull()
      .default('AMBER'),
    pap: text('pap', { enum: ['CLEAR', 'GREEN', 'AMBER', 'RED'] })
      .notNull()
      .default('AMBER'),
    /** The constituent the report is about: the portal user's own, or set at triage (suggestions below). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    suggestedOrganisationIds: jsonb('suggested_organisation_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Need-to-know list: users named on the report (TLP:RED reports are visible to them and the owner only). */
    namedUserIds: jsonb('named_user_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    /** SHA-256 of the secret in the reporter's tracking link. */
    trackingTokenHash: text('tracking_token_hash').notNull(),
    sourceIp: text('source_ip'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    /** More observables were found than a report keeps (REPORT_LIMITS.observablesPerReport): only the first were stored. */
    observablesTruncated: boolean('observables_truncated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The due time of the current clock (acknowledgement until met, then triage; null while paused or once
     * both are met): a copy of sla_clocks kept by this feature whenever it starts, meets, pauses or resumes a
     * clock, so that the queue is sorted and paged on an index of this table.
     */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reports_reference_key').on(t.reference),
    uniqueIndex('reports_tracking_key').on(t.trackingTokenHash),
    // The queue's order (reports.repo.ts REPORT_SORT): urgent first, due time (none last), oldest, id; alone,
    // and after the filters that narrow it most (a status, a constituent's organisation).
    index('reports_queue_idx').on(t.status, t.urgent.desc(), reportDueKey(t.nextDueAt), t.createdAt, t.id),
    index('reports_list_idx').on(t.urgent.desc(), reportDueKey(t.nextDueAt), t.createdAt, t.id),
    index('reports_org_list_idx').on(t.organisationId, t.urgent.desc(), reportDueKey(t.nextDueAt), t.createdAt, t.id),
    index('reports_incident_idx').on(t.incidentId),
    check('reports_channel_check', sql`${t.channel} in ('web', 'portal', 'api', 'email')`),
    check('reports_status_check', sql`${t.status} in ('new', 'triaged', 'closed')`),
    check('reports_tlp_check', sql`${t.tlp} in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')`),
    check('reports_pap_check', sql`${t.pap} in ('CLEAR', 'GREEN', 'AMBER', 'RED')`),
  ],
);

export const reportObservables = pgTable(
  'report_observables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256'] }).notNull(),
    value: text('value').notNull(),
    raw: text('raw').notNull(),
    refanged: boolean('refanged').notNull().default(false),
    /** Where it was found: the report's text, or an attachment. */
    attachmentId: uuid('attachment_id'),
    /** Organisations whose assets match it. */
    matchedOrganisationIds: jsonb('matched_organisation_ids')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_observables_unique').on(t.reportId, t.type, t.value),
    index('report_observables_value_idx').on(t.type, t.value),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'cascade' }),
    /** Content address in the attachment store. */
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sniffed from the bytes, not taken from the uploader. */
    mediaType: text('media_type').notNull(),
    filename: text('filename').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_report_idx').on(t.reportId),
    index('attachments_incident_idx').on(t.incidentId),
    index('attachments_sha_idx').on(t.sha256),
    check('attachments_owner_check', sql`(${t.reportId} is not null) or (${t.incidentId} is not null)`),
  ],
);

/**
 * Per-prefix, per-year counters for human references (TOC-2026-000123), as they were before references came from
 * sequences (references.repo.ts). No longer written: read once, when a scope's sequence is created, to start after it.
 */
export const referenceCounters = pgTable('reference_counters', {
  scope: text('scope').primaryKey(), // e.g. "TOC-2026"
  value: integer('value').notNull(),
});

export type ReportRow = typeof reports.$inferSelect;
export type ReportObservableRow = typeof reportObservables.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
