// Which constituents own an observable: one in-memory AssetIndex per process and database, kept current from
// the database's log of asset changes (migration 0014; checked at most once a second), and the lookup route.
// Why a change log rather than rebuilds: every instance learns what another one changed by reading those few
// rows and applies them in place (microseconds), instead of reading and indexing every asset again (seconds
// at 100k, during which PGlite's reads hold the event loop). A full build runs only at the first look-up,
// after a change too large to apply in place, or when this instance fell 10,000 revisions behind; it reads
// in short pages with a turn of the event loop between them and builds in slices (buildAssetIndex) while the
// previous index keeps answering. This instance's own changes are applied to the current index at once.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import * as repo from './organisations.repo';
import { buildAssetIndex, type Asset, type AssetIndex, type Match, type MatchQuery as IndexQuery } from './asset-index';
import { extractObservables, type ObservableType } from '#shared/observables/observables';
import { addressRange } from '#shared/observables/ranges';
import { MatchQuery, MatchResult } from '#shared/organisations/organisations.schemas';

/** How long a built index is used without asking the database whether the assets changed. */
export const REVISION_CHECK_MS = 1000;
/** Below this many assets a rebuild takes milliseconds: lookups wait for it rather than answer from the old index. */
export const WAIT_FOR_REBUILD_BELOW = 20_000;
/** Rows per query when reading the assets: each page is parsed in one go on the main thread, so keep it short. */
export const ASSET_PAGE = 500;
/** A change bigger than this (a CSV import) is not applied in place: a rebuild reads every asset instead. */
export const MAX_IN_PLACE = 1000;
/** Changes applied in place beyond this many: the index is rebuilt (in the background) to fold them in. */
const MAX_DRIFT = 5000;

/** Assets this instance changed, as the service knows them after its transaction committed. */
export interface AssetChange {
  added?: readonly Asset[];
  removed?: readonly Asset[];
  /** Every asset of this organisation is gone (the organisation was deleted). */
  organisationRemoved?: string;
}

interface State {
  index: AssetIndex | null;
  /** The asset revision the index holds every change up to (built from, or brought up to by the change log). */
  revision: number;
  checkedAt: number;
  /** The running revision check or rebuild (one at a time). */
  refresh: Promise<void> | null;
  /** Bumped by a local change the index does not hold; a rebuild clears `stale` only if none came meanwhile. */
  stale: boolean;
  staleGeneration: number;
  /** Local changes made while a refresh reads the assets or the change log, replayed last (it may have read before them). */
  log: AssetChange[] | null;
}

// Keyed by the database handle: tests (and a CLI) may hold several databases in one process.
const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let st = states.get(db);
  if (st === undefined) {
    st = { index: null, revision: -1, checkedAt: 0, refresh: null, stale: false, staleGeneration: 0, log: null };
    states.set(db, st);
  }
  return st;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every asset, read in keyset pages so that no single result holds the event loop. Why a macrotask between pages:
 * PGlite answers on the main thread through promises only, so consecutive queries would run as one long chain of
 * microtasks and starve timers and sockets for the whole read.
 */
async function readAssets(db: Db): Promise<Asset[]> {
  const out: Asset[] = [];
  let after: string | null = null;
  for (;;) {
    await macrotask();
    const page = await repo.assetPage(db, after, ASSET_PAGE);
    for (const row of page) out.push({ organisationId: row.organisationId, kind: row.kind, value: row.value });
    const last = page.at(-1);
    if (last === undefined || page.length < ASSET_PAGE) return out;
    after = last.id;
  }
}

function apply(index: AssetIndex, change: AssetChange): void {
  if (change.organisationRemoved !== undefined) index.replaceOrganisation(change.organisationRemoved, []);
  for (const a of change.removed ?? []) index.remove(a);
  for (const a of change.added ?? []) index.add(a);
}

/**
 * The changes after revision `from` up to `to`, in order, or null when they cannot be applied in place: too
 * many, a TRUNCATE, or revisions missing (dropped from the log: this instance fell too far behind).
 */
async function changesSince(db: Db, from: number, to: number): Promise<{ op: '+' | '-'; asset: Asset }[] | null> {
  const rows = await repo.assetChangesSince(db, from, to, MAX_IN_PLACE + 1);
  if (rows.length > MAX_IN_PLACE) return null;
  const out: { op: '+' | '-'; asset: Asset }[] = [];
  // Revisions commit in order and without gaps (the trigger's row lock): each of from + 1 .. to must be there.
  let next = from + 1;
  for (const r of rows) {
    if (r.revision === next) next += 1;
    else if (r.revision !== next - 1) return null;
    if (r.op === '*' || r.organisationId === null || r.kind === null || r.value === null) return null;
    out.push({ op: r.op, asset: { organisationId: r.organisationId, kind: r.kind as Asset['kind'], value: r.value } });
  }
  return next === to + 1 ? out : null;
}

