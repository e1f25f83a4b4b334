// buildApp(deps): the Fastify instance with its infrastructure plugins and every feature's routes; and
// jobDefinitions, every feature's jobs, which main.ts hands to the worker. Infrastructure (db/, http/, jobs/)
// knows no feature: this file is where the parts are assembled. main.ts, the tests and the benchmarks all
// build the server through buildApp.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Logger } from 'pino';
import type { Database } from '#server/db/client';
import type { Config } from './config';
import { systemClock, type Clock } from './ctx';
import { JobQueue } from '#server/jobs/queue';
import { frameworkErrorHandler, registerErrorHandling } from '#server/http/errors';
import { textSafeValidatorCompiler } from '#server/http/validation';
import { registerAuth } from '#server/http/auth';
import { credentialLookups } from '#server/auth/credentials';
import { registerReadCache } from '#server/http/read-cache';
import type { SessionSettings } from '#server/sessions/sessions.service';
import { registerCompression, registerWeb } from '#server/http/web';
import { healthRoutes } from '#server/health/health.routes';
import { authRoutes } from '#server/auth/auth.routes';
import { usersRoutes } from '#server/users/users.routes';
import { tokensRoutes } from '#server/tokens/tokens.routes';
import { auditRoutes } from '#server/audit/audit.routes';
import { teamRoutes } from '#server/team/team.routes';
import { jobsRoutes } from '#server/jobs/jobs.routes';
import { mailboxRoutes } from '#server/mailbox/mailbox.routes';
import { organisationsRoutes } from '#server/organisations/organisations.routes';
import { rfc2350Routes } from '#server/rfc2350/rfc2350.routes';
import { assetMatchRoutes } from '#server/organisations/asset-matching';
import { reportsRoutes } from '#server/reports/reports.routes';
import type { AttachmentStore } from '#server/storage/storage';
import { incidentsRoutes } from '#server/incidents/incidents.routes';
import { dutyRoutes } from '#server/duty/duty.routes';
import { homeRoutes } from '#server/home/home.routes';
import { notificationsRoutes } from '#server/notifications/notifications.routes';
import type { InstanceSecrets } from './instance-secret';
import type { JobDefinition } from '#server/jobs/queue';
import { purgeFinishedJobsJob } from '#server/jobs/jobs.jobs';
import { purgeExpiredSessionsJob } from '#server/sessions/sessions.jobs';
import { notifyPublicationJob } from '#server/team/publish-profile';
import { escalatePageJob, slaCheckJob, type ClockSubjects } from '#server/sla/sla.jobs';
import { pageDutyForReportJob } from '#server/reports/reports.jobs';
import { unsafeFindReportRow } from '#server/reports/reports.service';
import { pageDutyForIncidentJob } from '#server/incidents/incidents.jobs';
import { sealAuditJob } from '#server/audit/audit.jobs';
import { attachAuditTrail, auditTrailFrom } from '#server/audit/audit.trail';
import { isIncidentVisible, unsafeIncidentClockSubject, unsafeIncidentOutcome } from '#server/incidents/incidents.service';
import { limits } from '#shared/limits';

/** The subjects of SLA clocks, for the jobs of sla (which sits below reports and incidents). */
const clockSubjects: ClockSubjects = { report: unsafeFindReportRow, incident: unsafeIncidentClockSubject };

/** Every feature's jobs, in one list the worker knows. A new job is added here. */
export const jobDefinitions = [
  purgeExpiredSessionsJob,
  purgeFinishedJobsJob,
  notifyPublicationJob,
  slaCheckJob(clockSubjects),
  escalatePageJob(clockSubjects),
  pageDutyForReportJob,
  pageDutyForIncidentJob,
  sealAuditJob,
] as unknown as JobDefinition<never>[];

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'sessionHours' | 'secureCookies' | 'trustProxy' | 'publicUrl'> & Partial<Pick<Config, 'readCache'>>;
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
  /** The audit trail's checkpoint file (main.ts: <data dir>/audit-checkpoints.jsonl) and whether to seal shortly
   * after writes (main.ts: yes); none (tests): no checkpoints, and only the job or the tests seal. */
  audit?: { checkpointFile: string | null; sealAfterWritesMs?: number; checkpointEveryMs?: number };
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
    // Why: without compiler factories Fastify loads Ajv and fast-json-stringify at start (a large share of its
    // start-up time), although every route is compiled by the zod compilers set just below. (The option's types
    // assume Ajv's compilers, hence the casts.)
    schemaController: {
      compilersFactory: {
        buildValidator: (() => textSafeValidatorCompiler) as never,
        buildSerializer: (() => serializerCompiler) as never,
      },
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance;

  app.setValidatorCompiler(textSafeValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const jobs = new JobQueue(deps.database.db);
  // The sealer job and the verification find the audit trail's keys through the database they run on.
  attachAuditTrail(
    deps.database.db,
    auditTrailFrom(deps.secrets, deps.audit?.checkpointFile ?? null, {
      sealAfterWritesMs: deps.audit?.sealAfterWritesMs ?? null,
      checkpointEveryMs: deps.audit?.checkpointEveryMs ?? 0,
    }),
  );
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
      void reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
    }
    if (req.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  registerErrorHandling(app);
  await registerCompression(app); // before any route: it hooks each route as it is declared
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

  const sessions: SessionSettings = { ttlMs: deps.config.sessionHours * 3_600_000, pendingTtlMs: 5 * 60_000 };
  const authOptions = { sessions, secureCookies: deps.config.secureCookies };
  const credentials = await credentialLookups(app, sessions, deps.database);
  app.addHook('onClose', () => credentials.close());
  registerAuth(app, { secureCookies: authOptions.secureCookies, credentials });
  await registerReadCache(app, deps.database, { enabled: deps.config.readCache ?? true });

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
  await app.register(reportsRoutes, {
    storage: deps.storage,
    publicUrl: deps.config.publicUrl,
    publicRateLimit: deps.publicReportRateLimit ?? 5,
    incidents: { isVisible: isIncidentVisible, unsafeOutcome: unsafeIncidentOutcome },
  });
  await app.register(incidentsRoutes);
  await app.register(mailboxRoutes, {
    storage: deps.storage,
    teamKeyPassphrase: deps.secrets.teamKeyPassphrase,
    publicUrl: deps.config.publicUrl,
  });
  await app.register(dutyRoutes);
  await app.register(homeRoutes);
  await app.register(notificationsRoutes);
  await registerWeb(app);
  return app;
}
