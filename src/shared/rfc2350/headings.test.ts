// Heading recognition on layouts teams publish: numbering styles, Markdown, bold, all caps, trailing colons,
// other languages, unnumbered headings, tables of contents, page furniture and clear-signed documents.
import { describe, expect, it } from 'vitest';
import type { ParseResult } from './findings';
import { parseRfc2350 } from './parse';

const layout = (r: ParseResult): string[] => r.sections.map((s) => `${s.number ?? '-'}>${s.canonical ?? '-'}`);

describe('parseRfc2350 heading styles', () => {
  const sections = (text: string): string[] => layout(parseRfc2350(text));

  it('accepts numbered headings in the styles teams use', () => {
    const doc = [
      '1 . Informasi Dokumen',
      '',
      '1.1. DATE OF LAST UPDATE:',
      '3 Maret 2021',
      '',
      '**1.2 Distribution List for Notifications**',
      'None.',
      '',
      '## 2. Contact Information',
      '### 2.3 Time Zone',
      'WIB (GMT+7)',
      '2.4 Telephone Number: +62 21 555 1234',
      '**2.7** Electronic Mail Address',
      'a@b.id',
    ].join('\r\n');
    const r = parseRfc2350(doc);
    expect(layout(r)).toEqual(['1>1', '1.1>1.1', '1.2>1.2', '2>2', '2.3>2.3', '2.4>2.4', '2.7>2.7']);
    expect(r.profile.contact).toMatchObject({ timeZone: 'Asia/Jakarta', telephone: '+62 21 555 1234', email: 'a@b.id' });
    expect(r.profile.document?.lastUpdated).toBe('2021-03-03');
  });

  it('maps French and German headings by title', () => {
    expect(
      sections(
        '1. Informations sur le document\n1.1 Date de dernière mise à jour\n2.3 Fuseau horaire\n2.4 Téléphone\n2.7 Adresse électronique\n2.8 Clés publiques',
      ),
    ).toEqual(['1>1', '1.1>1.1', '2.3>2.3', '2.4>2.4', '2.7>2.7', '2.8>2.8']);
    expect(sections('1. Dokumentinformationen\n1.1 Letzte Aktualisierung\n2.3 Zeitzone\n2.7 E-Mail-Adresse')).toEqual([
      '1>1',
      '1.1>1.1',
      '2.3>2.3',
      '2.7>2.7',
    ]);
  });

  it('maps unnumbered headings by title in an unnumbered document', () => {
    expect(sections('ACME CSIRT\n\nDate of last update\n2021-03-03\n\nTIME ZONE:\nCET\n\nEmail address\nx@y.org')).toEqual([
      '->1.1',
      '->2.3',
      '->2.7',
    ]);
  });

  it('does not take numbered list items for headings', () => {
    const doc =
      '4.1 Types of Incidents and Level of Support\nWe handle:\n1. Phishing\n2. Malware\n3. Web defacement\n4.2 Co-operation\nYes.';
    expect(sections(doc)).toEqual(['4.1>4.1', '4.2>4.2']);
  });

  it('ignores a table of contents with leaders or page numbers, and page headers and footers', () => {
    const doc = [
      'Table of Contents',
      '1. Document Information ........ 2',
      '2.3 Time Zone   3',
      '',
      '\f',
      'ACME RFC 2350                Page 2',
      '1. Document Information',
      '1.1 Date of Last Update',
      '2021-03-03',
      '[Page 2]',
      '\f',
      'ACME RFC 2350                Page 3',
      '2.3 Time Zone',
      'CET',
    ].join('\n');
    const r = parseRfc2350(doc);
    expect(layout(r)).toEqual(['1>1', '1.1>1.1', '2.3>2.3']);
    expect(r.sections.find((s) => s.canonical === '1.1')?.text).toBe('2021-03-03');
  });

  it('ignores a table of contents whose entries reappear as headings', () => {
    const doc =
      'Contents\n\n1 Document Information\n1.1 Date of Last Update\n2.3 Time Zone\n\n1 Document Information\n1.1 Date of Last Update\nMarch 3, 2021\n2.3 Time Zone\nEurope/Paris';
    const r = parseRfc2350(doc);
    expect(r.sections.map((s) => s.line)).toEqual([7, 8, 10]);
    expect(r.profile.contact?.timeZone).toBe('Europe/Paris');
  });

  it('reads a clear-signed document and ignores its signature', () => {
    const doc =
      '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n1. Document Information\n1.1 Date of Last Update\n2022-01-01\n-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAd\n-----END PGP SIGNATURE-----';
    const r = parseRfc2350(doc);
    expect(layout(r)).toEqual(['1>1', '1.1>1.1']);
    expect(r.sections[1]?.text).toBe('2022-01-01');
  });
});
