import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser } from '#server/users/users.service';
import { attachments, reports, type ReportRow } from '#server/reports/reports.table';
import { fileAttachmentStore } from '#server/storage/storage';
import { unsafeFindReportRow } from '#server/reports/reports.service';
import { slaClocks } from '#server/sla/sla.table';
import { jobs } from '#server/jobs/jobs.table';
import type { Incident, IncidentSummary } from '#shared/incidents/incidents.schemas';

let current = Date.parse('2026-11-23T08:00:00Z');
const clock = { now: () => new Date(current) };

let t: TestApp;
let analyst: Session & { id: string; email: string };
let lead: Session & { id: string; email: string };
let viewer: Session;
let orgA: { id: string };
let orgB: { id: string };
beforeAll(async () => {
  current = Math.max(current, Math.floor(Date.now() / 60_000) * 60_000);
  t = await testApp({ clock });
  analyst = await t.as('analyst');
  lead = await t.as('lead');
  viewer = await t.as('viewer');
  orgA = await createOrg('Org A', { criticality: 'medium', services: ['coordination'] }, 'org-a.example');
  orgB = await createOrg('Org B', { criticality: 'high', services: ['coordination', 'resolution'] }, 'org-b.example');
});
afterAll(() => t.close());

async function createOrg(name: string, extra: object, domain: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: analyst.headers,
    payload: { name, kind: 'constituent', ...extra },
  });
  expect(res.statusCode).toBe(201);
  const org = res.json<{ id: string }>();
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/organisations/${org.id}/assets`,
        headers: analyst.headers,
        payload: { kind: 'domain', value: domain },
      })
    ).statusCode,
  ).toBe(201);
  return org;
}

async function constituentOf(organisationId: string) {
  const email = `c-${randomUUID().slice(0, 8)}@example.org`;
  await createUser(t.systemCtx(), { email, name: 'Constituent', role: 'constituent', organisationId, password: 'constituent password' });
  return t.login(email, 'constituent password');
}

/** A report through the public form (intake extracts observables, suggests organisations, starts the clocks). */
async function submit(over: Record<string, unknown> = {}): Promise<ReportRow> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload: {
      title: 'Phishing wave against the town hall',
      description: 'Dozens of users received a fake login page.',
      reporter: { name: 'Marie Hoarau', email: 'marie.hoarau@example.net' },
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  const row = await unsafeFindReportRow(t.db.db, res.json<{ id: string }>().id);
  if (!row) throw new Error('the report was not stored');
  return row;
}

const triage = (s: Session, reportId: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/reports/${reportId}/triage`, headers: s.headers, payload });
const create = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/incidents', headers: s.headers, payload });
const get = (s: Session, id: string) => t.app.inject({ url: `/api/incidents/${id}`, headers: s.headers });
const list = async (s: Session, query = '') =>
  (await t.app.inject({ url: `/api/incidents?limit=200${query}`, headers: s.headers })).json<{ items: IncidentSummary[]; total: number }>();
const base = {
  title: 'Compromised web server',
  categoryClass: 'intrusions',
  categoryType: 'system-compromise',
  impact: 'high',
  extent: 'single',
};

