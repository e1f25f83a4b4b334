// One or more cases per finding code of the RFC 2350 checker, on small hand-written documents.
import { describe, expect, it } from 'vitest';
import { checkRfc2350 } from './check';
import type { Finding } from './findings';
import { RFC2350_MAX_INPUT_CHARS } from './text';

const now = new Date('2026-11-22T12:00:00Z');
const check = (text: string, at: Date = now): Finding[] => checkRfc2350(text, { now: at });
const only = (text: string, code: string, at: Date = now): Finding[] => check(text, at).filter((f) => f.code === code);

/** A complete, valid document into which each case puts its defect. */
function doc(parts: Partial<Record<'update' | 'zone' | 'email' | 'keys' | 'policy' | 'extra', string>> = {}): string {
  return [
    '1. Document Information',
    '1.1 Date of Last Update',
    parts.update ?? 'Version 2.0, 2026-06-01.',
    '1.2 Distribution List for Notifications',
    'None.',
    '1.3 Locations where this Document May Be Found',
    'https://cert.example.org/rfc2350.txt',
    '1.4 Authenticating this Document',
    'Signed with our PGP key.',
    parts.extra ?? '',
    '2. Contact Information',
    '2.1 Name of the Team',
    'EX-CERT: Example Computer Emergency Response Team',
    '2.2 Address',
    'Example Street 1',
    '2.3 Time Zone',
    parts.zone ?? 'Europe/Paris',
    '2.4 Telephone Number',
    '+33 1 23 45 67 89',
    '2.5 Facsimile Number',
    'None.',
    '2.6 Other Telecommunication',
    'None.',
    '2.7 Electronic Mail Address',
    parts.email ?? 'cert@example.org',
    '2.8 Public Keys and Encryption Information',
    parts.keys ?? 'Key ID: 0x319988F4\nFingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4',
    '2.9 Team Members',
    'Anonymous.',
    '2.10 Other Information',
    'None.',
    '2.11 Points of Customer Contact',
    'E-mail, 09:00-17:00 Monday to Friday.',
    '3. Charter',
    '3.1 Mission Statement',
    'Help.',
    '3.2 Constituency',
    'Example.',
    '3.3 Sponsorship and/or Affiliation',
    'FIRST member.',
    '3.4 Authority',
    'Board.',
    '4. Policies',
    '4.1 Types of Incidents and Level of Support',
    'All.',
    '4.2 Co-operation, Interaction and Disclosure of Information',
    'Yes.',
    '4.3 Communication and Authentication',
    parts.policy ?? 'We apply TLP 2.0.',
    '5. Services',
    '5.1 Incident Response',
    'Yes.',
    '5.1.1 Incident Triage',
    'Yes.',
    '5.1.2 Incident Coordination',
    'Yes.',
    '5.1.3 Incident Resolution',
    'Yes.',
    '5.2 Proactive Activities',
    'Some.',
    '6. Incident Reporting Forms',
    'None.',
    '7. Disclaimers',
    'None.',
  ].join('\n');
}

