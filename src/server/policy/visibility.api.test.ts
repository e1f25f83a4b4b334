// The visibility policy across EVERY read route: a constituent user of organisation A walks each GET route of
// the OpenAPI document, with B's ids in every path parameter and B's name in every search, and must never
// receive anything of organisation B (its name, contacts, assets, reports, incidents, files).
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { constituentOf, createOrg, multipart } from '#server/reports/reports.test-helpers';

let t: TestApp;
let analyst: Session;
let userA: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  const orgA = await createOrg(t, analyst, 'Alpha Commune', [['domain', 'alpha.example']]);
  const orgB = await createOrg(t, analyst, 'Bravo Commune', [
    ['domain', 'bravo-secret.example'],
    ['cidr', '203.0.113.0/24'],
  ]);
  ids.orgB = orgB.id;
  await t.app.inject({
    method: 'POST',
    url: `/api/organisations/${orgB.id}/contacts`,
    headers: analyst.headers,
    payload: { name: 'Bravo Contact', email: 'soc@bravo-secret.example' },
  });
  userA = await constituentOf(t, orgA.id);
  const userB = await constituentOf(t, orgB.id);
  const report = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: userB.headers,
    payload: {
      title: 'BRAVO report of a breach',
      description: 'Bravo internal details',
      evidence: 'host www.bravo-secret.example and 203.0.113.7',
    },
  });
  ids.reportB = report.json<{ id: string }>().id;
  const mp = multipart([{ name: 'attachments', filename: 'bravo.txt', content: Buffer.from('BRAVO file content') }]);
  const added = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${ids.reportB}/attachments`,
    headers: { ...userB.headers, ...mp.headers },
    payload: mp.payload,
  });
  ids.attachmentB = added.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
  const triaged = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${ids.reportB}/triage`,
    headers: analyst.headers,
    payload: { decision: 'incident', newIncident: { title: 'BRAVO incident' } },
  });
  ids.incidentB = triaged.json<{ incident: { id: string } }>().incident.id;
  expect(Object.values(ids).every(Boolean)).toBe(true);
  // Sanity: B's own user does see its incident, so the checks below can fail.
  const own = await t.app.inject({ url: `/api/incidents/${ids.incidentB}`, headers: userB.headers });
  expect(own.statusCode).toBe(200);
  expect(own.body).toMatch(/bravo/i);
});
afterAll(() => t.close());

function urlsFor(path: string): string[] {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const values = (name: string): string[] => {
    if (name === 'version') return ['1'];
    if (name === 'target') return ['acknowledge'];
    if (name === 'token') return ['not-a-real-token'];
    return Object.values(ids);
  };
  let urls = [path];
  for (const p of params) urls = urls.flatMap((u) => values(p).map((v) => u.replace(`{${p}}`, v)));
  return urls.flatMap((u) =>
    params.length ? [u] : [u, `${u}?q=Bravo`, `${u}?organisationId=${ids.orgB ?? ''}`, `${u}?value=bravo-secret.example`],
  );
}

describe('a constituent user of A, on every GET route', () => {
  it('never receives anything of organisation B', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const getPaths = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p);
    expect(getPaths.length).toBeGreaterThan(25);
    const seen: string[] = [];
    for (const path of getPaths) {
      for (const url of urlsFor(path)) {
        const res = await t.app.inject({ url, headers: userA.headers });
        seen.push(`${res.statusCode} ${url}`);
        expect(res.statusCode, url).toBeLessThan(500);
        // Not B's name, contact, domain, titles or file content, whatever the status.
        expect(res.body, url).not.toMatch(/bravo/i);
        expect(res.body, url).not.toContain('203.0.113.');
        if (res.statusCode === 200) {
          for (const id of Object.values(ids)) expect(res.body, url).not.toContain(id);
        }
      }
    }
    // The walk reached the item routes with B's ids.
    expect(seen.some((s) => s.includes(`/api/reports/${ids.reportB}`))).toBe(true);
    expect(seen.some((s) => s.includes(`/api/attachments/${ids.attachmentB}/download`))).toBe(true);
  });
});
