// @vitest-environment jsdom
// The public report form against a stubbed server: no login needed, JSON without files and multipart with
// them, too many files refused before sending, the honeypot hidden from people, and the tracking link shown.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { json, problem, renderAt, stubServer, type Handler } from '#web/test-helpers';

const receipt = {
  id: '5a1d3c1e-8f0b-4b6e-9d2c-1e2f3a4b5c6d',
  reference: 'TOC-2026-000042',
  trackingUrl: 'https://cert.example/report/track/s3cret',
  observables: 2,
  attachments: 0,
};
const anonymous: Record<string, Handler> = { 'GET /api/auth/session': () => problem(401, 'unauthenticated') };

function fillRequired() {
  fireEvent.change(screen.getByRole('textbox', { name: 'Your name' }), { target: { value: 'Alice' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Your e-mail' }), { target: { value: 'alice@example.org' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Summary' }), { target: { value: 'Phishing mail' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'What happened' }), { target: { value: 'Staff got a fake login mail.' } });
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PublicReportPage', () => {
  it('sends JSON without files and shows the reference and tracking link', async () => {
    const calls = stubServer({ ...anonymous, 'POST /api/public/reports': () => json(201, receipt) });
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    fillRequired();
    fireEvent.change(screen.getByRole('textbox', { name: 'Technical elements' }), { target: { value: '203.0.113.45' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Urgent' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'TLP' }), { target: { value: 'GREEN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));

    const link = await screen.findByRole('link', { name: 'Follow this report' });
    expect(link.getAttribute('href')).toBe('https://cert.example/report/track/s3cret');
    expect(screen.getByText('TOC-2026-000042')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/public/reports')?.body).toEqual({
      reporter: { name: 'Alice', email: 'alice@example.org' },
      title: 'Phishing mail',
      description: 'Staff got a fake login mail.',
      evidence: '203.0.113.45',
      urgent: true,
      tlp: 'GREEN',
    });
  });

  it('sends multipart with the report JSON and the files', async () => {
    const calls = stubServer({ ...anonymous, 'POST /api/public/reports': () => json(201, { ...receipt, attachments: 1 }) });
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    fillRequired();
    const file = new File(['From: x'], 'mail.eml', { type: 'message/rfc822' });
    fireEvent.change(screen.getByLabelText('Attachments'), { target: { files: [file] } });
    expect((await screen.findByRole('list', { name: 'Chosen files' })).textContent).toContain('mail.eml');
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));

    await screen.findByRole('link', { name: 'Follow this report' });
    const sent = calls.find((c) => c.key === 'POST /api/public/reports')?.raw;
    expect(sent).toBeInstanceOf(FormData);
    if (!(sent instanceof FormData)) return;
    const report = sent.get('report');
    expect(typeof report === 'string' ? JSON.parse(report) : null).toMatchObject({ title: 'Phishing mail', tlp: 'AMBER', urgent: false });
    expect(sent.getAll('attachments')).toHaveLength(1);
  });

  it('keeps the files but refuses to send more than ten, marking the extra one, until it is removed', async () => {
    const calls = stubServer({ ...anonymous, 'POST /api/public/reports': () => json(201, { ...receipt, attachments: 10 }) });
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    fillRequired();
    const files = Array.from({ length: 11 }, (_, i) => new File(['x'], `f${i}.txt`));
    fireEvent.change(screen.getByLabelText('Attachments'), { target: { files } });
    expect(await screen.findByText(/At most 10 files can be sent/)).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Chosen files' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(11);
    expect(within(list).getAllByText('not sent: over the limit')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Attachments')));
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /^Remove\s*f10\.txt$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(await screen.findByText(/Files received: 10\./)).toBeTruthy();
  });

  it('keeps the valid file picked with one over 10 MB, says the limit, and sends only after the large one is removed', async () => {
    const calls = stubServer({ ...anonymous, 'POST /api/public/reports': () => json(201, { ...receipt, attachments: 1 }) });
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    fillRequired();
    const small = new File(['From: x'], 'mail.eml');
    const large = new File(['x'], 'capture.pcap');
    Object.defineProperty(large, 'size', { value: 10 * 1024 * 1024 + 1 });
    fireEvent.change(screen.getByLabelText('Attachments'), { target: { files: [small, large] } });
    expect(await screen.findByText(/"capture.pcap" is larger than 10 MB \(the limit per file\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Attachments')));
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: /^Remove\s*capture\.pcap$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(await screen.findByText(/Files received: 1\./)).toBeTruthy();
    const sent = calls.find((c) => c.key === 'POST /api/public/reports')?.raw;
    expect(sent instanceof FormData ? sent.getAll('attachments').map((f) => (f as File).name) : null).toEqual(['mail.eml']);
  });

  it('sends an anonymous report: name and e-mail may stay empty', async () => {
    const calls = stubServer({ ...anonymous, 'POST /api/public/reports': () => json(201, receipt) });
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    expect(screen.getByText(/You may stay anonymous/)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Summary' }), { target: { value: 'Phishing mail' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'What happened' }), { target: { value: 'A mail asked for my password.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    await screen.findByRole('link', { name: 'Follow this report' });
    const body = calls.find((c) => c.key === 'POST /api/public/reports')?.body as { reporter?: { name?: string; email?: string } };
    expect(body.reporter?.name).toBeUndefined();
    expect(body.reporter?.email).toBeUndefined();
  });

  it('hides the honeypot from people and assistive technology', async () => {
    stubServer(anonymous);
    renderAt('/report');
    await screen.findByRole('heading', { name: 'Report an incident' });
    expect(screen.queryByRole('textbox', { name: 'Leave this field empty' })).toBeNull();
    const trap = screen.getByLabelText('Leave this field empty');
    expect(trap.getAttribute('tabindex')).toBe('-1');
    expect(trap.getAttribute('autocomplete')).toBe('off');
    expect(trap.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('shows field errors without calling the server', async () => {
    const calls = stubServer(anonymous);
    renderAt('/report');
    fireEvent.click(await screen.findByRole('button', { name: 'Send the report' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Summary' }).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('textbox', { name: 'Your name' }).getAttribute('aria-invalid')).toBeNull();
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);
  });
});
