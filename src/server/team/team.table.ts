// The team's public face: every saved version of its RFC 2350 profile, its OpenPGP keys, and each publication.
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TeamProfileDraft } from '#shared/rfc2350/profile.schemas';
import type { OperatingHoursInput } from '#shared/hours/hours.schemas';

export const teamProfileVersions = pgTable('team_profile_versions', {
  // 1, 2, 3…: a save writes version = the version the editor started from + 1, so concurrent edits conflict.
  version: integer('version').primaryKey(),
  profile: jsonb('profile').$type<TeamProfileDraft>().notNull(),
  hours: jsonb('hours').$type<OperatingHoursInput>(),
  note: text('note'),
  authorId: uuid('author_id'),
  authorLabel: text('author_label').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const teamKeys = pgTable(
  'team_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fingerprint: text('fingerprint').notNull(),
    keyId: text('key_id').notNull(),
    userIds: jsonb('user_ids').$type<string[]>().notNull(),
    algorithm: text('algorithm').notNull(),
    keyCreatedAt: timestamp('key_created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    armoredPublic: text('armored_public').notNull(),
    // Encrypted by OpenPGP with a passphrase derived from the instance secret, which is not in the database.
    armoredPrivate: text('armored_private').notNull(),
    origin: text('origin', { enum: ['generated', 'imported'] }).notNull(),
    addedBy: uuid('added_by'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('team_keys_fingerprint_key').on(t.fingerprint),
    // At most one active key signs the team's publications.
    uniqueIndex('team_keys_one_active')
      .on(sql`(true)`)
      .where(sql`${t.retiredAt} is null`),
    check('team_keys_origin_check', sql`${t.origin} in ('generated', 'imported')`),
  ],
);

export const teamPublications = pgTable(
  'team_publications',
  {
    id: integer('id').primaryKey(),
    profileVersion: integer('profile_version')
      .notNull()
      .references(() => teamProfileVersions.version),
    language: text('language', { enum: ['en', 'fr'] }).notNull(),
    publicUrl: text('public_url').notNull(),
    textPlain: text('text_plain').notNull(),
    markdown: text('markdown').notNull(),
    signature: text('signature').notNull(),
    securityTxt: text('security_txt').notNull(),
    securityTxtExpires: timestamp('security_txt_expires', { withTimezone: true }).notNull(),
    keyFingerprint: text('key_fingerprint').notNull(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('team_publications_language_check', sql`${t.language} in ('en', 'fr')`)],
);

export type ProfileVersionRow = typeof teamProfileVersions.$inferSelect;
export type TeamKeyRow = typeof teamKeys.$inferSelect;
export type PublicationRow = typeof teamPublications.$inferSelect;
