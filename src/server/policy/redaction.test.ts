import { reporterFor, seesInternalNotes, type ReporterFacts } from './redaction';
import { visibleOrganisationIds, type Viewer } from './visibility';
import type { Role } from '#shared/permissions';

const user = (role: Role, organisationId: string | null = null): Viewer => ({ kind: 'user', id: `${role}-1`, role, organisationId });
const named: ReporterFacts = {
  channel: 'web',
  reporterName: 'Marie Hoarau',
  reporterEmail: 'marie@example.net',
  reporterOrganisation: 'Citizen',
  reporterPhone: '+262 692 00 00 00',
};
const anonymous: ReporterFacts = {
  channel: 'web',
  reporterName: null,
  reporterEmail: null,
  reporterOrganisation: null,
  reporterPhone: null,
};

describe('reporterFor', () => {
  it('shows the reporter to the team and the system', () => {
    for (const viewer of [user('viewer'), user('admin'), { kind: 'system' } as const]) {
      expect(reporterFor(viewer, named)).toEqual({
        reporterName: 'Marie Hoarau',
        reporterEmail: 'marie@example.net',
        reporterOrganisation: 'Citizen',
        reporterPhone: '+262 692 00 00 00',
        reporterAnonymous: false,
      });
    }
  });

  it('says a reporter stayed anonymous to the team only', () => {
    expect(reporterFor(user('analyst'), anonymous).reporterAnonymous).toBe(true);
    expect(reporterFor(user('constituent', 'org-a'), anonymous).reporterAnonymous).toBe(false);
  });

  it('withholds a citizen’s identity from the constituent the report is about, but not on the constituent’s own portal reports', () => {
    expect(reporterFor(user('constituent', 'org-a'), named)).toEqual({
      reporterName: null,
      reporterEmail: null,
      reporterOrganisation: null,
      reporterPhone: null,
      reporterAnonymous: false,
    });
    expect(reporterFor(user('constituent', 'org-a'), { ...named, channel: 'portal' }).reporterName).toBe('Marie Hoarau');
    expect(reporterFor({ kind: 'anonymous' }, { ...named, channel: 'portal' }).reporterName).toBeNull();
  });
});

describe('internal notes and organisations', () => {
  it('keeps the team’s notes from constituents', () => {
    expect(seesInternalNotes(user('viewer'))).toBe(true);
    expect(seesInternalNotes(user('constituent', 'org-a'))).toBe(false);
  });

  it('lets a constituent learn only its own organisation among asset matches', () => {
    expect(visibleOrganisationIds(user('analyst'), ['org-a', 'org-b'])).toEqual(['org-a', 'org-b']);
    expect(visibleOrganisationIds(user('constituent', 'org-a'), ['org-a', 'org-b'])).toEqual(['org-a']);
    expect(visibleOrganisationIds({ kind: 'anonymous' }, ['org-a'])).toEqual([]);
  });
});
