// Which constituents own an observable: one in-memory AssetIndex per process and database, rebuilt from
// the assets table when the asset revision changes (checked at most once a second), and the lookup route.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import * as repo from './organisations.repo';
import { AssetIndex, type Match, type MatchQuery as IndexQuery } from './asset-index';
import { extractObservables, type ObservableType } from '#shared/observables/observables';
import { addressRange } from '#shared/observables/ranges';
import { MatchQuery, MatchResult } from '#shared/organisations/organisations.schemas';

/** How long a built index is used without asking the database whether the assets changed. */
export const REVISION_CHECK_MS = 1000;

interface Cached {
  index: AssetIndex;
  revision: number;
  checkedAt: number;
}

// Keyed by the database handle: tests (and a CLI) may hold several databases in one process.
const cache = new WeakMap<Db, Cached>();
const pending = new WeakMap<Db, Promise<AssetIndex>>();

/** The current index for this database; at most one revision query per second, one rebuild at a time. */
export async function assetIndex(db: Db): Promise<AssetIndex> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.checkedAt < REVISION_CHECK_MS) return cached.index;
  const running = pending.get(db);
  if (running) return running;
  const refresh = (async () => {
    // The revision is read before the assets: a change in between only causes one more rebuild later.
    const revision = await repo.readAssetRevision(db);
    const current = cache.get(db);
    if (current && current.revision === revision) {
      current.checkedAt = Date.now();
      return current.index;
    }
    const index = new AssetIndex(await repo.allAssets(db));
    cache.set(db, { index, revision, checkedAt: Date.now() });
    return index;
  })();
  pending.set(db, refresh);
  try {
    return await refresh;
  } finally {
    pending.delete(db);
  }
}

/** Forgets the index of this database, so the next lookup checks the revision (after a local asset change). */
export function invalidateAssetIndex(db: Db): void {
  cache.delete(db);
}

/**
 * Owners of one value. Why the range check: a private, documentation, loopback, link-local, multicast or
 * reserved address names no one's network; an organisation declaring 10.0.0.0/8 as an asset must not be
 * suggested for every report whose logs show an internal address.
 */
function ownersOf(index: AssetIndex, query: IndexQuery, opts: { all?: boolean } = {}): Match[] {
  return addressRange(query.type, query.value) === null ? index.match(query, opts) : [];
}

/**
 * For each observable, the organisations owning it (most specific asset; several when they share it),
 * in the order given. Hashes and special-purpose addresses match nothing.
 */
export async function matchObservables(db: Db, observables: readonly { type: ObservableType; value: string }[]): Promise<string[][]> {
  if (observables.length === 0) return [];
  const index = await assetIndex(db);
  return observables.map((o) => unique(ownersOf(index, { type: o.type, value: o.value }).map((m) => m.organisationId)));
}

/** Organisations ordered by how many observables they own, most first (ties: first seen first). */
export function rankOrganisations(matched: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>();
  for (const ids of matched) for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/** What a single typed value is: an AS number, an observable, or (failing those) a product name. */
export function classifyValue(value: string): IndexQuery | null {
  const v = value.trim();
  if (/^AS\s?\d{1,10}$/i.test(v)) return { type: 'asn', value: v };
  const found = extractObservables(v, { max: 5 }).items.find((o) => o.raw.length === v.length);
  return found ? { type: found.type, value: found.value } : null;
}

const MAX_MATCHES = 100;

/** Every asset containing the value (most specific first), with the owners' names: the analyst's "whose is this?". */
export async function lookupValue(ctx: Ctx, value: string): Promise<MatchResult> {
  const index = await assetIndex(ctx.db);
  const query = classifyValue(value);
  let type: string | null = query?.type ?? null;
  let matches: Match[] = query ? ownersOf(index, query, { all: true }) : [];
  if (!query) {
    matches = index.match({ type: 'product', value });
    type = matches.length ? 'product' : null;
  }
  const names = new Map<string, string>();
  const out: MatchResult['matches'] = [];
  for (const m of matches.slice(0, MAX_MATCHES)) {
    if (!names.has(m.organisationId)) {
      const org = await repo.findOrganisation(ctx.db, m.organisationId, undefined);
      names.set(m.organisationId, org?.name ?? '');
    }
    const organisationName = names.get(m.organisationId) ?? '';
    // An organisation deleted since the index was built is simply left out.
    if (organisationName) out.push({ organisationId: m.organisationId, organisationName, assetValue: m.assetValue, kind: m.kind });
  }
  return { value: query?.value ?? value.trim(), type, matches: out };
}

export const assetMatchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/organisations/match', {
    schema: { tags: ['organisations'], summary: 'Which organisations own a value (IP, CIDR, domain, URL, e-mail, AS number or product), most specific first', querystring: MatchQuery, response: { 200: MatchResult } },
    // Why triage, not organisations:read: constituents must not probe which assets other organisations hold.
    config: { access: 'reports:triage' },
  }, (req) => lookupValue(req.ctx, req.query.value));
};

function unique(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}
