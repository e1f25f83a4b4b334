// Serves the built single-page app from dist/web, with index.html for client-side routes, and compresses
// responses (gzip or brotli, as the client asks). Files are served as static assets only; nothing uploaded
// by users is ever served from here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/** Content types worth compressing: text, JSON, XML, JavaScript and SVG. */
export const compressibleType = /^(?:text\/(?!event-stream)|application\/(?:javascript|(?:[\w.-]+\+)?(?:json|xml))(?:;|$)|image\/svg\+xml)/;

/**
 * Compresses every response of a compressible type above 1 KB, for the clients that accept it. Registered
 * before any route (the plugin hooks each route as it is declared). Never compressed: server-sent events
 * (a compressor buffers them), binary types such as attachments (`application/octet-stream`, images,
 * archives: often compressed already), partial content, and responses already encoded (the build's .br/.gz
 * files below). Why compressing API responses that carry secrets (the CSRF token, a new API token) is safe
 * from BREACH-style attacks: the session cookie is SameSite=Strict and API tokens travel in a header, so a
 * page of another site can never make the browser fetch an authenticated response whose size it observes.
 * Compressed request bodies are refused (no decompression): they would only widen the surface.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: compressibleType,
  });
}

/** The app from `root` (the build in dist/web; tests pass a folder of their own). */
export async function registerWeb(app: FastifyInstance, root: string = webDist) {
  const hasBuild = fs.existsSync(path.join(root, 'index.html'));
  const sendPage = (reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  if (hasBuild) {
    const common = {
      index: false as const,
      cacheControl: false,
      // The build writes file.br and file.gz beside each text file (vite.config.ts): sent as they are, at
      // the best ratio and no CPU per request.
      preCompressed: true,
      setHeaders(res: { header: (name: string, value: string) => unknown }, file: string) {
        // Hashed asset names never change content; index.html must always be revalidated.
        void res.header('cache-control', isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    };
    // The few files at the top of the build (index.html, favicon…): a route each. The .br and .gz copies are found
    // through the file they compress, never served as files of their own.
    await app.register(fastifyStatic, { ...common, root, wildcard: false, globIgnore: ['**/*.br', '**/*.gz', 'assets/**'] });
    // Why one wildcard route for the hashed assets rather than a route per file: listing them and registering each
    // took about a tenth of a second of every start. Only under /assets/: elsewhere a route that the router turned
    // down (a path parameter over its length limit) must stay an error, not fall through to the files.
    await app.register(fastifyStatic, {
      ...common,
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      decorateReply: false,
      allowedPath: (pathname) => !pathname.endsWith('.br') && !pathname.endsWith('.gz'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] ?? '';
    const isApi = pathname.startsWith('/api/') || pathname === '/api';
    // A missing hashed asset (a page open across an upgrade asking for a chunk that is gone) is a 404, not the
    // page: a script or stylesheet request answered with HTML fails in a confusing way and could be cached.
    const isAsset = pathname.startsWith('/assets/');
    // Any client gets the page (curl sends `*/*` or nothing); only one that asks for JSON alone gets a JSON 404.
    const accept = req.headers.accept ?? '';
    const jsonOnly = accept.includes('json') && !accept.includes('text/html') && !accept.includes('*/*');
    if (!isApi && !isAsset && (req.method === 'GET' || req.method === 'HEAD') && !jsonOnly) {
      if (hasBuild) return sendPage(reply);
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build` (npm start does it for you).');
    }
    return sendProblem(reply, 'not-found', { detail: `No route for ${req.method} ${pathname}` });
  });
}

/** Files under assets/ carry a content hash in their name (Vite names them `name-<hash>.ext`). */
function isHashedAsset(file: string): boolean {
  return file.includes(`${path.sep}assets${path.sep}`);
}
