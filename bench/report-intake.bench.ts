// Report intake through the whole pipeline: anonymous POST /api/public/reports on the real server process
// (varied reports whose observables are extracted and matched against 10,000 constituent assets, SLA clocks
// started, audit written), 10 clients, beside the raw single-row INSERT rate of the same engine (a one-column
// table: 10 concurrent clients on PostgreSQL, one after the other on PGlite, which has one connection).
// Afterwards, every acknowledged report must be in the database (counted by the references returned).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows } from '#server/db/client';
import { DURATION, RUNS, enginesToRun, figure, fmt, load, withEngine, type Engine } from './lib';
import { prng, seedConstituents } from './seed';
import { startTocsin } from './tocsin-process';

const ASSETS = 10_000;
const CLIENTS = 10;

/** Varied public reports: phishing, scans, malware, leaks; defanged or plain observables, some inside constituents' ranges. */
function reportMaker(seed: number): () => string {
  const r = prng(seed);
  const hex = (n: number) => Array.from({ length: n }, () => r.int(16).toString(16)).join('');
  const constituentIp = () => `10.${r.int(20)}.${r.int(256)}.${1 + r.int(254)}`;
  const outsideIp = () => `${r.pick([185, 45, 91, 203])}.${r.int(256)}.${r.int(256)}.${1 + r.int(254)}`;
  const domain = () => (r.next() < 0.5 ? `c${2 * r.int(ASSETS / 2) + 1}.example.org` : `login-${hex(6)}.example.net`);
  const defang = (s: string) => (r.next() < 0.5 ? s.replace(/\./g, '[.]') : s);
  const kinds = [
    () => ({
      title: `Phishing mails pointing to ${defang(domain())}`,
      body: `We received ${2 + r.int(40)} mails linking to hxxps://${defang(domain())}/owa/auth.php?id=${hex(8)} from ${outsideIp()}.`,
    }),
    () => ({
      title: `Port scan from ${constituentIp()}`,
      body: `Our IDS saw ${constituentIp()} scanning ports 22, 3389 and 445 of ${outsideIp()} for ${1 + r.int(50)} minutes.`,
    }),
    () => ({
      title: 'Malware sample downloaded by a user',
      body: `A user ran an attachment (sha256 ${hex(64)}, md5 ${hex(32)}); it contacts ${defang(domain())} and ${constituentIp()}.`,
    }),
    () => ({
      title: 'Credentials of your users on a paste site',
      body: `About ${10 + r.int(5000)} e-mail addresses @${domain()} with passwords were posted; source ${outsideIp()}.`,
    }),
    () => ({
      title: `Defacement of ${domain()}`,
      body: `The page https://${domain()}/ shows a political message since this morning. Hosting address ${constituentIp()}.`,
    }),
    () => ({
      title: 'IPv6 brute force against SSH',
      body: `2001:db8:${hex(4)}::${hex(4)} tried ${100 + r.int(10_000)} passwords on our servers; see the log extract.`,
    }),
  ];
  return () => {
    const k = r.pick(kinds)();
    const lines = Array.from(
      { length: r.int(30) },
      (_, i) =>
        `Jan ${1 + r.int(28)} 10:${String(i % 60).padStart(2, '0')}:0${r.int(10)} fw${r.int(4)} DROP SRC=${r.next() < 0.5 ? constituentIp() : outsideIp()} DST=192.0.2.${r.int(255)} PROTO=TCP DPT=${r.pick([22, 80, 443, 3389])}`,
    );
    const reporter =
      r.next() < 0.8
        ? {
            name: `Reporter ${r.int(10_000)}`,
            email: `soc${r.int(1000)}@example.net`,
            ...(r.next() < 0.5 ? { organisation: `Org ${r.int(300)}` } : {}),
            ...(r.next() < 0.3 ? { phone: `+33 1 ${r.int(90) + 10} ${r.int(90) + 10} ${r.int(90) + 10} ${r.int(90) + 10}` } : {}),
          }
        : undefined;
    return JSON.stringify({
      title: k.title,
      description: `${k.body}\n${'Details as we observed them. '.repeat(r.int(20))}`,
      ...(lines.length ? { evidence: lines.join('\n') } : {}),
      ...(r.next() < 0.5 ? { occurredAt: new Date(Date.now() - r.int(7 * 86_400_000)).toISOString() } : {}),
      urgent: r.next() < 0.05,
      tlp: r.pick(['CLEAR', 'GREEN', 'AMBER', 'AMBER', 'AMBER', 'RED']),
      ...(reporter ? { reporter } : {}),
    });
  };
}

let rawLite: { lite: PGlite; close(): Promise<void> } | null = null;

