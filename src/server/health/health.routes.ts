// Liveness (the process answers) and readiness (the database answers and every migration is applied).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { migrationsUpToDate } from '../db/migrate';
import { sendProblem } from '../http/errors';

const tags = ['health'];

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/health', {
    schema: { tags, summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    config: { access: 'public' },
    logLevel: 'warn',
  }, () => ({ status: 'ok' as const }));

  app.get('/api/ready', {
    schema: { tags, summary: 'Readiness: database reachable and migrations applied', response: { 200: z.object({ status: z.literal('ready'), database: z.string() }) } },
    config: { access: 'public' },
    logLevel: 'warn',
  }, async (req, reply) => {
    try {
      await req.ctx.db.execute(sql`select 1`);
      if (!(await migrationsUpToDate(req.ctx.db))) return sendProblem(reply, 'not-ready', { detail: 'Migrations are pending' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      return sendProblem(reply, 'not-ready', { detail: 'The database does not answer' });
    }
    return { status: 'ready' as const, database: app.tocsin.database.engine };
  });
};
