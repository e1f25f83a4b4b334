import { testApp, type TestApp } from '#tests/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('API tokens', () => {
  it('creates a token shown once that authenticates with its role, then stops working when revoked', async () => {
    const admin = await t.as('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: admin.headers,
      payload: { name: 'SIEM import', role: 'lead' },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<{ token: { id: string; prefix: string; role: string }; secret: string }>();
    expect(secret).toMatch(/^tcs_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);

    const list = await t.app.inject({ url: '/api/tokens', headers: admin.headers });
    expect(list.body).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    // Scoped to lead: may list users and read the audit, may not manage users.
    expect((await t.app.inject({ url: '/api/users', headers: bearer })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: bearer,
          payload: { email: 'z@example.org', name: 'Z', role: 'viewer' },
        })
      ).statusCode,
    ).toBe(403);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: admin.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    const after = await t.app.inject({ url: '/api/users', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toBe('Bearer');
  });

  it('needs no CSRF token for bearer calls, and audits them under the token’s account', async () => {
    const admin = await t.as('admin');
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: 'automation', role: 'admin' } })
    ).json<{ secret: string }>();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${secret}` },
      payload: { email: 'bot-made@example.org', name: 'Bot made', role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
    const audit = await t.app.inject({ url: '/api/audit?action=user.create&actor=API%20token', headers: admin.headers });
    expect(audit.json<{ items: { actorLabel: string }[] }>().items[0]?.actorLabel).toBe(`${admin.email} (API token)`);
  });

  it('refuses a token role above the account’s role', async () => {
    const admin = await t.as('admin');
    const viewer = await t.createUser('viewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: admin.headers,
      payload: { name: 'x', role: 'admin', userId: viewer.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ fields: [{ path: 'body.role' }] });
  });

  it('rejects unknown, malformed and expired tokens with 401', async () => {
    let now = Date.now();
    const timed = await testApp({ clock: { now: () => new Date(now) } });
    try {
      const admin = await timed.as('admin');
      const { secret } = (
        await timed.app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: admin.headers,
          payload: { name: 'short-lived', role: 'viewer', expiresInDays: 1 },
        })
      ).json<{ secret: string }>();
      expect((await timed.app.inject({ url: '/api/auth/session', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401); // a token has no browser session
      expect(
        (
          await timed.app.inject({
            method: 'PATCH',
            url: '/api/me',
            headers: { authorization: `Bearer ${secret}` },
            payload: { locale: 'fr' },
          })
        ).statusCode,
      ).toBe(200);
      now += 2 * 86_400_000;
      expect(
        (
          await timed.app.inject({
            method: 'PATCH',
            url: '/api/me',
            headers: { authorization: `Bearer ${secret}` },
            payload: { locale: 'fr' },
          })
        ).statusCode,
      ).toBe(401);
      for (const h of ['Bearer tcs_unknown', 'Bearer ', 'Basic abc']) {
        const res = await timed.app.inject({ url: '/api/users', headers: { authorization: h } });
        expect(res.statusCode).toBe(401);
      }
    } finally {
      await timed.close();
    }
  });

  it('is admin-only', async () => {
    const lead = await t.as('lead');
    expect((await t.app.inject({ url: '/api/tokens', headers: lead.headers })).statusCode).toBe(403);
  });
});

describe('API tokens and account changes', () => {
  it('acts with the account’s current role when the account is demoted below the token’s role', async () => {
    const admin = await t.as('admin');
    const analyst = await t.createUser('analyst');
    const { secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.headers,
        payload: { name: 'triage bot', role: 'analyst', userId: analyst.id },
      })
    ).json<{ secret: string }>();
    const bearer = { authorization: `Bearer ${secret}` };
    const org = (n: string) => ({ name: `Demoted org ${n}`, kind: 'constituent' });
    expect((await t.app.inject({ method: 'POST', url: '/api/organisations', headers: bearer, payload: org('a') })).statusCode).toBe(201);

    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/users/${analyst.id}`, headers: admin.headers, payload: { role: 'viewer' } }))
        .statusCode,
    ).toBe(200);
    const after = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: bearer, payload: org('b') });
    expect(after.statusCode).toBe(403);
    expect(after.headers['content-type']).toContain('application/problem+json');
    // Still a valid token: it reads what a viewer reads.
    expect((await t.app.inject({ url: '/api/organisations', headers: bearer })).statusCode).toBe(200);
  });

  it('refuses the tokens of a disabled account with 401', async () => {
    const admin = await t.as('admin');
    const lead = await t.createUser('lead');
    const { secret } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: admin.headers,
        payload: { name: 'lead bot', role: 'lead', userId: lead.id },
      })
    ).json<{ secret: string }>();
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ url: '/api/users', headers: bearer })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/users/${lead.id}`, headers: admin.headers, payload: { disabled: true } }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/api/users', headers: bearer })).statusCode).toBe(401);
  });
});
