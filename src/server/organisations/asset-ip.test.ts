// The allocation-free IP parsers accept exactly what observable extraction accepts (normalise.ts, which relies
// on ipaddr.js), with the same numeric result, on hand-picked edge cases and on generated text.
import fc from 'fast-check';
import { ipv4ToInt, parseIpv6, prefixLengthAt } from '#shared/observables/normalise';
import { parseIpv4, parseIpv6Words, parseNet, parsePrefixLength, WORDS } from './asset-ip';

/** The reference: normalise.ts's parsers, as the previous index used them. */
function referenceV6(text: string): number[] | null {
  const addr = parseIpv6(text);
  if (addr === null) return null;
  const p = addr.parts;
  return [0, 2, 4, 6].map((i) => (((p[i] ?? 0) << 16) | (p[i + 1] ?? 0)) >>> 0);
}

function fastV6(text: string): number[] | null {
  return parseIpv6Words(text, 0, text.length) ? [...WORDS] : null;
}

const EDGE_V6 = [
  '::',
  '::1',
  '1::',
  '1::2',
  '::ffff:192.0.2.1',
  '::192.0.2.1',
  '0::192.0.2.1',
  '1:2:3:4:5:6:192.0.2.1',
  '1:2:3:4:5:6:7:192.0.2.1',
  '::1:2:3:4:5:6:192.0.2.1',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1:2:3:4::5:6:7:8',
  '1::2::3',
  ':::1',
  ':1::2',
  '1::2:',
  '1:2:3:4:5:6:7:8:',
  '12345::1',
  '2001:DB8::A',
  '2001:0db8:0000:0001:0000:0000:0000:0006',
  'fe80::1%eth0',
  'fe80::1%',
  'fe80::1%e%0',
  'fe80::1%' + 'a'.repeat(64),
  'fe80::1%' + 'a'.repeat(65),
  '::ffff:010.0.0.1',
  '::ffff:1.2.3',
  '::ffff:1.2.3.4.5',
  '::ffff:256.1.1.1',
  '1.2.3.4',
  ':',
  '',
  'g::1',
  '1:2:3:4:5:6:7:8:9',
  '0000:0000:0000:0000:0000:0000:0000:0000',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

describe('parseIpv6Words', () => {
  it.each(EDGE_V6)('reads %j as normalise.parseIpv6 does', (text) => {
    expect(fastV6(text)).toEqual(referenceV6(text));
  });

  it('agrees with normalise.parseIpv6 on generated addresses and near-misses', () => {
    // Mostly well-formed (1-4 digits, octets up to 255), sometimes not, so that both answers are exercised.
    const group = fc.oneof(
      { weight: 9, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{1,4}$/) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{0,5}$/) },
    );
    const octet = fc.oneof({ weight: 9, arbitrary: fc.nat(255).map(String) }, { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{0,4}$/) });
    const quad = fc.array(octet, { minLength: 3, maxLength: 5 }).map((o) => o.join('.'));
    const address = fc
      .tuple(
        fc.array(group, { maxLength: 9 }),
        fc.array(group, { maxLength: 8 }),
        fc.nat(3),
        fc.boolean(),
        quad,
        fc.constantFrom('', '', '', '%eth0', '%', '%a.b-c_d'),
      )
      .map(([head, tail, shape, withQuad, q, zone]) => {
        const groups = shape === 0 ? [...head, ...tail].join(':') : `${head.join(':')}::${tail.join(':')}`;
        const text = withQuad ? `${groups}${groups.endsWith(':') ? '' : ':'}${q}` : groups;
        return text + zone;
      });
    fc.assert(
      fc.property(address, (text) => {
        expect(fastV6(text)).toEqual(referenceV6(text));
      }),
      { numRuns: 20_000 },
    );
    const noise = fc.stringMatching(/^[0-9a-fA-F:.%]{0,20}$/);
    fc.assert(
      fc.property(noise, (text) => {
        expect(fastV6(text)).toEqual(referenceV6(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('parseIpv4 and parsePrefixLength', () => {
  it('agree with normalise.ipv4ToInt and prefixLengthAt', () => {
    const text = fc.oneof(
      fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((o) => o.join('.')),
      fc.stringMatching(/^[0-9.]{0,16}$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseIpv4(t, 0, t.length)).toBe(ipv4ToInt(t, 0, t.length));
      }),
      { numRuns: 20_000 },
    );
    const withLength = fc.tuple(fc.constantFrom('1.2.3.4', '::'), fc.stringMatching(/^[0-9a]{0,4}$/), fc.boolean());
    fc.assert(
      fc.property(withLength, ([a, len, slash]) => {
        const t = slash ? `${a}/${len}` : a;
        const at = t.indexOf('/');
        for (const max of [32, 128]) expect(parsePrefixLength(t, at, t.length, max)).toBe(prefixLengthAt(t, at, max));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('parseNet', () => {
  const read = (t: string): [number, number, number[]] | null => {
    const r = parseNet(t, 0, t.length);
    return r < 0 ? null : [r >> 8, r & 255, r >> 8 === 4 ? [WORDS[0] ?? 0] : [...WORDS]];
  };

  it('reads addresses and networks of both families, IPv4-mapped IPv6 as IPv4', () => {
    expect(read('192.0.2.7')).toEqual([4, 32, [0xc0000207]]);
    expect(read('0.0.0.0/0')).toEqual([4, 0, [0]]);
    expect(read('255.255.255.255/32')).toEqual([4, 32, [0xffffffff]]);
    expect(read('2001:db8::/32')).toEqual([6, 32, [0x20010db8, 0, 0, 0]]);
    expect(read('::/0')).toEqual([6, 0, [0, 0, 0, 0]]);
    expect(read('::ffff:192.0.2.7')).toEqual([4, 32, [0xc0000207]]);
    expect(read('::ffff:c000:207/120')).toEqual([4, 24, [0xc0000207]]);
    expect(read('::ffff:0:0/95')).toEqual([6, 95, [0, 0, 0xffff, 0]]);
    expect(read('::ffff:0:0/96')).toEqual([4, 0, [0]]);
    expect(read('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128')).toEqual([6, 128, [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]]);
  });

  it('refuses what extraction refuses', () => {
    for (const t of ['10.1', '010.0.0.1', '1.2.3.4/33', '1.2.3.4/08', '1.2.3.4/', '::/129', '1.2.3.4/2:4', 'abc/2:', 'example.org', ''])
      expect(read(t)).toBeNull();
  });
});
