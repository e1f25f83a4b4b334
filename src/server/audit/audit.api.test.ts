import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { verifyAuditChain } from './audit.service';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function someEvents() {
  const admin = await t.as('admin');
  for (let i = 0; i < 3; i++) {
    await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: `chain${i}-${Date.now()}@example.org`, name: `Chain ${i}`, role: 'viewer' },
    });
  }
  return admin;
}

describe('GET /api/audit', () => {
  it('lists events newest first with filters and paging', async () => {
    const admin = await someEvents();
    const page1 = await t.app.inject({ url: '/api/audit?action=user.create&limit=2', headers: admin.headers });
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json<{ items: { seq: number; action: string }[]; nextBefore: number }>();
    expect(p1.items).toHaveLength(2);
    expect(p1.items.every((e) => e.action === 'user.create')).toBe(true);
    expect(p1.items[0]?.seq).toBeGreaterThan(p1.items[1]?.seq ?? Infinity);
    const page2 = await t.app.inject({ url: `/api/audit?action=user.create&limit=2&before=${p1.nextBefore}`, headers: admin.headers });
    expect(page2.json<{ items: { seq: number }[] }>().items[0]?.seq).toBeLessThan(p1.nextBefore);
  });

  it('returns 403 to an analyst and 400 for an invalid filter', async () => {
    const analyst = await t.as('analyst');
    expect((await t.app.inject({ url: '/api/audit', headers: analyst.headers })).statusCode).toBe(403);
    const admin = await t.as('admin');
    const bad = await t.app.inject({ url: '/api/audit?from=yesterday&limit=0', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: { path: string }[] }>().fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['querystring.from', 'querystring.limit']),
    );
  });
});

describe('hash chain', () => {
  it('verifies an untouched trail', async () => {
    await someEvents();
    const r = await verifyAuditChain(t.db.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(3);
  });

  it('names the event whose row was edited directly in the database', async () => {
    const own = await testApp();
    try {
      const admin = await own.as('admin');
      await own.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'victim@example.org', name: 'Victim', role: 'viewer' },
      });
      await own.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'later@example.org', name: 'Later', role: 'viewer' },
      });
      const rows = await own.db.db.execute(sql`select seq from audit_events where summary->>'email' = 'victim@example.org'`);
      const seq = (rows as { rows: { seq: number }[] }).rows[0]?.seq;
      await own.db.db.execute(sql`update audit_events set summary = jsonb_set(summary, '{role}', '"admin"') where seq = ${seq}`);
      const r = await verifyAuditChain(own.db.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken?.seq).toBe(Number(seq));
      expect(r.firstBroken?.reason).toContain('modified');
      const api = await own.app.inject({ url: '/api/audit/verify', headers: admin.headers });
      expect(api.json()).toMatchObject({ ok: false, firstBroken: { seq: Number(seq) } });
    } finally {
      await own.close();
    }
  });

  it('detects a deleted event, including the last one', async () => {
    const own = await testApp();
    try {
      await own.as('admin');
      await own.createUser('viewer');
      await own.createUser('viewer');
      await own.db.db.execute(sql`delete from audit_events where seq = 2`);
      expect(await verifyAuditChain(own.db.db)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
      await own.db.db.execute(sql`delete from audit_events where seq >= 2`);
      const r = await verifyAuditChain(own.db.db);
      expect(r.ok).toBe(false);
      expect(r.firstBroken?.reason).toContain('deleted');
    } finally {
      await own.close();
    }
  });
});
