// @vitest-environment jsdom
// Constituent users land on the portal, see only portal navigation, cannot open team pages, and report
// through /api/reports with their files uploaded afterwards.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { analystSession, baseHandlers, ids, reportFixture } from '#web/reports/reports.test-helpers';
import { json, renderAt, stubServer } from '#web/test-helpers';

const base = analystSession(['session:self', 'organisations:read', 'reports:submit', 'reports:read', 'incidents:read']);
const constituent = { ...base, user: { ...base.user, role: 'constituent', organisationId: ids.organisation } };
const handlers = {
  ...baseHandlers(constituent),
  'GET /api/reports?limit=25': () => json(200, { items: [reportFixture()], total: 1, totalCapped: false, nextCursor: null }),
  'GET /api/incidents?limit=25': () => json(200, { items: [], total: 0, totalCapped: false, nextCursor: null }),
};

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PortalPage', () => {
  it('is where a constituent user lands, with portal navigation only', async () => {
    stubServer(handlers);
    const router = renderAt('/');
    expect(await screen.findByRole('heading', { name: 'Portal', level: 1 })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/portal');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Portal']);
    expect(await screen.findByText('Example Hospital')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'TOC-2026-000001' })).toBeTruthy();
  });

  it('keeps constituent users out of the team queue', async () => {
    stubServer(handlers);
    renderAt('/queue');
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeTruthy();
  });

  it('sends a portal report as JSON, then its files', async () => {
    const receipt = { id: ids.report, reference: 'TOC-2026-000007', trackingUrl: '/report/track/x', observables: 0, attachments: 0 };
    const calls = stubServer({
      ...handlers,
      'POST /api/reports': () => json(201, receipt),
      [`POST /api/reports/${ids.report}/attachments`]: () => json(201, { items: [] }),
    });
    renderAt('/portal/report');
    fireEvent.change(await screen.findByRole('textbox', { name: 'Summary' }), { target: { value: 'Ransom note on a server' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'What happened' }), { target: { value: 'Files are encrypted.' } });
    fireEvent.change(screen.getByLabelText('Attachments'), { target: { files: [new File(['x'], 'note.txt')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));

    expect(await screen.findByText('TOC-2026-000007')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/reports')?.body).toEqual({
      title: 'Ransom note on a server',
      description: 'Files are encrypted.',
      urgent: false,
      tlp: 'AMBER',
    });
    await waitFor(() => expect(calls.find((c) => c.key === `POST /api/reports/${ids.report}/attachments`)?.raw).toBeInstanceOf(FormData));
  });
});
