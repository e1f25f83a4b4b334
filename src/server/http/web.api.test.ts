// The web app for any client: `curl http://host/` gets the page, not a JSON 404; the API keeps problem+json.
// Responses travel compressed (brotli or gzip, as asked; the build's precompressed files as they are), hashed
// assets are cached for a year and the page is always revalidated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { precompressDir } from '../../../vite.config';
import { testApp, type TestApp } from '#tests/helpers/test-app';
import { compressibleType, registerCompression, registerWeb } from './web';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function decoded(res: LightMyRequestResponse): string {
  const body = res.rawPayload;
  switch (res.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(body).toString('utf8');
    case 'gzip':
      return zlib.gunzipSync(body).toString('utf8');
    case undefined:
      return body.toString('utf8');
    default:
      throw new Error(`unexpected content-encoding ${String(res.headers['content-encoding'])}`);
  }
}

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

describe('API responses', () => {
  it('compresses a large JSON response with brotli or gzip as asked, keeping the security and cache headers', async () => {
    const plain = await t.app.inject({ url: '/api/openapi.json' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);

    for (const [asked, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
    ] as const) {
      const res = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': asked } });
      expect(res.statusCode, asked).toBe(200);
      expect(res.headers['content-encoding'], asked).toBe(expected);
      expect(res.headers.vary, asked).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length, asked).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(decoded(res)), asked).toEqual(plain.json());
      expect(res.headers['content-security-policy'], asked).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], asked).toBe('nosniff');
      expect(res.headers['cache-control'], asked).toBe('no-store');
    }
  });

  it('sends identity when the client asks for none, for identity only, or for an encoding the server does not speak', async () => {
    for (const headers of [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'compress' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ]) {
      const res = await t.app.inject({ url: '/api/openapi.json', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(() => res.json<unknown>()).not.toThrow();
    }
  });

  it('leaves a small response uncompressed (under 1 KB it would not pay)', async () => {
    const res = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('does not inflate a compressed request body: a gzip-encoded JSON body is refused, not decompressed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: zlib.gzipSync(JSON.stringify({ email: 'a@example.org', password: 'whatever password' })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('compressible content types', () => {
  it('covers text, JSON, XML, JavaScript and SVG, never event streams or binary data', () => {
    for (const type of [
      'text/html; charset=utf-8',
      'text/css',
      'text/javascript; charset=utf-8',
      'application/javascript',
      'application/json; charset=utf-8',
      'application/problem+json',
      'application/atom+xml',
      'image/svg+xml',
      'text/plain',
    ]) {
      expect(compressibleType.test(type), type).toBe(true);
    }
    for (const type of [
      'text/event-stream',
      'application/octet-stream',
      'image/png',
      'application/zip',
      'application/pdf',
      'application/jsonx',
    ]) {
      expect(compressibleType.test(type), type).toBe(false);
    }
  });
});

describe('the built web app (a build folder precompressed like vite build does)', () => {
  const script = `export const greeting = ${JSON.stringify('bonjour '.repeat(2000))};\n`;
  const map = JSON.stringify({ version: 3, sources: ['main.tsx'], mappings: 'AAAA;'.repeat(2000) });
  const page = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body>${'<!-- filler -->'.repeat(100)}</body></html>`;
  let dir: string;
  let web: FastifyInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tocsin-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), page);
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), script);
    fs.writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js.map'), map);
    fs.writeFileSync(path.join(dir, 'assets/logo-Zz98Yy76.png'), Buffer.alloc(8192, 7));
    await precompressDir(dir);
    web = Fastify();
    await registerCompression(web);
    await registerWeb(web, dir);
    await web.ready();
  });
  afterAll(async () => {
    await web.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes brotli and gzip copies of the text files, and none of binaries, source maps or tiny files', () => {
    expect(fs.existsSync(path.join(dir, 'assets/index-Ab12Cd34.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets/index-Ab12Cd34.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'index.html.br'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'assets/logo-Zz98Yy76.png.br'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'assets/index-Ab12Cd34.js.map.br'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'favicon.svg.br'))).toBe(false);
  });

  it('serves a hashed script as brotli, gzip or identity as asked, cached for a year as immutable', async () => {
    for (const [asked, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'br'],
      [undefined, undefined],
      ['identity', undefined],
    ] as const) {
      const res = await web.inject({ url: '/assets/index-Ab12Cd34.js', headers: asked === undefined ? {} : { 'accept-encoding': asked } });
      expect(res.statusCode, asked).toBe(200);
      expect(res.headers['content-encoding'], asked).toBe(expected);
      expect(res.headers['content-type'], asked).toMatch(/^(?:text|application)\/javascript/);
      expect(res.headers['cache-control'], asked).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary, asked).toMatch(/accept-encoding/i);
      expect(decoded(res), asked).toBe(script);
      if (expected) expect(res.rawPayload.length, asked).toBeLessThan(script.length / 10);
    }
  });

  it('sends the precompressed file as written at build time (best brotli quality, not compressed per request)', async () => {
    const res = await web.inject({ url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'br' } });
    expect(res.rawPayload.equals(fs.readFileSync(path.join(dir, 'assets/index-Ab12Cd34.js.br')))).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  });

  it('serves the page for / and client routes compressed, revalidated every time (no-cache)', async () => {
    for (const url of ['/', '/incidents/42']) {
      const res = await web.inject({ url, headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(decoded(res), url).toBe(page);
    }
    const plain = await web.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(page);
  });

  it('gives unhashed files (favicon) no-cache, and compresses a large file without a precompressed copy on the fly', async () => {
    const icon = await web.inject({ url: '/favicon.svg', headers: { 'accept-encoding': 'br' } });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    const sourceMap = await web.inject({ url: '/assets/index-Ab12Cd34.js.map', headers: { 'accept-encoding': 'gzip' } });
    expect(sourceMap.statusCode).toBe(200);
    expect(sourceMap.headers['content-encoding']).toBe('gzip');
    expect(decoded(sourceMap)).toBe(map);
  });

  it('never compresses binary files', async () => {
    const res = await web.inject({ url: '/assets/logo-Zz98Yy76.png', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBe(8192);
  });

  it('answers a missing hashed asset with a 404 problem, not the page, and does not serve the .br copies as files', async () => {
    for (const url of ['/assets/index-Gone0000.js', '/assets/index-Ab12Cd34.js.br']) {
      const res = await web.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });
});
