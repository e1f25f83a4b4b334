// Observable → constituent matching: lookups per second of the in-memory AssetIndex against the same
// longest-prefix query in PostgreSQL (inet >>= with an SP-GiST index), same prefixes, same run.
// Databases: embedded PGlite in a temporary folder, then a PostgreSQL server (BENCH_DATABASE_URL, default the
// local one; a temporary table). BENCH_SECONDS (default 2) bounds each timed phase.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { formatIpv6Parts, maskIpv6Parts, normaliseCidr, parseIpv6 } from '#shared/observables/normalise';
import { AssetIndex, type Asset } from '#server/organisations/asset-index';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const PREFIXES = 100_000;
const DOMAINS = 100_000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

// Deterministic pseudo-random numbers, so that runs are comparable.
let seed = 0x5eed;
const rand = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed;
};
const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length] as T;
const hex16 = (): string => (rand() & 0xffff).toString(16);
const v4 = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** A random address or more specific prefix inside `prefix` (host bits randomised), normalised. */
function randomInside(prefix: string, extraBits: number): string {
  const [addr = '', lenText = ''] = prefix.split('/');
  const parentLen = Number(lenText);
  if (!addr.includes(':')) {
    const host = parentLen >= 32 ? 0 : rand() & (0xffffffff >>> parentLen);
    const len = Math.min(32, parentLen + extraBits);
    return `${v4((ipv4Int(addr) | host) >>> 0)}${extraBits === 0 ? '' : `/${len}`}`;
  }
  const parts = parseIpv6(addr)?.parts ?? [0, 0, 0, 0, 0, 0, 0, 0];
  const randomised = parts.map((p, i) => {
    const fixed = Math.min(16, Math.max(0, parentLen - 16 * i)); // bits of this group inside the prefix
    return fixed === 16 ? p : p | (rand() & (0xffff >>> fixed));
  });
  if (extraBits === 0) return formatIpv6Parts(randomised);
  const len = Math.min(128, parentLen + extraBits);
  return `${formatIpv6Parts(maskIpv6Parts(randomised, len))}/${len}`;
}

/** Random prefixes, half IPv4 (/8–/32), half IPv6 (/32–/64, some /128); one in ten nested in an earlier one. */
function generatePrefixes(): string[] {
  const out: string[] = [];
  while (out.length < PREFIXES) {
    const nested = out.length > 100 && rand() % 10 === 0;
    const raw = nested
      ? randomInside(pick(out), 1 + (rand() % 8))
      : out.length % 2 === 0
        ? `${v4(rand())}/${8 + (rand() % 25)}`
        : rand() % 20 === 0
          ? `2001:${hex16()}:${hex16()}::${hex16()}/128`
          : `2001:${hex16()}:${hex16()}:${hex16()}::/${32 + (rand() % 33)}`;
    const norm = normaliseCidr(raw);
    if (norm !== null) out.push(norm);
  }
  return out;
}

function ipv4Int(a: string): number {
  return a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Lookup addresses: half inside a random asset prefix, half anywhere. */
function generateQueries(prefixes: readonly string[], n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 0) return randomInside(pick(prefixes), 0);
    return i % 4 === 1 ? v4(rand()) : `2001:${hex16()}:${hex16()}::${hex16()}`;
  });
}

interface Db {
  label: string;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function openServer(url: string): Promise<Db | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    console.log(`PostgreSQL server: skipped, none at ${new URL(url).host} (set BENCH_DATABASE_URL)`);
    return null;
  }
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  return {
    label: `server ${version.split(' ')[0] ?? version}`,
    query: async (text, values) => (await client.query<Record<string, unknown>>(text, values)).rows,
    close: () => client.end(),
  };
}

async function openPglite(): Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-assets-'));
  const lite = await PGlite.create(dir);
  return {
    label: 'PGlite',
    query: async (sql, params) => (await lite.query<Record<string, unknown>>(sql, params)).rows,
    close: async () => {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `lookup` over the queries, round-robin, for SECONDS; returns lookups per second. */
async function timeLookups(queries: readonly string[], lookup: (q: string) => unknown): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() < deadline) {
    for (let k = 0; k < 64; k++) await lookup(queries[n++ % queries.length] ?? '');
  }
  return n / ((performance.now() - t0) / 1000);
}

