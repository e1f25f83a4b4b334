// A finding in the reader's language: `team.findings.<code>` worded with the finding's parameters (a `kind`
// picks a variant, a `count` the plural); the section's title comes from the outline in that language.
import type { TFunction } from 'i18next';
import type { Finding } from '#shared/rfc2350/findings';
import { findRfc2350Section } from '#shared/rfc2350/profile.schemas';

export function findingText(t: TFunction, finding: Finding, language: string): string {
  const { kind, ...params } = finding.params ?? {};
  const values: Record<string, string | number> = { ...params };
  if (finding.code === 'missing-section' && typeof params.section === 'string') {
    const section = findRfc2350Section(params.section);
    if (section) values.title = language.startsWith('fr') ? section.titleFr : section.titleEn;
  }
  // Without parameters the finding keeps its general wording (older findings, or a parameter-less code).
  if (finding.params === undefined && /\{\{/.test(String(t(`team.findings.${finding.code}`, { defaultValue: '' })))) {
    return finding.message;
  }
  const options: Record<string, unknown> = { ...values, defaultValue: finding.message, interpolation: { escapeValue: false } };
  if (typeof kind === 'string') options.context = kind;
  return String(t(`team.findings.${finding.code}`, options));
}
