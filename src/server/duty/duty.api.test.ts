import { randomUUID } from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser, updateUser } from '#server/users/users.service';
import { JobWorker } from '#server/jobs/queue';
import { jobDefinitions } from '#server/app';
import { jobs } from '#server/jobs/jobs.table';
import { listOutbox } from '#server/outbox/outbox.service';
import type { ReportRow } from '#server/reports/reports.table';
import { unsafeFindReportRow } from '#server/reports/reports.service';
import { clocksOf } from '#server/sla/sla.service';
import { dutyAt, dutyOfficerAt } from './duty.service';
import type { DutyCalendar, DutyState, Notification } from '#shared/duty/duty.schemas';

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
  await t.db.db
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(and(eq(jobs.status, 'queued'), lte(jobs.runAt, clock.now())));
  const w = new JobWorker({ db: t.db.db, definitions: jobDefinitions, log: pino({ level: 'silent' }), makeCtx: () => t.systemCtx() });
  while (await w.runOne()) {
    /* until empty */
  }
}

/** An urgent report through the public form: intake starts its 24/7 clocks and queues the page. */
async function urgentReport(over: Record<string, unknown> = {}): Promise<ReportRow> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    payload: {
      title: 'Ransomware note on every screen',
      description: 'All our files are encrypted.',
      urgent: true,
      reporter: { name: 'Paul Grondin', email: 'paul.grondin@example.net' },
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
  const row = await unsafeFindReportRow(t.db.db, res.json<{ id: string }>().id);
  if (!row) throw new Error('the report was not stored');
  return row;
}

const duty = async (s: Session) => (await t.app.inject({ url: '/api/duty', headers: s.headers })).json<DutyState>();
const addShift = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/duty/shifts', headers: s.headers, payload });
const iso = (ms: number) => new Date(ms).toISOString();
const mine = async (s: Session) =>
  (await t.app.inject({ url: '/api/notifications', headers: s.headers })).json<{ items: Notification[]; unacknowledged: number }>();
const about = async (s: Session, subjectId: string) => (await mine(s)).items.filter((n) => n.subjectId === subjectId);

