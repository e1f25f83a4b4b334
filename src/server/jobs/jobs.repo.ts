// Every SQL statement of the job queue: enqueue, claim (FOR UPDATE SKIP LOCKED), finish, retry, purge, and the
// admins' list. The queue (queue.ts) decides when and what; this file only talks to the `jobs` table.
import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '#server/db/client';
import type { EnqueueOptions } from '#server/ctx';
import { jobs, type JobRow } from './jobs.table';

/** Inserts a job; returns null when a job with the same name and singleton key already exists. */
export async function insertJob(db: Db, name: string, payload: unknown, opts: EnqueueOptions): Promise<string | null> {
  const rows = await db
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

/** Jobs whose worker died (lock expired while running) go back to the queue. */
export async function requeueExpiredLocks(db: Db): Promise<void> {
  await db.execute(sql`update jobs set status = 'queued', locked_by = null, locked_until = null
    where status = 'running' and locked_until < now()`);
}

/** Claims the next due job for `workerId` (once across instances, thanks to SKIP LOCKED) and returns it. */
export async function claimNextJob(db: Db, workerId: string, lockSeconds: number): Promise<JobRow | null> {
  const claimed = await queryRows<{ id: string }>(
    db,
    sql`
    update jobs set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${lockSeconds})
    where id = (
      select id from jobs where status = 'queued' and run_at <= now()
      order by run_at, created_at limit 1 for update skip locked)
    returning id`,
  );
  const id = claimed[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

export async function markJobDone(db: Db, jobId: string, workerId: string): Promise<void> {
  await db.execute(sql`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null, last_error = null
    where id = ${jobId} and locked_by = ${workerId}`);
}

/** Records a failure: back to the queue after `delaySeconds`, or failed for good when `final`. */
export async function markJobFailed(
  db: Db,
  jobId: string,
  workerId: string,
  failure: { final: boolean; delaySeconds: number; message: string },
): Promise<void> {
  const { final, delaySeconds, message } = failure;
  await db.execute(sql`update jobs set
      status = ${final ? 'failed' : 'queued'},
      run_at = case when ${final} then run_at else now() + make_interval(secs => ${delaySeconds}) end,
      finished_at = case when ${final} then now() else null end,
      last_error = ${message}, locked_by = null, locked_until = null
    where id = ${jobId} and locked_by = ${workerId}`);
}

/** Finished jobs are kept 14 days for inspection, then deleted. */
export async function purgeFinishedJobs(db: Db): Promise<void> {
  await db.execute(sql`delete from jobs where status in ('done', 'failed') and finished_at < now() - interval '14 days'`);
}

/** Recent jobs, newest first, for the admins' view. */
export async function listJobs(
  db: Db,
  f: { status?: JobRow['status'] | undefined; name?: string | undefined; limit: number },
): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(f.status ? eq(jobs.status, f.status) : undefined, f.name ? eq(jobs.name, f.name) : undefined))
    .orderBy(desc(jobs.createdAt))
    .limit(f.limit);
}
