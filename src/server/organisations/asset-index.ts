// In-memory index from observables to the constituents that own them: longest-prefix match over IPv4/IPv6
// CIDRs (disjoint ranges in typed arrays, asset-ip.ts), closest parent domain (label-hash table,
// asset-domains.ts), exact ASN and product names. Built in slices (buildAssetIndex) so that a rebuild never
// holds the event loop; small changes since the build sit in an overlay consulted only while it is non-empty.
import { formatIpv6Parts, normaliseUrl } from '#shared/observables/normalise';
import type { ObservableType } from '#shared/observables/observables';
import { DomainTable, domainKey, keyCandidates, CANDIDATE_HASH, CANDIDATE_START } from './asset-domains';
import {
  flattenV4,
  flattenV6,
  parseIpv4,
  parseIpv6Words,
  netNode,
  parseNet,
  parsePrefixLength,
  WORDS,
  type V4Ranges,
  type V6Ranges,
} from './asset-ip';

// Why module-level copies of imported functions: once transpiled to CommonJS, every use of an imported binding
// is a getter call, which the lookups would pay on each call.
const lookupNet = netNode;
const W = WORDS;

export type AssetKind = 'cidr' | 'domain' | 'asn' | 'product';

export interface Asset {
  organisationId: string;
  kind: AssetKind;
  value: string;
}

export interface Match {
  organisationId: string;
  /** The asset's normalised value ("192.0.2.0/24", "example.org", "AS64500", "exchange server"). */
  assetValue: string;
  kind: AssetKind;
  /** Prefix length of a matching CIDR asset. */
  prefixLength?: number;
}

export interface MatchOptions {
  /** Every containing asset, most specific first, instead of only the most specific (e.g. customer and upstream ISP). */
  all?: boolean;
}

export type MatchQuery = { type: ObservableType | 'asn' | 'product'; value: string };

const KIND_CODES: readonly AssetKind[] = ['cidr', 'domain', 'asn', 'product'];
const CIDR = 0;
const DOMAIN = 1;
const ASN = 2;
const PRODUCT = 3;

/** One asset as the index reads it. Nets in IPv4-mapped 128-bit space: IPv4 a.b.c.d/n is ::ffff:a.b.c.d/(96 + n). */
interface Parsed {
  kind: number;
  assetValue: string;
  prefixLength: number; // -1 unless a CIDR
  /** Specificity: prefix length in the 128-bit space, or the number of labels of a domain. */
  spec: number;
  words: readonly number[]; // CIDR: the network, 4 words in the 128-bit space
  key: string | number; // domain key, AS number or product key
}

