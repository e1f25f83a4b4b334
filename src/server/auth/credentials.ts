// How a request proves who it is: the look-ups http/auth.ts runs on every request (an API token, or the session
// cookie), built here from the sessions and tokens services and handed to it by app.ts. The cookie's session and
// user rows stay on the request for the sign-in routes (auth.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { CredentialLookups } from '#server/http/auth';
import type { Db } from '#server/db/client';
import type { Actor, Clock } from '#server/ctx';
import { sha256Hex } from '#server/crypto/secrets';
import { keepSessionAlive, type SessionSettings } from '#server/sessions/sessions.service';
import type { SessionRow } from '#server/sessions/sessions.table';
import { resolveToken } from '#server/tokens/tokens.service';
import type { UserRow } from '#server/users/users.table';
import { findLiveSession } from './auth.repo';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cookie session, set even while it still owes a TOTP code; null for a disabled account. */
    session: { row: SessionRow; user: UserRow } | null;
  }
}

export function userActor(
  user: UserRow,
  via: 'session' | 'token',
  extra: { tokenId?: string; sessionId?: string; role?: UserRow['role'] } = {},
): Actor {
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

/** Resolves a cookie token to its live session and user; slides the expiry at most once a minute. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  settings: SessionSettings,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const found = await findLiveSession(db, sha256Hex(token), clock.now());
  if (!found) return null;
  await keepSessionAlive(db, clock, settings, found.session);
  return found;
}

/** The look-ups for `registerAuth`; decorates `app`'s requests with `session`. */
export function credentialLookups(app: FastifyInstance, sessions: SessionSettings): CredentialLookups {
  app.decorateRequest('session', null);
  return {
    async tokenActor(ctx, secret) {
      const found = await resolveToken(ctx.db, secret, ctx.clock.now());
      return found ? userActor(found.user, 'token', { tokenId: found.token.id, role: found.token.role }) : null;
    },
    async cookieSession(req, cookie) {
      const { db, clock } = req.ctx;
      const found = await resolveSession(db, clock, sessions, cookie);
      if (!found) return null;
      // A disabled account's session still demands its CSRF token, but acts as nobody.
      const enabled = !found.user.disabledAt;
      if (enabled) req.session = { row: found.session, user: found.user };
      return {
        csrfToken: found.session.csrfToken,
        owesTotp: enabled && found.session.mfaPending,
        actor: enabled && !found.session.mfaPending ? userActor(found.user, 'session', { sessionId: found.session.id }) : null,
      };
    },
  };
}
