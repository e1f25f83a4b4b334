// @vitest-environment jsdom
// The triage queue against a stubbed server: filters come from and go to the URL, j/k move the selection
// and Enter opens it, "/" focuses the search, and keys typed in a field are left alone; an anonymous reporter is
// said so (in English and French) where the reporter's name is shown.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { json, renderAt, sessionFor, stubServer } from '#web/test-helpers';
import { analystSession, baseHandlers, ids, reportFixture } from './reports.test-helpers';

const first = reportFixture();
const second = reportFixture({ id: ids.report2, reference: 'TOC-2026-000002', title: 'Scan from our range', urgent: false });
const list = { items: [first, second], total: 2, totalCapped: false, nextCursor: null };

beforeEach(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });

describe('QueuePage', () => {
  it('asks for new reports by default and moves through them with j/k, opening with Enter', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      'GET /api/reports?status=new&limit=50': () => json(200, list),
      [`GET /api/reports/${ids.report2}`]: () => json(200, second),
    });
    const router = renderAt('/queue');
    await screen.findByRole('link', { name: 'TOC-2026-000002' }, { timeout: 5000 });
    expect(calls.some((c) => c.key === 'GET /api/reports?status=new&limit=50')).toBe(true);

    press('j');
    expect(document.activeElement?.textContent).toBe('TOC-2026-000001');
    press('j');
    expect(document.activeElement?.textContent).toBe('TOC-2026-000002');
    press('j');
    expect(document.activeElement?.textContent).toBe('TOC-2026-000002');
    press('k');
    press('j');
    (document.activeElement as HTMLElement | null)?.blur();
    press('Enter');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/reports/${ids.report2}`));
  });

  it('focuses the search with "/" and does not hijack keys typed there', async () => {
    stubServer({ ...baseHandlers(analystSession()), 'GET /api/reports?status=new&limit=50': () => json(200, list) });
    renderAt('/queue');
    await screen.findByRole('link', { name: 'TOC-2026-000001' });
    press('/');
    const search = screen.getByRole('searchbox', { name: 'Search' });
    expect(document.activeElement).toBe(search);
    press('j', search);
    expect(document.activeElement).toBe(search);
    press('?');
    expect(screen.getByRole('button', { name: 'Keyboard shortcuts' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('reads its filters from the URL and writes changes back', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      'GET /api/reports?status=all&urgent=true&limit=50': () => json(200, { items: [], total: 0, totalCapped: false, nextCursor: null }),
      'GET /api/reports?urgent=true&limit=50': () => json(200, { items: [first], total: 1, totalCapped: false, nextCursor: null }),
      'GET /api/reports?status=closed&urgent=true&limit=50': () => json(200, { items: [], total: 0, totalCapped: false, nextCursor: null }),
    });
    const router = renderAt('/queue?status=all&urgent=true');
    expect(await screen.findByRole('link', { name: 'TOC-2026-000001' })).toBeTruthy();
    expect(calls.some((c) => c.key === 'GET /api/reports?urgent=true&limit=50')).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'closed' } });
    await waitFor(() => expect(router.state.location.search).toBe('?status=closed&urgent=true'));
  });

  it.each([
    ['en', 'Reporter', 'Anonymous'],
    ['fr', 'Auteur', 'Anonyme'],
  ] as const)('says in the reporter column that a report is anonymous (%s)', async (language, header, word) => {
    await initI18n(language);
    const anonymous = reportFixture({
      id: ids.report2,
      reference: 'TOC-2026-000002',
      reporterName: null,
      reporterEmail: null,
      reporterAnonymous: true,
    });
    stubServer({
      ...baseHandlers(sessionFor('analyst', analystSession().permissions, { locale: language })),
      'GET /api/reports?status=new&limit=50': () =>
        json(200, { items: [first, anonymous], total: 2, totalCapped: false, nextCursor: null }),
    });
    renderAt('/queue');
    await screen.findByRole('link', { name: 'TOC-2026-000002' });
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    const column = headers.indexOf(header);
    expect(column).toBeGreaterThan(0);
    const cellOf = (reference: string) => {
      const row = screen.getByRole('link', { name: reference }).closest('tr');
      if (!row) throw new Error(`no row for ${reference}`);
      return within(row).getAllByRole('cell')[column]?.textContent;
    };
    expect(cellOf('TOC-2026-000001')).toBe('Alice');
    expect(cellOf('TOC-2026-000002')).toBe(word);
  });
});
