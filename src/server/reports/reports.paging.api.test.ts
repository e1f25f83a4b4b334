// The triage queue paged by cursor: the queue's order (urgent, due time of the current clock, oldest) kept
// across pages while reports arrive, the copy of the due time following acknowledgement, pauses and resumes,
// bad cursors, and the plan of a page (an index scan in the queue's order, no sort of the table).
import { sql } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { queryRows } from '#server/db/client';
import type { Viewer } from '#server/policy/visibility';
import { listPageQuery } from './reports.repo';
import { reports } from './reports.table';
import { publicReport, settableClock } from './reports.test-helpers';
import type { ReportReceipt, ReportSummary } from '#shared/reports/reports.schemas';

// A Tuesday in the team's hours (Paris, 09:00–19:00 on weekdays): due times differ by when reports arrive.
const clock = settableClock('2026-11-24T08:00:00Z');
let t: TestApp;
let analyst: Session & { id: string };
const weekday = [{ start: '09:00', end: '19:00' }];
const hours = {
  timeZone: 'Europe/Paris',
  weekly: { '1': weekday, '2': weekday, '3': weekday, '4': weekday, '5': weekday, '6': [], '7': [] },
  holidays: { country: 'FR' },
  closures: [],
  emergency247: false,
};

type Page = { items: ReportSummary[]; nextCursor: string | null; total: number; totalCapped: boolean };

const tick = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
async function submit(title: string, urgent = false): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: publicReport({ title, urgent }) });
  expect(res.statusCode).toBe(201);
  return res.json<ReportReceipt>().id;
}
const page = (query: string) => t.app.inject({ url: `/api/reports?${query}`, headers: analyst.headers });
const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: analyst.headers, payload });

/** The queue's order as the user reads it: urgent first, then the earliest due time (none last), then the oldest. */
function inOrder(a: ReportSummary, b: ReportSummary): boolean {
  if (a.urgent !== b.urgent) return a.urgent;
  if (a.dueAt !== b.dueAt) return a.dueAt === null ? false : b.dueAt === null ? true : a.dueAt < b.dueAt;
  return a.createdAt <= b.createdAt;
}

beforeAll(async () => {
  t = await testApp({ clock, publicReportRateLimit: 10_000 });
  const lead = await t.as('lead');
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/team/profile',
    headers: lead.headers,
    payload: { baseVersion: 0, profile: {}, hours },
  });
  expect(res.statusCode).toBe(200);
  analyst = await t.as('analyst');
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    if (i % 3 === 0) tick(5);
    ids.push(await submit(`Report ${i}`, i % 4 === 3));
  }
  tick(10);
  // Acknowledged: the triage clock becomes the current one. Paused: no due time. Paused then resumed: later.
  expect((await post(`/api/reports/${ids[0]}/acknowledge`)).statusCode).toBe(200);
  expect((await post(`/api/reports/${ids[1]}/clocks/acknowledge/pause`, { reason: 'Waiting for the reporter' })).statusCode).toBe(200);
  expect((await post(`/api/reports/${ids[2]}/clocks/acknowledge/pause`, { reason: 'Waiting for the reporter' })).statusCode).toBe(200);
  tick(30);
  expect((await post(`/api/reports/${ids[2]}/clocks/acknowledge/resume`)).statusCode).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/reports by cursor', () => {
  it('walks every page in the queue’s order while reports arrive between requests: none repeated, none skipped', async () => {
    const before = (await page('limit=200')).json<Page>();
    expect(before).toMatchObject({ nextCursor: null, total: before.items.length, totalCapped: false });
    before.items.forEach((item, i) => expect(i === 0 || inOrder(before.items[i - 1] ?? item, item), `${i}`).toBe(true));
    expect(before.items.filter((r) => r.dueAt === null)).toHaveLength(1);
    expect(new Set(before.items.map((r) => r.dueAt)).size).toBeGreaterThanOrEqual(5);

    const seen: ReportSummary[] = [];
    let cursor: string | null = null;
    let arrivals = 0;
    do {
      const res = await page(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const p = res.json<Page>();
      seen.push(...p.items);
      cursor = p.nextCursor;
      // Arrivals between pages: urgent ones go to the top, others to the end of the queue.
      tick(1);
      await submit(`Arrival ${arrivals}`, arrivals++ % 2 === 0);
    } while (cursor);

    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => before.items.some((r) => r.id === id))).toEqual(before.items.map((r) => r.id));
    seen.forEach((item, i) => expect(i === 0 || inOrder(seen[i - 1] ?? item, item), `${i}`).toBe(true));
  });

  it('answers 400 problem+json naming the cursor for a cursor it did not give', async () => {
    for (const cursor of ['%%%', Buffer.from('[true]').toString('base64url'), Buffer.from('[1,2,3,4]').toString('base64url')]) {
      const res = await page(`cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json()).toMatchObject({ fields: [{ path: 'querystring.cursor' }] });
    }
  });

  it('reads a page of a large queue on the index, without sorting the table', async () => {
    const now = clock.now();
    await t.db.db.insert(reports).values(
      Array.from({ length: 1500 }, (_, i) => ({
        reference: `BULK-${String(i).padStart(5, '0')}`,
        channel: 'api' as const,
        title: `Bulk ${i}`,
        description: 'Bulk',
        urgent: i % 50 === 0,
        status: i % 3 ? ('closed' as const) : ('new' as const),
        trackingTokenHash: `bulk-${i}`,
        createdAt: new Date(now.getTime() - i * 60_000),
        nextDueAt: i % 3 ? null : new Date(now.getTime() + (i % 11) * 3_600_000),
      })),
    );
    await t.db.db.execute(sql`analyze reports`);
    expect((await page('limit=10')).json<Page>()).toMatchObject({ total: 1000, totalCapped: true });

    const viewer: Viewer = { kind: 'user', id: analyst.id, role: 'analyst', organisationId: null };
    for (const [filter, index] of [
      [{ limit: 50 }, 'reports_list_idx'],
      [{ limit: 50, status: 'new' as const }, 'reports_queue_idx'],
    ] as const) {
      const q = listPageQuery(t.db.db, viewer, filter, undefined, 51);
      const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(t.db.db, sql`explain (format json) ${q.getSQL()}`);
      const text = JSON.stringify(row?.['QUERY PLAN']);
      expect(text, text).toContain(`"Index Name":"${index}"`);
      expect(text, text).not.toContain('"Node Type":"Sort"');
      expect(text, text).not.toContain('"Node Type":"Incremental Sort"');
    }
  });
});
