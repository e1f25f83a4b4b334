// buildApp(deps): the Fastify instance with its infrastructure plugins and every feature's routes.
// main.ts, the tests and the benchmarks all build the server through this one function.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import type { Database } from './db/client';
import type { Config } from './config';
import { systemClock, type Clock } from './ctx';
import { JobQueue } from './jobs/queue';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors';
import { textSafeValidatorCompiler } from './http/validation';
import { registerAuth, type AuthOptions } from './http/auth';
import { registerWeb } from './http/web';
import { healthRoutes } from './health/health.routes';
import { authRoutes } from './auth/auth.routes';
import { usersRoutes } from './users/users.routes';
import { tokensRoutes } from './tokens/tokens.routes';
import { auditRoutes } from './audit/audit.routes';
import { teamRoutes } from './team/team.routes';
import { jobsRoutes } from './jobs/jobs.routes';
import { organisationsRoutes } from './organisations/organisations.routes';
import { rfc2350Routes } from './rfc2350/rfc2350.routes';
import { assetMatchRoutes } from './organisations/asset-matching';
import { reportsRoutes } from './reports/reports.routes';
import type { AttachmentStore } from './storage/storage';
import { incidentsRoutes } from './incidents/incidents.routes';
import { dutyRoutes } from './duty/duty.routes';
import { homeRoutes } from './home/home.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import type { InstanceSecrets } from './instance-secret';
import { limits } from '#shared/limits';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'sessionHours' | 'secureCookies' | 'trustProxy' | 'publicUrl'>;
  /** Secrets derived from the instance secret (see instance-secret.ts). */
  secrets: InstanceSecrets;
  clock?: Clock;
  /** A pino logger, or false for none (tests). */
  logger?: Logger | false;
  /** Sign-in attempts allowed per address and minute (default 10); tests that sign in often raise it. */
  loginRateLimit?: number;
  /** The attachment store (main.ts: files under <data dir>/attachments). */
  storage: AttachmentStore;
  /** Public report submissions allowed per address and minute (default 5, with a burst guard); tests raise it. */
  publicReportRateLimit?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    tocsin: { database: Database; jobs: JobQueue; clock: Clock };
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    loggerInstance: (deps.logger || undefined) as FastifyBaseLogger | undefined,
    genReqId: () => randomUUID(),
    bodyLimit: limits.bodyBytes,
    trustProxy: deps.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;

  app.setValidatorCompiler(textSafeValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const jobs = new JobQueue(deps.database.db);
  app.decorate('tocsin', { database: deps.database, jobs, clock });
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    req.ctx = { db: deps.database.db, actor: { kind: 'anonymous' }, jobs, clock, log: req.log, origin: { requestId: req.id, ip: req.ip } };
  });
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    if (!req.url.startsWith('/api/docs')) {
      void reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    }
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false, max: 100, timeWindow: '1 minute' });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tocsin API', version: '0.1.0', description: 'The operations platform of a CSIRT. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tocsin_session' },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (tcs_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());

  const authOptions: AuthOptions = {
    sessions: { ttlMs: deps.config.sessionHours * 3_600_000, pendingTtlMs: 5 * 60_000 },
    secureCookies: deps.config.secureCookies,
  };
  registerAuth(app, authOptions);

  await app.register(healthRoutes);
  await app.register(authRoutes, { ...authOptions, loginRateLimit: deps.loginRateLimit ?? 10, totpKey: deps.secrets.totpKey });
  await app.register(usersRoutes);
  await app.register(tokensRoutes);
  await app.register(auditRoutes);
  await app.register(jobsRoutes);
  await app.register(organisationsRoutes);
  await app.register(teamRoutes, { teamKeyPassphrase: deps.secrets.teamKeyPassphrase, publicUrl: deps.config.publicUrl });
  await app.register(rfc2350Routes);
  await app.register(assetMatchRoutes);
  await app.register(reportsRoutes, { storage: deps.storage, publicUrl: deps.config.publicUrl, publicRateLimit: deps.publicReportRateLimit ?? 5 });
  await app.register(incidentsRoutes);
  await app.register(dutyRoutes);
  await app.register(homeRoutes);
  await app.register(notificationsRoutes);
  await registerWeb(app);
  return app;
}
