// Forms real teams write that the reader must generalise to: labelled names on one line, dates that cannot
// exist or are placeholders, operating hours in several notations, a document whose line breaks were lost,
// obfuscated addresses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDates } from './dates';
import { findEmails, findHours, readTeamName } from './extract';
import { parseRfc2350 } from './parse';

describe('team names in 2.1', () => {
  it('splits "Short name: X / Full name: Y" written on one line', () => {
    expect(readTeamName('Short name: EX-CERT / Full name: Example Computer Emergency Response Team', '')).toEqual({
      shortName: 'EX-CERT',
      fullName: 'Example Computer Emergency Response Team',
    });
  });
  it('reads the labels on their own lines, in bold or in French', () => {
    expect(readTeamName('**Full name:** Équipe de réponse\n**Short name:** ER-CSIRT', '')).toEqual({
      shortName: 'ER-CSIRT',
      fullName: 'Équipe de réponse',
    });
    expect(readTeamName('Nom court : CERT-XY ; Nom complet : CERT de XY', '')).toEqual({ shortName: 'CERT-XY', fullName: 'CERT de XY' });
  });
});

describe('dates that cannot exist or are placeholders', () => {
  it('reports a five-digit year and 31 February as impossible', () => {
    expect(findDates('Last updated: 12025-01-10').map((h) => h.issue)).toEqual(['impossible']);
    expect(findDates('Last updated: 10/01/20251').map((h) => h.issue)).toEqual(['impossible']);
    expect(findDates('Last updated: 31/02/2025').map((h) => h.issue)).toEqual(['impossible']);
    expect(findDates('Last updated: 31 February 2025').map((h) => h.issue)).toEqual(['impossible']);
  });
  it('reports dots or blanks where the day is as a placeholder', () => {
    for (const text of [
      'Date: ../03/2025',
      'Date: __.__.2025',
      'Date: .. March 2025',
      'Date: 2025-..-..',
      'Date: DD/MM/YYYY',
      'Date:   /03/2025',
    ]) {
      expect(
        findDates(text).map((h) => h.issue),
        text,
      ).toEqual(['placeholder']);
    }
  });
  it('turns them into findings of the document', () => {
    const codes = parseRfc2350(
      '1. Document Information\n\n1.1 Date of Last Update\n\nThis is version 1.0, ../03/2025.\n\n2.1 Name of the Team\n\nX-CERT\n\n2.2 Address\n\nValid until 12025-01-01.\n',
    ).findings.map((f) => f.code);
    expect(codes).toContain('date-placeholder');
    expect(codes).toContain('date-impossible');
  });
});

describe('operating hours in the notations teams use', () => {
  const cases: [string, string][] = [
    ['Our hours are 07:00-22:00 CET, Monday to Friday.', '07:00-22:00'],
    ['We answer from 7am to 10pm on working days.', '7am to 10pm'],
    ['Permanence de 07h00 – 22h00 du lundi au vendredi.', '07h00 – 22h00'],
    ['Nous répondons de 9h à 18h, du lundi au vendredi (heure de Paris).', 'de 9h à 18h'],
    ['Monday to Friday, 9:00 to 17:00 (UTC+2).', '9:00 to 17:00 (UTC+2)'],
  ];
  for (const [text, part] of cases) {
    it(`reads "${part}"`, () => {
      expect(findHours(text)).toContain(part);
    });
  }
  it('keeps the days and the offset, and reads the offset as the time zone when 2.3 is silent', () => {
    const r = parseRfc2350(
      '1. Document Information\n\n1.1 Date of Last Update\n\n2025-01-10\n\n2. Contact Information\n\n2.1 Name of the Team\n\nX-CERT\n\n2.11 Points of Customer Contact\n\nMonday to Friday, 9:00 to 17:00 (UTC+2).\n',
    );
    expect(r.profile.contact?.customerContact?.hours).toBe('Monday to Friday, 9:00 to 17:00 (UTC+2).');
    expect(r.profile.contact?.utcOffset).toBe('+02:00');
  });
});

describe('a document whose line breaks were lost', () => {
  const oneLine = [
    '-----BEGIN PGP SIGNED MESSAGE----- Hash: SHA256',
    'RFC 2350 description for ZZ-CERT',
    '1. Document Information 1.1 Date of Last Update This is version 1.3 of 2025-04-02.',
    '1.2 Distribution List for Notifications There is no distribution list.',
    '2. Contact Information 2.1 Name of the Team ZZ-CERT: the Zedland Computer Emergency Response Team.',
    '2.2 Address Zedland Ministry, 1 Main Street, Zed City.',
    '2.3 Time Zone CET/CEST (UTC+1, UTC+2 in summer)',
    '2.4 Telephone Number +49 30 1234 5678',
    '2.5 Facsimile Number +49 30 1234 5679',
    '2.7 Electronic Mail Address cert [at] zz-cert [dot] example',
    '2.11 Points of Customer Contact E-mail is preferred. Monday to Friday, 08:00 to 18:00.',
    '3. Charter 3.1 Mission Statement We protect Zedland.',
    '-----BEGIN PGP SIGNATURE----- iQEzBAEBCAAdFiEE -----END PGP SIGNATURE-----',
  ].join(' ');
  const r = parseRfc2350(oneLine);

  it('still finds its sections', () => {
    expect(r.sections.map((s) => s.canonical)).toEqual(expect.arrayContaining(['1.1', '2.1', '2.3', '2.4', '2.5', '2.7', '2.11', '3.1']));
  });
  it('still yields its e-mail, telephone numbers, time zone and offset', () => {
    const c = r.profile.contact;
    expect(c?.email).toBe('cert@zz-cert.example');
    expect(c?.telephone).toBe('+49 30 1234 5678');
    expect(c?.fax).toBe('+49 30 1234 5679');
    expect(c?.utcOffset).toBe('+01:00');
    expect(c?.shortName).toBe('ZZ-CERT');
    expect(r.profile.document?.lastUpdated).toBe('2025-04-02');
  });
});

describe('obfuscated addresses', () => {
  it.each([
    ['Write to cert [at] example [dot] org.', 'cert@example.org'],
    ['Write to cert(at)example.org.', 'cert@example.org'],
    ['Write to cert (at) example (dot) co (dot) uk', 'cert@example.co.uk'],
    ['Write to cert{at}example{dot}org', 'cert@example.org'],
    ['Write to cert AT example DOT org', 'cert@example.org'],
  ])('reads %s', (text, email) => {
    expect(findEmails(text).map((h) => h.email)).toEqual([email]);
  });
});

describe('a real document with its line breaks lost reads like the original', () => {
  it.each(['csirt-ca-rfc2350.txt', 'example-xyz-cert-rfc2350-appendix-e.txt'])('%s', (name) => {
    const text = readFileSync(new URL(`../../../tests/fixtures/rfc2350/${name}`, import.meta.url), 'utf8');
    const original = parseRfc2350(text).profile.contact;
    const flat = parseRfc2350(text.replace(/\s+/g, ' ')).profile.contact;
    expect(flat?.email).toBe(original?.email);
    expect(flat?.telephone).toBe(original?.telephone);
    expect(flat?.timeZone).toBe(original?.timeZone);
    expect(flat?.utcOffset).toBe(original?.utcOffset);
  });
});
