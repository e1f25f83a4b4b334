// How a request proves who it is: the look-ups http/auth.ts runs on every request (an API token, or the session
// cookie), built here from the sessions and tokens services and handed to it by app.ts. They are served from a
// credential cache (credential-cache.ts): a held credential costs no query. The cookie's session and user rows
// stay on the request for the sign-in routes (auth.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { CredentialLookups } from '#server/http/auth';
import type { Database } from '#server/db/client';
import type { Actor } from '#server/ctx';
import { sha256Hex } from '#server/crypto/secrets';
import {
  CREDENTIALS_CHANNEL,
  decodeChange,
  keepSessionAlive,
  watchLocalCredentialChanges,
  type SessionSettings,
} from '#server/sessions/sessions.service';
import type { SessionRow } from '#server/sessions/sessions.table';
import { TOKEN_PREFIX, findTokenBySecret, noteTokenUse, tokenAccess } from '#server/tokens/tokens.service';
import type { UserRow } from '#server/users/users.table';
import { findLiveSession } from './auth.repo';
import { CredentialCache, type CredentialCacheOptions } from './credential-cache';

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

export interface CachedCredentialLookups extends CredentialLookups {
  /** Stops listening for credential changes (on app close). */
  close(): Promise<void>;
}

/** The look-ups for `registerAuth`, served from a credential cache kept current by LISTEN on `database` (see
 * credential-cache.ts); decorates `app`'s requests with `session`. */
export async function credentialLookups(
  app: FastifyInstance,
  settings: SessionSettings,
  database: Pick<Database, 'db' | 'listen'>,
  cacheOptions: CredentialCacheOptions = {},
): Promise<CachedCredentialLookups> {
  app.decorateRequest('session', null);
  const cache = new CredentialCache(cacheOptions);
  const unwatch = watchLocalCredentialChanges(database.db, (change) => cache.changedHere(change));
  const stopListening = await database.listen(CREDENTIALS_CHANNEL, {
    onNotify(payload) {
      const change = decodeChange(payload);
      if (change) cache.changed(change);
      else cache.flush();
    },
    onState: (listening) => cache.setListening(listening),
  });
  return {
    async close() {
      unwatch();
      cache.setListening(false);
      await stopListening();
    },

    async tokenActor(ctx, secret) {
      if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
      const now = ctx.clock.now();
      const key = `t:${sha256Hex(secret)}`;
      let found = cache.get(key);
      if (found?.kind !== 'token') {
        const since = cache.begin();
        const row = await findTokenBySecret(ctx.db, secret);
        if (!row) return null;
        found = { kind: 'token', ...row };
        if (tokenAccess(row, now)) cache.keep(key, found, since);
      }
      const role = tokenAccess(found, now);
      if (!role) {
        cache.drop(key);
        return null;
      }
      await noteTokenUse(ctx.db, found.token, now);
      return userActor(found.user, 'token', { tokenId: found.token.id, role });
    },

    async cookieSession(req, cookie) {
      const { db, clock } = req.ctx;
      const now = clock.now();
      const id = sha256Hex(cookie);
      const key = `s:${id}`;
      let found = cache.get(key);
      if (found && (found.kind !== 'session' || found.session.expiresAt <= now)) {
        // Expired here: another instance may have slid it since; the database says.
        cache.drop(key);
        found = undefined;
      }
      if (!found) {
        const since = cache.begin();
        const row = await findLiveSession(db, id, now);
        if (!row) return null;
        found = { kind: 'session', ...row };
        cache.keep(key, found, since);
      }
      const { session, user } = found;
      await keepSessionAlive(db, clock, settings, session);
      // A disabled account's session still demands its CSRF token, but acts as nobody.
      const enabled = !user.disabledAt;
      if (enabled) req.session = { row: session, user };
      return {
        csrfToken: session.csrfToken,
        owesTotp: enabled && session.mfaPending,
        actor: enabled && !session.mfaPending ? userActor(user, 'session', { sessionId: session.id }) : null,
      };
    },
  };
}
