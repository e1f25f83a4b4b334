import type { ReportRow } from '#server/reports/reports.table';
import { incidentFromReport } from './triage';

const report = {
  title: 'Phishing wave',
  description: 'Fake webmail page',
  organisationId: null,
  suggestedOrganisationIds: ['6f1c1d1e-0000-4000-8000-000000000001', '6f1c1d1e-0000-4000-8000-000000000002'],
  ownerId: null,
  tlp: 'AMBER+STRICT',
  pap: 'GREEN',
  urgent: false,
  namedUserIds: ['6f1c1d1e-0000-4000-8000-0000000000aa'],
} as unknown as ReportRow;
const analyst = '6f1c1d1e-0000-4000-8000-0000000000bb';

describe('incidentFromReport', () => {
  it('takes the report’s facts and sensible assessment defaults when the analyst gives nothing', () => {
    expect(incidentFromReport(report, {}, analyst)).toEqual({
      title: 'Phishing wave',
      description: 'Fake webmail page',
      categoryClass: 'other',
      categoryType: 'undetermined',
      impact: 'medium',
      extent: 'single',
      urgent: false,
      organisationId: '6f1c1d1e-0000-4000-8000-000000000001',
      ownerId: analyst,
      tlp: 'AMBER+STRICT',
      pap: 'GREEN',
      namedUserIds: ['6f1c1d1e-0000-4000-8000-0000000000aa'],
    });
  });

  it('infers the RSIT class from a type given alone, and keeps an explicit null organisation or owner', () => {
    const made = incidentFromReport(
      { ...report, organisationId: '6f1c1d1e-0000-4000-8000-000000000009' },
      { categoryType: 'phishing', organisationId: null, ownerId: null },
      analyst,
    );
    expect(made).toMatchObject({ categoryClass: 'fraud', categoryType: 'phishing', organisationId: null, ownerId: null });
  });

  it('leaves the type empty (so validation names it) when only a class is given', () => {
    expect(incidentFromReport(report, { categoryClass: 'fraud' }, analyst)).toMatchObject({ categoryClass: 'fraud', categoryType: '' });
  });
});
