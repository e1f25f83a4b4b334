// `tocsin serve` as an operator runs it: first start prints the admin password once, a second server on
// the same data folder is refused, SIGTERM drains and exits cleanly, and a job queued before a restart runs after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listening, runTocsin, type Proc } from '#tests/helpers/cli-process';
import { openDatabase } from '#server/db/client';
import { JobQueue } from '#server/jobs/queue';

const serve = (dataDir: string, env: Record<string, string> = {}): Proc => runTocsin(dataDir, ['serve'], { env });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-serve-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tocsin serve', () => {
  it('prints a generated admin password once, refuses a second server on the folder, and stops cleanly on SIGTERM', async () => {
    const first = serve(dir);
    const url = await listening(first);
    const password = /password: (\S+)/.exec(first.output())?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@tocsin.local', password }),
    });
    expect(login.status).toBe(200);
    expect((await fetch(`${url}/`, { headers: { accept: 'text/html' } })).status).toBeLessThan(600);

    const second = serve(dir);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('is in use by another Tocsin process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dir, 'tocsin.lock'))).toBe(false);

    // Second start: the account exists, no password is printed again.
    const again = serve(dir);
    await listening(again);
    expect(again.output()).not.toContain('password:');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('runs after a restart a job that was queued while the server was down', async () => {
    const first = serve(dir, { TOCSIN_ADMIN_PASSWORD: 'restart-test-admin-password' });
    await listening(first);
    first.child.kill('SIGTERM');
    await first.exited;
    // While it is down, something queues the housekeeping job for right now.
    const db = await openDatabase({ dataDir: dir });
    const id = await new JobQueue(db.db).enqueue('sessions.purge-expired', {}, { singletonKey: 'queued-while-down' });
    await db.close();

    const second = serve(dir);
    const url = await listening(second);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@tocsin.local', password: 'restart-test-admin-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let status = 'queued';
    const end = Date.now() + 15_000;
    while (Date.now() < end && status !== 'done') {
      const res = await fetch(`${url}/api/jobs?name=sessions.purge-expired`, { headers: { cookie } });
      const body = (await res.json()) as { items: { id: string; status: string }[] };
      status = body.items.find((j) => j.id === id)?.status ?? 'missing';
      if (status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    second.child.kill('SIGTERM');
    await second.exited;
    expect(status).toBe('done');
  });
});
