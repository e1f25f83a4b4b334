// Housekeeping of the queue itself: finished jobs are kept 14 days for inspection, then deleted.
import { z } from 'zod';
import { defineJob } from './queue';
import { purgeFinishedJobs } from './jobs.repo';

export const purgeFinishedJobsJob = defineJob({
  name: 'jobs.purge-finished',
  payload: z.object({}).passthrough(),
  every: { ms: 60 * 60_000 },
  async run(ctx) {
    await purgeFinishedJobs(ctx.db);
  },
});
