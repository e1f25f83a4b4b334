// Use cases of organisations: list and read (through the visibility policy), create, update, delete,
// contacts with their OpenPGP keys, and assets. CSV import lives in import-csv.ts, matching in asset-matching.ts.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit, changes } from '#server/audit/audit.service';
import { organisationScope } from '#server/policy/visibility';
import { inspectPublicKey, PgpError } from '#server/pgp/pgp';
import { isUniqueViolation, pgErrorCode } from '#server/db/errors';
import { cappedTotal } from '#server/db/keyset';
import { readByCursor } from '#server/http/cursor';
import * as repo from './organisations.repo';
import { organisations } from './organisations.table';
import type { AssetRow, ContactRow } from './organisations.table';
import { normaliseAsset } from './assets';
import { invalidateAssetIndex } from './asset-matching';

/** Which organisations own the observables of an incoming report (the asset index, asset-matching.ts). */
export { matchObservables, rankOrganisations } from './asset-matching';
import type {
  Asset,
  AssetInput,
  Contact,
  ContactInput,
  Organisation,
  OrganisationDetail,
  OrganisationInput,
  OrganisationList,
  OrganisationQuery,
  OrganisationUpdate,
} from '#shared/organisations/organisations.schemas';

const EXPIRY_WARNING_DAYS = 30;

export function toOrganisation(row: repo.OrganisationWithCounts): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    sector: row.sector,
    criticality: row.criticality,
    services: row.services as Organisation['services'],
    country: row.country,
    website: row.website,
    notes: row.notes,
    assetCount: row.assetCount,
    contactCount: row.contactCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toContact(row: ContactRow, now: Date): Contact {
  const expires = row.pgpExpiresAt;
  const pgpStatus: Contact['pgpStatus'] = !row.pgpFingerprint
    ? 'none'
    : row.pgpRevoked
      ? 'revoked'
      : expires && expires <= now
        ? 'expired'
        : expires && expires.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * 86_400_000
          ? 'expiring'
          : 'ok';
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    role: row.role,
    email: row.email,
    phones: row.phones,
    pgpFingerprint: row.pgpFingerprint,
    pgpExpiresAt: expires?.toISOString() ?? null,
    pgpStatus,
    createdAt: row.createdAt.toISOString(),
  };
}

export const toAsset = (row: AssetRow): Asset => ({
  id: row.id,
  organisationId: row.organisationId,
  kind: row.kind,
  value: row.value,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
});

function scope(ctx: Ctx) {
  return organisationScope(ctx.actor, organisations.id);
}

/** The tables the organisation list reads (http/read-cache.ts forgets its answers when one changes). */
export const ORGANISATION_LIST_TABLES = repo.LIST_TABLES;

export async function listOrganisations(ctx: Ctx, q: OrganisationQuery): Promise<OrganisationList> {
  const { rows, nextCursor, count } = await readByCursor(() => repo.listOrganisations(ctx.db, scope(ctx), q));
  return { items: rows.map(toOrganisation), nextCursor, ...cappedTotal(count) };
}

/** Not found and not visible answer alike, so a constituent cannot probe which organisations exist. */
async function getVisible(ctx: Ctx, db: Db, id: string): Promise<repo.OrganisationWithCounts> {
  const row = await repo.findOrganisation(db, id, scope(ctx));
  if (!row) throw new AppError('organisation-not-found', { detail: `No organisation ${id}` });
  return row;
}

export async function getOrganisation(ctx: Ctx, id: string): Promise<OrganisationDetail> {
  const org = await getVisible(ctx, ctx.db, id);
  const [contacts, assets] = await Promise.all([repo.listContacts(ctx.db, id), repo.listAssets(ctx.db, id)]);
  const now = ctx.clock.now();
  return { ...toOrganisation(org), contacts: contacts.map((c) => toContact(c, now)), assets: assets.map(toAsset) };
}

/** The constituent's criticality and services, for scoring and service levels, whoever looks (no visibility check). */
/** The OpenPGP keys of contacts writing from `email`: who may have signed a message from that address. */
export async function unsafeContactKeysByEmail(
  db: Db,
  email: string,
): Promise<{ contactId: string; armoredPublic: string; fingerprint: string | null; expiresAt: Date | null }[]> {
  return (await repo.unsafeContactKeysByEmail(db, email)).flatMap((c) =>
    c.pgpKey ? [{ contactId: c.id, armoredPublic: c.pgpKey, fingerprint: c.pgpFingerprint, expiresAt: c.pgpExpiresAt }] : [],
  );
}

export async function unsafeFindOrganisationFacts(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; kind: Organisation['kind']; criticality: Organisation['criticality']; services: string[] } | null> {
  const row = await repo.findOrganisation(db, id, undefined);
  return row ? { id: row.id, name: row.name, kind: row.kind, criticality: row.criticality, services: row.services } : null;
}

function nameTaken(name: string): AppError {
  return new AppError('organisation-exists', {
    detail: `An organisation named "${name}" exists already`,
    fields: [{ path: 'body.name', message: 'Already used', code: 'already_used' }],
  });
}

export async function createOrganisation(ctx: Ctx, input: OrganisationInput): Promise<Organisation> {
  return ctx.db.transaction(async (tx) => {
    const row = await repo
      .insertOrganisation(tx, {
        name: input.name,
        kind: input.kind,
        sector: input.sector ?? null,
        criticality: input.criticality ?? (input.kind === 'constituent' ? 'medium' : null),
        services: input.services ?? (input.kind === 'constituent' ? ['coordination'] : []),
        country: input.country ?? null,
        website: input.website ?? null,
        notes: input.notes ?? null,
      })
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? nameTaken(input.name) : err;
      });
    await recordAudit(tx, ctx, {
      action: 'organisation.create',
      entity: ['organisation', row.id],
      summary: { name: row.name, kind: row.kind, criticality: row.criticality },
    });
    return toOrganisation({ ...row, assetCount: 0, contactCount: 0 });
  });
}

