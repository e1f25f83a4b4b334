// Login sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, a CSRF token beside it.
import type { Db } from '#server/db/client';
import type { Clock, Ctx } from '#server/ctx';
import { randomToken, sha256Hex } from '#server/crypto/secrets';
import * as repo from './sessions.repo';
import type { SessionRow } from './sessions.table';
import { CREDENTIALS_CHANNEL, encodeChange, tellLocalWatcher, type CredentialChange } from './credential-events';

export {
  CREDENTIALS_CHANNEL,
  decodeChange,
  watchLocalCredentialChanges,
  type CredentialChange,
  type LocalChangeWatcher,
} from './credential-events';

/** The part of the use case's context a credential change needs: the instance's own database handle. */
export type ChangeCtx = Pick<Ctx, 'db'>;

/**
 * Tells every instance that cached credentials must be forgotten: this one at once, the others by a NOTIFY sent in
 * `tx` (so only if it commits). Call it in the transaction of every change to a session, an API token or a user row.
 */
export async function credentialsChanged(tx: Db, ctx: ChangeCtx, change: CredentialChange): Promise<void> {
  tellLocalWatcher(ctx.db, change);
  await repo.notify(tx, CREDENTIALS_CHANNEL, encodeChange(change));
}

export interface SessionSettings {
  ttlMs: number;
  /** A session that still owes its TOTP code lives only this long. */
  pendingTtlMs: number;
}

export async function startSession(
  db: Db,
  clock: Clock,
  settings: SessionSettings,
  input: { userId: string; mfaPending: boolean; ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomToken(32);
  const now = clock.now();
  const session = await repo.insertSession(db, {
    id: sha256Hex(token),
    userId: input.userId,
    csrfToken: randomToken(24),
    mfaPending: input.mfaPending,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + (input.mfaPending ? settings.pendingTtlMs : settings.ttlMs)),
  });
  return { token, session };
}

/** Slides a live session's expiry, at most once a minute (the request resolving it has already found it live).
 * It updates `session` too, which may be the row a credential cache holds: the next minute needs no read. (Other
 * instances holding the row keep the earlier expiry; when it passes they read the session again.) */
export async function keepSessionAlive(db: Db, clock: Clock, settings: SessionSettings, session: SessionRow): Promise<void> {
  const now = clock.now();
  if (session.mfaPending || now.getTime() - session.lastSeenAt.getTime() <= 60_000) return;
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
  session.lastSeenAt = now;
  await repo.touchSession(db, session.id, now, expiresAt);
  session.expiresAt = expiresAt;
}

/**
 * The second factor is proven: the pending session is replaced by a full one under a new token.
 * Why: the pending token was handed out before the second factor; if it was planted or seen (session
 * fixation, a shared machine), keeping it would give the full session to whoever holds it.
 */
export async function completeSessionMfa(
  db: Db,
  ctx: Pick<Ctx, 'db' | 'clock'>,
  settings: SessionSettings,
  pending: SessionRow,
): Promise<{ token: string; session: SessionRow }> {
  await endSession(db, ctx, pending.id);
  return startSession(db, ctx.clock, settings, {
    userId: pending.userId,
    mfaPending: false,
    ip: pending.ip ?? undefined,
    userAgent: pending.userAgent ?? undefined,
  });
}

export async function endSession(db: Db, ctx: ChangeCtx, sessionId: string): Promise<void> {
  await repo.deleteSession(db, sessionId);
  await credentialsChanged(db, ctx, { kind: 'session', id: sessionId });
}

/** Signs a user out everywhere (password reset, account disabled), optionally keeping the current session. */
export async function revokeUserSessions(db: Db, ctx: ChangeCtx, userId: string, exceptSessionId?: string): Promise<number> {
  const ended = await repo.deleteUserSessions(db, userId, exceptSessionId);
  await credentialsChanged(db, ctx, { kind: 'user', id: userId });
  return ended;
}

export const purgeExpiredSessions = (db: Db, now: Date) => repo.deleteExpiredSessions(db, now);
