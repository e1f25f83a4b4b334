// The authenticated incident list (GET /api/incidents with an API token, first page) on the real server process,
// with 1k, 10k and 100k incidents, on PGlite and on PostgreSQL: one request at a time (latency, which should stay
// flat as the table grows), then 50 and 200 connections beside /api/health on the same server. During the
// 200-connection load a second process probes /api/health and the server logs its event-loop delay each second.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DURATION, RUNS, enginesToRun, figure, fmt, load, median, sleep, withEngine, type EngineName, type LoadResult } from './lib';
import { seedConstituents, seedIncidents, seedTeam } from './seed';
import { createApiToken, startTocsin, type TocsinProcess } from './tocsin-process';

const SIZES = (process.env.BENCH_INCIDENTS ?? '1000,10000,100000').split(',').map(Number);
const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const probeScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probe.mjs');

/** GET /api/health from another process at 50 requests/s for the load's duration. */
function probeHealth(url: string): Promise<{ p50: number; p99: number; max: number; ok: number; failed: number; firstError?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [probeScript, `${url}/api/health`, String(DURATION), '50'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as never) : reject(new Error(`probe exited with ${code}`))));
  });
}

/**
 * Waits until the requests the last load left queued are answered: list requests until one answers about as
 * fast as on the idle server (`idleMs`), at most two minutes. Returns how long the backlog took.
 */
async function drain(list: string, headers: Record<string, string>, idleMs: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const t = performance.now();
    // A connection the overloaded server dropped is no answer: try again.
    const answered = await fetch(list, { headers }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.ok;
      },
      () => false,
    );
    if ((answered && performance.now() - t <= Math.max(50, 2 * idleMs)) || performance.now() - t0 > 120_000) return performance.now() - t0;
    await sleep(20);
  }
}

/**
 * Changes an incident of the list `perSecond` times a second (a busy team's edits) until the result is called:
 * each change makes every cached page of the list be read from the database again. Returns the changes made.
 */
function changeIncidents(url: string, headers: Record<string, string>, id: string, perSecond: number): () => Promise<number> {
  let stopped = false;
  let made = 0;
  const running = (async () => {
    const t0 = performance.now();
    while (!stopped) {
      const res = await fetch(`${url}/api/incidents/${id}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Changed during the load ${made}` }),
      });
      if (!res.ok) throw new Error(`PATCH /api/incidents/${id}: ${res.status} ${await res.text()}`);
      made++;
      await sleep(Math.max(0, t0 + (made * 1000) / perSecond - performance.now()));
    }
  })();
  return async () => {
    stopped = true;
    await running;
    return made;
  };
}

