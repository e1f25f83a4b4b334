// Admins see the queue: what is waiting, running, done or failed, and why.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listJobs } from './jobs.repo';
import { JobList, JobQuery } from '#shared/jobs/jobs.schemas';

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/jobs',
    {
      schema: { tags: ['jobs'], summary: 'Recent jobs, newest first', querystring: JobQuery, response: { 200: JobList } },
      config: { access: 'jobs:read' },
    },
    async (req) => {
      const q = req.query;
      const rows = await listJobs(req.ctx.db, q);
      return {
        items: rows.map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          runAt: j.runAt.toISOString(),
          lastError: j.lastError,
          createdAt: j.createdAt.toISOString(),
          finishedAt: j.finishedAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
