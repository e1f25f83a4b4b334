import { pino } from 'pino';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { JobWorker } from '#server/jobs/queue';
import { jobDefinitions } from '#server/app';
import type { Incident } from '#shared/incidents/incidents.schemas';
import type { Notification } from '#shared/duty/duty.schemas';
import { listOutbox } from '#server/outbox/outbox.service';

// Friday 8 January 2027, 15:00 in La Réunion (UTC+4); the team works Monday to Friday, 08:00–17:00.
let current = Date.parse('2027-01-08T11:00:00Z');
const clock = { now: () => new Date(current) };
const at = (iso: string) => {
  current = Date.parse(iso);
};
const open = [{ start: '08:00', end: '17:00' }];
const hours = {
  timeZone: 'Indian/Reunion',
  weekly: { '1': open, '2': open, '3': open, '4': open, '5': open, '6': [], '7': [] },
  holidays: { country: 'FR', region: 'RE' },
  closures: [],
  emergency247: true,
};

type User = Session & { id: string; email: string; password: string };
let t: TestApp;
let analyst: User;
let lead: User;
beforeAll(async () => {
  t = await testApp({ clock });
  lead = await t.as('lead');
  analyst = await t.as('analyst');
  const saved = await t.app.inject({
    method: 'PUT',
    url: '/api/team/profile',
    headers: lead.headers,
    payload: { baseVersion: 0, profile: { contact: { fullName: 'Test CSIRT' } }, hours },
  });
  expect(saved.statusCode).toBe(200);
});
afterAll(() => t.close());

/** Sessions live 12 hours of (fake) clock time: sign in again after moving the clock further. */
async function fresh(u: User): Promise<User> {
  return { ...u, ...(await t.login(u.email, u.password)) };
}

async function drainJobs() {
  const w = new JobWorker({ db: t.db.db, definitions: jobDefinitions, log: pino({ level: 'silent' }), makeCtx: () => t.systemCtx() });
  while (await w.runOne()) {
    /* until empty */
  }
}

async function slaCheck() {
  await t.systemCtx().jobs.enqueue('sla.check', {});
  await drainJobs();
}

const incident = async (s: Session, id: string) =>
  (await t.app.inject({ url: `/api/incidents/${id}`, headers: s.headers })).json<Incident>();
const notifications = async (s: Session) =>
  (await t.app.inject({ url: '/api/notifications', headers: s.headers })).json<{ items: Notification[]; unacknowledged: number }>().items;

