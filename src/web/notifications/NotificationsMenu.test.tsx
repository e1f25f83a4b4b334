// @vitest-environment jsdom
// Server messages read in the reader's language: a notification rendered from its key and parameters, its
// time in the browser's zone (here La Réunion, UTC+4), and a validation problem's fields worded in French.
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Notification } from '#shared/duty/duty.schemas';
import { ApiError } from '#web/api';
import { changeLocale, initI18n } from '#web/i18n/index';
import { createQueryClient } from '#web/queryClient';
import { json, stubServer } from '#web/test-helpers';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { NotificationsMenu } from './NotificationsMenu';

const note = (over: Partial<Notification>): Notification => ({
  id: '6f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21',
  kind: 'page',
  subjectType: 'report',
  subjectId: '7f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21',
  message: 'Urgent report TOC-2027-000001: Ransomware (acknowledge by 2027-01-11 09:02 UTC)',
  messageKey: 'notifications.message.page',
  messageParams: {
    aboutKey: 'notifications.message.urgentReport',
    reference: 'TOC-2027-000001',
    title: 'Rançongiciel',
    deadlineAt: '2027-01-11T09:02:00.000Z',
  },
  createdAt: '2027-01-11T08:32:00.000Z',
  acknowledgedAt: null,
  ...over,
});

function renderMenu(items: Notification[]) {
  stubServer({ 'GET /api/notifications?limit=50': () => json(200, { items, unacknowledged: items.length }) });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <NotificationsMenu />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

let zone: string | undefined;
beforeAll(async () => {
  zone = process.env.TZ;
  process.env.TZ = 'Indian/Reunion';
  await initI18n('fr');
});
afterAll(() => {
  process.env.TZ = zone;
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await changeLocale('fr');
});

describe('NotificationsMenu', () => {
  it('shows a French reader the page in French with its deadline in local time', async () => {
    renderMenu([note({})]);
    const text = await screen.findByText(/^Signalement urgent TOC-2027-000001 : Rançongiciel \(à acquitter avant le /);
    expect(text.textContent).toContain('13:02'); // 09:02 UTC in La Réunion
    expect(text.textContent).not.toContain('UTC');
    expect(text.textContent).not.toMatch(/Urgent report|acknowledge by/);
  });

  it('names a TLP:RED subject by reference only, and renders nested reasons (an escalation of a missed target)', async () => {
    renderMenu([
      note({
        kind: 'escalation',
        messageKey: 'notifications.message.escalation',
        messageParams: {
          whyKey: 'notifications.message.why.targetMissed',
          aboutKey: 'notifications.message.slaBreach',
          targetKey: 'notifications.target.first-action',
          reference: 'TOC-INC-2027-000002',
          title: null,
          context: 'red',
          dueAt: '2027-01-11T09:01:00.000Z',
        },
      }),
    ]);
    const text = await screen.findByText(
      /^Escalade \(l’échéance de première action est dépassée\) : Engagement dépassé : l’échéance de première action de TOC-INC-2027-000002 \(TLP:RED\) était fixée au /,
    );
    expect(text.textContent).toContain('13:01');
  });

  it('shows the stored text of a notification written before keys', async () => {
    await changeLocale('en');
    renderMenu([note({ messageKey: null, messageParams: {}, message: 'Urgent report TOC-2026-000009: old row' })]);
    expect(await screen.findByText('Urgent report TOC-2026-000009: old row')).toBeTruthy();
  });
});

describe('ErrorBanner', () => {
  it('shows a French reader a validation problem in French: title by slug, fields by code and label, no English detail', () => {
    const error = new ApiError({
      status: 400,
      type: '/problems/validation-failed',
      title: 'The request is not valid',
      detail: 'Invalid fields: params.id, body.reason',
      fields: [
        { path: 'params.id', message: 'Invalid UUID', code: 'invalid_format', params: { format: 'uuid', origin: 'string' } },
        {
          path: 'body.reason',
          message: 'Too small: expected string to have >=3 characters',
          code: 'too_small',
          params: { minimum: 3, origin: 'string' },
        },
        { path: 'body.colour', message: 'Unknown field', code: 'unknown_field' },
      ],
    });
    render(<ErrorBanner error={error} labels={{ reason: 'Motif' }} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Certains champs ne sont pas valides.');
    expect(banner.textContent).toContain('id dans l’adresse Identifiant non valide.');
    expect(banner.textContent).toContain('Motif Au moins 3 caractères.');
    expect(banner.textContent).toContain('colour Champ non accepté.');
    expect(banner.textContent).not.toMatch(/Invalid|Too small|Unknown field|params\.id/);
  });
});
