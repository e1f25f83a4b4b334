// Round trip: importing the document Tocsin publishes (the .txt and the .md, English and French) gives back the
// profile it was rendered from. A property over generated profiles, plus the cases the issue reported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRfc2350 } from './parse';
import type { TeamProfileDraft } from './profile.schemas';
import { renderMarkdown, renderText, type RenderContext } from './render';

// Made-up words: no month, city, time-zone, TLP, urgency or e-mail keyword can appear by chance.
const vocabulary = ['quorn', 'blaze', 'mirth', 'tandem', 'vellum', 'zephyr', 'nimbus', 'pixel', 'quartz', 'saffron', 'umber', 'walnut'];
const word = fc.constantFrom(...vocabulary);
const sentence = fc.array(word, { minLength: 2, maxLength: 9 }).map((w) => `${w.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
const shortText = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ').replace(/^./, (c) => c.toUpperCase()));
const longText = fc.oneof(
  paragraph,
  fc.array(paragraph, { minLength: 2, maxLength: 3 }).map((p) => p.join('\n\n')),
  fc.array(shortText, { minLength: 2, maxLength: 4 }).map((l) => l.map((x) => `- ${x}`).join('\n')),
);
const email = fc.tuple(word, word).map(([a, b]) => `${a}@${b}.example`);
const url = fc.tuple(word, word).map(([a, b]) => `https://${a}.example/${b}`);
const date = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2090, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
const hex = (n: number) => fc.array(fc.constantFrom(...'0123456789ABCDEF'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const phone = fc
  .tuple(
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 10, max: 999 }),
    fc.integer({ min: 1000, max: 9999 }),
    fc.integer({ min: 100, max: 999 }),
  )
  .map(([a, b, c, d]) => `+${a} ${b} ${c} ${d}`);
const key = fc
  .record(
    {
      fingerprint: hex(40),
      userIds: fc.uniqueArray(
        fc.tuple(shortText, email).map(([n, e]) => `${n} <${e}>`),
        { maxLength: 2 },
      ),
      url,
      expires: date,
    },
    { requiredKeys: ['fingerprint'] },
  )
  .map((k) => ({ keyId: k.fingerprint.slice(24), ...k }))
  .map((k) => (k.userIds?.length === 0 ? { ...k, userIds: undefined } : k));

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

// What a publication requires (`TeamProfile`): the date of last update, the full name, an e-mail, a time zone.
const profile: fc.Arbitrary<TeamProfileDraft> = fc
  .record({
    document: fc.record({
      version: opt(fc.tuple(fc.nat(9), fc.nat(20)).map(([a, b]) => `${a}.${b}`)),
      lastUpdated: date,
      expires: opt(date),
      distributionList: opt(fc.record({ emails: opt(fc.uniqueArray(email, { minLength: 1, maxLength: 2 })), description: opt(longText) })),
      locations: opt(fc.uniqueArray(url, { minLength: 1, maxLength: 3 })),
      locationsNote: opt(longText),
      authentication: opt(longText),
    }),
    contact: fc.record({
      shortName: opt(fc.tuple(word, fc.constantFrom('CERT', 'CSIRT', 'SIRT')).map(([w, t]) => `${w.toUpperCase()}-${t}`)),
      fullName: fc
        .tuple(shortText, fc.constantFrom('Computer Emergency Response Team', 'Security Incident Response Team'))
        .map(([a, b]) => `${a} ${b}`),
      address: opt(fc.array(shortText, { minLength: 1, maxLength: 4 }).map((l) => l.join('\n'))),
      timeZone: fc.constantFrom('Europe/Paris', 'Asia/Jakarta', 'America/Toronto', 'UTC', 'Europe/Brussels', 'Asia/Almaty'),
      timeZoneText: opt(fc.constantFrom('CET/CEST', 'WIB (GMT+7)', 'Eastern Time', 'Central European Time', 'UTC')),
      utcOffset: opt(fc.constantFrom('+01:00', '+07:00', '-05:00', '+00:00', '+05:30')),
      telephone: opt(phone),
      fax: opt(phone),
      otherTelecom: opt(longText),
      email,
      otherEmails: opt(fc.uniqueArray(email, { minLength: 1, maxLength: 3 })),
      publicKeys: opt(fc.uniqueArray(key, { minLength: 1, maxLength: 2, selector: (k) => k.fingerprint })),
      encryptionNotes: opt(longText),
      representative: opt(longText),
      otherInfo: opt(longText),
      customerContact: opt(
        fc.record({
          text: opt(longText),
          hours: opt(fc.constantFrom('Monday to Friday, 09:00 to 17:00', '24/7', '08:30-18:00 CET on working days')),
          emergencyProcedure: opt(longText),
          urgentSubjectTag: opt(fc.constantFrom('[URGENT]', '[EMERGENCY]', 'URGENT')),
        }),
      ),
    }),
    charter: fc.record({
      mission: opt(longText),
      constituency: opt(longText),
      sponsorship: opt(longText),
      affiliations: opt(fc.subarray(['FIRST', 'TF-CSIRT', 'Trusted Introducer'], { minLength: 1 })),
      authority: opt(longText),
    }),
    policies: fc.record({
      incidentTypes: opt(longText),
      cooperation: opt(longText),
      communication: opt(longText),
      tlpVersion: opt(fc.constantFrom('1.0', '2.0')),
      responsibleDisclosure: opt(fc.record({ text: longText, gracePeriodDays: opt(fc.integer({ min: 0, max: 365 })) })),
      other: opt(longText),
    }),
    services: fc.record({
      incidentResponse: opt(
        fc.record({ summary: opt(longText), triage: opt(longText), coordination: opt(longText), resolution: opt(longText) }),
      ),
      proactive: opt(longText),
    }),
    reportingForms: opt(longText),
    disclaimers: opt(longText),
  })
  .map((p) => (compact(p) ?? {}) as TeamProfileDraft);

/** Drop undefined members and objects left empty. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const c = compact(v);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

const ctx = (language: 'en' | 'fr'): RenderContext => ({
  language,
  publicUrl: 'https://cert.tocsin.example',
  key: null,
  publishedAt: new Date('2026-01-15T10:00:00Z'),
});

/** What the published document states beyond the profile: the default location and authentication, TLP:CLEAR. */
function expected(p: TeamProfileDraft, language: 'en' | 'fr'): unknown {
  const copy = structuredClone(p);
  copy.document ??= {};
  if (!copy.document.locations?.length) copy.document.locations = ['https://cert.tocsin.example/rfc2350.txt'];
  copy.document.authentication ??=
    language === 'fr'
      ? 'Ce document est signé avec la clé OpenPGP de l’équipe. La signature détachée se trouve à https://cert.tocsin.example/rfc2350.txt.asc.'
      : 'This document is signed with the team’s OpenPGP key. The detached signature is at https://cert.tocsin.example/rfc2350.txt.asc.';
  // The published header labels the document TLP:CLEAR, which is TLP 2.0.
  copy.policies ??= {};
  copy.policies.tlpVersion ??= '2.0';
  return compact(copy);
}

describe('importing what Tocsin publishes gives back the same profile', () => {
  for (const language of ['en', 'fr'] as const) {
    it(`round-trips generated profiles through the .txt (${language})`, () => {
      fc.assert(
        fc.property(profile, (p) => {
          expect(parseRfc2350(renderText(p, ctx(language))).profile).toEqual(expected(p, language));
        }),
        { numRuns: 100 },
      );
    }, 60_000);
    it(`round-trips generated profiles through the .md (${language})`, () => {
      fc.assert(
        fc.property(profile, (p) => {
          expect(parseRfc2350(renderMarkdown(p, ctx(language))).profile).toEqual(expected(p, language));
        }),
        { numRuns: 100 },
      );
    }, 60_000);
  }

  const reported: TeamProfileDraft = {
    document: { lastUpdated: '2026-01-10', version: '1.0' },
    contact: {
      shortName: 'EX-CERT',
      fullName: 'Example Computer Emergency Response Team',
      timeZone: 'Europe/Paris',
      timeZoneText: 'CET/CEST',
      utcOffset: '+01:00',
      email: 'cert@example.org',
      customerContact: { hours: 'Monday to Friday, 09:00 to 17:00' },
    },
  };

  it('keeps the full name from the .txt', () => {
    const back = parseRfc2350(renderText(reported, ctx('en')));
    expect(back.profile.contact?.fullName).toBe('Example Computer Emergency Response Team');
    expect(back.profile.contact?.shortName).toBe('EX-CERT');
  });

  it('reads one time zone from the .md and no bold label as a section', () => {
    const back = parseRfc2350(renderMarkdown(reported, ctx('en')));
    expect(back.profile.contact?.timeZone).toBe('Europe/Paris');
    expect(back.findings.map((f) => f.code)).not.toContain('multiple-timezones');
    // Only the document's title is an unnumbered heading: no "**Time zone:**" label became a section.
    expect(back.sections.filter((s) => s.number === undefined).map((s) => s.title)).toEqual([
      'RFC 2350 description of Example Computer Emergency Response Team (EX-CERT)',
    ]);
  });
});
