// Two Tocsin processes on one PostgreSQL database behind a round-robin reverse proxy (bench/proxy.mjs, a process
// of its own), against one process behind the same proxy, in the same run: the authenticated incident list
// (10k incidents, 50 connections) and report intake (10 clients). PostgreSQL only: a PGlite folder is opened by
// one process. What the two instances must agree on (a revoked token, a changed role, an asset change, a job
// run once) is tested in the API tests (credential-cache, asset-matching, jobs), on two instances of one database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNS, enginesToRun, figure, fmt, load, withEngine, type LoadResult } from './lib';
import { reportMaker, seedConstituents, seedIncidents, seedTeam } from './seed';
import { createApiToken, startTocsin } from './tocsin-process';

const INCIDENTS = 10_000;
const ASSETS = 400;
const proxyScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'proxy.mjs');

async function startProxy(upstreams: string[]): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, [proxyScript, ...upstreams], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0] ?? '';
      if (out.includes('\n')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`the proxy exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** One run of a figure: two instances behind the proxy, beside one instance behind the same proxy. */
function twoBesideOne(name: string, unit: string, one: LoadResult, two: LoadResult): void {
  figure({
    name,
    engine: 'PostgreSQL',
    value: two.rps,
    unit,
    baseline: { name: 'one instance behind the same proxy', value: one.rps },
    extra: { 'p99 ms': two.p99, 'one instance p99 ms': one.p99, failed: one.failed + two.failed },
  });
}

const show = (r: LoadResult) => `${fmt(r.rps)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} FAILED` : ''}`;

if (!(await enginesToRun()).includes('PostgreSQL')) console.log('two instances: skipped (they need the PostgreSQL server)');
else
  await withEngine('PostgreSQL', async (engine) => {
    const database = await engine.open();
    try {
      const constituents = await seedConstituents(database, 200, ASSETS);
      const team = await seedTeam(database, 12);
      await seedIncidents(database, INCIDENTS, constituents, team);
    } finally {
      await database.close();
    }
    const env = { TOCSIN_PUBLIC_REPORT_RATE_LIMIT: '1000000000' };
    const a = await startTocsin(engine, env);
    const b = await startTocsin(engine, env);
    const one = await startProxy([a.url]);
    const two = await startProxy([a.url, b.url]);
    try {
      const token = await createApiToken(a.url, 'analyst');
      const headers = { authorization: `Bearer ${token}` };
      const next = reportMaker(2, ASSETS);
      const intake = (url: string) =>
        load(`${url}/api/public/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: next, connections: 10 });
      await load(`${two.url}/api/incidents`, { headers, seconds: 1, connections: 10 }); // warm-up, both instances
      for (let run = 1; run <= RUNS; run++) {
        const list1 = await load(`${one.url}/api/incidents`, { headers, connections: 50 });
        const list2 = await load(`${two.url}/api/incidents`, { headers, connections: 50 });
        const in1 = await intake(one.url);
        const in2 = await intake(two.url);
        console.log(
          `  run ${run}/${RUNS}: list one instance ${show(list1)} | two ${show(list2)}; intake one ${show(in1)} | two ${show(in2)}`,
        );
        twoBesideOne('incident list, 10k incidents, 50 connections, two instances behind a proxy', 'req/s', list1, list2);
        twoBesideOne('report intake, 10 clients, two instances behind a proxy', 'reports/s', in1, in2);
      }
      for (const [label, server] of [
        ['first', a],
        ['second', b],
      ] as const) {
        const errors = server.errorLines();
        if (errors.length) console.log(`  the ${label} instance logged ${errors.length} errors, first: ${errors[0]}`);
      }
    } finally {
      one.stop();
      two.stop();
      await a.stop();
      await b.stop();
    }
  });
