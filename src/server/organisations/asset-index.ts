// In-memory index from observables to the constituents that own them: longest-prefix match over
// IPv4/IPv6 CIDRs (binary tries in typed arrays), closest parent domain, exact ASN and product names.
import {
  formatIpv6Parts,
  ipv4ToInt,
  maskIpv6Parts,
  normaliseDomain,
  normaliseUrl,
  parseIpv6,
  prefixLengthAt,
} from '#shared/observables/normalise';
import type { ObservableType } from '#shared/observables/observables';

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

interface Entry {
  organisationId: string;
  assetValue: string;
  kind: AssetKind;
  prefixLength?: number;
}

/** A binary trie over address bits, in typed arrays: no object per node, cheap to build at 100k+ prefixes. */
class BitTrie {
  private zero: Int32Array = new Int32Array(1024);
  private one: Int32Array = new Int32Array(1024);
  /** 0 = no entries; otherwise 1 + index into `lists`. */
  private slot: Int32Array = new Int32Array(1024);
  private nodes = 1; // node 0 is the root
  private readonly lists: Entry[][] = [];

  /** The entry list of the node for this prefix, created (with its path) when `create`. */
  listFor(words: readonly number[], len: number, create: boolean): Entry[] | undefined {
    let node = 0;
    for (let i = 0; i < len; i++) {
      const one = (((words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1) === 1;
      let next = (one ? this.one : this.zero)[node] ?? 0;
      if (next === 0) {
        if (!create) return undefined;
        next = this.newNode();
        (one ? this.one : this.zero)[node] = next; // after newNode(): the arrays may have been replaced
      }
      node = next;
    }
    const s = this.slot[node] ?? 0;
    if (s !== 0 || !create) return s === 0 ? undefined : this.lists[s - 1];
    const list: Entry[] = [];
    this.lists.push(list);
    this.slot[node] = this.lists.length;
    return list;
  }

  /** Entry lists of every prefix containing the first `len` bits of `words`, most specific first. */
  containing(words: readonly number[], len: number, all: boolean): Entry[][] {
    // Locals, not property loads, inside the walk: this is the per-lookup hot loop.
    const { zero, one, slot, lists } = this;
    const found: Entry[][] = [];
    let node = 0;
    let word = words[0] ?? 0;
    for (let i = 0; ; i++) {
      const s = slot[node] ?? 0;
      if (s !== 0) {
        const list = lists[s - 1];
        if (list !== undefined && list.length > 0) {
          if (all) found.push(list);
          else found[0] = list;
        }
      }
      if (i === len) break;
      if ((i & 31) === 0) word = words[i >>> 5] ?? 0;
      node = ((word >>> (31 - (i & 31))) & 1) === 0 ? (zero[node] ?? 0) : (one[node] ?? 0);
      if (node === 0) break;
    }
    return all ? found.reverse() : found;
  }

  /** Every entry list, for scans. */
  allLists(): readonly Entry[][] {
    return this.lists;
  }

  private newNode(): number {
    if (this.nodes === this.zero.length) {
      this.zero = doubled(this.zero);
      this.one = doubled(this.one);
      this.slot = doubled(this.slot);
    }
    return this.nodes++;
  }
}

function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Eight 16-bit groups → four 32-bit words. */
function wordsOf(p: readonly number[]): number[] {
  return [
    (((p[0] ?? 0) << 16) | (p[1] ?? 0)) >>> 0,
    (((p[2] ?? 0) << 16) | (p[3] ?? 0)) >>> 0,
    (((p[4] ?? 0) << 16) | (p[5] ?? 0)) >>> 0,
    (((p[6] ?? 0) << 16) | (p[7] ?? 0)) >>> 0,
  ];
}

interface Net {
  family: 4 | 6;
  words: readonly number[];
  len: number;
}

/** Parses an address or CIDR into words; IPv4-mapped IPv6 becomes IPv4. Null when invalid. */
function parseNet(text: string): Net | null {
  const slash = text.indexOf('/');
  const end = slash < 0 ? text.length : slash;
  const v4 = ipv4ToInt(text, 0, end);
  if (v4 >= 0) {
    const len = prefixLengthAt(text, slash, 32);
    return len < 0 ? null : { family: 4, words: [v4], len };
  }
  // Only IPv6 goes to ipaddr.js: its IPv4 parser also takes inet_aton forms ("10.1", "0x7f.1").
  if (!text.includes(':')) return null;
  const addr = parseIpv6(text.slice(0, end));
  const len = prefixLengthAt(text, slash, 128);
  if (addr === null || len < 0) return null;
  return mappedToV4({ family: 6, words: wordsOf(addr.parts), len });
}

/**
 * A CIDR asset ("192.0.2.0/24", "2001:db8::/32", or a bare address for /32 and /128): validated
 * with the rules of observable extraction, host bits cleared; parsed once (this runs per asset).
 */
function assetNet(value: string): { net: Net; assetValue: string; prefixLength: number } | null {
  const v = value.trim();
  const slash = v.indexOf('/');
  if (!v.includes(':')) {
    const addr = ipv4ToInt(v, 0, slash < 0 ? v.length : slash);
    const len = prefixLengthAt(v, slash, 32);
    if (addr < 0 || len < 0) return null;
    const net = len === 0 ? 0 : (addr & ((0xffffffff << (32 - len)) >>> 0)) >>> 0;
    const canonical = net === addr && slash >= 0;
    const assetValue = canonical ? v : `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
    return { net: { family: 4, words: [net], len }, assetValue, prefixLength: len };
  }
  const len = prefixLengthAt(v, slash, 128);
  const addr = len < 0 ? null : parseIpv6(slash < 0 ? v : v.slice(0, slash));
  if (addr === null) return null;
  const parts = maskIpv6Parts(addr.parts, len);
  const assetValue = `${formatIpv6Parts(parts)}/${len}`;
  return { net: mappedToV4({ family: 6, words: wordsOf(parts), len }), assetValue, prefixLength: len };
}

// Why: ::ffff:a.b.c.d is the same host as a.b.c.d; indexing both forms in one trie means an
// asset written either way matches an observable written either way.
function mappedToV4(net: Net): Net {
  const w = net.words;
  if (net.family === 6 && net.len >= 96 && w[0] === 0 && w[1] === 0 && w[2] === 0xffff) {
    return { family: 4, words: [w[3] ?? 0], len: net.len - 96 };
  }
  return net;
}

/** Normalised domain for indexing or lookup: lowercase, no trailing dot or "*." wildcard, IDN as punycode. */
function domainKey(value: string): string | null {
  const v = value.trim().replace(/^\*\./, '').replace(/\.$/, '');
  if (/^[a-z]{2,63}$/i.test(v)) return v.toLowerCase(); // a whole TLD, for a registry's constituency
  return normaliseDomain(v, { prose: false });
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

/** Matches observables to owning constituents. Build once, then keep it fresh with add/remove/replaceOrganisation. */
export class AssetIndex {
  private v4 = new BitTrie();
  private v6 = new BitTrie();
  private domains = new Map<string, Entry[]>();
  private asns = new Map<number, Entry[]>();
  private products = new Map<string, Entry[]>();
  private count = 0;

  /** Assets given to the constructor that could not be indexed (invalid value), for the caller to log. */
  readonly rejected: Asset[] = [];

  constructor(assets: Iterable<Asset> = []) {
    for (const a of assets) if (!this.add(a)) this.rejected.push(a);
  }

  /** Number of indexed assets. */
  get size(): number {
    return this.count;
  }

  /** Indexes one asset; false when its value is invalid for its kind. Adding a duplicate is a no-op (true). */
  add(asset: Asset): boolean {
    const target = this.locate(asset, true);
    if (target === null) return false;
    const { list, entry } = target;
    const organisationId = asset.organisationId;
    for (const e of list) if (e.organisationId === organisationId) return true;
    list.push({ organisationId, assetValue: entry.assetValue, kind: entry.kind, prefixLength: entry.prefixLength });
    this.count += 1;
    return true;
  }

  /** Removes one asset; false when it was not indexed. */
  remove(asset: Asset): boolean {
    const target = this.locate(asset, false);
    if (target === null) return false;
    const i = target.list.findIndex((e) => e.organisationId === asset.organisationId);
    if (i < 0) return false;
    target.list.splice(i, 1);
    this.count -= 1;
    return true;
  }

  /**
   * Replaces every asset of one organisation (refresh after its assets changed); returns the
   * rejected ones. Scans the whole index (a few ms at 200k assets): keeping a per-organisation
   * list instead doubled the objects to build and slowed every rebuild for a rare operation.
   */
  replaceOrganisation(organisationId: string, assets: Iterable<Asset>): Asset[] {
    for (const list of this.allLists()) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i]?.organisationId !== organisationId) continue;
        list.splice(i, 1);
        this.count -= 1;
      }
    }
    const rejected: Asset[] = [];
    for (const a of assets) {
      if (a.organisationId !== organisationId || !this.add(a)) rejected.push(a);
    }
    return rejected;
  }

  /** The normalised assets of one organisation (scans the index). */
  assetsOf(organisationId: string): Asset[] {
    const found: Asset[] = [];
    for (const list of this.allLists()) {
      for (const e of list) {
        if (e.organisationId === organisationId) found.push({ organisationId, kind: e.kind, value: e.assetValue });
      }
    }
    return found;
  }

  private *allLists(): Generator<Entry[]> {
    yield* this.v4.allLists();
    yield* this.v6.allLists();
    yield* this.domains.values();
    yield* this.asns.values();
    yield* this.products.values();
  }

  /**
   * Owners of an observable. IPs and CIDRs: the longest containing prefix (a CIDR must lie wholly
   * inside the asset). Domains, URLs and e-mail addresses: the closest registered parent domain
   * (a URL with an IP host is matched as that IP). ASNs and products: exact. Most specific first.
   */
  match(query: MatchQuery, opts: MatchOptions = {}): Match[] {
    const all = opts.all ?? false;
    switch (query.type) {
      case 'ipv4':
      case 'ipv6':
      case 'cidr':
        return this.matchNet(query.value, all);
      case 'domain':
        return this.matchDomain(query.value, all);
      case 'email':
        return this.matchDomain(query.value.slice(query.value.lastIndexOf('@') + 1), all);
      case 'url': {
        const host = normaliseUrl(query.value.trim())?.host;
        if (host === undefined) return [];
        return /^[\d.]+$|^\[/.test(host) ? this.matchNet(host.replace(/^\[|\]$/g, ''), all) : this.matchDomain(host, all);
      }
      case 'asn': {
        const n = asnKey(query.value);
        return n === null ? [] : toMatches([this.asns.get(n) ?? []]);
      }
      case 'product': {
        const p = productKey(query.value);
        return p === null ? [] : toMatches([this.products.get(p) ?? []]);
      }
      case 'md5':
      case 'sha1':
      case 'sha256':
        return [];
    }
  }

  private matchNet(value: string, all: boolean): Match[] {
    const net = parseNet(value.trim());
    if (net === null) return [];
    const trie = net.family === 4 ? this.v4 : this.v6;
    const lists = trie.containing(net.words, net.len, all);
    if (net.family === 4 && (all || lists.length === 0)) {
      // IPv6 assets covering ::ffff:0:0/96 (e.g. ::/0) also contain every IPv4 address, less specifically.
      const mapped = [0, 0, 0xffff, net.words[0] ?? 0];
      for (const list of this.v6.containing(mapped, 96 + net.len, all)) lists.push(list);
    }
    return toMatches(lists);
  }

  private matchDomain(value: string, all: boolean): Match[] {
    const key = domainKey(value);
    if (key === null) return [];
    const lists: Entry[][] = [];
    // Walk up the labels: a.b.example.org, b.example.org, example.org, org.
    for (let name: string | null = key; name !== null;) {
      const list = this.domains.get(name);
      if (list !== undefined && list.length > 0) {
        lists.push(list);
        if (!all) break;
      }
      const dot = name.indexOf('.');
      name = dot < 0 ? null : name.slice(dot + 1);
    }
    return toMatches(lists);
  }

  /** Where an asset lives: its entry list (created when `create`) and its normalised form. */
  private locate(asset: Asset, create: boolean): { list: Entry[]; entry: Omit<Entry, 'organisationId'> } | null {
    switch (asset.kind) {
      case 'cidr': {
        const parsed = assetNet(asset.value);
        if (parsed === null) return null;
        const { net, assetValue, prefixLength } = parsed;
        const trie = net.family === 4 ? this.v4 : this.v6;
        const list = trie.listFor(net.words, net.len, create);
        return list ? { list, entry: { kind: 'cidr', assetValue, prefixLength } } : null;
      }
      case 'domain':
        return inMap(this.domains, domainKey(asset.value), create, (k) => ({ kind: 'domain', assetValue: k }));
      case 'asn':
        return inMap(this.asns, asnKey(asset.value), create, (k) => ({ kind: 'asn', assetValue: `AS${k}` }));
      case 'product':
        return inMap(this.products, productKey(asset.value), create, (k) => ({ kind: 'product', assetValue: k }));
    }
  }
}

function inMap<K>(
  map: Map<K, Entry[]>,
  key: K | null,
  create: boolean,
  entry: (key: K) => Omit<Entry, 'organisationId'>,
): { list: Entry[]; entry: Omit<Entry, 'organisationId'> } | null {
  if (key === null) return null;
  let list = map.get(key);
  if (list === undefined) {
    if (!create) return null;
    list = [];
    map.set(key, list);
  }
  return { list, entry: entry(key) };
}

function toMatches(lists: readonly Entry[][]): Match[] {
  const out: Match[] = [];
  for (const list of lists) {
    for (const e of list) {
      const m: Match = { organisationId: e.organisationId, assetValue: e.assetValue, kind: e.kind };
      if (e.prefixLength !== undefined) m.prefixLength = e.prefixLength;
      out.push(m);
    }
  }
  return out;
}
