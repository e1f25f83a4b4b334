// Human references: TOC-2026-000123 for reports, TOC-INC-2026-000045 for incidents. One counter per
// prefix and year, incremented in the caller's transaction (gap-free unless that transaction rolls back).
import type { Db } from '#server/db/client';
import { incrementCounter } from './references.repo';

export const REFERENCE_PREFIX = 'TOC';

export async function nextReference(tx: Db, kind: 'report' | 'incident', at: Date): Promise<string> {
  const scope = `${REFERENCE_PREFIX}${kind === 'incident' ? '-INC' : ''}-${at.getUTCFullYear()}`;
  const value = await incrementCounter(tx, scope);
  return `${scope}-${String(value).padStart(6, '0')}`;
}
