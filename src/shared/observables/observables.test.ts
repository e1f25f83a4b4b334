// Behaviour of observable extraction and refanging on real-looking text (logs, phishing reports,
// defanged IOC lists, Markdown), the validation rules, limits, speed, and a fast-check fuzz test.
import fc from 'fast-check';
import { extractObservables, refang, type Observable, type ObservableType } from './observables';

const pairs = (text: string): [ObservableType, string][] => extractObservables(text).items.map((o) => [o.type, o.value]);
const values = (text: string, type: ObservableType): string[] =>
  extractObservables(text)
    .items.filter((o) => o.type === type)
    .map((o) => o.value);

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]com/a', 'http://evil.com/a'],
    ['hXXps://evil(.)com', 'https://evil.com'],
    ['HXXPS[://]evil{.}com', 'httpS://evil.com'],
    ['evil [.] example [dot] com', 'evil.example.com'],
    ['fxp://files[dot]bad(dot)ru', 'ftp://files.bad.ru'],
    ['hxxp[:]//192[.]0[.]2[.]1[:]8080/', 'http://192.0.2.1:8080/'],
    ['user[at]example[.]org, admin(at)example(.)org, root[@]example{dot}org', 'user@example.org, admin@example.org, root@example.org'],
    ['john [at] example [dot] org', 'john@example.org'],
    ['www dot evil dot example dot com', 'www.evil.example.com'],
    ['user[at]evil dot com', 'user@evil.com'],
  ])('refangs %j', (input, expected) => {
    expect(refang(input)).toBe(expected);
  });

  it.each([
    'the dot com era',
    'connect the dot to the line',
    'items = list[:]',
    'regex ^(.)$ and template ${.}',
    'nothing before: [.]com, nothing after: example[.]',
    'hxxp is how people write it',
  ])('leaves prose and code alone: %j', (input) => {
    expect(refang(input)).toBe(input);
  });
});

describe('extractObservables on real-looking text', () => {
  it('reads an sshd log line', () => {
    const line = 'Jan 12 10:22:33 fw01 sshd[1234]: Failed password for root from 203.0.113.5 port 52144 ssh2';
    expect(pairs(line)).toEqual([['ipv4', '203.0.113.5']]);
  });

  it('reads an Apache access log line without taking paths, versions or times for observables', () => {
    const line =
      '198.51.100.7 - - [12/Jan/2024:10:22:33 +0000] "GET /wp-login.php HTTP/1.1" 404 512 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"';
    expect(pairs(line)).toEqual([['ipv4', '198.51.100.7']]);
  });

  it('reads a key=value firewall log', () => {
    const line = 'date=2024-01-12 time=10:22:33 devname="FGT60F" srcip=10.1.2.3 srcport=51234 dstip=8.8.8.8 dstport=53 action="accept"';
    expect(pairs(line)).toEqual([
      ['ipv4', '10.1.2.3'],
      ['ipv4', '8.8.8.8'],
    ]);
  });

  it('reads a forwarded phishing report', () => {
    const report = [
      'Received: from mail.evil-host.example (mail.evil-host.example [203.0.113.66])',
      '\tby mx1.constituent.fr (Postfix) with ESMTPS id 4F2A1',
      'From: "PayPal Service" <service@paypa1-secure.com>',
      'Subject: Your account is limited',
      'Click here: https://paypa1-secure.com/login/verify.php?id=77&lang=fr.',
      'Attachment: invoice.pdf.exe (sha256 E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855)',
    ].join('\n');
    expect(pairs(report)).toEqual([
      ['domain', 'mail.evil-host.example'],
      ['ipv4', '203.0.113.66'],
      ['domain', 'mx1.constituent.fr'],
      ['email', 'service@paypa1-secure.com'],
      ['url', 'https://paypa1-secure.com/login/verify.php?id=77&lang=fr'],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ]);
  });

  it('reads a defanged IOC list and reports raw text, offsets and refanging', () => {
    const text = 'IOCs:\n- hxxps://login-micros0ft[.]com/owa\n- 45[.]137[.]21[.]9\n- evil[.]zip\n- bad(at)evil[.]com\n';
    const items = extractObservables(text).items;
    expect(items.map((o) => [o.type, o.value, o.raw, o.refanged])).toEqual([
      ['url', 'https://login-micros0ft.com/owa', 'hxxps://login-micros0ft[.]com/owa', true],
      ['ipv4', '45.137.21.9', '45[.]137[.]21[.]9', true],
      ['domain', 'evil.zip', 'evil[.]zip', true],
      ['email', 'bad@evil.com', 'bad(at)evil[.]com', true],
    ]);
    for (const o of items) expect(text.slice(o.index, o.index + o.raw.length)).toBe(o.raw);
  });

  it('reads Markdown: tables, code, emphasis and links', () => {
    const md = [
      '| Indicator | Type |',
      '|---|---|',
      '| `evil[.]com` | domain |',
      '| **198.51.100.23** | ip |',
      'See [the advisory](https://cert.example.org/adv/2024-001) and _phish.example.net_.',
    ].join('\n');
    expect(pairs(md)).toEqual([
      ['domain', 'evil.com'],
      ['ipv4', '198.51.100.23'],
      ['url', 'https://cert.example.org/adv/2024-001'],
      ['domain', 'phish.example.net'],
    ]);
  });

  it('deduplicates by (type, value), keeping the first occurrence', () => {
    const items = extractObservables('EVIL.com evil.com evil[.]com 10.0.0.1 10.0.0.1').items;
    expect(items.map((o) => [o.type, o.value, o.index])).toEqual([
      ['domain', 'evil.com', 0],
      ['ipv4', '10.0.0.1', 29],
    ]);
  });
});

