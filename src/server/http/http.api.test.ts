// Protocol edges of the whole API: hostile text, odd URLs, oversized bodies, strict bodies, and the order
// in which authentication and validation are decided. Every failure is problem+json with a request id.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { publicReport } from '#server/reports/reports.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.headers['x-request-id']).toEqual(expect.any(String));
  expect(res.json<{ requestId?: string }>().requestId).toBe(res.headers['x-request-id']);
}

const fieldPaths = (res: LightMyRequestResponse) => res.json<{ fields?: { path: string }[] }>().fields?.map((f) => f.path) ?? [];

describe('URLs the router refuses', () => {
  it('answers a 5,000-character path parameter with 414 problem+json and a request id', async () => {
    const res = await t.app.inject({ url: `/api/reports/${'a'.repeat(5000)}` });
    expectProblem(res, 414);
  });

  it('answers a badly encoded path with 400 problem+json and a request id', async () => {
    const res = await t.app.inject({ url: '/api/reports/%E0%A4%A' });
    expectProblem(res, 400);
  });
});

describe('text with NUL, control characters and lone surrogates', () => {
  it('answers an anonymous report with a NUL byte with 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: publicReport({ description: 'before\u0000after' }),
    });
    expectProblem(res, 400);
    expect(fieldPaths(res)).toContain('body.description');
  });

  it('answers the same in a multipart report', async () => {
    const boundary = 'x-boundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(publicReport({ title: 'A title with \u0007 bell' }))}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expectProblem(res, 400);
    expect(fieldPaths(res)).toContain('body.title');
  });

  it('refuses NUL and lone surrogates in one’s own name, and stores an Arabic name normalised', async () => {
    const s = await t.as('viewer');
    const nul = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: s.headers, payload: { name: 'Ali\u0000' } });
    expectProblem(nul, 400);
    expect(fieldPaths(nul)).toEqual(['body.name']);
    const surrogate = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: '{"name":"Ali \\ud800"}',
    });
    expectProblem(surrogate, 400);
    const arabic = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: s.headers, payload: { name: 'علي بن أحمد' } });
    expect(arabic.statusCode).toBe(200);
    const decomposed = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: s.headers, payload: { name: 'Rene\u0301 Dupont' } });
    expect(decomposed.json<{ name: string }>().name).toBe('René Dupont');
  });

  it('refuses a NUL byte in a query string naming the parameter', async () => {
    const s = await t.as('admin');
    const res = await t.app.inject({ url: '/api/audit?action=%00', headers: s.headers });
    expectProblem(res, 400);
    expect(fieldPaths(res)).toEqual(['querystring.action']);
  });

  it('refuses JSON nested deeper than any request needs', async () => {
    const s = await t.as('viewer');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: `{"name":${deep}}`,
    });
    expectProblem(res, 400);
  });
});

describe('POST /api/team/keys/generate with hostile user IDs', () => {
  it('never answers 500: NUL, right-to-left overrides and zero-width characters are 400 naming the field; Arabic is accepted', async () => {
    const admin = await t.as('admin');
    for (const name of ['CSIRT\u0000', 'CSIRT \u202Egnp.exe', 'CS\u200BIRT', 'CSIRT\u2066x\u2069']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/team/keys/generate',
        headers: admin.headers,
        payload: { name, email: 'csirt@example.org' },
      });
      expectProblem(res, 400);
      expect(fieldPaths(res)).toEqual(['body.name']);
    }
    const email = await t.app.inject({
      method: 'POST',
      url: '/api/team/keys/generate',
      headers: admin.headers,
      payload: { name: 'CSIRT', email: 'csirt\u200B@example.org' },
    });
    expectProblem(email, 400);
    const arabic = await t.app.inject({
      method: 'POST',
      url: '/api/team/keys/generate',
      headers: admin.headers,
      payload: { name: 'فريق الاستجابة', email: 'csirt@example.org' },
    });
    expect(arabic.statusCode).toBe(201);
  });
});

describe('strict bodies', () => {
  it('refuses unknown fields on sign-out and on starting TOTP enrolment', async () => {
    const s = await t.as('viewer');
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers, payload: { everywhere: true } });
    expectProblem(logout, 400);
    expect(fieldPaths(logout)).toEqual(['body.everywhere']);
    const setup = await t.app.inject({ method: 'POST', url: '/api/me/totp/setup', headers: s.headers, payload: { issuer: 'evil' } });
    expectProblem(setup, 400);
    expect(fieldPaths(setup)).toEqual(['body.issuer']);
    // Without a body they still work.
    expect((await t.app.inject({ method: 'POST', url: '/api/me/totp/setup', headers: s.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode).toBe(200);
  });
});

describe('authentication is decided before validation', () => {
  it.each([
    ['POST', '/api/auth/totp'],
    ['POST', '/api/me/totp/enable'],
    ['POST', '/api/users'],
    ['PUT', '/api/team/profile'],
    ['POST', '/api/duty/shifts'],
  ] as const)('answers an anonymous %s %s with a bad body 401, not 400', async (method, url) => {
    const res = await t.app.inject({ method, url, payload: { nonsense: '\u0000' } });
    expectProblem(res, 401);
  });

  it('answers a signed-in caller without the permission 403 before looking at the body', async () => {
    const viewer = await t.as('viewer');
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: viewer.headers, payload: { nonsense: true } });
    expectProblem(res, 403);
  });
});

describe('oversized bodies over a real connection', () => {
  it('answers 413 problem+json to a body far above the import limit instead of resetting the connection', async () => {
    const admin = await t.as('admin');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-big-'));
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, Buffer.alloc(48 * 1024 * 1024, 'a'));
    try {
      // curl, like most clients, sends the whole body before reading the answer: the server must read the
      // rest of a refused body, or the kernel resets the connection and curl reports a broken pipe.
      for (let i = 0; i < 5; i++) {
        const out = await new Promise<string>((resolve) => {
          execFile(
            'curl',
            [
              '-sS',
              '-o',
              '-',
              '-w',
              '\n%{http_code} %{content_type}',
              '-H',
              `cookie: ${admin.cookie}`,
              '-H',
              `x-csrf-token: ${admin.csrf}`,
              '-H',
              'content-type: application/json',
              '--data-binary',
              `@${file}`,
              `http://127.0.0.1:${port}/api/team/profile/import`,
            ],
            (err, stdout, stderr) => {
              resolve(err ? `failed: ${stderr}` : stdout);
            },
          );
        });
        expect(out).toMatch(/\n413 application\/problem\+json/);
        expect(JSON.parse(out.split('\n')[0] ?? '')).toMatchObject({ type: '/problems/payload-too-large', requestId: expect.any(String) });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