describe('checkRfc2350', () => {
  it('finds nothing wrong in a complete document', () => {
    expect(check(doc())).toEqual([]);
  });

  it('empty-document: a single error for empty or whitespace-only input', () => {
    for (const text of ['', '   ', '\n\r\n\t \f']) {
      expect(check(text)).toEqual([{ severity: 'error', code: 'empty-document', message: 'The document is empty.' }]);
    }
  });

  it('not-text: a single error for NUL bytes, control characters or replacement characters', () => {
    for (const text of ['abc\u0000def', '\u0001\u0002\u0003\u0004 hello', '\ufffd\ufffd\ufffdtext\ufffd', '\x1b[1m\x07\x08\x0e\x0f\x10']) {
      const findings = check(text);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ severity: 'error', code: 'not-text' });
    }
  });

  it('too-large: reads only the head of an oversized input', () => {
    expect(only('a'.repeat(RFC2350_MAX_INPUT_CHARS + 1), 'too-large')).toHaveLength(1);
  });

  it('missing-section: names each absent section, a whole absent chapter once, and empty ones', () => {
    const text =
      '1. Document Information\n1.1 Date of Last Update\n2021-01-01\n1.2 Distribution List for Notifications\n\n1.3 Locations where this Document May Be Found\nhttps://x.org';
    const findings = only(text, 'missing-section');
    expect(findings.map((f) => f.section).sort()).toEqual(['1.2', '1.4', '2', '3', '4', '5', '6', '7']);
    expect(findings[0]).toMatchObject({ line: 4, severity: 'warning' });
    expect(findings[0]?.message).toBe('Section 1.2 (Distribution List for Notifications) is empty.');
    expect(findings.find((f) => f.section === '1.4')?.severity).toBe('info');
    expect(findings.find((f) => f.section === '3')?.message).toBe('Section 3 (Charter) is missing, with its subsections.');
  });

  it('section-number-mismatch: a heading whose title names another section', () => {
    const findings = only(doc({ extra: '1.5 Time Zone\nUTC' }), 'section-number-mismatch');
    expect(findings).toEqual([expect.objectContaining({ severity: 'info', section: '2.3', line: 10 })]);
  });

  it('fingerprint-invalid: says which look-alike letter sits at which position', () => {
    const findings = only(doc({ keys: 'Fingerprint: B883 6E8I 1C7F 68AD 3FA2 8C2D 8AD6 68l7 3I99 88F4' }), 'fingerprint-invalid');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', section: '2.8' });
    expect(findings[0]?.message).toContain("'I' at position 8 looks like '1'");
    expect(findings[0]?.message).toContain("'l' at position 31 looks like '1'");
    expect(findings[0]?.message).toContain("'I' at position 34 looks like '1'");
    expect(findings[0]?.message).toContain('probably B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4');
  });

  it('fingerprint-invalid: O for 0 and S for 5, with "0x" and without spaces', () => {
    const message = only(
      doc({
        keys: 'Fingerprint: 0x57FA4DD3DD3D16SADC7B1A737B1A4B82D1C4F8A4\nKey fingerprint = 57FA 4DD3 DD3D 165A DC7B 1A73 7B1A 4B82 D1C4 F8AO',
      }),
      'fingerprint-invalid',
    )
      .map((f) => f.message)
      .join('\n');
    expect(message).toContain("'S' at position 15 looks like '5'");
    expect(message).toContain("'O' at position 40 looks like '0'");
  });

  it('fingerprint-invalid: a wrong number of digits', () => {
    const [finding] = only(doc({ keys: 'Fingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F' }), 'fingerprint-invalid');
    expect(finding?.message).toContain('39 characters instead of 40');
  });

  it('keyid-mismatch: an 8- or 16-digit key ID that is not the fingerprint tail', () => {
    const fp = 'Fingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4';
    expect(only(doc({ keys: `Key ID: 0x319988F4\n${fp}` }), 'keyid-mismatch')).toEqual([]);
    expect(only(doc({ keys: `Key ID: 0x8AD66817319988F4\n${fp}` }), 'keyid-mismatch')).toEqual([]);
    const short = only(doc({ keys: `Key ID: 0x319988F5\n${fp}` }), 'keyid-mismatch');
    expect(short).toEqual([expect.objectContaining({ severity: 'error', section: '2.8' })]);
    expect(short[0]?.message).toContain('(0x319988F4)');
    expect(only(doc({ keys: `KeyID: 8AD6 6817 3199 88F5\n${fp}` }), 'keyid-mismatch')).toHaveLength(1);
  });

  it('keyid-invalid: a "Key ID" field that holds no key ID', () => {
    expect(
      only(doc({ keys: 'Key ID: our team key\nFingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4' }), 'keyid-invalid'),
    ).toHaveLength(1);
    expect(
      only(
        doc({ keys: 'Our key ID and fingerprint are below.\nFingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4' }),
        'keyid-invalid',
      ),
    ).toEqual([]);
  });

  it('date-unparseable: a date of last update nobody can read', () => {
    expect(only(doc({ update: 'Updated sometime last spring.' }), 'date-unparseable')).toEqual([
      expect.objectContaining({ section: '1.1', line: 2 }),
    ]);
  });

  it('date-impossible: days that do not exist', () => {
    for (const update of ['2023-02-30', '31.04.2020', '30 February 2021', '2021-13-01']) {
      expect(only(doc({ update }), 'date-impossible')).toEqual([expect.objectContaining({ severity: 'error', line: 3 })]);
    }
    expect(only(doc({ update: '2024-02-29' }), 'date-impossible')).toEqual([]);
  });

  it('date-ambiguous: 03/04/2021 is read day-first and flagged; 03/03/2021 and 13/04/2021 are not', () => {
    const [finding] = only(doc({ update: '03/04/2021' }), 'date-ambiguous');
    expect(finding?.message).toContain('2021-04-03 or 2021-03-04');
    expect(only(doc({ update: '03/03/2021' }), 'date-ambiguous')).toEqual([]);
    expect(only(doc({ update: '13/04/2021' }), 'date-ambiguous')).toEqual([]);
  });

  it('expired: the document past its stated expiry', () => {
    const text = doc({ extra: 'This document expires on 2026-10-01.' });
    expect(only(text, 'expired')).toEqual([expect.objectContaining({ severity: 'error', line: 10 })]);
    expect(only(text, 'expired', new Date('2026-09-30'))).toEqual([]);
  });

  it('key-expired: a key past its stated expiry, which is not the document expiring', () => {
    const text = doc({ keys: 'Fingerprint: B883 6E81 1C7F 68AD 3FA2 8C2D 8AD6 6817 3199 88F4\nValid until: 06.07.2026' });
    expect(only(text, 'key-expired')).toHaveLength(1);
    expect(only(text, 'expired')).toEqual([]);
  });

  it('stale and date-in-future: judged against the given now', () => {
    expect(only(doc({ update: '2020-01-01' }), 'stale')[0]?.message).toContain('6 years ago');
    expect(only(doc({ update: '2027-01-01' }), 'date-in-future')).toHaveLength(1);
    expect(only(doc({ update: '2027-01-01' }), 'date-in-future', new Date('2027-06-01'))).toEqual([]);
  });

  it('obfuscated-email: reads each form as the address and reports it', () => {
    for (const email of [
      'cert (at) example (dot) org',
      'cert[at]example[dot]org',
      'cert at example dot org',
      'cert{at}example{dot}org',
      'cert@example[.]org',
    ]) {
      const findings = only(doc({ email }), 'obfuscated-email');
      expect(findings).toHaveLength(1);
      expect(findings[0]?.message).toContain('read as cert@example.org');
    }
    expect(only(doc({ email: 'Write to cert@example.org or look at the site.' }), 'obfuscated-email')).toEqual([]);
  });

  it('no-tlp and tlp-v1', () => {
    expect(only(doc({ policy: 'We encrypt.' }), 'no-tlp')).toHaveLength(1);
    expect(only(doc({ policy: 'We use the Traffic Light Protocol.' }), 'no-tlp')).toEqual([]);
    expect(only(doc({ policy: 'Reports are TLP:WHITE by default.' }), 'tlp-v1')).toHaveLength(1);
  });

  it('no-timezone, timezone-unrecognised and multiple-timezones', () => {
    expect(only(doc().replace('2.3 Time Zone\nEurope/Paris', ''), 'no-timezone')).toHaveLength(1);
    expect(only(doc({ zone: 'Whenever we are awake' }), 'timezone-unrecognised')).toHaveLength(1);
    expect(only(doc({ zone: 'EST/EDT and PST/PDT' }), 'multiple-timezones')).toHaveLength(1);
    expect(only(doc({ zone: 'CET/CEST' }), 'multiple-timezones')).toEqual([]);
  });

  it('no-email and no-pgp-key', () => {
    expect(only(doc({ email: 'Use the web form.' }).replace(/cert@example\.org/g, ''), 'no-email')).toEqual([
      expect.objectContaining({ severity: 'error', section: '2.7' }),
    ]);
    expect(only(doc({ keys: 'We have none.' }), 'no-pgp-key')).toHaveLength(1);
    expect(only(doc({ keys: 'https://cert.example.org/pgp-key.asc' }), 'no-pgp-key')).toEqual([]);
  });

  it('caps the findings of one code', () => {
    expect(only('2.7 Electronic Mail Address\n' + 'x (at) y (dot) org\n'.repeat(200), 'obfuscated-email').length).toBeLessThanOrEqual(25);
  });
});
