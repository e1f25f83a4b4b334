// @vitest-environment jsdom
// The duty page against a stubbed server: a lead edits a rota (its slots keep their ids), undoes a changed
// occurrence, and reads the rota form's validation messages, and the server's coded field errors, in French.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DutyCalendar, DutyState } from '#shared/duty/duty.schemas';
import { initI18n } from '#web/i18n/index';
import { baseHandlers } from '#web/reports/reports.test-helpers';
import { json, renderAt, sessionFor, stubServer, testUserId } from '#web/test-helpers';

const rotaId = '3b1f2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const slotId = '4c2a3d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const exceptionId = '5d3b4e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f';
const state: DutyState = { onDuty: null, source: null, backup: null, shifts: [] };
const calendar: DutyCalendar = {
  zone: 'Europe/Paris',
  from: '2026-03-02T09:00:00.000Z',
  until: '2026-03-30T09:00:00.000Z',
  rotas: [
    {
      id: rotaId,
      name: 'Office hours',
      startsOn: '2026-03-02',
      endsOn: null,
      note: null,
      createdAt: '2026-03-01T09:00:00.000Z',
      slots: [
        {
          id: slotId,
          weekdays: [1, 2, 3, 4, 5],
          startTime: '09:00',
          endTime: '17:00',
          userId: testUserId,
          userName: 'Ada Lovelace',
          role: 'primary',
        },
      ],
    },
  ],
  entries: [],
  exceptions: [{ id: exceptionId, slotId, date: '2026-03-04', userId: null, userName: null, note: null }],
};
const manager = (locale: 'en' | 'fr') => sessionFor('lead', ['session:self', 'duty:read', 'duty:manage', 'organisations:read'], { locale });
const handlers = (locale: 'en' | 'fr') => ({
  ...baseHandlers(manager(locale)),
  'GET /api/duty': () => json(200, state),
  'GET /api/duty/calendar?weeks=4': () => json(200, calendar),
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DutyPage', () => {
  it('edits a rota, sending its whole week with the kept slot id', async () => {
    await initI18n('en');
    const calls = stubServer({
      ...handlers('en'),
      [`PATCH /api/duty/rotas/${rotaId}`]: () => json(200, calendar.rotas[0]),
    });
    renderAt('/duty');
    fireEvent.click(await screen.findByRole('button', { name: /^Edit rota\s*Office hours$/ }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit the rota Office hours' }, { timeout: 5000 });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Office and evenings' } });
    fireEvent.change(within(dialog).getByLabelText('Ends at'), { target: { value: '19:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save the rota' }));
    await waitFor(() =>
      expect(calls.find((c) => c.key.startsWith('PATCH'))?.body).toEqual({
        name: 'Office and evenings',
        startsOn: '2026-03-02',
        endsOn: null,
        slots: [{ id: slotId, weekdays: [1, 2, 3, 4, 5], startTime: '09:00', endTime: '19:00', userId: testUserId, role: 'primary' }],
      }),
    );
  }, 20_000);

  it('lists a cancelled occurrence and undoes the change', async () => {
    await initI18n('en');
    const calls = stubServer({
      ...handlers('en'),
      [`DELETE /api/duty/rotas/${rotaId}/exceptions/${exceptionId}`]: () => new Response(null, { status: 204 }),
    });
    renderAt('/duty');
    const section = await screen.findByRole('region', { name: 'Changed occurrences' }, { timeout: 5000 });
    expect(within(section).getByText('Cancelled')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: /^Undo the change\s*Office hours, 2026-03-04 09:00–17:00$/ }));
    await waitFor(() => expect(calls.some((c) => c.key === `DELETE /api/duty/rotas/${rotaId}/exceptions/${exceptionId}`)).toBe(true));
  });

  it('shows the server’s coded field error on the slot, with its parameters, in French', async () => {
    await initI18n('fr');
    stubServer({
      ...handlers('fr'),
      [`PATCH /api/duty/rotas/${rotaId}`]: () =>
        json(
          409,
          {
            type: '/problems/shift-overlap',
            title: 'The shift overlaps another primary duty shift',
            status: 409,
            detail: 'The primary slot on 2026-03-04 overlaps rota Nights',
            fields: [
              { path: 'body.slots.0.startTime', message: 'Overlaps rota Nights', code: 'overlaps_rota', params: { rota: 'Nights' } },
            ],
          },
          'application/problem+json',
        ),
    });
    renderAt('/duty');
    fireEvent.click(await screen.findByRole('button', { name: /^Modifier le roulement\s*Office hours$/ }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier le roulement Office hours' }, { timeout: 5000 });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le roulement' }));
    expect(
      await within(dialog).findByText('Chevauche un créneau principal du roulement « Nights ».', undefined, { timeout: 5000 }),
    ).toBeTruthy();
    expect(within(dialog).queryByText('Overlaps rota Nights')).toBeNull();
  }, 20_000);

  it('says what is wrong with a rota in French', async () => {
    await initI18n('fr');
    const calls = stubServer(handlers('fr'));
    renderAt('/duty');
    fireEvent.click(await screen.findByRole('button', { name: /^Modifier le roulement\s*Office hours$/ }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier le roulement Office hours' }, { timeout: 5000 });
    const name = within(dialog).getByRole('textbox', { name: 'Nom' });
    const days = within(dialog)
      .getAllByRole('checkbox')
      .filter((day) => (day as HTMLInputElement).checked);
    fireEvent.change(name, { target: { value: '' } });
    for (const day of days) fireEvent.click(day);
    const save = within(dialog).getByRole('button', { name: 'Enregistrer le roulement' });
    fireEvent.click(save);
    expect(await within(dialog).findByText('Choisissez au moins un jour.', undefined, { timeout: 5000 })).toBeTruthy();
    expect(within(dialog).getByText('Obligatoire.')).toBeTruthy();

    // The period is checked once the fields are right.
    fireEvent.change(name, { target: { value: 'Bureau' } });
    for (const day of days) fireEvent.click(day);
    fireEvent.change(within(dialog).getByLabelText('Jusqu’au (facultatif)'), { target: { value: '2026-03-01' } });
    fireEvent.click(save);
    expect(
      await within(dialog).findByText('Le roulement doit finir le jour de son début ou après.', undefined, { timeout: 5000 }),
    ).toBeTruthy();
    expect(calls.some((c) => c.key.startsWith('PATCH'))).toBe(false);
  }, 20_000);
});
