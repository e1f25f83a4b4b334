// Cold start: from process start to the first 200 on `/`, with an existing embedded database (PGlite), as a
// service manager starts Tocsin: `node bin/tocsin.mjs serve`, production settings, logging on into a file.
// Beside it, in the same run: a bare Fastify process answering `/` (the floor of any Node HTTP server here),
// and the same server run from its TypeScript sources through tsx (TOCSIN_FROM_SOURCE=1), as it started before
// it was compiled. Runs are interleaved so that the machine's noise falls on all three alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, fmt, freePort, median } from './lib';
import { buildServer, freshServerEntry } from '../scripts/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 5));
const GOAL_MS = 1_500;
const TIMEOUT_MS = 60_000;

const bareServer = `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/', () => 'ok');
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
`;

/** One status code of GET / on the port, or null while nothing listens. */
function probe(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.once('error', () => resolve(null));
  });
}

/** Starts `args` (a node command line), returns the milliseconds to the first 200 on `/`, then stops it. */
async function timeToFirstPage(args: string[], env: Record<string, string>, logFile: string): Promise<number> {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TOCSIN_') && k !== 'DATABASE_URL' && k !== 'NODE_OPTIONS'),
  );
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', out, out],
    env: { ...inherited, NODE_ENV: 'production', PORT: String(port), TOCSIN_PORT: String(port), TOCSIN_HOST: '127.0.0.1', ...env },
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  try {
    for (;;) {
      if (exited) throw new Error(`${args.join(' ')} exited before serving / (see ${logFile})`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${args.join(' ')}: no 200 on / within ${TIMEOUT_MS / 1000} s`);
      const status = await probe(port);
      if (status === 200) return performance.now() - started;
      if (status !== null) throw new Error(`${args.join(' ')}: GET / answered ${status} (is the web app built?)`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGTERM');
    await exit;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-cold-'));
const dataDir = path.join(dir, 'data');
const logFile = path.join(dir, 'server.log');
const tocsinEnv = { TOCSIN_DATA_DIR: dataDir, TOCSIN_ADMIN_PASSWORD: 'cold-start-admin-password' };
try {
  // The builds `npm install` makes (web app and server); not timed.
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [path.join(root, 'scripts/start.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
  const ensureCompiled = async () => {
    if (!freshServerEntry()) await buildServer();
  };
  await ensureCompiled();

  // A first start creates and migrates the database; every timed start then opens an existing one.
  const first = await timeToFirstPage(['bin/tocsin.mjs', 'serve'], tocsinEnv, logFile);
  console.log(`first start (creates the database): ${fmt(first)} ms`);

  const compiled: number[] = [];
  const fromSource: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Sources edited meanwhile would make bin/tocsin.mjs fall back to tsx: rebuild first so that it is never so.
    await ensureCompiled();
    const b = await timeToFirstPage(['--input-type=module', '-e', bareServer], {}, logFile);
    const c = await timeToFirstPage(['bin/tocsin.mjs', 'serve'], tocsinEnv, logFile);
    const s = await timeToFirstPage(['bin/tocsin.mjs', 'serve'], { ...tocsinEnv, TOCSIN_FROM_SOURCE: '1' }, logFile);
    bare.push(b);
    compiled.push(c);
    fromSource.push(s);
    console.log(`run ${i + 1}: compiled ${fmt(c)} ms, from sources (tsx) ${fmt(s)} ms, bare Fastify ${fmt(b)} ms`);
    const baseline = { name: 'bare Fastify process answering /', value: b };
    figure({
      name: 'cold start to the first page, existing database',
      engine: 'PGlite',
      value: c,
      unit: 'ms',
      baseline,
      goal: { op: '<', value: GOAL_MS, of: 'value' },
    });
    figure({ name: 'cold start to the first page, from TypeScript sources (tsx)', engine: 'PGlite', value: s, unit: 'ms', baseline });
  }
  const [c, s, b] = [median(compiled), median(fromSource), median(bare)];
  console.log(
    `\nmedian of ${RUNS}: compiled ${fmt(c)} ms (${(c / b).toFixed(1)}× bare Fastify ${fmt(b)} ms), goal < ${fmt(GOAL_MS)} ms: ${c < GOAL_MS ? 'met' : `missed by ${fmt(c - GOAL_MS)} ms`}`,
  );
  console.log(`from sources through tsx: ${fmt(s)} ms (${(s / b).toFixed(1)}× bare Fastify)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