describe('IP addresses and networks', () => {
  it('accepts dotted quads and refuses out-of-range, short, long and zero-padded forms', () => {
    expect(values('1.2.3.4 255.255.255.255 0.0.0.0', 'ipv4')).toEqual(['1.2.3.4', '255.255.255.255', '0.0.0.0']);
    expect(values('999.1.1.1 256.0.0.1 1.2.3 1.2.3.4.5 010.1.1.1 192.168.001.001 0x7f.0.0.1', 'ipv4')).toEqual([]);
  });

  it('strips ports, brackets and labels around addresses', () => {
    expect(values('192.0.2.10:8080 [192.0.2.11] IP:192.0.2.12 (192.0.2.13).', 'ipv4')).toEqual([
      '192.0.2.10',
      '192.0.2.11',
      '192.0.2.12',
      '192.0.2.13',
    ]);
    expect(values('range 192.0.2.1-192.0.2.9', 'ipv4')).toEqual(['192.0.2.1', '192.0.2.9']);
  });

  it('accepts IPv6 in full, compressed, mixed-case, zoned, bracketed and IPv4-mapped forms', () => {
    const text =
      '2001:0DB8:0000:0000:0000:0000:0000:0001 FE80::1%eth0 [2001:db8::2]:443 ::ffff:192.0.2.1 ::1 2001:db8:0:0:1:0:0:1 addr:2001:db8::3.';
    expect(values(text, 'ipv6')).toEqual([
      '2001:db8::1',
      'fe80::1',
      '2001:db8::2',
      '::ffff:192.0.2.1',
      '::1',
      '2001:db8::1:0:0:1',
      '2001:db8::3',
    ]);
  });

  it('refuses MAC addresses, times, "::" and malformed IPv6', () => {
    expect(values('00:1a:2b:3c:4d:5e 12:34:56 :: 1:2:3:4:5:6:7:8:9 1::2::3 ::ffff:999.1.1.1 std::string', 'ipv6')).toEqual([]);
  });

  it('normalises CIDRs to their network and refuses invalid prefix lengths', () => {
    expect(values('10.0.0.0/8 192.0.2.77/24 2001:db8::1/32 ::/0 0.0.0.0/0 198.51.100.7/32', 'cidr')).toEqual([
      '10.0.0.0/8',
      '192.0.2.0/24',
      '2001:db8::/32',
      '::/0',
      '0.0.0.0/0',
      '198.51.100.7/32',
    ]);
    expect(pairs('10.1.2.3/33 2001:db8::/129 1.2.3.4/08')).toEqual([]);
  });
});

