// The incident list paged by cursor: the order of the list (priority, due time of the first-action clock, newest)
// kept across pages while incidents arrive, the copy of the due time following the clock, bad cursors, the
// capped total, and the plan of a page (an index scan in the list's order, no sort of the table).
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { queryRows } from '#server/db/client';
import { incidents } from './incidents.table';
import { listPageQuery } from './incidents.repo';
import type { Viewer } from '#server/policy/visibility';
import type { Incident, IncidentSummary } from '#shared/incidents/incidents.schemas';

/** A Monday, 09:00 UTC, after today (sessions live in real time): within the team's hours, so due times differ. */
const nextMonday = () => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  d.setUTCHours(9, 0, 0, 0);
  return d.getTime();
};
let current = nextMonday();
const clock = { now: () => new Date(current) };

let t: TestApp;
let analyst: Session & { id: string };

type Page = { items: IncidentSummary[]; nextCursor: string | null; total: number; totalCapped: boolean };

const base = { title: 'Compromised web server', categoryClass: 'intrusions', categoryType: 'system-compromise', extent: 'single' };
const create = async (severity: string, title = base.title) => {
  const [impact, extent = 'single'] = severity.split('/');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: analyst.headers,
    payload: { ...base, title, impact, extent },
  });
  expect(res.statusCode).toBe(201);
  return res.json<Incident>();
};
const page = (query: string) => t.app.inject({ url: `/api/incidents?${query}`, headers: analyst.headers });
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: analyst.headers, payload });

/** The list's order as the user reads it: priority, then the earliest due time (none last), then the newest. */
function inOrder(a: IncidentSummary, b: IncidentSummary): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.dueAt !== b.dueAt) return a.dueAt === null ? false : b.dueAt === null ? true : a.dueAt < b.dueAt;
  return a.createdAt >= b.createdAt;
}

