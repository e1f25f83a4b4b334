// Service levels of reports on a fake clock: acknowledgement due times in the team's business hours (weekend,
// public holiday), urgent reports around the clock, the queue order, breaches, acknowledgement and clock pauses.
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { publicReport, settableClock } from './reports.test-helpers';
import type { Report, ReportReceipt, ReportSummary } from '#shared/reports/reports.schemas';

const clock = settableClock('2026-04-01T08:00:00Z');
let t: TestApp;
const weekday = [{ start: '09:00', end: '19:00' }];
const hours = {
  timeZone: 'Europe/Paris',
  weekly: { '1': weekday, '2': weekday, '3': weekday, '4': weekday, '5': weekday, '6': [], '7': [] },
  holidays: { country: 'FR' },
  closures: [],
  emergency247: false,
};

beforeAll(async () => {
  t = await testApp({ clock });
  const lead = await t.as('lead');
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/team/profile',
    headers: lead.headers,
    payload: { baseVersion: 0, profile: {}, hours },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => t.close());

/** Moves the clock and signs an analyst in at that time (sessions live 12 hours of the fake clock). */
async function at(iso: string): Promise<Session> {
  clock.set(iso);
  return t.as('analyst');
}

async function submitAt(iso: string, extra: Record<string, unknown> = {}): Promise<{ receipt: ReportReceipt; analyst: Session }> {
  const analyst = await at(iso);
  const res = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: publicReport(extra) });
  expect(res.statusCode).toBe(201);
  return { receipt: res.json<ReportReceipt>(), analyst };
}

async function clocksOf(id: string, s: Session) {
  const report = (await t.app.inject({ url: `/api/reports/${id}`, headers: s.headers })).json<Report>();
  return Object.fromEntries(report.clocks.map((c) => [c.target, c]));
}

describe('acknowledgement due time', () => {
  it('counts 2 business hours across the weekend: Friday 18:55 Paris → Monday 10:55', async () => {
    const { receipt, analyst } = await submitAt('2026-11-20T17:55:00Z');
    const clocks = await clocksOf(receipt.id, analyst);
    expect(clocks.acknowledge?.dueAt).toBe('2026-11-23T09:55:00.000Z');
    expect(clocks.triage?.dueAt).toBe('2026-11-23T11:55:00.000Z');
    const list = (await t.app.inject({ url: '/api/reports?status=new', headers: analyst.headers })).json<{ items: ReportSummary[] }>();
    expect(list.items.find((r) => r.id === receipt.id)).toMatchObject({ dueAt: '2026-11-23T09:55:00.000Z', breached: false });
  });

  it('skips a public holiday: Friday 3 April 2026 18:55 → Tuesday 7 April 10:55 (Easter Monday closed)', async () => {
    const { receipt, analyst } = await submitAt('2026-04-03T16:55:00Z');
    expect((await clocksOf(receipt.id, analyst)).acknowledge?.dueAt).toBe('2026-04-07T08:55:00.000Z');
  });

  it('gives an urgent report 30 minutes whatever the hours', async () => {
    const { receipt, analyst } = await submitAt('2026-11-20T17:55:00Z', { urgent: true });
    const clocks = await clocksOf(receipt.id, analyst);
    expect(clocks.acknowledge).toMatchObject({ mode: '24/7', dueAt: '2026-11-20T18:25:00.000Z' });
    expect(clocks.triage).toMatchObject({ mode: '24/7', dueAt: '2026-11-20T18:55:00.000Z' });
  });
});

describe('GET /api/reports (queue order)', () => {
  it('puts urgent reports first, then the earliest due clock (acknowledgement, then triage), and flags breaches', async () => {
    const old = (await submitAt('2026-11-23T08:00:00Z', { title: 'queue-test old' })).receipt;
    const recent = (await submitAt('2026-11-23T09:00:00Z', { title: 'queue-test recent' })).receipt;
    const urgent = (await submitAt('2026-11-23T10:00:00Z', { title: 'queue-test urgent', urgent: true })).receipt;
    const analyst = await at('2026-11-23T10:05:00Z');
    const order = async (s: Session) =>
      (await t.app.inject({ url: '/api/reports?q=queue-test', headers: s.headers })).json<{ items: ReportSummary[] }>().items;
    expect((await order(analyst)).map((r) => r.id)).toEqual([urgent.id, old.id, recent.id]);

    const ack = await t.app.inject({ method: 'POST', url: `/api/reports/${old.id}/acknowledge`, headers: analyst.headers });
    expect(ack.statusCode).toBe(200);
    expect(ack.json<Report>().clocks.find((c) => c.target === 'acknowledge')).toMatchObject({
      status: 'met',
      metAt: '2026-11-23T10:05:00.000Z',
    });
    const items = await order(analyst);
    expect(items.map((r) => r.id)).toEqual([urgent.id, recent.id, old.id]);
    expect(items.find((r) => r.id === old.id)).toMatchObject({ dueAt: '2026-11-23T12:00:00.000Z' });

    const late = await at('2026-11-23T11:30:00Z');
    const after = await order(late);
    expect(after.find((r) => r.id === urgent.id)).toMatchObject({ breached: true });
    expect(after.find((r) => r.id === recent.id)).toMatchObject({ breached: true, dueAt: '2026-11-23T11:00:00.000Z' });
    expect(after.find((r) => r.id === old.id)).toMatchObject({ breached: false });
  });
});

describe('POST /api/reports/:id/clocks/:target/pause and /resume', () => {
  it('pauses with a reason and resumes with the remaining business time; refuses bad input and roles', async () => {
    const { receipt } = await submitAt('2026-11-24T08:00:00Z');
    const analyst = await at('2026-11-24T09:00:00Z');
    const pause = (s: Session, body: object) =>
      t.app.inject({ method: 'POST', url: `/api/reports/${receipt.id}/clocks/acknowledge/pause`, headers: s.headers, payload: body });
    expect((await pause(analyst, { reason: 'no' })).statusCode).toBe(400);
    const paused = await pause(analyst, { reason: 'Waiting for the reporter’s logs' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', dueAt: null, pauseReason: 'Waiting for the reporter’s logs' });
    expect((await pause(analyst, { reason: 'again please' })).statusCode).toBe(409);
    expect((await pause(await t.as('viewer'), { reason: 'not mine to do' })).statusCode).toBe(403);

    const later = await at('2026-11-24T14:00:00Z');
    const resumed = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${receipt.id}/clocks/acknowledge/resume`,
      headers: later.headers,
    });
    expect(resumed.statusCode).toBe(200);
    // One of the two business hours was used before the pause: one hour left from 15:00 Paris.
    expect(resumed.json()).toMatchObject({ status: 'running', dueAt: '2026-11-24T15:00:00.000Z' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/reports/00000000-0000-4000-8000-000000000000/clocks/acknowledge/resume',
      headers: later.headers,
    });
    expect(unknown.json()).toMatchObject({ type: '/problems/report-not-found' });
  });
});
