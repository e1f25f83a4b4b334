// @vitest-environment jsdom
// Behaviour of the sign-in screen against a stubbed server: the TOTP step appears when the server
// answers totp-required, errors are announced translated, and unauthenticated visits land on /login.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '#web/App';
import { initI18n } from '#web/i18n/index';
import { createQueryClient } from '#web/queryClient';
import { createTestRouter } from '#web/router';

const user = {
  id: '2f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21',
  email: 'ada@example.org',
  name: 'Ada Lovelace',
  role: 'admin',
  organisationId: null,
  locale: 'en',
  totpEnabled: true,
  disabled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const session = { user, permissions: ['session:self', 'users:manage'], csrfToken: 'csrf-1', expiresAt: '2026-01-02T00:00:00.000Z' };

type Handler = (body: unknown) => Response;
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, slug: string) =>
  json(status, { type: `/problems/${slug}`, title: slug, status }, 'application/problem+json');

function stubServer(handlers: Record<string, Handler>) {
  const calls: { key: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init?.method ?? 'GET'} ${url}`;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ key, body, headers: new Headers(init?.headers) });
    const handler = handlers[key];
    return handler ? handler(body) : problem(404, 'not-found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function renderAt(path: string) {
  const router = createTestRouter(path);
  render(<App router={router} queryClient={createQueryClient()} />);
  return router;
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LoginPage', () => {
  it('asks for the one-time code when the server answers totp-required, then signs in', async () => {
    let signedIn = false;
    const calls = stubServer({
      'GET /api/auth/session': () => (signedIn ? json(200, session) : problem(401, 'unauthenticated')),
      'POST /api/auth/login': () => json(200, { status: 'totp-required' }),
      'POST /api/auth/totp': () => {
        signedIn = true;
        return json(200, { status: 'ok', session });
      },
    });
    renderAt('/login');

    fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: 'ada@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const code = await screen.findByLabelText('One-time code');
    expect(screen.getByRole('heading', { name: 'Two-factor authentication' })).toBeTruthy();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(calls.find((c) => c.key === 'POST /api/auth/login')?.body).toEqual({
      email: 'ada@example.org',
      password: 'correct horse battery',
    });

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { name: 'Home', level: 1 })).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/auth/totp')?.body).toEqual({ code: '123456' });
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
  });

  it('announces a translated error when the credentials are wrong', async () => {
    stubServer({
      'GET /api/auth/session': () => problem(401, 'unauthenticated'),
      'POST /api/auth/login': () => problem(401, 'invalid-credentials'),
    });
    renderAt('/login');
    fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: 'ada@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('E-mail or password is wrong.');
    expect(screen.queryByLabelText('One-time code')).toBeNull();
  });

  it('shows field errors from the shared schema without calling the server', async () => {
    const calls = stubServer({ 'GET /api/auth/session': () => problem(401, 'unauthenticated') });
    renderAt('/login');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Required.').length).toBe(2);
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
  });

  it('sends an unauthenticated visitor to /login and remembers the target', async () => {
    stubServer({ 'GET /api/auth/session': () => problem(401, 'unauthenticated') });
    const router = renderAt('/admin/users');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/admin/users');
  });
});