function asnKey(value: string): number | null {
  const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(value.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : null;
}

function productKey(value: string): string | null {
  const v = value.trim().replace(/\s+/g, ' ').toLowerCase();
  return v === '' ? null : v;
}

const maskWord = (w: number, keep: number): number => (keep <= 0 ? 0 : keep >= 32 ? w >>> 0 : (w & (0xffffffff << (32 - keep))) >>> 0);

/** Outputs of parseCidrAsset besides its result (module scratch: building allocates no object per asset). */
let cidrSpec = 0;
let cidrLength = 0;

/**
 * A CIDR asset ("192.0.2.0/24", "2001:db8::/32", or a bare address for /32 and /128), validated with the
 * rules of observable extraction, host bits cleared. Fills WORDS (128-bit space), cidrSpec and cidrLength and
 * returns the normalised value, or null when invalid. With `lazy`, an IPv6 value comes back as given (trimmed)
 * and LAZY_V6 is returned in its place: formatting it is left to the first reader (see entryValueOf).
 */
function parseCidrAsset(value: string, lazy = false): string | null {
  const v = value.trim();
  const slash = v.indexOf('/');
  const end = slash < 0 ? v.length : slash;
  if (!v.includes(':')) {
    const addr = parseIpv4(v, 0, end);
    const len = addr < 0 ? -1 : parsePrefixLength(v, slash, v.length, 32);
    if (len < 0) return null;
    const net = maskWord(addr, len);
    W[0] = 0;
    W[1] = 0;
    W[2] = 0xffff;
    W[3] = net;
    cidrSpec = 96 + len;
    cidrLength = len;
    return net === addr && slash >= 0 ? v : `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
  }
  const len = parsePrefixLength(v, slash, v.length, 128);
  if (len < 0 || !parseIpv6Words(v, 0, end)) return null;
  for (let i = 0; i < 4; i++) W[i] = maskWord(W[i] ?? 0, len - 32 * i);
  cidrSpec = len;
  cidrLength = len;
  if (lazy) {
    lazyValue = v;
    return LAZY_V6;
  }
  const parts: number[] = [];
  for (let i = 0; i < 4; i++) parts.push((W[i] ?? 0) >>> 16, (W[i] ?? 0) & 0xffff);
  return `${formatIpv6Parts(parts)}/${len}`;
}

/** Returned by parseCidrAsset(value, true) for an IPv6 value, which is then in lazyValue. */
const LAZY_V6 = '\u0000';
let lazyValue = '';

/** The index's reading of an asset, or null when its value is invalid for its kind. */
function parseAsset(asset: Asset): Parsed | null {
  switch (asset.kind) {
    case 'cidr': {
      const assetValue = parseCidrAsset(asset.value);
      return assetValue === null ? null : { kind: CIDR, assetValue, prefixLength: cidrLength, spec: cidrSpec, words: [...W], key: 0 };
    }
    case 'domain': {
      const k = domainKey(asset.value);
      return k === null ? null : { kind: DOMAIN, assetValue: k, prefixLength: -1, spec: k.split('.').length, words: [], key: k };
    }
    case 'asn': {
      const n = asnKey(asset.value);
      return n === null ? null : { kind: ASN, assetValue: `AS${n}`, prefixLength: -1, spec: 0, words: [], key: n };
    }
    case 'product': {
      const p = productKey(asset.value);
      return p === null ? null : { kind: PRODUCT, assetValue: p, prefixLength: -1, spec: 0, words: [], key: p };
    }
  }
}

/**
 * The normalised value of an entry. Why lazily: formatting every IPv6 asset at build time was a large part of
 * building a million prefixes, and only matched entries are ever read back.
 */
function entryValueOf(b: Base, k: number): string {
  const value = b.entryValue[k] ?? '';
  if (b.entryLazy[k] !== 1) return value;
  const normalised = parseCidrAsset(value) ?? value;
  b.entryValue[k] = normalised;
  b.entryLazy[k] = 0;
  return normalised;
}

/** The immutable part of an index: nodes (distinct asset keys), their entries (owners), and the lookup structures. */
interface Base {
  orgIds: string[];
  nodeFirst: Int32Array;
  nodeCount: Int32Array;
  nodeParent: Int32Array; // the next less specific node containing this one (nets and domains), or -1
  nodeSpec: Uint8Array;
  nodeKind: Uint8Array;
  entryOrg: Int32Array;
  /** Normalised values, except where entryLazy is 1: there the IPv6 value as given (entryValueOf normalises it). */
  entryValue: string[];
  entryLazy: Uint8Array;
  entryPrefix: Int16Array;
  v4: V4Ranges;
  v6: V6Ranges;
  domains: DomainTable;
  asns: Map<number, number>;
  products: Map<string, number>;
  size: number;
  rejected: Asset[];
}

/** Yield to the caller every this many steps of a loop (a slice is a few milliseconds at most). */
const STEP = 1024;

/** Stable LSD radix pass of `perm` into `out` by the digits in `key` (by item); skipped (false) when all digits are equal. */
function* radixPass(perm: Int32Array, out: Int32Array, n: number, key: Uint16Array, buckets: number): Generator<undefined, boolean> {
  const counts = new Int32Array(buckets + 1);
  for (let k = 0; k < n; k++) {
    const d = (key[k] ?? 0) + 1;
    counts[d] = (counts[d] ?? 0) + 1;
  }
  yield;
  for (let b = 0; b < buckets; b++) if (counts[b + 1] === n) return false;
  for (let b = 0; b < buckets; b++) counts[b + 1] = (counts[b + 1] ?? 0) + (counts[b] ?? 0);
  for (let k = 0; k < n; k++) {
    const i = perm[k] ?? 0;
    const d = key[i] ?? 0;
    out[counts[d] ?? 0] = i;
    counts[d] = (counts[d] ?? 0) + 1;
    if ((k & (STEP - 1)) === 0) yield;
  }
  return true;
}

/**
 * Sorts occurrence numbers 0..n-1 by (address, length) ascending, stably; `words` has `stride` words each.
 * Why the digits are copied into `key` first: one sequential pass, then the scatter reads a typed array
 * instead of calling a function per item and pass.
 */
function* sortNets(words: Uint32Array, stride: number, len: Uint8Array, n: number): Generator<undefined, Int32Array> {
  let perm = new Int32Array(n);
  let other = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const key = new Uint16Array(n);
  // Passes from the least significant digit: the length, then each word's low and high halves, last word first.
  for (let pass = -1; pass < 2 * stride; pass++) {
    if (pass < 0) key.set(len.subarray(0, n));
    else {
      const w = stride - 1 - (pass >> 1);
      const shift = (pass & 1) === 0 ? 0 : 16;
      for (let i = 0; i < n; i++) key[i] = ((words[i * stride + w] ?? 0) >>> shift) & 0xffff;
    }
    yield;
    if (yield* radixPass(perm, other, n, key, pass < 0 ? 129 : 65_536)) [perm, other] = [other, perm];
  }
  return perm;
}

/** Builds the base of an index, yielding between slices of work. */
function* buildBase(assets: readonly Asset[]): Generator<undefined, Base> {
  const n = assets.length;
  const rejected: Asset[] = [];
  const orgIndex = new Map<string, number>();
  const orgIds: string[] = [];
  // Entries in input order; entryNode is filled once nodes are numbered.
  const rawOrg = new Int32Array(n);
  const rawValue: string[] = [];
  const rawPrefix = new Int16Array(n);
  const rawNode = new Int32Array(n);
  const rawLazy = new Uint8Array(n); // 1: rawValue is the IPv6 value as given, to normalise when first read
  // Nets: occurrences before sorting and de-duplication.
  const v4Start = new Uint32Array(n);
  const v4Len = new Uint8Array(n);
  const v4Entry = new Int32Array(n);
  let n4 = 0;
  const v6Words = new Uint32Array(4 * n);
  const v6Len = new Uint8Array(n);
  const v6Entry = new Int32Array(n);
  let n6 = 0;
  // Other kinds: nodes numbered as first seen (offset later, after the nets), flagged negative until then.
  const keyed = new Map<string, number>();
  const asnNodes = new Map<number, number>();
  const productNodes = new Map<string, number>();
  const keyedNames: string[] = [];
  const keyedSpec: number[] = [];
  const keyedKind: number[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    if ((i & (STEP - 1)) === 0) yield;
    const asset = assets[i] as Asset;
    let node = 0;
    let prefixLength = -1;
    let assetValue: string;
    if (asset.kind === 'cidr') {
      const value = parseCidrAsset(asset.value, true);
      if (value === null) {
        rejected.push(asset);
        continue;
      }
      if (value === LAZY_V6) {
        assetValue = lazyValue;
        rawLazy[e] = 1;
      } else assetValue = value;
      prefixLength = cidrLength;
      if (cidrSpec >= 96 && W[0] === 0 && W[1] === 0 && W[2] === 0xffff) {
        v4Start[n4] = W[3] ?? 0;
        v4Len[n4] = cidrSpec - 96;
        v4Entry[n4++] = e;
      } else {
        const o = 4 * n6;
        v6Words[o] = W[0] ?? 0;
        v6Words[o + 1] = W[1] ?? 0;
        v6Words[o + 2] = W[2] ?? 0;
        v6Words[o + 3] = W[3] ?? 0;
        v6Len[n6] = cidrSpec;
        v6Entry[n6++] = e;
      }
    } else {
      const parsed = parseAsset(asset);
      if (parsed === null) {
        rejected.push(asset);
        continue;
      }
      assetValue = parsed.assetValue;
      const map = parsed.kind === DOMAIN ? keyed : parsed.kind === ASN ? asnNodes : productNodes;
      const key = parsed.key as never;
      let found = (map as Map<string | number, number>).get(key);
      if (found === undefined) {
        found = keyedKind.length;
        (map as Map<string | number, number>).set(key, found);
        keyedKind.push(parsed.kind);
        keyedSpec.push(parsed.spec);
        keyedNames.push(parsed.kind === DOMAIN ? (parsed.key as string) : '');
      }
      node = -1 - found;
    }
    let org = orgIndex.get(asset.organisationId);
    if (org === undefined) {
      org = orgIds.length;
      orgIndex.set(asset.organisationId, org);
      orgIds.push(asset.organisationId);
    }
    rawOrg[e] = org;
    rawValue.push(assetValue);
    rawPrefix[e] = prefixLength;
    rawNode[e] = node;
    e += 1;
  }

  // Nets: sort, one node per distinct prefix (in sorted order, as flattening wants).
  const order4 = yield* sortNets(v4Start, 1, v4Len, n4);
  const node4Start = new Uint32Array(n4);
  const node4Len = new Uint8Array(n4);
  let nodes4 = 0;
  for (let k = 0; k < n4; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    const o = order4[k] ?? 0;
    const s = v4Start[o] ?? 0;
    const l = v4Len[o] ?? 0;
    if (nodes4 === 0 || node4Start[nodes4 - 1] !== s || node4Len[nodes4 - 1] !== l) {
      node4Start[nodes4] = s;
      node4Len[nodes4] = l;
      nodes4 += 1;
    }
    rawNode[v4Entry[o] ?? 0] = nodes4 - 1;
  }
  const order6 = yield* sortNets(v6Words, 4, v6Len, n6);
  const node6Words = new Uint32Array(4 * n6);
  const node6Len = new Uint8Array(n6);
  let nodes6 = 0;
  for (let k = 0; k < n6; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    const o = order6[k] ?? 0;
    const l = v6Len[o] ?? 0;
    const p = 4 * (nodes6 - 1);
    const same =
      nodes6 > 0 &&
      node6Len[nodes6 - 1] === l &&
      node6Words[p] === v6Words[4 * o] &&
      node6Words[p + 1] === v6Words[4 * o + 1] &&
      node6Words[p + 2] === v6Words[4 * o + 2] &&
      node6Words[p + 3] === v6Words[4 * o + 3];
    if (!same) {
      node6Words.set(v6Words.subarray(4 * o, 4 * o + 4), 4 * nodes6);
      node6Len[nodes6] = l;
      nodes6 += 1;
    }
    rawNode[v6Entry[o] ?? 0] = nodes4 + nodes6 - 1;
  }
  const keyed0 = nodes4 + nodes6;
  const nodeCountAll = keyed0 + keyedKind.length;

  // Entries grouped by node (counting sort, stable: input order within a node), one per organisation.
  const counts = new Int32Array(nodeCountAll + 1);
  for (let k = 0; k < e; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    const raw = rawNode[k] ?? 0;
    const node = raw < 0 ? keyed0 - 1 - raw : raw;
    rawNode[k] = node;
    counts[node + 1] = (counts[node + 1] ?? 0) + 1;
  }
  for (let k = 0; k < nodeCountAll; k++) counts[k + 1] = (counts[k + 1] ?? 0) + (counts[k] ?? 0);
  yield;
  const byNode = new Int32Array(e);
  const cursor = counts.slice(0, nodeCountAll);
  for (let k = 0; k < e; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    const node = rawNode[k] ?? 0;
    byNode[cursor[node] ?? 0] = k;
    cursor[node] = (cursor[node] ?? 0) + 1;
  }
  yield;
  const nodeFirst = new Int32Array(nodeCountAll);
  const nodeCount = new Int32Array(nodeCountAll);
  const entryOrg = new Int32Array(e);
  const entryPrefix = new Int16Array(e);
  const entryValue: string[] = new Array<string>(e);
  const entryLazy = new Uint8Array(e);
  const orgSeen = new Int32Array(orgIds.length); // node + 1 that last took this organisation
  let out = 0;
  for (let node = 0; node < nodeCountAll; node++) {
    if ((node & (STEP - 1)) === 0) yield;
    nodeFirst[node] = out;
    for (let k = counts[node] ?? 0; k < (counts[node + 1] ?? 0); k++) {
      const entry = byNode[k] ?? 0;
      const org = rawOrg[entry] ?? 0;
      if (orgSeen[org] === node + 1) continue; // the same organisation twice on one asset: once
      orgSeen[org] = node + 1;
      entryOrg[out] = org;
      entryPrefix[out] = rawPrefix[entry] ?? -1;
      entryValue[out] = rawValue[entry] ?? '';
      entryLazy[out] = rawLazy[entry] ?? 0;
      out += 1;
    }
    nodeCount[node] = out - (nodeFirst[node] ?? 0);
  }
  entryValue.length = out; // sized for every entry; an organisation's duplicates were dropped

  const nodeParent = new Int32Array(nodeCountAll).fill(-1);
  const nodeSpec = new Uint8Array(nodeCountAll);
  const nodeKind = new Uint8Array(nodeCountAll);
  yield;
  for (let k = 0; k < nodes4; k++) nodeSpec[k] = 96 + (node4Len[k] ?? 0);
  for (let k = 0; k < nodes6; k++) nodeSpec[nodes4 + k] = node6Len[k] ?? 0;
  for (let k = 0; k < keyedKind.length; k++) {
    nodeSpec[keyed0 + k] = Math.min(255, keyedSpec[k] ?? 0);
    nodeKind[keyed0 + k] = keyedKind[k] ?? 0;
  }
  const v4 = yield* flattenV4(node4Start, node4Len, nodes4, 0, nodeParent);
  yield;
  const v6 = yield* flattenV6(node6Words, node6Len, nodes6, nodes4, nodeParent);
  yield;
  // IPv6 assets containing ::ffff:0:0/96 (::/0, say) contain every IPv4 address, less specifically than any IPv4 asset.
  W[0] = 0;
  W[1] = 0;
  W[2] = 0xffff;
  W[3] = 0;
  const fallback = v6.owner[v6.find()] ?? -1;
  if (fallback >= 0) {
    for (let k = 0; k < nodes4; k++) if (nodeParent[k] === -1) nodeParent[k] = fallback;
    for (let k = 0; k < v4.owner.length; k++) if (v4.owner[k] === -1) v4.owner[k] = fallback;
  }

  const domainNames: string[] = [];
  const domainNodes: number[] = [];
  for (let k = 0; k < keyedKind.length; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    if (keyedKind[k] !== DOMAIN) continue;
    domainNames.push(keyedNames[k] ?? '');
    domainNodes.push(keyed0 + k);
  }
  yield;
  const domains = new DomainTable(domainNames, Int32Array.from(domainNodes));
  yield* domains.fill();
  // A domain's parent: its closest registered parent domain.
  for (let k = 0; k < domainNames.length; k++) {
    if ((k & (STEP - 1)) === 0) yield;
    const name = domainNames[k] ?? '';
    const c = keyCandidates(name);
    for (let j = 1; j < c; j++) {
      const found = domains.find(name, CANDIDATE_START[j] ?? 0, name.length, CANDIDATE_HASH[j] ?? 0);
      if (found >= 0) {
        nodeParent[domainNodes[k] ?? 0] = found;
        break;
      }
    }
  }
  const asns = new Map<number, number>();
  for (const [key, k] of asnNodes) asns.set(key, keyed0 + k);
  const products = new Map<string, number>();
  for (const [key, k] of productNodes) products.set(key, keyed0 + k);
  return {
    orgIds,
    nodeFirst,
    nodeCount,
    nodeParent,
    nodeSpec,
    nodeKind,
    entryOrg,
    entryValue,
    entryLazy,
    entryPrefix,
    v4,
    v6,
    domains,
    asns,
    products,
    size: out,
    rejected,
  };
}

/** Runs a sliced computation to its end at once. */
function finish<T>(steps: Generator<undefined, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/**
 * Builds an index without holding the event loop: work runs in slices of about `sliceMs`, each followed by
 * `pause()` (by default a macrotask turn, so that requests and timers run in between).
 */
export async function buildAssetIndex(
  assets: readonly Asset[],
  opts: { sliceMs?: number; pause?: () => Promise<void> } = {},
): Promise<AssetIndex> {
  const sliceMs = opts.sliceMs ?? 8;
  const pause = opts.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const steps = buildBase(assets);
  let t0 = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done === true) return new AssetIndex(r.value);
    if (performance.now() - t0 >= sliceMs) {
      await pause();
      t0 = performance.now();
    }
  }
}

/** Matches observables to owning constituents. Build once (buildAssetIndex for big sets), then add/remove as assets change. */
export class AssetIndex {
  private readonly base: Base;
  private removed: Uint8Array | null = null;
  private removedCount = 0;
  private overlay: Parsed[] = [];
  private overlayOrg: string[] = [];
  /** True once anything was added or removed since the build: lookups then consult the overlay too. */
  private changed = false;
  /** The overlay as an index (owners()), built again when the overlay changed. */
  private overlayBuilt: AssetIndex | null = null;
  private overlayDirty = false;
  /** Owners by node, filled on first use; sized up front so that it stays a dense array. */
  private readonly ownerCache: (readonly string[] | undefined)[];

  /** Assets given to the constructor that could not be indexed (invalid value), for the caller to log. */
  readonly rejected: readonly Asset[];

  /** Builds at once from assets (blocking: a few hundred milliseconds at 100k; see buildAssetIndex), or wraps a built base. */
  constructor(assets: Iterable<Asset> | Base = []) {
    this.base = isBase(assets) ? assets : finish(buildBase([...assets]));
    this.rejected = this.base.rejected;
    this.ownerCache = new Array<readonly string[] | undefined>(this.base.nodeFirst.length).fill(undefined);
  }

  /** Number of indexed assets. */
  get size(): number {
    return this.base.size - this.removedCount + this.overlay.length;
  }

  /** Bytes held by the lookup structures and entries (typed arrays exactly; strings estimated at one byte a character). */
  bytes(): number {
    const b = this.base;
    let strings = 0;
    for (const v of b.entryValue) strings += v.length + 16;
    for (const o of b.orgIds) strings += o.length + 16;
    const arrays = [b.nodeFirst, b.nodeCount, b.nodeParent, b.nodeSpec, b.nodeKind, b.entryOrg, b.entryPrefix];
    return (
      arrays.reduce((sum, a) => sum + a.byteLength, 0) + b.v4.bytes() + b.v6.bytes() + b.domains.bytes() + strings + 8 * b.entryValue.length
    );
  }

  /** Indexes one asset; false when its value is invalid for its kind. Adding a duplicate is a no-op (true). */
  add(asset: Asset): boolean {
    const p = parseAsset(asset);
    if (p === null) return false;
    if (this.overlayIndex(p, asset.organisationId) >= 0 || this.baseEntry(p, asset.organisationId) >= 0) return true;
    this.overlay.push(p);
    this.overlayOrg.push(asset.organisationId);
    this.changed = true;
    this.overlayDirty = true;
    return true;
  }

  /** Removes one asset; false when it was not indexed. */
  remove(asset: Asset): boolean {
    const p = parseAsset(asset);
    if (p === null) return false;
    const o = this.overlayIndex(p, asset.organisationId);
    if (o >= 0) {
      this.overlay.splice(o, 1);
      this.overlayOrg.splice(o, 1);
      this.overlayDirty = true;
      return true;
    }
    const entry = this.baseEntry(p, asset.organisationId);
    if (entry < 0) return false;
    this.markRemoved(entry);
    return true;
  }

  /** Replaces every asset of one organisation; returns the rejected ones (invalid, or of another organisation). */
  replaceOrganisation(organisationId: string, assets: Iterable<Asset>): Asset[] {
    const org = this.base.orgIds.indexOf(organisationId);
    if (org >= 0) {
      const { entryOrg } = this.base;
      for (let k = 0; k < entryOrg.length; k++) if (entryOrg[k] === org && !this.isRemoved(k)) this.markRemoved(k);
    }
    for (let i = this.overlay.length - 1; i >= 0; i--) {
      if (this.overlayOrg[i] !== organisationId) continue;
      this.overlay.splice(i, 1);
      this.overlayOrg.splice(i, 1);
      this.overlayDirty = true;
    }
    const rejected: Asset[] = [];
    for (const a of assets) if (a.organisationId !== organisationId || !this.add(a)) rejected.push(a);
    return rejected;
  }

  /** The normalised assets of one organisation (scans the index). */
  assetsOf(organisationId: string): Asset[] {
    const found: Asset[] = [];
    const b = this.base;
    const org = b.orgIds.indexOf(organisationId);
    for (let node = 0; org >= 0 && node < b.nodeFirst.length; node++) {
      const first = b.nodeFirst[node] ?? 0;
      for (let k = first; k < first + (b.nodeCount[node] ?? 0); k++) {
        if (b.entryOrg[k] !== org || this.isRemoved(k)) continue;
        found.push({ organisationId, kind: KIND_CODES[b.nodeKind[node] ?? 0] ?? 'cidr', value: entryValueOf(b, k) });
      }
    }
    this.overlay.forEach((p, i) => {
      if (this.overlayOrg[i] === organisationId) found.push({ organisationId, kind: KIND_CODES[p.kind] ?? 'cidr', value: p.assetValue });
    });
    return found;
  }

  /**
   * Owners of an observable. IPs and CIDRs: the longest containing prefix (a CIDR must lie wholly inside the
   * asset). Domains, URLs and e-mail addresses: the closest registered parent domain (a URL with an IP host
   * is matched as that IP). ASNs and products: exact. Most specific first.
   */
  match(query: MatchQuery, opts: MatchOptions = {}): Match[] {
    const all = opts.all ?? false;
    if (this.changed) return this.matchChanged(query, all);
    let node = this.first(query.type, query.value);
    const out: Match[] = [];
    while (node >= 0) {
      this.pushEntries(node, out);
      if (!all) break;
      node = this.base.nodeParent[node] ?? -1;
    }
    return out;
  }

  /**
   * The organisations owning the most specific asset that contains the value (each once), or none. The hot
   * path of matching: nothing is allocated once an answer has been asked for the first time. After changes,
   * the base's answer (skipping removed entries) and the overlay's (a small index of its own) are compared by
   * specificity: two look-ups, still without allocating unless both hold an asset equally specific.
   */
  owners(type: MatchQuery['type'], value: string): readonly string[] {
    let node = this.first(type, value);
    let ids = NONE;
    while (node >= 0) {
      ids = this.nodeOwners(node);
      if (ids.length > 0) break;
      node = this.base.nodeParent[node] ?? -1; // every owner of this asset removed: the next less specific
    }
    if (!this.changed) return ids;
    const overlay = this.overlayAsIndex();
    const o = overlay === null ? -1 : overlay.first(type, value);
    if (o < 0 || overlay === null) return ids;
    const oIds = overlay.nodeOwners(o);
    if (node < 0) return oIds;
    const spec = this.base.nodeSpec[node] ?? 0;
    const oSpec = overlay.base.nodeSpec[o] ?? 0;
    if (spec !== oSpec) return oSpec > spec ? oIds : ids;
    return unique([...ids, ...oIds]);
  }

  /** The owners of a base node's entries that were not removed (cached; emptied when one is removed). */
  private nodeOwners(node: number): readonly string[] {
    const cached = this.ownerCache[node];
    if (cached !== undefined) return cached;
    const b = this.base;
    const first = b.nodeFirst[node] ?? 0;
    const ids: string[] = [];
    for (let k = first; k < first + (b.nodeCount[node] ?? 0); k++) if (!this.isRemoved(k)) ids.push(b.orgIds[b.entryOrg[k] ?? 0] ?? '');
    const frozen = ids.length === 0 ? NONE : Object.freeze(ids);
    this.ownerCache[node] = frozen;
    return frozen;
  }

  /** The overlay as an index of its own, built again (a millisecond or two) on the first look-up after it changed. */
  private overlayAsIndex(): AssetIndex | null {
    if (this.overlayDirty) {
      this.overlayDirty = false;
      this.overlayBuilt =
        this.overlay.length === 0
          ? null
          : new AssetIndex(
              this.overlay.map((p, i): Asset => ({
                organisationId: this.overlayOrg[i] ?? '',
                kind: KIND_CODES[p.kind] ?? 'cidr',
                value: p.assetValue,
              })),
            );
    }
    return this.overlayBuilt;
  }

  /** How many changes sit beside the base (added, removed): past a few thousand, a rebuild is due. */
  get drift(): number {
    return this.overlay.length + this.removedCount;
  }

  /** The most specific node containing the value, or -1. */
  private first(type: MatchQuery['type'], value: string): number {
    switch (type) {
      case 'ipv4':
      case 'ipv6':
      case 'cidr':
        return this.firstNet(value);
      case 'domain':
        return this.firstDomain(value, 0);
      case 'email':
        return this.firstDomain(value, value.lastIndexOf('@') + 1);
      case 'url': {
        const host = normaliseUrl(value.trim())?.host;
        if (host === undefined) return -1;
        return /^[\d.]+$|^\[/.test(host) ? this.firstNet(host.replace(/^\[|\]$/g, '')) : this.firstDomain(host, 0);
      }
      case 'asn': {
        const n = asnKey(value);
        return n === null ? -1 : (this.base.asns.get(n) ?? -1);
      }
      case 'product': {
        const p = productKey(value);
        return p === null ? -1 : (this.base.products.get(p) ?? -1);
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
        return -1;
    }
  }

  private firstNet(text: string): number {
    const b = this.base;
    return lookupNet(text, b.v4, b.v6, b.nodeSpec, b.nodeParent);
  }

  private firstDomain(value: string, from: number): number {
    return this.base.domains.lookup(value, from);
  }

  private pushEntries(node: number, out: Match[]): void {
    const b = this.base;
    const first = b.nodeFirst[node] ?? 0;
    const kind = KIND_CODES[b.nodeKind[node] ?? 0] ?? 'cidr';
    for (let k = first; k < first + (b.nodeCount[node] ?? 0); k++) {
      if (this.isRemoved(k)) continue;
      const m: Match = { organisationId: b.orgIds[b.entryOrg[k] ?? 0] ?? '', assetValue: entryValueOf(b, k), kind };
      const prefix = b.entryPrefix[k] ?? -1;
      if (prefix >= 0) m.prefixLength = prefix;
      out.push(m);
    }
  }

  /** The general path, while assets were added or removed since the build: base chain and overlay merged by specificity. */
  private matchChanged(query: MatchQuery, all: boolean): Match[] {
    const levels: { spec: number; matches: Match[] }[] = [];
    for (let node = this.first(query.type, query.value); node >= 0; node = this.base.nodeParent[node] ?? -1) {
      const matches: Match[] = [];
      this.pushEntries(node, matches);
      levels.push({ spec: this.base.nodeSpec[node] ?? 0, matches });
    }
    const target = queryTarget(query);
    if (target !== null) {
      this.overlay.forEach((p, i) => {
        if (!contains(p, target)) return;
        let level = levels.find((l) => l.spec === p.spec);
        if (level === undefined) {
          level = { spec: p.spec, matches: [] };
          levels.push(level);
        }
        const organisationId = this.overlayOrg[i] ?? '';
        if (level.matches.some((m) => m.organisationId === organisationId)) return;
        const m: Match = { organisationId, assetValue: p.assetValue, kind: KIND_CODES[p.kind] ?? 'cidr' };
        if (p.prefixLength >= 0) m.prefixLength = p.prefixLength;
        level.matches.push(m);
      });
    }
    const found = levels.filter((l) => l.matches.length > 0).sort((a, b) => b.spec - a.spec);
    return all ? found.flatMap((l) => l.matches) : (found[0]?.matches ?? []);
  }

  private isRemoved(entry: number): boolean {
    return this.removed !== null && this.removed[entry] === 1;
  }

  private markRemoved(entry: number): void {
    this.removed ??= new Uint8Array(this.base.entryOrg.length);
    this.removed[entry] = 1;
    this.removedCount += 1;
    this.changed = true;
    // The node holding the entry (every node has entries, consecutive, in node order): its cached owners are stale.
    const first = this.base.nodeFirst;
    let lo = 0;
    let hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((first[mid] ?? 0) <= entry) lo = mid;
      else hi = mid - 1;
    }
    this.ownerCache[lo] = undefined;
  }

  private overlayIndex(p: Parsed, organisationId: string): number {
    return this.overlay.findIndex((o, i) => this.overlayOrg[i] === organisationId && sameKey(o, p));
  }

  /** The base entry of this organisation for exactly this asset key (not removed), or -1. */
  private baseEntry(p: Parsed, organisationId: string): number {
    const b = this.base;
    const org = b.orgIds.indexOf(organisationId);
    if (org < 0) return -1;
    let node = -1;
    switch (p.kind) {
      case CIDR: {
        W.set(p.words);
        if (p.spec >= 96 && p.words[0] === 0 && p.words[1] === 0 && p.words[2] === 0xffff)
          node = b.v4.owner[b.v4.find(p.words[3] ?? 0)] ?? -1;
        else node = b.v6.owner[b.v6.find()] ?? -1;
        while (node >= 0 && (b.nodeSpec[node] ?? 0) > p.spec) node = b.nodeParent[node] ?? -1;
        if (node >= 0 && (b.nodeSpec[node] !== p.spec || b.nodeKind[node] !== CIDR)) node = -1;
        break;
      }
      case DOMAIN: {
        const key = p.key as string;
        keyCandidates(key);
        node = b.domains.find(key, 0, key.length, CANDIDATE_HASH[0] ?? 0);
        break;
      }
      case ASN:
        node = b.asns.get(p.key as number) ?? -1;
        break;
      default:
        node = b.products.get(p.key as string) ?? -1;
    }
    if (node < 0) return -1;
    const first = b.nodeFirst[node] ?? 0;
    for (let k = first; k < first + (b.nodeCount[node] ?? 0); k++) if (b.entryOrg[k] === org && !this.isRemoved(k)) return k;
    return -1;
  }
}

const NONE: readonly string[] = Object.freeze([]);

function isBase(x: unknown): x is Base {
  return typeof x === 'object' && x !== null && 'nodeFirst' in x;
}

function unique(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}

/** What an overlay asset must contain to match a query: a network (128-bit space) or a domain key, or an exact key. */
type Target = { kind: typeof CIDR; words: readonly number[]; spec: number } | { kind: number; key: string | number };

function queryTarget(query: MatchQuery): Target | null {
  const net = (text: string): Target | null => {
    const s = text.trim();
    const parsed = parseNet(s, 0, s.length);
    if (parsed < 0) return null;
    if (parsed >> 8 === 4) return { kind: CIDR, words: [0, 0, 0xffff, W[0] ?? 0], spec: 96 + (parsed & 255) };
    return { kind: CIDR, words: [...W], spec: parsed & 255 };
  };
  const domain = (text: string): Target | null => {
    const key = domainKey(text);
    return key === null ? null : { kind: DOMAIN, key };
  };
  switch (query.type) {
    case 'ipv4':
    case 'ipv6':
    case 'cidr':
      return net(query.value);
    case 'domain':
      return domain(query.value);
    case 'email':
      return domain(query.value.slice(query.value.lastIndexOf('@') + 1));
    case 'url': {
      const host = normaliseUrl(query.value.trim())?.host;
      if (host === undefined) return null;
      return /^[\d.]+$|^\[/.test(host) ? net(host.replace(/^\[|\]$/g, '')) : domain(host);
    }
    case 'asn': {
      const n = asnKey(query.value);
      return n === null ? null : { kind: ASN, key: n };
    }
    case 'product': {
      const p = productKey(query.value);
      return p === null ? null : { kind: PRODUCT, key: p };
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
      return null;
  }
}

function contains(p: Parsed, t: Target): boolean {
  if (p.kind !== t.kind) return false;
  if ('words' in t) {
    if (p.spec > t.spec) return false;
    for (let i = 0; i < 4; i++) if (maskWord(t.words[i] ?? 0, p.spec - 32 * i) !== (p.words[i] ?? 0)) return false;
    return true;
  }
  if (p.kind !== DOMAIN) return p.key === t.key;
  const key = t.key as string;
  const own = p.key as string;
  return key === own || key.endsWith(`.${own}`);
}

function sameKey(a: Parsed, b: Parsed): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== CIDR) return a.key === b.key;
  return a.spec === b.spec && a.words.every((w, i) => w === b.words[i]);
}
