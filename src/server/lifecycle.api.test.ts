// Stopping and starting as an operator does it, with real processes: Ctrl-C exits within seconds even while a
// browser keeps a connection open, and CLI commands work while the server holds the embedded database.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { listening, runTocsin, type Proc } from '#tests/helpers/cli-process';

const run = (dataDir: string, args: string[], stdin?: string): Proc =>
  runTocsin(dataDir, args, { env: { TOCSIN_ADMIN_PASSWORD: 'lifecycle-admin-password' }, ...(stdin === undefined ? {} : { stdin }) });

function keepAliveGet(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { accept: 'text/html' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

let dir: string;
const started: Proc[] = [];
function track(p: Proc): Proc {
  started.push(p);
  return p;
}
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-life-'));
});
afterEach(() => {
  for (const p of started.splice(0)) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});
// Starting a server initialises a database (several seconds on a busy machine).
vi.setConfig({ testTimeout: 180_000 });

describe('stopping the server', () => {
  it('exits within a few seconds of SIGINT while a browser keeps a keep-alive connection open', async () => {
    const server = track(run(dir, ['serve']));
    const url = await listening(server);
    const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000, maxSockets: 1 });
    expect(await keepAliveGet(`${url}/api/health`, agent)).toBeLessThan(600);
    expect(Object.values(agent.freeSockets).flat().length).toBe(1); // the idle connection stays open
    const started = Date.now();
    server.child.kill('SIGINT');
    const code = await server.exited;
    const took = Date.now() - started;
    agent.destroy();
    expect(code).toBe(0);
    expect(took).toBeLessThan(5_000);
    expect(fs.existsSync(path.join(dir, 'tocsin.lock'))).toBe(false);
  });

  it('exits within a few seconds of SIGINT while a request is still being answered slowly', async () => {
    const server = track(run(dir, ['serve']));
    const url = await listening(server);
    // A client that opens a request and never finishes sending its body keeps the connection busy.
    const u = new URL(url);
    const sock = await new Promise<net.Socket>((resolve) => {
      const s = net.connect(Number(u.port), '127.0.0.1', () => resolve(s));
    });
    sock.write('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    server.child.kill('SIGINT');
    const code = await server.exited;
    const took = Date.now() - started;
    sock.destroy();
    expect(code).toBe(0);
    expect(took).toBeLessThan(5_000);
  });
});

describe('the tocsin command', () => {
  it('prints its version', async () => {
    const p = run(dir, ['--version']);
    expect(await p.exited).toBe(0);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(p.output().trim()).toBe(pkg.version);
  });

  it('works while the server holds the embedded database: audit verify, user add, reset-password, migrate', async () => {
    const server = track(run(dir, ['serve']));
    const url = await listening(server);
    // The socket the commands reach the server through is private to the data folder's owner.
    expect(fs.statSync(path.join(dir, 'tocsin.sock')).mode & 0o777).toBe(0o600);

    const verify = run(dir, ['audit', 'verify']);
    expect(await verify.exited).toBe(0);
    expect(verify.output()).toMatch(/Audit trail intact: \d+ event\(s\) verified\./);

    const add = run(
      dir,
      ['user', 'add', '--email', 'night@example.org', '--name', 'Night Shift', '--role', 'analyst', '--password-stdin'],
      'a long night passphrase\n',
    );
    expect(await add.exited).toBe(0);
    expect(add.output()).toContain('Created night@example.org (analyst).');
    const login = (password: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'night@example.org', password }),
      });
    expect((await login('a long night passphrase')).status).toBe(200);

    const dup = run(dir, ['user', 'add', '--email', 'NIGHT@example.org', '--name', 'Again']);
    expect(await dup.exited).toBe(2);
    expect(dup.output()).toContain('already has an account');

    const reset = run(dir, ['user', 'reset-password', 'night@example.org', '--password-stdin'], 'another long passphrase\n');
    expect(await reset.exited).toBe(0);
    expect((await login('another long passphrase')).status).toBe(200);

    const migrate = run(dir, ['migrate']);
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toMatch(/migration\(s\), all applied/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'tocsin.sock'))).toBe(false);
    // Without a server the command opens the database itself, as before.
    const alone = run(dir, ['audit', 'verify']);
    expect(await alone.exited).toBe(0);
  }, 400_000); // six CLI processes and a server start: minutes on a loaded machine
});
