// Every SQL statement about organisations, contacts and assets. Reads take the actor's scope from the visibility policy.
import { and, asc, eq, getTableName, gt, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import { cursorColumn, encodeCursor, orderBy, readPage, type SortKey, countUpToCap } from '#server/db/keyset';
import {
  assetChanges,
  assetRevision,
  organisationAssets,
  organisationContacts,
  organisations,
  type AssetChangeRow,
  type AssetRow,
  type ContactRow,
  type OrganisationRow,
} from './organisations.table';

export type OrganisationWithCounts = OrganisationRow & { assetCount: number; contactCount: number };

// Qualified by hand: inside a sub-select, Drizzle's bare "id" would resolve to the inner table's column.
const counts = {
  assetCount: sql<number>`(select count(*)::int from organisation_assets a where a.organisation_id = "organisations"."id")`,
  contactCount: sql<number>`(select count(*)::int from organisation_contacts c where c.organisation_id = "organisations"."id")`,
};

/** The list's order: by name, case-insensitively (unique: organisations_name_key), then id. */
const ORGANISATION_SORT: SortKey[] = [
  { expr: sql`lower(${organisations.name})`, dir: 'asc', type: 'text' },
  { expr: organisations.id, dir: 'asc', type: 'uuid' },
];

/** The tables the list reads (its answers are cached until one of them changes: http/read-cache.ts). */
export const LIST_TABLES: readonly string[] = [organisations, organisationAssets, organisationContacts].map((t) => getTableName(t));

/** Organisations in the scope, by name; keyset paging on the name index, the total counted up to TOTAL_CAP + 1 rows. */
export async function listOrganisations(
  db: Db,
  scope: SQL | undefined,
  f: { kind?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ rows: OrganisationWithCounts[]; nextCursor: string | null; count: number }> {
  const where = and(
    scope,
    f.kind ? eq(organisations.kind, f.kind as OrganisationRow['kind']) : undefined,
    f.q ? ilike(organisations.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const page = await readPage(ORGANISATION_SORT, f.cursor, f.limit, (range, n) =>
    db
      .select({ o: organisations, ...counts, cursor: cursorColumn(ORGANISATION_SORT) })
      .from(organisations)
      .where(and(where, range))
      .orderBy(...orderBy(ORGANISATION_SORT))
      .limit(n),
  );
  const counted = await countUpToCap(db, organisations, where);
  const last = page.rows.at(-1);
  return {
    rows: page.rows.map((r) => ({ ...r.o, assetCount: r.assetCount, contactCount: r.contactCount })),
    nextCursor: page.more && last ? encodeCursor(last.cursor) : null,
    count: counted,
  };
}

export async function findOrganisation(db: Db, id: string, scope: SQL | undefined): Promise<OrganisationWithCounts | null> {
  const rows = await db
    .select({ o: organisations, ...counts })
    .from(organisations)
    .where(and(eq(organisations.id, id), scope));
  const r = rows[0];
  return r ? { ...r.o, assetCount: r.assetCount, contactCount: r.contactCount } : null;
}

export async function findOrganisationByName(db: Db, name: string): Promise<OrganisationRow | null> {
  const rows = await db
    .select()
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${name})`);
  return rows[0] ?? null;
}

export async function insertOrganisation(db: Db, values: typeof organisations.$inferInsert): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateOrganisation(
  db: Db,
  id: string,
  patch: Partial<typeof organisations.$inferInsert>,
): Promise<OrganisationRow | null> {
  const [row] = await db
    .update(organisations)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(organisations.id, id))
    .returning();
  return row ?? null;
}

export async function deleteOrganisation(db: Db, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.delete(organisations).where(eq(organisations.id, id)).returning();
  return row ?? null;
}

/** Contacts with this e-mail address (any organisation) that hold an OpenPGP key not marked revoked. */
export async function unsafeContactKeysByEmail(
  db: Db,
  email: string,
): Promise<Pick<ContactRow, 'id' | 'pgpKey' | 'pgpFingerprint' | 'pgpExpiresAt'>[]> {
  return db
    .select({
      id: organisationContacts.id,
      pgpKey: organisationContacts.pgpKey,
      pgpFingerprint: organisationContacts.pgpFingerprint,
      pgpExpiresAt: organisationContacts.pgpExpiresAt,
    })
    .from(organisationContacts)
    .where(
      and(
        sql`lower(${organisationContacts.email}) = ${email.toLowerCase()}`,
        sql`${organisationContacts.pgpKey} is not null`,
        eq(organisationContacts.pgpRevoked, false),
      ),
    );
}

export async function listContacts(db: Db, organisationId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(organisationContacts)
    .where(eq(organisationContacts.organisationId, organisationId))
    .orderBy(asc(organisationContacts.name));
}

export async function insertContact(db: Db, values: typeof organisationContacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(organisationContacts).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function deleteContact(db: Db, organisationId: string, id: string): Promise<ContactRow | null> {
  const [row] = await db
    .delete(organisationContacts)
    .where(and(eq(organisationContacts.id, id), eq(organisationContacts.organisationId, organisationId)))
    .returning();
  return row ?? null;
}

export async function listAssets(db: Db, organisationId: string): Promise<AssetRow[]> {
  return db
    .select()
    .from(organisationAssets)
    .where(eq(organisationAssets.organisationId, organisationId))
    .orderBy(asc(organisationAssets.kind), asc(organisationAssets.value));
}

/** One page of every organisation's assets in id order (keyset after `afterId`): the match index reads them page by page. */
export async function assetPage(
  db: Db,
  afterId: string | null,
  limit: number,
): Promise<Pick<AssetRow, 'id' | 'organisationId' | 'kind' | 'value'>[]> {
  return db
    .select({
      id: organisationAssets.id,
      organisationId: organisationAssets.organisationId,
      kind: organisationAssets.kind,
      value: organisationAssets.value,
    })
    .from(organisationAssets)
    .where(afterId === null ? undefined : gt(organisationAssets.id, afterId))
    .orderBy(asc(organisationAssets.id))
    .limit(limit);
}

/** Names of these organisations by id, in one query (no visibility scope: for the team's asset lookup). */
export async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Inserts assets, skipping those the organisation already has; returns the rows actually added. */
export async function insertAssets(db: Db, values: (typeof organisationAssets.$inferInsert)[]): Promise<AssetRow[]> {
  if (!values.length) return [];
  const added: AssetRow[] = [];
  // Batches keep each statement's parameter count far below PostgreSQL's limit of 65,535.
  for (let i = 0; i < values.length; i += 2000) {
    added.push(
      ...(await db
        .insert(organisationAssets)
        .values(values.slice(i, i + 2000))
        .onConflictDoNothing()
        .returning()),
    );
  }
  return added;
}

export async function deleteAsset(db: Db, organisationId: string, id: string): Promise<AssetRow | null> {
  const [row] = await db
    .delete(organisationAssets)
    .where(and(eq(organisationAssets.id, id), eq(organisationAssets.organisationId, organisationId)))
    .returning();
  return row ?? null;
}

/** What asset-changing statements did after revision `after`, up to `upTo` included, oldest first; at most `limit` rows. */
export async function assetChangesSince(db: Db, after: number, upTo: number, limit: number): Promise<AssetChangeRow[]> {
  return db
    .select({
      revision: assetChanges.revision,
      op: assetChanges.op,
      organisationId: assetChanges.organisationId,
      kind: assetChanges.kind,
      value: assetChanges.value,
    })
    .from(assetChanges)
    .where(and(gt(assetChanges.revision, after), lte(assetChanges.revision, upTo)))
    .orderBy(asc(assetChanges.revision), asc(assetChanges.id))
    .limit(limit);
}

export async function readAssetRevision(db: Db): Promise<number> {
  const rows = await db.select().from(assetRevision).where(eq(assetRevision.id, 1));
  return rows[0]?.revision ?? 0;
}
