// Walks every operation of the OpenAPI document with hostile input, anonymous and as an admin: whatever is
// sent, the API never answers 5xx, every error is problem+json, and every response carries its request id.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { testApp, type TestApp } from '#tests/helpers/test-app';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Probe = { name: string; path?: (p: string) => string; query?: string; body?: string | null; contentType?: string };

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** A value the schema accepts, as far as a simple reading of it goes (enough to reach past the first check). */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 4) return 'x';
  const alt = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (alt) return sample(alt, depth + 1);
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], depth + 1)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return s.format === 'email'
        ? 'probe@example.org'
        : s.format === 'uuid'
          ? randomUUID()
          : s.format === 'date-time'
            ? new Date().toISOString()
            : s.format === 'date'
              ? '2026-01-05'
              : 'probe';
  }
}

const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

function bodyWith(schema: Schema | undefined, value: (key: string) => unknown): string {
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...base } : {};
  for (const key of Object.keys(schema?.properties ?? {})) out[key] = value(key);
  return JSON.stringify(out);
}

/** The 30 probes: path parameters, query strings and bodies that are long, empty, wrong-typed, hostile. */
function probes(op: Operation): Probe[] {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const q = (v: string) => (query.length ? query : ['q']).map((n) => `${n}=${v}`).join('&');
  const str = (v: string) => bodyWith(schema, () => v);
  return [
    { name: 'path traversal', path: () => '..%2F..%2F..%2Fetc%2Fpasswd' },
    { name: 'long path', path: () => 'a'.repeat(5000) },
    { name: 'NUL path', path: () => '%00' },
    { name: 'RTL path', path: () => '%E2%80%AEfdp.exe' },
    { name: 'zero-width path', path: () => '%E2%80%8B' },
    { name: 'bad encoding path', path: () => '%E0%A4%A' },
    { name: 'empty path', path: () => '%20' },
    { name: 'long query', query: q('a'.repeat(5000)) },
    { name: 'NUL query', query: q('%00') },
    { name: 'control query', query: q('%1B%5B31m') },
    { name: 'array query', query: `${q('1')}&${q('2')}` },
    { name: 'wrong-typed query', query: q('-1e999') },
    { name: 'unknown query', query: '__proto__=1&constructor=x&limit=-1' },
    { name: 'empty JSON body', body: '' },
    { name: 'invalid JSON', body: '{"a":' },
    { name: 'array body', body: '[]' },
    { name: 'string body', body: '"text"' },
    { name: 'null body', body: 'null' },
    { name: 'unknown fields', body: JSON.stringify({ ...(sample(schema) as object), unknownField: 1, __proto__x: { polluted: true } }) },
    { name: 'empty strings', body: str('') },
    { name: 'long strings', body: str('a'.repeat(100_000)) },
    { name: 'NUL', body: str('a\u0000b') },
    { name: 'control characters', body: str('\u0001\u001b[31m\u007f') },
    { name: 'right-to-left', body: str('مرحبا \u202Egnp.exe \u2067x\u2069') },
    { name: 'zero-width', body: str('a\u200Bb\u200D\uFEFF') },
    { name: 'lone surrogate', body: bodyWith(schema, () => 'PLACEHOLDER').replaceAll('"PLACEHOLDER"', '"\\ud800x"') },
    { name: 'wrong types', body: bodyWith(schema, (k) => (k.length % 2 ? { nested: [1] } : 12345)) },
    { name: 'deep JSON', body: bodyWith(schema, () => 'DEEP').replaceAll('"DEEP"', deep) },
    { name: 'huge body', body: JSON.stringify({ text: 'a'.repeat(2_500_000) }) },
    { name: 'wrong media type', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  ];
}

function fillPath(path: string, param: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => param(name));
}

function check(res: LightMyRequestResponse, what: string, failures: string[]) {
  const id = res.headers['x-request-id'];
  if (typeof id !== 'string' || !id) failures.push(`${what}: ${res.statusCode} without x-request-id`);
  if (res.statusCode >= 500) failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  if (res.statusCode < 400) return;
  if (!String(res.headers['content-type']).includes('application/problem+json')) {
    failures.push(`${what}: ${res.statusCode} as ${String(res.headers['content-type'])}`);
    return;
  }
  const body = res.json<{ requestId?: string }>();
  if (body.requestId !== id) failures.push(`${what}: ${res.statusCode} body.requestId ${String(body.requestId)} ≠ ${String(id)}`);
}

describe('hostile input over every OpenAPI operation', () => {
  it('gets no 5xx, no error that is not problem+json and no response without a request id', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ path, method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    // Signing out or changing the password would end the admin's session: those run last.
    operations.sort((a, b) => Number(/logout|password/.test(a.path)) - Number(/logout|password/.test(b.path)));

    let admin = await t.as('admin');
    const failures: string[] = [];
    let sent = 0;
    for (const { path, method, op } of operations) {
      for (const who of ['anonymous', 'admin'] as const) {
        for (const probe of probes(op)) {
          const url = fillPath(path, probe.path ?? (() => randomUUID())) + (probe.query ? `?${probe.query}` : '');
          const hasBody = method !== 'GET' && probe.body !== undefined && probe.body !== null;
          const headers: Record<string, string> = {
            ...(who === 'admin' ? admin.headers : {}),
            ...(hasBody ? { 'content-type': probe.contentType ?? 'application/json' } : {}),
          };
          const res = await t.app.inject({ method, url, headers, ...(hasBody ? { payload: probe.body ?? '' } : {}) });
          sent++;
          check(res, `${who} ${method} ${path} [${probe.name}]`, failures);
        }
        // A probe may have signed the admin out (logout, password change): sign in again for the next one.
        if (who === 'admin' && /logout|password|totp/.test(path)) admin = await t.as('admin');
      }
    }
    expect(sent).toBeGreaterThan(operations.length * 50);
    expect(failures).toEqual([]);
  }, 300_000);
});