describe('duty rota', () => {
  it('falls back to the longest-serving lead when no shift is planned', async () => {
    const state = await duty(viewer);
    expect(state).toMatchObject({ onDuty: { userId: lead.id, email: lead.email, role: 'lead' }, source: 'lead', backup: null, shifts: [] });
    expect((await dutyOfficerAt(t.db.db, clock.now()))?.userId).toBe(lead.id);
  });

  it('falls back to the next planned primary shift when none covers now, and forgets a removed shift', async () => {
    const later = await addShift(lead, {
      userId: lead2.id,
      startsAt: iso(current + 48 * HOUR),
      endsAt: iso(current + 56 * HOUR),
      note: 'weekend',
    });
    expect(later.statusCode).toBe(201);
    expect(later.json()).toMatchObject({ userId: lead2.id, userName: 'Test lead', role: 'primary', note: 'weekend' });
    expect(await duty(viewer)).toMatchObject({ onDuty: { userId: lead2.id }, source: 'next-shift' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/duty/shifts/${later.json<{ id: string }>().id}`, headers: lead.headers }))
        .statusCode,
    ).toBe(204);
    expect(await duty(viewer)).toMatchObject({ onDuty: { userId: lead.id }, source: 'lead', shifts: [] });
  });

  it('puts the primary of the shift covering now on duty, with the backup, and lists the shifts ahead', async () => {
    expect(
      (await addShift(lead, { userId: analyst.id, role: 'primary', startsAt: iso(current - HOUR), endsAt: iso(current + 8 * HOUR) }))
        .statusCode,
    ).toBe(201);
    expect(
      (await addShift(lead, { userId: lead2.id, role: 'backup', startsAt: iso(current - HOUR), endsAt: iso(current + 8 * HOUR) }))
        .statusCode,
    ).toBe(201);
    // A shift may start exactly when the previous one ends.
    expect(
      (await addShift(lead, { userId: lead2.id, startsAt: iso(current + 8 * HOUR), endsAt: iso(current + 16 * HOUR) })).statusCode,
    ).toBe(201);
    const state = await duty(viewer);
    expect(state).toMatchObject({ onDuty: { userId: analyst.id, role: 'analyst' }, source: 'shift', backup: { userId: lead2.id } });
    expect(state.shifts.map((s) => [s.userId, s.role])).toEqual([
      [lead2.id, 'backup'],
      [analyst.id, 'primary'],
      [lead2.id, 'primary'],
    ]);
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
    const org = (
      await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: analyst.headers,
        payload: { name: 'Org C', kind: 'constituent' },
      })
    ).json<{ id: string }>();
    const email = `c-${randomUUID().slice(0, 8)}@example.org`;
    const constituent = await createUser(t.systemCtx(), {
      email,
      name: 'Constituent',
      role: 'constituent',
      organisationId: org.id,
      password: 'constituent password',
    });
    const gone = await t.createUser('analyst');
    await updateUser(t.systemCtx(), gone.id, { disabled: true });
    for (const userId of [constituent.user.id, gone.id, randomUUID()]) {
      const res = await addShift(lead, { userId, role: 'backup', startsAt: iso(current + 30 * HOUR), endsAt: iso(current + 31 * HOUR) });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ fields: [{ path: 'body.userId' }] });
    }
    const backwards = await addShift(lead, {
      userId: analyst.id,
      role: 'backup',
      startsAt: iso(current + 31 * HOUR),
      endsAt: iso(current + 30 * HOUR),
    });
    expect(backwards.json()).toMatchObject({ fields: [{ path: 'body.endsAt' }] });
    expect(
      (await addShift(viewer, { userId: analyst.id, startsAt: iso(current + 40 * HOUR), endsAt: iso(current + 41 * HOUR) })).statusCode,
    ).toBe(403);
    expect(
      (await addShift(analyst, { userId: analyst.id, startsAt: iso(current + 40 * HOUR), endsAt: iso(current + 41 * HOUR) })).statusCode,
    ).toBe(403);
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
    // The web renders the page from its key and parameters, the deadline in the reader's time zone.
    const deadline = (await clocksOf(t.db.db, 'report', [report.id])).find((c) => c.target === 'acknowledge')?.dueAt;
    if (!deadline) throw new Error('no acknowledge clock');
    expect(page).toMatchObject({
      messageKey: 'notifications.message.page',
      messageParams: {
        aboutKey: 'notifications.message.urgentReport',
        reference: report.reference,
        title: report.title,
        deadlineAt: deadline.toISOString(),
      },
    });
    // The e-mail copy gives the deadline in the team's time zone (Europe/Paris until the team sets its hours), zone named.
    const paris = DateTime.fromJSDate(deadline, { zone: 'Europe/Paris' });
    expect(mail[0]?.body).toContain(`by ${paris.toFormat('yyyy-MM-dd HH:mm')} (Europe/Paris, UTC${paris.toFormat('ZZ')})`);
    expect(mail[0]?.body).not.toContain('UTC ');

    current += 29 * MIN;
    await runDueJobs();
    expect(await about(lead, report.id)).toEqual([]);

    current += 2 * MIN; // past the 30-minute acknowledgement target
    await runDueJobs();
    for (const l of [lead, lead2]) expect((await about(l, report.id)).map((n) => n.kind)).toEqual(['escalation']);
    expect((await about(lead, report.id))[0]).toMatchObject({
      messageKey: 'notifications.message.escalation',
      messageParams: {
        whyKey: 'notifications.message.why.pageUnacknowledged',
        aboutKey: 'notifications.message.reference',
        reference: report.reference,
      },
    });
    const escalations = (await listOutbox(t.systemCtx(), { relatedType: 'report', relatedId: report.id })).filter((m) =>
      m.subject.startsWith('[Tocsin] Escalation'),
    );
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
    expect(page?.messageParams).toMatchObject({ reference: report.reference, title: null, context: 'red' });
    expect(JSON.stringify(page?.messageParams)).not.toContain('Minister');
  });

  it('pages the duty officer when a P1 incident is opened', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: lead.headers,
      payload: {
        title: 'Hospital systems encrypted',
        categoryClass: 'malicious-code',
        categoryType: 'infected-system',
        impact: 'critical',
        extent: 'widespread',
      },
    });
    const incident = res.json<{ id: string; priority: string }>();
    expect(incident.priority).toBe('P1');
    await runDueJobs();
    expect((await about(analyst, incident.id)).map((n) => n.kind)).toEqual(['page']);
  });
});

describe('repeating rotas', () => {
  const addRota = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/duty/rotas', headers: s.headers, payload });
  const addException = (s: Session, rotaId: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/duty/rotas/${rotaId}/exceptions`, headers: s.headers, payload });
  const parisDate = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
  const allWeek = [1, 2, 3, 4, 5, 6, 7];
  let onRota: { id: string; email: string };
  let rota: { id: string; slots: { id: string; role: string }[] };

  it('puts a rota occurrence on duty where no one-off shift covers, the one-off shift overriding it elsewhere', async () => {
    onRota = await t.createUser('analyst');
    const res = await addRota(lead, {
      name: 'Around the clock',
      startsOn: parisDate(current - 2 * 24 * HOUR),
      slots: [{ weekdays: allWeek, startTime: '00:00', endTime: '00:00', userId: onRota.id }],
    });
    expect(res.statusCode).toBe(201);
    rota = res.json();
    expect(rota).toMatchObject({
      name: 'Around the clock',
      endsOn: null,
      slots: [{ weekdays: allWeek, startTime: '00:00', endTime: '00:00', userId: onRota.id, userName: 'Test analyst', role: 'primary' }],
    });
    // The one-off shifts planned above (analyst until +8 h, lead2 until +16 h) still decide; the rota covers after them.
    expect((await dutyOfficerAt(t.db.db, new Date(current + 4 * HOUR)))?.userId).toBe(analyst.id);
    expect(await dutyOfficerAt(t.db.db, new Date(current + 20 * HOUR))).toMatchObject({ userId: onRota.id, source: 'shift' });
    const audit = await t.app.inject({ url: '/api/audit?action=duty.rota-create', headers: lead.headers });
    expect(audit.json<{ items: { entityId: string }[] }>().items.map((i) => i.entityId)).toContain(rota.id);
  });

  it('shows the coming four weeks with rota occurrences, one-off shifts and what overrides what', async () => {
    const res = await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers });
    expect(res.statusCode).toBe(200);
    const cal = res.json<DutyCalendar>();
    expect(cal.zone).toBe('Europe/Paris');
    const rotaEntries = cal.entries.filter((e) => e.kind === 'rota');
    expect(rotaEntries.length).toBeGreaterThanOrEqual(28);
    expect(rotaEntries.every((e) => e.userId === onRota.id && e.rotaName === 'Around the clock')).toBe(true);
    expect(rotaEntries[0]?.overridden).toBe(true);
    expect(rotaEntries.at(-1)?.overridden).toBe(false);
    expect(cal.entries.some((e) => e.kind === 'shift' && e.userId === analyst.id)).toBe(true);
    expect(cal.rotas.map((r) => r.id)).toContain(rota.id);
    expect((await t.app.inject({ url: '/api/duty/calendar?weeks=13', headers: viewer.headers })).statusCode).toBe(400);
  });

  it('applies an exception: another person takes one occurrence, a cancelled one falls back, a second change is a 409', async () => {
    const slotId = rota.slots[0]?.id;
    const at = current + 20 * HOUR;
    const replaced = await addException(lead, rota.id, { slotId, date: parisDate(at), userId: lead2.id, note: 'swap' });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json()).toMatchObject({ slotId, date: parisDate(at), userId: lead2.id, userName: 'Test lead' });
    expect((await dutyOfficerAt(t.db.db, new Date(at)))?.userId).toBe(lead2.id);
    const again = await addException(lead, rota.id, { slotId, date: parisDate(at), userId: null });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: '/problems/duty-exception-exists', fields: [{ path: 'body.date' }] });

    const later = at + 24 * HOUR;
    expect((await addException(lead, rota.id, { slotId, date: parisDate(later), userId: null })).statusCode).toBe(201);
    // Nobody covers the cancelled day: the next rota occurrence's person is paged (the next-shift fallback).
    expect(await dutyOfficerAt(t.db.db, new Date(later))).toMatchObject({ userId: onRota.id, source: 'next-shift' });
    const cal = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    expect(cal.entries.find((e) => e.kind === 'rota' && e.date === parisDate(at))).toMatchObject({ userId: lead2.id, replaced: true });
    expect(cal.entries.find((e) => e.kind === 'rota' && e.date === parisDate(later))).toBeUndefined();
    expect(cal.exceptions).toHaveLength(2);
    const audit = await t.app.inject({ url: '/api/audit?action=duty.rota-exception', headers: lead.headers });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('keeps slot times on the wall clock across a DST change', async () => {
    // Europe/Paris moves to summer time on Sunday 28 March 2027: 09:00 is 08:00Z before and 07:00Z after.
    const res = await addRota(lead, {
      name: 'Backup office hours',
      startsOn: '2027-03-22',
      endsOn: '2027-04-04',
      slots: [{ weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', userId: lead2.id, role: 'backup' }],
    });
    expect(res.statusCode).toBe(201);
    const backupAt = async (iso: string) => (await dutyAt(t.db.db, new Date(iso))).backup?.userId ?? null;
    expect(await backupAt('2027-03-26T07:30:00Z')).toBeNull(); // 08:30 CET
    expect(await backupAt('2027-03-26T08:30:00Z')).toBe(lead2.id); // 09:30 CET
    expect(await backupAt('2027-03-29T07:30:00Z')).toBe(lead2.id); // 09:30 CEST
    expect(await backupAt('2027-03-29T15:30:00Z')).toBeNull(); // 17:30 CEST
    expect(await backupAt('2027-04-05T07:30:00Z')).toBeNull(); // after the rota ends
  });

  it('refuses overlapping primary slots (409), invalid rotas (400), changes by a viewer or analyst (403), and unknown rotas (404)', async () => {
    const clash = await addRota(lead, {
      name: 'Office',
      startsOn: parisDate(current),
      slots: [{ weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', userId: lead.id }],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ type: '/problems/shift-overlap', fields: [{ path: 'body.slots.0.startTime' }] });
    expect(clash.json<{ detail: string }>().detail).toContain('Around the clock');
    const self = await addRota(lead, {
      name: 'Self',
      startsOn: '2030-01-01',
      endsOn: '2030-01-31',
      slots: [
        { weekdays: [1], startTime: '08:00', endTime: '12:00', userId: lead.id },
        { weekdays: [1], startTime: '11:00', endTime: '13:00', userId: lead2.id },
      ],
    });
    expect(self.statusCode).toBe(409);

    const bad = await addRota(lead, {
      name: '',
      startsOn: '2030-02-01',
      endsOn: '2030-01-01',
      slots: [{ weekdays: [8], startTime: '25:00', endTime: '12:00', userId: lead.id }],
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ fields: { path: string }[] }>().fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.slots.0.weekdays.0', 'body.slots.0.startTime']));
    const viewerSlot = await addRota(lead, {
      name: 'Nobody',
      startsOn: '2030-01-01',
      slots: [{ weekdays: [1], startTime: '08:00', endTime: '12:00', userId: randomUUID() }],
    });
    expect(viewerSlot.json()).toMatchObject({ fields: [{ path: 'body.slots.0.userId' }] });
    const wrongDay = await addException(lead, rota.id, { slotId: rota.slots[0]?.id, date: '2020-01-01', userId: null });
    expect(wrongDay.statusCode).toBe(400);
    expect(wrongDay.json()).toMatchObject({ fields: [{ path: 'body.date' }] });

    const fine = {
      name: 'Weekend',
      startsOn: '2031-01-01',
      slots: [{ weekdays: [6], startTime: '08:00', endTime: '12:00', userId: lead.id }],
    };
    expect((await addRota(viewer, fine)).statusCode).toBe(403);
    expect((await addRota(analyst, fine)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/duty/rotas', payload: fine })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty/rotas/${randomUUID()}`, headers: lead.headers })).statusCode).toBe(404);
    expect((await addException(lead, randomUUID(), { slotId: randomUUID(), date: '2030-01-01', userId: null })).statusCode).toBe(404);
    expect((await addException(lead, rota.id, { slotId: randomUUID(), date: '2030-01-01', userId: null })).statusCode).toBe(404);
  });

  it('changes a rota: name, then its week (a slot kept by id keeps its exceptions, stale ones go), and audits it', async () => {
    const patch = (s: Session, id: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/duty/rotas/${id}`, headers: s.headers, payload });
    const slotId = rota.slots[0]?.id ?? '';
    const renamed = await patch(lead, rota.id, { name: 'Nights and days' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: rota.id, name: 'Nights and days', slots: [{ id: slotId, weekdays: allWeek }] });

    // The replaced occurrence (in 20 h) falls on a weekday the slot no longer runs on: its exception goes.
    const at = current + 20 * HOUR;
    const skipped = DateTime.fromMillis(at, { zone: 'Europe/Paris' }).weekday;
    const week = [
      { id: slotId, weekdays: allWeek.filter((d) => d !== skipped), startTime: '00:00', endTime: '00:00', userId: onRota.id },
      { weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', userId: lead.id, role: 'backup' },
    ];
    const changed = await patch(lead, rota.id, { slots: week });
    expect(changed.statusCode).toBe(200);
    const body = changed.json<{ slots: { id: string; role: string; weekdays: number[] }[] }>();
    expect(body.slots.map((s) => s.role)).toEqual(['primary', 'backup']);
    expect(body.slots[0]).toMatchObject({ id: slotId, weekdays: week[0]?.weekdays });
    const cal = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    expect(cal.exceptions.map((e) => e.date)).toEqual([parisDate(at + 24 * HOUR)]);
    expect(cal.entries.some((e) => e.kind === 'rota' && e.date === parisDate(at) && e.role === 'primary')).toBe(false);

    const audit = (await t.app.inject({ url: '/api/audit?action=duty.rota-update', headers: lead.headers })).json<{
      items: { entityId: string; summary: { changes: Record<string, unknown>; exceptionsRemoved: unknown[] } }[];
    }>();
    expect(audit.items.map((i) => i.entityId)).toEqual([rota.id, rota.id]);
    expect(audit.items[1]?.summary.changes).toEqual({ name: ['Around the clock', 'Nights and days'] });
    expect(audit.items[0]?.summary.exceptionsRemoved).toEqual([{ slotId, date: parisDate(at) }]);
    expect(Object.keys(audit.items[0]?.summary.changes ?? {})).toEqual(['slots']);
  });

  it('refuses a rota change that overlaps, ends before it starts or names a foreign slot, each field coded (400/404/409), and by a viewer (403)', async () => {
    const patch = (s: Session, id: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/duty/rotas/${id}`, headers: s.headers, payload });
    const cal = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    const office = cal.rotas.find((r) => r.name === 'Backup office hours');
    if (!office) throw new Error('no office rota');
    const officeSlot = { weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '17:00', userId: lead2.id };
    const overlap = await patch(lead, office.id, { slots: [{ ...officeSlot, id: office.slots[0]?.id, role: 'primary' }] });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({
      type: '/problems/shift-overlap',
      fields: [{ path: 'body.slots.0.startTime', code: 'overlaps_rota', params: { rota: 'Nights and days' } }],
    });
    const backwards = await patch(lead, office.id, { endsOn: '2027-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ fields: [{ path: 'body.endsOn', code: 'ends_before_start' }] });
    const foreign = await patch(lead, office.id, { slots: [{ ...officeSlot, id: rota.slots[0]?.id, role: 'backup' }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ fields: [{ path: 'body.slots.0.id', code: 'unknown_slot' }] });
    const outsider = await patch(lead, office.id, { slots: [{ ...officeSlot, userId: randomUUID(), role: 'backup' }] });
    expect(outsider.json()).toMatchObject({ fields: [{ path: 'body.slots.0.userId', code: 'not_team_member' }] });
    expect((await patch(lead, randomUUID(), { name: 'Ghost' })).statusCode).toBe(404);
    expect((await patch(viewer, office.id, { name: 'Mine' })).statusCode).toBe(403);
    expect((await patch(lead, office.id, { name: 'Mine', unknown: 1 })).statusCode).toBe(400);
    const wrongDay = await addException(lead, rota.id, { slotId: rota.slots[0]?.id, date: '2020-01-01', userId: null });
    expect(wrongDay.json()).toMatchObject({ fields: [{ path: 'body.date', code: 'not_slot_day' }] });
    const unchanged = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    expect(unchanged.rotas.find((r) => r.id === office.id)).toEqual(office);
  });

  it('removes an exception, giving the occurrence back to the slot, and audits it (404 twice or through another rota, 403 for a viewer)', async () => {
    const later = current + 44 * HOUR;
    const cal = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    const exception = cal.exceptions[0];
    if (!exception) throw new Error('no exception');
    expect(exception).toMatchObject({ date: parisDate(later), userId: null });
    const office = cal.rotas.find((r) => r.name === 'Backup office hours');
    const remove = (s: Session, rotaId: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/duty/rotas/${rotaId}/exceptions/${exception.id}`, headers: s.headers });
    expect((await remove(viewer, rota.id)).statusCode).toBe(403);
    expect((await remove(lead, office?.id ?? randomUUID())).statusCode).toBe(404);
    expect((await remove(lead, rota.id)).statusCode).toBe(204);
    expect((await remove(lead, rota.id)).statusCode).toBe(404);
    const after = (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers })).json<DutyCalendar>();
    expect(after.exceptions).toEqual([]);
    expect(after.entries.find((e) => e.kind === 'rota' && e.role === 'primary' && e.date === parisDate(later))).toMatchObject({
      userId: onRota.id,
      replaced: false,
    });
    const audit = (await t.app.inject({ url: '/api/audit?action=duty.rota-exception-delete', headers: lead.headers })).json<{
      items: { entityId: string; summary: Record<string, unknown> }[];
    }>();
    expect(audit.items).toMatchObject([
      { entityId: rota.id, summary: { slotId: exception.slotId, date: parisDate(later), cancelled: true } },
    ]);
  });

  it('keeps the slots in the order they were given, even when they start at the same time', async () => {
    const slot = (weekdays: number[]) => ({ weekdays, startTime: '09:00', endTime: '17:00', userId: lead.id, role: 'backup' });
    const created = await addRota(lead, {
      name: 'Ordered',
      startsOn: parisDate(current),
      slots: [slot([6]), slot([1, 2, 3, 4, 5]), slot([7])],
    });
    expect(created.statusCode).toBe(201);
    const made = created.json<{ id: string; slots: { id: string; weekdays: number[] }[] }>();
    expect(made.slots.map((s) => s.weekdays)).toEqual([[6], [1, 2, 3, 4, 5], [7]]);
    const listed = async () =>
      (await t.app.inject({ url: '/api/duty/calendar', headers: viewer.headers }))
        .json<DutyCalendar>()
        .rotas.find((r) => r.id === made.id)
        ?.slots.map((s) => s.weekdays);
    expect(await listed()).toEqual([[6], [1, 2, 3, 4, 5], [7]]);
    // Reordered in the editor: the saved order is the new one, each slot keeping its id.
    const reversed = [...made.slots].reverse().map((s) => ({ ...slot(s.weekdays), id: s.id }));
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/duty/rotas/${made.id}`,
      headers: lead.headers,
      payload: { slots: reversed },
    });
    expect(res.statusCode).toBe(200);
    expect(await listed()).toEqual([[7], [1, 2, 3, 4, 5], [6]]);
  });

  it('removes a rota with its occurrences, and audits it', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/duty/rotas/${rota.id}`, headers: lead.headers })).statusCode).toBe(204);
    expect((await dutyOfficerAt(t.db.db, new Date(current + 3 * 24 * HOUR)))?.userId).not.toBe(onRota.id);
    const audit = await t.app.inject({ url: '/api/audit?action=duty.rota-delete', headers: lead.headers });
    expect(audit.json<{ items: { entityId: string }[] }>().items.map((i) => i.entityId)).toEqual([rota.id]);
  });
});
