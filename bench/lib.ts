// Shared by the benchmarks: how a bench reports its figures, which engines it runs on, and HTTP load.
//
// HOW A BENCH REPORTS
// - A bench is bench/<name>.bench.ts. `npm run bench` (bench/run.mjs) runs each one in its own process
//   (node --import tsx) and prints ONE table at the end (`npm run bench -- --json`: the same rows as JSON).
// - A bench calls `figure({...})` once per run of each measurement: three runs give three calls with the same
//   `name` and `engine`. The table shows the median of the values beside the median of the baselines, their
//   ratio (value / baseline), the goal and whether the median meets it. Report every run, never a best one.
// - `baseline` is the reference measured in the same run on the same machine (these machines are noisy: the
//   ratio is the comparable figure); `goal.of` says whether the goal applies to the ratio or to the value.
// - `extra` carries secondary numbers (p50, p99, errors…); the table prints their medians.
// - figure() appends a JSON line to the file named by TOCSIN_BENCH_FIGURES (run.mjs sets it); run alone
//   (`node --import tsx bench/x.bench.ts`), a bench prints the lines instead.
// - Progress and explanations go to console.log as before; only figure() feeds the table.
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';

export type EngineName = 'PGlite' | 'PostgreSQL';

export interface Goal {
  op: '>=' | '<=' | '<' | '>';
  value: number;
  /** Whether the goal applies to the ratio value / baseline, or to the value itself (in `unit`). */
  of: 'ratio' | 'value';
}

export interface Figure {
  /** What is measured, the same in every run: 'incident list, 10k incidents, 50 connections'. */
  name: string;
  /** The database engine, or '—' when none is involved (web app size). */
  engine?: EngineName | '—';
  value: number;
  /** 'req/s', 'ms', 'lookups/s', 'KB'… */
  unit: string;
  /** The same-run reference; its unit is `unit` unless given. */
  baseline?: { name: string; value: number; unit?: string };
  goal?: Goal;
  /** Secondary numbers of this run, e.g. { 'p99 ms': 41, errors: 0 }. */
  extra?: Record<string, number>;
}

/** Reports one run of one figure (see the header of this file). */
export function figure(f: Figure): void {
  const line = JSON.stringify({ bench: path.basename(process.argv[1] ?? '?'), engine: '—', ...f });
  const file = process.env.TOCSIN_BENCH_FIGURES;
  if (file) fs.appendFileSync(file, `${line}\n`);
  else console.log(`figure ${line}`);
}

/** Seconds each timed load lasts (BENCH_SECONDS, default 3). */
export const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
/** Runs of each measurement whose median is reported (BENCH_RUNS, default 3). */
export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/** The PostgreSQL server whose databases the benches create and drop. */
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const fmt = (n: number) => Math.round(n).toLocaleString('en');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fresh, empty place for Tocsin's data: a temp folder, and on PostgreSQL a database of its own. */
export interface Engine {
  name: EngineName;
  /** TOCSIN_DATA_DIR (the embedded database, the instance secret, attachments). */
  dataDir: string;
  /** DATABASE_URL on PostgreSQL. */
  databaseUrl: string | undefined;
  /** Opens the database and applies Tocsin's migrations, as the server does at start. Close it before starting a server on PGlite. */
  open(): Promise<Database>;
}

/** The engines to run on (BENCH_ENGINES=pglite,postgres, default both); PostgreSQL only if its server answers. */
export async function enginesToRun(): Promise<EngineName[]> {
  const wanted = (process.env.BENCH_ENGINES ?? 'pglite,postgres').toLowerCase();
  const out: EngineName[] = [];
  if (wanted.includes('pglite')) out.push('PGlite');
  if (wanted.includes('postgres')) {
    const client = new pg.Client({ connectionString: SERVER_URL });
    try {
      await client.connect();
      await client.end();
      out.push('PostgreSQL');
    } catch {
      console.log(`PostgreSQL: skipped, no server at ${new URL(SERVER_URL).host} (set BENCH_DATABASE_URL)`);
    }
  }
  return out;
}

let databases = 0;

/** Runs `fn` on a fresh engine, then removes its folder and drops its database. */
export async function withEngine<T>(name: EngineName, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-'));
  const admin = name === 'PostgreSQL' ? new pg.Client({ connectionString: SERVER_URL }) : null;
  const dbName = `tocsin_bench_${process.pid}_${++databases}`;
  let databaseUrl: string | undefined;
  try {
    if (admin) {
      await admin.connect();
      await admin.query(`drop database if exists ${dbName}`);
      await admin.query(`create database ${dbName}`);
      const u = new URL(SERVER_URL);
      u.pathname = `/${dbName}`;
      databaseUrl = u.toString();
    }
    const open = async () => {
      const database = await openDatabase({ databaseUrl, dataDir });
      await runMigrations(database);
      return database;
    };
    return await fn({ name, dataDir, databaseUrl, open });
  } finally {
    if (admin) {
      await admin
        .query(`drop database if exists ${dbName} with (force)`)
        .catch((err: unknown) => console.log(`could not drop ${dbName}: ${String(err)}`));
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `fn` on a fresh migrated PGlite, then on a fresh database of the PostgreSQL server (skipped if unreachable). */
export async function onBothEngines(fn: (label: string, database: Database, dataDir: string) => Promise<void>): Promise<void> {
  for (const name of await enginesToRun()) {
    await withEngine(name, async (engine) => {
      const database = await engine.open();
      try {
        await fn(name, database, engine.dataDir);
      } finally {
        await database.close();
      }
    });
  }
}

export interface LoadResult {
  /** 2xx responses per second over the load. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  /** Non-2xx answers, connection errors and timeouts. */
  failed: number;
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** A new body for each request (varied input). */
  body?: () => string;
  /** Requests per second over all connections (a probe rather than a load). */
  rate?: number;
  /** Sees each response. */
  onResponse?: (status: number, body: string) => void;
}

/** An autocannon load: throughput of 2xx answers and latency percentiles in milliseconds. */
export async function load(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const { body, onResponse } = opts;
  const result = await autocannon({
    url,
    connections: opts.connections ?? 1,
    duration: opts.seconds ?? DURATION,
    // Why 60 s: a slow server must show up as slow latencies, not as client-side timeouts.
    timeout: 60,
    method: opts.method ?? 'GET',
    headers: opts.headers ?? {},
    ...(opts.rate ? { overallRate: opts.rate } : {}),
    ...(body || onResponse
      ? {
          requests: [
            {
              ...(body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) } : {}),
              ...(onResponse ? { onResponse: (status: number, resBody: string) => onResponse(status, resBody) } : {}),
            },
          ],
        }
      : {}),
  });
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    failed: result.non2xx + result.errors,
  };
}

/** Requests per second of GET `url` (throws on any failure). */
export async function requestsPerSecond(
  url: string,
  opts: { headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string; connections?: number } = {},
): Promise<number> {
  const body = opts.body;
  const r = await load(url, {
    connections: opts.connections ?? 10,
    headers: opts.headers ?? {},
    method: opts.method ?? 'GET',
    ...(body ? { body: () => body } : {}),
  });
  if (r.failed > 0) throw new Error(`${url}: ${r.failed} failed requests`);
  return r.rps;
}