async function openRawLite(): Promise<{ lite: PGlite; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-raw-'));
  const lite = await PGlite.create(path.join(dir, 'pg'));
  return {
    lite,
    async close() {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Raw single-row INSERTs into a one-column table of the same engine for DURATION seconds; rows per second. */
async function rawInsertRate(engine: Engine, table: string): Promise<number> {
  let rows = 0;
  // The clock starts once the table exists (creating a PGlite takes seconds).
  let t0 = 0;
  let until = 0;
  const start = () => {
    t0 = performance.now();
    until = t0 + DURATION * 1000;
  };
  if (engine.databaseUrl) {
    const pool = new pg.Pool({ connectionString: engine.databaseUrl, max: CLIENTS });
    try {
      await pool.query(`create table if not exists ${table} (n bigint)`);
      const clients = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
      start();
      try {
        await Promise.all(
          clients.map(async (client) => {
            while (performance.now() < until) await client.query(`insert into ${table} (n) values ($1)`, [rows++]);
          }),
        );
      } finally {
        for (const c of clients) c.release();
      }
    } finally {
      await pool.end();
    }
  } else {
    // The server holds its data folder: the same engine (same PGlite, same settings) in a folder of its own.
    rawLite ??= await openRawLite();
    const lite = rawLite.lite;
    await lite.query(`create table ${table} (n bigint)`);
    start();
    while (performance.now() < until) await lite.query(`insert into ${table} (n) values ($1)`, [rows++]);
  }
  return rows / ((performance.now() - t0) / 1000);
}

for (const name of await enginesToRun()) {
  await withEngine(name, async (engine) => {
    console.log(`${name}: ${fmt(ASSETS)} constituent assets`);
    const database = await engine.open();
    try {
      await seedConstituents(database, 500, ASSETS);
    } finally {
      await database.close();
    }
    const acknowledged: string[] = [];
    const server = await startTocsin(engine, { TOCSIN_PUBLIC_REPORT_RATE_LIMIT: '1000000000' });
    try {
      const url = `${server.url}/api/public/reports`;
      const next = reportMaker(1);
      const onResponse = (status: number, body: string) => {
        if (status === 201) acknowledged.push((JSON.parse(body) as { reference: string }).reference);
      };
      await load(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: next,
        onResponse,
        connections: CLIENTS,
        seconds: 1,
      }); // warm-up
      for (let run = 1; run <= RUNS; run++) {
        const raw = await rawInsertRate(engine, `bench_raw_${run}`);
        const intake = await load(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: next,
          onResponse,
          connections: CLIENTS,
        });
        console.log(
          `  run ${run}/${RUNS}: raw INSERT ${fmt(raw)} rows/s | intake ${fmt(intake.rps)} reports/s, p50 ${intake.p50} ms, p99 ${intake.p99} ms${intake.failed ? `, ${intake.failed} FAILED` : ''}`,
        );
        figure({
          name: `report intake, whole pipeline, ${CLIENTS} clients`,
          engine: name,
          value: intake.rps,
          unit: 'reports/s',
          baseline: {
            name: `raw single-row INSERT, ${engine.databaseUrl ? `${CLIENTS} clients` : 'one at a time'}`,
            value: raw,
            unit: 'rows/s',
          },
          goal: { op: '>=', value: 0.5, of: 'ratio' },
          extra: { 'p50 ms': intake.p50, 'p99 ms': intake.p99, failed: intake.failed },
        });
      }
      const errors = server.errorLines();
      if (errors.length) console.log(`  the server logged ${errors.length} errors, first: ${errors[0]}`);
    } finally {
      await server.stop();
      await rawLite?.close();
      rawLite = null;
    }
    // Every acknowledged report is there (the server has stopped: on PGlite its folder is free again).
    const check = await engine.open();
    try {
      const [row] = await queryRows<{ n: number }>(
        check.db,
        sql`select count(distinct reference)::int as n from reports where reference in (select jsonb_array_elements_text(${JSON.stringify(acknowledged)}::jsonb))`,
      );
      const present = row?.n ?? 0;
      const distinct = new Set(acknowledged).size;
      console.log(
        `  ${fmt(acknowledged.length)} reports acknowledged (${fmt(distinct)} distinct references), ${fmt(present)} present afterwards`,
      );
      figure({
        name: 'report intake, acknowledged reports missing afterwards',
        engine: name,
        value: acknowledged.length - present,
        unit: 'reports',
        goal: { op: '<=', value: 0, of: 'value' },
        extra: { acknowledged: acknowledged.length, 'duplicate references': acknowledged.length - distinct },
      });
    } finally {
      await check.close();
    }
  });
}
