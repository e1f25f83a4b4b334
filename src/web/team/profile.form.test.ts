// The profile form model: draft ↔ form values, pruning, validation through the shared contract with
// issues on the form's own paths, import merging and the rebase used after a conflict.
import type { TeamProfileDraft } from '#shared/rfc2350/profile.schemas';
import { fromState, mergeImported, ProfileEditor, prune, rebase, toDraftInput, type ProfileFormValues } from './profile.form';

const draft: TeamProfileDraft = {
  document: { lastUpdated: '2026-01-15', locations: ['https://cert.example.org/rfc2350.txt'] },
  contact: {
    fullName: 'Example CERT',
    email: 'cert@example.org',
    timeZone: 'Europe/Paris',
    otherEmails: ['abuse@example.org'],
    publicKeys: [
      { keyId: '3199 88F4', fingerprint: 'b883 6e81 1c7f 68ad 3fa2 8c2d 8ad6 6817 3199 88f4', userIds: ['CERT <cert@example.org>'] },
    ],
  },
  policies: { tlpVersion: '2.0', responsibleDisclosure: { text: 'Tell us first.', gracePeriodDays: 90 } },
};

const values = (profile: TeamProfileDraft = draft): ProfileFormValues => fromState({ profile, hours: null });

describe('profile form model', () => {
  it('turns a draft into form values and back without losing anything', () => {
    const back = toDraftInput(values().profile);
    expect(back).toEqual({
      ...draft,
      contact: {
        ...draft.contact,
        publicKeys: [{ keyId: '319988F4', fingerprint: 'B8836E811C7F68AD3FA28C2D8AD66817319988F4', userIds: ['CERT <cert@example.org>'] }],
      },
    });
  });

  it('drops empty strings, lists and objects but keeps empty list items in place', () => {
    expect(prune({ a: '  ', b: [], c: { d: '' }, e: ['x', ''], f: 0, g: false })).toEqual({ e: ['x', ''], f: 0, g: false });
  });

  it('validates with the shared contract and reports issues on the form paths', () => {
    const form = values();
    form.profile.contact.otherEmails = ['abuse@example.org', 'not-an-address'];
    form.profile.contact.email = '';
    const result = ProfileEditor.safeParse(form);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['profile.contact.otherEmails.1']);
  });

  it('hands over a pruned body with hours null when none are recorded', () => {
    const result = ProfileEditor.safeParse({ ...values(), note: '  first  ' });
    expect(result.success).toBe(true);
    expect(result.data?.hours).toBeNull();
    expect(result.data?.note).toBe('first');
    expect(result.data?.profile.charter).toBeUndefined();
  });

  it('validates operating hours with the shared schema messages', () => {
    const form = values();
    form.hours.enabled = true;
    form.hours.weekly['1'] = [{ start: '09:00', end: '25:00' }];
    form.hours.holidays = { country: 'FR', region: 'RE' };
    const result = ProfileEditor.safeParse(form);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['hours.weekly.1.0.end', 'Use a 24-hour time HH:MM from 00:00 to 24:00, e.g. 08:30'],
    ]);
    form.hours.weekly['1'] = [{ start: '09:00', end: '18:00' }];
    const ok = ProfileEditor.safeParse(form);
    expect(ok.data?.hours).toMatchObject({ timeZone: 'Europe/Paris', holidays: { country: 'FR', region: 'RE' }, emergency247: false });
  });

  it('merges an import: what the document fills wins, the rest stays', () => {
    const current = values().profile;
    const imported = values({ contact: { fullName: 'Imported CERT', telephone: '+33 1 23' } }).profile;
    const merged = mergeImported(current, imported);
    expect(merged.contact.fullName).toBe('Imported CERT');
    expect(merged.contact.telephone).toBe('+33 1 23');
    expect(merged.contact.email).toBe('cert@example.org');
    expect(merged.contact.otherEmails).toEqual(['abuse@example.org']);
  });

  it('rebases: my changed fields on top of the newer version, theirs kept elsewhere', () => {
    const started = values();
    const mine = structuredClone(started);
    mine.profile.contact.fullName = 'Mine';
    const theirs = structuredClone(started);
    theirs.profile.contact.telephone = '+33 9 99';
    theirs.profile.contact.fullName = 'Theirs';
    const out = rebase(started, mine, theirs);
    expect(out.profile.contact.fullName).toBe('Mine');
    expect(out.profile.contact.telephone).toBe('+33 9 99');
  });
});
