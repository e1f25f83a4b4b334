// Serves the built single-page app from dist/web, with index.html for client-side routes.
// Files are served as static assets only; nothing uploaded by users is ever served from here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

export async function registerWeb(app: FastifyInstance) {
  const hasBuild = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, cacheControl: false,
      setHeaders(res, file) {
        // Hashed asset names never change content; index.html must always be revalidated.
        void res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url === '/api';
    // Any client gets the page (curl sends `*/*` or nothing); only one that asks for JSON alone gets a JSON 404.
    const accept = req.headers.accept ?? '';
    const jsonOnly = accept.includes('json') && !accept.includes('text/html') && !accept.includes('*/*');
    if (!isApi && (req.method === 'GET' || req.method === 'HEAD') && !jsonOnly) {
      if (hasBuild) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built. Run `npm run build` (npm start does it for you).');
    }
    return sendProblem(reply, 'not-found', { detail: `No route for ${req.method} ${req.url.split('?')[0]}` });
  });
}
