// @vitest-environment jsdom
// The report page against a stubbed server: an incident is two clicks away ("Create incident", "Confirm")
// with defaults from the report and a live score; user text is shown as text; viewers get no triage panel.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { json, renderAt, stubServer } from '#web/test-helpers';
import { analystSession, baseHandlers, ids, reportFixture } from './reports.test-helpers';

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ReportPage', () => {
  it('creates an incident in two clicks, with the report defaults, then opens it', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()),
      [`POST /api/reports/${ids.report}/triage`]: () =>
        json(200, { reportId: ids.report, decision: 'incident', incident: { id: ids.incident } }),
    });
    const router = renderAt(`/reports/${ids.report}`);

    // The first render loads the lazy report route: allow a busy machine more than the default second.
    fireEvent.click(await screen.findByRole('button', { name: 'Create incident' }, { timeout: 5000 }));
    // The organisation suggested by the observables (criticality vital) is the default: the preview uses it.
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Organisation' }).value).toBe(ids.organisation));
    const preview = screen.getByText(/Constituent criticality: Vital/).closest('div') ?? document.body;
    // Urgent phishing report about a vital constituent: triage proposes fraud/phishing with a high impact,
    // and the urgency counts too, so 68 → P1 (it was 53 → P2 when urgency was lost), with each input's share.
    expect(within(preview).getByText('68')).toBeTruthy();
    expect(within(preview).getByText('P1')).toBeTruthy();
    expect(within(preview).getByText('Urgency: Urgent +0.20')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Why this proposal' }).textContent).toContain('The reporter marked the report urgent');

    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/incidents/${ids.incident}`));
    expect(calls.find((c) => c.key === `POST /api/reports/${ids.report}/triage`)?.body).toEqual({
      decision: 'incident',
      newIncident: {
        title: 'Phishing campaign against staff',
        categoryClass: 'fraud',
        categoryType: 'phishing',
        impact: 'high',
        extent: 'single',
        urgent: true,
        organisationId: ids.organisation,
        tlp: 'AMBER',
      },
    });
  });

  it('updates the score preview as impact and extent change', async () => {
    stubServer({ ...baseHandlers(analystSession()), [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()) });
    renderAt(`/reports/${ids.report}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Create incident' }));
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Organisation' }).value).toBe(ids.organisation));
    fireEvent.change(screen.getByRole('combobox', { name: 'Impact' }), { target: { value: 'critical' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Extent' }), { target: { value: 'many' } });
    // An urgent report: critical × many × vital, urgent, is capped at 100.
    expect(await screen.findByText('100')).toBeTruthy();
    expect(screen.getAllByText('P1').length).toBeGreaterThan(0);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'fraud' } });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Type' }).value).toBe('unauthorised-use-of-resources');
  });

  it('sends "Out of constituency" with the public reply', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()),
      [`POST /api/reports/${ids.report}/triage`]: () =>
        json(200, { reportId: ids.report, decision: 'out-of-constituency', incident: null }),
    });
    renderAt(`/reports/${ids.report}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Out of constituency' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Reply to the reporter' }), {
      target: { value: 'Please report to your national CERT.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(calls.find((c) => c.key.endsWith('/triage'))?.body).toEqual({
        decision: 'out-of-constituency',
        publicReply: 'Please report to your national CERT.',
      }),
    );
  });

  it('shows what the reporter wrote as text and the evidence preformatted', async () => {
    stubServer({ ...baseHandlers(analystSession()), [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()) });
    renderAt(`/reports/${ids.report}`);
    expect(await screen.findByText(/<script>alert\(1\)<\/script>/)).toBeTruthy();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(/hxxps:\/\/login-example\[\.\]com/).tagName).toBe('PRE');
    expect(screen.getByRole('link', { name: 'Example Hospital' })).toBeTruthy();
  });

  it('pages and filters thousands of observables, marks private addresses, and says when the reporter is anonymous', async () => {
    const base = reportFixture();
    const observables = Array.from({ length: 4716 }, (_, i) => ({
      id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'ipv4' as const,
      value: i === 0 ? '10.0.0.1' : `185.${Math.floor(i / 250)}.${i % 250}.1`,
      raw: 'x',
      refanged: false,
      attachmentId: null,
      matchedOrganisationIds: [],
      range: i === 0 ? ('private' as const) : null,
    }));
    const report = { ...base, reporterAnonymous: true, reporterName: null, reporterEmail: null, observables };
    stubServer({ ...baseHandlers(analystSession()), [`GET /api/reports/${ids.report}`]: () => json(200, report) });
    renderAt(`/reports/${ids.report}`);
    const table = await screen.findByRole('table', { name: 'Observables' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('1–50 of 4,716')).toBeTruthy();
    expect(within(table).getByText('private address')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Next page' })[0] ?? document.body);
    expect(screen.getByText('51–100 of 4,716')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter Observables' }), { target: { value: '185.3.7.' } });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('185.3.7.1')).toBeTruthy();
    expect(screen.getByText(/Anonymous: the reporter left no name or e-mail/)).toBeTruthy();
  });

  it('acknowledges a new report', async () => {
    const calls = stubServer({
      ...baseHandlers(analystSession()),
      [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()),
      [`POST /api/reports/${ids.report}/acknowledge`]: () => json(200, reportFixture()),
    });
    renderAt(`/reports/${ids.report}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(calls.some((c) => c.key === `POST /api/reports/${ids.report}/acknowledge`)).toBe(true));
  });

  it('gives a viewer no triage panel and no acknowledge button', async () => {
    stubServer({
      ...baseHandlers(analystSession(['session:self', 'organisations:read', 'reports:read', 'incidents:read'])),
      [`GET /api/reports/${ids.report}`]: () => json(200, reportFixture()),
    });
    renderAt(`/reports/${ids.report}`);
    expect(await screen.findByRole('heading', { name: 'Phishing campaign against staff' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create incident' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });
});
