import { randomUUID } from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser, updateUser } from '#server/users/users.service';
import { JobWorker } from '#server/jobs/queue';
import { jobDefinitions } from '#server/jobs/registry';
import { jobs } from '#server/jobs/jobs.table';
import { listOutbox } from '#server/outbox/outbox.service';
import type { ReportRow } from '#server/reports/reports.table';
import { getReportRow } from '#server/reports/reports.service';
import { dutyOfficerAt } from './duty.service';
import type { DutyState, Notification } from '#shared/duty/duty.schemas';

const MIN = 60_000;
const HOUR = 60 * MIN;
let current = 0;
const clock = { now: () => new Date(current) };

type User = Session & { id: string; email: string };
let t: TestApp;
let lead: User;
let lead2: User;
let analyst: User;
let viewer: User;
beforeAll(async () => {
  // The fake clock starts at the real time and only moves forward, so jobs it schedules are in the queue's future.
  current = Math.ceil(Date.now() / MIN) * MIN;
  t = await testApp({ clock });
  lead = await t.as('lead');
  lead2 = await t.as('lead');
  analyst = await t.as('analyst');
  viewer = await t.as('viewer');
});
afterAll(() => t.close());

/** Runs every job due by the fake clock: jobs scheduled for it are made due in the queue, then drained. */
async function runDueJobs() {
  await t.db.db.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.status, 'queued'), lte(jobs.runAt, clock.now())));
  const w = new JobWorker({ db: t.db.db, definitions: jobDefinitions, log: pino({ level: 'silent' }), makeCtx: () => t.systemCtx() });
  while (await w.runOne()) {
    /* until empty */
  }
}

/** An urgent report through the public form: intake starts its 24/7 clocks and queues the page. */
async function urgentReport(over: Record<string, unknown> = {}): Promise<ReportRow> {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: { title: 'Ransomware note on every screen', description: 'All our files are encrypted.', urgent: true, reporter: { name: 'Paul Grondin', email: 'paul.grondin@example.net' }, ...over } });
  expect(res.statusCode).toBe(201);
  return getReportRow(t.db.db, res.json<{ id: string }>().id);
}

const duty = async (s: Session) => (await t.app.inject({ url: '/api/duty', headers: s.headers })).json<DutyState>();
const addShift = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/duty/shifts', headers: s.headers, payload });
const iso = (ms: number) => new Date(ms).toISOString();
const mine = async (s: Session) => (await t.app.inject({ url: '/api/notifications', headers: s.headers })).json<{ items: Notification[]; unacknowledged: number }>();
const about = async (s: Session, subjectId: string) => (await mine(s)).items.filter((n) => n.subjectId === subjectId);

describe('duty rota', () => {
  it('falls back to the longest-serving lead when no shift is planned', async () => {
    const state = await duty(viewer);
    expect(state).toMatchObject({ onDuty: { userId: lead.id, email: lead.email, role: 'lead' }, source: 'lead', backup: null, shifts: [] });
    expect((await dutyOfficerAt(t.db.db, clock.now()))?.userId).toBe(lead.id);
  });

  it('falls back to the next planned primary shift when none covers now, and forgets a removed shift', async () => {
    const later = await addShift(lead, { userId: lead2.id, startsAt: iso(current + 48 * HOUR), endsAt: iso(current + 56 * HOUR), note: 'weekend' });
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ userId: lead2.id, userName: 'Test lead', role: 'primary', note: 'weekend' });
    expect(await duty(viewer)).toMatchObject({ onDuty: { userId: lead2.id }, source: 'next-shift' });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty/shifts/${later.json<{ id: string }>().id}`, headers: lead.headers })).statusCode).toBe(204);
    expect(await duty(viewer)).toMatchObject({ onDuty: { userId: lead.id }, source: 'lead', shifts: [] });
  });

  it('puts the primary of the shift covering now on duty, with the backup, and lists the shifts ahead', async () => {
    expect((await addShift(lead, { userId: analyst.id, role: 'primary', startsAt: iso(current - HOUR), endsAt: iso(current + 8 * HOUR) })).statusCode).toBe(201);
    expect((await addShift(lead, { userId: lead2.id, role: 'backup', startsAt: iso(current - HOUR), endsAt: iso(current + 8 * HOUR) })).statusCode).toBe(201);
    // A shift may start exactly when the previous one ends.
    expect((await addShift(lead, { userId: lead2.id, startsAt: iso(current + 8 * HOUR), endsAt: iso(current + 16 * HOUR) })).statusCode).toBe(201);
    const state = await duty(viewer);
    expect(state).toMatchObject({ onDuty: { userId: analyst.id, role: 'analyst' }, source: 'shift', backup: { userId: lead2.id } });
    expect(state.shifts.map((s) => [s.userId, s.role])).toEqual([[lead2.id, 'backup'], [analyst.id, 'primary'], [lead2.id, 'primary']]);
    const audit = await t.app.inject({ url: '/api/audit?action=duty.shift-create', headers: lead.headers });
    expect(audit.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an overlapping primary shift with 409 naming the conflict', async () => {
    const clash = await addShift(lead, { userId: lead.id, startsAt: iso(current + 7 * HOUR), endsAt: iso(current + 9 * HOUR) });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ type: '/problems/shift-overlap', fields: [{ path: 'body.startsAt' }] });
    expect(clash.json<{ detail: string }>().detail).toContain('Test analyst');
  });

  it('refuses shifts for constituents and disabled users, a shift ending before it starts, and rota changes by a viewer', async () => {
    const org = (await t.app.inject({ method: 'POST', url: '/api/organisations', headers: analyst.headers, payload: { name: 'Org C', kind: 'constituent' } })).json<{ id: string }>();
    const email = `c-${randomUUID().slice(0, 8)}@example.org`;
    const constituent = await createUser(t.systemCtx(), { email, name: 'Constituent', role: 'constituent', organisationId: org.id, password: 'constituent password' });
    const gone = await t.createUser('analyst');
    await updateUser(t.systemCtx(), gone.id, { disabled: true });
    for (const userId of [constituent.user.id, gone.id, randomUUID()]) {
      const res = await addShift(lead, { userId, role: 'backup', startsAt: iso(current + 30 * HOUR), endsAt: iso(current + 31 * HOUR) });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ fields: [{ path: 'body.userId' }] });
    }
    const backwards = await addShift(lead, { userId: analyst.id, role: 'backup', startsAt: iso(current + 31 * HOUR), endsAt: iso(current + 30 * HOUR) });
    expect(backwards.json()).toMatchObject({ fields: [{ path: 'body.endsAt' }] });
    expect((await addShift(viewer, { userId: analyst.id, startsAt: iso(current + 40 * HOUR), endsAt: iso(current + 41 * HOUR) })).statusCode).toBe(403);
    expect((await addShift(analyst, { userId: analyst.id, startsAt: iso(current + 40 * HOUR), endsAt: iso(current + 41 * HOUR) })).statusCode).toBe(403);
    const constituentSession = await t.login(email, 'constituent password');
    expect((await t.app.inject({ url: '/api/duty', headers: constituentSession.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty/shifts/${randomUUID()}`, headers: lead.headers })).statusCode).toBe(404);
  });
});

