// The cached lists through HTTP on a real database: an identical request costs no query, and nothing a viewer
// could read later is served from before a change, whoever made it (the API, a hand-written SQL statement, the
// clock passing a due time, another instance on the same PostgreSQL database), or to another viewer.
import { sql } from 'drizzle-orm';
import { testEngine } from '#tests/helpers/global-setup';
import { secondInstance, traced, testApp, type SecondInstance, type TestApp, type Session } from '#tests/helpers/test-app';
import { publicReport, settableClock } from '#server/reports/reports.test-helpers';
import type { Incident, IncidentSummary } from '#shared/incidents/incidents.schemas';
import type { ReportReceipt, ReportSummary } from '#shared/reports/reports.schemas';

const clock = settableClock('2026-11-23T08:00:00Z');
let t: TestApp;
let alice: Session & { id: string };
let bob: Session & { id: string };

beforeAll(async () => {
  t = await testApp({ clock });
  alice = await t.as('analyst');
  bob = await t.as('analyst');
});
afterAll(() => t.close());

const listOf = async (s: Session, app = t.app, url = '/api/incidents?q=cache-test') => {
  const res = await app.inject({ url, headers: s.headers });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: IncidentSummary[] }>().items;
};

async function createIncident(s: Session, extra: Record<string, unknown> = {}): Promise<Incident> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/incidents',
    headers: s.headers,
    payload: {
      title: 'cache-test web server',
      categoryClass: 'intrusions',
      categoryType: 'system-compromise',
      impact: 'medium',
      extent: 'single',
      ...extra,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<Incident>();
}

describe('cached lists', () => {
  it('answers an identical request again without a query, with the same bytes', async () => {
    await createIncident(alice);
    const first = await traced(t.app, { url: '/api/incidents?q=cache-test', headers: alice.headers });
    expect(first.queries.some((q) => /from "incidents"/.test(q))).toBe(true);
    const again = await traced(t.app, { url: '/api/incidents?q=cache-test', headers: alice.headers });
    expect(again.res.statusCode).toBe(200);
    expect(again.res.headers['content-type']).toMatch(/^application\/json/);
    expect(again.res.body).toBe(first.res.body);
    expect(again.queries.filter((q) => /"incidents"|"reports"|"organisations"/.test(q))).toEqual([]);
    // Another query string is another answer.
    const other = await traced(t.app, { url: '/api/incidents?q=cache-test&limit=5', headers: alice.headers });
    expect(other.queries.some((q) => /from "incidents"/.test(q))).toBe(true);
  });

  it('sends the whole answer compressed over a real connection, read or held', async () => {
    // Enough incidents for an answer that is compressed by a stream rather than at once.
    for (let i = 0; i < 40; i++) await createIncident(alice, { title: `cache-test compressed ${i}` });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 2; i++) {
      // fetch asks for gzip, deflate, br and unpacks the answer.
      const res = await fetch(`${address}/api/incidents?q=cache-test&limit=50`, { headers: alice.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toMatch(/gzip|br|deflate/);
      const body = (await res.json()) as { items: IncidentSummary[] };
      expect(body.items.length).toBeGreaterThanOrEqual(40);
    }
  });

  it('shows a change made through the API at once', async () => {
    const made = await createIncident(alice);
    expect((await listOf(alice)).some((i) => i.id === made.id)).toBe(true);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${made.id}`,
      headers: alice.headers,
      payload: { title: 'cache-test renamed' },
    });
    expect(res.statusCode).toBe(200);
    expect((await listOf(alice)).find((i) => i.id === made.id)?.title).toBe('cache-test renamed');
  });

  it('shows a change made by a hand-written SQL statement (the CLI, a job, another process) at once', async () => {
    const made = await createIncident(alice);
    await listOf(alice);
    await t.db.db.execute(sql`update incidents set title = 'cache-test edited in SQL' where id = ${made.id}`);
    expect((await listOf(alice)).find((i) => i.id === made.id)?.title).toBe('cache-test edited in SQL');
    // A joined table counts too: the owner's name comes from users.
    await t.db.db.execute(sql`update incidents set owner_id = ${alice.id} where id = ${made.id}`);
    await listOf(alice);
    await t.db.db.execute(sql`update users set name = 'Alice Renamed' where id = ${alice.id}`);
    expect((await listOf(alice)).find((i) => i.id === made.id)?.ownerName).toBe('Alice Renamed');
  });

  it('never serves one viewer what another may see: a TLP:RED incident stays with its owner', async () => {
    const red = await createIncident(alice, { tlp: 'RED', ownerId: alice.id, title: 'cache-test red' });
    expect((await listOf(alice)).some((i) => i.id === red.id)).toBe(true);
    expect((await listOf(bob)).some((i) => i.id === red.id)).toBe(false);
    // Named on it later: bob sees it at once.
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${red.id}`,
      headers: alice.headers,
      payload: { namedUserIds: [bob.id] },
    });
    expect(res.statusCode).toBe(200);
    expect((await listOf(bob)).some((i) => i.id === red.id)).toBe(true);
  });

  it('flags a report breached once the clock passes its due time, with no write in between', async () => {
    clock.set('2026-11-23T09:00:00Z'); // a Monday, 10:00 in Paris: the acknowledgement is due in 2 business hours
    const receipt = (
      await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: publicReport({ title: 'cache-test breach' }) })
    ).json<ReportReceipt>();
    const analyst = await t.as('analyst');
    const queue = async () =>
      (await t.app.inject({ url: '/api/reports?q=cache-test', headers: analyst.headers }))
        .json<{ items: ReportSummary[] }>()
        .items.find((r) => r.id === receipt.id);
    const before = await queue();
    expect(before).toMatchObject({ breached: false });
    expect(await queue()).toEqual(before);
    clock.set(new Date(Date.parse(before?.dueAt ?? '') + 1_000).toISOString());
    expect(await queue()).toMatchObject({ breached: true });
  });
});

// Why PostgreSQL only: a PGlite folder is open in one process only, so there is no other instance.
describe.skipIf(testEngine() === 'pglite')('two instances on one PostgreSQL database', () => {
  let second: SecondInstance;
  beforeAll(async () => {
    second = await secondInstance(t);
  });
  afterAll(() => second.close());

  it('forgets on instance 2 a list changed on instance 1 within a second', async () => {
    const made = await createIncident(alice);
    const seen = await listOf(alice, second.app);
    expect(seen.some((i) => i.id === made.id)).toBe(true);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${made.id}`,
      headers: alice.headers,
      payload: { title: 'cache-test on instance 1' },
    });
    expect(res.statusCode).toBe(200);
    const until = Date.now() + 1_000;
    let title: string | undefined;
    while (Date.now() < until) {
      title = (await listOf(alice, second.app)).find((i) => i.id === made.id)?.title;
      if (title === 'cache-test on instance 1') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(title).toBe('cache-test on instance 1');
  });
});
