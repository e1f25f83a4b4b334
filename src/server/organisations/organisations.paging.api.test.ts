// The organisation list paged by cursor: by name, case-insensitively, across pages while organisations are
// added between requests (none repeated, none skipped), the capped total and bad cursors.
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { organisations } from './organisations.table';

let t: TestApp;
let analyst: Session;
beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
});
afterAll(() => t.close());

type Page = { items: { id: string; name: string }[]; nextCursor: string | null; total: number; totalCapped: boolean };
const page = async (query: string) => {
  const res = await t.app.inject({ url: `/api/organisations?${query}`, headers: analyst.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};
async function createOrg(name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: analyst.headers,
    payload: { name, kind: 'constituent' },
  });
  expect(res.statusCode).toBe(201);
}

describe('GET /api/organisations by cursor', () => {
  it('walks every page by name while organisations are added between requests: none repeated, none skipped', async () => {
    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'Foxtrot', 'golf']) await createOrg(name);
    const before = await page('limit=500');
    expect(before.items.map((o) => o.name)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'Foxtrot', 'golf']);
    const seen: string[] = [];
    let cursor: string | null = null;
    const arrivals = ['Aardvark', 'zulu', 'Echo bis', 'bravo bis', 'hotel', 'Yankee'];
    do {
      const p: Page = await page(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(2);
      seen.push(...p.items.map((o) => o.name));
      cursor = p.nextCursor;
      const next = arrivals.shift();
      if (next) await createOrg(next);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => before.items.some((o) => o.name === n))).toEqual(before.items.map((o) => o.name));
    expect([...seen].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))).toEqual(seen);
  });

  it('counts up to 1,000 and says when there are more', async () => {
    expect(await page('limit=1')).toMatchObject({ totalCapped: false });
    await t.db.db.insert(organisations).values(Array.from({ length: 1001 }, (_, i) => ({ name: `Bulk ${i}`, kind: 'other' as const })));
    const first = await page('limit=1');
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(await page('limit=1&kind=constituent')).toMatchObject({ totalCapped: false });
  });

  it('answers 400 problem+json naming the cursor for a cursor it did not give', async () => {
    for (const cursor of ['***', Buffer.from('["a"]').toString('base64url'), Buffer.from('["a", "not-a-uuid"]').toString('base64url')]) {
      const res = await t.app.inject({ url: `/api/organisations?cursor=${cursor}`, headers: analyst.headers });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ fields: [{ path: 'querystring.cursor' }] });
    }
  });
});
