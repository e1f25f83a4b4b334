// @vitest-environment jsdom
// The CSV import against a stubbed server: a check that finds errors on hundreds of lines shows them a page
// at a time, with a filter, instead of one endless table.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { initI18n } from '#web/i18n/index';
import { analystSession, baseHandlers } from '#web/reports/reports.test-helpers';
import { json, renderAt, stubServer } from '#web/test-helpers';

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CsvImportDialog', () => {
  it('pages and filters the errors of a check with hundreds of bad lines', async () => {
    const errors = Array.from({ length: 320 }, (_, i) => ({
      line: i + 2,
      field: 'asset_value',
      message: `"bad-${i + 2}" is not a domain name`,
    }));
    stubServer({
      ...baseHandlers(analystSession(['session:self', 'organisations:read', 'organisations:manage'])),
      'POST /api/organisations/import': () =>
        json(200, { dryRun: true, organisationsCreated: 0, organisationsUpdated: 0, assetsAdded: 0, errors }),
    });
    renderAt('/organisations');
    fireEvent.click(await screen.findByRole('button', { name: 'Import CSV' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Import organisations from CSV' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Or paste the CSV' }), {
      target: { value: 'organisation,asset_kind,asset_value\nA,domain,bad-2' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check' }));
    const table = await within(dialog).findByRole('table', { name: 'Errors per line' }, { timeout: 5000 });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(within(dialog).getByText('1–50 of 320')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'bad-321' } });
    expect(await within(dialog).findByText('"bad-321" is not a domain name')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  }, 20_000);
});
