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

    fireEvent.click(await screen.findByRole('button', { name: 'Create incident' }));
    // The organisation suggested by the observables (criticality vital) is the default: the preview uses it.
    await waitFor(() => expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Organisation' }).value).toBe(ids.organisation));
    const preview = screen.getByText(/Constituent criticality: Vital/).closest('div') ?? document.body;
    // Urgent phishing report: triage proposes fraud/phishing with a high impact, so 53 → P2.
    expect(within(preview).getByText('53')).toBeTruthy();
    expect(within(preview).getByText('P2')).toBeTruthy();

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
    expect(await screen.findByText('90')).toBeTruthy();
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
