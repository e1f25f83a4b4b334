// Applies the migrations/ folder, the same files on PGlite and PostgreSQL.
// On PostgreSQL an advisory lock makes it safe for several instances to start at once.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { queryRows, type Database, type Db } from './client';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

// An arbitrary constant shared by every Tocsin instance: "tocsin migrate" as a 64-bit key.
const MIGRATION_LOCK_KEY = 7_305_217_004_231_887n;

export async function runMigrations(database: Database): Promise<{ applied: number; total: number }> {
  const journal = readJournal();
  const current = await appliedState(database.db);
  // Why check first: at every start of an up-to-date database, the migrator would read and hash every file and run
  // its DDL for nothing. Drizzle applies the entries newer than the newest applied one: none is, so nothing to do.
  const newest = journal.at(-1)?.when ?? 0;
  if (current.count > 0 && current.newest >= newest) return { applied: 0, total: journal.length };
  const before = current.count;
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await database.withConnection(async (conn) => {
      await conn.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
      try {
        await migratePg(conn as unknown as NodePgDatabase, { migrationsFolder });
      } finally {
        await conn.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
      }
    });
  }
  const after = await appliedCount(database.db);
  return { applied: after - before, total: journal.length };
}

function readJournal(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries;
}

export function migrationFiles(): string[] {
  return readJournal().map((e) => e.tag);
}

/** How many migrations were applied, and the journal time (`when`, which Drizzle stores as created_at) of the newest. */
async function appliedState(db: Db): Promise<{ count: number; newest: number }> {
  const exists = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists[0]?.present) return { count: 0, newest: 0 };
  const res = await queryRows<{ n: number; newest: string | null }>(
    db,
    sql`select count(*)::int as n, max(created_at)::text as newest from drizzle.__drizzle_migrations`,
  );
  return { count: res[0]?.n ?? 0, newest: Number(res[0]?.newest ?? 0) };
}

export async function appliedCount(db: Db): Promise<number> {
  return (await appliedState(db)).count;
}

/** True when every migration shipped with this build has been applied. */
export async function migrationsUpToDate(db: Db): Promise<boolean> {
  return (await appliedCount(db)) >= migrationFiles().length;
}
