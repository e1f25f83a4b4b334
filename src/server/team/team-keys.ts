// The team's OpenPGP key: generated or imported in the UI, its private part encrypted at rest with a
// passphrase derived from the instance secret (never stored in the database), one active key at a time.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { generateTeamKey, importPrivateKey, PgpError, type TeamKey } from '#server/pgp/pgp';
import { isUniqueViolation } from '#server/db/errors';
import * as repo from './team.repo';
import type { TeamKeyRow } from './team.table';
import type { KeyGenerate, KeyImport, TeamKeyInfo } from '#shared/team/team.schemas';
import { KeyGenerate as KeyGenerateSchema } from '#shared/team/team.schemas';

export function toKeyInfo(row: TeamKeyRow): TeamKeyInfo {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    keyId: row.keyId,
    userIds: row.userIds,
    algorithm: row.algorithm,
    createdAt: row.keyCreatedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    origin: row.origin,
    active: row.retiredAt === null,
    addedAt: row.addedAt.toISOString(),
  };
}

export async function listTeamKeys(ctx: Ctx): Promise<{ items: TeamKeyInfo[] }> {
  return { items: (await repo.listKeys(ctx.db)).map(toKeyInfo) };
}

async function storeKey(ctx: Ctx, key: TeamKey, origin: 'generated' | 'imported'): Promise<TeamKeyInfo> {
  return ctx.db.transaction(async (tx) => {
    if (await repo.findKeyByFingerprint(tx, key.fingerprint)) {
      throw new AppError('key-rejected', {
        detail: `The key ${key.fingerprint} is already known`,
        fields: [{ path: 'body.armoredPrivate', message: 'Already imported', code: 'already_imported' }],
      });
    }
    const now = ctx.clock.now();
    // The new key replaces the active one for future publications; older publications keep their signatures.
    await repo.retireActiveKeys(tx, now);
    const row = await repo
      .insertKey(tx, {
        fingerprint: key.fingerprint,
        keyId: key.keyId,
        userIds: key.userIds,
        algorithm: key.algorithm,
        keyCreatedAt: key.created,
        expiresAt: key.expires,
        armoredPublic: key.armoredPublic,
        armoredPrivate: key.armoredPrivate,
        origin,
        addedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        addedAt: now,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err))
          throw new AppError('key-rejected', { detail: 'Another key was activated at the same moment; reload and try again' });
        throw err;
      });
    await recordAudit(tx, ctx, {
      action: `team-key.${origin === 'generated' ? 'generate' : 'import'}`,
      entity: ['team-key', row.id],
      summary: {
        fingerprint: row.fingerprint,
        userIds: row.userIds,
        algorithm: row.algorithm,
        expiresAt: row.expiresAt?.toISOString() ?? null,
      },
    });
    return toKeyInfo(row);
  });
}

export async function generateKey(
  ctx: Ctx,
  input: KeyGenerate,
  passphrase: string,
  defaults: { name: string | undefined; email: string | undefined },
): Promise<{ key: TeamKeyInfo; revocationCertificate: string }> {
  const data = KeyGenerateSchema.parse(input);
  const name = data.name ?? defaults.name;
  const email = data.email ?? defaults.email;
  if (!name || !email) {
    throw new AppError('validation-failed', {
      detail: 'Give the key a name and an e-mail address, or fill the team name and e-mail in the profile first',
      fields: [
        ...(name ? [] : [{ path: 'body.name', message: 'Required', code: 'required' as const }]),
        ...(email ? [] : [{ path: 'body.email', message: 'Required', code: 'required' as const }]),
      ],
    });
  }
  const generated = await generateTeamKey({ name, email, passphrase, expiresInDays: data.expiresInDays, now: ctx.clock.now() });
  const key = await storeKey(ctx, generated, 'generated');
  return { key, revocationCertificate: generated.revocationCertificate };
}

export async function importKey(ctx: Ctx, input: KeyImport, passphrase: string): Promise<TeamKeyInfo> {
  let key: TeamKey;
  try {
    key = await importPrivateKey(input.armoredPrivate, input.passphrase, passphrase);
  } catch (err) {
    if (err instanceof PgpError) {
      const field = err.code === 'wrong-passphrase' ? 'body.passphrase' : 'body.armoredPrivate';
      throw new AppError('key-rejected', { detail: err.message, fields: [{ path: field, message: err.message, code: 'key_unusable' }] });
    }
    throw err;
  }
  return storeKey(ctx, key, 'imported');
}

export async function retireKey(ctx: Ctx, id: string): Promise<TeamKeyInfo> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.retireKey(tx, id, ctx.clock.now());
    if (!row) throw new AppError('not-found', { detail: 'No active team key with this id' });
    await recordAudit(tx, ctx, { action: 'team-key.retire', entity: ['team-key', id], summary: { fingerprint: row.fingerprint } });
    return toKeyInfo(row);
  });
}

/** Every team key, active and retired, with its encrypted private part: what mail to the team may be encrypted to. */
export async function unsafeTeamPrivateKeys(db: Db): Promise<{ fingerprint: string; armoredPrivate: string }[]> {
  return (await repo.listKeys(db)).map((k) => ({ fingerprint: k.fingerprint, armoredPrivate: k.armoredPrivate }));
}

/** The active key with its encrypted private part, for signing. */
export async function activeSigningKey(ctx: Ctx): Promise<TeamKeyRow> {
  const key = await repo.activeKey(ctx.db);
  if (!key) throw new AppError('no-team-key', { detail: 'Generate or import the team key before publishing' });
  if (key.expiresAt && key.expiresAt <= ctx.clock.now())
    throw new AppError('no-team-key', {
      detail: `The team key ${key.fingerprint} expired on ${key.expiresAt.toISOString().slice(0, 10)}; generate or import a new one`,
    });
  return key;
}
