// Who sees and changes which report: the visibility matrix (team, TLP:RED, constituents of A and B) through
// list, get, search, download and track; portal and API submission; triage edits; the per-address flood limit.
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { fileAttachmentStore } from '#server/storage/storage';
import { incidents } from '#server/incidents/incidents.table';
import { attachments } from './reports.table';
import { constituentOf, createOrg, multipart, publicReport } from './reports.test-helpers';
import type { Attachment, Report, ReportReceipt, ReportSummary } from '#shared/reports/reports.schemas';

let t: TestApp;
let analyst: Session & { id: string };
let orgA: { id: string };
let orgB: { id: string };
let cA: Session & { id: string; email: string };
let cB: Session & { id: string; email: string };
let reportA: ReportReceipt;
let reportB: ReportReceipt;
let webReport: ReportReceipt;
let redReport: ReportReceipt;
let fileB: Attachment;

const post = (url: string, s: Session, payload: object) => t.app.inject({ method: 'POST', url, headers: s.headers, payload });
const list = async (s: Session, query = '') =>
  (await t.app.inject({ url: `/api/reports${query}`, headers: s.headers })).json<{ items: ReportSummary[]; total: number }>();
const ids = async (s: Session, query = '') => (await list(s, query)).items.map((r) => r.id);

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  orgA = await createOrg(t, analyst, 'Commune A', [['domain', 'commune-a.example']]);
  orgB = await createOrg(t, analyst, 'Commune B', [['domain', 'commune-b.example']]);
  cA = await constituentOf(t, orgA.id);
  cB = await constituentOf(t, orgB.id);
  // A constituent's organisationId is forced to its own, whatever it sends.
  reportA = (
    await post('/api/reports', cA, {
      title: 'Ransomware on town hall file server',
      description: 'Files encrypted overnight',
      evidence: 'contact evil@commune-b.example',
      organisationId: orgB.id,
    })
  ).json();
  reportB = (await post('/api/reports', cB, { title: 'Defacement of commune B website', description: 'Homepage replaced' })).json();
  webReport = (
    await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: publicReport({ title: 'Scan from commune-a.example hosts' }),
    })
  ).json();
  redReport = (
    await post('/api/reports', analyst, { title: 'Informant tip about commune A', description: 'Handle with care', tlp: 'RED' })
  ).json();
  const mp = multipart([
    { name: 'attachments', filename: 'defacement.html', content: Buffer.from('<html><script>alert(1)</script></html>') },
  ]);
  const added = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${reportB.id}/attachments`,
    headers: { ...cB.headers, ...mp.headers },
    payload: mp.payload,
  });
  expect(added.statusCode).toBe(201);
  [fileB] = added.json<{ items: Attachment[] }>().items as [Attachment];
});
afterAll(() => t.close());

describe('POST /api/reports (portal and API)', () => {
  it('files a constituent’s report about its own organisation through the portal, reporter from the account', async () => {
    const report = (await t.app.inject({ url: `/api/reports/${reportA.id}`, headers: analyst.headers })).json<Report>();
    expect(report).toMatchObject({
      channel: 'portal',
      organisationId: orgA.id,
      organisationName: 'Commune A',
      reporterEmail: cA.email,
      reporterName: expect.stringContaining('Constituent') as string,
    });
    expect(reportA.trackingUrl).toMatch(/^https:\/\/csirt\.example\.org\/report\/track\//);
  });

  it('files an API report through a token (channel api) and refuses an unknown organisation', async () => {
    const admin = await t.as('admin');
    const token = (await post('/api/tokens', admin, { name: 'SIEM', role: 'analyst' })).json<{ secret: string }>().secret;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { authorization: `Bearer ${token}` },
      payload: { title: 'SIEM alert: beaconing', description: 'Automatic', organisationId: orgA.id, pap: 'GREEN' },
    });
    expect(res.statusCode).toBe(201);
    expect((await t.app.inject({ url: `/api/reports/${res.json<ReportReceipt>().id}`, headers: analyst.headers })).json()).toMatchObject({
      channel: 'api',
      organisationId: orgA.id,
      pap: 'GREEN',
    });
    const bad = await post('/api/reports', analyst, {
      title: 'Unknown org',
      description: 'x',
      organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.json()).toMatchObject({ status: 400, fields: [{ path: 'body.organisationId' }] });
    expect((await post('/api/reports', await t.as('viewer'), { title: 'Viewer report', description: 'x' })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', payload: { title: 'Anonymous', description: 'x' } })).statusCode,
    ).toBe(401);
  });
});

describe('visibility of reports', () => {
  it('shows the team every report except TLP:RED ones it is not named on', async () => {
    for (const role of ['viewer', 'analyst', 'lead', 'admin'] as const) {
      const s = await t.as(role);
      const seen = await ids(s, '?limit=200');
      expect(seen).toEqual(expect.arrayContaining([reportA.id, reportB.id, webReport.id]));
      expect(seen).not.toContain(redReport.id);
      expect((await t.app.inject({ url: `/api/reports/${redReport.id}`, headers: s.headers })).statusCode).toBe(404);
    }
    expect(await ids(analyst, '?limit=200')).toContain(redReport.id);
  });

  it('shows a TLP:RED report to the users named on it once the owner names them', async () => {
    const colleague = await t.as('analyst');
    expect((await t.app.inject({ url: `/api/reports/${redReport.id}`, headers: colleague.headers })).statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${redReport.id}`,
      headers: analyst.headers,
      payload: { namedUserIds: [analyst.id, colleague.id], ownerId: analyst.id },
    });
    expect(patch.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/reports/${redReport.id}`, headers: colleague.headers })).json()).toMatchObject({
      tlp: 'RED',
      ownerId: analyst.id,
    });
  });

  it('refuses with 400 a change of names on a TLP:RED report that would hide it from the one making it, and saves nothing', async () => {
    const red = (
      await post('/api/reports', analyst, { title: 'Second informant tip', description: 'Handle with care', tlp: 'RED' })
    ).json<ReportReceipt>();
    const colleague = await t.as('analyst');
    const named = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${red.id}`,
      headers: analyst.headers,
      payload: { namedUserIds: [analyst.id, colleague.id], ownerId: analyst.id },
    });
    expect(named.statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${red.id}`,
      headers: colleague.headers,
      payload: { namedUserIds: [analyst.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/validation-failed', fields: [{ path: 'body.namedUserIds' }] });
    const still = await t.app.inject({ url: `/api/reports/${red.id}`, headers: colleague.headers });
    expect(still.statusCode).toBe(200);
    expect(still.json<Report>().namedUserIds).toContain(colleague.id);
  });

  it('shows a constituent user only its organisation’s reports: by list, get, search and download', async () => {
    const seenByA = await list(cA);
    expect(seenByA.items.map((r) => r.id)).toContain(reportA.id);
    expect(seenByA.items.every((r) => r.organisationId === orgA.id)).toBe(true);
    expect(seenByA.total).toBe(seenByA.items.length);
    expect(await ids(cB)).toEqual([reportB.id]);
    expect(await ids(cA, '?q=Defacement')).toEqual([]);
    expect(await ids(cA, `?organisationId=${orgB.id}`)).toEqual([]);
    for (const id of [reportB.id, webReport.id, redReport.id]) {
      const res = await t.app.inject({ url: `/api/reports/${id}`, headers: cA.headers });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ type: '/problems/report-not-found' });
    }
    const download = (s?: Session) => t.app.inject({ url: `/api/attachments/${fileB.id}/download`, ...(s ? { headers: s.headers } : {}) });
    expect((await download(cA)).json()).toMatchObject({ status: 404, type: '/problems/attachment-not-found' });
    expect((await download()).statusCode).toBe(401);
    const own = await download(cB);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/octet-stream');
    expect(own.headers['content-disposition']).toMatch(/^attachment;/);
    const attach = multipart([{ name: 'attachments', filename: 'x.txt', content: Buffer.from('x') }]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/reports/${reportB.id}/attachments`,
          headers: { ...cA.headers, ...attach.headers },
          payload: attach.payload,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('hides other organisations from a constituent: no foreign asset matches, no triage rights', async () => {
    const asSeenByA = (await t.app.inject({ url: `/api/reports/${reportA.id}`, headers: cA.headers })).json<Report>();
    expect(asSeenByA.observables.find((o) => o.value === 'evil@commune-b.example')).toMatchObject({ matchedOrganisationIds: [] });
    expect(asSeenByA.suggestedOrganisationIds).toEqual([]);
    const asSeenByTeam = (await t.app.inject({ url: `/api/reports/${reportA.id}`, headers: analyst.headers })).json<Report>();
    expect(asSeenByTeam.suggestedOrganisationIds).toEqual([orgB.id]);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/reports/${reportA.id}`, headers: cA.headers, payload: { tlp: 'RED' } })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/reports/${reportA.id}/acknowledge`, headers: cA.headers })).statusCode).toBe(
      403,
    );
  });

  it('shows a web report to a constituent once the team assigns it to its organisation', async () => {
    expect(await ids(cA)).not.toContain(webReport.id);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${webReport.id}`,
      headers: analyst.headers,
      payload: { organisationId: orgA.id },
    });
    expect(patch.json()).toMatchObject({ organisationId: orgA.id, organisationName: 'Commune A', reporterName: 'Marie Hoarau' });
    expect(await ids(cA)).toEqual(expect.arrayContaining([reportA.id, webReport.id]));
    // The reporter trusted the team, not the constituent: its identity stays with the team.
    const seen = (await t.app.inject({ url: `/api/reports/${webReport.id}`, headers: cA.headers })).json<Report>();
    expect(seen).toMatchObject({
      title: 'Scan from commune-a.example hosts',
      reporterName: null,
      reporterEmail: null,
      reporterOrganisation: null,
      reporterPhone: null,
    });
    expect(await ids(cB)).not.toContain(webReport.id);
  });
});

describe('GET /api/attachments/:id/download (incident attachments)', () => {
  it('follows the incident’s visibility: its organisation’s constituents and the team, nobody else', async () => {
    const blob = await fileAttachmentStore(t.attachmentsDir).put(Buffer.from('incident evidence'));
    const [incident] = await t.db.db
      .insert(incidents)
      .values({
        reference: 'TOC-INC-2026-000001',
        title: 'Compromise at commune A',
        categoryClass: 'intrusions',
        categoryType: 'system-compromise',
        impact: 'high',
        extent: 'single',
        constituentCriticality: 'medium',
        score: 50,
        priority: 'P2',
        serviceLevel: 'coordination',
        organisationId: orgA.id,
      })
      .returning();
    const [file] = await t.db.db
      .insert(attachments)
      .values({
        incidentId: incident?.id,
        sha256: blob.sha256,
        size: blob.size,
        mediaType: 'text/plain; charset=utf-8',
        filename: 'evidence.txt',
      })
      .returning();
    const download = (s: Session) => t.app.inject({ url: `/api/attachments/${file?.id ?? ''}/download`, headers: s.headers });
    expect((await download(analyst)).body).toBe('incident evidence');
    expect((await download(cA)).statusCode).toBe(200);
    expect((await download(cB)).json()).toMatchObject({ status: 404, type: '/problems/attachment-not-found' });
  });
});

describe('PATCH /api/reports/:id', () => {
  it('audits before and after, restarts unmet clocks on urgency, and refuses an owner outside the team', async () => {
    const admin = await t.as('admin');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportB.id}`,
      headers: analyst.headers,
      payload: { tlp: 'AMBER+STRICT', pap: 'RED', urgent: true },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<Report>();
    expect(report).toMatchObject({ tlp: 'AMBER+STRICT', pap: 'RED', urgent: true });
    expect(report.clocks.map((c) => c.mode)).toEqual(['24/7', '24/7']);
    const audit = (await t.app.inject({ url: `/api/audit?action=report.update&entityId=${reportB.id}`, headers: admin.headers })).json<{
      items: { summary: Record<string, unknown> }[];
    }>();
    expect(audit.items[0]?.summary).toMatchObject({ tlp: ['AMBER', 'AMBER+STRICT'], pap: ['AMBER', 'RED'], urgent: [false, true] });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${reportB.id}`,
      headers: analyst.headers,
      payload: { ownerId: cB.id },
    });
    expect(bad.json()).toMatchObject({ status: 400, fields: [{ path: 'body.ownerId' }] });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/reports/${reportB.id}`,
          headers: (await t.as('viewer')).headers,
          payload: { urgent: false },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'PATCH', url: `/api/reports/${reportB.id}`, headers: analyst.headers, payload: { status: 'closed' } }))
        .statusCode,
    ).toBe(400);
  });
});

