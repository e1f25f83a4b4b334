import { randomUUID } from 'node:crypto';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createUser } from '#server/users/users.service';
import type { HomeState } from '#shared/home/home.schemas';
import { fullProfile } from '#tests/fixtures/team-profile';

const HOUR = 3_600_000;
let t: TestApp;
let admin: Session & { id: string };
let analyst: Session & { id: string };
let lead: Session & { id: string };
beforeAll(async () => {
  t = await testApp();
  admin = await t.as('admin');
  analyst = await t.as('analyst');
  lead = await t.as('lead');
});
afterAll(() => t.close());

const home = async (s: Session) => {
  const res = await t.app.inject({ url: '/api/home', headers: s.headers });
  expect(res.statusCode).toBe(200);
  return res.json<HomeState>();
};
const stateOf = (h: HomeState) => Object.fromEntries((h.checklist ?? []).map((c) => [c.step, c.state]));

describe('GET /api/home', () => {
  it('shows an admin of a fresh team the first-use checklist with nothing done and mail settings still to come', async () => {
    const h = await home(admin);
    expect(stateOf(h)).toEqual({ profile: 'todo', key: 'todo', publication: 'todo', organisations: 'todo', duty: 'todo', mail: 'later' });
    expect(h.reports).toEqual({ items: [], total: 0, urgent: 0 });
    expect(h.duty).toMatchObject({ onDuty: { userId: lead.id }, source: 'lead' });
  });

  it('ticks the organisation and duty steps once a constituent organisation and a shift exist, and hides the checklist from analysts', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/organisations',
          headers: analyst.headers,
          payload: { name: 'Hôpital Nord', kind: 'constituent' },
        })
      ).statusCode,
    ).toBe(201);
    const now = Date.now();
    const shift = await t.app.inject({
      method: 'POST',
      url: '/api/duty/shifts',
      headers: admin.headers,
      payload: { userId: analyst.id, startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + 8 * HOUR).toISOString() },
    });
    expect(shift.statusCode).toBe(201);
    const h = await home(admin);
    expect(stateOf(h)).toMatchObject({ organisations: 'done', duty: 'done', profile: 'todo' });
    expect(h.duty).toMatchObject({ onDuty: { userId: analyst.id, name: 'Test analyst' }, source: 'shift' });
    expect((await home(analyst)).checklist).toBeNull();
  });

  it('lets a lead hide the unfinished checklist for the whole team and show it again, audited; refuses analysts and bad bodies', async () => {
    const visibility = (s: Session, payload: unknown) =>
      t.app.inject({ method: 'PUT', url: '/api/home/checklist', headers: s.headers, payload: payload as object });
    expect(await home(admin)).toMatchObject({ checklistHidden: false });
    const hide = await visibility(lead, { hidden: true });
    expect(hide.statusCode).toBe(200);
    expect(hide.json()).toEqual({ hidden: true });
    // Hidden for the team: another admin sees it hidden too, with the way back.
    expect(await home(admin)).toMatchObject({ checklist: null, checklistHidden: true });
    expect(await home(lead)).toMatchObject({ checklist: null, checklistHidden: true });
    expect((await home(analyst)).checklistHidden).toBe(false);
    expect((await visibility(lead, { hidden: true })).statusCode).toBe(200);

    expect((await visibility(analyst, { hidden: false })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/home/checklist', payload: { hidden: false } })).statusCode).toBe(401);
    expect((await visibility(lead, { hidden: 'no' })).statusCode).toBe(400);
    expect((await visibility(lead, { hidden: false, extra: 1 })).statusCode).toBe(400);

    expect((await visibility(admin, { hidden: false })).json()).toEqual({ hidden: false });
    const shown = await home(lead);
    expect(shown.checklistHidden).toBe(false);
    expect(stateOf(shown)).toMatchObject({ profile: 'todo', organisations: 'done' });
    const audit = (await t.app.inject({ url: '/api/audit?entityType=home-checklist', headers: admin.headers })).json<{
      items: { action: string; actorId: string }[];
    }>();
    // One event per change (hiding twice records once), newest first.
    expect(audit.items.map((e) => [e.action, e.actorId])).toEqual([
      ['home.checklist-show', admin.id],
      ['home.checklist-hide', lead.id],
    ]);
  });

  it('lists an urgent report waiting for triage with its due time, and the incidents the user owns', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: {
        title: 'Ransomware at the town hall',
        description: 'Every file is encrypted.',
        urgent: true,
        reporter: { name: 'Léa Martin', email: 'lea.martin@example.net' },
      },
    });
    expect(res.statusCode).toBe(201);
    const incident = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: analyst.headers,
      payload: {
        title: 'Phishing wave',
        categoryClass: 'fraud',
        categoryType: 'phishing',
        impact: 'low',
        extent: 'single',
        ownerId: analyst.id,
      },
    });
    expect(incident.statusCode).toBe(201);
    const h = await home(analyst);
    expect(h.reports.total).toBe(1);
    expect(h.reports.urgent).toBe(1);
    expect(h.reports.items[0]).toMatchObject({ title: 'Ransomware at the town hall', urgent: true, breached: false });
    expect(Date.parse(h.reports.items[0]?.dueAt ?? '')).toBeGreaterThan(Date.now());
    expect(h.incidents).toMatchObject({ total: 1, items: [{ title: 'Phishing wave', status: 'open' }] });
    expect((await home(admin)).incidents.total).toBe(0);
  });

  it('gives a constituent only its organisation’s items, no rota and no checklist; refuses anonymous callers', async () => {
    const org = (
      await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: analyst.headers,
        payload: { name: 'Mairie Sud', kind: 'constituent' },
      })
    ).json<{ id: string }>();
    const email = `c-${randomUUID().slice(0, 8)}@example.org`;
    await createUser(t.systemCtx(), {
      email,
      name: 'Constituent',
      role: 'constituent',
      organisationId: org.id,
      password: 'constituent password',
    });
    const h = await home(await t.login(email, 'constituent password'));
    expect(h).toMatchObject({ reports: { items: [], total: 0 }, incidents: { items: [], total: 0 }, duty: null, checklist: null });
    expect((await t.app.inject({ url: '/api/home' })).statusCode).toBe(401);
  });

  it('drops the checklist by itself once every available step is done, even after it was hidden', async () => {
    const visibility = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/home/checklist', headers: lead.headers, payload });
    expect((await visibility({ hidden: true })).statusCode).toBe(200);
    const hours = {
      timeZone: 'Europe/Paris',
      weekly: { '1': [{ start: '09:00', end: '18:00' }], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] },
      holidays: { country: 'FR' },
      closures: [],
      emergency247: false,
    };
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/team/profile',
          headers: lead.headers,
          payload: { baseVersion: 0, profile: fullProfile, hours },
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/team/keys/generate', headers: admin.headers, payload: {} })).statusCode).toBe(
      201,
    );
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/team/publish', headers: lead.headers, payload: { language: 'en' } })).statusCode,
    ).toBe(201);
    expect(await home(lead)).toMatchObject({ checklist: null, checklistHidden: false });
    expect((await visibility({ hidden: false })).statusCode).toBe(200);
    expect(await home(admin)).toMatchObject({ checklist: null, checklistHidden: false });
  });
});
