// @vitest-environment jsdom
// The incident page against a stubbed server: an analyst (no users:read) picks the owner among
// "unassigned" and "me" without /api/users being called; a rescore sends impact, extent and the reason.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Incident } from '#shared/incidents/incidents.schemas';
import { initI18n } from '#web/i18n/index';
import { analystSession, baseHandlers, ids } from '#web/reports/reports.test-helpers';
import { json, renderAt, stubServer } from '#web/test-helpers';

const incident: Incident = {
  id: ids.incident,
  reference: 'TOC-INC-2026-000001',
  title: 'Phishing campaign',
  status: 'open',
  categoryClass: 'fraud',
  categoryType: 'phishing',
  impact: 'medium',
  extent: 'few',
  constituentCriticality: 'vital',
  urgent: false,
  score: 40,
  priority: 'P2',
  serviceLevel: 'coordination',
  organisationId: ids.organisation,
  organisationName: 'Example Hospital',
  ownerId: null,
  ownerName: null,
  tlp: 'AMBER',
  pap: 'AMBER',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  dueAt: null,
  breached: false,
  description: '',
  namedUserIds: [],
  scoreHistory: [
    {
      impact: 'medium',
      extent: 'few',
      constituentCriticality: 'vital',
      urgent: false,
      score: 40,
      priority: 'P2',
      reason: 'Triage',
      reasonKey: null,
      reasonParams: {},
      actorLabel: 'ada@example.org',
      at: '2026-03-02T09:00:00.000Z',
    },
  ],
  linkedReports: [{ id: ids.report, reference: 'TOC-2026-000001', title: 'Phishing mail', decision: 'incident' }],
  clocks: [],
  observables: [],
};

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('IncidentPage', () => {
  it('offers an analyst "unassigned" or "me" as owner, without listing accounts', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      [`GET /api/incidents/${ids.incident}`]: () => json(200, incident),
      [`PATCH /api/incidents/${ids.incident}`]: () => json(200, { ...incident, ownerId: ids.user, ownerName: 'Ada Lovelace' }),
    });
    renderAt(`/incidents/${ids.incident}`);
    const owner = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Owner' });
    expect([...owner.options].map((o) => o.textContent)).toEqual(['Unassigned', 'Me (Ada Lovelace)']);
    expect(screen.getByText('Fraud / Phishing')).toBeTruthy();
    fireEvent.change(owner, { target: { value: ids.user } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.find((c) => c.key.startsWith('PATCH'))?.body).toEqual({ ownerId: ids.user }));
    expect(calls.some((c) => c.key.startsWith('GET /api/users'))).toBe(false);
  });

  it('rescores with a reason, previewing the new priority', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      [`GET /api/incidents/${ids.incident}`]: () => json(200, incident),
      [`POST /api/incidents/${ids.incident}/rescore`]: () => json(200, incident),
    });
    renderAt(`/incidents/${ids.incident}`);
    const form = await screen.findByRole('form', { name: 'Rescore' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Impact' }), { target: { value: 'critical' } });
    expect(within(form).getByText('80')).toBeTruthy();
    expect(within(form).getByText('P1')).toBeTruthy();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Why rescore?' }), { target: { value: 'Ransomware found' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Rescore' }));
    await waitFor(() =>
      expect(calls.find((c) => c.key.endsWith('/rescore'))?.body).toEqual({
        impact: 'critical',
        extent: 'few',
        urgent: false,
        reason: 'Ransomware found',
      }),
    );
  });
});
