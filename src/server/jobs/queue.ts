// A durable job queue on the application database: enqueue in the caller's transaction,
// claim with FOR UPDATE SKIP LOCKED so each job runs once across instances, retry with exponential backoff.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '#server/db/client';
import type { Ctx, Clock, EnqueueOptions, Jobs } from '#server/ctx';
import type { JobRow } from './jobs.table';
import * as repo from './jobs.repo';

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

export type { EnqueueOptions };

export class JobQueue implements Jobs {
  constructor(private readonly db: Db) {}

  /** Enqueues a job; pass a transaction as `tx` to make the job exist only if that transaction commits. */
  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}, tx: Db = this.db): Promise<string | null> {
    return repo.insertJob(tx, name, payload, opts);
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
    await repo.requeueExpiredLocks(db);
    const job = await repo.claimNextJob(db, this.id, lockSeconds);
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
      await repo.markJobDone(db, job.id, this.id);
      log.debug('job done');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const max = def?.maxAttempts ?? job.maxAttempts;
      const final = job.attempts >= max;
      const delaySeconds = backoffMs(job.attempts) / 1000;
      await repo.markJobFailed(db, job.id, this.id, { final, delaySeconds, message: message.slice(0, 2000) });
      log.warn({ err: message, final }, final ? 'job failed for good' : 'job failed, will retry');
    }
  }
}
