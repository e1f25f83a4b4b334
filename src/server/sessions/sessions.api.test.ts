// Login sessions through HTTP: their lifetime (12 hours here, renewed by activity at most once a minute),
// an unknown or forged cookie, signing out a disabled account, and the job that deletes expired sessions.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { purgeExpiredSessionsJob } from './sessions.jobs';
import { JobQueue } from '#server/jobs/queue';
import { queryRows } from '#server/db/client';

const MIN = 60_000;
const HOUR = 60 * MIN;
let current = Date.parse('2026-06-01T08:00:00Z');
const clock = { now: () => new Date(current) };
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ clock });
});
afterAll(() => t.close());

const sessionOf = (cookie: string) => t.app.inject({ url: '/api/auth/session', headers: { cookie } });
const count = async () => Number((await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from sessions`))[0]?.n);

describe('session lifetime', () => {
  it('expires 12 hours after the last activity, activity renewing it', async () => {
    const s = await t.as('analyst');
    current += 11 * HOUR;
    expect((await sessionOf(s.cookie)).statusCode).toBe(200); // renews: 12 hours from now
    current += 11 * HOUR;
    expect((await sessionOf(s.cookie)).statusCode).toBe(200);
    current += 12 * HOUR + MIN;
    const expired = await sessionOf(s.cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ type: '/problems/unauthenticated' });
  });

  it('answers an unknown or forged cookie like no session (401), whatever its shape', async () => {
    for (const value of ['x', 'A'.repeat(43), '%27%20or%201%3D1--']) {
      const res = await sessionOf(`tocsin_session=${value}`);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ type: '/problems/unauthenticated' });
    }
  });

  it('signs out every session of an account an admin disables', async () => {
    const admin = await t.as('admin');
    const u = await t.createUser('viewer');
    const a = await t.login(u.email, u.password);
    const b = await t.login(u.email, u.password);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    for (const s of [a, b]) expect((await sessionOf(s.cookie)).statusCode).toBe(401);
    expect((await sessionOf(admin.cookie)).statusCode).toBe(200);
  });
});

describe('sessions.purge-expired', () => {
  it('deletes expired sessions only, and audits how many', async () => {
    const live = await t.as('lead');
    const before = await count();
    current += 13 * HOUR; // every session above expired, `live` included
    const fresh = await t.as('admin');
    const ctx = { ...t.systemCtx(), jobs: new JobQueue(t.db.db), log: pino({ level: 'silent' }) };
    await purgeExpiredSessionsJob.run(ctx, {});
    expect(await count()).toBe(1);
    expect(before).toBeGreaterThan(1);
    expect((await sessionOf(live.cookie)).statusCode).toBe(401);
    expect((await sessionOf(fresh.cookie)).statusCode).toBe(200);
    const audit = await t.app.inject({ url: '/api/audit?action=session.purge-expired', headers: fresh.headers });
    expect(audit.json<{ items: { summary: { purged: number } }[] }>().items[0]?.summary.purged).toBe(before);
  });
});
