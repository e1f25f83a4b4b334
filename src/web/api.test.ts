// Behaviour of the fetch wrapper: problem+json becomes ApiError, the CSRF header goes on writes only,
// answers are validated against the contract, and a dead network is reported as such.
import { z } from 'zod';
import { api, ApiError, clientErrorTypes, setCsrfTokenSource } from './api';

function jsonResponse(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
  setCsrfTokenSource(() => 'csrf-123');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function sentHeaders(call = 0): Headers {
  const init = fetchMock.mock.calls[call]?.[1];
  return new Headers(init?.headers);
}

describe('api', () => {
  it('turns a problem+json answer into an ApiError with slug, detail and fields', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        400,
        {
          type: '/problems/validation-failed',
          title: 'The request is not valid',
          status: 400,
          detail: 'email: Not a valid e-mail address',
          requestId: 'req-1',
          fields: [{ path: 'body.email', message: 'Not a valid e-mail address' }, { bogus: true }],
        },
        'application/problem+json; charset=utf-8',
      ),
    );
    const error = await api.post('/api/users', { email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) return;
    expect(error.status).toBe(400);
    expect(error.slug).toBe('validation-failed');
    expect(error.title).toBe('The request is not valid');
    expect(error.detail).toBe('email: Not a valid e-mail address');
    expect(error.requestId).toBe('req-1');
    expect(error.fields).toEqual([{ path: 'body.email', message: 'Not a valid e-mail address' }]);
  });

  it('keeps the status of a non-problem error and has no slug', async () => {
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await api.get('/api/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!(error instanceof ApiError)) return;
    expect(error.status).toBe(502);
    expect(error.slug).toBeNull();
    expect(error.fields).toEqual([]);
  });

  it('sends the CSRF token and a JSON body on writes, with same-origin credentials', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await api.post('/api/me/password', { current: 'a', next: 'b' });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"current":"a","next":"b"}');
    expect(sentHeaders().get('X-CSRF-Token')).toBe('csrf-123');
    expect(sentHeaders().get('Content-Type')).toBe('application/json');
  });

  it('sends FormData as multipart (no JSON Content-Type) with the CSRF token', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { ok: true }));
    const form = new FormData();
    form.set('report', '{}');
    await api.postForm('/api/public/reports', form);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe(form);
    expect(sentHeaders().has('Content-Type')).toBe(false);
    expect(sentHeaders().get('X-CSRF-Token')).toBe('csrf-123');
  });

  it('does not send the CSRF token on GET', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [] }));
    await api.get('/api/users');
    expect(sentHeaders().has('X-CSRF-Token')).toBe(false);
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBeNull();
  });

  it('validates the answer against the given schema', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: 'yes' }));
    const error = await api.get('/api/x', z.object({ ok: z.boolean() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error instanceof ApiError && error.type).toBe(clientErrorTypes.invalidResponse);
  });

  it('reports an unreachable server as a network ApiError', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const error = await api.get('/api/users').catch((e: unknown) => e);
    expect(error instanceof ApiError && error.type).toBe(clientErrorTypes.network);
  });
});
