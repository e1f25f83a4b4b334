// Keyset paging: a list sorted on indexed keys of its own row is read page after page from where the previous
// page ended (its last row's sort key and id, sent back as an opaque cursor), never with OFFSET; its total is
// counted up to a cap, never in full. Repositories describe the sort (the same expressions as the index) and
// run the page queries; the SQL conditions, and the capped count, are built here.
import { and, count, eq, gt, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';
import { TOTAL_CAP } from '#shared/paging';

/** One sort key: the column or expression (as written in the index) and its direction. */
export interface SortKey {
  expr: AnyColumn | SQL;
  dir: 'asc' | 'desc';
  /** How the cursor keeps the value (the key's own SQL type). */
  type: 'text' | 'boolean' | 'timestamptz' | 'uuid';
}

export type KeyValue = string | boolean | null;

/** The ORDER BY of a sort (nulls last both ways, as the indexes are written: the keys are never null anyway). */
export const orderBy = (keys: SortKey[]): SQL[] =>
  keys.map((k) => (k.dir === 'asc' ? sql`${k.expr} asc nulls last` : sql`${k.expr} desc nulls last`));

/**
 * The rows after `values` in the order of `keys`, as disjoint ranges, each one an index range scan: the
 * first keeps every key but the last trailing run of equal direction, which is compared as a row; each next
 * range fixes one key fewer. Read in this order, they continue the list.
 */
export function rangesAfter(keys: SortKey[], values: KeyValue[]): SQL[] {
  const pairs = keys.map((key, i) => ({ key, value: values[i] ?? null }));
  const lastDir = keys.at(-1)?.dir;
  if (keys.length !== values.length || !lastDir) throw new Error('a cursor has one value per sort key');
  // The trailing run of keys with the same direction compares as one row: (a, b) < (x, y).
  let tail = pairs.length - 1;
  while (tail > 0 && pairs[tail - 1]?.key.dir === lastDir) tail--;
  const typed = (p: (typeof pairs)[number]) => sql`${p.value}::${sql.raw(p.key.type)}`;
  const equal = (n: number) => pairs.slice(0, n).map((p) => eq(p.key.expr as AnyColumn, typed(p)));
  const after = (p: (typeof pairs)[number]) => (p.key.dir === 'asc' ? gt : lt)(p.key.expr as AnyColumn, typed(p));
  const trailing = pairs.slice(tail);
  const row = (list: SQL[]) => sql.join(list, sql`, `);
  const rowAfter = sql`(${row(trailing.map((p) => sql`${p.key.expr}`))}) ${lastDir === 'asc' ? sql`>` : sql`<`} (${row(trailing.map(typed))})`;
  const ranges: (SQL | undefined)[] = [and(...equal(tail), trailing.length === 1 && trailing[0] ? after(trailing[0]) : rowAfter)];
  for (let i = tail - 1; i >= 0; i--) {
    const p = pairs[i];
    if (p) ranges.push(and(...equal(i), after(p)));
  }
  return ranges.filter((r): r is SQL => r !== undefined);
}

/**
 * The row's sort key values as JSON text, selected with the page (PostgreSQL writes timestamps with their
 * microseconds, which a JavaScript date would lose, and an infinite one as "infinity").
 */
export const cursorColumn = (keys: SortKey[]): SQL<string> =>
  sql<string>`json_build_array(${sql.join(
    keys.map((k) => sql`${k.expr}`),
    sql`, `,
  )})::text`;

/** The opaque cursor of a row: base64url of its sort key values (with the id last) from `cursorColumn`. */
export function encodeCursor(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** A cursor this list did not give (tampered, of another list, of an older sort): http/cursor.ts answers it with a 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this list gave');
    this.name = 'InvalidCursorError';
  }
}

const badCursor = () => new InvalidCursorError();

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The values of a cursor of this sort; throws InvalidCursorError for a cursor that is not one. */
export function decodeCursor(keys: SortKey[], cursor: string): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw badCursor();
  keys.forEach((k, i) => {
    const v: unknown = values[i];
    const ok =
      v === null
        ? i < keys.length - 1
        : k.type === 'boolean'
          ? typeof v === 'boolean'
          : typeof v === 'string' &&
            v.length <= 200 &&
            (k.type === 'timestamptz' ? TIMESTAMP.test(v) || v === 'infinity' : k.type === 'uuid' ? UUID.test(v) : true);
    if (!ok) throw badCursor();
  });
  return values as KeyValue[];
}

/**
 * Reads a page after `cursor`: the ranges one after the other until `limit + 1` rows (the extra one tells
 * whether there is a next page). `read(range, n)` runs the list's query restricted to `range`, at most `n` rows.
 */
export async function readPage<T>(
  keys: SortKey[],
  cursor: string | undefined,
  limit: number,
  read: (range: SQL | undefined, n: number) => Promise<T[]>,
): Promise<{ rows: T[]; more: boolean }> {
  const want = limit + 1;
  const rows: T[] = [];
  if (!cursor) rows.push(...(await read(undefined, want)));
  else {
    for (const range of rangesAfter(keys, decodeCursor(keys, cursor))) {
      rows.push(...(await read(range, want - rows.length)));
      if (rows.length >= want) break;
    }
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** The rows of `table` matching `where`, counted up to TOTAL_CAP + 1 (read on the index, never the whole table). */
export async function countUpToCap(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [counted] = await db.select({ n: count() }).from(
    db
      .select({ one: sql`1` })
      .from(table)
      .where(where)
      .limit(TOTAL_CAP + 1)
      .as('capped'),
  );
  return counted?.n ?? 0;
}

/** The total as the list tells it: exact up to TOTAL_CAP rows, else TOTAL_CAP and capped. */
export const cappedTotal = (n: number): { total: number; totalCapped: boolean } =>
  n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false };
