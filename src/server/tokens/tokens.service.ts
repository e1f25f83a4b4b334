// API tokens for automation: created by admins for an account and a role, shown once, revocable.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { getUserRow } from '#server/users/users.service';
import { credentialsChanged } from '#server/sessions/sessions.service';
import { randomToken, sha256Hex } from '#server/crypto/secrets';
import * as repo from './tokens.repo';
import { effectiveTokenRole, roleRank } from '#shared/permissions';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from '#shared/tokens/tokens.schemas';
import type { ApiTokenRow } from './tokens.table';

export type { TokenWithUser } from './tokens.repo';

/** Tokens read as `tcs_<43 base64url chars>`; the prefix lets a leaked token be recognised by scanners. */
export const TOKEN_PREFIX = 'tcs_';

function toApiToken({ token, user }: repo.TokenWithUser): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    userId: token.userId,
    userEmail: user.email,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(ctx: Ctx): Promise<{ items: ApiToken[] }> {
  return { items: (await repo.listTokens(ctx.db)).map(toApiToken) };
}

export async function createToken(ctx: Ctx, input: ApiTokenCreate): Promise<ApiTokenCreated> {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  const actor = ctx.actor;
  const userId = input.userId ?? actor.id;
  return ctx.db.transaction(async (tx) => {
    const user = await getUserRow(tx, userId).catch(() => {
      throw new AppError('validation-failed', {
        detail: 'No such user',
        fields: [{ path: 'body.userId', message: 'Unknown user', code: 'unknown_user' }],
      });
    });
    // Why: a token never holds more rights than the account it acts for.
    if (roleRank[input.role] > roleRank[user.role] || (input.role === 'constituent') !== (user.role === 'constituent')) {
      throw new AppError('validation-failed', {
        detail: `A token for ${user.email} (${user.role}) cannot have the role ${input.role}`,
        fields: [{ path: 'body.role', message: 'Exceeds the account’s role', code: 'exceeds_account_role' }],
      });
    }
    if (user.disabledAt)
      throw new AppError('validation-failed', {
        detail: 'The account is disabled',
        fields: [{ path: 'body.userId', message: 'Disabled account', code: 'disabled_user' }],
      });
    const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
    const now = ctx.clock.now();
    const token = await repo.insertToken(tx, {
      name: input.name,
      role: input.role,
      userId,
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      createdBy: actor.id,
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit(tx, ctx, {
      action: 'token.create',
      entity: ['api-token', token.id],
      summary: { name: token.name, role: token.role, forUser: user.email, expiresAt: token.expiresAt?.toISOString() ?? null },
    });
    return { token: toApiToken({ token, user }), secret };
  });
}

export async function revokeToken(ctx: Ctx, id: string): Promise<ApiToken> {
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findToken(tx, id);
    if (!found) throw new AppError('token-not-found');
    const token = await repo.revokeToken(tx, id, ctx.clock.now());
    if (!token) throw new AppError('token-not-found');
    await credentialsChanged(tx, ctx, { kind: 'token', id });
    if (!found.token.revokedAt)
      await recordAudit(tx, ctx, { action: 'token.revoke', entity: ['api-token', id], summary: { name: token.name } });
    return toApiToken({ token, user: found.user });
  });
}

/** The token behind a bearer secret and its account as stored (not revoked), or null; `tokenAccess` decides what
 * it may do now. Split so that a cache (auth/credential-cache.ts) can keep the rows and decide without a query. */
export async function findTokenBySecret(db: Db, secret: string): Promise<repo.TokenWithUser | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  return repo.findActiveTokenByHash(db, sha256Hex(secret));
}

/** The role a stored token acts with at `now`, capped by its account's current role; null when it is expired,
 * its account disabled, or the account's role no longer allows it. */
export function tokenAccess(found: repo.TokenWithUser, now: Date): ApiTokenRow['role'] | null {
  if (found.token.revokedAt) return null;
  if (found.token.expiresAt && found.token.expiresAt <= now) return null;
  if (found.user.disabledAt) return null;
  return effectiveTokenRole(found.token.role, found.user.role);
}

/** Records that the token was used, at most once a minute; updates `token` too (it may be a cached row). */
export async function noteTokenUse(db: Db, token: ApiTokenRow, now: Date): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() <= 60_000) return;
  token.lastUsedAt = now;
  await repo.touchToken(db, token.id, now);
}

/** Resolves a bearer secret to its live token and account, or null (unknown, revoked, expired, disabled account);
 * the returned token.role is the one it acts with now, capped by the account's current role. */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<repo.TokenWithUser | null> {
  const found = await findTokenBySecret(db, secret);
  const role = found ? tokenAccess(found, now) : null;
  if (!found || !role) return null;
  await noteTokenUse(db, found.token, now);
  return { ...found, token: { ...found.token, role } };
}
