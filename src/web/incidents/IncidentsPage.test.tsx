// @vitest-environment jsdom
// The incident list against a stubbed server: an urgent incident carries the "Urgent" badge beside its
// priority (in English and French), a non-urgent one does not; "Show more" asks for the page after the
// cursor the last page gave, and a capped total reads "more than".
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { IncidentSummary } from '#shared/incidents/incidents.schemas';
import { initI18n } from '#web/i18n/index';
import { analystSession, baseHandlers, ids } from '#web/reports/reports.test-helpers';
import { json, renderAt, sessionFor, stubServer } from '#web/test-helpers';

const summary = (extra: Partial<IncidentSummary>): IncidentSummary => ({
  id: ids.incident,
  reference: 'TOC-INC-2026-000001',
  title: 'Ransomware at the hospital',
  status: 'open',
  categoryClass: 'malicious-code',
  categoryType: 'ransomware',
  impact: 'high',
  extent: 'single',
  constituentCriticality: 'vital',
  urgent: true,
  score: 68,
  priority: 'P1',
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
  ...extra,
});

const urgent = summary({});
const calm = summary({
  id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
  reference: 'TOC-INC-2026-000002',
  title: 'Port scan',
  urgent: false,
  priority: 'P3',
  score: 20,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rowOf = (reference: string) => {
  const row = screen.getByRole('link', { name: reference }).closest('tr');
  if (!row) throw new Error(`no row for ${reference}`);
  return within(row);
};

describe('IncidentsPage', () => {
  it.each([
    ['en', 'Priority', 'Urgent'],
    ['fr', 'Priorité', 'Urgent'],
  ] as const)('marks urgent incidents in the list (%s)', async (language, header, word) => {
    await initI18n(language);
    stubServer({
      ...baseHandlers(sessionFor('analyst', analystSession().permissions, { locale: language })),
      'GET /api/incidents?limit=50': () => json(200, { items: [urgent, calm], total: 2, totalCapped: false, nextCursor: null }),
    });
    renderAt('/incidents');
    await screen.findByRole('link', { name: 'TOC-INC-2026-000002' }, { timeout: 5000 });
    expect(screen.getByRole('columnheader', { name: header })).toBeTruthy();
    expect(rowOf('TOC-INC-2026-000001').getByText(word)).toBeTruthy();
    expect(rowOf('TOC-INC-2026-000002').queryByText(word)).toBeNull();
  });

  it('loads the next page by the cursor the last page gave and says when the total is capped', async () => {
    await initI18n('en');
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      'GET /api/incidents?limit=50': () => json(200, { items: [urgent], total: 1000, totalCapped: true, nextCursor: 'bmV4dA' }),
      'GET /api/incidents?limit=50&cursor=bmV4dA': () => json(200, { items: [calm], total: 1000, totalCapped: true, nextCursor: null }),
    });
    renderAt('/incidents');
    await screen.findByRole('link', { name: 'TOC-INC-2026-000001' }, { timeout: 5000 });
    expect(screen.getByText('Showing 1 incident of more than 1000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await screen.findByRole('link', { name: 'TOC-INC-2026-000002' }, { timeout: 5000 });
    expect(calls.some((c) => c.key === 'GET /api/incidents?limit=50&cursor=bmV4dA')).toBe(true);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull());
  });
});
