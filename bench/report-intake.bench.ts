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
import { reportMaker, seedConstituents } from './seed';
import { startTocsin } from './tocsin-process';

const ASSETS = 10_000;
const CLIENTS = 10;

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
      const next = reportMaker(1, ASSETS);
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
