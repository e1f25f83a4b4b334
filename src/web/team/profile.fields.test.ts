// The editor covers the RFC 2350 outline exactly, and problem paths find their inputs.
import { rfc2350Sections } from '#shared/rfc2350/profile.schemas';
import { editorPathsOf, fieldDomId, fieldKinds, fieldRefsOf } from './profile.fields';

describe('profile fields', () => {
  it('gives every outline field at least one input and every input a place in the outline', () => {
    const fields = rfc2350Sections.flatMap((s) => s.fields);
    expect(fields.filter((f) => editorPathsOf(f).length === 0)).toEqual([]);
    const placed = new Set(fields.flatMap(editorPathsOf));
    expect(Object.keys(fieldKinds).filter((path) => !placed.has(path as keyof typeof fieldKinds))).toEqual([]);
  });

  it('maps problem and "missing" paths onto editor fields', () => {
    expect(fieldRefsOf('body.profile.contact.email', 'Invalid')).toEqual([
      { field: 'contact.email', formPath: 'profile.contact.email', message: 'Invalid' },
    ]);
    expect(fieldRefsOf('profile.contact', 'Required').map((r) => r.field)).toEqual([
      'contact.fullName',
      'contact.email',
      'contact.timeZone',
    ]);
    expect(fieldRefsOf('profile.contact.publicKeys.0.keyId', 'x')[0]?.field).toBe('contact.publicKeys');
    expect(fieldRefsOf('profile.policies.responsibleDisclosure.gracePeriodDays', 'x')[0]?.field).toBe(
      'policies.responsibleDisclosure.gracePeriodDays',
    );
    expect(fieldRefsOf('hours.timeZone', 'x')[0]).toEqual({ field: null, formPath: 'hours.timeZone', message: 'x' });
  });

  it('derives stable DOM ids from form paths', () => {
    expect(fieldDomId('profile.contact.email')).toBe('team-profile-contact-email');
  });
});
