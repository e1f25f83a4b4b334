// Login sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, a CSRF token beside it.
import type { Db } from '#server/db/client';
import type { Clock } from '#server/ctx';
import { randomToken, sha256Hex } from '#server/crypto/secrets';
import * as repo from './sessions.repo';
import type { SessionRow } from './sessions.table';

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

/** Slides a live session's expiry, at most once a minute (the request resolving it has already found it live). */
export async function keepSessionAlive(db: Db, clock: Clock, settings: SessionSettings, session: SessionRow): Promise<void> {
  const now = clock.now();
  if (session.mfaPending || now.getTime() - session.lastSeenAt.getTime() <= 60_000) return;
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
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
  clock: Clock,
  settings: SessionSettings,
  pending: SessionRow,
): Promise<{ token: string; session: SessionRow }> {
  await repo.deleteSession(db, pending.id);
  return startSession(db, clock, settings, {
    userId: pending.userId,
    mfaPending: false,
    ip: pending.ip ?? undefined,
    userAgent: pending.userAgent ?? undefined,
  });
}

export const endSession = (db: Db, sessionId: string) => repo.deleteSession(db, sessionId);

/** Signs a user out everywhere (password reset, account disabled), optionally keeping the current session. */
export const revokeUserSessions = (db: Db, userId: string, exceptSessionId?: string) =>
  repo.deleteUserSessions(db, userId, exceptSessionId);

export const purgeExpiredSessions = (db: Db, now: Date) => repo.deleteExpiredSessions(db, now);
