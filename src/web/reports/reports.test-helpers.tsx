// Shared by the report screens' component tests: a stubbed server (fetch) that records every call with its
// raw body, sessions per role, and report fixtures. Test-only; never imported by the app.
import { render } from '@testing-library/react';
import type { Report } from '#shared/reports/reports.schemas';
import { App } from '#web/App';
import { createQueryClient } from '#web/queryClient';
import { createTestRouter } from '#web/router';

export interface Call {
  key: string;
  body: unknown;
  raw: BodyInit | null | undefined;
}
export type Handler = (call: Call) => Response;

export const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
export const problem = (status: number, slug: string) =>
  json(status, { type: `/problems/${slug}`, title: slug, status }, 'application/problem+json');

export function stubServer(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof fetch>(async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const key = `${init?.method ?? 'GET'} ${url}`;
      const raw = init?.body;
      const call: Call = { key, raw, body: typeof raw === 'string' ? JSON.parse(raw) : undefined };
      calls.push(call);
      const handler = handlers[key];
      return handler ? handler(call) : problem(404, 'not-found');
    }),
  );
  return calls;
}

export function renderAt(path: string) {
  const router = createTestRouter(path);
  render(<App router={router} queryClient={createQueryClient()} />);
  return router;
}

export const ids = {
  user: '2f1c7a7e-3d7e-4c11-9a51-0b1f6f0f5b21',
  report: '5a1d3c1e-8f0b-4b6e-9d2c-1e2f3a4b5c6d',
  report2: '6b2e4d2f-9a1c-4c7f-8e3d-2f3a4b5c6d7e',
  organisation: '7d0c7f4e-1f1b-4c5e-9a43-6f2f3f9b8a10',
  incident: '0f8c5a52-7d4b-4a4f-8d4e-2b7e1c9d3a61',
};

export function analystSession(
  permissions: string[] = ['session:self', 'organisations:read', 'reports:read', 'reports:triage', 'incidents:read', 'incidents:update'],
) {
  const user = {
    id: ids.user,
    email: 'ada@example.org',
    name: 'Ada Lovelace',
    role: 'analyst',
    organisationId: null,
    locale: 'en',
    totpEnabled: true,
    disabled: false,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  return { user, permissions, csrfToken: 'csrf-1', expiresAt: '2099-01-02T00:00:00.000Z' };
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
    'GET /api/organisations?limit=500': () => json(200, { items: [organisation], total: 1 }),
  };
}
