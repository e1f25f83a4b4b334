// The compiled server (scripts/build-server.mjs, run by `npm install` and `npm start`): it builds, starts, serves the
// web app and the API from another folder than its sources, loads none of the libraries start-up does not need, and
// `tocsin` runs it only while it is at least as new as the sources.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import buildWeb from '#tests/helpers/build-web';
import { listening, runTocsin, type Proc } from '#tests/helpers/cli-process';
import { buildServer, freshServerEntry, newestServerSource } from '../../scripts/build-server.mjs';

let dir: string;
let outdir: string;
let entry: string;
const started: Proc[] = [];

beforeAll(async () => {
  // Inside the checkout (.tmp/ is ignored by git): the build resolves its packages from node_modules, as dist/ does.
  fs.mkdirSync('.tmp', { recursive: true });
  dir = fs.mkdtempSync(path.resolve('.tmp', 'compiled-'));
  outdir = path.join(dir, 'server');
  entry = await buildServer({ outdir });
  // `/` serves the built web app; build it if this checkout has none yet (as `npm install` would have).
  buildWeb();
});
afterAll(() => {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `tocsin <args>` from the compiled entry in `outdir`, as bin/tocsin.mjs runs it. */
function runCompiled(dataDir: string, args: string[]): Proc {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOCSIN_DATA_DIR: dataDir,
    TOCSIN_PORT: '0',
    TOCSIN_HOST: '127.0.0.1',
    TOCSIN_LOG_LEVEL: 'info',
    TOCSIN_ADMIN_PASSWORD: 'compiled-admin-password',
  };
  delete env.DATABASE_URL;
  const script = `const { main } = await import(${JSON.stringify(entry)}); await main(['node', 'tocsin', ...process.argv.slice(1)]);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { env, cwd: os.tmpdir() });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const p: Proc = { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
  started.push(p);
  return p;
}

/** A data folder holding an existing database: a copy of the run's migrated template when there is one. */
function dataFolder(): string {
  const data = path.join(dir, `data-${started.length}`);
  const template = inject('templateDir');
  if (template) fs.cpSync(template, data, { recursive: true });
  return data;
}

describe('the compiled server', () => {
  it('starts from its build folder, serves the web app on / and answers the API', async () => {
    const server = runCompiled(dataFolder(), ['serve']);
    const url = await listening(server);
    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // The migrations folder is found relative to the sources, not to the build folder.
    expect((await fetch(`${url}/api/ready`)).status).toBe(200);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@tocsin.local', password: 'compiled-admin-password' }),
    });
    expect(login.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('prints the version from package.json', async () => {
    const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
    const p = runCompiled(dir, ['--version']);
    expect(await p.exited).toBe(0);
    expect(p.output().trim()).toBe(version);
  });

  it('imports none of the libraries start-up does not need at load time', () => {
    const code = fs.readFileSync(entry, 'utf8');
    const staticImports = [...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)";/gms)].map((m) => m[1]);
    expect(staticImports).toContain('fastify');
    const lazy = [
      'openpgp',
      'date-holidays',
      '@node-rs/argon2',
      'otplib',
      'qrcode',
      'diff',
      'csv-parse/sync',
      'pg',
      'drizzle-orm/node-postgres',
    ];
    expect(staticImports.filter((name) => lazy.includes(name as string))).toEqual([]);
  });

  it('is used only while it is at least as new as every source file', () => {
    // (Stamped ahead of now rather than trusting the build's own stamp: a source edited meanwhile makes it stale.)
    const newer = new Date(Date.now() + 3_600_000);
    fs.utimesSync(entry, newer, newer);
    expect(freshServerEntry(outdir)).toBe(entry);
    const older = new Date(newestServerSource() - 60_000);
    fs.utimesSync(entry, older, older);
    expect(freshServerEntry(outdir)).toBeNull();
    expect(freshServerEntry(path.join(dir, 'no-build-here'))).toBeNull();
  });
});

describe('tocsin without a fresh build', () => {
  it('runs the TypeScript sources when asked to (TOCSIN_FROM_SOURCE=1)', async () => {
    const p = runTocsin(dir, ['--version'], { env: { TOCSIN_FROM_SOURCE: '1' } });
    expect(await p.exited).toBe(0);
    expect(p.output().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
