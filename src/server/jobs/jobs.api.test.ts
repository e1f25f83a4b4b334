import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { testDb, reopen, type TestDatabase } from '#tests/helpers/test-db';
import { queryRows, type Database } from '#server/db/client';
import { JobQueue, JobWorker, defineJob, backoffMs, type JobDefinition } from './queue';
import { jobDefinitions } from '#server/app';
import { systemClock, type Clock, type Ctx } from '#server/ctx';
import { startSession } from '#server/sessions/sessions.service';
import { createUser } from '#server/users/users.service';

const log = pino({ level: 'silent' });
const ctxFor = (database: Database) => (): Ctx => ({
  db: database.db,
  actor: { kind: 'system', label: 'test' },
  jobs: new JobQueue(database.db),
  clock: systemClock,
  log,
  origin: {},
});

function worker(database: Database, definitions: JobDefinition<never>[], id?: string, clock?: Clock) {
  return new JobWorker({
    db: database.db,
    definitions,
    log,
    makeCtx: ctxFor(database),
    pollMs: 20,
    ...(id ? { id } : {}),
    ...(clock ? { clock } : {}),
  });
}

async function statusOf(db: Database, id: string) {
  const rows = await queryRows<{ status: string; attempts: number; last_error: string | null; run_at: string }>(
    db.db,
    sql`select status, attempts, last_error, run_at from jobs where id = ${id}`,
  );
  return rows[0];
}

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}

let db: TestDatabase;
beforeEach(async () => {
  db = await testDb();
});
afterEach(() => db.destroy());

describe('job queue', () => {
  it('runs a job enqueued before a restart once the service is back', async () => {
    const ran: string[] = [];
    const greet = defineJob({ name: 'test.greet', payload: z.object({ who: z.string() }), run: async (_ctx, p) => void ran.push(p.who) });
    const id = await new JobQueue(db.db).enqueue('test.greet', { who: 'duty officer' });
    expect(id).not.toBeNull();
    await db.close(); // the service stops before any worker ran it

    const again = await reopen(db.location);
    try {
      const w = worker(again, [greet as unknown as JobDefinition<never>]);
      w.start();
      await until(async () => (await statusOf(again, id ?? ''))?.status === 'done');
      await w.stop();
      expect(ran).toEqual(['duty officer']);
    } finally {
      await again.close();
    }
  });

  it('retries a failing job with exponential backoff, then marks it failed after max attempts', async () => {
    let calls = 0;
    const flaky = defineJob({
      name: 'test.flaky',
      payload: z.object({}),
      maxAttempts: 3,
      run: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const id = (await new JobQueue(db.db).enqueue('test.flaky', {})) ?? '';
    const w = worker(db, [flaky as unknown as JobDefinition<never>]);
    expect(await w.runOne()).toBe(true);
    let s = await statusOf(db, id);
    expect(s).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1' });
    expect(new Date(s?.run_at ?? 0).getTime() - Date.now()).toBeGreaterThan(backoffMs(1) - 2000);
    // Not due yet: nothing runs.
    expect(await w.runOne()).toBe(false);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await db.db.execute(sql`update jobs set run_at = now() where id = ${id}`);
      expect(await w.runOne()).toBe(true);
    }
    s = await statusOf(db, id);
    expect(s).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    expect(calls).toBe(3);
    expect(backoffMs(1)).toBe(5000);
    expect(backoffMs(2)).toBe(10000);
    expect(backoffMs(20)).toBe(3_600_000);
  });

  it('runs each job exactly once when two workers (instances) compete', async () => {
    const runs = new Map<number, number>();
    const count = defineJob({
      name: 'test.count',
      payload: z.object({ n: z.number() }),
      run: async (_c, p) => {
        runs.set(p.n, (runs.get(p.n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    const q = new JobQueue(db.db);
    for (let n = 0; n < 40; n++) await q.enqueue('test.count', { n });
    // A second connection pool stands for a second instance (on PGlite, the same single connection).
    const other = db.engine === 'postgres' ? await reopen(db.location) : db;
    const defs = [count as unknown as JobDefinition<never>];
    const a = worker(db, defs, 'instance-a');
    const b = worker(other, defs, 'instance-b');
    a.start();
    b.start();
    try {
      await until(
        async () => (await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from jobs where status = 'done'`))[0]?.n === 40,
      );
    } finally {
      await a.stop();
      await b.stop();
      if (other !== db) await other.close();
    }
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((v) => v === 1)).toBe(true);
  });

  it('requeues a job whose worker died while running it', async () => {
    const ran: number[] = [];
    const job = defineJob({ name: 'test.once', payload: z.object({}), run: async () => void ran.push(1) });
    const id = (await new JobQueue(db.db).enqueue('test.once', {})) ?? '';
    await db.db.execute(
      sql`update jobs set status = 'running', attempts = 1, locked_by = 'dead', locked_until = now() - interval '1 second' where id = ${id}`,
    );
    expect(await worker(db, [job as unknown as JobDefinition<never>]).runOne()).toBe(true);
    expect(await statusOf(db, id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(ran).toHaveLength(1);
  });

  it('enqueues a periodic job once per period across instances', async () => {
    // One instant for both, so that no period boundary falls between their two calls.
    const instant = { now: () => new Date('2026-11-23T08:00:02Z') };
    const a = worker(db, jobDefinitions, undefined, instant);
    const b = worker(db, jobDefinitions, undefined, instant);
    await a.enqueueSchedules();
    await b.enqueueSchedules();
    const rows = await queryRows<{ name: string; n: number }>(
      db.db,
      sql`select name, count(*)::int as n from jobs group by name order by name`,
    );
    const periodic = jobDefinitions
      .filter((d) => d.every)
      .map((d) => d.name)
      .sort();
    expect(periodic).toEqual(expect.arrayContaining(['jobs.purge-finished', 'sessions.purge-expired']));
    expect(rows).toEqual(periodic.map((name) => ({ name, n: 1 })));
  });

  it('housekeeping deletes expired sessions and keeps live ones', async () => {
    const ctx = ctxFor(db)();
    const u = await createUser(ctx, { email: 'house@example.org', name: 'H', role: 'viewer', password: 'long enough password' });
    const past = { now: () => new Date(Date.now() - 3 * 3_600_000) };
    await startSession(db.db, past, { ttlMs: 3_600_000, pendingTtlMs: 1 }, { userId: u.user.id, mfaPending: false });
    await startSession(db.db, systemClock, { ttlMs: 3_600_000, pendingTtlMs: 1 }, { userId: u.user.id, mfaPending: false });
    const w = worker(db, jobDefinitions);
    await w.enqueueSchedules();
    while (await w.runOne()) {
      /* drain */
    }
    const left = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from sessions`);
    expect(left[0]?.n).toBe(1);
    const audit = await queryRows<{ summary: { purged: number } }>(
      db.db,
      sql`select summary from audit_events where action = 'session.purge-expired'`,
    );
    expect(audit[0]?.summary.purged).toBe(1);
  });
});
