// Organisations (constituents and third parties), their contacts and their assets.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['constituent', 'vendor', 'cert', 'isp', 'law-enforcement', 'other'] }).notNull(),
    sector: text('sector'),
    criticality: text('criticality', { enum: ['low', 'medium', 'high', 'vital'] }),
    services: jsonb('services')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    country: text('country'),
    website: text('website'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_name_key').on(sql`lower(${t.name})`),
    check('organisations_kind_check', sql`${t.kind} in ('constituent', 'vendor', 'cert', 'isp', 'law-enforcement', 'other')`),
    check('organisations_criticality_check', sql`${t.criticality} is null or ${t.criticality} in ('low', 'medium', 'high', 'vital')`),
  ],
);

export const organisationContacts = pgTable(
  'organisation_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phones: jsonb('phones')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    pgpKey: text('pgp_key'),
    pgpFingerprint: text('pgp_fingerprint'),
    pgpExpiresAt: timestamp('pgp_expires_at', { withTimezone: true }),
    pgpRevoked: boolean('pgp_revoked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_contacts_org_idx').on(t.organisationId)],
);

export const organisationAssets = pgTable(
  'organisation_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['cidr', 'domain', 'asn', 'product'] }).notNull(),
    /** Normalised: a CIDR in canonical form, a lower-case domain without trailing dot, AS12345, a product name. */
    value: text('value').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisation_assets_unique').on(t.organisationId, t.kind, t.value),
    index('organisation_assets_value_idx').on(t.kind, t.value),
    check('organisation_assets_kind_check', sql`${t.kind} in ('cidr', 'domain', 'asn', 'product')`),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
export type ContactRow = typeof organisationContacts.$inferSelect;
export type AssetRow = typeof organisationAssets.$inferSelect;

/**
 * One row (id = 1) whose revision every statement changing assets bumps (migration 0014's trigger, in the
 * statement's transaction): the row lock orders asset changes, so revisions commit in order, without gaps.
 */
export const assetRevision = pgTable('asset_revision', {
  id: integer('id').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull(),
});

/**
 * What each asset-changing statement did, under the revision it bumped (migration 0014's trigger writes it; the
 * same trigger drops rows 10,000 revisions old). Instances apply these to their in-memory index instead of
 * reading every asset again; op: + added, - removed, * everything replaced (TRUNCATE: rebuild).
 */
export const assetChanges = pgTable(
  'asset_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    revision: bigint('revision', { mode: 'number' }).notNull(),
    op: text('op', { enum: ['+', '-', '*'] }).notNull(),
    organisationId: uuid('organisation_id'),
    kind: text('kind'),
    value: text('value'),
  },
  (t) => [index('asset_changes_revision_idx').on(t.revision)],
);

export type AssetChangeRow = Pick<typeof assetChanges.$inferSelect, 'revision' | 'op' | 'organisationId' | 'kind' | 'value'>;
