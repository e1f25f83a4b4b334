// API contract of the job queue as admins inspect it.
import { z } from 'zod';

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);

export const Job = z.object({
  id: z.uuid(),
  name: z.string(),
  status: JobStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export const JobQuery = z
  .object({
    status: JobStatus.optional(),
    name: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type JobQuery = z.infer<typeof JobQuery>;

export const JobList = z.object({ items: z.array(Job) });
