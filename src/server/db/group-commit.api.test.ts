// Group commit on the real database: concurrent items share a transaction, each caller gets its own result once
// committed, and an item that fails is written alone again so that it fails alone.
import { sql } from 'drizzle-orm';
import { testDb, type TestDatabase } from '#tests/helpers/test-db';
import { queryRows, type Db } from './client';
import { GroupCommit } from './group-commit';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDb();
  await db.db.execute(sql`create table gc_items (name text primary key, tx bigint not null)`);
});
afterAll(() => db.destroy());

/** Inserts the names in one statement; each result is the id of the transaction that wrote it. */
async function write(tx: Db, names: string[]): Promise<number[]> {
  const rows = await queryRows<{ tx: string }>(
    tx,
    sql`insert into gc_items (name, tx) select n, txid_current() from jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) as n returning tx`,
  );
  return rows.map((r) => Number(r.tx));
}

const stored = async () => (await queryRows<{ name: string }>(db.db, sql`select name from gc_items order by name`)).map((r) => r.name);

beforeEach(() => db.db.execute(sql`truncate gc_items`));

describe('GroupCommit', () => {
  it('writes what arrives together in one transaction, and resolves each caller with its own result', async () => {
    const gc = new GroupCommit(db.db, { write, maxBatch: 50, concurrency: 1 });
    const names = Array.from({ length: 20 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    const txs = await Promise.all(names.map((n) => gc.submit(n)));
    expect(await stored()).toEqual(names);
    // Submitted in the same turn of the event loop: one batch, one transaction.
    expect(new Set(txs).size).toBe(1);
  });

  it('never puts more than maxBatch items in one transaction', async () => {
    const gc = new GroupCommit(db.db, { write, maxBatch: 4, concurrency: 1 });
    const txs = await Promise.all(Array.from({ length: 10 }, (_, i) => gc.submit(`n${i}`)));
    const perTx = new Map<number, number>();
    for (const t of txs) perTx.set(t, (perTx.get(t) ?? 0) + 1);
    expect([...perTx.values()].sort()).toEqual([2, 4, 4]);
    expect(await stored()).toHaveLength(10);
  });

  it('fails only the item at fault: the rest of its batch is committed', async () => {
    await db.db.execute(sql`insert into gc_items (name, tx) values ('taken', 0)`);
    const gc = new GroupCommit(db.db, { write, maxBatch: 50, concurrency: 1 });
    const results = await Promise.allSettled(['a', 'taken', 'b', 'c'].map((n) => gc.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const failure = results[1] as PromiseRejectedResult;
    expect(String((failure.reason as { cause?: unknown }).cause ?? failure.reason)).toMatch(/duplicate key/);
    expect(await stored()).toEqual(['a', 'b', 'c', 'taken']);
  });

  it('resolves nobody before the commit, and nobody at all when the commit fails', async () => {
    const gc = new GroupCommit(db.db, {
      write: async (tx: Db, names: string[]) => {
        const out = await write(tx, names);
        throw new Error(`refused after writing ${out.length}`);
      },
      maxBatch: 50,
      concurrency: 1,
    });
    const results = await Promise.allSettled(['x', 'y'].map((n) => gc.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('refused after writing 1'));
    expect(await stored()).toEqual([]);
  });

  it('treats a write that returns too few results as failed, and writes each item alone', async () => {
    const gc = new GroupCommit(db.db, { write: async () => [1], maxBatch: 50, concurrency: 1 });
    await expect(gc.submit('only')).resolves.toBe(1);
    const both = await Promise.allSettled([gc.submit('p'), gc.submit('q')]);
    // The batch of two fails; each alone then returns its one result.
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });
});