describe('SLA clocks in business time', () => {
  let id = '';

  it('counts a P2 first-action target (4 business hours) across the weekend', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: analyst.headers,
      payload: {
        title: 'Web shell on the intranet',
        categoryClass: 'intrusions',
        categoryType: 'application-compromise',
        impact: 'high',
        extent: 'few',
        ownerId: analyst.id,
      },
    });
    expect(res.statusCode).toBe(201);
    const made = res.json<Incident>();
    id = made.id;
    expect(made.priority).toBe('P2');
    // Friday 15:00–17:00 (2 h), then Monday 08:00–10:00 (2 h) in La Réunion.
    expect(made.dueAt).toBe('2027-01-11T06:00:00.000Z');
  });

  it('pauses with a reason (no due time while paused) and, on resume, counts only the business time left', async () => {
    at('2027-01-08T12:00:00Z'); // Friday 16:00: one business hour used
    const pause = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${id}/clocks/first-action/pause`,
      headers: analyst.headers,
      payload: { reason: 'Waiting for the constituent to send its logs' },
    });
    expect(pause.json()).toMatchObject({
      status: 'paused',
      dueAt: null,
      pauseReason: 'Waiting for the constituent to send its logs',
      pausedAt: '2027-01-08T12:00:00.000Z',
    });
    expect((await incident(analyst, id)).dueAt).toBeNull();

    at('2027-01-11T05:00:00Z'); // Monday 09:00
    analyst = await fresh(analyst);
    const resume = await t.app.inject({ method: 'POST', url: `/api/incidents/${id}/clocks/first-action/resume`, headers: analyst.headers });
    expect(resume.statusCode).toBe(200);
    // 3 business hours remain: Monday 09:00 → 12:00 local. The paused weekend did not count.
    expect(resume.json()).toMatchObject({ status: 'running', dueAt: '2027-01-11T08:00:00.000Z', pauseReason: null });
    expect((await incident(analyst, id)).dueAt).toBe('2027-01-11T08:00:00.000Z');
    const audit = await t.app.inject({ url: `/api/audit?action=sla.pause&entityId=${id}`, headers: (await t.as('admin')).headers });
    expect(audit.json()).toMatchObject({
      items: [{ summary: { target: 'first-action', reason: 'Waiting for the constituent to send its logs' } }],
    });
  });

  it('warns the owner once when the due time approaches', async () => {
    at('2027-01-11T07:50:00Z'); // 10 minutes left (the window is min(15 min, 20 % of 4 h))
    await slaCheck();
    await slaCheck();
    const warnings = (await notifications(analyst)).filter((n) => n.kind === 'sla-warning' && n.subjectId === id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('the first action target');
    expect(warnings[0]?.message).toContain('2027-01-11 08:00 UTC');
    // The web renders it from its key and parameters, the due time in the reader's time zone.
    expect(warnings[0]).toMatchObject({
      messageKey: 'notifications.message.slaWarning',
      messageParams: {
        targetKey: 'notifications.target.first-action',
        dueAt: '2027-01-11T08:00:00.000Z',
        reference: expect.stringMatching(/^TOC-INC-/),
      },
    });
  });

  it('marks the clock breached when past due and tells the owner in the owner’s language; a P2 does not escalate', async () => {
    expect((await t.app.inject({ method: 'PATCH', url: '/api/me', headers: analyst.headers, payload: { locale: 'fr' } })).statusCode).toBe(
      200,
    );
    at('2027-01-11T08:01:00Z');
    await slaCheck();
    const after = await incident(analyst, id);
    expect(after).toMatchObject({ breached: true });
    expect(after.clocks[0]).toMatchObject({ status: 'breached', breachedAt: '2027-01-11T08:01:00.000Z' });
    const breaches = (await notifications(analyst)).filter((n) => n.kind === 'sla-breach' && n.subjectId === id);
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.message).toMatch(/^Engagement dépassé : l’échéance de première action de TOC-INC-/);
    lead = await fresh(lead);
    expect((await notifications(lead)).filter((n) => n.subjectId === id)).toEqual([]);
    await slaCheck();
    expect((await notifications(analyst)).filter((n) => n.kind === 'sla-breach' && n.subjectId === id)).toHaveLength(1);
  });

  it('escalates a breached P1 incident and a breached urgent report to every lead; without an owner the duty officer is told', async () => {
    const lead2 = await t.as('lead');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: analyst.headers,
      payload: {
        title: 'Ransomware in the hospital',
        categoryClass: 'malicious-code',
        categoryType: 'infected-system',
        impact: 'critical',
        extent: 'many',
        ownerId: null,
      },
    });
    const p1 = res.json<Incident>();
    expect(p1).toMatchObject({ priority: 'P1', ownerId: null, dueAt: '2027-01-11T09:01:00.000Z' });
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: {
        title: 'Urgent: servers encrypted',
        description: 'Everything is encrypted',
        urgent: true,
        reporter: { name: 'Paul Grondin', email: 'paul.grondin@example.net' },
      },
    });
    const report = filed.json<{ id: string }>();

    at('2027-01-11T09:02:00Z');
    await slaCheck();
    // No shift is planned: the duty officer falls back to the longest-serving lead.
    const first = (await notifications(lead))
      .filter((n) => n.subjectId === p1.id)
      .map((n) => n.kind)
      .sort();
    expect(first).toEqual(['escalation', 'page', 'sla-breach']);
    expect((await notifications(lead2)).filter((n) => n.subjectId === p1.id).map((n) => n.kind)).toEqual(['escalation']);
    const aboutReport = (await notifications(lead2)).filter((n) => n.subjectId === report.id).map((n) => n.kind);
    expect(aboutReport).toEqual(['escalation', 'escalation']); // acknowledge and triage both missed
    expect((await incident(analyst, p1.id)).breached).toBe(true);
    const escalation = (await notifications(lead2)).find((n) => n.subjectId === p1.id);
    expect(escalation).toMatchObject({
      messageKey: 'notifications.message.escalation',
      messageParams: {
        whyKey: 'notifications.message.why.targetMissed',
        aboutKey: 'notifications.message.slaBreach',
        targetKey: 'notifications.target.first-action',
        dueAt: '2027-01-11T09:01:00.000Z',
        title: 'Ransomware in the hospital',
      },
    });
    // The page's e-mail copy gives its deadline (now: first action was already due) in the team's zone, named.
    const pageMail = (await listOutbox(t.systemCtx(), { relatedType: 'incident', relatedId: p1.id })).find((m) =>
      m.subject.startsWith('[Tocsin] Page'),
    );
    expect(pageMail?.body).toContain('by 2027-01-11 13:02 (Indian/Reunion, UTC+04:00)');
  });
});
