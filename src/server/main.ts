// Starts Tocsin: config → database → migrations → first admin → HTTP server and job worker; drains on SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config';
import { openDatabase, type Database } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';
import { buildApp, jobDefinitions } from './app';
import { createLogger } from './logger';
import { JobQueue, JobWorker } from '#server/jobs/queue';
import { bootstrapAdmin } from '#server/users/users.service';
import { systemClock, type Ctx } from './ctx';
import { deriveSecrets, loadInstanceSecret } from './instance-secret';
import { fileAttachmentStore } from '#server/storage/storage';
import { checkpointFileIn } from '#server/audit/audit.trail';
import { listenCliSocket } from './cli-socket';
import { logLoopDelay } from './loop-delay';
import { startInbound } from '#server/mailbox/inbound';
import { startDelivery } from '#server/mailbox/outbound';
import { folderTransport } from '#server/mail/transport';

export interface Running {
  app: FastifyInstance;
  database: Database;
  worker: JobWorker | null;
  url: string;
  /** The SMTP listener's port, null when it is off. */
  smtpPort: number | null;
  stop(): Promise<void>;
}

/** How long a stop lets requests in flight finish before closing their connections. */
export const shutdownGraceMs = 1_500;
/** How long after listening the job worker starts. */
const jobsStartDelayMs = 1_000;
/** A stop that takes longer than this (a stuck job, a hung database) ends the process anyway. */
const shutdownDeadlineMs = 8_000;

export function systemCtx(database: Database, log: Logger, label: string): Ctx {
  return { db: database.db, actor: { kind: 'system', label }, jobs: new JobQueue(database.db), clock: systemClock, log, origin: {} };
}

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Running> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const migrated = await runMigrations(database);
    log.info({ database: database.describe, applied: migrated.applied, total: migrated.total }, 'database ready');
    const admin = await bootstrapAdmin(systemCtx(database, log, 'system'), { email: config.adminEmail, password: config.adminPassword });
    if (admin.created) announceAdmin(config.adminEmail, admin.password);
  } catch (err) {
    await database.close();
    throw err;
  }

  const secrets = deriveSecrets(loadInstanceSecret({ secret: config.secret, dataDir: config.dataDir }));
  const storage = fileAttachmentStore(path.join(config.dataDir, 'attachments'));
  const app = await buildApp({
    database,
    config,
    secrets,
    storage,
    logger: log,
    publicReportRateLimit: config.publicReportRateLimit,
    // Sealed a quarter second after a write; checkpoints at most every 5 s (and by the job for the last batch).
    audit: { checkpointFile: checkpointFileIn(config.dataDir), sealAfterWritesMs: 250, checkpointEveryMs: 5_000 },
  });
  const worker = config.jobs
    ? new JobWorker({
        db: database.db,
        definitions: jobDefinitions,
        log,
        makeCtx: (job) => systemCtx(database, log.child({ job: job.name }), `job:${job.name}`),
      })
    : null;
  await app.listen({ port: config.port, host: config.host });
  // Why a moment after listening: the jobs due at start-up (SLA checks, housekeeping) would otherwise take the
  // database and the event loop while the first pages are asked for.
  const startJobs = setTimeout(() => worker?.start(), jobsStartDelayMs);
  const inbound = await startInbound({
    deps: {
      storage,
      teamKeyPassphrase: secrets.teamKeyPassphrase,
      publicBase: config.publicUrl?.replace(/\/$/, '') ?? `http://localhost:${config.port}`,
    },
    smtp: config.smtp && {
      ...config.smtp,
      tls: config.smtp.tls ? { key: fs.readFileSync(config.smtp.tls.keyFile), cert: fs.readFileSync(config.smtp.tls.certFile) } : undefined,
    },
    makeCtx: (label) => systemCtx(database, log.child({ mailbox: true }), label),
    log,
  });
  // Mail out: into <data dir>/mail-out as .eml files (no relay is configured yet), signed, encrypted where it can be.
  const delivery = config.jobs
    ? startDelivery({
        deps: {
          storage,
          teamKeyPassphrase: secrets.teamKeyPassphrase,
          transport: folderTransport(path.join(config.dataDir, 'mail-out')),
          host: config.publicUrl ? new URL(config.publicUrl).hostname : 'tocsin.localhost',
        },
        makeCtx: () => systemCtx(database, log.child({ mailbox: 'out' }), 'mailbox'),
        log,
      })
    : null;
  const stopLoopDelayLog = logLoopDelay(log, config.loopStatsSeconds * 1000);
  // With the embedded database, `tocsin` commands cannot open the folder this process holds: they come here.
  const cliSocket =
    database.engine === 'pglite'
      ? await listenCliSocket({ dataDir: config.dataDir, database, makeCtx: (label) => systemCtx(database, log, label), log })
      : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  log.info({ url }, 'Tocsin is listening');

  let stopping: Promise<void> | null = null;
  return {
    app,
    database,
    worker,
    url,
    smtpPort: inbound.smtpPort,
    stop() {
      stopping ??= (async () => {
        // Stop accepting, close idle keep-alive connections (an open browser tab holds one) at once, and give
        // requests in flight a short grace before their connections are cut: a stop never waits on a client.
        await cliSocket?.close(shutdownGraceMs);
        const cut = setTimeout(() => app.server.closeAllConnections(), shutdownGraceMs);
        app.server.closeIdleConnections();
        try {
          await app.close();
        } finally {
          clearTimeout(cut);
        }
        stopLoopDelayLog();
        clearTimeout(startJobs);
        await inbound.stop();
        await delivery?.stop();
        await worker?.stop(); // waits for the job in progress
        await database.close();
      })();
      return stopping;
    },
  };
}

function announceAdmin(email: string, password: string | null) {
  const lines = password
    ? [
        'First start: an admin account was created.',
        `  e-mail:   ${email}`,
        `  password: ${password}`,
        'This password is shown once. Sign in and change it (Account page).',
      ]
    : ['First start: the admin account was created with TOCSIN_ADMIN_PASSWORD.', `  e-mail:   ${email}`];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  process.stdout.write(`\n${'='.repeat(width)}\n${lines.map((l) => `  ${l}`).join('\n')}\n${'='.repeat(width)}\n\n`);
}

export async function serve(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ deadlineMs: shutdownDeadlineMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, shutdownDeadlineMs).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
