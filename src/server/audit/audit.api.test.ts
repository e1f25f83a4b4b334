import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { queryRows } from '#server/db/client';
import { jobDefinitions } from '#server/app';
import { recordAudit, sealAuditTrail, verifyAuditChain } from './audit.service';
import { attachedTrail, sealAll, sealAndVerify } from './audit.test-helpers';
import { sealAuditJob } from './audit.jobs';
import { attachAuditTrail, auditTrailFrom } from './audit.trail';
import { deriveSecrets } from '#server/instance-secret';

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

describe('sealing', () => {
  type Listed = { seq: number; action: string; position: number | null };
  const list = async (headers: Record<string, string>, query = '') =>
    (await t.app.inject({ url: `/api/audit?limit=200${query}`, headers })).json<{ items: Listed[] }>().items;

  it('lists events before they are sealed, newest first and marked unsealed, then gives them contiguous positions', async () => {
    const admin = await someEvents();
    const before = await list(admin.headers, '&action=user.create');
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before[0]?.position).toBeNull();
    expect(before[0]?.seq).toBeGreaterThan(before[1]?.seq ?? Infinity);

    expect(await sealAll(t.db.db)).toBeGreaterThanOrEqual(3);
    const after = await list(admin.headers);
    const positions = after.map((e) => e.position);
    expect(positions.every((p) => typeof p === 'number')).toBe(true);
    const sorted = [...(positions as number[])].sort((x, y) => x - y);
    expect(sorted).toEqual(sorted.map((_, i) => (sorted[0] ?? 1) + i));
    expect(await sealAndVerify(t.db.db)).toMatchObject({ ok: true, unsealed: 0 });
    await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: `pending-${Date.now()}@example.org`, name: 'Pending', role: 'viewer' },
    });
    const api = await t.app.inject({ url: '/api/audit/verify', headers: admin.headers });
    expect(api.json()).toMatchObject({ ok: true, unsealed: 1, firstBroken: null });
    expect(api.json<{ checked: number }>().checked).toBeGreaterThanOrEqual(3);
  });

  it('seals an event whose lower seq commits after higher ones were sealed, after them, and loses none', async () => {
    const admin = await t.as('admin');
    // A writer takes its seq, then commits late (here: its row is written after the others were sealed).
    const [reserved] = await queryRows<{ seq: string }>(t.db.db, sql`select nextval(pg_get_serial_sequence('audit_events', 'seq')) as seq`);
    const lateSeq = Number(reserved?.seq);
    await someEvents();
    await sealAll(t.db.db);
    await recordAudit(t.db.db, t.systemCtx(), { action: 'test.late', entity: ['test', null] });
    const late = await t.db.db.execute(sql`update audit_events set seq = ${lateSeq} where action = 'test.late'`);
    expect(late).toBeTruthy();
    await sealAll(t.db.db);
    const rows = await list(admin.headers);
    const lateRow = rows.find((e) => e.seq === lateSeq);
    const highest = Math.max(...rows.filter((e) => e.seq !== lateSeq).map((e) => e.position ?? 0));
    expect(lateRow?.position).toBe(highest + 1);
    expect(await sealAndVerify(t.db.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('leaves a gap in seq for a rolled-back transaction, none in the chain', async () => {
    await t.db.db
      .transaction(async (tx) => {
        await recordAudit(tx, t.systemCtx(), { action: 'test.rolled-back', entity: ['test', null] });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await recordAudit(t.db.db, t.systemCtx(), { action: 'test.kept', entity: ['test', null] });
    const r = await sealAndVerify(t.db.db);
    expect(r).toMatchObject({ ok: true, unsealed: 0 });
    const admin = await t.as('admin');
    expect(await list(admin.headers, '&action=test.rolled-back')).toEqual([]);
  });

  it('two sealers at once seal every event exactly once', async () => {
    for (let i = 0; i < 30; i++) await recordAudit(t.db.db, t.systemCtx(), { action: 'test.burst', entity: ['test', String(i)] });
    const trail = attachedTrail(t.db.db);
    const [a, b] = await Promise.all([sealAuditTrail(t.db.db, trail, { batchSize: 7 }), sealAuditTrail(t.db.db, trail, { batchSize: 7 })]);
    await sealAll(t.db.db); // what a sealer that found the lock taken left for its next run
    expect((a ?? 0) + (b ?? 0)).toBeGreaterThan(0);
    expect(await sealAndVerify(t.db.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('is a periodic backstop job (at most a minute apart) that seals what was recorded', async () => {
    expect(jobDefinitions.map((d) => d.name)).toContain('audit.seal');
    expect(sealAuditJob.every?.ms).toBeLessThanOrEqual(60_000);
    await recordAudit(t.db.db, t.systemCtx(), { action: 'test.by-job', entity: ['test', null] });
    await sealAuditJob.run(t.systemCtx(), {});
    expect(await verifyAuditChain(t.db.db, attachedTrail(t.db.db))).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('seals shortly after a write when the server asks for it, without waiting for the periodic job', async () => {
    const own = await testApp();
    try {
      attachAuditTrail(own.db.db, auditTrailFrom(deriveSecrets('test-instance-secret-of-32-characters!'), null, { sealAfterWritesMs: 20 }));
      const admin = await own.as('admin');
      const created = await own.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers,
        payload: { email: 'soon@example.org', name: 'Soon', role: 'viewer' },
      });
      expect(created.statusCode).toBe(201);
      const positionOf = async () =>
        (await own.app.inject({ url: '/api/audit?action=user.create&limit=1', headers: admin.headers })).json<{ items: Listed[] }>()
          .items[0]?.position;
      const deadline = Date.now() + 5_000;
      while ((await positionOf()) == null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(await positionOf()).toEqual(expect.any(Number));
      expect(await verifyAuditChain(own.db.db, attachedTrail(own.db.db))).toMatchObject({ ok: true });
    } finally {
      await own.close();
    }
  });

  it('writers do not wait for each other: a transaction records while another one that recorded is still open', async () => {
    if (t.db.engine !== 'postgres') return; // PGlite has one connection: there is no concurrency to show
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let recorded!: () => void;
    const firstRecorded = new Promise<void>((r) => (recorded = r));
    const first = t.db.db.transaction(async (tx) => {
      await recordAudit(tx, t.systemCtx(), { action: 'test.open', entity: ['test', null] });
      recorded();
      await held;
    });
    await firstRecorded;
    const second = t.db.db.transaction((tx) => recordAudit(tx, t.systemCtx(), { action: 'test.second', entity: ['test', null] }));
    const outcome = await Promise.race([second.then(() => 'done'), new Promise((r) => setTimeout(() => r('waited'), 2_000))]);
    release();
    await first;
    expect(outcome).toBe('done');
    // The open transaction's event was not visible to a sealer meanwhile; it is sealed once committed.
    expect(await sealAndVerify(t.db.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
