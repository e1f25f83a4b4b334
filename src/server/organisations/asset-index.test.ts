// Behaviour of the asset index: longest-prefix match over IPv4/IPv6, closest parent domain, exact
// ASN/product, incremental refresh, and build/lookup speed at 100k prefixes + 100k domains.
import { AssetIndex, type Asset, type Match } from './asset-index';

const cidr = (organisationId: string, value: string): Asset => ({ organisationId, kind: 'cidr', value });
const domain = (organisationId: string, value: string): Asset => ({ organisationId, kind: 'domain', value });
const owners = (matches: Match[]): string[] => matches.map((m) => m.organisationId);

describe('AssetIndex: IP addresses', () => {
  const index = new AssetIndex([
    cidr('isp', '192.0.2.0/23'),
    cidr('customer', '192.0.2.0/24'),
    cidr('host-a', '192.0.2.7/32'),
    cidr('host-b', '192.0.2.7'), // bare address = /32, shared with host-a
    cidr('everyone-v4', '0.0.0.0/0'),
    cidr('v6-isp', '2001:db8::/32'),
    cidr('v6-customer', '2001:DB8:0:1::/64'),
    cidr('v6-host', '2001:db8:0:1::5/128'),
  ]);

  it('returns the most specific owner of an address', () => {
    expect(index.match({ type: 'ipv4', value: '192.0.2.99' })).toEqual([
      { organisationId: 'customer', assetValue: '192.0.2.0/24', kind: 'cidr', prefixLength: 24 },
    ]);
    expect(owners(index.match({ type: 'ipv4', value: '192.0.3.1' }))).toEqual(['isp']);
    expect(owners(index.match({ type: 'ipv4', value: '198.51.100.1' }))).toEqual(['everyone-v4']);
  });

  it('returns every owner of the same most specific prefix (/32)', () => {
    expect(owners(index.match({ type: 'ipv4', value: '192.0.2.7' }))).toEqual(['host-a', 'host-b']);
  });

  it('lists all containing assets, most specific first, on request', () => {
    expect(owners(index.match({ type: 'ipv4', value: '192.0.2.7' }, { all: true }))).toEqual([
      'host-a',
      'host-b',
      'customer',
      'isp',
      'everyone-v4',
    ]);
  });

  it('matches IPv6 down to /128 and across notations', () => {
    expect(owners(index.match({ type: 'ipv6', value: '2001:db8:0:1::5' }))).toEqual(['v6-host']);
    expect(owners(index.match({ type: 'ipv6', value: '2001:0db8:0000:0001:0000:0000:0000:0006' }))).toEqual(['v6-customer']);
    expect(owners(index.match({ type: 'ipv6', value: '2001:db8:ffff::1' }))).toEqual(['v6-isp']);
    expect(index.match({ type: 'ipv6', value: '2001:db9::1' })).toEqual([]);
  });

  it('keeps IPv4 and IPv6 apart: 0.0.0.0/0 does not contain IPv6 addresses', () => {
    expect(index.match({ type: 'ipv6', value: '2001:db9::1' })).toEqual([]);
  });

  it('treats IPv4-mapped IPv6 as IPv4, for observables and for assets', () => {
    expect(owners(index.match({ type: 'ipv6', value: '::ffff:192.0.2.99' }))).toEqual(['customer']);
    const mapped = new AssetIndex([cidr('mapped', '::ffff:203.0.113.0/120'), cidr('all-v6', '::/0')]);
    expect(mapped.match({ type: 'ipv4', value: '203.0.113.9' })).toEqual([
      { organisationId: 'mapped', assetValue: '::ffff:203.0.113.0/120', kind: 'cidr', prefixLength: 120 },
    ]);
    // ::/0 contains ::ffff:0:0/96, hence every IPv4 address, as the least specific owner.
    expect(owners(mapped.match({ type: 'ipv4', value: '198.51.100.1' }))).toEqual(['all-v6']);
    expect(owners(mapped.match({ type: 'ipv4', value: '203.0.113.9' }, { all: true }))).toEqual(['mapped', 'all-v6']);
  });

  it('matches a CIDR observable only to assets containing the whole range', () => {
    expect(owners(index.match({ type: 'cidr', value: '192.0.2.128/25' }))).toEqual(['customer']);
    expect(owners(index.match({ type: 'cidr', value: '192.0.2.0/23' }))).toEqual(['isp']);
    expect(owners(index.match({ type: 'cidr', value: '192.0.0.0/16' }))).toEqual(['everyone-v4']);
    expect(owners(index.match({ type: 'cidr', value: '2001:db8:0:1::/64' }))).toEqual(['v6-customer']);
    expect(index.match({ type: 'cidr', value: '2001:db8::/31' })).toEqual([]);
  });

  it('normalises asset networks written with host bits and rejects invalid ones', () => {
    const idx = new AssetIndex([cidr('a', '10.1.2.3/8'), cidr('bad', '10.0.0.0/33'), cidr('bad', '999.1.1.1'), cidr('bad', '010.0.0.0/8')]);
    expect(idx.size).toBe(1);
    expect(idx.rejected.map((a) => a.value)).toEqual(['10.0.0.0/33', '999.1.1.1', '010.0.0.0/8']);
    expect(idx.match({ type: 'ipv4', value: '10.200.0.1' })[0]?.assetValue).toBe('10.0.0.0/8');
  });

  it('returns nothing for invalid or ambiguous queries and for hashes', () => {
    expect(index.match({ type: 'ipv4', value: '999.1.1.1' })).toEqual([]);
    expect(index.match({ type: 'ipv4', value: '010.0.2.1' })).toEqual([]);
    expect(index.match({ type: 'ipv4', value: '10.1' })).toEqual([]);
    expect(index.match({ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' })).toEqual([]);
  });
});

describe('AssetIndex: domains, URLs and e-mail addresses', () => {
  const index = new AssetIndex([
    domain('example', 'Example.ORG.'),
    domain('subsidiary', 'b.example.org'),
    domain('idn', 'bücher.de'),
    domain('registry', 'lu'),
    domain('wild', '*.wild.example.net'),
    cidr('hosting', '203.0.113.0/24'),
    cidr('hosting6', '2001:db8::/32'),
  ]);

  it('matches the closest registered parent', () => {
    expect(index.match({ type: 'domain', value: 'a.c.example.org' })).toEqual([
      { organisationId: 'example', assetValue: 'example.org', kind: 'domain' },
    ]);
    expect(owners(index.match({ type: 'domain', value: 'a.b.example.org' }))).toEqual(['subsidiary']);
    expect(owners(index.match({ type: 'domain', value: 'a.b.example.org' }, { all: true }))).toEqual(['subsidiary', 'example']);
    expect(owners(index.match({ type: 'domain', value: 'example.org' }))).toEqual(['example']);
    expect(index.match({ type: 'domain', value: 'notexample.org' })).toEqual([]);
  });

  it('ignores case, trailing dots and wildcards; matches IDN in Unicode or punycode; takes TLD assets', () => {
    expect(owners(index.match({ type: 'domain', value: 'WWW.EXAMPLE.ORG.' }))).toEqual(['example']);
    expect(owners(index.match({ type: 'domain', value: 'shop.xn--bcher-kva.de' }))).toEqual(['idn']);
    expect(owners(index.match({ type: 'domain', value: 'shop.BÜCHER.de' }))).toEqual(['idn']);
    expect(owners(index.match({ type: 'domain', value: 'gouvernement.lu' }))).toEqual(['registry']);
    expect(owners(index.match({ type: 'domain', value: 'x.wild.example.net' }))).toEqual(['wild']);
  });

  it('matches URLs by host (domain or IP) and e-mail addresses by domain', () => {
    expect(owners(index.match({ type: 'url', value: 'https://login.b.example.org/x?y=1' }))).toEqual(['subsidiary']);
    expect(owners(index.match({ type: 'url', value: 'http://203.0.113.5:8080/a' }))).toEqual(['hosting']);
    expect(owners(index.match({ type: 'url', value: 'http://[2001:db8::1]/' }))).toEqual(['hosting6']);
    expect(owners(index.match({ type: 'email', value: 'ceo@mail.example.org' }))).toEqual(['example']);
    expect(index.match({ type: 'url', value: 'not a url' })).toEqual([]);
  });
});

describe('AssetIndex: ASNs and products', () => {
  it('matches exactly, normalising AS prefixes, case and spaces', () => {
    const index = new AssetIndex([
      { organisationId: 'isp', kind: 'asn', value: 'AS64500' },
      { organisationId: 'bank', kind: 'product', value: 'Microsoft  Exchange Server' },
    ]);
    expect(index.match({ type: 'asn', value: '64500' })).toEqual([{ organisationId: 'isp', assetValue: 'AS64500', kind: 'asn' }]);
    expect(owners(index.match({ type: 'asn', value: 'as64500' }))).toEqual(['isp']);
    expect(owners(index.match({ type: 'product', value: 'microsoft exchange server' }))).toEqual(['bank']);
    expect(index.match({ type: 'product', value: 'exchange' })).toEqual([]);
  });
});

describe('AssetIndex: refresh', () => {
  it('adds and removes assets incrementally', () => {
    const index = new AssetIndex();
    expect(index.add(cidr('a', '10.0.0.0/8'))).toBe(true);
    expect(index.add(cidr('a', '10.0.0.0/8'))).toBe(true); // duplicate: no-op
    expect(index.add(cidr('b', '10.1.0.0/16'))).toBe(true);
    expect(index.add(domain('c', 'not a domain'))).toBe(false);
    expect(index.size).toBe(2);
    expect(owners(index.match({ type: 'ipv4', value: '10.1.2.3' }))).toEqual(['b']);
    expect(index.remove(cidr('b', '10.1.0.0/16'))).toBe(true);
    expect(index.remove(cidr('b', '10.1.0.0/16'))).toBe(false);
    expect(owners(index.match({ type: 'ipv4', value: '10.1.2.3' }))).toEqual(['a']);
    expect(index.size).toBe(1);
  });

  it('replaces all assets of one organisation', () => {
    const index = new AssetIndex([cidr('a', '10.0.0.0/8'), domain('a', 'a.example'), domain('b', 'b.example')]);
    const rejected = index.replaceOrganisation('a', [domain('a', 'new-a.example'), domain('b', 'stolen.example')]);
    expect(rejected).toEqual([domain('b', 'stolen.example')]);
    expect(index.match({ type: 'ipv4', value: '10.0.0.1' })).toEqual([]);
    expect(index.match({ type: 'domain', value: 'a.example' })).toEqual([]);
    expect(owners(index.match({ type: 'domain', value: 'x.new-a.example' }))).toEqual(['a']);
    expect(owners(index.match({ type: 'domain', value: 'b.example' }))).toEqual(['b']);
    expect(index.assetsOf('a')).toEqual([domain('a', 'new-a.example')]);
    expect(index.size).toBe(2);
  });
});

describe('AssetIndex: scale', () => {
  it('builds 100k prefixes + 100k domains quickly and answers lookups in microseconds', () => {
    let seed = 42;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const assets: Asset[] = [];
    for (let i = 0; i < 50_000; i++) {
      const r = rand();
      const len = 8 + (rand() % 25);
      assets.push(cidr(`o${i % 5000}`, `${r >>> 24}.${(r >>> 16) & 255}.${(r >>> 8) & 255}.${r & 255}/${len}`));
      const hex16 = (): string => (rand() & 0xffff).toString(16);
      assets.push(cidr(`o${i % 5000}`, `2001:${hex16()}:${hex16()}:${hex16()}::/${32 + (rand() % 33)}`));
      assets.push(domain(`o${i % 5000}`, `d${i}.example${i % 100}.org`));
      assets.push(domain(`o${i % 5000}`, `s${i}.constituent${i % 7}.fr`));
    }
    // CPU time of this process rather than wall time, so that other jobs on a shared CI machine
    // do not make the test flaky; typical figures are in bench/asset-matching.bench.ts.
    const cpuMs = (from: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(from);
      return (used.user + used.system) / 1000;
    };
    const c0 = process.cpuUsage();
    const index = new AssetIndex(assets);
    expect(cpuMs(c0)).toBeLessThan(2000);
    expect(index.rejected).toEqual([]);
    expect(index.size).toBeGreaterThan(199_900); // a few random prefixes collide

    const queries = Array.from({ length: 20_000 }, () => {
      const r = rand();
      return `${r >>> 24}.${(r >>> 16) & 255}.${(r >>> 8) & 255}.${r & 255}`;
    });
    const c1 = process.cpuUsage();
    let hits = 0;
    for (const value of queries) hits += index.match({ type: 'ipv4', value }).length > 0 ? 1 : 0;
    for (let i = 0; i < 20_000; i++) {
      hits += index.match({ type: 'domain', value: `www.d${i}.example${i % 100}.org` }).length > 0 ? 1 : 0;
    }
    expect(hits).toBeGreaterThan(20_000);
    expect((cpuMs(c1) * 1000) / 40_000).toBeLessThan(50); // µs per lookup, typically 1–3
  });
});
