// Opens the database: embedded PGlite in the data folder by default, a PostgreSQL server with DATABASE_URL.
// Both are wrapped in Drizzle and expose the same `Db` type, so repositories run the same SQL on either.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { schema, type Schema } from './schema';
import { acquireDataDirLock, type DataDirLock } from './lockfile';

export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** A short description for logs, never containing a password. */
  describe: string;
  /** Run `fn` with exclusive use of one connection (advisory locks are per session on PostgreSQL). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Skip the data folder lock (tests open copies that no other process knows). */
  noLock?: boolean;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir, opts.noLock ?? false);
}

async function openPglite(dataDir: string, noLock: boolean): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  // Why: PGlite has no cross-process lock, and two processes writing one folder corrupt it.
  const lock: DataDirLock | null = noLock ? null : acquireDataDirLock(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(pgDir);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    describe: `PGlite (embedded) in ${pgDir}`,
    // PGlite has a single connection: everything already runs on it.
    withConnection: (fn) => fn(db),
    async close() {
      if (client.closed) return;
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A pool error on an idle client must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const u = new URL(url);
  return {
    db,
    engine: 'postgres',
    describe: `PostgreSQL ${u.hostname}:${u.port || '5432'}${u.pathname}`,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg(client, { schema }));
      } finally {
        client.release();
      }
    },
    async close() {
      if (pool.ended) return;
      await pool.end();
    },
  };
}
