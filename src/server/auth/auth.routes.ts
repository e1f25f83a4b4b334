// HTTP routes for signing in and out and for one's own account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as auth from './auth.service';
import { AppError } from '#server/http/errors';
import { clearSessionCookie, cookieOptions, SESSION_COOKIE, type CookieSettings } from '#server/http/auth';
import type { SessionSettings } from '#server/sessions/sessions.service';
import {
  EmptyBody,
  LoginResult,
  Login,
  MeUpdate,
  Ok,
  PasswordChange,
  SessionInfo,
  TotpDisable,
  TotpEnable,
  TotpLogin,
  TotpSetup,
} from '#shared/auth/auth.schemas';
import { User } from '#shared/users/users.schemas';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<
  CookieSettings & { sessions: SessionSettings; loginRateLimit: number; totpKey: Buffer }
> = async (app, opts) => {
  const rateLimit = { max: opts.loginRateLimit, timeWindow: '1 minute' };
  app.get(
    '/api/auth/session',
    {
      schema: { tags, summary: 'The current session, its user, permissions and CSRF token', response: { 200: SessionInfo } },
      config: { access: 'authenticated' },
    },
    async (req) => {
      const s = req.session;
      if (!s) throw new AppError('unauthenticated', { detail: 'Only a browser session has session information' });
      return auth.sessionInfo(s.user, s.row);
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: { tags, summary: 'Sign in with e-mail and password', body: Login, response: { 200: LoginResult } },
      // Why: per-address throttling on top of the per-account lock-out, against password spraying.
      config: { access: 'public', csrf: false, rateLimit },
    },
    async (req, reply) => {
      const out = await auth.login(req.ctx, opts.sessions, req.body, { userAgent: req.headers['user-agent'] });
      const expires = new Date(req.ctx.clock.now().getTime() + (out.status === 'ok' ? opts.sessions.ttlMs : opts.sessions.pendingTtlMs));
      void reply.setCookie(SESSION_COOKIE, out.token, cookieOptions(req, opts, expires));
      return out.status === 'ok' ? { status: 'ok' as const, session: out.info } : { status: 'totp-required' as const };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      schema: { tags, summary: 'Second sign-in step: the TOTP code', body: TotpLogin, response: { 200: LoginResult } },
      config: { access: 'mfa-pending', csrf: false, rateLimit },
    },
    async (req, reply) => {
      const s = req.session;
      if (!s || !s.row.mfaPending) throw new AppError('unauthenticated', { detail: 'Sign in with your password first' });
      const { token, info } = await auth.completeTotp(req.ctx, opts.sessions, s.row, s.user, req.body.code, opts.totpKey);
      void reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, opts, new Date(info.expiresAt)));
      return { status: 'ok' as const, session: info };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'Sign out', body: EmptyBody, response: { 200: Ok } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      if (req.session) await auth.logout(req.ctx, req.session.row.id);
      clearSessionCookie(req, reply, opts);
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/me',
    {
      schema: { tags, summary: 'Change one’s own name or language', body: MeUpdate, response: { 200: User } },
      config: { access: 'session:self' },
    },
    (req) => auth.updateMe(req.ctx, req.body),
  );

  app.post(
    '/api/me/password',
    {
      schema: { tags, summary: 'Change one’s own password (other sessions are signed out)', body: PasswordChange, response: { 200: Ok } },
      config: { access: 'session:self', rateLimit },
    },
    async (req) => {
      await auth.changePassword(req.ctx, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      schema: { tags, summary: 'Start TOTP enrolment: a new secret and its QR code', body: EmptyBody, response: { 200: TotpSetup } },
      config: { access: 'session:self' },
    },
    (req) => auth.setupTotp(req.ctx, opts.totpKey),
  );

  app.post(
    '/api/me/totp/enable',
    {
      schema: { tags, summary: 'Confirm TOTP enrolment with a first code', body: TotpEnable, response: { 200: User } },
      config: { access: 'session:self', rateLimit },
    },
    (req) => auth.enableTotp(req.ctx, req.body.code, opts.totpKey),
  );

  app.post(
    '/api/me/totp/disable',
    {
      schema: { tags, summary: 'Turn TOTP off (needs the password)', body: TotpDisable, response: { 200: User } },
      config: { access: 'session:self', rateLimit },
    },
    (req) => auth.disableTotp(req.ctx, req.body.password),
  );
};
