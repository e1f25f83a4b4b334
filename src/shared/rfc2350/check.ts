// The RFC 2350 checker: `checkRfc2350(text, { now })` is the importer's findings plus those that depend on
// the date: an expired document or key, a last update in the future, a document not updated for too long.
import { daysBetween } from './dates';
import { finding, sortFindings, type Finding } from './findings';
import { analyseRfc2350 } from './parse';

/** A description not updated for this long is flagged `stale` (RFC 2350 §3.1: outdated documents do harm). */
export const RFC2350_STALE_AFTER_DAYS = 730;

export interface CheckOptions {
  /** The reference instant; pass the request's clock, never read it here. */
  readonly now: Date;
}

/** Every finding for `text` as of `now`. Never throws on a string. */
export function checkRfc2350(text: string, options: CheckOptions): Finding[] {
  const { result, dated } = analyseRfc2350(text);
  const findings = [...result.findings];
  const now = options.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) return sortFindings(findings);
  for (const fact of dated) {
    const age = daysBetween(fact.iso, now);
    if (Number.isNaN(age)) continue;
    const at = { line: fact.line, section: fact.section };
    switch (fact.kind) {
      case 'expires':
        if (age > 0) findings.push(finding('error', 'expired', `The document expired on ${fact.iso}.`, at, { date: fact.iso }));
        break;
      case 'keyExpires':
        if (age > 0) findings.push(finding('warning', 'key-expired', `The PGP key expired on ${fact.iso}.`, at, { date: fact.iso }));
        break;
      case 'lastUpdated':
        if (age < 0)
          findings.push(
            finding('warning', 'date-in-future', `The date of last update, ${fact.iso}, is in the future.`, at, { date: fact.iso }),
          );
        else if (age > RFC2350_STALE_AFTER_DAYS) {
          const years = Math.floor(age / 365.25);
          findings.push(
            finding('warning', 'stale', `The document was last updated on ${fact.iso}, ${years} year${years === 1 ? '' : 's'} ago.`, at, {
              date: fact.iso,
              count: years,
            }),
          );
        }
        break;
    }
  }
  return sortFindings(findings);
}
