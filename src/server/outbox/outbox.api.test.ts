// The outbox through HTTP: the e-mail copies of pages and escalations queued for an urgent report. An
// e-mail may travel unencrypted, so it names the report's reference and never its title or text, TLP:RED or not.
import { and, eq, lte, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { JobWorker } from '#server/jobs/queue';
import { jobDefinitions } from '#server/app';
import { jobs } from '#server/jobs/jobs.table';
import { listOutbox } from './outbox.service';

const MIN = 60_000;
let current = 0;
const clock = { now: () => new Date(current) };
let t: TestApp;
let onDuty: Session & { id: string; email: string };
let leads: (Session & { id: string; email: string })[];

beforeAll(async () => {
  // The fake clock starts at the real time and only moves forward, so jobs it schedules are in the queue's future.
  current = Math.ceil(Date.now() / MIN) * MIN;
  t = await testApp({ clock });
  leads = [await t.as('lead'), await t.as('lead')];
  onDuty = await t.as('analyst');
  const lead = leads[0];
  if (!lead) throw new Error('no lead');
  const shift = await t.app.inject({
    method: 'POST',
    url: '/api/duty/shifts',
    headers: lead.headers,
    payload: {
      userId: onDuty.id,
      role: 'primary',
      startsAt: new Date(current - 60 * MIN).toISOString(),
      endsAt: new Date(current + 24 * 60 * MIN).toISOString(),
    },
  });
  expect(shift.statusCode).toBe(201);
});
afterAll(() => t.close());

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

describe('e-mail copies of pages and escalations', () => {
  it.each(['AMBER', 'RED'] as const)('queues them for a TLP:%s urgent report, pending, naming the reference only', async (tlp) => {
    const title = `Hospital ransomware ${tlp}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { title, description: 'Every screen shows a ransom note from the Night Owl gang.', urgent: true, tlp },
    });
    expect(res.statusCode).toBe(201);
    const report = res.json<{ id: string; reference: string }>();
    await runDueJobs();
    current += 31 * MIN; // past the urgent acknowledgement target: the page escalates to the leads
    await runDueJobs();
    const mail = await listOutbox(t.systemCtx(), { relatedType: 'report', relatedId: report.id });
    expect([...new Set(mail.map((m) => m.recipient))].sort()).toEqual([onDuty.email, ...leads.map((l) => l.email)].sort());
    expect(mail.filter((m) => m.subject === `[Tocsin] Page: ${report.reference}`).map((m) => m.recipient)).toEqual([onDuty.email]);
    for (const m of mail) {
      expect(m).toMatchObject({ channel: 'email', status: 'pending', relatedType: 'report', relatedId: report.id, sentAt: null });
      expect(`${m.subject}\n${m.body}`).toContain(report.reference);
      expect(`${m.subject}\n${m.body}`).not.toMatch(/ransom|Night Owl/i);
    }
  });

  it('queues nothing for a report that is not urgent', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: { title: 'Spam wave', description: 'Lots of spam.' },
    });
    await runDueJobs();
    expect(await listOutbox(t.systemCtx(), { relatedType: 'report', relatedId: res.json<{ id: string }>().id })).toEqual([]);
  });
});
