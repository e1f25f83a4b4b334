// Every SQL statement of the team feature: profile versions, keys, publications.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '#server/db/client';
import {
  teamKeys,
  teamProfileVersions,
  teamPublications,
  type ProfileVersionRow,
  type PublicationRow,
  type TeamKeyRow,
} from './team.table';

export async function latestVersion(db: Db): Promise<ProfileVersionRow | null> {
  const rows = await db.select().from(teamProfileVersions).orderBy(desc(teamProfileVersions.version)).limit(1);
  return rows[0] ?? null;
}

/** The operating hours of the latest profile version (without reading the profile itself), or null. */
export async function latestHours(db: Db): Promise<unknown> {
  const rows = await db
    .select({ hours: teamProfileVersions.hours })
    .from(teamProfileVersions)
    .orderBy(desc(teamProfileVersions.version))
    .limit(1);
  return rows[0]?.hours ?? null;
}

export async function findVersion(db: Db, version: number): Promise<ProfileVersionRow | null> {
  const rows = await db.select().from(teamProfileVersions).where(eq(teamProfileVersions.version, version));
  return rows[0] ?? null;
}

export async function listVersions(db: Db): Promise<(ProfileVersionRow & { publishedAt: Date | null })[]> {
  const rows = await db
    .select({
      v: teamProfileVersions,
      publishedAt: sql<
        string | null
      >`(select max(p.published_at) from team_publications p where p.profile_version = "team_profile_versions"."version")`,
    })
    .from(teamProfileVersions)
    .orderBy(desc(teamProfileVersions.version));
  return rows.map((r) => ({ ...r.v, publishedAt: r.publishedAt ? new Date(r.publishedAt) : null }));
}

/** Inserts a version; returns null when that version number exists already (a concurrent save won). */
export async function insertVersion(db: Db, values: typeof teamProfileVersions.$inferInsert): Promise<ProfileVersionRow | null> {
  const rows = await db.insert(teamProfileVersions).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function listKeys(db: Db): Promise<TeamKeyRow[]> {
  return db.select().from(teamKeys).orderBy(desc(teamKeys.addedAt));
}

export async function activeKey(db: Db): Promise<TeamKeyRow | null> {
  const rows = await db.select().from(teamKeys).where(isNull(teamKeys.retiredAt));
  return rows[0] ?? null;
}

export async function findKeyByFingerprint(db: Db, fingerprint: string): Promise<TeamKeyRow | null> {
  const rows = await db.select().from(teamKeys).where(eq(teamKeys.fingerprint, fingerprint));
  return rows[0] ?? null;
}

export async function retireActiveKeys(db: Db, at: Date): Promise<void> {
  await db.update(teamKeys).set({ retiredAt: at }).where(isNull(teamKeys.retiredAt));
}

export async function insertKey(db: Db, values: typeof teamKeys.$inferInsert): Promise<TeamKeyRow> {
  const [row] = await db.insert(teamKeys).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function retireKey(db: Db, id: string, at: Date): Promise<TeamKeyRow | null> {
  const [row] = await db
    .update(teamKeys)
    .set({ retiredAt: at })
    .where(and(eq(teamKeys.id, id), isNull(teamKeys.retiredAt)))
    .returning();
  return row ?? null;
}

export async function latestPublication(db: Db): Promise<PublicationRow | null> {
  const rows = await db.select().from(teamPublications).orderBy(desc(teamPublications.id)).limit(1);
  return rows[0] ?? null;
}

export async function findPublication(db: Db, id: number): Promise<PublicationRow | null> {
  const rows = await db.select().from(teamPublications).where(eq(teamPublications.id, id));
  return rows[0] ?? null;
}

export async function insertPublication(db: Db, values: Omit<typeof teamPublications.$inferInsert, 'id'>): Promise<PublicationRow> {
  const [row] = await db
    .insert(teamPublications)
    .values({ ...values, id: sql`(select coalesce(max(id), 0) + 1 from team_publications)` })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}
