// What the importer reads from each real RFC 2350 document of the corpus (tests/fixtures/rfc2350), and the
// real defects it reports in them. Heading styles are in headings.test.ts, value formats in extract.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRfc2350 } from './check';
import { Finding, FoundSection, type ParseResult } from './findings';
import { parseRfc2350 } from './parse';
import { TeamProfileDraft } from './profile.schemas';

const fixture = (name: string): string => readFileSync(new URL(`../../../tests/fixtures/rfc2350/${name}`, import.meta.url), 'utf8');
const codes = (r: ParseResult): string[] => r.findings.map((f) => f.code);
const missing = (r: ParseResult): string[] => r.findings.filter((f) => f.code === 'missing-section').map((f) => f.section ?? '?');
const layout = (r: ParseResult): string[] => r.sections.map((s) => `${s.number ?? '-'}>${s.canonical ?? '-'}`);
const outlineNumbers = (...extra: string[]): string[] => [
  '1',
  '1.1',
  '1.2',
  '1.3',
  ...extra,
  '2',
  '2.1',
  '2.2',
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7',
  '2.8',
  '2.9',
  '2.10',
  '2.11',
  '3',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '4',
  '4.1',
  '4.2',
  '4.3',
  '5',
  '5.1',
];

function expectWellFormed(r: ParseResult): void {
  expect(TeamProfileDraft.safeParse(r.profile).success).toBe(true);
  for (const f of r.findings) expect(Finding.safeParse(f).success).toBe(true);
  for (const s of r.sections) expect(FoundSection.safeParse(s).success).toBe(true);
  expect(codes(r)).not.toContain('parser-error');
}