const show = (what: string, r: LoadResult) =>
  `${what} ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} FAILED` : ''}`;

async function measure(engine: EngineName, n: number, server: TocsinProcess, oneAtATime1k: number[]): Promise<number[]> {
  const token = await createApiToken(server.url, 'analyst');
  const headers = { authorization: `Bearer ${token}` };
  const list = `${server.url}/api/incidents`;
  const health = `${server.url}/api/health`;
  const first = await fetch(list, { headers });
  if (first.status !== 200) throw new Error(`GET /api/incidents: ${first.status} ${await first.text()}`);
  const page = (await first.json()) as { items: { id: string }[]; total: number };
  console.log(`  first page: ${page.items.length} items of ${fmt(page.total)} visible`);
  await load(list, { headers, seconds: 1 }); // warm-up
  await load(health, { connections: 10, seconds: 1 });

  const name = (what: string) => `incident list, ${label(n)} incidents, ${what}`;
  const p50s: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    console.log(`  run ${run}/${RUNS}`);
    const h1 = await load(health, { seconds: Math.min(2, DURATION) });
    const l1 = await load(list, { headers });
    console.log(`    one at a time: ${show('health', h1)} | ${show('list', l1)}`);
    p50s.push(l1.p50);
    oneAtATimeFigure(engine, name('one request at a time (p50)'), n, h1, l1, oneAtATime1k[run - 1]);
    if (n < 10_000) continue;

    // /api/health first, on the idle server; each list load is followed by a wait until its backlog is served.
    const h50 = await load(health, { connections: 50 });
    const tHealth = Date.now();
    const h200 = await load(health, { connections: 200 });
    const healthLoop = server.loopDelays(tHealth, Date.now());
    const l50 = await load(list, { headers, connections: 50 });
    const drained50 = await drain(list, headers, l1.p99);
    console.log(`    50 connections: ${show('health', h50)} | ${show('list', l50)} | backlog served in ${fmt(drained50)} ms`);
    figure({
      name: name('50 connections'),
      engine,
      value: l50.rps,
      unit: 'req/s',
      baseline: { name: '/api/health, 50 connections', value: h50.rps },
      goal: { op: '>=', value: 0.3, of: 'ratio' },
      extra: { 'p99 ms': l50.p99, failed: l50.failed, 'drain ms': Math.round(drained50) },
    });
    // The same load while the data changes 10 times a second: the pages are read from the database again after
    // each change (the read cache serves only what has not changed since it was read).
    const changedId = page.items.at(-1)?.id;
    if (!changedId) throw new Error('the list is empty');
    const stopChanging = changeIncidents(server.url, headers, changedId, 10);
    const l50w = await load(list, { headers, connections: 50 });
    const changes = await stopChanging();
    await drain(list, headers, l1.p99);
    console.log(`    50 connections, ${changes} changes meanwhile: ${show('list', l50w)}`);
    figure({
      name: name('50 connections, 10 changes/s'),
      engine,
      value: l50w.rps,
      unit: 'req/s',
      baseline: { name: '/api/health, 50 connections', value: h50.rps },
      goal: { op: '>=', value: 0.3, of: 'ratio' },
      extra: { 'p99 ms': l50w.p99, failed: l50w.failed, changes },
    });
    figure({
      name: name('50 connections, p99'),
      engine,
      value: l50.p99,
      unit: 'ms',
      baseline: { name: '/api/health p99, 50 connections', value: h50.p99 },
      goal: { op: '<', value: 25, of: 'value' },
    });

    const tList = Date.now();
    const [l200, probe] = await Promise.all([load(list, { headers, connections: 200 }), probeHealth(server.url)]);
    const tEnd = Date.now();
    const drained200 = await drain(list, headers, l1.p99);
    // The seconds of the load (the server logs one line a second); the worst second's p99 is the figure.
    const loop = server.loopDelays(tList, tEnd + 1000);
    const loopP99 = Math.max(0, ...loop.map((l) => l.p99Ms));
    const loopMax = Math.max(0, ...loop.map((l) => l.maxMs));
    const baseLoopP99 = Math.max(0, ...healthLoop.map((l) => l.p99Ms));
    console.log(
      `    200 connections: ${show('health', h200)} | ${show('list', l200)} | backlog served in ${fmt(drained200)} ms\n` +
        `      meanwhile /api/health from a second client: p50 ${probe.p50} ms, p99 ${probe.p99} ms, max ${probe.max} ms, ${probe.ok} answered, ${probe.failed} failed${probe.firstError ? ` (first: ${probe.firstError})` : ''}\n` +
        `      event-loop delay per second (p99 ms): ${loop.map((l) => l.p99Ms).join(' ')} | during the health load: ${healthLoop.map((l) => l.p99Ms).join(' ')}`,
    );
    figure({
      name: name('200 connections'),
      engine,
      value: l200.rps,
      unit: 'req/s',
      baseline: { name: '/api/health, 200 connections', value: h200.rps },
      goal: { op: '>=', value: 0.3, of: 'ratio' },
      extra: { 'p99 ms': l200.p99, 'drain ms': Math.round(drained200) },
    });
    figure({
      name: name('200 connections, failed requests'),
      engine,
      value: l200.failed + probe.failed,
      unit: 'requests',
      goal: { op: '<=', value: 0, of: 'value' },
    });
    figure({
      name: name('200 connections, /api/health p99 meanwhile'),
      engine,
      value: probe.p99,
      unit: 'ms',
      baseline: { name: '/api/health p99, idle server', value: h1.p99 },
      goal: { op: '<', value: 50, of: 'value' },
      extra: { 'max ms': probe.max },
    });
    figure({
      name: name('200 connections, event-loop delay p99 (worst second)'),
      engine,
      value: loopP99,
      unit: 'ms',
      baseline: { name: 'the same during the /api/health load', value: baseLoopP99 },
      goal: { op: '<', value: 20, of: 'value' },
      extra: { 'max ms': loopMax, 'median second p99 ms': median(loop.map((l) => l.p99Ms)) },
    });
  }
  const errors = server.errorLines();
  if (errors.length) console.log(`  the server logged ${errors.length} errors, first: ${errors[0]}`);
  return p50s;
}

/**
 * The same server with its read cache off (TOCSIN_READ_CACHE=off): every answer read from the database, as after
 * each change. Not the path users take on an unchanged list, but the one a changed list takes: its latency must
 * stay flat as the table grows (the page and the capped count on indexes).
 */
/** One list request at a time: against /api/health at 1k incidents, against the 1k figure (flat) above. */
function oneAtATimeFigure(engine: EngineName, name: string, n: number, h1: LoadResult, l1: LoadResult, base1k: number | undefined) {
  figure({
    name,
    engine,
    value: l1.p50,
    unit: 'ms',
    ...(n === 1000 || base1k === undefined
      ? { baseline: { name: '/api/health, one request at a time (p50)', value: h1.p50 } }
      : { baseline: { name: 'the same with 1k incidents', value: base1k }, goal: { op: '<=', value: 1.5, of: 'ratio' } }),
    extra: { 'p99 ms': l1.p99, failed: l1.failed },
  });
}

async function measureUncached(engine: EngineName, n: number, server: TocsinProcess, base1k: number[]): Promise<number[]> {
  const token = await createApiToken(server.url, 'analyst');
  const headers = { authorization: `Bearer ${token}` };
  const list = `${server.url}/api/incidents`;
  const health = `${server.url}/api/health`;
  await load(list, { headers, seconds: 1 }); // warm-up
  const name = (what: string) => `incident list, ${label(n)} incidents, ${what}`;
  const p50s: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const h1 = await load(health, { seconds: Math.min(2, DURATION) });
    const l1 = await load(list, { headers });
    p50s.push(l1.p50);
    oneAtATimeFigure(engine, name('read cache off, one request at a time (p50)'), n, h1, l1, base1k[run - 1]);
    if (n < 10_000) continue;
    const h50 = await load(health, { connections: 50 });
    const l50 = await load(list, { headers, connections: 50 });
    await drain(list, headers, l1.p99);
    console.log(`    read cache off: one at a time ${show('list', l1)} | 50 connections: ${show('health', h50)} | ${show('list', l50)}`);
    figure({
      name: name('read cache off, 50 connections'),
      engine,
      value: l50.rps,
      unit: 'req/s',
      baseline: { name: '/api/health, 50 connections', value: h50.rps },
      extra: { 'p99 ms': l50.p99, failed: l50.failed },
    });
  }
  return p50s;
}

for (const engine of await enginesToRun()) {
  let oneAtATime1k: number[] = [];
  let uncached1k: number[] = [];
  for (const n of SIZES) {
    await withEngine(engine, async (e) => {
      console.log(`${engine}, ${fmt(n)} incidents`);
      const t0 = performance.now();
      const database = await e.open();
      const t1 = performance.now();
      try {
        const constituents = await seedConstituents(database, 200, 400);
        const team = await seedTeam(database, 12);
        const t2 = performance.now();
        await seedIncidents(database, n, constituents, team);
        console.log(
          `  migrated in ${fmt(t1 - t0)} ms, constituents and team in ${fmt(t2 - t1)} ms, incidents in ${fmt(performance.now() - t2)} ms`,
        );
      } finally {
        await database.close();
      }
      const server = await startTocsin(e);
      try {
        const p50s = await measure(engine, n, server, oneAtATime1k);
        if (n === 1000) oneAtATime1k = p50s;
      } finally {
        await server.stop();
      }
      const uncachedServer = await startTocsin(e, { TOCSIN_READ_CACHE: 'off' });
      try {
        const p50s = await measureUncached(engine, n, uncachedServer, uncached1k);
        if (n === 1000) uncached1k = p50s;
      } finally {
        await uncachedServer.stop();
      }
    });
  }
}
