// @vitest-environment jsdom
// The profile screen against a stubbed server: saving sends the base version and a pruned draft, a 409
// keeps the user's edits and rebases them on the newer version, viewers get a read-only form, the
// "missing" links focus their input, and an import pre-fills the form without saving.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ProfileState } from '#shared/team/team.schemas';
import { initI18n } from '#web/i18n/index';
import { json, problem, renderAt, sessionFor, stubServer } from '#web/test-helpers';

const session = (permissions: string[]) => sessionFor('lead', permissions, { totpEnabled: false });
const lead = session(['session:self', 'team:read', 'team:edit', 'team:publish']);

const state = (version: number, contact: Record<string, string>, extra: Partial<ProfileState> = {}): ProfileState => ({
  version,
  profile: {
    document: { lastUpdated: '2026-01-15' },
    contact: { fullName: 'Example CERT', email: 'cert@example.org', timeZone: 'Europe/Paris', ...contact },
  },
  hours: null,
  note: null,
  authorLabel: 'bob@example.org',
  savedAt: '2026-01-15T10:00:00.000Z',
  missing: [],
  published: null,
  ...extra,
});

const base = { 'GET /api/team/keys': () => json(200, { items: [] }) };

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ProfilePage', () => {
  it('saves a new version from the version it started from, with empty fields left out', async () => {
    const calls = stubServer({
      ...base,
      'GET /api/auth/session': () => json(200, lead),
      'GET /api/team/profile': () => json(200, state(1, {})),
      'PUT /api/team/profile': () => json(200, state(2, { telephone: '+33 1 23 45 67 89' })),
    });
    renderAt('/team/profile');
    expect((await screen.findByRole<HTMLInputElement>('textbox', { name: 'Full team name' })).value).toBe('Example CERT');
    fireEvent.change(screen.getByRole('textbox', { name: 'Telephone' }), { target: { value: '+33 1 23 45 67 89' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Version 2 saved.')).toBeTruthy();
    const put = calls.find((c) => c.key === 'PUT /api/team/profile');
    expect(put?.body).toEqual({
      baseVersion: 1,
      profile: {
        document: { lastUpdated: '2026-01-15' },
        contact: { fullName: 'Example CERT', email: 'cert@example.org', timeZone: 'Europe/Paris', telephone: '+33 1 23 45 67 89' },
      },
      hours: null,
    });
  });

  it('keeps the edits on a 409, then puts them back on top of the newer version', async () => {
    let latest = state(1, {});
    stubServer({
      ...base,
      'GET /api/auth/session': () => json(200, lead),
      'GET /api/team/profile': () => json(200, latest),
      'GET /api/team/profile/diff?from=1&to=2': () =>
        json(200, { from: 1, to: 2, changes: [{ path: 'contact.telephone', before: null, after: '+33 9' }], textDiff: '' }),
      'PUT /api/team/profile': () => {
        latest = state(2, { telephone: '+33 9' });
        return problem(409, 'profile-conflict');
      },
    });
    renderAt('/team/profile');
    const name = await screen.findByRole('textbox', { name: 'Full team name' });
    fireEvent.change(name, { target: { value: 'Mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    const alert = await screen.findByText('Your changes were not saved.');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Full team name' }).value).toBe('Mine');
    const notice = alert.parentElement ?? document.body;
    expect(await within(notice).findByText(/Fields changed in the newer version:\s*Telephone/)).toBeTruthy();
    fireEvent.click(await within(notice).findByRole('button', { name: 'Load version 2' }));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Full team name' }).value).toBe('Example CERT');
    fireEvent.click(screen.getByRole('button', { name: 'Reapply my changes' }));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Full team name' }).value).toBe('Mine');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Telephone' }).value).toBe('+33 9');
  });

  it('shows viewers a read-only profile without save, import or publish', async () => {
    stubServer({
      ...base,
      'GET /api/auth/session': () => json(200, session(['session:self', 'team:read'])),
      'GET /api/team/profile': () => json(200, state(1, {})),
    });
    renderAt('/team/profile');
    const name = await screen.findByRole('textbox', { name: 'Full team name' });
    expect(name.matches(':disabled')).toBe(true); // through the disabled <fieldset>
    expect(screen.queryByRole('button', { name: 'Save profile' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Import an existing RFC 2350 document' })).toBeNull();
  });

  it('lists what publication lacks, each a link that focuses its input', async () => {
    stubServer({
      ...base,
      'GET /api/auth/session': () => json(200, lead),
      'GET /api/team/profile': () =>
        json(
          200,
          state(1, {}, { missing: [{ path: 'profile.contact.telephone', message: 'Invalid input: expected string, received undefined' }] }),
        ),
    });
    renderAt('/team/profile');
    fireEvent.click(await screen.findByRole('link', { name: 'Telephone' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Telephone' }));
  });

  it('pre-fills the form from an imported document without saving it', async () => {
    const calls = stubServer({
      ...base,
      'GET /api/auth/session': () => json(200, lead),
      'GET /api/team/profile': () => json(200, state(1, {})),
      'POST /api/team/profile/import': () =>
        json(200, {
          profile: { contact: { fullName: 'Imported CERT', telephone: '+49 30 1234' } },
          sections: [],
          findings: [{ severity: 'warning', code: 'no-tlp', message: 'The document does not say whether or how the team uses TLP.' }],
        }),
    });
    renderAt('/team/profile');
    fireEvent.click(await screen.findByRole('button', { name: 'Import an existing RFC 2350 document' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Document text' }), { target: { value: '1. Document Information' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check the document' }));
    const review = await screen.findByRole('dialog', { name: 'What the document says' });
    expect(within(review).getByText('Warning')).toBeTruthy();
    expect(within(review).getByText(/does not say how the team uses the Traffic Light Protocol/)).toBeTruthy();
    fireEvent.click(within(review).getByRole('button', { name: 'Use this to pre-fill the form' }));

    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Full team name' }).value).toBe('Imported CERT'));
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Team e-mail' }).value).toBe('cert@example.org');
    expect(calls.some((c) => c.key === 'PUT /api/team/profile')).toBe(false);
  });
});