describe('POST /api/reports/:id/triage', () => {
  it('turns a report into a P2 incident in one call, with the report’s defaults, and meets the report’s clocks', async () => {
    const report = await submit({
      evidence:
        'Fake login at hxxps://portal.org-a[.]example.evil[.]example/ sent from 192.0.2.10; users of webmail.org-a.example targeted',
    });
    expect(report.suggestedOrganisationIds).toEqual([orgA.id]);
    const res = await triage(analyst, report.id, {
      decision: 'incident',
      newIncident: { categoryClass: 'fraud', categoryType: 'phishing', impact: 'high', extent: 'few' },
    });
    expect(res.statusCode).toBe(200);
    const { incident, decision, reportId } = res.json<{ incident: Incident; decision: string; reportId: string }>();
    expect({ decision, reportId }).toEqual({ decision: 'incident', reportId: report.id });
    // high × few × medium constituent = 45 → P2 (criticality.md)
    expect(incident).toMatchObject({
      title: report.title,
      description: report.description,
      status: 'open',
      categoryClass: 'fraud',
      categoryType: 'phishing',
      impact: 'high',
      extent: 'few',
      constituentCriticality: 'medium',
      score: 45,
      priority: 'P2',
      serviceLevel: 'coordination',
      organisationId: orgA.id,
      organisationName: 'Org A',
      ownerId: analyst.id,
      tlp: 'AMBER',
      pap: 'AMBER',
      breached: false,
    });
    expect(incident.reference).toMatch(/^TOC-INC-\d{4}-\d{6}$/);
    expect(incident.scoreHistory).toEqual([
      expect.objectContaining({ score: 45, priority: 'P2', reason: `Triage of ${report.reference}`, actorLabel: analyst.email }),
    ]);
    // Tocsin's own reason carries a key and parameters, so the web shows it in the reader's language.
    expect(incident.scoreHistory[0]).toMatchObject({ reasonKey: 'incidents.reason.triage', reasonParams: { reference: report.reference } });
    expect(incident.linkedReports).toEqual([{ id: report.id, reference: report.reference, title: report.title, decision: 'incident' }]);
    expect(incident.clocks).toEqual([
      expect.objectContaining({ target: 'first-action', mode: 'business', durationMs: 4 * 3_600_000, status: 'running' }),
    ]);
    expect(incident.dueAt).toBe(incident.clocks[0]?.dueAt);
    expect(incident.observables).toContainEqual({ type: 'ipv4', value: '192.0.2.10', matchedOrganisationIds: [] });
    expect(incident.observables).toContainEqual({ type: 'domain', value: 'webmail.org-a.example', matchedOrganisationIds: [orgA.id] });

    const [after] = await t.db.db.select().from(reports).where(eq(reports.id, report.id));
    expect(after).toMatchObject({ status: 'triaged', decision: 'incident', incidentId: incident.id });
    const clocks = await t.db.db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.subjectType, 'report'), eq(slaClocks.subjectId, report.id)));
    expect(clocks.map((c) => [c.target, c.status]).sort()).toEqual([
      ['acknowledge', 'met'],
      ['triage', 'met'],
    ]);

    const again = await triage(lead, report.id, { decision: 'not-incident' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/already-triaged' });
  });

  it('takes triage’s proposal when the analyst gives nothing: category from the report’s words, medium, single, the suggested organisation', async () => {
    const report = await submit({ evidence: 'www.org-b.example serves malware', tlp: 'GREEN' });
    const res = await triage(analyst, report.id, { decision: 'incident' });
    expect(res.json<{ incident: Incident }>().incident).toMatchObject({
      categoryClass: 'fraud',
      categoryType: 'phishing',
      impact: 'medium',
      extent: 'single',
      organisationId: orgB.id,
      constituentCriticality: 'high',
      priority: 'P3',
      serviceLevel: 'resolution',
      tlp: 'GREEN',
    });
  });

  it('makes an urgent report about a vital constituent a P1 incident with 24/7 clocks, and keeps its urgency, from a bare request', async () => {
    const vital = await createOrg('Vital hospital', { criticality: 'vital', services: ['coordination'] }, 'hospital-vital.example');
    const report = await submit({
      title: 'Our patient records server is acting strangely',
      description: 'Files disappear since this morning.',
      evidence: 'records.hospital-vital.example',
      urgent: true,
    });
    expect(report.suggestedOrganisationIds).toEqual([vital.id]);
    const res = await triage(analyst, report.id, { decision: 'incident' });
    expect(res.statusCode).toBe(200);
    const { incident } = res.json<{ incident: Incident }>();
    // high (proposed for an urgent report) × single × vital, urgent: 2.5 × 3 × (4 + 0 + 3 + 2) = 67.5 → 68 P1 (criticality.md)
    expect(incident).toMatchObject({
      organisationId: vital.id,
      constituentCriticality: 'vital',
      impact: 'high',
      extent: 'single',
      urgent: true,
      score: 68,
      priority: 'P1',
    });
    expect(incident.clocks).toEqual([
      expect.objectContaining({ target: 'first-action', mode: '24/7', durationMs: 3_600_000, status: 'running' }),
    ]);
    expect(incident.scoreHistory).toEqual([expect.objectContaining({ urgent: true, score: 68, priority: 'P1' })]);
    expect((await list(analyst)).items.find((i) => i.id === incident.id)).toMatchObject({ urgent: true, priority: 'P1' });

    // The same report, not urgent, stays P3 with business-hours clocks; an analyst may say it is urgent at creation.
    const calm = await submit({
      title: 'Our patient records server is acting strangely',
      description: 'Files disappear since this morning.',
      evidence: 'records.hospital-vital.example',
    });
    const calmIncident = (await triage(analyst, calm.id, { decision: 'incident' })).json<{ incident: Incident }>().incident;
    expect(calmIncident).toMatchObject({ urgent: false, impact: 'medium', score: 35, priority: 'P3' });
    expect(calmIncident.clocks[0]).toMatchObject({ mode: 'business' });
    const marked = (await create(analyst, { ...base, organisationId: vital.id, urgent: true })).json<Incident>();
    expect(marked).toMatchObject({ urgent: true, score: 68, priority: 'P1' });
    // An analyst who finds it is not urgent after all says so when rescoring; omitting urgent keeps it.
    const kept = (
      await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${marked.id}/rescore`,
        headers: analyst.headers,
        payload: { impact: 'high', extent: 'single', reason: 'Checked' },
      })
    ).json<Incident>();
    expect(kept).toMatchObject({ urgent: true, priority: 'P1' });
    const calmed = (
      await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${marked.id}/rescore`,
        headers: analyst.headers,
        payload: { impact: 'high', extent: 'single', urgent: false, reason: 'Contained, no longer urgent' },
      })
    ).json<Incident>();
    expect(calmed).toMatchObject({ urgent: false, score: 53, priority: 'P2' });
    expect(calmed.clocks[0]).toMatchObject({ mode: 'business' });
    expect(calmed.scoreHistory.map((h) => h.urgent)).toEqual([true, true, false]);
  });

  it('links a duplicate to an existing incident and deduplicates their observables', async () => {
    const first = await submit({ evidence: 'Phishing kit hosted on dup.example' });
    const made = (await triage(analyst, first.id, { decision: 'incident', newIncident: { impact: 'low', extent: 'few' } })).json<{
      incident: Incident;
    }>().incident;
    const second = await submit({ title: 'Same phishing, another user', evidence: 'dup[.]example again' });
    const res = await triage(lead, second.id, { decision: 'duplicate', incidentId: made.id, note: 'Same campaign' });
    expect(res.statusCode).toBe(200);
    const linked = res.json<{ incident: Incident }>().incident;
    expect(linked.id).toBe(made.id);
    expect(linked.linkedReports.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(linked.observables.filter((o) => o.value === 'dup.example')).toEqual([
      { type: 'domain', value: 'dup.example', matchedOrganisationIds: [] },
    ]);
    const [row] = await t.db.db.select().from(reports).where(eq(reports.id, second.id));
    expect(row).toMatchObject({ decision: 'duplicate', incidentId: made.id, decisionNote: 'Same campaign' });
  });

  it('keeps the public reply of an out-of-constituency decision for the reporter and creates no incident', async () => {
    const receipt = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: {
        title: 'Scam website',
        description: 'A shop that never delivers.',
        reporter: { name: 'Jean Payet', email: 'jean.payet@example.net' },
      },
    });
    const { id, trackingUrl } = receipt.json<{ id: string; trackingUrl: string }>();
    const reply = 'Please report this to the consumer protection office: https://signal.conso.gouv.fr';
    const res = await triage(analyst, id, { decision: 'out-of-constituency', publicReply: reply, note: 'Consumer fraud, not ours' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ incident: null, decision: 'out-of-constituency', reportId: id });
    const [row] = await t.db.db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({ decision: 'out-of-constituency', publicReply: reply, incidentId: null });
    const token = trackingUrl.split('/').at(-1) ?? '';
    const tracked = await t.app.inject({ url: `/api/public/reports/track/${token}` });
    expect(tracked.json()).toMatchObject({ reply });
    expect(tracked.body).not.toContain('Consumer fraud');
  });

  it('refuses an inconsistent decision naming the fields, an unknown category, and an invisible or unknown incident', async () => {
    const report = await submit();
    const noTarget = await triage(analyst, report.id, { decision: 'duplicate' });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json()).toMatchObject({ fields: [{ path: 'body.incidentId' }] });
    const stray = await triage(analyst, report.id, { decision: 'not-incident', newIncident: { impact: 'low' } });
    expect(stray.json()).toMatchObject({ fields: [{ path: 'body.newIncident' }] });
    const badCategory = await triage(analyst, report.id, {
      decision: 'incident',
      newIncident: { categoryClass: 'fraud', categoryType: 'ransomware' },
    });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json()).toMatchObject({ fields: [{ path: 'body.newIncident.categoryType' }] });
    const unknown = await triage(analyst, report.id, { decision: 'duplicate', incidentId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: '/problems/incident-not-found' });
    expect((await triage(analyst, randomUUID(), { decision: 'not-incident' })).statusCode).toBe(404);
    // Nothing was half-done: the report still waits.
    const [row] = await t.db.db.select().from(reports).where(eq(reports.id, report.id));
    expect(row?.status).toBe('new');
  });

  it('forbids viewers and constituents to triage (403) and answers 401 without a session; a portal report gives its organisation', async () => {
    const userA = await constituentOf(orgA.id);
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: userA.headers,
      payload: { title: 'Our VPN is being brute-forced', description: 'Thousands of failed logins.' },
    });
    expect(filed.statusCode).toBe(201);
    const reportId = filed.json<{ id: string }>().id;
    expect((await triage(viewer, reportId, { decision: 'not-incident' })).statusCode).toBe(403);
    expect((await triage(userA, reportId, { decision: 'not-incident' })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/reports/${reportId}/triage`, payload: { decision: 'not-incident' } })).statusCode,
    ).toBe(401);
    const res = await triage(analyst, reportId, {
      decision: 'incident',
      newIncident: { categoryClass: 'intrusion-attempts', categoryType: 'brute-force' },
    });
    expect(res.json<{ incident: Incident }>().incident).toMatchObject({ organisationId: orgA.id, priority: 'P3' });
    // The constituent follows the incident made of its report.
    const seen = await get(userA, res.json<{ incident: Incident }>().incident.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<Incident>().linkedReports.map((r) => r.id)).toEqual([reportId]);
  });
});

describe('incidents', () => {
  it('rescores with a reason, keeping the history with the actor, and restarts the unmet first-action clock for the new priority', async () => {
    const made = (await create(analyst, { ...base, organisationId: orgA.id })).json<Incident>();
    expect(made).toMatchObject({ score: 38, priority: 'P3' }); // high × single × medium
    current += 60_000;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${made.id}/rescore`,
      headers: lead.headers,
      payload: { impact: 'critical', extent: 'many', reason: 'The attacker reached the domain controllers' },
    });
    expect(res.statusCode).toBe(200);
    const after = res.json<Incident>();
    expect(after).toMatchObject({ impact: 'critical', extent: 'many', score: 70, priority: 'P1' });
    expect(after.scoreHistory.map((s) => [s.priority, s.reason, s.actorLabel])).toEqual([
      ['P3', 'Initial assessment', analyst.email],
      ['P1', 'The attacker reached the domain controllers', lead.email],
    ]);
    // A reason typed by a person stays as typed, without a key; Tocsin's own has one.
    expect(after.scoreHistory.map((s) => [s.reasonKey, s.reasonParams])).toEqual([
      ['incidents.reason.initial', {}],
      [null, {}],
    ]);
    expect(after.clocks).toEqual([
      expect.objectContaining({
        target: 'first-action',
        mode: '24/7',
        durationMs: 3_600_000,
        startedAt: new Date(current).toISOString(),
        dueAt: new Date(current + 3_600_000).toISOString(),
      }),
    ]);
    const paged = await t.db.db.select().from(jobs).where(eq(jobs.name, 'incidents.page-duty'));
    expect(paged.map((j) => j.payload)).toContainEqual({ incidentId: made.id });
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${made.id}/rescore`,
      headers: lead.headers,
      payload: { impact: 'low', extent: 'single', reason: '' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ fields: [{ path: 'body.reason' }] });
    // Field errors are machine-readable too (code and parameters), so the web words them in the reader's language.
    expect(short.json()).toMatchObject({ fields: [{ path: 'body.reason', code: 'too_small', params: { minimum: 3, origin: 'string' } }] });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/incidents/not-an-id/rescore',
      headers: lead.headers,
      payload: { extent: 'single', reason: 'ok then', colour: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ fields: unknown[] }>().fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'params.id', code: 'invalid_format', params: { format: 'uuid', origin: 'string' } }),
      ]),
    );
    const body = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${made.id}/rescore`,
      headers: lead.headers,
      payload: { extent: 'single', reason: 'ok then', colour: 'red' },
    });
    expect(body.json<{ fields: unknown[] }>().fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.impact', code: 'required' }),
        expect.objectContaining({ path: 'body.colour', code: 'unknown_field' }),
      ]),
    );
    const audit = await t.app.inject({
      url: `/api/audit?action=incident.rescore&entityId=${made.id}`,
      headers: (await t.as('admin')).headers,
    });
    expect(audit.json()).toMatchObject({
      items: [{ summary: { reason: 'The attacker reached the domain controllers', from: { priority: 'P3' }, to: { priority: 'P1' } } }],
    });
  });

  it('follows the constituent’s services for the service level and its criticality for the score, also when the organisation changes', async () => {
    const onB = (await create(analyst, { ...base, organisationId: orgB.id })).json<Incident>();
    expect(onB).toMatchObject({ serviceLevel: 'resolution', constituentCriticality: 'high', score: 45, priority: 'P2' });
    const none = (await create(analyst, base)).json<Incident>();
    expect(none).toMatchObject({ serviceLevel: 'coordination', constituentCriticality: 'medium', organisationId: null });
    current += 60_000;
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${onB.id}`,
      headers: analyst.headers,
      payload: { organisationId: orgA.id },
    });
    expect(moved.json<Incident>()).toMatchObject({
      serviceLevel: 'coordination',
      constituentCriticality: 'medium',
      score: 38,
      priority: 'P3',
      organisationName: 'Org A',
    });
    expect(moved.json<Incident>().scoreHistory.at(-1)).toMatchObject({
      reason: 'Organisation changed to Org A',
      reasonKey: 'incidents.reason.organisationChanged',
      reasonParams: { organisation: 'Org A' },
    });
  });

  it('updates status, owner and TLP with an audit of before and after; in-progress meets the first-action clock, resolved sets resolvedAt', async () => {
    const made = (await create(analyst, base)).json<Incident>();
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/incidents/${made.id}`, headers: analyst.headers, payload });
    const started = await patch({ status: 'in-progress', ownerId: lead.id, tlp: 'GREEN' });
    expect(started.statusCode).toBe(200);
    expect(started.json<Incident>()).toMatchObject({
      status: 'in-progress',
      ownerId: lead.id,
      ownerName: 'Test lead',
      tlp: 'GREEN',
      dueAt: null,
    });
    expect(started.json<Incident>().clocks[0]).toMatchObject({ status: 'met', metAt: new Date(current).toISOString() });
    const mine = await t.app.inject({ url: '/api/notifications', headers: lead.headers });
    expect(mine.json<{ items: { kind: string; subjectId: string }[] }>().items).toContainEqual(
      expect.objectContaining({ kind: 'assignment', subjectId: made.id }),
    );
    expect((await patch({ status: 'resolved' })).json<Incident>().status).toBe('resolved');
    const audit = await t.app.inject({
      url: `/api/audit?action=incident.update&entityId=${made.id}`,
      headers: (await t.as('admin')).headers,
    });
    const items = audit.json<{ items: { summary: Record<string, unknown> }[] }>().items;
    expect(items.at(-1)?.summary).toMatchObject({ status: ['open', 'in-progress'], ownerId: [null, lead.id], tlp: ['AMBER', 'GREEN'] });
    expect(items[0]?.summary).toMatchObject({ status: ['in-progress', 'resolved'] });
    const bad = await patch({ ownerId: randomUUID(), categoryClass: 'nonsense' });
    expect(bad.statusCode).toBe(400);
    const lockout = await patch({ tlp: 'RED' });
    expect(lockout.statusCode).toBe(400);
    expect(lockout.json()).toMatchObject({ fields: [{ path: 'body.tlp' }] });
  });

  it('pauses the first-action clock with a reason (no due time) and resumes it', async () => {
    const made = (await create(analyst, base)).json<Incident>();
    const pause = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${made.id}/clocks/first-action/pause`,
      headers: analyst.headers,
      payload: { reason: 'Waiting for the constituent’s logs' },
    });
    expect(pause.statusCode).toBe(200);
    expect(pause.json()).toMatchObject({ status: 'paused', dueAt: null, pauseReason: 'Waiting for the constituent’s logs' });
    expect((await get(analyst, made.id)).json<Incident>().dueAt).toBeNull();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/incidents/${made.id}/clocks/first-action/pause`,
          headers: analyst.headers,
          payload: { reason: 'again' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/incidents/${made.id}/clocks/first-action/pause`,
          headers: analyst.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/incidents/${made.id}/clocks/triage/pause`,
          headers: analyst.headers,
          payload: { reason: 'no such clock' },
        })
      ).statusCode,
    ).toBe(409);
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${made.id}/clocks/first-action/resume`,
      headers: analyst.headers,
    });
    expect(resume.json()).toMatchObject({ status: 'running', pausedAt: null });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/incidents/${made.id}/clocks/first-action/pause`,
          headers: viewer.headers,
          payload: { reason: 'viewer' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lists the most urgent first: priority, then the earliest due time', async () => {
    const p4 = (await create(analyst, { ...base, title: 'Order P4', impact: 'low' })).json<Incident>();
    const p1 = (await create(analyst, { ...base, title: 'Order P1', impact: 'critical', extent: 'widespread' })).json<Incident>();
    const items = (await list(analyst, '&q=Order')).items.map((i) => i.id);
    expect(items).toEqual([p1.id, p4.id]);
    const all = (await list(analyst)).items;
    const ranks = all.map((i) => i.priority);
    expect([...ranks].sort()).toEqual(ranks);
    expect((await list(analyst, '&priority=P1&q=Order')).items.map((i) => i.id)).toEqual([p1.id]);
  });

  it('refuses viewers (403) and bad input (400) on creation', async () => {
    expect((await create(viewer, base)).statusCode).toBe(403);
    const bad = await create(analyst, { ...base, categoryType: 'phishing', organisationId: randomUUID(), extra: 1 });
    expect(bad.statusCode).toBe(400);
    const unknownOrg = await create(analyst, { ...base, organisationId: randomUUID() });
    expect(unknownOrg.json()).toMatchObject({ fields: [{ path: 'body.organisationId' }] });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/incidents/${randomUUID()}`,
          headers: viewer.headers,
          payload: { status: 'closed' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('incident visibility (role × organisation × TLP)', () => {
  it('shows non-RED incidents to the team, TLP:RED to its owner and named users only, and a constituent only its organisation’s', async () => {
    const a = (await create(analyst, { ...base, title: 'Visibility A amber', organisationId: orgA.id })).json<Incident>();
    const b = (await create(analyst, { ...base, title: 'Visibility B amber', organisationId: orgB.id })).json<Incident>();
    const userA = await constituentOf(orgA.id);
    const named = await t.as('analyst');
    const red = (
      await create(analyst, {
        ...base,
        title: 'Visibility A red',
        organisationId: orgA.id,
        tlp: 'RED',
        ownerId: analyst.id,
        namedUserIds: [named.id],
      })
    ).json<Incident>();
    expect(red.tlp).toBe('RED');

    const ids = async (s: Session) => (await list(s, '&q=Visibility')).items.map((i) => i.id).sort();
    expect(await ids(analyst)).toEqual([a.id, b.id, red.id].sort());
    expect(await ids(named)).toEqual([a.id, b.id, red.id].sort());
    for (const s of [lead, viewer]) {
      expect(await ids(s)).toEqual([a.id, b.id].sort());
      expect((await get(s, red.id)).statusCode).toBe(404);
    }
    expect((await get(viewer, a.id)).statusCode).toBe(200);

    expect(await ids(userA)).toEqual([a.id]);
    expect((await list(userA, '&q=B%20amber')).total).toBe(0);
    expect((await list(userA, `&organisationId=${orgB.id}`)).total).toBe(0);
    expect((await get(userA, a.id)).statusCode).toBe(200);
    const other = await get(userA, b.id);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Visibility B');
    expect((await get(userA, red.id)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/incidents/${a.id}`, headers: userA.headers, payload: { status: 'closed' } }))
        .statusCode,
    ).toBe(403);
    // Rescoring, updating or linking an incident one cannot see answers like a missing one.
    const rescore = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${red.id}/rescore`,
      headers: lead.headers,
      payload: { impact: 'low', extent: 'single', reason: 'probing' },
    });
    expect(rescore.statusCode).toBe(404);
    const report = await submit();
    expect((await triage(lead, report.id, { decision: 'duplicate', incidentId: red.id })).statusCode).toBe(404);
  });
});

// Reports sit below incidents: what a report's reader learns of its incident comes through the look-ups the entry
// hands to reports (a tracking link's status, a file filed on the incident).
describe('what reports learn of their incident', () => {
  it('tells the reporter "handled" once the incident is resolved, dated by the resolution', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: {
        title: 'Defaced home page',
        description: 'The home page shows a political message.',
        reporter: { email: 'r@example.net' },
      },
    });
    const token = res.json<{ trackingUrl: string }>().trackingUrl.split('/').at(-1) ?? '';
    const track = async () =>
      (await t.app.inject({ url: `/api/public/reports/track/${token}` })).json<{ status: string; updatedAt: string }>();
    const made = await triage(lead, res.json<{ id: string }>().id, {
      decision: 'incident',
      newIncident: { categoryClass: 'intrusions', categoryType: 'system-compromise', impact: 'high', extent: 'single' },
    });
    expect(made.statusCode).toBe(200);
    expect((await track()).status).toBe('under-review');
    const incidentId = made.json<{ incident: Incident }>().incident.id;
    current += 3_600_000;
    const resolved = await t.app.inject({
      method: 'PATCH',
      url: `/api/incidents/${incidentId}`,
      headers: lead.headers,
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(await track()).toMatchObject({ status: 'handled', updatedAt: new Date(current).toISOString() });
  });

  it('serves a file filed on an incident to whoever may see the incident, and answers others 404 as for no file', async () => {
    const incident = (await create(analyst, { ...base, organisationId: orgA.id, tlp: 'AMBER' })).json<Incident>();
    const blob = await fileAttachmentStore(t.attachmentsDir).put(Buffer.from('disk image notes'));
    const [row] = await t.db.db
      .insert(attachments)
      .values({ incidentId: incident.id, sha256: blob.sha256, size: blob.size, mediaType: 'text/plain', filename: 'notes.txt' })
      .returning();
    const download = (s: Session) => t.app.inject({ url: `/api/attachments/${row?.id ?? ''}/download`, headers: s.headers });
    const ofA = await constituentOf(orgA.id);
    const ofB = await constituentOf(orgB.id);
    expect((await download(viewer)).statusCode).toBe(200);
    expect((await download(ofA)).body).toBe('disk image notes');
    const refused = await download(ofB);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ type: '/problems/attachment-not-found' });
  });
});
