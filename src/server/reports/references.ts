// Human references: TOC-2026-000123 for reports, TOC-INC-2026-000045 for incidents. One PostgreSQL sequence per
// prefix and year, so that two transactions never wait on each other for a reference. A transaction that rolls
// back after taking a number leaves a gap (TOC-2026-000124 may never exist): accepted, references need only be
// unique and increasing, not gap-free.
import type { Db } from '#server/db/client';
import { nextInSequence } from './references.repo';

export const REFERENCE_PREFIX = 'TOC';

export async function nextReference(tx: Db, kind: 'report' | 'incident', at: Date): Promise<string> {
  const [reference] = await nextReferences(tx, kind, [at]);
  if (!reference) throw new Error('no reference');
  return reference;
}

/** One reference per date of `dates` (the year of each), increasing in the order given; one query per year. */
export async function nextReferences(tx: Db, kind: 'report' | 'incident', dates: Date[]): Promise<string[]> {
  const scopeOf = (at: Date) => `${REFERENCE_PREFIX}${kind === 'incident' ? '-INC' : ''}-${at.getUTCFullYear()}`;
  const out: string[] = new Array<string>(dates.length);
  const byScope = new Map<string, number[]>();
  dates.forEach((at, i) => {
    const scope = scopeOf(at);
    byScope.set(scope, [...(byScope.get(scope) ?? []), i]);
  });
  for (const [scope, indexes] of byScope) {
    const values = await nextInSequence(tx, scope, indexes.length);
    indexes.forEach((i, n) => (out[i] = `${scope}-${String(values[n]).padStart(6, '0')}`));
  }
  return out;
}
