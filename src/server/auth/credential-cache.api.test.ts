import { queryRows } from '#server/db/client';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { testEngine } from '#tests/helpers/global-setup';
import { secondInstance, traced, sessionFrom, testApp, type SecondInstance, type TestApp } from '#tests/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

// The look-ups of authentication are the only queries on these tables in the requests below.
const authSql = (queries: string[]) => queries.filter((q) => /"(sessions|api_tokens)"/.test(q));

async function createToken(app: FastifyInstance, adminHeaders: Record<string, string>, userId: string, role: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: adminHeaders,
    payload: { name: 'cache test', role, userId },
  });
  expect(res.statusCode).toBe(201);
  const { token, secret } = res.json<{ token: { id: string }; secret: string }>();
  return { id: token.id, bearer: { authorization: `Bearer ${secret}` } };
}

/** Polls until `ok` holds (at most `ms`), for what another instance learns by NOTIFY. */
async function eventually(ms: number, ok: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await ok()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('credential cache', () => {
  it('runs no query to authenticate a token or a cookie already seen, and never holds an unknown token', async () => {
    const admin = await t.as('admin');
    const lead = await t.createUser('lead');
    const token = await createToken(t.app, admin.headers, lead.id, 'lead');

    const first = await traced(t.app, { url: `/api/users/${lead.id}`, headers: token.bearer });
    expect(first.res.statusCode).toBe(200);
    expect(authSql(first.queries).length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      const again = await traced(t.app, { url: `/api/users/${lead.id}`, headers: token.bearer });
      expect(again.res.statusCode).toBe(200);
      expect(authSql(again.queries)).toEqual([]);
    }

    const cold = await traced(t.app, { url: '/api/auth/session', headers: admin.headers });
    expect(cold.res.statusCode).toBe(200);
    // The admin's first request (creating the token) already looked the cookie up.
    for (let i = 0; i < 3; i++) {
      const again = await traced(t.app, { url: '/api/auth/session', headers: admin.headers });
      expect(again.res.statusCode).toBe(200);
      expect(again.queries).toEqual([]);
    }

    const unknown = { authorization: `Bearer tcs_${'x'.repeat(43)}` };
    for (let i = 0; i < 2; i++) {
      const res = await traced(t.app, { url: '/api/auth/session', headers: unknown });
      expect(res.res.statusCode).toBe(401);
      expect(authSql(res.queries).length).toBe(1);
    }
  });

  it('refuses a revoked token, a signed-out cookie, a demoted or disabled account at once', async () => {
    const admin = await t.as('admin');
    const lead = await t.as('lead');
    const analyst = await t.as('analyst');
    const reset = await t.as('viewer');
    const leadToken = await createToken(t.app, admin.headers, lead.id, 'lead');
    const leadToken2 = await createToken(t.app, admin.headers, lead.id, 'lead');
    const analystToken = await createToken(t.app, admin.headers, analyst.id, 'analyst');
    const get = (url: string, headers: Record<string, string>) => t.app.inject({ url, headers }).then((r) => r.statusCode);
    // Each credential is held before the change.
    for (let i = 0; i < 2; i++) {
      expect(await get(`/api/users/${lead.id}`, leadToken.bearer)).toBe(200);
      expect(await get(`/api/users/${lead.id}`, leadToken2.bearer)).toBe(200);
      expect(await get('/api/auth/session', lead.headers)).toBe(200);
      expect(await get('/api/auth/session', analyst.headers)).toBe(200);
      expect(await get('/api/incidents', analystToken.bearer)).toBe(200);
      expect(await get('/api/auth/session', reset.headers)).toBe(200);
    }

    // Revocation.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${leadToken2.id}`, headers: admin.headers })).statusCode).toBe(200);
    expect(await get(`/api/users/${lead.id}`, leadToken2.bearer)).toBe(401);
    expect(await get(`/api/users/${lead.id}`, leadToken.bearer)).toBe(200);

    // Sign-out.
    const other = await t.login(analyst.email, analyst.password);
    expect(await get('/api/auth/session', other.headers)).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: other.headers, payload: {} })).statusCode).toBe(200);
    expect(await get('/api/auth/session', other.headers)).toBe(401);
    expect(await get('/api/auth/session', analyst.headers)).toBe(200);

    // Demotion: the session ends, the token acts with the new role.
    const demoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${lead.id}`,
      headers: admin.headers,
      payload: { role: 'viewer' },
    });
    expect(demoted.statusCode).toBe(200);
    expect(await get('/api/auth/session', lead.headers)).toBe(401);
    expect(await get(`/api/users/${lead.id}`, leadToken.bearer)).toBe(403);
    expect(await get('/api/incidents', leadToken.bearer)).toBe(200);

    // Disable: the session and the token are refused.
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${analyst.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(await get('/api/auth/session', analyst.headers)).toBe(401);
    expect(await get('/api/incidents', analystToken.bearer)).toBe(401);

    // A password reset signs the account out.
    const pw = await t.app.inject({ method: 'POST', url: `/api/users/${reset.id}/reset-password`, headers: admin.headers, payload: {} });
    expect(pw.statusCode).toBe(200);
    expect(await get('/api/auth/session', reset.headers)).toBe(401);

    // One's own change of name shows at once in the session held.
    const me = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: admin.headers, payload: { name: 'Renamed Admin' } });
    expect(me.statusCode).toBe(200);
    const info = await t.app.inject({ url: '/api/auth/session', headers: admin.headers });
    expect(info.json<{ user: { name: string } }>().user.name).toBe('Renamed Admin');
  });

  it('refuses a held session once it has expired', async () => {
    let now = Date.now();
    const timed = await testApp({ clock: { now: () => new Date(now) } });
    try {
      const viewer = await timed.as('viewer');
      expect((await timed.app.inject({ url: '/api/auth/session', headers: viewer.headers })).statusCode).toBe(200);
      now += 13 * 3_600_000; // the session lives 12 hours without a request
      expect((await timed.app.inject({ url: '/api/auth/session', headers: viewer.headers })).statusCode).toBe(401);
    } finally {
      await timed.close();
    }
  });

  // Why PostgreSQL only: PGlite is embedded in one process and its data folder cannot be opened by a second
  // instance (no cross-process lock; two writers corrupt it), so there is no other instance to tell.
  describe.skipIf(testEngine() === 'pglite')('two instances on one PostgreSQL database', () => {
    let second: SecondInstance;
    beforeAll(async () => {
      second = await secondInstance(t);
    });
    afterAll(() => second.close());

    it('refuses on instance 2 a token revoked and a role changed on instance 1', async () => {
      const admin = await t.as('admin');
      const lead = await t.createUser('lead');
      const revoked = await createToken(t.app, admin.headers, lead.id, 'lead');
      const kept = await createToken(t.app, admin.headers, lead.id, 'lead');
      const login = await second.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: lead.email, password: lead.password },
      });
      const session = sessionFrom(login);
      const on2 = (url: string, headers: Record<string, string>) => second.app.inject({ url, headers }).then((r) => r.statusCode);
      for (let i = 0; i < 2; i++) {
        expect(await on2(`/api/users/${lead.id}`, revoked.bearer)).toBe(200);
        expect(await on2(`/api/users/${lead.id}`, kept.bearer)).toBe(200);
        expect(await on2('/api/auth/session', session.headers)).toBe(200);
      }
      // Held on instance 2: no authentication query.
      expect(authSql((await traced(second.app, { url: `/api/users/${lead.id}`, headers: kept.bearer })).queries)).toEqual([]);

      expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.id}`, headers: admin.headers })).statusCode).toBe(200);
      expect(await eventually(1_000, async () => (await on2(`/api/users/${lead.id}`, revoked.bearer)) === 401)).toBe(true);
      expect(await on2(`/api/users/${lead.id}`, kept.bearer)).toBe(200);

      const demoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${lead.id}`,
        headers: admin.headers,
        payload: { role: 'viewer' },
      });
      expect(demoted.statusCode).toBe(200);
      expect(await eventually(1_000, async () => (await on2(`/api/users/${lead.id}`, kept.bearer)) === 403)).toBe(true);
      expect(await on2('/api/incidents', kept.bearer)).toBe(200);
      expect(await eventually(1_000, async () => (await on2('/api/auth/session', session.headers)) === 401)).toBe(true);
    });

    it('empties the cache when its LISTEN connection is lost, and holds again once it listens again', async () => {
      const admin = await t.as('admin');
      const lead = await t.createUser('lead');
      const token = await createToken(t.app, admin.headers, lead.id, 'lead');
      const url = `/api/users/${lead.id}`;
      await second.app.inject({ url, headers: token.bearer });
      expect(authSql((await traced(second.app, { url, headers: token.bearer })).queries)).toEqual([]);

      const killed = await queryRows<{ pid: number }>(
        t.db.db,
        sql`select pg_terminate_backend(pid) as pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen %'`,
      );
      expect(killed.length).toBeGreaterThanOrEqual(2); // both instances' listeners
      // Lost: read from the database (once the loss is noticed, within the same poll), then held again.
      expect(
        await eventually(1_000, async () => authSql((await traced(second.app, { url, headers: token.bearer })).queries).length > 0),
      ).toBe(true);
      expect(
        await eventually(5_000, async () => authSql((await traced(second.app, { url, headers: token.bearer })).queries).length === 0),
      ).toBe(true);
      // And it still hears changes.
      expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin.headers })).statusCode).toBe(200);
      expect(await eventually(1_000, async () => (await second.app.inject({ url, headers: token.bearer })).statusCode === 401)).toBe(true);
    });
  });
});