export async function updateOrganisation(ctx: Ctx, id: string, patch: OrganisationUpdate): Promise<Organisation> {
  return ctx.db.transaction(async (tx) => {
    const before = await getVisible(ctx, tx, id);
    const after = await repo.updateOrganisation(tx, id, patch).catch((err: unknown) => {
      throw isUniqueViolation(err) ? nameTaken(patch.name ?? '') : err;
    });
    if (!after) throw new AppError('organisation-not-found');
    await recordAudit(tx, ctx, {
      action: 'organisation.update',
      entity: ['organisation', id],
      summary: changes(before as unknown as Record<string, unknown>, patch as Record<string, unknown>),
    });
    return toOrganisation({ ...after, assetCount: before.assetCount, contactCount: before.contactCount });
  });
}

export async function deleteOrganisation(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await getVisible(ctx, tx, id);
    await repo.deleteOrganisation(tx, id).catch((err: unknown) => {
      // Users (and later reports and incidents) keep their organisation: refuse rather than orphan them.
      const code = pgErrorCode(err);
      if (code === '23503' || code === '23001')
        throw new AppError('organisation-in-use', { detail: `${before.name} still has users or records attached` });
      throw err;
    });
    await recordAudit(tx, ctx, { action: 'organisation.delete', entity: ['organisation', id], summary: { name: before.name } });
  });
  invalidateAssetIndex(ctx.db, { organisationRemoved: id });
}

export async function addContact(ctx: Ctx, organisationId: string, input: ContactInput): Promise<Contact> {
  let key: Awaited<ReturnType<typeof inspectPublicKey>> | null = null;
  if (input.pgpKey?.trim()) {
    try {
      key = await inspectPublicKey(input.pgpKey);
    } catch (err) {
      if (err instanceof PgpError)
        throw new AppError('validation-failed', {
          detail: err.message,
          fields: [{ path: 'body.pgpKey', message: err.message, code: 'key_unusable' }],
        });
      throw err;
    }
  }
  return ctx.db.transaction(async (tx) => {
    await getVisible(ctx, tx, organisationId);
    const row = await repo.insertContact(tx, {
      organisationId,
      name: input.name,
      role: input.role ?? null,
      email: input.email?.toLowerCase() ?? null,
      phones: input.phones ?? [],
      pgpKey: key?.armoredPublic ?? null,
      pgpFingerprint: key?.fingerprint ?? null,
      pgpExpiresAt: key?.expires ?? null,
      pgpRevoked: key?.revoked ?? false,
    });
    await recordAudit(tx, ctx, {
      action: 'organisation.contact-add',
      entity: ['organisation', organisationId],
      summary: { contact: row.name, email: row.email, pgpFingerprint: row.pgpFingerprint },
    });
    return toContact(row, ctx.clock.now());
  });
}

export async function removeContact(ctx: Ctx, organisationId: string, contactId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await getVisible(ctx, tx, organisationId);
    const row = await repo.deleteContact(tx, organisationId, contactId);
    if (!row) throw new AppError('not-found', { detail: 'No such contact in this organisation' });
    await recordAudit(tx, ctx, {
      action: 'organisation.contact-remove',
      entity: ['organisation', organisationId],
      summary: { contact: row.name },
    });
  });
}

export async function addAsset(ctx: Ctx, organisationId: string, input: AssetInput): Promise<Asset> {
  const n = normaliseAsset(input.kind, input.value);
  if (!n.ok)
    throw new AppError('validation-failed', {
      detail: n.message,
      fields: [{ path: 'body.value', message: n.message, code: n.code, ...(n.params ? { params: n.params } : {}) }],
    });
  const added = await ctx.db.transaction(async (tx) => {
    await getVisible(ctx, tx, organisationId);
    const [row] = await repo.insertAssets(tx, [{ organisationId, kind: input.kind, value: n.value, note: input.note ?? null }]);
    if (!row)
      throw new AppError('asset-exists', {
        detail: `${n.value} is already an asset of this organisation`,
        fields: [{ path: 'body.value', message: 'Already listed', code: 'already_listed' }],
      });
    await recordAudit(tx, ctx, {
      action: 'organisation.asset-add',
      entity: ['organisation', organisationId],
      summary: { kind: row.kind, value: row.value },
    });
    return toAsset(row);
  });
  // This instance matches against the new asset at once; others read the change within a second (asset-matching.ts).
  invalidateAssetIndex(ctx.db, { added: [{ organisationId, kind: added.kind, value: added.value }] });
  return added;
}

export async function removeAsset(ctx: Ctx, organisationId: string, assetId: string): Promise<void> {
  const removed = await ctx.db.transaction(async (tx) => {
    await getVisible(ctx, tx, organisationId);
    const row = await repo.deleteAsset(tx, organisationId, assetId);
    if (!row) throw new AppError('not-found', { detail: 'No such asset in this organisation' });
    await recordAudit(tx, ctx, {
      action: 'organisation.asset-remove',
      entity: ['organisation', organisationId],
      summary: { kind: row.kind, value: row.value },
    });
    return row;
  });
  invalidateAssetIndex(ctx.db, { removed: [removed] });
}
