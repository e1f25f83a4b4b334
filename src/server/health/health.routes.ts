// Liveness (the process answers) and readiness (the database answers and every migration is applied).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '#server/db/client';
import { migrationsUpToDate } from '#server/db/migrate';
import { sendProblem } from '#server/http/errors';

const tags = ['health'];

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: { tags, summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
      config: { access: 'public' },
      logLevel: 'warn',
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags,
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) },
      },
      config: { access: 'public' },
      logLevel: 'warn',
    },
    async (req, reply) => {
      try {
        await ping(req.ctx.db);
        if (!(await migrationsUpToDate(req.ctx.db))) return sendProblem(reply, 'not-ready', { detail: 'Migrations are pending' });
      } catch (err) {
        req.log.warn({ err }, 'readiness check failed');
        return sendProblem(reply, 'not-ready', { detail: 'The database does not answer' });
      }
      return { status: 'ready' as const, database: app.tocsin.database.engine };
    },
  );
};
