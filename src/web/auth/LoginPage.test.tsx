// @vitest-environment jsdom
// Behaviour of the sign-in screen against a stubbed server: the TOTP step appears when the server
// answers totp-required, errors are announced translated, and unauthenticated visits land on /login.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { json, problem, renderAt, sessionFor, stubServer } from '#web/test-helpers';

const session = sessionFor('admin', ['session:self', 'users:manage']);

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