beforeAll(async () => {
  t = await testApp({ clock });
  analyst = await t.as('analyst');
  // Three priorities, several incidents created in the same millisecond (ties broken by id), clocks paused,
  // met and resumed, and a rescore that restarts the clock: the copy of the due time must follow each.
  const made: Incident[] = [];
  const severities = [
    'low',
    'medium',
    'high/many',
    'low',
    'medium',
    'critical/widespread',
    'high/many',
    'critical/widespread',
    'low',
    'medium',
  ];
  for (const [i, severity] of severities.entries()) {
    if (i % 3 === 0) current += 60_000;
    made.push(await create(severity, `Incident ${i}`));
  }
  current += 60_000;
  expect((await post(`/api/incidents/${made[0]?.id}/clocks/first-action/pause`, { reason: 'Waiting for logs' })).statusCode).toBe(200);
  expect((await post(`/api/incidents/${made[1]?.id}/clocks/first-action/pause`, { reason: 'Waiting for logs' })).statusCode).toBe(200);
  current += 60_000;
  expect((await post(`/api/incidents/${made[1]?.id}/clocks/first-action/resume`, {})).statusCode).toBe(200);
  const acted = await t.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${made[2]?.id}`,
    headers: analyst.headers,
    payload: { status: 'in-progress' },
  });
  expect(acted.statusCode).toBe(200);
  expect(
    (await post(`/api/incidents/${made[3]?.id}/rescore`, { impact: 'high', extent: 'single', reason: 'Worse than thought' })).statusCode,
  ).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/incidents by cursor', () => {
  it('walks every page in the list’s order while incidents arrive between requests: none repeated, none skipped', async () => {
    const before = (await page('limit=200')).json<Page>();
    expect(before.nextCursor).toBeNull();
    expect(before.totalCapped).toBe(false);
    expect(before.total).toBe(before.items.length);
    // The order follows the clocks as they are now (paused and met: no due time, last of their priority).
    before.items.forEach((item, i) => expect(i === 0 || inOrder(before.items[i - 1] ?? item, item), `${i}`).toBe(true));
    expect(before.items.filter((i) => i.dueAt === null)).toHaveLength(2);
    expect(new Set(before.items.map((i) => i.priority)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(before.items.map((i) => i.dueAt)).size).toBeGreaterThanOrEqual(6);

    const seen: IncidentSummary[] = [];
    let cursor: string | null = null;
    let arrivals = 0;
    do {
      const res = await page(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const p = res.json<Page>();
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items);
      cursor = p.nextCursor;
      // Arrivals between pages, some before the cursor (P1, P2 at the top) and some after it.
      current += 1000;
      await create(['critical/widespread', 'low', 'high/many', 'medium'][arrivals++ % 4] ?? 'low', `Arrival ${arrivals}`);
    } while (cursor);

    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const walked = ids.filter((id) => before.items.some((i) => i.id === id));
    expect(walked).toEqual(before.items.map((i) => i.id));
    seen.forEach((item, i) => expect(i === 0 || inOrder(seen[i - 1] ?? item, item), `${i}`).toBe(true));
  });

  it('keeps the filters across pages and ends with a null cursor', async () => {
    const all = (await page('limit=200&priority=P4')).json<Page>();
    expect(all.items.length).toBeGreaterThan(2);
    const first = (await page('limit=2&priority=P4')).json<Page>();
    expect(first.total).toBe(all.items.length);
    const rest: IncidentSummary[] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const p: Page = (await page(`limit=2&priority=P4&cursor=${cursor}`)).json<Page>();
      rest.push(...p.items);
      cursor = p.nextCursor;
    }
    expect(rest.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['not JSON', Buffer.from('{{{').toString('base64url')],
    ['of another shape', Buffer.from(JSON.stringify(['P1', null])).toString('base64url')],
    ['with a value of the wrong type', Buffer.from(JSON.stringify(['P1', 'tomorrow', '2026-11-23T08:00:00Z', 'x'])).toString('base64url')],
    ['of the organisation list', Buffer.from(JSON.stringify(['org a', '00000000-0000-4000-8000-000000000000'])).toString('base64url')],
  ])('answers 400 problem+json naming the cursor for a cursor %s', async (_what, cursor) => {
    const res = await page(`cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, fields: [{ path: 'querystring.cursor' }] });
  });

  it('caps the total at 1,000 and pages through many rows on the index (no sort of the table)', async () => {
    const now = new Date(current);
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      reference: `BULK-${String(i).padStart(5, '0')}`,
      title: `Bulk ${i}`,
      categoryClass: 'intrusions',
      categoryType: 'system-compromise',
      impact: 'low' as const,
      extent: 'single' as const,
      constituentCriticality: 'low' as const,
      score: 1,
      priority: (['P2', 'P3', 'P4'] as const)[i % 3] ?? 'P4',
      serviceLevel: 'coordination' as const,
      status: i % 2 ? ('closed' as const) : ('open' as const),
      createdAt: new Date(now.getTime() - i * 1000),
      updatedAt: now,
      nextDueAt: i % 2 ? null : new Date(now.getTime() + (i % 7) * 3_600_000),
    }));
    await t.db.db.insert(incidents).values(rows);
    await t.db.db.execute(sql`analyze incidents`);

    const first = (await page('limit=50')).json<Page>();
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.nextCursor).not.toBeNull();
    const open = (await page('limit=50&status=open&priority=P3')).json<Page>();
    expect(open.totalCapped).toBe(false);

    const viewer: Viewer = { kind: 'user', id: analyst.id, role: 'analyst', organisationId: null };
    const plan = async (filter: Parameters<typeof listPageQuery>[2]) => {
      const q = listPageQuery(t.db.db, viewer, filter, undefined, 51);
      const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(t.db.db, sql`explain (format json) ${q.getSQL()}`);
      return JSON.stringify(row?.['QUERY PLAN']);
    };
    for (const [filter, index] of [
      [{ limit: 50 }, 'incidents_list_idx'],
      [{ limit: 50, status: 'open' as const }, 'incidents_status_list_idx'],
    ] as const) {
      const text = await plan(filter);
      expect(text, text).toContain(`"Index Name":"${index}"`);
      expect(text, text).not.toContain('"Node Type":"Sort"');
      expect(text, text).not.toContain('"Node Type":"Incremental Sort"');
    }
  });
});
