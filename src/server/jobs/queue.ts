// A durable job queue on the application database: enqueue in the caller's transaction,
// claim with FOR UPDATE SKIP LOCKED so each job runs once across instances, retry with exponential backoff.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ZodType } from 'zod';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { queryRows, type Db } from '../db/client';
import { jobs, type JobRow } from './jobs.table';
import type { Ctx, Clock } from '../ctx';

export interface JobDefinition<P = unknown> {
  name: string; // entity.verb, e.g. "sessions.purge-expired"
  payload: ZodType<P>;
  run(ctx: Ctx, payload: P): Promise<void>;
  maxAttempts?: number;
  /** Run on a fixed period, once per period across all instances. */
  every?: { ms: number };
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface EnqueueOptions {
  runAt?: Date;
  singletonKey?: string;
  maxAttempts?: number;
}

export class JobQueue {
  constructor(private readonly db: Db) {}

  /** Enqueues a job; pass a transaction as `tx` to make the job exist only if that transaction commits. */
  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}, tx: Db = this.db): Promise<string | null> {
    const rows = await tx
      .insert(jobs)
      .values({
        name,
        payload: payload ?? {},
        ...(opts.runAt ? { runAt: opts.runAt } : {}),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    return rows[0]?.id ?? null;
  }
}

/** Backoff before retry n (1-based): 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export interface WorkerOptions {
  db: Db;
  definitions: JobDefinition<never>[];
  makeCtx: (job: JobRow) => Ctx;
  log: Logger;
  clock?: Clock;
  pollMs?: number;
  lockMs?: number;
  id?: string;
}

export class JobWorker {
  readonly id: string;
  private readonly defs: Map<string, JobDefinition<never>>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly opts: WorkerOptions) {
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.defs = new Map(opts.definitions.map((d) => [d.name, d]));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the job in progress, if any, to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }, delay);
  }

  private async loop(): Promise<void> {
    let didWork = false;
    try {
      await this.enqueueSchedules();
      didWork = await this.runOne();
    } catch (err) {
      this.opts.log.error({ err }, 'job worker poll failed');
    }
    this.schedule(didWork ? 0 : (this.opts.pollMs ?? 1000));
  }

  /** Puts each periodic job in the queue once per period; the singleton key makes other instances' inserts no-ops. */
  async enqueueSchedules(): Promise<void> {
    const now = (this.opts.clock ?? { now: () => new Date() }).now().getTime();
    const queue = new JobQueue(this.opts.db);
    for (const def of this.defs.values()) {
      if (!def.every) continue;
      const bucket = Math.floor(now / def.every.ms);
      await queue.enqueue(def.name, {}, { singletonKey: `every:${bucket}`, runAt: new Date(bucket * def.every.ms) });
    }
  }

  /** Claims and runs at most one due job. Returns whether one ran. */
  async runOne(): Promise<boolean> {
    const db = this.opts.db;
    const lockSeconds = Math.ceil((this.opts.lockMs ?? 300_000) / 1000);
    // Jobs whose worker died (lock expired while running) go back to the queue.
    await db.execute(sql`update jobs set status = 'queued', locked_by = null, locked_until = null
      where status = 'running' and locked_until < now()`);
    const claimed = await queryRows<{ id: string }>(db, sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.id},
        locked_until = now() + make_interval(secs => ${lockSeconds})
      where id = (
        select id from jobs where status = 'queued' and run_at <= now()
        order by run_at, created_at limit 1 for update skip locked)
      returning id`);
    const id = claimed[0]?.id;
    if (!id) return false;
    const [job] = await db.select().from(jobs).where(sql`${jobs.id} = ${id}`);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  private async execute(job: JobRow): Promise<void> {
    const db = this.opts.db;
    const def = this.defs.get(job.name);
    const log = this.opts.log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      if (!def) throw new Error(`no job is defined with the name ${job.name}`);
      const payload = def.payload.parse(job.payload);
      await def.run(this.opts.makeCtx(job), payload);
      await db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null, last_error = null
        where id = ${job.id} and locked_by = ${this.id}`);
      log.debug('job done');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const max = def?.maxAttempts ?? job.maxAttempts;
      const final = job.attempts >= max;
      const delaySeconds = backoffMs(job.attempts) / 1000;
      await db.execute(sql`update jobs set
          status = ${final ? 'failed' : 'queued'},
          run_at = case when ${final} then run_at else now() + make_interval(secs => ${delaySeconds}) end,
          finished_at = case when ${final} then now() else null end,
          last_error = ${message.slice(0, 2000)}, locked_by = null, locked_until = null
        where id = ${job.id} and locked_by = ${this.id}`);
      log.warn({ err: message, final }, final ? 'job failed for good' : 'job failed, will retry');
    }
  }
}
