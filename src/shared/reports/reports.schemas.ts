// API contract of reports: what anyone may submit (public form, portal, API), what the reporter's tracking
// link shows, and what the team sees in its queue.
import { z } from 'zod';
import { TlpLabel, PapLabel, TlpInput } from '../taxonomies/tlp';
import { OBSERVABLE_TYPES } from '../observables/observables';
import { ADDRESS_RANGES } from '../observables/ranges';
import { SlaClock } from '../sla/sla.schemas';
import { line, text } from '../text';
import { CursorParam, pageFields } from '../paging';

export const REPORT_LIMITS = {
  title: 200,
  description: 20_000,
  evidence: 500_000,
  name: 200,
  organisation: 200,
  phone: 40,
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerReport: 10,
  observablesPerReport: 10_000,
} as const;

export const ReportChannel = z.enum(['web', 'portal', 'api', 'email']);
export const ReportStatus = z.enum(['new', 'triaged', 'closed']);
export const TriageDecisionKind = z.enum(['not-incident', 'out-of-constituency', 'duplicate', 'incident']);

const Phone = z
  .string()
  .trim()
  .max(REPORT_LIMITS.phone)
  .regex(/^\+?[0-9 ().-]{4,40}$/, { message: 'Not a telephone number' });

/** Every field optional: a reporter may stay anonymous, and the tracking link is then the only way back. */
export const ReporterContact = z
  .object({
    name: z.string().trim().min(1, { message: 'Required' }).max(REPORT_LIMITS.name).optional(),
    organisation: z.string().trim().max(REPORT_LIMITS.organisation).optional(),
    email: z.email({ message: 'Not a valid e-mail address' }).max(254).optional(),
    phone: Phone.optional(),
  })
  .strict();

const reportBody = {
  title: line(REPORT_LIMITS.title).min(3, { message: 'At least 3 characters' }),
  description: text(REPORT_LIMITS.description).trim().min(1, { message: 'Required' }),
  /** Technical elements: IP addresses, domains, URLs, hashes, log extracts, scan results. */
  evidence: z.string().max(REPORT_LIMITS.evidence).optional(),
  occurredAt: z.iso.datetime({ offset: true, message: 'A date and time' }).optional(),
  urgent: z.boolean().default(false),
  tlp: TlpInput.default('AMBER'),
};

/** The public form (no account). `website` is a honeypot: people leave it empty, bots fill it. */
export const PublicReportSubmission = z
  .object({ ...reportBody, reporter: ReporterContact.optional(), website: z.string().max(200).optional() })
  .strict();
export type PublicReportSubmission = z.output<typeof PublicReportSubmission>;

/** Portal (constituent user) and API (token): the reporter is the account. */
export const ReportSubmission = z
  .object({ ...reportBody, reporter: ReporterContact.partial().optional(), pap: PapLabel.optional(), organisationId: z.uuid().optional() })
  .strict();
export type ReportSubmission = z.output<typeof ReportSubmission>;

export const ReportReceipt = z.object({
  id: z.uuid(),
  reference: z.string(),
  /** The secret link to follow the report without an account; shown once. */
  trackingUrl: z.string(),
  observables: z.number().int(),
  attachments: z.number().int(),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/** What the tracking link shows: the public status, and nothing more. */
export const PublicReportStatus = z.object({
  reference: z.string(),
  status: z.enum(['received', 'under-review', 'handled', 'closed']),
  receivedAt: z.string(),
  updatedAt: z.string(),
  reply: z.string().nullable(),
});
export type PublicReportStatus = z.infer<typeof PublicReportStatus>;

export const Observable = z.object({
  id: z.uuid(),
  type: z.enum(OBSERVABLE_TYPES),
  value: z.string(),
  raw: z.string(),
  refanged: z.boolean(),
  attachmentId: z.uuid().nullable(),
  matchedOrganisationIds: z.array(z.uuid()),
  /** A private, documentation, loopback, link-local, multicast or reserved address: never matched to anyone. */
  range: z.enum(ADDRESS_RANGES).nullable(),
});
export type Observable = z.infer<typeof Observable>;

export const Attachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const ReportSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  channel: ReportChannel,
  status: ReportStatus,
  decision: TriageDecisionKind.nullable(),
  title: z.string(),
  urgent: z.boolean(),
  tlp: TlpLabel,
  pap: PapLabel,
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  suggestedOrganisationIds: z.array(z.uuid()),
  reporterName: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  /** The reporter left no name and no e-mail (told only to those who may see the reporter). */
  reporterAnonymous: z.boolean(),
  ownerId: z.uuid().nullable(),
  incidentId: z.uuid().nullable(),
  createdAt: z.string(),
  /** The running acknowledgement/triage clock, if any: what the queue sorts by. */
  dueAt: z.string().nullable(),
  breached: z.boolean(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Report = ReportSummary.extend({
  description: z.string(),
  evidence: z.string().nullable(),
  occurredAt: z.string().nullable(),
  reporterOrganisation: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  decisionNote: z.string().nullable(),
  publicReply: z.string().nullable(),
  namedUserIds: z.array(z.uuid()),
  observables: z.array(Observable),
  observablesTruncated: z.boolean(),
  attachments: z.array(Attachment),
  clocks: z.array(SlaClock),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

export const ReportQuery = z
  .object({
    status: ReportStatus.optional(),
    urgent: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    organisationId: z.uuid().optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorParam,
  })
  .strict();
export type ReportQuery = z.infer<typeof ReportQuery>;
export const ReportList = z.object({ items: z.array(ReportSummary), ...pageFields });
export type ReportList = z.infer<typeof ReportList>;

export const ReportUpdate = z
  .object({
    organisationId: z.uuid().nullable().optional(),
    ownerId: z.uuid().nullable().optional(),
    tlp: TlpInput.optional(),
    pap: PapLabel.optional(),
    namedUserIds: z.array(z.uuid()).max(100).optional(),
    urgent: z.boolean().optional(),
  })
  .strict();
export type ReportUpdate = z.infer<typeof ReportUpdate>;
