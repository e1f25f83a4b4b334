// The audit log as read by leads and admins: the events of a TLP:RED item they are not named on show the
// action and the item's reference only, never its title, text, file names, observables or pause reasons.
// The stored chain is untouched (it is hash-chained): the reduction happens when the log is read.
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { multipart } from '#server/reports/reports.test-helpers';
import { sealAndVerify } from './audit.test-helpers';
import type { AuditEvent } from '#shared/audit/audit.schemas';

let t: TestApp;
let analyst: Session & { id: string };
let namedLead: Session & { id: string };
let otherLead: Session;
let admin: Session;
let report: { id: string; reference: string };
let incident: { id: string; reference: string };

// Every piece of content the unnamed readers must never see, whatever event carries it.
const SECRETS = [
  'Minister laptop',
  'cabinet-secret.example',
  'minister-passwords.txt',
  'waiting for the minister',
  'Renamed minister case',
  'Private notes on the minister',
];

async function auditAs(s: Session, query = ''): Promise<{ body: string; items: AuditEvent[] }> {
  const res = await t.app.inject({ url: `/api/audit?limit=200${query}`, headers: s.headers });
  expect(res.statusCode).toBe(200);
  return { body: res.body, items: res.json<{ items: AuditEvent[] }>().items };
}

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  namedLead = await t.as('lead');
  otherLead = await t.as('lead');
  admin = await t.as('admin');
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: analyst.headers,
    payload: { title: 'Minister laptop stolen', description: 'Credentials on cabinet-secret.example', tlp: 'RED' },
  });
  expect(submitted.statusCode).toBe(201);
  report = submitted.json<{ id: string; reference: string }>();
  const named = await t.app.inject({
    method: 'PATCH',
    url: `/api/reports/${report.id}`,
    headers: analyst.headers,
    payload: { namedUserIds: [analyst.id, namedLead.id] },
  });
  expect(named.statusCode).toBe(200);
  const mp = multipart([
    { name: 'attachments', filename: 'minister-passwords.txt', content: Buffer.from('login at https://cabinet-secret.example/admin') },
  ]);
  const attached = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${report.id}/attachments`,
    headers: { ...analyst.headers, ...mp.headers },
    payload: mp.payload,
  });
  expect(attached.statusCode).toBe(201);
  const paused = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${report.id}/clocks/triage/pause`,
    headers: analyst.headers,
    payload: { reason: 'waiting for the minister to call back' },
  });
  expect(paused.statusCode).toBe(200);
  const triaged = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${report.id}/triage`,
    headers: analyst.headers,
    payload: { decision: 'incident', newIncident: { title: 'Minister laptop case' } },
  });
  expect(triaged.statusCode).toBe(200);
  incident = triaged.json<{ incident: { id: string; reference: string } }>().incident;
  const renamed = await t.app.inject({
    method: 'PATCH',
    url: `/api/incidents/${incident.id}`,
    headers: analyst.headers,
    payload: { title: 'Renamed minister case', description: 'Private notes on the minister' },
  });
  expect(renamed.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/audit for a lead not named on a TLP:RED report', () => {
  it('lists its events with action and reference, but no title, text, file name or observable', async () => {
    const { body, items } = await auditAs(otherLead);
    for (const secret of SECRETS) expect(body, secret).not.toContain(secret);
    const ofReport = items.filter((e) => e.entityId === report.id);
    expect(ofReport.map((e) => e.action)).toEqual(
      expect.arrayContaining(['report.submit', 'report.update', 'report.attach', 'sla.pause', 'report.triage']),
    );
    for (const e of ofReport) expect(e).toMatchObject({ redacted: true, summary: { reference: report.reference } });
    const ofIncident = items.filter((e) => e.entityId === incident.id);
    expect(ofIncident.map((e) => e.action)).toEqual(expect.arrayContaining(['incident.create', 'incident.update']));
    for (const e of ofIncident) expect(e).toEqual(expect.objectContaining({ redacted: true, summary: { reference: incident.reference } }));
  });

  it('shows an admin who is not named the same reduced events, also when filtering by the item', async () => {
    const { body, items } = await auditAs(admin, `&entityId=${report.id}`);
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const secret of SECRETS) expect(body, secret).not.toContain(secret);
    expect(items.every((e) => e.redacted)).toBe(true);
  });

  it('shows the full events to a lead named on the report and leaves the stored chain intact', async () => {
    const { body, items } = await auditAs(namedLead);
    expect(body).toContain('minister-passwords.txt');
    expect(body).toContain('waiting for the minister');
    expect(body).toContain('Renamed minister case');
    expect(items.filter((e) => e.entityId === report.id).every((e) => !e.redacted)).toBe(true);
    // Events about other things are never reduced.
    expect(items.filter((e) => e.action === 'user.create').every((e) => !e.redacted)).toBe(true);
    expect(await sealAndVerify(t.db.db)).toMatchObject({ ok: true });
  });
});
