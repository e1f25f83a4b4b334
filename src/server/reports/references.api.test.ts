// Human references from one sequence per prefix and year: format, migration from the old counters, gaps after a
// rollback, and (on PostgreSQL) no wait between two transactions that each take a reference.
import { sql } from 'drizzle-orm';
import { testDb, type TestDatabase } from '#tests/helpers/test-db';
import { nextReference, nextReferences } from './references';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => db.destroy());

const year = (y: number) => new Date(Date.UTC(y, 5, 1));

describe('nextReference', () => {
  it('numbers reports and incidents apart, per year, in the TOC-2026-000123 / TOC-INC-2026-000045 format', async () => {
    expect(await nextReference(db.db, 'report', year(2040))).toBe('TOC-2040-000001');
    expect(await nextReference(db.db, 'report', year(2040))).toBe('TOC-2040-000002');
    expect(await nextReference(db.db, 'incident', year(2040))).toBe('TOC-INC-2040-000001');
    expect(await nextReference(db.db, 'report', year(2041))).toBe('TOC-2041-000001');
  });

  it('gives a batch its references in one query per year, increasing in the order asked', async () => {
    expect(await nextReferences(db.db, 'report', [year(2044), year(2045), year(2044), year(2044)])).toEqual([
      'TOC-2044-000001',
      'TOC-2045-000001',
      'TOC-2044-000002',
      'TOC-2044-000003',
    ]);
    expect(await nextReference(db.db, 'report', year(2044))).toBe('TOC-2044-000004');
  });

  it('goes on after a counter left from before sequences', async () => {
    await db.db.execute(sql`insert into reference_counters (scope, value) values ('TOC-2042', 41), ('TOC-INC-2042', 7)`);
    expect(await nextReference(db.db, 'report', year(2042))).toBe('TOC-2042-000042');
    expect(await nextReference(db.db, 'incident', year(2042))).toBe('TOC-INC-2042-000008');
  });

  it('skips the number a rolled-back transaction took', async () => {
    expect(await nextReference(db.db, 'report', year(2043))).toBe('TOC-2043-000001');
    await db.db
      .transaction(async (tx) => {
        expect(await nextReference(tx, 'report', year(2043))).toBe('TOC-2043-000002');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await nextReference(db.db, 'report', year(2043))).toBe('TOC-2043-000003');
  });

  it('lets a transaction take a reference while another one that took one is still open (PostgreSQL)', async () => {
    if (db.engine !== 'postgres') return; // PGlite has one connection: there is no concurrency to show
    await nextReference(db.db, 'report', year(2044)); // the sequence exists (the first of a year is below)
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let took!: (ref: string) => void;
    const firstTook = new Promise<string>((r) => (took = r));
    const first = db.db.transaction(async (tx) => {
      took(await nextReference(tx, 'report', year(2044)));
      await held;
    });
    const a = await firstTook;
    const second = db.db.transaction((tx) => nextReference(tx, 'report', year(2044)));
    const outcome = await Promise.race([second, new Promise<string>((r) => setTimeout(() => r('waited'), 2_000))]);
    release();
    await first;
    expect(outcome).toMatch(/^TOC-2044-\d{6}$/);
    expect(outcome).not.toBe(a);
  });

  it('two transactions that take the first reference of a year at once both get one, distinct (PostgreSQL)', async () => {
    if (db.engine !== 'postgres') return;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let took!: (ref: string) => void;
    const firstTook = new Promise<string>((r) => (took = r));
    const first = db.db.transaction(async (tx) => {
      took(await nextReference(tx, 'incident', year(2045)));
      await held;
    });
    const a = await firstTook;
    const second = db.db.transaction((tx) => nextReference(tx, 'incident', year(2045)));
    setTimeout(release, 200);
    const [, b] = await Promise.all([first, second]);
    expect(new Set([a, b]).size).toBe(2);
    expect([a, b].sort()).toEqual(['TOC-INC-2045-000001', 'TOC-INC-2045-000002']);
  });
});
