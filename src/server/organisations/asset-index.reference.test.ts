// The flat index against a plain reference (a linear scan with BigInt arithmetic) on random assets and queries:
// IPv4/IPv6 edge prefixes (/0, /32, /128), overlapping and shared prefixes, IPv4-mapped IPv6, domains in upper
// case, with trailing dots, wildcards and IDN; also after incremental adds and removes, and when built in slices.
import { ipv4ToInt, parseIpv6, prefixLengthAt } from '#shared/observables/normalise';
import { AssetIndex, buildAssetIndex, type Asset, type Match, type MatchQuery } from './asset-index';
import { domainKey } from './asset-domains';

// ---- the reference ----

/** An address or network in IPv4-mapped 128-bit space: [network, prefix length], or null. */
function refNet(text: string, masked: boolean): [bigint, number] | null {
  const v = text.trim();
  const slash = v.indexOf('/');
  const end = slash < 0 ? v.length : slash;
  let addr: bigint;
  let len: number;
  if (!v.includes(':')) {
    const a = ipv4ToInt(v, 0, end);
    len = prefixLengthAt(v, slash, 32);
    if (a < 0 || len < 0) return null;
    addr = (0xffffn << 32n) | BigInt(a);
    len += 96;
  } else {
    const p = parseIpv6(v.slice(0, end));
    len = prefixLengthAt(v, slash, 128);
    if (p === null || len < 0) return null;
    addr = p.parts.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
  }
  const mask = len === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - len)) - 1n);
  return [masked ? addr & mask : addr, len];
}

const contains = (outer: [bigint, number], inner: [bigint, number]): boolean => {
  if (outer[1] > inner[1]) return false;
  const shift = BigInt(128 - outer[1]);
  return inner[0] >> shift === outer[0] >> shift;
};

interface RefEntry {
  organisationId: string;
  kind: Asset['kind'];
  net?: [bigint, number];
  name?: string;
  key?: string;
}

function refEntry(a: Asset): RefEntry | null {
  switch (a.kind) {
    case 'cidr': {
      const net = refNet(a.value, true);
      return net && { organisationId: a.organisationId, kind: a.kind, net };
    }
    case 'domain': {
      const name = domainKey(a.value);
      return name === null ? null : { organisationId: a.organisationId, kind: a.kind, name };
    }
    case 'asn': {
      const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(a.value.trim());
      const n = m ? Number(m[1]) : NaN;
      return Number.isInteger(n) && n <= 0xffffffff ? { organisationId: a.organisationId, kind: a.kind, key: String(n) } : null;
    }
    case 'product': {
      const p = a.value.trim().replace(/\s+/g, ' ').toLowerCase();
      return p === '' ? null : { organisationId: a.organisationId, kind: a.kind, key: p };
    }
  }
}

/** Owners by specificity, most specific first, each organisation once per level; only the first level unless `all`. */
function refMatch(entries: readonly (RefEntry | null)[], q: MatchQuery, all: boolean): string[] {
  const levels = new Map<number, string[]>();
  const put = (spec: number, org: string): void => {
    const list = levels.get(spec) ?? [];
    if (!list.includes(org)) list.push(org);
    levels.set(spec, list);
  };
  const isNet = ['ipv4', 'ipv6', 'cidr'].includes(q.type);
  const qNet = isNet ? refNet(q.value, false) : null;
  const qName = q.type === 'domain' ? domainKey(q.value) : null;
  for (const e of entries) {
    if (e === null) continue;
    if (e.net && qNet && contains(e.net, qNet)) put(e.net[1], e.organisationId);
    if (e.name !== undefined && qName !== null && (qName === e.name || qName.endsWith(`.${e.name}`)))
      put(e.name.split('.').length, e.organisationId);
  }
  const ordered = [...levels.entries()].sort((x, y) => y[0] - x[0]).map(([, orgs]) => orgs);
  return all ? ordered.flat() : (ordered[0] ?? []);
}

// ---- random data ----

function generator(seed: number) {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length] as T;
  const v4 = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  // A small address space, so that random prefixes overlap and random queries hit them.
  const v4Addr = (): string => v4((pick([0xc6336400, 0x0a000000, 0xffffff00, 0, 0xb9160000]) | (rand() & 0x1ffff)) >>> 0);
  const hex = (): string => pick(['0', '1', 'ff', 'ffff', 'db8', (rand() & 0xffff).toString(16)]);
  const v6Addr = (): string =>
    pick([
      `2001:db8:${hex()}::${hex()}`,
      `2001:db8::${hex()}:${hex()}`,
      `::${hex()}`,
      `${hex()}::`,
      `ffff:ffff:ffff:ffff:ffff:ffff:ffff:${hex()}`,
      `::ffff:${v4Addr()}`,
      `::ffff:${hex()}:${hex()}`,
    ]);
  const net = (): string => {
    const r = rand() % 10;
    if (r < 4) return `${v4Addr()}/${pick([0, 1, 8, 15, 16, 17, 24, 31, 32, 32])}`;
    if (r < 5) return v4Addr(); // a bare address: /32
    if (r < 9) return `${v6Addr()}/${pick([0, 1, 16, 32, 48, 64, 95, 96, 97, 112, 120, 127, 128])}`;
    return v6Addr(); // a bare address: /128
  };
  const label = (): string => pick(['a', 'b', 'www', 'mail', 'x-y', 'under_score', 'c0']);
  const domain = (): string => {
    const base = pick(['example.org', 'example.net', 'org', 'lu', 'bücher.de', 'xn--bcher-kva.de', 'co.uk', 'sub.example.org']);
    const name = Array.from({ length: rand() % 3 }, label)
      .concat(base)
      .join('.');
    const styled = rand() % 4 === 0 ? name.toUpperCase() : name;
    return `${rand() % 5 === 0 ? '*.' : ''}${styled}${rand() % 5 === 0 ? '.' : ''}`;
  };
  const assets = (n: number, orgs: number): Asset[] =>
    Array.from({ length: n }, (): Asset => {
      const organisationId = `org-${rand() % orgs}`;
      return rand() % 3 === 0 ? { organisationId, kind: 'domain', value: domain() } : { organisationId, kind: 'cidr', value: net() };
    });
  const queries = (n: number): MatchQuery[] =>
    Array.from({ length: n }, (): MatchQuery => {
      const r = rand() % 6;
      if (r === 0) return { type: 'cidr', value: net() };
      if (r <= 2) return { type: 'ipv4', value: rand() % 7 === 0 ? ` ${v4Addr()} ` : v4Addr() };
      if (r <= 4) return { type: 'ipv6', value: v6Addr().toUpperCase() };
      return { type: 'domain', value: domain() };
    });
  return { assets, queries, rand };
}