describe('domains', () => {
  it('normalises case and trailing dots', () => {
    expect(values('EXAMPLE.ORG www.Example.com. mail.example.net', 'domain')).toEqual([
      'example.org',
      'www.example.com',
      'mail.example.net',
    ]);
  });

  it('converts IDN to punycode and validates punycode', () => {
    expect(values('bücher.de ПРИМЕР.РФ xn--e1afmkfd.xn--p1ai xn--zz.com', 'domain')).toEqual(['xn--bcher-kva.de', 'xn--e1afmkfd.xn--p1ai']);
  });

  it('refuses file names in prose unless defanged or www.', () => {
    const text = 'Open report.pdf, run invoice.exe with config.json, see vitest.config.ts and README.md, www.report.pdf';
    expect(values(text, 'domain')).toEqual(['www.report.pdf']);
    expect(values('the payload came from evil[.]zip and setup[.]exe', 'domain')).toEqual(['evil.zip', 'setup.exe']);
  });

  it('refuses capitalised TLDs (sentences without a space) and numeric or one-letter TLDs', () => {
    expect(values('Mr.Smith went home.Then left. e.g. i.e. v1.2.3 Node.JS example.c', 'domain')).toEqual([]);
  });

  it('keeps underscores of service names but strips Markdown emphasis', () => {
    expect(values('_dmarc.example.org _evil.example.com_', 'domain')).toEqual(['_dmarc.example.org', 'evil.example.com']);
  });

  it('takes a lone value as given: prose heuristics do not apply to a single token', () => {
    expect(pairs('report.pdf')).toEqual([['domain', 'report.pdf']]);
    expect(pairs(' Example.Org ')).toEqual([['domain', 'example.org']]);
  });
});

describe('e-mail addresses', () => {
  it('lowercases and does not list the domain again unless it appears alone', () => {
    expect(pairs('mailto:Alice.Smith+tag@Example.COM')).toEqual([['email', 'alice.smith+tag@example.com']]);
    expect(pairs('bob@example.net wrote about example.net')).toEqual([
      ['email', 'bob@example.net'],
      ['domain', 'example.net'],
    ]);
  });

  it('refuses addresses without a plausible domain', () => {
    expect(values('root@localhost user@host image001.png@01D8A1B2.C3D4E5F0 @handle', 'email')).toEqual([]);
  });
});

describe('URLs', () => {
  it('keeps path, query and fragment; normalises scheme and host only', () => {
    expect(values('HTTP://User:pw@EVIL.com:8443/A.php?x=1&Y=2#Frag', 'url')).toEqual(['http://User:pw@evil.com:8443/A.php?x=1&Y=2#Frag']);
  });

  it('drops trailing punctuation and unbalanced brackets, keeps balanced ones', () => {
    const text = '(see http://example.com/a). Wiki: https://en.example.org/wiki/Foo_(bar), <http://example.net/x>';
    expect(values(text, 'url')).toEqual(['http://example.com/a', 'https://en.example.org/wiki/Foo_(bar)', 'http://example.net/x']);
  });

  it('accepts IPv4, IPv6 and IDN hosts and does not list the host again', () => {
    expect(pairs('http://[2001:DB8::1]:8080/x http://192.0.2.1/a http://Bücher.de/x')).toEqual([
      ['url', 'http://[2001:db8::1]:8080/x'],
      ['url', 'http://192.0.2.1/a'],
      ['url', 'http://xn--bcher-kva.de/x'],
    ]);
  });

  it('refuses URLs with an invalid or single-label host', () => {
    expect(values('http://999.1.1.1/ http://localhost/ http:// https://exa_mple/', 'url')).toEqual([]);
  });
});

