// Who is calling, and may they: resolves the actor (session cookie or bearer token) for every request,
// then checks the one permission the route declares. Routes never check rights themselves.
// The credential look-ups themselves (sessions, API tokens) belong to features: the entry (app.ts) hands them in,
// so that http/ knows no feature.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Ctx } from '#server/ctx';
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
  }
}

/** A live cookie session, as authentication needs to know it. */
export interface CookieSession {
  /** The token the page echoes in the CSRF header to change anything. */
  csrfToken: string;
  /** Who acts through it: null while it still owes its TOTP code, or when its account is disabled. */
  actor: Actor | null;
  /** It waits for its TOTP code (and its account is enabled): only the second sign-in step accepts it. */
  owesTotp: boolean;
}

/** The credential look-ups authentication runs on every request, handed in by the entry. */
export interface CredentialLookups {
  /** An API token's secret: the actor it acts as, or null when it is unknown, expired or revoked. */
  tokenActor(ctx: Ctx, secret: string): Promise<Actor | null>;
  /** A session cookie: the live session, or null. It may keep on `req` what its own routes need. */
  cookieSession(req: FastifyRequest, cookie: string): Promise<CookieSession | null>;
}

export interface CookieSettings {
  secureCookies: 'auto' | 'true' | 'false';
}

export interface AuthOptions extends CookieSettings {
  credentials: CredentialLookups;
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1] ?? '';
}

export function cookieOptions(req: FastifyRequest, opts: CookieSettings, expires: Date) {
  const secure = opts.secureCookies === 'auto' ? req.protocol === 'https' : opts.secureCookies === 'true';
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, expires };
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, opts: CookieSettings) {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(req, opts, new Date(0)));
}

export function registerAuth(app: FastifyInstance, opts: AuthOptions) {
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

    let owesTotp = false;
    const secret = bearer(req);
    if (secret !== null) {
      const actor = secret ? await opts.credentials.tokenActor(ctx, secret) : null;
      if (!actor)
        throw new AppError('unauthenticated', {
          detail: 'The API token is unknown, expired or revoked',
          headers: { 'www-authenticate': 'Bearer' },
        });
      ctx.actor = actor;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const found = cookie ? await opts.credentials.cookieSession(req, cookie) : null;
      if (found?.actor) ctx.actor = found.actor;
      owesTotp = found?.owesTotp ?? false;
      // Why: a cookie is sent by the browser on its own, so a state change through a session must prove
      // it comes from our page by echoing the session's CSRF token (API tokens are never sent implicitly).
      if (found && req.routeOptions.config.csrf !== false && req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || sent !== found.csrfToken) {
          throw new AppError('csrf-failed', { detail: `Send the session's CSRF token in the ${CSRF_HEADER} header` });
        }
      }
    }

    if (access === 'public') return;
    if (access === 'mfa-pending') {
      if (!owesTotp) throw new AppError('unauthenticated', { detail: 'Sign in with your password first' });
      return;
    }
    if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', { detail: 'Sign in or send an API token' });
    if (access === 'authenticated') return;
    if (!can(ctx.actor.role, access)) {
      throw new AppError('forbidden', { detail: `This needs the permission ${access}, which the role ${ctx.actor.role} does not have` });
    }
  });
}
