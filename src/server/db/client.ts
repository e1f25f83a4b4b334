// Opens the database: embedded PGlite in the data folder by default, a PostgreSQL server with DATABASE_URL.
// Both are wrapped in Drizzle and expose the same `Db` type, so repositories run the same SQL on either.
// `Db` knows no feature's tables: repositories import the tables they query, and drizzle-kit finds every
// table through drizzle.config.ts (src/server/**/*.table.ts); Drizzle's relational `db.query` API is not used.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { acquireDataDirLock, type DataDirLock } from './lockfile';

export type Db = PgDatabase<PgQueryResultHKT>;

/** Whether the database answers (health checks). */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: T[] }).rows;
}

/** What a `Database.listen` caller is told. */
export interface NotificationListener {
  /** A payload sent on the channel (by NOTIFY, delivered once its transaction committed). */
  onNotify(payload: string): void;
  /** Listening started (true) or was lost (false): notifications sent in between may have been missed. */
  onState(listening: boolean): void;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** A short description for logs, never containing a password. */
  describe: string;
  /** Run `fn` with exclusive use of one connection (advisory locks are per session on PostgreSQL). */
  withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** LISTENs on a channel (a lower-case name): on PostgreSQL on a connection of its own, opened again when it is
   * lost (retrying with a growing delay). Resolves after the first attempt; the result stops listening. */
  listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Tests only: sees the SQL of every query any `Db` of this process runs (through Drizzle's logger hook).
let queryHook: ((query: string) => void) | null = null;
const queryLogger = { logQuery: (query: string) => queryHook?.(query) };
/** Tests only: `hook` receives the SQL of every query run from now on; null stops. */
export function onQueryForTests(hook: ((query: string) => void) | null): void {
  queryHook = hook;
}

/** The channel of table changes (migration 0013's triggers; db/change-feed.ts listens to it). */
export const CHANGES_CHANNEL = 'tocsin_changes';

function checkChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Invalid channel name ${channel}`);
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Skip the data folder lock (tests open copies that no other process knows). */
  noLock?: boolean;
  poolSize?: number;
}

// Each engine's driver is loaded when it is opened: a start on one never pays for loading the other.
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir, opts.noLock ?? false);
}

// Why not PostgreSQL's 128MB: PGlite zeroes its whole shared memory at every open, in WebAssembly, which made the
// largest part of a cold start (~0.5 s); 32MB (4,096 pages) still holds the hot pages of indexes and lists.
const pgliteSharedBuffers = '32MB';

// Why: V8 recompiles PGlite's hot WebAssembly functions with its optimising compiler in the background, and with
// its default budget it starts at once, on everything the opening runs; on a 2-core machine that held the event
// loop for 0.3-0.5 s after each open (a timer due at once fired 470 ms late) and made a cold start ~40% longer.
// A larger budget lets only the truly hot functions be optimised, a little later; measured throughput is unchanged.
// Set once, before the module is compiled (V8 reads it then).
let wasmTieringSet = false;
function delayWasmTierUp(): void {
  if (wasmTieringSet) return;
  wasmTieringSet = true;
  v8.setFlagsFromString('--wasm-tiering-budget=1800000000');
}

async function openPglite(dataDir: string, noLock: boolean): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  // Why: PGlite has no cross-process lock, and two processes writing one folder corrupt it.
  const lock: DataDirLock | null = noLock ? null : acquireDataDirLock(dataDir);
  let client: PGlite;
  let drizzlePglite: (typeof import('drizzle-orm/pglite'))['drizzle'];
  try {
    delayWasmTierUp();
    const [{ PGlite }, driver] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
    drizzlePglite = driver.drizzle;
    client = await PGlite.create(pgDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers}`] });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { logger: queryLogger }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    describe: `PGlite (embedded) in ${pgDir}`,
    // PGlite has a single connection: everything already runs on it.
    withConnection: (fn) => fn(db),
    // PGlite runs listeners as it reads the notifications, before the committing query resolves; it has no
    // connection to lose.
    async listen(channel, listener) {
      checkChannel(channel);
      const stop = await client.listen(channel, (payload) => listener.onNotify(payload));
      listener.onState(true);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    async close() {
      if (client.closed) return;
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const pool = new pg.Pool({ connectionString: url, max });
  // A pool error on an idle client must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Why every pooled connection LISTENs on the changes channel too: a session is told of its own notifications
  // before its COMMIT (or autocommitted statement) returns, so a change this instance makes is known to its read
  // caches before the request that made it answers; the listening connection alone hears it a moment later, and
  // a request in between would be served what was cached before the change.
  const ownChangeHandlers = new Set<(payload: string) => void>();
  pool.on('connect', (client) => {
    client.on('notification', (m) => {
      if (m.channel === CHANGES_CHANNEL) for (const handle of ownChangeHandlers) handle(m.payload ?? '');
    });
    client.query(`listen ${CHANGES_CHANNEL}`).catch(() => undefined);
  });
  const db = drizzlePg(pool, { logger: queryLogger }) as unknown as Db;
  const u = new URL(url);
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    engine: 'postgres',
    describe: `PostgreSQL ${u.hostname}:${u.port || '5432'}${u.pathname}`,
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePg(client, { logger: queryLogger }));
      } finally {
        client.release();
      }
    },
    async listen(channel, listener) {
      checkChannel(channel);
      let current: InstanceType<typeof pg.Client> | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      let delayMs = 100;
      const schedule = () => {
        if (stopped) return;
        retry = setTimeout(() => void connect(), delayMs);
        delayMs = Math.min(delayMs * 2, 5_000);
      };
      const lost = (c: InstanceType<typeof pg.Client>) => {
        if (current !== c) return;
        current = null;
        listener.onState(false);
        c.end().catch(() => undefined);
        schedule();
      };
      const connect = async () => {
        // keepAlive: a connection cut without a word (a restarted router) is noticed, not trusted for ever.
        const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000 });
        c.on('error', () => lost(c));
        c.on('end', () => lost(c));
        c.on('notification', (m) => {
          if (!stopped && m.channel === channel) listener.onNotify(m.payload ?? '');
        });
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
        } catch {
          c.end().catch(() => undefined);
          schedule();
          return;
        }
        if (stopped) {
          await c.end().catch(() => undefined);
          return;
        }
        current = c;
        delayMs = 100;
        listener.onState(true);
      };
      const ownChange = (payload: string) => {
        if (!stopped) listener.onNotify(payload);
      };
      if (channel === CHANGES_CHANNEL) ownChangeHandlers.add(ownChange);
      const stop = async () => {
        stopped = true;
        ownChangeHandlers.delete(ownChange);
        listeners.delete(stop);
        clearTimeout(retry);
        const c = current;
        current = null;
        if (c) await c.end().catch(() => undefined);
      };
      listeners.add(stop);
      await connect();
      return stop;
    },
    async close() {
      // A listener its owner forgot would keep the process alive.
      await Promise.all([...listeners].map((stop) => stop()));
      if (pool.ended) return;
      await pool.end();
    },
  };
}
