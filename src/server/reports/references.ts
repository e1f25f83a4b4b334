// Human references: TOC-2026-000123 for reports, TOC-INC-2026-000045 for incidents. One counter per
// prefix and year, incremented in the caller's transaction (gap-free unless that transaction rolls back).
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';

export const REFERENCE_PREFIX = 'TOC';

export async function nextReference(tx: Db, kind: 'report' | 'incident', at: Date): Promise<string> {
  const scope = `${REFERENCE_PREFIX}${kind === 'incident' ? '-INC' : ''}-${at.getUTCFullYear()}`;
  const [row] = await queryRows<{ value: number }>(
    tx,
    sql`insert into reference_counters (scope, value) values (${scope}, 1)
        on conflict (scope) do update set value = reference_counters.value + 1
        returning value`,
  );
  return `${scope}-${String(row?.value ?? 0).padStart(6, '0')}`;
}
