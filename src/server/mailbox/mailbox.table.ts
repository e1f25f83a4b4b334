// The team's mailbox: every message received (SMTP listener, later IMAP) and, later, sent. The raw message is in the
// attachment store (content-addressed by its SHA-256, kept as evidence); a row says what became of it.
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { reports } from '#server/reports/reports.table';
import { incidents } from '#server/incidents/incidents.table';
import { organisationContacts } from '#server/organisations/organisations.table';

export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** How it came or went: 'smtp' (the built-in listener, or a relay), 'imap' (a polled mailbox), 'file' (the outgoing folder). */
    channel: text('channel', { enum: ['smtp', 'imap', 'file'] }).notNull(),
    /**
     * received: stored, not processed yet (or its processing was interrupted: processed again);
     * processed: it opened or joined a report or incident; ignored: an auto-reply, a bounce or a loop, kept;
     * quarantined: it could not be processed (see reason), kept until processed again.
     */
    status: text('status', { enum: ['received', 'processed', 'ignored', 'quarantined'] }).notNull(),
    /** For ignored and quarantined messages: a stable code (see mailbox.schemas.ts) and a sentence. */
    reasonCode: text('reason_code'),
    reason: text('reason'),
    rawSha256: text('raw_sha256').notNull(),
    rawSize: integer('raw_size').notNull(),
    /** The envelope (SMTP MAIL FROM / RCPT TO), as given by the sending server. */
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    remoteAddress: text('remote_address'),
    /** Header fields, once parsed (null while received). */
    messageId: text('message_id'),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    toAddresses: jsonb('to_addresses')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    subject: text('subject'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The readable text once decrypted (what the report was opened with, or what joined it). */
    text: text('text'),
    encryption: text('encryption', { enum: ['none', 'pgp-mime', 'pgp-inline'] }),
    signature: text('signature', { enum: ['none', 'valid', 'unknown-key', 'bad'] }),
    /** The signing key (40 hex) when known, else its key ID (16 hex). */
    signerKey: text('signer_key'),
    signerContactId: uuid('signer_contact_id').references(() => organisationContacts.id, { onDelete: 'set null' }),
    attachments: jsonb('attachments')
      .$type<{ filename: string; sha256: string; size: number; mediaType: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'set null' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    attempts: integer('attempts').notNull().default(0),
    /** While set and in the future, one worker (of any instance) is processing the message: no other takes it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_messages_status_idx').on(t.status, t.receivedAt),
    index('mail_messages_message_id_idx').on(t.messageId),
    index('mail_messages_report_idx').on(t.reportId),
    index('mail_messages_incident_idx').on(t.incidentId),
    check('mail_messages_raw_sha256_check', sql`${t.rawSha256} ~ '^[0-9a-f]{64}$'`),
    check('mail_messages_direction_check', sql`${t.direction} in ('in', 'out')`),
    check('mail_messages_channel_check', sql`${t.channel} in ('smtp', 'imap', 'file')`),
    check('mail_messages_status_check', sql`${t.status} in ('received', 'processed', 'ignored', 'quarantined')`),
    check('mail_messages_encryption_check', sql`${t.encryption} in ('none', 'pgp-mime', 'pgp-inline')`),
    check('mail_messages_signature_check', sql`${t.signature} in ('none', 'valid', 'unknown-key', 'bad')`),
  ],
);

export type MailMessageRow = typeof mailMessages.$inferSelect;
