// Human references: TOC-2026-000123 for reports, TOC-INC-2026-000045 for incidents. One PostgreSQL sequence per
// prefix and year, so that two transactions never wait on each other for a reference. A transaction that rolls
// back after taking a number leaves a gap (TOC-2026-000124 may never exist): accepted, references need only be
// unique and increasing, not gap-free.
import type { Db } from '#server/db/client';
import { nextInSequence } from './references.repo';

export const REFERENCE_PREFIX = 'TOC';

export async function nextReference(tx: Db, kind: 'report' | 'incident', at: Date): Promise<string> {
  const scope = `${REFERENCE_PREFIX}${kind === 'incident' ? '-INC' : ''}-${at.getUTCFullYear()}`;
  const value = await nextInSequence(tx, scope);
  return `${scope}-${String(value).padStart(6, '0')}`;
}