const prefixes = generatePrefixes();
const domains = Array.from({ length: DOMAINS }, (_, i) => `d${i}.example${i % 500}.${pick(['org', 'fr', 'lu', 'eu'])}`);
const assets: Asset[] = [
  ...prefixes.map((value, i): Asset => ({ organisationId: `org-${i % 10_000}`, kind: 'cidr', value })),
  ...domains.map((value, i): Asset => ({ organisationId: `org-${i % 10_000}`, kind: 'domain', value })),
];
const queries = generateQueries(prefixes, 50_000);

const t0 = performance.now();
const index = new AssetIndex(assets);
const buildMs = performance.now() - t0;
if (index.rejected.length > 0) throw new Error(`${index.rejected.length} generated assets rejected`);
console.log(`asset index build: ${fmt(PREFIXES)} prefixes + ${fmt(DOMAINS)} domains in ${fmt(buildMs)} ms`);

const indexAnswer = (q: string): string | null => {
  const type = q.includes(':') ? 'ipv6' : 'ipv4';
  return index.match({ type, value: q })[0]?.assetValue ?? null;
};
// Synchronous loop for the index (awaiting a non-promise would measure the microtask queue instead).
const deadline = performance.now() + SECONDS * 1000;
const tIdx = performance.now();
let done = 0;
let hits = 0;
while (performance.now() < deadline) {
  for (let k = 0; k < 1024; k++) hits += indexAnswer(queries[done++ % queries.length] ?? '') === null ? 0 : 1;
}
const indexRate = done / ((performance.now() - tIdx) / 1000);

/** Loads the prefixes into `db` and times the equivalent `inet >>=` lookup beside the index's rate. */
async function compareWith(db: Db): Promise<void> {
  try {
    const tLoad = performance.now();
    await db.query('CREATE TEMP TABLE bench_assets (net inet NOT NULL)');
    for (let i = 0; i < prefixes.length; i += 10_000) {
      await db.query('INSERT INTO bench_assets (net) SELECT unnest($1::inet[])', [prefixes.slice(i, i + 10_000)]);
    }
    await db.query('CREATE INDEX bench_assets_net ON bench_assets USING spgist (net inet_ops)');
    await db.query('ANALYZE bench_assets');
    console.log(`PostgreSQL (${db.label}) load: ${fmt(prefixes.length)} prefixes + SP-GiST index in ${fmt(performance.now() - tLoad)} ms`);

    const sql = 'SELECT net::text AS net FROM bench_assets WHERE net >>= $1::inet ORDER BY masklen(net) DESC LIMIT 1';
    const plan = (await db.query(`EXPLAIN ${sql.replace('$1::inet', `'${queries[0] ?? ''}'::inet`)}`))
      .map((r) => String(Object.values(r)[0]))
      .join('\n');
    if (!plan.includes('bench_assets_net')) throw new Error(`the database does not use the SP-GiST index:\n${plan}`);
    // Same answers as the index on a sample, or the comparison means nothing.
    for (const q of queries.slice(0, 500)) {
      const rows = await db.query(sql, [q]);
      const text = typeof rows[0]?.net === 'string' ? rows[0].net : null;
      const pgAnswer = text === null ? null : normaliseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
      if (pgAnswer !== indexAnswer(q)) throw new Error(`mismatch for ${q}: index ${indexAnswer(q)}, database ${pgAnswer}`);
    }
    const dbRate = await timeLookups(queries, (q) => db.query(sql, [q]));
    console.log(
      `asset index: ${fmt(indexRate)} lookups/s | PostgreSQL inet >>= (${db.label}): ${fmt(dbRate)} lookups/s | ratio ${fmt(indexRate / dbRate)}x` +
        ` (${Math.round((100 * hits) / done)}% of lookups matched)`,
    );
  } finally {
    await db.close();
  }
}

// Both engines: embedded PGlite, then the PostgreSQL server (BENCH_DATABASE_URL, default the local one).
await compareWith(await openPglite());
const server = await openServer(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
if (server) await compareWith(server);