describe('paging', () => {
  it('pages the duty officer for an urgent report (with an e-mail copy) and escalates to every lead when not acknowledged in time', async () => {
    const report = await urgentReport();
    await runDueJobs();
    const [page] = await about(analyst, report.id);
    expect(page).toMatchObject({ kind: 'page', acknowledgedAt: null });
    expect(page?.message).toContain(`${report.reference}: ${report.title}`);
    const mail = await listOutbox(t.systemCtx(), { relatedType: 'report', relatedId: report.id });
    expect(mail).toEqual([expect.objectContaining({ recipient: analyst.email, subject: `[Tocsin] Page: ${report.reference}` })]);
    expect(mail[0]?.body).not.toContain(report.title);
    expect(await about(lead, report.id)).toEqual([]);

    current += 29 * MIN;
    await runDueJobs();
    expect(await about(lead, report.id)).toEqual([]);

    current += 2 * MIN; // past the 30-minute acknowledgement target
    await runDueJobs();
    for (const l of [lead, lead2]) expect((await about(l, report.id)).map((n) => n.kind)).toEqual(['escalation']);
    const escalations = (await listOutbox(t.systemCtx(), { relatedType: 'report', relatedId: report.id })).filter((m) => m.subject.startsWith('[Tocsin] Escalation'));
    expect(escalations.map((m) => m.recipient).sort()).toEqual([lead.email, lead2.email].sort());
  });

  it('does not escalate a page acknowledged in time; only its recipient can acknowledge it', async () => {
    const report = await urgentReport();
    await runDueJobs();
    const [page] = await about(analyst, report.id);
    if (!page) throw new Error('no page');
    const theirs = await t.app.inject({ method: 'POST', url: `/api/notifications/${page.id}/acknowledge`, headers: lead.headers });
    expect(theirs.statusCode).toBe(404);
    current += 5 * MIN;
    const ack = await t.app.inject({ method: 'POST', url: `/api/notifications/${page.id}/acknowledge`, headers: analyst.headers });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ id: page.id, acknowledgedAt: new Date(current).toISOString() });
    current += 30 * MIN;
    await runDueJobs();
    expect(await about(lead, report.id)).toEqual([]);
    const list = await mine(analyst);
    const firstAcked = list.items.findIndex((n) => n.acknowledgedAt !== null);
    expect(list.items.slice(firstAcked).every((n) => n.acknowledgedAt !== null)).toBe(true);
    expect(list.unacknowledged).toBe(list.items.filter((n) => n.acknowledgedAt === null).length);
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('names only the reference when paging about a TLP:RED report', async () => {
    const report = await urgentReport({ tlp: 'RED', title: 'Minister’s mailbox compromised' });
    await runDueJobs();
    const [page] = await about(analyst, report.id);
    expect(page?.message).toContain(report.reference);
    expect(page?.message).not.toContain('Minister');
  });

  it('pages the duty officer when a P1 incident is opened', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: lead.headers, payload: { title: 'Hospital systems encrypted', categoryClass: 'malicious-code', categoryType: 'infected-system', impact: 'critical', extent: 'widespread' } });
    const incident = res.json<{ id: string; priority: string }>();
    expect(incident.priority).toBe('P1');
    await runDueJobs();
    expect((await about(analyst, incident.id)).map((n) => n.kind)).toEqual(['page']);
  });
});
