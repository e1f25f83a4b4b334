// The SQL of human references: one PostgreSQL sequence per prefix and year (reference_toc_2026,
// reference_toc_inc_2026), created on demand. `reference_counters` held the values before (migration 0011 turned
// each counter into a sequence starting after it) and is no longer written.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '#server/db/client';

/** The sequence of a scope such as "TOC-INC-2026": reference_toc_inc_2026. */
export function sequenceName(scope: string): string {
  if (!/^[A-Z]+(-[A-Z]+)*-\d{4}$/.test(scope)) throw new Error(`not a reference scope: ${scope}`);
  return `reference_${scope.toLowerCase().replaceAll('-', '_')}`;
}

/**
 * The next `count` values of the scope's sequence, in increasing order. Why a sequence: nextval never waits for
 * another transaction, where the counter row made every report and incident creation wait for the one before it
 * to commit. The price: a value taken by a transaction that rolls back is not given again (a reference number may
 * be skipped), which is acceptable for human references, as for any PostgreSQL sequence.
 */
export async function nextInSequence(tx: Db, scope: string, count = 1): Promise<number[]> {
  const name = sequenceName(scope);
  // nextval(null) is null: one round trip when the sequence exists, which is every time but the first of a year.
  const next = async () => {
    const rows = await queryRows<{ value: string | number | null }>(
      tx,
      sql`select nextval(to_regclass(${name})) as value from generate_series(1, ${count}::int)`,
    );
    if (rows.some((r) => r.value === null || r.value === undefined)) return null;
    return rows.map((r) => Number(r.value)).sort((a, b) => a - b);
  };
  const values = await next();
  if (values !== null) return values;
  await createSequence(tx, scope, name);
  const created = await next();
  if (created === null) throw new Error(`the reference sequence ${name} could not be created`);
  return created;
}

/**
 * Creates the scope's sequence, starting after a counter left from before sequences (if any). In a savepoint:
 * when another transaction creates the same sequence at the same moment (the first reference of a year, twice at
 * once), PostgreSQL refuses the second creation with a duplicate key; that is ignored and its sequence used.
 */
async function createSequence(tx: Db, scope: string, name: string): Promise<void> {
  const [counter] = await queryRows<{ value: number }>(tx, sql`select value from reference_counters where scope = ${scope}`);
  const start = Number(counter?.value ?? 0) + 1;
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(sql.raw(`create sequence if not exists ${name} start with ${start}`));
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code !== '23505' && code !== '42P07') throw err;
  }
}
