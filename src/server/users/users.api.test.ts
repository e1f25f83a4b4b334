import { testApp, type TestApp } from '#tests/helpers/test-app';
import type { Role } from '#shared/permissions';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('GET /api/users', () => {
  it('returns 401 problem+json to an anonymous caller', async () => {
    const res = await t.app.inject({ url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });

  it.each<[Role, number]>([
    ['admin', 200],
    ['lead', 200],
    ['analyst', 403],
    ['viewer', 403],
  ])('answers a %s with %i', async (role, status) => {
    const s = await t.as(role);
    const res = await t.app.inject({ url: '/api/users', headers: s.headers });
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json()).toMatchObject({ type: '/problems/forbidden' });
    else expect(res.body).not.toContain('passwordHash');
  });
});

describe('POST /api/users', () => {
  it('lets an admin create a user with a generated password shown once, and audits it', async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'New.Analyst@Example.org', name: 'New Analyst', role: 'analyst' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: { id: string; email: string }; initialPassword: string }>();
    expect(body.user.email).toBe('new.analyst@example.org');
    expect(body.initialPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'new.analyst@example.org', password: body.initialPassword },
    });
    expect(login.statusCode).toBe(200);
    const audit = await t.app.inject({ url: `/api/audit?entityType=user&entityId=${body.user.id}`, headers: admin.headers });
    const events = audit.json<{ items: { action: string; actorLabel: string; summary: Record<string, unknown> }[] }>().items;
    expect(events[events.length - 1]).toMatchObject({
      action: 'user.create',
      actorLabel: admin.email,
      summary: { role: 'analyst', passwordGenerated: true },
    });
    expect(JSON.stringify(events)).not.toContain(body.initialPassword);
  });

  it('returns 403 to a viewer and a lead', async () => {
    for (const role of ['viewer', 'lead'] as const) {
      const s = await t.as(role);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: s.headers,
        payload: { email: `x-${role}@example.org`, name: 'X', role: 'viewer' },
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('returns 409 for an e-mail already used, whatever its case', async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: admin.email.toUpperCase(), name: 'Dup', role: 'viewer' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: '/problems/email-taken', fields: [{ path: 'body.email' }] });
  });

  it('returns 400 naming each bad field', async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'not-an-email', name: '', role: 'superuser', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ fields: { path: string }[] }>().fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role', 'body.password']));
  });

  it('refuses a constituent without an organisation (organisations arrive later)', async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'c@example.org', name: 'C', role: 'constituent' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ fields: [{ path: 'body.organisationId' }] });
  });

  it('stores script tags as text and returns them unchanged as JSON', async () => {
    const admin = await t.as('admin');
    const name = '<script>alert(1)</script>';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'xss@example.org', name, role: 'viewer' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json<{ user: { name: string } }>().user.name).toBe(name);
  });
});

describe('PATCH /api/users/:id', () => {
  it('changes the role, signs the user out, and records before/after in the audit', async () => {
    const admin = await t.as('admin');
    const u = await t.createUser('viewer');
    const s = await t.login(u.email, u.password);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: admin.headers, payload: { role: 'analyst' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'analyst' });
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const audit = await t.app.inject({ url: `/api/audit?entityId=${u.id}&action=user.update`, headers: admin.headers });
    expect(audit.json<{ items: { summary: unknown }[] }>().items[0]?.summary).toEqual({ role: ['viewer', 'analyst'] });
  });

  it('refuses to demote or disable the last active admin with 409', async () => {
    const solo = await testApp();
    try {
      const admin = await solo.as('admin');
      const res = await solo.app.inject({
        method: 'PATCH',
        url: `/api/users/${admin.id}`,
        headers: admin.headers,
        payload: { role: 'viewer' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ type: '/problems/last-admin' });
    } finally {
      await solo.close();
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const admin = await t.as('admin');
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/users/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
      payload: { name: 'X' },
    });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/users/not-a-uuid', headers: admin.headers, payload: { name: 'X' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ fields: [{ path: 'params.id' }] });
  });
});

describe('POST /api/users/:id/reset-password', () => {
  it('sets a generated password, unlocks and signs the account out', async () => {
    const admin = await t.as('admin');
    const u = await t.createUser('analyst');
    const s = await t.login(u.email, u.password);
    const res = await t.app.inject({ method: 'POST', url: `/api/users/${u.id}/reset-password`, headers: admin.headers, payload: {} });
    expect(res.statusCode).toBe(200);
    const { password } = res.json<{ password: string }>();
    expect((await t.app.inject({ url: '/api/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: u.email, password } })).statusCode).toBe(200);
  });
});