describe('parseRfc2350 on CSIRT-CA (plain text, CRLF)', () => {
  const text = fixture('csirt-ca-rfc2350.txt');
  const r = parseRfc2350(text);

  it('is read with its CRLF line endings and yields a valid draft', () => {
    expect(text).toContain('\r\n');
    expectWellFormed(r);
  });

  it('finds every numbered section at its line, mapped by number', () => {
    expect(layout(r)).toEqual([...outlineNumbers('1.4'), '5.2', '6', '7'].map((n) => `${n}>${n}`));
    expect(r.sections.every((s) => s.mappedBy === 'number')).toBe(true);
    expect(r.sections.find((s) => s.canonical === '2.3')?.line).toBe(23);
  });

  it('reads the names, e-mail, time zone, key and hours', () => {
    const c = r.profile.contact;
    expect(c?.shortName).toBe('CSIRT-CA');
    expect(c?.fullName).toBe('Central Asian Computer Security Incident Response Team');
    expect(c?.email).toBe('info@csirt-ca.org');
    expect(c?.telephone).toBeUndefined();
    expect(c?.fax).toBeUndefined();
    expect(c?.timeZoneText).toBe('UTC+5');
    expect(c?.utcOffset).toBe('+05:00');
    expect(c?.timeZone).toBe('Etc/GMT-5');
    expect(c?.otherTelecom).toContain('Telegram: @csirt_ca');
    expect(c?.publicKeys).toEqual([
      {
        fingerprint: 'B8836E811C7F68AD3FA28C2D8AD66817319988F4',
        keyId: '8AD66817319988F4',
        userIds: ['CSIRT Central Asia info@csirt-ca.org'],
        expires: '2029-07-06',
        url: 'https://github.com/csirt-ca/public-keys/blob/main/pgp-key.asc',
      },
    ]);
    expect(c?.customerContact?.hours).toMatch(/"best effort" basis.*no guaranteed response times or fixed business hours/);
  });

  it('reads the document information and policies', () => {
    expect(r.profile.document).toMatchObject({
      version: '1.0',
      lastUpdated: '2026-07-06',
      locations: ['https://csirt-ca.org/rfc2350.txt'],
    });
    expect(r.profile.document?.expires).toBeUndefined();
    expect(r.profile.document?.authentication).toContain('https://csirt-ca.org/rfc2350.txt.sig');
    expect(r.profile.policies?.responsibleDisclosure?.text).toContain('Responsible Disclosure policy');
    expect(r.profile.charter?.constituency).toContain('Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, and Uzbekistan');
  });

  it('reports its real defects: a user ID in the "Key ID" field, no TLP, no 5.1.x subsections', () => {
    expect(r.findings.find((f) => f.code === 'keyid-invalid')).toMatchObject({ line: 41, section: '2.8', severity: 'warning' });
    expect(codes(r)).toContain('no-tlp');
    expect(missing(r)).toEqual(['5.1.1', '5.1.2', '5.1.3']);
    expect(codes(r)).not.toContain('fingerprint-invalid');
    expect(codes(r)).not.toContain('obfuscated-email');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('is dated in the future before July 2026, stale and with an expired key by 2030', () => {
    expect(checkRfc2350(text, { now: new Date('2026-01-01') }).map((f) => f.code)).toContain('date-in-future');
    const later = checkRfc2350(text, { now: new Date('2030-01-01') }).map((f) => f.code);
    expect(later).toEqual(expect.arrayContaining(['key-expired', 'stale']));
    expect(later).not.toContain('expired');
  });
});

describe('parseRfc2350 on the RFC 2350 Appendix E example (XYZ-CERT, indented plain text)', () => {
  const text = fixture('example-xyz-cert-rfc2350-appendix-e.txt');
  const r = parseRfc2350(text);

  it('finds the whole outline, the setext title aside', () => {
    expectWellFormed(r);
    expect(r.sections[0]).toMatchObject({ title: 'CSIRT Description for XYZ-CERT', mappedBy: 'none', empty: true });
    expect(layout(r).slice(1)).toEqual([...outlineNumbers('1.4'), '5.1.1', '5.1.2', '5.1.3', '5.2', '6', '7'].map((n) => `${n}>${n}`));
    expect(missing(r)).toEqual([]);
  });

  it('reads the contact details', () => {
    const c = r.profile.contact;
    expect(c).toMatchObject({
      shortName: 'XYZ-CERT',
      fullName: 'XYZ University Computer Emergency Response Team',
      email: 'xyz-cert@xyz-univ.ca',
      telephone: '+1 234 567 7890',
      fax: '+1 234 567 7899',
      timeZone: 'America/Toronto',
      utcOffset: '-05:00',
      timeZoneText: 'Canada/Eastern (GMT-0500, and GMT-0400 from April to October)',
    });
    expect(c?.address).toBe(
      'XYZ-CERT\nXYZ University, Computing Services Department\n12345 Rue Principale\nUniversityTown, Quebec\nCanada H0H 0H0',
    );
    expect(c?.customerContact).toMatchObject({
      hours:
        "The XYZ-CERT's hours of operation are generally restricted to regular business hours (09:00-17:00 Monday to Friday except holidays).",
      emergencyProcedure: 'If you require urgent assistance, put "urgent" in your subject line.',
      urgentSubjectTag: 'urgent',
    });
  });

  it('reads the document information and the distribution list', () => {
    expect(r.profile.document).toMatchObject({
      version: '1.01',
      lastUpdated: '1997-03-31',
      locations: ['http://www.xyz-univ.ca/xyz-cert/english/CSIRT-descr.txt', 'http://www.xyz-univ.ca/xyz-cert/francais/CSIRT-descr.txt'],
      distributionList: { emails: ['xyz-cert-info@xyz-univ.ca', 'xyz-cert-info-request@xyz-univ.ca'] },
    });
  });

  it('keeps the PGP 2.x key as written and says its 32-digit fingerprint is not a v4 one', () => {
    expect(r.profile.contact?.publicKeys).toEqual([{ keyId: '12345678', fingerprint: '11223344556677888877665544332211' }]);
    const bad = r.findings.find((f) => f.code === 'fingerprint-invalid');
    expect(bad).toMatchObject({ severity: 'error', line: 84, section: '2.8' });
    expect(bad?.message).toContain('32 digits');
    expect(codes(r)).not.toContain('keyid-mismatch');
  });

  it('has no TLP statement and, checked in 2026, is stale', () => {
    expect(codes(r)).toContain('no-tlp');
    expect(checkRfc2350(text, { now: new Date('2026-11-22') }).find((f) => f.code === 'stale')).toMatchObject({ line: 17, section: '1.1' });
  });
});

describe('parseRfc2350 on GitHub SIRT (Markdown with front matter)', () => {
  const text = fixture('github-sirt-rfc2350.md');
  const r = parseRfc2350(text);

  it('skips the front matter and finds the Markdown headings', () => {
    expectWellFormed(r);
    expect(layout(r)).toEqual([...outlineNumbers(), '5.1.1', '5.1.2', '5.1.3', '5.2', '6', '7'].map((n) => `${n}>${n}`));
    expect(r.sections[0]).toMatchObject({ line: 8, title: 'Document Information', text: 'TLP:CLEAR' });
    expect(missing(r)).toEqual(['1.4']);
    expect(r.findings.find((f) => f.code === 'missing-section')?.severity).toBe('info');
  });

  it('reads the obfuscated address and reports it', () => {
    expect(r.profile.contact?.email).toBe('security@github.com');
    const obfuscated = r.findings.filter((f) => f.code === 'obfuscated-email');
    expect(obfuscated).toHaveLength(1);
    expect(obfuscated[0]).toMatchObject({ line: 68, section: '2.7' });
    expect(obfuscated[0]?.message).toContain('security(at)github(dot)com');
  });

  it('reads the names, the four US time zones and the key given as a full fingerprint', () => {
    const c = r.profile.contact;
    expect(c).toMatchObject({ shortName: 'GitHub SIRT', fullName: 'GitHub Security Incident Response Team', timeZone: 'America/New_York' });
    expect(c?.telephone).toBeUndefined();
    expect(c?.customerContact?.hours).toBeUndefined();
    expect(r.findings.find((f) => f.code === 'multiple-timezones')?.message).toContain(
      'America/New_York, America/Chicago, America/Denver, America/Los_Angeles',
    );
    expect(c?.publicKeys).toEqual([
      { fingerprint: 'B0614CADF0EAF85433C715A508F419AA6FB92A90', keyId: '08F419AA6FB92A90', expires: '2027-12-18' },
    ]);
    expect(codes(r)).not.toContain('no-pgp-key');
  });

  it('states TLP 2.0 and its last update', () => {
    expect(codes(r)).not.toContain('no-tlp');
    expect(r.profile.policies?.tlpVersion).toBe('2.0');
    expect(r.profile.document).toMatchObject({ version: '1.02', lastUpdated: '2025-12-18' });
    expect(r.profile.services?.incidentResponse?.triage).toContain('Security signals are collected');
  });

  it('has an expired key once past 2027-12-18', () => {
    expect(checkRfc2350(text, { now: new Date('2026-11-22') }).map((f) => f.code)).not.toContain('key-expired');
    expect(checkRfc2350(text, { now: new Date('2028-01-01') }).find((f) => f.code === 'key-expired')?.message).toContain('2027-12-18');
  });
});

describe('parseRfc2350 on ID-CERT (Indonesian, truncated in the source)', () => {
  const text = fixture('id-cert-rfc2350-partial.txt');
  const r = parseRfc2350(text);

  it('finds the Indonesian headings it has', () => {
    expectWellFormed(r);
    expect(layout(r)).toEqual(['1>1', '1.1>1.1', '1.2>1.2', '1.3>1.3', '1.4>1.4', '2>2', '2.1>2.1']);
    expect(r.sections.at(-1)).toMatchObject({ title: 'Nama Tim', empty: true, line: 23 });
  });

  it('reads the Indonesian date, version and distribution list', () => {
    expect(r.profile.document).toMatchObject({
      version: '1.00',
      lastUpdated: '2012-02-01',
      distributionList: { emails: ['diskusi@cert.or.id', 'cert@cert.or.id'] },
    });
    expect(r.profile.document?.locationsNote).toContain('cert.or.id');
    expect(r.profile.contact?.shortName).toBe('ID-CERT');
    expect(r.profile.contact?.email).toBeUndefined();
  });

  it('reports the truncation: 2.1 empty, the rest of chapter 2 and chapters 3 to 7 missing', () => {
    expect(missing(r)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '3', '4', '5', '6', '7']);
    expect(r.findings.find((f) => f.section === '2.1')?.message).toContain('is empty');
    expect(codes(r)).toEqual(expect.arrayContaining(['no-timezone', 'no-pgp-key', 'no-tlp', 'no-email']));
    expect(r.findings.find((f) => f.code === 'no-email')?.severity).toBe('warning');
    expect(checkRfc2350(text, { now: new Date('2026-11-22') }).map((f) => f.code)).toContain('stale');
  });
});

describe('parseRfc2350 on JakartaProv-CSIRT (Indonesian BSSN numbering, Markdown)', () => {
  const text = fixture('jakartaprov-csirt-rfc2350.md');
  const r = parseRfc2350(text);

  it('maps the BSSN numbering onto the RFC outline by title', () => {
    expectWellFormed(r);
    expect(layout(r)).toEqual([
      '->-',
      '1>1',
      '1.1>1.1',
      '1.2>1.2',
      '1.3>1.3',
      '1.4>1.4',
      '2>2',
      '2.1>2.1',
      '2.2>2.2',
      '2.3>2.3',
      '2.4>2.4',
      '2.5>2.7',
      '2.6>2.8',
      '2.7>2.9',
      '2.8>2.11',
      '3>3',
      '3.1>-',
      '3.2>3.1',
      '3.3>3.2',
      '3.4>3.3',
      '3.5>3.4',
      '4>4',
      '4.1>4.1',
      '4.2>4.2',
      '4.3>4.3',
      '5>5',
      '5.1>5.1',
      '5.2>5.2',
      '5.3>-',
      '5.4>-',
      '6>6',
      '7>7',
    ]);
    expect(r.sections.find((s) => s.number === '2.4')?.covers).toEqual(['2.4', '2.5']);
    expect(r.findings.filter((f) => f.code === 'section-number-mismatch').map((f) => f.section)).toEqual([
      '2.7',
      '2.8',
      '2.9',
      '2.11',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ]);
    expect(r.profile.extraSections?.map((e) => e.title)).toEqual([
      'RFC 2350 JakartaProv-CSIRT',
      'Informasi Mengenai Dokumen',
      'Visi',
      'Diseminasi Informasi',
      'Fungsi Utama',
    ]);
    expect(r.profile.charter?.mission).toContain('Mengkoordinasikan penanganan insiden');
  });

  it('reads names, e-mail, telephone, time zone, key and office hours', () => {
    const c = r.profile.contact;
    expect(c).toMatchObject({
      shortName: 'JakartaProv-CSIRT',
      fullName: 'Tim Tanggap Insiden Siber (Computer Security Incident Response Team) Provinsi DKI Jakarta',
      email: 'csirt@jakarta.go.id',
      telephone: '(021) 3823253',
      timeZone: 'Asia/Jakarta',
      utcOffset: '+07:00',
      timeZoneText: 'Jakarta (GMT+07:00).',
    });
    expect(c?.publicKeys).toEqual([{ fingerprint: '57FA4DD3DD3D165ADC7B1A737B1A4B82D1C4F8A4', keyId: '7B1A4B82D1C4F8A4' }]);
    expect(c?.customerContact?.hours).toContain('pukul 07.30-16.00 Senin-Kamis dan 07.30-16.30 Jumat');
    expect(r.profile.document).toMatchObject({ version: '1.2', lastUpdated: '2025-09-30' });
  });

  it('reports what is really missing: 2.6, 2.10, the 5.1.x subsections and any TLP statement', () => {
    expect(missing(r)).toEqual(['2.6', '2.10', '5.1.1', '5.1.2', '5.1.3']);
    expect(codes(r)).toContain('no-tlp');
    expect(codes(r)).not.toContain('keyid-mismatch');
    expect(codes(r)).not.toContain('no-timezone');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
