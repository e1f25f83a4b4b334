// What the RFC 2350 importer and checker report: the stable finding codes, the Finding and FoundSection
// contracts (zod + type of the same name) and the result of a parse.
import { z } from 'zod';
import { RFC2350_LONG_TEXT_MAX, RFC2350_SHORT_TEXT_MAX, type TeamProfileDraft } from './profile.schemas';

/** Every code a finding can carry. Codes are stable: the web translates them and tests pin them. */
export const findingCodes = [
  'empty-document',
  'not-text',
  'too-large',
  'parser-error',
  'missing-section',
  'section-number-mismatch',
  'fingerprint-invalid',
  'keyid-mismatch',
  'keyid-invalid',
  'date-unparseable',
  'date-impossible',
  'date-ambiguous',
  'date-placeholder',
  'expired',
  'key-expired',
  'stale',
  'date-in-future',
  'obfuscated-email',
  'no-tlp',
  'tlp-v1',
  'no-timezone',
  'timezone-unrecognised',
  'multiple-timezones',
  'no-email',
  'no-pgp-key',
] as const;

export const FindingCode = z.enum(findingCodes);
export type FindingCode = z.infer<typeof FindingCode>;
export const FindingSeverity = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/** Values a finding's message is made of, so that the web can word it in the reader's language. */
export const FindingParams = z.record(z.string().max(40), z.union([z.string().max(RFC2350_SHORT_TEXT_MAX), z.number()]));
export type FindingParams = z.infer<typeof FindingParams>;

export const Finding = z.strictObject({
  severity: FindingSeverity,
  code: FindingCode,
  /** English (the CLI prints it); the web words `team.findings.<code>` with `params` instead. */
  message: z.string().max(RFC2350_SHORT_TEXT_MAX * 2),
  /** The message's values (a date, an address, a count for plurals); `kind` picks a variant of the wording. */
  params: FindingParams.optional(),
  /** 1-based line in the submitted text. */
  line: z.number().int().min(1).optional(),
  /** RFC 2350 outline number the finding is about ("2.8"). */
  section: z.string().max(20).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const FoundSection = z.strictObject({
  /** The number as written, normalised ("1 . 1." → "1.1"); absent for an unnumbered heading. */
  number: z.string().max(20).optional(),
  title: z.string().max(RFC2350_SHORT_TEXT_MAX),
  /** The outline section it maps to, if any. */
  canonical: z.string().max(20).optional(),
  /** Outline sections this heading covers (its canonical one plus merged ones: "Telephone and Fax"). */
  covers: z.array(z.string().max(20)),
  mappedBy: z.enum(['number', 'title', 'none']),
  /** 1-based line of the heading. */
  line: z.number().int().min(1),
  /** 1-based last line of its body (= `line` when it has none). */
  endLine: z.number().int().min(1),
  /** Body text up to the next heading, dedented, without page furniture or armoured key blocks. */
  text: z.string().max(RFC2350_LONG_TEXT_MAX),
  empty: z.boolean(),
});
export type FoundSection = z.infer<typeof FoundSection>;

export interface ParseResult {
  profile: TeamProfileDraft;
  sections: FoundSection[];
  findings: Finding[];
}

export function finding(
  severity: FindingSeverity,
  code: FindingCode,
  message: string,
  at: { line?: number | undefined; section?: string | undefined } = {},
  params?: FindingParams,
): Finding {
  const out: Finding = { severity, code, message: message.slice(0, RFC2350_SHORT_TEXT_MAX * 2) };
  if (params !== undefined) {
    const bounded: FindingParams = {};
    for (const [k, v] of Object.entries(params)) bounded[k] = typeof v === 'string' ? v.slice(0, RFC2350_SHORT_TEXT_MAX) : v;
    out.params = bounded;
  }
  if (at.line !== undefined) out.line = at.line;
  if (at.section !== undefined) out.section = at.section;
  return out;
}

const severityRank: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** At most this many findings of one code are kept: a hostile input must not yield a million of them. */
export const MAX_FINDINGS_PER_CODE = 25;

/** Document order first (findings without a line last), then errors before warnings before infos; capped per code. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const perCode = new Map<FindingCode, number>();
  const kept = findings.filter((f) => {
    const n = (perCode.get(f.code) ?? 0) + 1;
    perCode.set(f.code, n);
    return n <= MAX_FINDINGS_PER_CODE;
  });
  return kept.sort(
    (a, b) =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || severityRank[a.severity] - severityRank[b.severity],
  );
}