describe('public submission flood', () => {
  it('answers 429 from one address after the limit and keeps every report accepted before', async () => {
    const limited = await testApp({ publicReportRateLimit: 4 });
    try {
      const send = (ip: string, i: number) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/public/reports',
          remoteAddress: ip,
          payload: publicReport({ title: `Flood ${i}` }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await send('198.51.100.66', i)).statusCode);
      expect(statuses).toEqual([201, 201, 429, 429, 429, 429]);
      const refused = await send('198.51.100.66', 99);
      expect(refused.json()).toMatchObject({ type: '/problems/rate-limited' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await send('203.0.113.5', 7)).statusCode).toBe(201);
      const team = await limited.as('analyst');
      const titles = (await limited.app.inject({ url: '/api/reports?q=Flood', headers: team.headers }))
        .json<{ items: ReportSummary[] }>()
        .items.map((r) => r.title);
      expect(titles.sort()).toEqual(['Flood 0', 'Flood 1', 'Flood 7']);
    } finally {
      await limited.close();
    }
  });
});

describe('an anonymous TLP:RED report', () => {
  it('goes to the person on duty when it arrives, and to no one else in the team', async () => {
    const lead = await t.as('lead');
    const onDuty = await t.as('analyst');
    const now = Date.now();
    const shift = await t.app.inject({
      method: 'POST',
      url: '/api/duty/shifts',
      headers: lead.headers,
      payload: {
        userId: onDuty.id,
        role: 'primary',
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      },
    });
    expect(shift.statusCode).toBe(201);
    // Several at once, written in one batch: each goes to the person on duty.
    const [red, ...others] = (
      await Promise.all(
        ['Source names a compromised minister', 'Second source', 'Third source'].map((title) =>
          t.app.inject({ method: 'POST', url: '/api/public/reports', payload: publicReport({ title, tlp: 'RED' }) }),
        ),
      )
    ).map((r) => r.json<ReportReceipt>());
    if (!red) throw new Error('no report');
    for (const r of [red, ...others]) {
      expect((await t.app.inject({ url: `/api/reports/${r.id}`, headers: onDuty.headers })).statusCode).toBe(200);
      expect((await t.app.inject({ url: `/api/reports/${r.id}`, headers: analyst.headers })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/reports/${red.id}`, headers: lead.headers })).statusCode).toBe(404);
    expect(await ids(onDuty)).toContain(red.id);
    expect(await ids(analyst)).not.toContain(red.id);
  });
});
