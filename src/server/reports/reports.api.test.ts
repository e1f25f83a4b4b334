// Report intake through HTTP on a real database: the public form (JSON and multipart), attachments and their
// download, observables and suggested constituents, bad input, the honeypot and the tracking link.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { jobs } from '#server/jobs/jobs.table';
import { onQueryForTests } from '#server/db/client';
import { outboxMessages } from '#server/outbox/outbox.table';
import { markReportTriaged, observablesOfReports, unsafeFindReportRow } from './reports.service';
import { createOrg, multipart, publicReport } from './reports.test-helpers';
import type { Report, ReportReceipt } from '#shared/reports/reports.schemas';

let t: TestApp;
let analyst: Session;
let admin: Session;
let port: { id: string };
let region: { id: string };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

beforeAll(async () => {
  t = await testApp();
  analyst = await t.as('analyst');
  admin = await t.as('admin');
  port = await createOrg(t, analyst, 'Grand Port Maritime', [
    ['cidr', '185.22.8.0/24'],
    ['domain', 'port-reunion.example'],
  ]);
  region = await createOrg(t, analyst, 'Région', [['cidr', '185.23.113.0/24']]);
});
afterAll(() => t.close());

const submit = (payload: object, remoteAddress = '198.51.100.10') =>
  t.app.inject({ method: 'POST', url: '/api/public/reports', payload, remoteAddress });
const getReport = async (id: string, s: Session = analyst) =>
  (await t.app.inject({ url: `/api/reports/${id}`, headers: s.headers })).json<Report>();
const countReports = async () =>
  (await t.app.inject({ url: '/api/reports?limit=1', headers: analyst.headers })).json<{ total: number }>().total;
const tokenOf = (receipt: ReportReceipt) => receipt.trackingUrl.split('/').pop() ?? '';

