// API requests per second: an authenticated read (GET /api/users with an API token) against the
// unauthenticated /api/health of the same server in the same run, on PGlite and on PostgreSQL.
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, skipped if unreachable).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '#server/app';
import { openDatabase, type Database } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';
import { JobQueue } from '#server/jobs/queue';
import { createUser } from '#server/users/users.service';
import { createToken } from '#server/tokens/tokens.service';
import { systemClock, type Ctx } from '#server/ctx';
import { deriveSecrets } from '#server/instance-secret';

const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 10;

async function measure(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function benchEngine(label: string, database: Database) {
  await runMigrations(database);
  const ctx = (actor: Ctx['actor']): Ctx => ({ db: database.db, actor, jobs: new JobQueue(database.db), clock: systemClock, log: pino({ level: 'silent' }), origin: {} });
  const admin = await createUser(ctx({ kind: 'system', label: 'bench' }), { email: `bench-${Date.now()}@example.org`, name: 'Bench', role: 'admin', password: 'bench password long' });
  for (let i = 0; i < 20; i++) await createUser(ctx({ kind: 'system', label: 'bench' }), { email: `u${i}-${Date.now()}@example.org`, name: `User ${i}`, role: 'viewer', password: 'bench password long' });
  const actor: Ctx['actor'] = { kind: 'user', id: admin.user.id, email: admin.user.email, name: 'Bench', role: 'admin', organisationId: null, via: 'session' };
  const { secret } = await createToken(ctx(actor), { name: 'bench', role: 'lead' });
  const app = await buildApp({ database, config: { sessionHours: 12, secureCookies: 'false', trustProxy: false, publicUrl: undefined }, secrets: deriveSecrets('bench-secret-bench-secret-bench-secret'), logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await measure(`${address}/api/health`); // warm-up
    const health = await measure(`${address}/api/health`);
    const users = await measure(`${address}/api/users`, { authorization: `Bearer ${secret}` });
    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    console.log(`${label}: GET /api/health ${fmt(health)} req/s | authenticated GET /api/users (21 users) ${fmt(users)} req/s | ratio ${(users / health).toFixed(2)}`);
  } finally {
    await app.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-'));
const lite = await openDatabase({ dataDir: dir, noLock: true });
try {
  await benchEngine('PGlite    ', lite);
} finally {
  await lite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `tocsin_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
try {
  await admin.connect();
} catch {
  console.log(`PostgreSQL: skipped, no server at ${new URL(server).host} (set BENCH_DATABASE_URL)`);
  process.exit(0);
}
await admin.query(`create database ${name}`);
const u = new URL(server);
u.pathname = `/${name}`;
const remote = await openDatabase({ databaseUrl: u.toString(), dataDir: dir });
try {
  await benchEngine('PostgreSQL', remote);
} finally {
  await remote.close();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
}
