// A real Tocsin server for the benches: `node bin/tocsin.mjs serve` as `npm start` runs it, production settings,
// logging on at its default level into a file (as a service manager would keep it), on a fresh engine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './lib';
import { sleep } from './lib';
import { LOOP_DELAY_MESSAGE, type LoopDelayStats } from '#server/loop-delay';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ADMIN = { email: 'admin@tocsin.local', password: 'bench-admin-password-0123' };

export interface LoopDelaySample extends LoopDelayStats {
  /** When the line was written (ms since the epoch). */
  at: number;
}

export interface TocsinProcess {
  url: string;
  /** The event-loop delay lines the server logged (one a second) between `from` and `to` (ms since the epoch). */
  loopDelays(from: number, to: number): LoopDelaySample[];
  /** Lines at level error or above so far. */
  errorLines(): string[];
  stop(): Promise<void>;
}

/** Starts the server on `engine` (its database must be closed on PGlite) and waits until it listens. */
export async function startTocsin(engine: Engine, env: Record<string, string> = {}): Promise<TocsinProcess> {
  const logFile = path.join(engine.dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // The log is shared by every start on this engine: read only what this process writes.
  const logStart = fs.fstatSync(out).size;
  // Only our settings: nothing from the caller's environment changes the server under test.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TOCSIN_') && k !== 'DATABASE_URL' && k !== 'NODE_OPTIONS'),
  );
  const child = spawn(process.execPath, [path.join(root, 'bin/tocsin.mjs'), 'serve'], {
    cwd: root,
    stdio: ['ignore', out, out],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      TOCSIN_PORT: '0',
      TOCSIN_HOST: '127.0.0.1',
      TOCSIN_DATA_DIR: engine.dataDir,
      TOCSIN_ADMIN_EMAIL: ADMIN.email,
      TOCSIN_ADMIN_PASSWORD: ADMIN.password,
      TOCSIN_LOOP_STATS_SECONDS: '1',
      ...(engine.databaseUrl ? { DATABASE_URL: engine.databaseUrl } : {}),
      ...env,
    },
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  let offset = logStart;
  let pending = '';
  const loop: LoopDelaySample[] = [];
  const errors: string[] = [];
  let url: string | null = null;
  /** Reads what the server wrote since the last call; keeps only what the benches need. */
  const readLog = () => {
    const fd = fs.openSync(logFile, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size <= offset) return;
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      offset = size;
      const lines = (pending + buf.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) {
        if (!text.startsWith('{')) continue;
        if (text.includes(LOOP_DELAY_MESSAGE)) {
          const l = JSON.parse(text) as { time: number; eventLoop: LoopDelayStats };
          loop.push({ at: l.time, ...l.eventLoop });
        } else if (/"level":(50|60)/.test(text)) errors.push(text);
        else if (!url && text.includes('Tocsin is listening'))
          url = (JSON.parse(text) as { url: string }).url.replace('localhost', '127.0.0.1');
      }
    } finally {
      fs.closeSync(fd);
    }
  };

  const started = Date.now();
  while (!url) {
    if (exitCode !== undefined)
      throw new Error(
        `the server exited (${exitCode}) before listening; its log: ${logFile}\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not listen within 120 s; its log: ${logFile}`);
    }
    await sleep(50);
    readLog();
  }
  const listening: string = url;
  console.log(`  server ${listening} (pid ${child.pid}) ready in ${fmtSeconds(Date.now() - started)}`);

  return {
    url: listening,
    loopDelays(from, to) {
      readLog();
      return loop.filter((l) => l.at > from && l.at <= to);
    },
    errorLines() {
      readLog();
      return [...errors];
    },
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const late = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(late);
      }
      readLog();
    },
  };
}

const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Signs in as the first admin and creates an API token of `role` acting for it; returns its secret. */
export async function createApiToken(url: string, role: 'admin' | 'lead' | 'analyst' | 'viewer'): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const session = (await login.json()) as { status: string; session?: { csrfToken: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (session.status !== 'ok' || !session.session) throw new Error(`sign-in did not complete: ${JSON.stringify(session)}`);
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.session.csrfToken },
    body: JSON.stringify({ name: `bench ${role}`, role }),
  });
  if (created.status !== 201) throw new Error(`token creation failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}
