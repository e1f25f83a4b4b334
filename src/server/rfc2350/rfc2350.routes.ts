// The team's public pages, served without login from the last publication: exactly the bytes that were
// signed, so that `gpg --verify rfc2350.txt.asc rfc2350.txt` holds. TLP:CLEAR by construction.
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { latestPublication, keysForPublication } from './rfc2350.service';
import { renderHtml } from '#shared/rfc2350/render';
import { sendProblem } from '#server/http/errors';

const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };

export const rfc2350Routes: FastifyPluginAsync = async (app) => {
  const notYet = (reply: FastifyReply) =>
    sendProblem(reply, 'not-published', { detail: 'This team has not published its RFC 2350 description yet' });

  app.get('/rfc2350', publicRoute, async (req, reply) => {
    const pub = await latestPublication(req.ctx);
    if (!pub) return notYet(reply);
    const title = /^# (.+)$/m.exec(pub.markdown)?.[1] ?? 'RFC 2350';
    return reply
      .type('text/html; charset=utf-8')
      .send(renderHtml(pub.markdown, { language: pub.language, publicUrl: pub.publicUrl, key: null, publishedAt: pub.publishedAt, title }));
  });

  app.get('/rfc2350.txt', publicRoute, async (req, reply) => {
    const pub = await latestPublication(req.ctx);
    if (!pub) return notYet(reply);
    return reply.type('text/plain; charset=utf-8').send(pub.textPlain);
  });

  app.get('/rfc2350.md', publicRoute, async (req, reply) => {
    const pub = await latestPublication(req.ctx);
    if (!pub) return notYet(reply);
    return reply.type('text/markdown; charset=utf-8').send(pub.markdown);
  });

  app.get('/rfc2350.txt.asc', publicRoute, async (req, reply) => {
    const pub = await latestPublication(req.ctx);
    if (!pub) return notYet(reply);
    return reply
      .type('application/pgp-signature')
      .header('content-disposition', 'attachment; filename="rfc2350.txt.asc"')
      .send(pub.signature);
  });

  app.get('/pgp-key.asc', publicRoute, async (req, reply) => {
    const keys = await keysForPublication(req.ctx);
    if (!keys) return sendProblem(reply, 'not-found', { detail: 'This team has no published key yet' });
    return reply.type('application/pgp-keys').header('content-disposition', 'attachment; filename="pgp-key.asc"').send(keys);
  });

  app.get('/.well-known/security.txt', publicRoute, async (req, reply) => {
    const pub = await latestPublication(req.ctx);
    if (!pub) return notYet(reply);
    return reply.type('text/plain; charset=utf-8').send(pub.securityTxt);
  });
  // RFC 9116 §3: a file at the top-level path is for legacy compatibility; point it at the canonical one.
  app.get('/security.txt', publicRoute, async (_req, reply) => reply.redirect('/.well-known/security.txt', 301));
};
