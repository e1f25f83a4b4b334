// API requests per second: an authenticated read (GET /api/users with an API token) against the
// unauthenticated /api/health of the same server in the same run, on PGlite and on PostgreSQL.
import { pino } from 'pino';
import { JobQueue } from '#server/jobs/queue';
import { createUser } from '#server/users/users.service';
import { createToken } from '#server/tokens/tokens.service';
import { systemClock, type Ctx } from '#server/ctx';
import { benchServer, fmt, onBothEngines, requestsPerSecond } from './lib';

await onBothEngines(async (label, database, dataDir) => {
  const ctx = (actor: Ctx['actor']): Ctx => ({ db: database.db, actor, jobs: new JobQueue(database.db), clock: systemClock, log: pino({ level: 'silent' }), origin: {} });
  const system = ctx({ kind: 'system', label: 'bench' });
  const admin = await createUser(system, { email: 'bench-admin@example.org', name: 'Bench', role: 'admin', password: 'bench password long' });
  for (let i = 0; i < 20; i++) await createUser(system, { email: `u${i}@example.org`, name: `User ${i}`, role: 'viewer', password: 'bench password long' });
  const actor: Ctx['actor'] = { kind: 'user', id: admin.user.id, email: admin.user.email, name: 'Bench', role: 'admin', organisationId: null, via: 'session' };
  const { secret } = await createToken(ctx(actor), { name: 'bench', role: 'lead' });
  const server = await benchServer(database, dataDir);
  try {
    await requestsPerSecond(`${server.url}/api/health`); // warm-up
    const health = await requestsPerSecond(`${server.url}/api/health`);
    const users = await requestsPerSecond(`${server.url}/api/users`, { headers: { authorization: `Bearer ${secret}` } });
    console.log(`${label}: GET /api/health ${fmt(health)} req/s | authenticated GET /api/users (21 users) ${fmt(users)} req/s | ratio ${(users / health).toFixed(3)}`);
  } finally {
    await server.close();
  }
});
