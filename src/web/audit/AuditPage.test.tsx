// @vitest-environment jsdom
// The audit log against a stubbed server: actions, entity types and summary fields are shown in the reader's
// language as readable lines (changes as "before → after"), never as raw JSON or bare action codes.
import { cleanup, screen, within } from '@testing-library/react';
import type { AuditEvent } from '#shared/audit/audit.schemas';
import { changeLocale, initI18n } from '#web/i18n/index';
import { json, renderAt, sessionFor, stubServer } from '#web/test-helpers';

const admin = (locale: string) => sessionFor('admin', ['session:self', 'audit:read'], { locale });

const event = (seq: number, action: string, entityType: string, summary: Record<string, unknown>): AuditEvent => ({
  seq,
  at: '2026-03-02T10:00:00.000Z',
  actorId: null,
  actorLabel: 'ada@example.org',
  action,
  entityType,
  entityId: '6f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21',
  summary,
  redacted: false,
  requestId: null,
  ip: null,
});

const events = [
  { ...event(4, 'report.attach', 'report', { reference: 'TOC-2026-000007' }), redacted: true },
  event(3, 'user.update', 'user', { role: ['analyst', 'lead'], disabled: [false, true] }),
  event(2, 'user.create', 'user', { email: 'bob@example.org', passwordGenerated: true }),
  event(1, 'future.thing', 'gadget', { someNewField: null }),
];

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await changeLocale('en');
});

function serve(locale = 'en') {
  stubServer({
    'GET /api/auth/session': () => json(200, admin(locale)),
    'GET /api/audit?limit=50': () => json(200, { items: events, nextBefore: null }),
  });
}

const rowOf = async (seq: number) => {
  const cell = await screen.findByRole('cell', { name: String(seq) });
  const row = cell.closest('tr');
  if (!row) throw new Error('no row');
  return within(row);
};

describe('AuditPage', () => {
  it('shows translated actions and summaries as readable lines, in English', async () => {
    serve();
    renderAt('/audit');
    const update = await rowOf(3);
    expect(update.getByText('Updated a user')).toBeTruthy();
    expect(update.getByText('Role')).toBeTruthy();
    expect(update.getByText('analyst → lead')).toBeTruthy();
    expect(update.getByText('No → Yes')).toBeTruthy();
    const create = await rowOf(2);
    expect(create.getByText('Created a user')).toBeTruthy();
    expect(create.getByText('Password generated')).toBeTruthy();
    expect(create.getByText('bob@example.org')).toBeTruthy();
    expect(document.body.textContent).not.toContain('{"');
  });

  it('says when the server withheld the details of an item the reader may not see, in both languages', async () => {
    serve();
    renderAt('/audit');
    const reduced = await rowOf(4);
    expect(reduced.getByText('TOC-2026-000007')).toBeTruthy();
    expect(reduced.getByText('Details withheld: you may not see this item.')).toBeTruthy();
    expect((await rowOf(3)).queryByText(/Details withheld/)).toBeNull();
    cleanup();
    serve('fr');
    renderAt('/audit');
    expect((await rowOf(4)).getByText('Détails masqués : vous ne pouvez pas voir cet élément.')).toBeTruthy();
  });

  it('shows them in French, and an unknown action or field by its code', async () => {
    serve('fr');
    renderAt('/audit');
    const update = await rowOf(3);
    expect(update.getByText('Utilisateur modifié')).toBeTruthy();
    expect(update.getByText('Rôle')).toBeTruthy();
    expect(update.getByText('Non → Oui')).toBeTruthy();
    expect((await rowOf(2)).getByText('Mot de passe généré')).toBeTruthy();
    const unknown = await rowOf(1);
    expect(unknown.getByText('future.thing')).toBeTruthy();
    expect(unknown.getByText('some new field')).toBeTruthy();
    expect(unknown.getByText('aucun')).toBeTruthy();
    expect(document.body.textContent).not.toContain('{"');
  });
});
