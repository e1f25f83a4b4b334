// Housekeeping of the queue itself: finished jobs are kept 14 days for inspection, then deleted.
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defineJob } from './queue';

export const purgeFinishedJobsJob = defineJob({
  name: 'jobs.purge-finished',
  payload: z.object({}).passthrough(),
  every: { ms: 60 * 60_000 },
  async run(ctx) {
    await ctx.db.execute(sql`delete from jobs where status in ('done', 'failed') and finished_at < now() - interval '14 days'`);
  },
});
