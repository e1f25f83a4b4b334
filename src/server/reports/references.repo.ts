// The SQL of human references: one counter per prefix and year in `reference_counters`.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '#server/db/client';

/** Increments the counter of `scope` in the caller's transaction (creating it at 1) and returns its new value. */
export async function incrementCounter(tx: Db, scope: string): Promise<number> {
  const [row] = await queryRows<{ value: number }>(
    tx,
    sql`insert into reference_counters (scope, value) values (${scope}, 1)
        on conflict (scope) do update set value = reference_counters.value + 1
        returning value`,
  );
  return row?.value ?? 0;
}
