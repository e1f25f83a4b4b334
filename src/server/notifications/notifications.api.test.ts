// Notifications through HTTP: one's own list (unacknowledged first), acknowledging one's own, and what a
// notification may say about its subject (a TLP:RED incident by reference only, in the reader's language).
import { randomUUID } from 'node:crypto';
import { testApp, type TestApp, type Session } from '#tests/helpers/test-app';
import { createOrg, constituentOf } from '#server/reports/reports.test-helpers';
import type { Notification, NotificationList } from '#shared/duty/duty.schemas';

type User = Session & { id: string; email: string };
let t: TestApp;
let lead: User;
let owner: User;
let frenchOwner: User;

const incident = { categoryClass: 'fraud', categoryType: 'phishing', impact: 'low', extent: 'single' };
const create = (s: Session, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/incidents', headers: s.headers, payload: { ...incident, ...payload } });
const mine = async (s: Session, query = '') => {
  const res = await t.app.inject({ url: `/api/notifications${query}`, headers: s.headers });
  expect(res.statusCode).toBe(200);
  return res.json<NotificationList>();
};
const acknowledge = (s: Session, id: string, headers: Record<string, string> = s.headers) =>
  t.app.inject({ method: 'POST', url: `/api/notifications/${id}/acknowledge`, headers });

beforeAll(async () => {
  t = await testApp();
  lead = await t.as('lead');
  owner = await t.as('analyst');
  frenchOwner = await t.as('analyst');
  expect(
    (await t.app.inject({ method: 'PATCH', url: '/api/me', headers: frenchOwner.headers, payload: { locale: 'fr' } })).statusCode,
  ).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/notifications', () => {
  it('lists the assignment of an incident to its new owner, naming it by reference and title', async () => {
    const made = (await create(lead, { title: 'Phishing of the mayor’s office', ownerId: owner.id })).json<{
      id: string;
      reference: string;
    }>();
    const list = await mine(owner);
    const n = list.items.find((x) => x.subjectId === made.id);
    expect(n).toMatchObject({
      kind: 'assignment',
      subjectType: 'incident',
      acknowledgedAt: null,
      message: `You now own incident ${made.reference}: Phishing of the mayor’s office`,
    });
    expect(n?.messageParams).toEqual({ reference: made.reference, title: 'Phishing of the mayor’s office' });
    expect(list.unacknowledged).toBeGreaterThanOrEqual(1);
    // Nobody else is told.
    expect((await mine(lead)).items.some((x) => x.subjectId === made.id)).toBe(false);
  });

  it('names a TLP:RED incident by its reference only, even to its owner, and writes in the owner’s language', async () => {
    const made = (
      await create(lead, { title: 'Minister’s phone tapped', tlp: 'RED', ownerId: frenchOwner.id, namedUserIds: [lead.id] })
    ).json<{ id: string; reference: string }>();
    const n = (await mine(frenchOwner)).items.find((x) => x.subjectId === made.id);
    expect(n?.message).toBe(`Vous êtes responsable de l’incident ${made.reference}`);
    expect(n?.messageParams).toEqual({ reference: made.reference, title: null, context: 'red' });
    expect(JSON.stringify(n)).not.toContain('Minister');
  });

  it('puts unacknowledged notifications first, honours the limit, and refuses an invalid one (400) or no session (401)', async () => {
    for (const title of ['First', 'Second', 'Third']) expect((await create(lead, { title, ownerId: owner.id })).statusCode).toBe(201);
    const all = await mine(owner);
    const first = all.items[all.items.length - 1];
    if (!first) throw new Error('no notification');
    expect((await acknowledge(owner, first.id)).statusCode).toBe(200);
    const after = await mine(owner);
    expect(after.items.at(-1)?.id).toBe(first.id);
    expect(after.unacknowledged).toBe(all.unacknowledged - 1);
    expect((await mine(owner, '?limit=2')).items).toHaveLength(2);
    const bad = await t.app.inject({ url: '/api/notifications?limit=0', headers: owner.headers });
    expect(bad.json()).toMatchObject({ status: 400, fields: [{ path: 'querystring.limit' }] });
    const anonymous = await t.app.inject({ url: '/api/notifications' });
    expect(anonymous.json()).toMatchObject({ status: 401, type: '/problems/unauthenticated' });
  });

  it('gives a constituent an empty list, never the team’s notifications', async () => {
    const org = await createOrg(t, lead, 'Commune Notif');
    const constituent = await constituentOf(t, org.id);
    expect(await mine(constituent)).toEqual({ items: [], unacknowledged: 0 });
  });
});

describe('POST /api/notifications/:id/acknowledge', () => {
  it('acknowledges one’s own notification once (the first time is kept) and audits it', async () => {
    const made = (await create(lead, { title: 'To acknowledge', ownerId: owner.id })).json<{ id: string }>();
    const n = (await mine(owner)).items.find((x) => x.subjectId === made.id);
    if (!n) throw new Error('no notification');
    const first = await acknowledge(owner, n.id);
    expect(first.statusCode).toBe(200);
    const at = first.json<Notification>().acknowledgedAt;
    expect(at).not.toBeNull();
    const again = await acknowledge(owner, n.id);
    expect(again.json<Notification>().acknowledgedAt).toBe(at);
    const audit = await t.app.inject({ url: `/api/audit?action=notification.acknowledge&entityId=${n.id}`, headers: lead.headers });
    expect(audit.json<{ items: { summary: Record<string, unknown> }[] }>().items[0]?.summary).toMatchObject({
      kind: 'assignment',
      subjectType: 'incident',
      subjectId: made.id,
    });
  });

  it('answers 404 for someone else’s notification and an unknown one, 400 for a bad id, 403 without the CSRF token, 401 without a session', async () => {
    const made = (await create(lead, { title: 'Not yours', ownerId: owner.id })).json<{ id: string }>();
    const n = (await mine(owner)).items.find((x) => x.subjectId === made.id);
    if (!n) throw new Error('no notification');
    const theirs = await acknowledge(lead, n.id);
    expect(theirs.json()).toMatchObject({ status: 404, type: '/problems/not-found' });
    expect((await acknowledge(owner, randomUUID())).statusCode).toBe(404);
    expect((await acknowledge(owner, 'not-an-id')).json()).toMatchObject({ status: 400, fields: [{ path: 'params.id' }] });
    expect((await acknowledge(owner, n.id, { cookie: owner.cookie })).json()).toMatchObject({ status: 403, type: '/problems/csrf-failed' });
    expect((await t.app.inject({ method: 'POST', url: `/api/notifications/${n.id}/acknowledge` })).statusCode).toBe(401);
    // Still unacknowledged after all of these.
    expect((await mine(owner)).items.find((x) => x.id === n.id)?.acknowledgedAt).toBeNull();
  });
});
