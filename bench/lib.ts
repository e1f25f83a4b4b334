// Shared by the benchmarks: run a measurement on embedded PGlite and on a PostgreSQL server, and count
// requests per second with autocannon. Every figure is printed beside a baseline of the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 4);

export const fmt = (n: number) => Math.round(n).toLocaleString('en');

export async function requestsPerSecond(url: string, opts: { headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string; connections?: number } = {}): Promise<number> {
  const result = await autocannon({ url, connections: opts.connections ?? 10, duration: DURATION, headers: opts.headers ?? {}, method: opts.method ?? 'GET', ...(opts.body ? { body: opts.body } : {}) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** Runs `fn` on a fresh migrated PGlite, then on a fresh database of the PostgreSQL server (skipped if unreachable). */
export async function onBothEngines(fn: (label: string, database: Database, dataDir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-'));
  const lite = await openDatabase({ dataDir: path.join(dir, 'lite'), noLock: true });
  try {
    await runMigrations(lite);
    await fn('PGlite    ', lite, path.join(dir, 'lite'));
  } finally {
    await lite.close();
  }

  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: server });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL: skipped, no server at ${new URL(server).host} (set BENCH_DATABASE_URL)`);
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  const name = `tocsin_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const remote = await openDatabase({ databaseUrl: u.toString(), dataDir: dir });
  try {
    await runMigrations(remote);
    await fn('PostgreSQL', remote, path.join(dir, 'pg'));
  } finally {
    await remote.close();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A real Tocsin server on a random port over `database`, as main.ts builds it (limits raised for load). */
export async function benchServer(database: Database, dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const { buildApp } = await import('#server/app');
  const { deriveSecrets } = await import('#server/instance-secret');
  const { fileAttachmentStore } = await import('#server/storage/storage');
  const app = await buildApp({
    database,
    config: { sessionHours: 12, secureCookies: 'false', trustProxy: false, publicUrl: undefined },
    secrets: deriveSecrets('bench-secret-bench-secret-bench-secret'),
    storage: fileAttachmentStore(path.join(dataDir, 'attachments')),
    logger: false,
    publicReportRateLimit: 1_000_000,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
