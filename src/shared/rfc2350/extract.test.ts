// Values as teams write them: dates in several formats and languages, time zones in textual forms, and the
// Indonesian BSSN template's conventions (aliases, "ID :", bracketed e-mail, unmapped subsections).
import { describe, expect, it } from 'vitest';
import type { ParseResult } from './findings';
import { parseRfc2350 } from './parse';

const layout = (r: ParseResult): string[] => r.sections.map((s) => `${s.number ?? '-'}>${s.canonical ?? '-'}`);
const missing = (r: ParseResult): string[] => r.findings.filter((f) => f.code === 'missing-section').map((f) => f.section ?? '?');

describe('parseRfc2350 values as teams write them', () => {
  const lastUpdate = (written: string): string | undefined =>
    parseRfc2350(`1.1 Date of Last Update\n${written}`).profile.document?.lastUpdated;
  const zone = (written: string) => parseRfc2350(`2.3 Time Zone\n${written}`).profile.contact;

  it.each([
    ['2021-03-03', '2021-03-03'],
    ['Version 1.2, March 3, 2021', '2021-03-03'],
    ['3 March 2021', '2021-03-03'],
    ['03/03/2021', '2021-03-03'],
    ['3 Maret 2021', '2021-03-03'],
    ['01 Pebruari 2012', '2012-02-01'],
    ['3 mars 2021', '2021-03-03'],
    ['1er août 2021', '2021-08-01'],
    ['3. März 2021', '2021-03-03'],
    ['3 de marzo de 2021', '2021-03-03'],
    ['06.07.2029', '2029-07-06'],
    ['1997/03/31', '1997-03-31'],
  ])('reads the date %j', (written, iso) => {
    expect(lastUpdate(written)).toBe(iso);
  });

  it.each([
    ['Asia/Jakarta', 'Asia/Jakarta', undefined],
    ['GMT+7', 'Etc/GMT-7', '+07:00'],
    ['UTC+07:00', 'Etc/GMT-7', '+07:00'],
    ['WIB (GMT+7)', 'Asia/Jakarta', '+07:00'],
    ['CET/CEST', 'Europe/Brussels', '+01:00'],
    ['Central European Time', 'Europe/Brussels', undefined],
    ['Paris (UTC+1, UTC+2 in summer)', 'Europe/Paris', '+01:00'],
    ['UTC+1, UTC+2 in summer', undefined, '+01:00'],
    ['IST (UTC+05:30)', 'Asia/Kolkata', '+05:30'],
  ])('reads the time zone %j', (written, iana, offset) => {
    const c = zone(written);
    expect(c?.timeZoneText).toBe(written);
    expect(c?.timeZone).toBe(iana);
    expect(c?.utcOffset).toBe(offset);
  });

  it('reads the BSSN template: aliases, "ID :", bracketed e-mail, subsections of unmapped parents', () => {
    const doc = [
      '1. Informasi Mengenai Dokumen',
      '1.1. Tanggal Update Terakhir',
      'Versi 1.0 yang diterbitkan pada tanggal 24 Maret 2021.',
      '1.5. Identifikasi Dokumen',
      'Kadaluwarsa : Dokumen ini valid hingga dokumen terbaru dipublikasikan.',
      '2. Informasi Data/Kontak',
      '2.1. Nama Tim',
      'Computer Security Incident Response Team Kota X. Disingkat : X-CSIRT.',
      '2.7. Alamat Surat Elektronik (E-mail)',
      'csirt[at]x.go.id',
      '2.8. Kunci Publik (Public Key) dan Informasi/Data Enkripsi lain',
      'ID : 0x7B1A4B82D1C4F8A4',
      'Key Fingerprint : 57FA 4DD3 DD3D 165A DC7B 1A73 7B1A 4B82 D1C4 F8A4',
      '2.11. Catatan-catatan pada Kontak X-CSIRT',
      'Senin - Jumat pukul 08.00 – 16.00 WIB.',
      '5. Layanan',
      '5.1. Layanan Utama',
      '5.1.2. Penanggulangan dan Pemulihan Insiden Siber',
      'Ya.',
      '5.2. Layanan Tambahan',
      '5.2.1. Penanganan Kerawanan',
      'Ya.',
    ].join('\n');
    const r = parseRfc2350(doc);
    expect(layout(r)).toEqual([
      '1>1',
      '1.1>1.1',
      '1.5>-',
      '2>2',
      '2.1>2.1',
      '2.7>2.7',
      '2.8>2.8',
      '2.11>2.11',
      '5>5',
      '5.1>5.1',
      '5.1.2>5.1.2',
      '5.2>5.2',
      '5.2.1>-',
    ]);
    expect(r.profile.contact).toMatchObject({
      shortName: 'X-CSIRT',
      fullName: 'Computer Security Incident Response Team Kota X',
      email: 'csirt@x.go.id',
    });
    expect(r.profile.contact?.publicKeys).toEqual([{ keyId: '7B1A4B82D1C4F8A4', fingerprint: '57FA4DD3DD3D165ADC7B1A737B1A4B82D1C4F8A4' }]);
    expect(r.profile.contact?.customerContact?.hours).toBe('Senin - Jumat pukul 08.00 – 16.00 WIB.');
    expect(r.profile.document).toMatchObject({ version: '1.0', lastUpdated: '2021-03-24' });
    expect(r.profile.document?.expires).toBeUndefined();
    expect(missing(r)).not.toContain('5.2');
  });

  it('finds unnumbered subsections inside a numbered chapter', () => {
    const doc =
      '1. Document Information\nDate of last update:\n2023-05-08\n\n2. Contact Information\nTime zone\nVienna: CET/CEST\n\nE-mail\nteam@cert.example\n3. Charter\nNone.';
    const r = parseRfc2350(doc);
    expect(layout(r)).toEqual(['1>1', '->1.1', '2>2', '->2.3', '->2.7', '3>3']);
    expect(r.profile.contact).toMatchObject({ timeZone: 'Europe/Vienna', email: 'team@cert.example' });
  });

  it('reads a pasted gpg key listing and a telephone number with a trunk prefix', () => {
    const doc = [
      'Section 2.4: Telephone',
      '+49 (0)30 1234 5678',
      '2.8 Public keys',
      'pub   rsa4096 2020-01-01 [SC] [expires: 2025-01-01]',
      '      B8836E811C7F68AD3FA28C2D8AD66817319988F4',
      'uid           [ultimate] CERT-X <cert@x.org>',
    ].join('\n');
    const c = parseRfc2350(doc).profile.contact;
    expect(c?.telephone).toBe('+49 (0)30 1234 5678');
    expect(c?.publicKeys).toEqual([
      {
        keyId: '8AD66817319988F4',
        fingerprint: 'B8836E811C7F68AD3FA28C2D8AD66817319988F4',
        userIds: ['CERT-X <cert@x.org>'],
        expires: '2025-01-01',
      },
    ]);
  });
});
