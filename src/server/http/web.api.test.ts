// The web app for any client: `curl http://host/` gets the page, not a JSON 404; the API keeps problem+json.
import { testApp, type TestApp } from '#tests/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('the web app route', () => {
  it('serves the page for / and client routes to a client that sends no Accept header (curl)', async () => {
    for (const url of ['/', '/incidents/123']) {
      const res = await t.app.inject({ url, headers: { accept: '' } });
      expect(res.headers['content-type']).not.toContain('problem+json');
      expect(res.headers['content-type']).toMatch(/^text\/(html|plain)/);
    }
    const any = await t.app.inject({ url: '/', headers: { accept: '*/*' } });
    expect(any.headers['content-type']).toMatch(/^text\/(html|plain)/);
  });

  it('keeps problem+json for unknown API paths, other methods and clients that ask for JSON only', async () => {
    const api = await t.app.inject({ url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const json = await t.app.inject({ url: '/somewhere', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.headers['content-type']).toContain('application/problem+json');
    const post = await t.app.inject({ method: 'POST', url: '/' });
    expect(post.statusCode).toBe(404);
  });
});