describe('hashes', () => {
  it('finds MD5, SHA-1 and SHA-256 of exact length, lowercased', () => {
    expect(
      pairs(
        'md5=D41D8CD98F00B204E9800998ECF8427E sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709 ' +
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ),
    ).toEqual([
      ['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ]);
  });

  it('needs non-hex characters on both sides and refuses other lengths and all-digit runs', () => {
    expect(values('xd41d8cd98f00b204e9800998ecf8427ez', 'md5')).toEqual(['d41d8cd98f00b204e9800998ecf8427e']);
    expect(pairs('d41d8cd98f00b204e9800998ecf8427ea 12345678901234567890123456789012 abcdef0123')).toEqual([]);
  });
});

describe('limits and speed', () => {
  it('bounds the output with max and says so', () => {
    const text = Array.from({ length: 50 }, (_, i) => `10.0.0.${i}`).join(' ');
    const r = extractObservables(text, { max: 10 });
    expect(r.items).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(r.items.at(-1)?.value).toBe('10.0.0.9');
    expect(extractObservables(text).truncated).toBe(false);
    expect(extractObservables(text, { max: 0 }).items).toEqual([]);
  });

  it('applies the default max of 10,000', () => {
    const text = Array.from({ length: 10_050 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join('\n');
    const r = extractObservables(text);
    expect(r.items).toHaveLength(10_000);
    expect(r.truncated).toBe(true);
  });

  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length));
  const line = 'Jan 12 10:22:33 fw01 sshd[1]: from 203.0.113.5 hxxp://evil[.]com/a?b=1 user@example.org d41d8cd98f00b204e9800998ecf8427e\n';
  it.each([
    ['log lines', fill(line)],
    ['distinct addresses', Array.from({ length: 80_000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`).join(' ')],
    ['"a" run', fill('a')],
    ['@ run', fill('a@')],
    ['defang markers', fill('a[.]')],
    ['dot chains', fill('a dot ')],
    ['colons', fill('1:')],
    ['hex just short of a hash', fill('d41d8cd98f00b204e9800998ecf8427 ')],
    ['unbalanced URL', `http://a.com/${')'.repeat(MB)}`],
  ])('handles 1 MB of %s in linear time', (_, text) => {
    // CPU time, not wall time, so that a busy CI machine does not make this flaky. Typically
    // 20–300 ms; a quadratic path would take minutes, so the bound only needs to be "under a second".
    const c0 = process.cpuUsage();
    extractObservables(text);
    const used = process.cpuUsage(c0);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe('fuzz (fast-check)', () => {
  const hex = fc.stringMatching(/^[0-9a-f]{32}$|^[0-9A-F]{40}$|^[0-9a-f]{64}$/);
  const fragment = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.ipV4(),
    fc.ipV6(),
    fc.domain(),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.emailAddress(),
    hex,
    fc.constantFrom('[.]', '(.)', '[dot]', ' dot ', '[at]', '[:]', 'hxxp://', 'hXXps[://]', '::', '/24', '%eth0', '.pdf', ':'),
  );
  const separator = fc.constantFrom(' ', '', '\n', ', ', '.', '/', ':', '@', '(', ')', '[', ']', '"', '_', '-');
  const text = fc.array(fc.tuple(fragment, separator), { maxLength: 12 }).map((xs) => xs.flat().join(''));

  const reextracts = (o: Observable): boolean => extractObservables(o.value).items.some((r) => r.type === o.type && r.value === o.value);

  it('never throws; raw text sits at index; every value re-extracts to itself', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { items } = extractObservables(input);
        const keys = new Set(items.map((o) => `${o.type} ${o.value}`));
        expect(keys.size).toBe(items.length);
        for (const o of items) {
          expect(input.slice(o.index, o.index + o.raw.length)).toBe(o.raw);
          expect(reextracts(o), `${o.type} ${o.value} from ${JSON.stringify(input)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('is idempotent under refang', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(refang(refang(input))).toBe(refang(input));
      }),
      { numRuns: 500 },
    );
  });
});
