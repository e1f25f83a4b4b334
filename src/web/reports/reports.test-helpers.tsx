// Fixtures of the report and incident screens' component tests: ids, an analyst's session, an organisation,
// a report, and the calls every signed-in screen makes. Test-only; never imported by the app.
import type { Report } from '#shared/reports/reports.schemas';
import { json, sessionFor, testUserId, type Handler } from '#web/test-helpers';

export const ids = {
  user: testUserId,
  report: '5a1d3c1e-8f0b-4b6e-9d2c-1e2f3a4b5c6d',
  report2: '6b2e4d2f-9a1c-4c7f-8e3d-2f3a4b5c6d7e',
  organisation: '7d0c7f4e-1f1b-4c5e-9a43-6f2f3f9b8a10',
  incident: '0f8c5a52-7d4b-4a4f-8d4e-2b7e1c9d3a61',
};

export function analystSession(
  permissions: string[] = ['session:self', 'organisations:read', 'reports:read', 'reports:triage', 'incidents:read', 'incidents:update'],
) {
  return sessionFor('analyst', permissions);
}

export const organisation = {
  id: ids.organisation,
  name: 'Example Hospital',
  kind: 'constituent',
  sector: 'health',
  criticality: 'vital',
  services: ['coordination'],
  country: 'FR',
  website: null,
  notes: null,
  assetCount: 1,
  contactCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

export function reportFixture(extra: Partial<Report> = {}): Report {
  return {
    id: ids.report,
    reference: 'TOC-2026-000001',
    channel: 'web',
    status: 'new',
    decision: null,
    title: 'Phishing campaign against staff',
    urgent: true,
    tlp: 'AMBER',
    pap: 'AMBER',
    organisationId: null,
    organisationName: null,
    suggestedOrganisationIds: [ids.organisation],
    reporterName: 'Alice',
    reporterEmail: 'alice@example.org',
    reporterAnonymous: false,
    ownerId: null,
    incidentId: null,
    createdAt: '2026-03-02T09:00:00.000Z',
    dueAt: '2026-03-02T09:30:00.000Z',
    breached: false,
    description: 'A mail asks for passwords.\n<script>alert(1)</script>',
    evidence: 'hxxps://login-example[.]com\n203.0.113.45',
    occurredAt: null,
    reporterOrganisation: null,
    reporterPhone: null,
    decisionNote: null,
    publicReply: null,
    namedUserIds: [],
    observables: [
      {
        id: 'a0000000-0000-4000-8000-000000000001',
        type: 'ipv4',
        value: '203.0.113.45',
        raw: '203.0.113.45',
        refanged: false,
        attachmentId: null,
        matchedOrganisationIds: [ids.organisation],
        range: null,
      },
    ],
    observablesTruncated: false,
    attachments: [],
    clocks: [],
    updatedAt: '2026-03-02T09:00:00.000Z',
    ...extra,
  };
}

/** What every signed-in screen asks for besides its own data. */
export function baseHandlers(session: unknown): Record<string, Handler> {
  return {
    'GET /api/auth/session': () => json(200, session),
    'GET /api/notifications?limit=50': () => json(200, { items: [], unacknowledged: 0 }),
    'GET /api/organisations?limit=500': () => json(200, { items: [organisation], total: 1, totalCapped: false, nextCursor: null }),
  };
}
