// Findings read in the reader's language: every code is worded in English and French with its parameters,
// plurals agree with their count, and the French screen shows no English sentence.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkRfc2350 } from '#shared/rfc2350/check';
import { finding, findingCodes } from '#shared/rfc2350/findings';
import { resources } from '#web/i18n/resources';
import { findingText } from './findings.format';

async function translator(lng: 'en' | 'fr') {
  const i = i18next.createInstance();
  await i.init({ lng, resources, interpolation: { escapeValue: false } });
  return i.t.bind(i);
}

describe('findingText', () => {
  it('words every finding code in English and French', () => {
    for (const code of findingCodes) {
      for (const table of [resources.en.translation, resources.fr.translation]) {
        const findings = table.team.findings as Record<string, string>;
        expect(
          Object.keys(findings).some((k) => k === code || k.startsWith(`${code}_`)),
          code,
        ).toBe(true);
      }
    }
  });

  it('puts the values of a finding into the French sentence', async () => {
    const t = await translator('fr');
    const f = finding('error', 'date-impossible', 'The date "31/02/2025" does not exist.', { line: 3 }, { date: '31/02/2025' });
    expect(findingText(t, f, 'fr')).toBe('La date « 31/02/2025 » n’existe pas.');
  });

  it('agrees plurals with their count in both languages', async () => {
    const en = await translator('en');
    const fr = await translator('fr');
    const stale = (n: number) => finding('warning', 'stale', 'x', {}, { date: '2020-01-01', count: n });
    expect(findingText(en, stale(1), 'en')).toBe('The document was last updated on 2020-01-01, 1 year ago.');
    expect(findingText(en, stale(3), 'en')).toBe('The document was last updated on 2020-01-01, 3 years ago.');
    expect(findingText(fr, stale(1), 'fr')).toBe('Le document a été mis à jour pour la dernière fois le 2020-01-01, il y a 1 an.');
    expect(findingText(fr, stale(3), 'fr')).toBe('Le document a été mis à jour pour la dernière fois le 2020-01-01, il y a 3 ans.');
  });

  it('names a missing section by its French title and variant', async () => {
    const fr = await translator('fr');
    const f = finding('info', 'missing-section', 'Section 2.3 (Time Zone) is empty.', {}, { section: '2.3', kind: 'empty' });
    expect(findingText(fr, f, 'fr')).toBe('La section 2.3 (Fuseau horaire) est vide.');
  });

  it('leaves no English in the French wording of what the checker finds in a document', async () => {
    const fr = await translator('fr');
    const text =
      '1.1 Date of Last Update\n\n31/02/2019, ../03/2025\n\n2.3 Time Zone\n\nCET and WIB\n\n2.7 E-mail\n\ncert (at) example (dot) org\n';
    const found = checkRfc2350(text, { now: new Date('2026-01-01T00:00:00Z') });
    expect(found.length).toBeGreaterThan(3);
    for (const f of found) {
      const worded = findingText(fr, f, 'fr');
      expect(worded, f.code).not.toBe(f.message);
      expect(worded, f.code).not.toMatch(/\{\{/);
    }
  });
});
