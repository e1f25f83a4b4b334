// Who is calling, and may they: resolves the actor (session cookie or bearer token) for every request,
// then checks the one permission the route declares. Routes never check rights themselves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '../ctx';
import type { SessionRow } from '../sessions/sessions.table';
import type { UserRow } from '../users/users.table';
import { resolveSession, type SessionSettings } from '../sessions/sessions.service';
import { resolveToken } from '../tokens/tokens.service';
import { AppError } from './errors';
import { can, type Permission } from '#shared/permissions';

export const SESSION_COOKIE = 'tocsin_session';
export const CSRF_HEADER = 'x-csrf-token';

/** What a route requires: a permission, any signed-in user, a sign-in that still owes its TOTP code, or
 * nothing. Every /api route must declare one. */
export type RouteAccess = Permission | 'authenticated' | 'mfa-pending' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Set false only on sign-in routes, which a session does not protect yet (the password or code is the proof). */
    csrf?: boolean;
  }
  interface FastifyRequest {
    ctx: Ctx;
    /** The cookie session, set even while it still owes a TOTP code. */
    session: { row: SessionRow; user: UserRow } | null;
  }
}

export interface AuthOptions {
  sessions: SessionSettings;
  secureCookies: 'auto' | 'true' | 'false';
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? '';
}

export function userActor(user: UserRow, via: 'session' | 'token', extra: { tokenId?: string; sessionId?: string; role?: UserRow['role'] } = {}): Actor {
  return {
    kind: 'user',
    id: user.id,
    email: user.email,
    name: user.name,
    role: extra.role ?? user.role,
    organisationId: user.organisationId,
    via,
    ...(extra.tokenId ? { tokenId: extra.tokenId } : {}),
    ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
  };
}

export function cookieOptions(req: FastifyRequest, opts: AuthOptions, expires: Date) {
  const secure = opts.secureCookies === 'auto' ? req.protocol === 'https' : opts.secureCookies === 'true';
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, expires };
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, opts: AuthOptions) {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(req, opts, new Date(0)));
}

export function registerAuth(app: FastifyInstance, opts: AuthOptions) {
  app.decorateRequest('session', null);

  // Deny by default: an /api route that forgot to declare its access fails at start-up, not in production.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
    }
  });

  // Why preValidation (after the body is parsed, before it is validated): who may call is decided before
  // what they sent is examined, so an anonymous caller learns nothing from validation messages (401, not 400).
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    const ctx = req.ctx;
    const now = ctx.clock.now();

    const secret = bearer(req);
    if (secret !== null) {
      const found = secret ? await resolveToken(ctx.db, secret, now) : null;
      if (!found) throw new AppError('unauthenticated', { detail: 'The API token is unknown, expired or revoked', headers: { 'www-authenticate': 'Bearer' } });
      ctx.actor = userActor(found.user, 'token', { tokenId: found.token.id, role: found.token.role });
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const found = cookie ? await resolveSession(ctx.db, ctx.clock, opts.sessions, cookie) : null;
      if (found && !found.user.disabledAt) {
        req.session = { row: found.session, user: found.user };
        if (!found.session.mfaPending) ctx.actor = userActor(found.user, 'session', { sessionId: found.session.id });
      }
      // Why: a cookie is sent by the browser on its own, so a state change through a session must prove
      // it comes from our page by echoing the session's CSRF token (API tokens are never sent implicitly).
      if (found && req.routeOptions.config.csrf !== false && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || sent !== found.session.csrfToken) {
          throw new AppError('csrf-failed', { detail: `Send the session's CSRF token in the ${CSRF_HEADER} header` });
        }
      }
    }

    if (access === 'public') return;
    if (access === 'mfa-pending') {
      if (!req.session?.row.mfaPending) throw new AppError('unauthenticated', { detail: 'Sign in with your password first' });
      return;
    }
    if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', { detail: 'Sign in or send an API token' });
    if (access === 'authenticated') return;
    if (!can(ctx.actor.role, access)) {
      throw new AppError('forbidden', { detail: `This needs the permission ${access}, which the role ${ctx.actor.role} does not have` });
    }
  });
}
