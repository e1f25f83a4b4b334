// Shared by the screens' component tests: a stubbed server (fetch) that records every call with its raw
// body, JSON and problem responses, a signed-in session per role, and the app rendered at a path.
// Test-only; never imported by the app.
import { render } from '@testing-library/react';
import { App } from '#web/App';
import { createQueryClient } from '#web/queryClient';
import { createTestRouter } from '#web/router';

export interface Call {
  key: string;
  body: unknown;
  raw: BodyInit | null | undefined;
}
export type Handler = (call: Call) => Response;

export const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
export const problem = (status: number, slug: string) =>
  json(status, { type: `/problems/${slug}`, title: slug, status }, 'application/problem+json');

export function stubServer(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const key = `${init?.method ?? 'GET'} ${url}`;
      const raw = init?.body;
      const call: Call = { key, raw, body: typeof raw === 'string' ? JSON.parse(raw) : undefined };
      calls.push(call);
      const handler = handlers[key];
      return handler ? handler(call) : problem(404, 'not-found');
    }),
  );
  return calls;
}

export function renderAt(path: string) {
  const router = createTestRouter(path);
  render(<App router={router} queryClient={createQueryClient()} />);
  return router;
}

export const testUserId = '2f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21';

/** Ada Lovelace signed in with `role` and `permissions`; `user` overrides fields of the account. */
export function sessionFor(role: string, permissions: string[], user: Record<string, unknown> = {}) {
  return {
    user: {
      id: testUserId,
      email: 'ada@example.org',
      name: 'Ada Lovelace',
      role,
      organisationId: null,
      locale: 'en',
      totpEnabled: true,
      disabled: false,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...user,
    },
    permissions,
    csrfToken: 'csrf-1',
    expiresAt: '2099-01-02T00:00:00.000Z',
  };
}