/** Checks the revision; applies another instance's changes in place, or rebuilds (also when stale); one at a time per database. */
function refresh(db: Db, st: State): Promise<void> {
  if (st.refresh !== null) return st.refresh;
  const run = async (): Promise<void> => {
    // The revision is read before the assets or the changes: a change in between is applied again later
    // (adding or removing an asset twice changes nothing). This instance's changes made meanwhile are
    // replayed last: the log read may predate them.
    st.log = [];
    const revision = await repo.readAssetRevision(db);
    st.checkedAt = Date.now();
    if (st.index !== null && revision === st.revision && !st.stale) return;
    if (st.index !== null && !st.stale && revision > st.revision && st.index.drift < MAX_DRIFT) {
      const changes = await changesSince(db, st.revision, revision);
      if (changes !== null) {
        // In order: an asset removed then added again ends up indexed. Applying this instance's own changes a
        // second time changes nothing.
        for (const c of changes) {
          if (c.op === '+') st.index.add(c.asset);
          else st.index.remove(c.asset);
        }
        for (const change of st.log) apply(st.index, change);
        st.revision = revision;
        return;
      }
    }
    const generation = st.staleGeneration;
    const index = await buildAssetIndex(await readAssets(db));
    for (const change of st.log) apply(index, change);
    st.index = index;
    st.revision = revision;
    if (st.staleGeneration === generation) st.stale = false;
  };
  st.refresh = run().finally(() => {
    st.refresh = null;
    st.log = null;
  });
  return st.refresh;
}

/**
 * The current index for this database. At most one revision query a second; a rebuild runs beside the requests,
 * which keep the previous index meanwhile, unless the index is small (then they wait the few milliseconds) or
 * this instance made a change the index cannot take in place.
 */
export async function assetIndex(db: Db): Promise<AssetIndex> {
  const st = stateOf(db);
  while (st.index === null || st.stale) await refresh(db, st);
  if (Date.now() - st.checkedAt >= REVISION_CHECK_MS) {
    const running = refresh(db, st);
    if (st.index.size < WAIT_FOR_REBUILD_BELOW) await running;
    else running.catch(() => undefined); // a failed check is retried at the next lookup a second later
  }
  return st.index;
}

/**
 * After this instance changed assets (its transaction committed): the change is matched from now on, applied to
 * the current index when it is small enough, otherwise by a rebuild the next lookups wait for. Either way the
 * revision is checked again at the next lookup. Other instances notice the bumped revision within a second.
 */
export function invalidateAssetIndex(db: Db, change?: AssetChange): void {
  const st = stateOf(db);
  st.checkedAt = 0;
  const size = (change?.added?.length ?? 0) + (change?.removed?.length ?? 0);
  if (change === undefined || size > MAX_IN_PLACE) {
    st.stale = true;
    st.staleGeneration += 1;
    return;
  }
  if (st.index !== null) apply(st.index, change);
  st.log?.push(change);
}

/**
 * Owners of one value. Why the range check: a private, documentation, loopback, link-local, multicast or
 * reserved address names no one's network; an organisation declaring 10.0.0.0/8 as an asset must not be
 * suggested for every report whose logs show an internal address. (It runs only when an asset matched:
 * the same answer, without parsing the address a second time for the many values nobody owns.)
 */
function ownersOf(index: AssetIndex, query: IndexQuery): readonly string[] {
  const owners = index.owners(query.type, query.value);
  return owners.length > 0 && addressRange(query.type, query.value) !== null ? [] : owners;
}

/**
 * For each observable, the organisations owning it (most specific asset; several when they share it),
 * in the order given. Hashes and special-purpose addresses match nothing.
 */
export async function matchObservables(db: Db, observables: readonly { type: ObservableType; value: string }[]): Promise<string[][]> {
  if (observables.length === 0) return [];
  const index = await assetIndex(db);
  return observables.map((o) => [...ownersOf(index, o)]);
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
  let matches: Match[] = query && addressRange(query.type, query.value) === null ? index.match(query, { all: true }) : [];
  if (!query) {
    matches = index.match({ type: 'product', value });
    type = matches.length ? 'product' : null;
  }
  const shown = matches.slice(0, MAX_MATCHES);
  // The owners' names in one query, however many assets matched.
  const names = await repo.organisationNames(ctx.db, [...new Set(shown.map((m) => m.organisationId))]);
  const out: MatchResult['matches'] = [];
  for (const m of shown) {
    const organisationName = names.get(m.organisationId);
    // An organisation deleted since the index was built is simply left out.
    if (organisationName) out.push({ organisationId: m.organisationId, organisationName, assetValue: m.assetValue, kind: m.kind });
  }
  return { value: query?.value ?? value.trim(), type, matches: out };
}

export const assetMatchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/organisations/match',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Which organisations own a value (IP, CIDR, domain, URL, e-mail, AS number or product), most specific first',
        querystring: MatchQuery,
        response: { 200: MatchResult },
      },
      // Why triage, not organisations:read: constituents must not probe which assets other organisations hold.
      config: { access: 'reports:triage' },
    },
    (req) => lookupValue(req.ctx, req.query.value),
  );
};
