// The profile contract: what a draft and a full save accept, and that the outline follows RFC 2350 Appendix D
// with every listed field present in the schema.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rfc2350Sections, TeamProfile, TeamProfileDraft, RFC2350_SHORT_TEXT_MAX } from './profile.schemas';

const complete = {
  document: { version: '1.0', lastUpdated: '2026-07-06', locations: ['https://cert.example.org/rfc2350.txt'] },
  contact: {
    shortName: 'EX-CERT',
    fullName: 'Example CERT',
    timeZone: 'Europe/Paris',
    email: 'cert@example.org',
    publicKeys: [{ keyId: '319988F4', fingerprint: 'B8836E811C7F68AD3FA28C2D8AD66817319988F4' }],
    customerContact: { hours: '09:00-17:00 Monday to Friday', urgentSubjectTag: '[URGENT]' },
  },
  charter: { affiliations: ['FIRST', 'TF-CSIRT'] },
  policies: { tlpVersion: '2.0', responsibleDisclosure: { text: 'We coordinate.', gracePeriodDays: 90 } },
};

describe('TeamProfileDraft and TeamProfile', () => {
  it('accepts an empty draft and a complete profile', () => {
    expect(TeamProfileDraft.safeParse({}).success).toBe(true);
    expect(TeamProfile.safeParse(complete).success).toBe(true);
  });

  it('requires for a full save the last update, full name, e-mail and IANA time zone', () => {
    const { email: _email, ...noEmail } = complete.contact;
    expect(TeamProfile.safeParse({ ...complete, contact: noEmail }).success).toBe(false);
    expect(TeamProfileDraft.safeParse({ ...complete, contact: noEmail }).success).toBe(true);
    expect(TeamProfile.safeParse({ ...complete, contact: { ...complete.contact, timeZone: 'GMT+7' } }).success).toBe(false);
    expect(TeamProfile.safeParse({ ...complete, document: { version: '1.0' } }).success).toBe(false);
  });

  it('refuses in a full save a key ID that is not the fingerprint tail, and keeps it in a draft', () => {
    const keys = [{ keyId: 'DEADBEEF', fingerprint: 'B8836E811C7F68AD3FA28C2D8AD66817319988F4' }];
    expect(TeamProfile.safeParse({ ...complete, contact: { ...complete.contact, publicKeys: keys } }).success).toBe(false);
    expect(TeamProfileDraft.safeParse({ ...complete, contact: { ...complete.contact, publicKeys: keys } }).success).toBe(true);
  });

  it('bounds text, rejects unknown keys and non-web URLs', () => {
    const long = 'x'.repeat(RFC2350_SHORT_TEXT_MAX + 1);
    expect(TeamProfileDraft.safeParse({ contact: { fullName: long } }).success).toBe(false);
    expect(TeamProfileDraft.safeParse({ contact: { nickname: 'x' } }).success).toBe(false);
    expect(TeamProfileDraft.safeParse({ document: { locations: ['javascript:alert(1)'] } }).success).toBe(false);
    expect(TeamProfileDraft.safeParse({ document: { lastUpdated: '2023-02-30' } }).success).toBe(false);
  });
});

describe('rfc2350Sections', () => {
  it('follows Appendix D in order, with 1.4 from Appendix E', () => {
    expect(rfc2350Sections.map((s) => s.number)).toEqual([
      '1',
      '1.1',
      '1.2',
      '1.3',
      '1.4',
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
      '5.1.1',
      '5.1.2',
      '5.1.3',
      '5.2',
      '6',
      '7',
    ]);
    expect(rfc2350Sections.filter((s) => !s.required).map((s) => s.number)).toEqual(['1.4', '5.1.1', '5.1.2', '5.1.3']);
    expect(rfc2350Sections.find((s) => s.number === '2.8')?.titleEn).toBe('Public Keys and Encryption Information');
  });

  it('names only fields that exist in the profile schema', () => {
    const resolve = (path: string): boolean => {
      let schema: z.ZodType = TeamProfile;
      for (const part of path.split('.')) {
        while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
        if (!(schema instanceof z.ZodObject)) return false;
        const next = (schema.shape as Record<string, z.ZodType | undefined>)[part];
        if (!next) return false;
        schema = next;
      }
      return true;
    };
    for (const section of rfc2350Sections) for (const field of section.fields) expect(resolve(field), field).toBe(true);
  });
});