const orgsOf = (ms: Match[]): string[] => ms.map((m) => m.organisationId);

function compare(index: AssetIndex, assets: readonly Asset[], queries: readonly MatchQuery[]): void {
  const entries = assets.map(refEntry);
  for (const q of queries) {
    for (const all of [false, true]) {
      const expected = refMatch(entries, q, all);
      const got = orgsOf(index.match(q, { all }));
      if (all) expect({ q, got }).toEqual({ q, got: expected });
      else expect({ q, got: [...new Set(got)] }).toEqual({ q, got: expected });
    }
    expect({ q, owners: [...index.owners(q.type, q.value)] }).toEqual({ q, owners: refMatch(entries, q, false) });
  }
}

describe('AssetIndex against a linear reference', () => {
  it.each([1, 2, 3, 4, 5])('answers as the reference on random assets and queries (seed %i)', (seed) => {
    const g = generator(seed);
    const assets = g.assets(300, 12);
    compare(new AssetIndex(assets), assets, g.queries(600));
  });

  it('answers as the reference when built in slices', async () => {
    const g = generator(11);
    const assets = g.assets(3000, 40);
    const index = await buildAssetIndex(assets, { sliceMs: 0 });
    compare(index, assets, g.queries(500));
  });

  // owners() answers from the base and the overlay (an index of its own) compared by specificity; match() from
  // the general merge: both against the reference after each change.
  it.each([7, 13, 21])('answers as the reference after incremental adds and removes (seed %i)', (seed) => {
    const g = generator(seed);
    const assets = g.assets(300, 8);
    const index = new AssetIndex(assets);
    let current = [...assets];
    for (let round = 0; round < 120; round++) {
      const [extra] = g.assets(1, 8);
      if (extra === undefined) continue;
      if (g.rand() % 2 === 0 && current.length > 0) {
        const victim = current[g.rand() % current.length] as Asset;
        expect(index.remove(victim)).toBe(true);
        // Removing one asset removes that organisation's entry for the same key, whatever its spelling.
        const victimEntry = refEntry(victim);
        current = current.filter((a) => {
          const e = refEntry(a);
          if (e === null || victimEntry === null || a.organisationId !== victim.organisationId || e.kind !== victimEntry.kind) return true;
          return e.net
            ? !(victimEntry.net && e.net[0] === victimEntry.net[0] && e.net[1] === victimEntry.net[1])
            : e.name !== victimEntry.name;
        });
      } else {
        expect(index.add(extra)).toBe(refEntry(extra) !== null);
        if (refEntry(extra) !== null) current.push(extra);
      }
      compare(index, current, g.queries(40));
    }
  });
});

describe('AssetIndex edge prefixes', () => {
  const a = (organisationId: string, value: string): Asset => ({ organisationId, kind: 'cidr', value });
  const index = new AssetIndex([
    a('v4-all', '0.0.0.0/0'),
    a('v4-top', '255.255.255.255/32'),
    a('v4-bottom', '0.0.0.0/32'),
    a('v6-all', '::/0'),
    a('v6-top', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'),
    a('v6-bottom', '::/128'),
    a('mapped-net', '::ffff:0:0/96'),
  ]);
  const owners = (type: MatchQuery['type'], value: string): string[] => orgsOf(index.match({ type, value }, { all: true }));

  it('matches the first and last addresses of both families', () => {
    expect(owners('ipv4', '255.255.255.255')).toEqual(['v4-top', 'v4-all', 'mapped-net', 'v6-all']);
    expect(owners('ipv4', '0.0.0.0')).toEqual(['v4-bottom', 'v4-all', 'mapped-net', 'v6-all']);
    expect(owners('ipv4', '128.0.0.0')).toEqual(['v4-all', 'mapped-net', 'v6-all']);
    expect(owners('ipv6', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(['v6-top', 'v6-all']);
    expect(owners('ipv6', '::')).toEqual(['v6-bottom', 'v6-all']);
    expect(owners('ipv6', '::1')).toEqual(['v6-all']);
    expect(owners('ipv6', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe')).toEqual(['v6-all']);
  });

  it('treats ::ffff:0:0/96 as 0.0.0.0/0 and /0 networks as contained only by /0 assets', () => {
    expect(owners('cidr', '0.0.0.0/0')).toEqual(['v4-all', 'mapped-net', 'v6-all']);
    expect(owners('cidr', '::/0')).toEqual(['v6-all']);
    expect(owners('cidr', '::ffff:0:0/95')).toEqual(['v6-all']);
  });
});