describe('POST /api/public/reports (JSON)', () => {
  it('stores an anonymous report, extracts refanged observables, suggests the owner with most matches, starts the clocks and audits', async () => {
    const res = await submit(
      publicReport({
        evidence: 'Landing page hxxps://login.port-reunion[.]example/auth\nhosted on 185.22.8[.]45, mails from 185.23.113.9',
      }),
    );
    expect(res.statusCode).toBe(201);
    const receipt = res.json<ReportReceipt>();
    expect(receipt.reference).toMatch(/^TOC-\d{4}-\d{6}$/);
    expect(receipt.trackingUrl).toMatch(/^https:\/\/csirt\.example\.org\/report\/track\/[A-Za-z0-9_-]{43}$/);
    expect(receipt).toMatchObject({ observables: 3, attachments: 0 });

    const report = await getReport(receipt.id);
    expect(report).toMatchObject({
      channel: 'web',
      status: 'new',
      tlp: 'AMBER',
      pap: 'AMBER',
      urgent: false,
      organisationId: null,
      reporterName: 'Marie Hoarau',
      reporterEmail: 'marie.hoarau@example.net',
      observablesTruncated: false,
    });
    expect(report.suggestedOrganisationIds).toEqual([port.id, region.id]);
    const byValue = Object.fromEntries(report.observables.map((o) => [o.value, o]));
    expect(byValue['https://login.port-reunion.example/auth']).toMatchObject({
      type: 'url',
      refanged: true,
      raw: 'hxxps://login.port-reunion[.]example/auth',
      matchedOrganisationIds: [port.id],
    });
    expect(byValue['185.22.8.45']).toMatchObject({ type: 'ipv4', refanged: true, matchedOrganisationIds: [port.id] });
    expect(byValue['185.23.113.9']).toMatchObject({ type: 'ipv4', refanged: false, matchedOrganisationIds: [region.id] });
    expect(report.clocks.map((c) => [c.target, c.mode, c.status])).toEqual([
      ['acknowledge', 'business', 'running'],
      ['triage', 'business', 'running'],
    ]);

    const audit = await t.app.inject({ url: `/api/audit?action=report.submit&entityId=${receipt.id}`, headers: admin.headers });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
    const paged = await t.db.db.select().from(jobs).where(eq(jobs.name, 'reports.page-duty'));
    expect(paged.filter((j) => (j.payload as { reportId?: string }).reportId === receipt.id)).toHaveLength(0);
  });

  it('accepts an anonymous report (no name, no e-mail): the tracking link is the way back, the public reply reaches it, nothing is mailed', async () => {
    const anonymous = { title: 'Defaced town hall website', description: 'The home page shows a political message.' };
    for (const payload of [anonymous, { ...anonymous, reporter: {} }, { ...anonymous, reporter: { phone: '+262 692 11 22 33' } }]) {
      const res = await submit(payload);
      expect(res.statusCode).toBe(201);
      expect(res.json<ReportReceipt>().trackingUrl).toMatch(/\/report\/track\//);
    }
    const receipt = (await submit({ ...anonymous, urgent: true })).json<ReportReceipt>();
    const report = await getReport(receipt.id);
    expect(report).toMatchObject({
      channel: 'web',
      reporterAnonymous: true,
      reporterName: null,
      reporterEmail: null,
      reporterOrganisation: null,
      reporterPhone: null,
    });
    const triage = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${receipt.id}/triage`,
      headers: analyst.headers,
      payload: { decision: 'out-of-constituency', publicReply: 'Please tell the hosting provider.' },
    });
    expect(triage.statusCode).toBe(200);
    const tracked = await t.app.inject({ url: `/api/public/reports/track/${tokenOf(receipt)}` });
    expect(tracked.json()).toMatchObject({ status: 'closed', reply: 'Please tell the hosting provider.' });
    const mails = await t.db.db.select().from(outboxMessages).where(eq(outboxMessages.relatedId, receipt.id));
    expect(mails.filter((m) => !m.recipient.includes('@'))).toEqual([]);
    expect((await submit({ ...anonymous, reporter: { email: 'not-an-address' } })).statusCode).toBe(400);
  });

  it('marks private, documentation and loopback addresses and matches them to no one, even an organisation declaring them', async () => {
    const lan = await createOrg(t, analyst, 'Declares its LAN', [
      ['cidr', '10.0.0.0/8'],
      ['cidr', '192.0.2.0/24'],
    ]);
    const res = await submit(publicReport({ evidence: 'scan from 10.1.2.3, 192.0.2.5 and 127.0.0.1 towards 185.22.8.9' }));
    const report = await getReport(res.json<ReportReceipt>().id);
    const byValue = Object.fromEntries(report.observables.map((o) => [o.value, o]));
    expect(byValue['10.1.2.3']).toMatchObject({ range: 'private', matchedOrganisationIds: [] });
    expect(byValue['192.0.2.5']).toMatchObject({ range: 'documentation', matchedOrganisationIds: [] });
    expect(byValue['127.0.0.1']).toMatchObject({ range: 'loopback', matchedOrganisationIds: [] });
    expect(byValue['185.22.8.9']).toMatchObject({ range: null, matchedOrganisationIds: [port.id] });
    expect(report.suggestedOrganisationIds).toEqual([port.id]);
    expect(report.suggestedOrganisationIds).not.toContain(lan.id);
  });

  it('pages the duty officer for an urgent report and runs its clocks around the clock', async () => {
    const res = await submit(publicReport({ urgent: true, tlp: 'GREEN' }));
    const receipt = res.json<ReportReceipt>();
    const report = await getReport(receipt.id);
    expect(report).toMatchObject({ urgent: true, tlp: 'GREEN' });
    expect(report.clocks.map((c) => [c.target, c.mode, c.durationMs])).toEqual([
      ['acknowledge', '24/7', 1_800_000],
      ['triage', '24/7', 3_600_000],
    ]);
    const paged = await t.db.db.select().from(jobs).where(eq(jobs.name, 'reports.page-duty'));
    expect(paged.map((j) => j.payload)).toContainEqual({ reportId: receipt.id });
  });

  it('writes reports that arrive together in one batch, each whole: its reference, observables, clocks, audit event and page', async () => {
    const before = await countReports();
    const payloads = Array.from({ length: 12 }, (_, i) =>
      publicReport({
        title: `Batch report ${i}`,
        evidence: `mails from 185.22.8.${10 + i} about login-${i}.port-reunion.example`,
        urgent: i % 4 === 0,
        tlp: i % 3 === 0 ? 'GREEN' : 'AMBER',
      }),
    );
    const sql: string[] = [];
    onQueryForTests((q) => sql.push(q));
    const responses = await Promise.all(payloads.map((p) => submit(p)));
    onQueryForTests(null);
    expect(responses.map((r) => r.statusCode)).toEqual(payloads.map(() => 201));
    const receipts = responses.map((r) => r.json<ReportReceipt>());
    // One INSERT for all of them, not one per report.
    expect(sql.filter((q) => /^insert into "reports"/.test(q)).length).toBeLessThan(payloads.length);
    const numbers = receipts.map((r) => Number(r.reference.slice(-6)));
    expect(new Set(numbers).size).toBe(payloads.length);
    expect(await countReports()).toBe(before + payloads.length);
    const paged = (await t.db.db.select().from(jobs).where(eq(jobs.name, 'reports.page-duty'))).map((j) => j.payload);
    for (const [i, receipt] of receipts.entries()) {
      const report = await getReport(receipt.id);
      expect(report).toMatchObject({ title: `Batch report ${i}`, urgent: i % 4 === 0, tlp: i % 3 === 0 ? 'GREEN' : 'AMBER' });
      expect(report.observables.map((o) => o.value).sort()).toEqual([`185.22.8.${10 + i}`, `login-${i}.port-reunion.example`]);
      expect(report.observables.find((o) => o.type === 'ipv4')?.matchedOrganisationIds).toEqual([port.id]);
      expect(report.clocks.map((c) => [c.target, c.mode])).toEqual(
        i % 4 === 0
          ? [
              ['acknowledge', '24/7'],
              ['triage', '24/7'],
            ]
          : [
              ['acknowledge', 'business'],
              ['triage', 'business'],
            ],
      );
      expect(report.dueAt).toBe(report.clocks[0]?.dueAt);
      const audit = await t.app.inject({ url: `/api/audit?action=report.submit&entityId=${receipt.id}`, headers: admin.headers });
      expect(audit.json<{ items: { summary: { reference: string } }[] }>().items.map((e) => e.summary.reference)).toEqual([
        receipt.reference,
      ]);
      expect(paged.filter((p) => (p as { reportId: string }).reportId === receipt.id)).toHaveLength(i % 4 === 0 ? 1 : 0);
    }
  });

  it('keeps script tags as text in every field and answers JSON only', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await submit({
      title: `Title ${xss}`,
      description: `Desc ${xss}`,
      evidence: `Ev ${xss}`,
      reporter: { name: `Name ${xss}`, organisation: `Org ${xss}`, email: 'x@example.org' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const one = await t.app.inject({ url: `/api/reports/${res.json<ReportReceipt>().id}`, headers: analyst.headers });
    expect(one.headers['content-type']).toMatch(/^application\/json/);
    expect(one.json()).toMatchObject({
      title: `Title ${xss}`,
      description: `Desc ${xss}`,
      evidence: `Ev ${xss}`,
      reporterName: `Name ${xss}`,
      reporterOrganisation: `Org ${xss}`,
    });
  });

  it('refuses invalid fields with 400 naming each one', async () => {
    const res = await submit({
      title: 'x',
      description: '',
      reporter: { name: '', email: 'not-an-address', phone: 'call me' },
      tlp: 'PURPLE',
      extra: 1,
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ fields: { path: string }[] }>().fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.description',
        'body.reporter.name',
        'body.reporter.email',
        'body.reporter.phone',
        'body.tlp',
        'body.extra',
      ]),
    );
  });

  it('refuses a filled honeypot with 400 spam-suspected and stores nothing', async () => {
    const before = await countReports();
    const res = await submit(publicReport({ website: 'http://cheap-pills.example' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: '/problems/spam-suspected' });
    const files = fs.readdirSync(t.attachmentsDir).length;
    const mp = multipart([
      { name: 'report', value: JSON.stringify(publicReport({ website: 'x' })) },
      { name: 'attachments', filename: 'a.png', content: PNG },
    ]);
    expect((await t.app.inject({ method: 'POST', url: '/api/public/reports', ...mp })).json()).toMatchObject({
      type: '/problems/spam-suspected',
    });
    expect(await countReports()).toBe(before);
    expect(fs.readdirSync(t.attachmentsDir)).toHaveLength(files);
  });

  it('keeps the first 10,000 of 10,500 observables and says so, in reasonable time', async () => {
    const ips = Array.from({ length: 10_500 }, (_, i) => `10.${Math.floor(i / 250)}.${i % 250}.1`);
    const started = Date.now();
    const res = await submit(publicReport({ evidence: ips.join('\n') }));
    const elapsed = Date.now() - started;
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ observables: 10_000 });
    const report = await getReport(res.json<ReportReceipt>().id);
    expect(report.observables).toHaveLength(10_000);
    expect(report.observablesTruncated).toBe(true);
    expect(report.observables.some((o) => o.value === '10.0.0.1')).toBe(true);
    expect(report.observables.some((o) => o.value === ips[10_400])).toBe(false);
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('POST /api/public/reports (multipart) and GET /api/attachments/:id/download', () => {
  it('stores files content-addressed with a sniffed type, reads text files for observables, and downloads them as attachments only', async () => {
    const text = Buffer.from('Beacon every 60 s to c2.evil-example.net and 198.51.100.23\n');
    const mp = multipart([
      { name: 'report', value: JSON.stringify(publicReport({ tlp: 'CLEAR' })), type: 'application/json' },
      { name: 'attachments', filename: 'beacon log.txt', content: text, type: 'text/plain' },
      { name: 'attachments', filename: '../../etc/capture d’écran.txt', content: PNG, type: 'text/plain' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', ...mp });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ attachments: 2, observables: 2 });
    const report = await getReport(res.json<ReportReceipt>().id);
    const log = report.attachments.find((a) => a.filename === 'beacon log.txt');
    const png = report.attachments.find((a) => a.filename !== 'beacon log.txt');
    expect(log).toMatchObject({
      filename: 'beacon log.txt',
      mediaType: 'text/plain; charset=utf-8',
      size: text.length,
      sha256: createHash('sha256').update(text).digest('hex'),
    });
    expect(png).toMatchObject({ filename: 'capture d’écran.txt', mediaType: 'image/png', size: PNG.length });
    const sha = png?.sha256 ?? '';
    const stored = path.join(t.attachmentsDir, sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(fs.readFileSync(stored).equals(PNG)).toBe(true);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    expect(report.observables.find((o) => o.value === 'c2.evil-example.net')).toMatchObject({ type: 'domain', attachmentId: log?.id });

    const dl = await t.app.inject({ url: `/api/attachments/${png?.id ?? ''}/download`, headers: analyst.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="capture d__cran.txt"; filename*=UTF-8''capture%20d%E2%80%99%C3%A9cran.txt`,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toBe('sandbox');
    expect((await t.app.inject({ url: `/api/attachments/${png?.id ?? ''}/download` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/attachments/${randomUUID()}/download`, headers: analyst.headers })).json()).toMatchObject({
      type: '/problems/attachment-not-found',
    });
  });

  it('refuses a file over 10 MB with 413 naming the field, and too many files, storing no report', async () => {
    const before = await countReports();
    const big = multipart([
      { name: 'report', value: JSON.stringify(publicReport()) },
      { name: 'attachments', filename: 'small.txt', content: Buffer.from('ok') },
      { name: 'attachments', filename: 'big.bin', content: Buffer.alloc(10 * 1024 * 1024 + 1, 1) },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', ...big });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: '/problems/payload-too-large', fields: [{ path: 'body.attachments.1' }] });
    expect(res.json<{ detail: string }>().detail).toContain('big.bin');
    const many = multipart([
      { name: 'report', value: JSON.stringify(publicReport()) },
      ...Array.from({ length: 11 }, (_, i) => ({ name: 'attachments', filename: `f${i}.txt`, content: Buffer.from(`file ${i}`) })),
    ]);
    const tooMany = await t.app.inject({ method: 'POST', url: '/api/public/reports', ...many });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ fields: [{ path: 'body.attachments' }] });
    expect(await countReports()).toBe(before);
  });

  it('answers 413 over a real connection before reading the whole upload, and frees the connection', async () => {
    const own = await testApp();
    const address = await own.app.listen({ port: 0, host: '127.0.0.1' });
    const big = multipart([
      { name: 'report', value: JSON.stringify(publicReport()) },
      { name: 'attachments', filename: 'big.bin', content: Buffer.alloc(25 * 1024 * 1024, 1) },
    ]);
    const res = await fetch(`${address}/api/public/reports`, { method: 'POST', headers: big.headers, body: new Uint8Array(big.payload) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ fields: [{ path: 'body.attachments.0' }] });
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('wants the report field first and valid JSON in it', async () => {
    const filesFirst = multipart([
      { name: 'attachments', filename: 'a.txt', content: Buffer.from('x') },
      { name: 'report', value: JSON.stringify(publicReport()) },
    ]);
    expect((await t.app.inject({ method: 'POST', url: '/api/public/reports', ...filesFirst })).json()).toMatchObject({
      status: 400,
      fields: [{ path: 'body.report' }],
    });
    const bad = multipart([{ name: 'report', value: '{not json' }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/public/reports', ...bad })).statusCode).toBe(400);
    const invalid = multipart([{ name: 'report', value: JSON.stringify({ ...publicReport(), reporter: { name: 'A', email: 'nope' } }) }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/public/reports', ...invalid })).json()).toMatchObject({
      fields: [{ path: 'body.reporter.email' }],
    });
  });

  it('keeps multipart to the upload routes: other JSON routes still answer 415', async () => {
    const mp = multipart([{ name: 'name', value: 'X' }]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/organisations',
          headers: { ...analyst.headers, ...mp.headers },
          payload: mp.payload,
        })
      ).statusCode,
    ).toBe(415);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/reports', headers: { ...analyst.headers, ...mp.headers }, payload: mp.payload }))
        .statusCode,
    ).toBe(415);
  });
});

describe('GET /api/public/reports/track/:token', () => {
  it('shows the public status only, follows triage, and answers 404 alike to unknown and malformed tokens', async () => {
    const receipt = (await submit(publicReport({ evidence: '192.0.2.99' }))).json<ReportReceipt>();
    const res = await t.app.inject({ url: `/api/public/reports/track/${tokenOf(receipt)}` });
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['receivedAt', 'reference', 'reply', 'status', 'updatedAt']);
    expect(body).toMatchObject({ reference: receipt.reference, status: 'received', reply: null });
    expect(res.body).not.toContain('Hoarau');
    expect(res.body).not.toContain('192.0.2.99');

    await t.db.db.transaction((tx) =>
      markReportTriaged(tx, t.systemCtx(), receipt.id, {
        decision: 'out-of-constituency',
        publicReply: 'Please contact your provider’s CERT.',
      }),
    );
    expect((await t.app.inject({ url: `/api/public/reports/track/${tokenOf(receipt)}` })).json()).toMatchObject({
      status: 'closed',
      reply: 'Please contact your provider’s CERT.',
    });

    const unknown = await t.app.inject({ url: `/api/public/reports/track/${'A'.repeat(43)}` });
    const malformed = await t.app.inject({ url: '/api/public/reports/track/%27%20or%201%3D1--' });
    for (const r of [unknown, malformed]) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toMatchObject({ type: '/problems/report-not-found', detail: 'This tracking link is not valid' });
    }
  });
});

describe('markReportTriaged (called by the incidents feature)', () => {
  it('marks an incident report triaged, meets both clocks once, audits, and refuses a second triage with 409', async () => {
    const receipt = (await submit(publicReport({ evidence: 'seen at 192.0.2.200' }))).json<ReportReceipt>();
    const row = await t.db.db.transaction((tx) =>
      markReportTriaged(tx, t.systemCtx(), receipt.id, { decision: 'incident', note: 'Confirmed compromise' }),
    );
    expect(row).toMatchObject({ status: 'triaged', decision: 'incident', decisionNote: 'Confirmed compromise' });
    const report = await getReport(receipt.id);
    expect(report.clocks.map((c) => c.status)).toEqual(['met', 'met']);
    expect((await t.app.inject({ url: `/api/public/reports/track/${tokenOf(receipt)}` })).json()).toMatchObject({
      status: 'under-review',
      reply: null,
    });
    await expect(
      t.db.db.transaction((tx) => markReportTriaged(tx, t.systemCtx(), receipt.id, { decision: 'duplicate' })),
    ).rejects.toMatchObject({ slug: 'already-triaged' });
    const audit = await t.app.inject({ url: `/api/audit?action=report.triage&entityId=${receipt.id}`, headers: admin.headers });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await unsafeFindReportRow(t.db.db, receipt.id))?.status).toBe('triaged');
    expect((await observablesOfReports(t.systemCtx(), t.db.db, [receipt.id])).map((o) => [o.reportId, o.value])).toEqual([
      [receipt.id, '192.0.2.200'],
    ]);
    expect(await unsafeFindReportRow(t.db.db, randomUUID())).toBeNull();
  });
});

describe('TLP labels in requests', () => {
  it('reads legacy TLP:WHITE as CLEAR, and refuses a label TLP 2.0 does not have', async () => {
    const white = await submit(publicReport({ tlp: 'WHITE' }), '198.51.100.77');
    expect(white.statusCode).toBe(201);
    expect((await getReport(white.json<ReportReceipt>().id)).tlp).toBe('CLEAR');
    const bad = await submit(publicReport({ tlp: 'PURPLE' }), '198.51.100.78');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ fields: [{ path: 'body.tlp' }] });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${white.json<ReportReceipt>().id}`,
      headers: analyst.headers,
      payload: { tlp: 'WHITE' },
    });
    expect(patched.statusCode).toBe(200);
  });
});
