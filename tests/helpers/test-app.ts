// testApp(): the real Fastify app on a fresh database, with helpers to create users and sign in.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { onQueryForTests } from '#server/db/client';
import { buildApp } from '#server/app';
import { createUser } from '#server/users/users.service';
import { JobQueue } from '#server/jobs/queue';
import { systemClock, type Clock, type Ctx } from '#server/ctx';
import type { Role } from '#shared/permissions';
import { reopen, testDb, type TestDatabase } from './test-db';
import { pino } from 'pino';
import { deriveSecrets } from '#server/instance-secret';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileAttachmentStore } from '#server/storage/storage';

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  clock: Clock;
  /** The attachment store's folder (a temporary folder of this app). */
  attachmentsDir: string;
  systemCtx(): Ctx;
  createUser(role: Role, overrides?: { email?: string; password?: string }): Promise<{ id: string; email: string; password: string }>;
  login(email: string, password: string): Promise<Session>;
  /** Creates a user with that role and signs it in. */
  as(role: Role): Promise<Session & { id: string; email: string; password: string }>;
  close(): Promise<void>;
}

let seq = 0;

export async function testApp(opts: { clock?: Clock; loginRateLimit?: number; publicReportRateLimit?: number } = {}): Promise<TestApp> {
  const db = await testDb();
  const clock = opts.clock ?? systemClock;
  const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-attachments-'));
  const app = await buildApp({
    database: db,
    config: { sessionHours: 12, secureCookies: 'false', trustProxy: false, publicUrl: 'https://csirt.example.org' },
    secrets: deriveSecrets('test-instance-secret-of-32-characters!'),
    clock,
    logger: false,
    loginRateLimit: opts.loginRateLimit ?? 10_000,
    storage: fileAttachmentStore(attachmentsDir),
    publicReportRateLimit: opts.publicReportRateLimit ?? 10_000,
  });
  await app.ready();
  const systemCtx = (): Ctx => ({
    db: db.db,
    actor: { kind: 'system', label: 'test' },
    jobs: new JobQueue(db.db),
    clock,
    log: pino({ level: 'silent' }),
    origin: {},
  });

  const t: TestApp = {
    app,
    db,
    clock,
    attachmentsDir,
    systemCtx,
    async createUser(role, overrides = {}) {
      const email = overrides.email ?? `${role}${++seq}@example.org`;
      const password = overrides.password ?? `correct horse ${role} ${seq}`;
      const created = await createUser(systemCtx(), { email, name: `Test ${role}`, role, password });
      return { id: created.user.id, email, password };
    },
    async login(email, password) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      return sessionFrom(res);
    },
    async as(role) {
      const u = await t.createUser(role);
      return { ...u, ...(await t.login(u.email, u.password)) };
    },
    async close() {
      await app.close();
      await db.destroy();
      fs.rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
  return t;
}

export interface SecondInstance {
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Another instance of the server on the same database as `t` (its own connections, caches and attachments folder),
 * as a second process behind a load balancer would be. PostgreSQL only: a PGlite folder opens in one process.
 */
export async function secondInstance(t: TestApp): Promise<SecondInstance> {
  const database = await reopen(t.db.location);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-attachments-'));
  const app = await buildApp({
    database,
    config: { sessionHours: 12, secureCookies: 'false', trustProxy: false, publicUrl: 'https://csirt.example.org' },
    secrets: deriveSecrets('test-instance-secret-of-32-characters!'),
    clock: t.clock,
    logger: false,
    loginRateLimit: 10_000,
    storage: fileAttachmentStore(dir),
    publicReportRateLimit: 10_000,
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The response to `req` and the SQL every database handle of this process ran meanwhile. */
export async function traced(app: FastifyInstance, req: InjectOptions): Promise<{ res: LightMyRequestResponse; queries: string[] }> {
  const queries: string[] = [];
  onQueryForTests((q) => queries.push(q));
  try {
    return { res: await app.inject(req), queries };
  } finally {
    onQueryForTests(null);
  }
}

export function sessionFrom(res: LightMyRequestResponse): Session {
  const c = res.cookies.find((x) => x.name === 'tocsin_session');
  if (!c) throw new Error('no session cookie');
  const body = res.json<{ session?: { csrfToken: string } }>();
  const csrf = body.session?.csrfToken ?? '';
  const cookie = `tocsin_session=${c.value}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
