// API contract of triage and incidents: the triage decision on a report, the incident with its
// category (ENISA RSIT), criticality score, priority, service level, owner, TLP/PAP, history and clocks.
import { z } from 'zod';
import { TlpLabel, PapLabel, TlpInput } from '../taxonomies/tlp';
import { ConstituentCriticality, IncidentExtent, IncidentImpact, IncidentPriority } from './criticality';
import { SlaClock } from '../sla/sla.schemas';
import { MessageParams } from '../messages';
import { TriageDecisionKind } from '../reports/reports.schemas';
import { CursorParam, pageFields } from '../paging';

export const IncidentStatus = z.enum(['open', 'in-progress', 'waiting', 'resolved', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;
export const ServiceLevel = z.enum(['coordination', 'resolution']);

export const IncidentInput = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().max(20_000).optional(),
    /** ENISA RSIT class and type ids, e.g. "malicious-code" / "ransomware". */
    categoryClass: z.string().min(1).max(100),
    categoryType: z.string().min(1).max(100),
    impact: IncidentImpact,
    extent: IncidentExtent,
    /** Harm under way or imminent: an input to the score (criticality.md). Triage takes the report's when omitted. */
    urgent: z.boolean().optional(),
    organisationId: z.uuid().nullable().optional(),
    ownerId: z.uuid().nullable().optional(),
    tlp: TlpInput.optional(),
    pap: PapLabel.optional(),
    namedUserIds: z.array(z.uuid()).max(100).optional(),
  })
  .strict();
export type IncidentInput = z.infer<typeof IncidentInput>;

export const TriageDecision = z
  .object({
    decision: TriageDecisionKind,
    note: z.string().trim().max(5000).optional(),
    /** Shown to the reporter on the tracking page (e.g. where to report instead when out of constituency). */
    publicReply: z.string().trim().max(5000).optional(),
    /** duplicate: the incident it duplicates; incident: link to an existing incident instead of creating one. */
    incidentId: z.uuid().optional(),
    /** incident: the new incident (omit fields to take the report's defaults). */
    newIncident: IncidentInput.partial().strict().optional(),
  })
  .strict();
export type TriageDecision = z.infer<typeof TriageDecision>;

export const ScoreEntry = z.object({
  impact: IncidentImpact,
  extent: IncidentExtent,
  constituentCriticality: ConstituentCriticality,
  urgent: z.boolean(),
  score: z.number().int(),
  priority: IncidentPriority,
  /** As typed by the person who rescored, or Tocsin's own reason in English. */
  reason: z.string(),
  /** Tocsin's own reasons (triage, organisation change) as an i18n key with parameters; null for a typed reason. */
  reasonKey: z.string().nullable(),
  reasonParams: MessageParams,
  actorLabel: z.string(),
  at: z.string(),
});

export const IncidentSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  status: IncidentStatus,
  categoryClass: z.string(),
  categoryType: z.string(),
  impact: IncidentImpact,
  extent: IncidentExtent,
  constituentCriticality: ConstituentCriticality,
  /** Whether the incident is urgent (from its report, or as the analyst set it): part of its score. */
  urgent: z.boolean(),
  score: z.number().int(),
  priority: IncidentPriority,
  serviceLevel: ServiceLevel,
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  tlp: TlpLabel,
  pap: PapLabel,
  createdAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().nullable(),
  breached: z.boolean(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const Incident = IncidentSummary.extend({
  description: z.string(),
  namedUserIds: z.array(z.uuid()),
  scoreHistory: z.array(ScoreEntry),
  linkedReports: z.array(z.object({ id: z.uuid(), reference: z.string(), title: z.string(), decision: TriageDecisionKind.nullable() })),
  clocks: z.array(SlaClock),
  /** Observables of the linked reports, deduplicated. */
  observables: z.array(z.object({ type: z.string(), value: z.string(), matchedOrganisationIds: z.array(z.uuid()) })),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentQuery = z
  .object({
    status: IncidentStatus.optional(),
    priority: IncidentPriority.optional(),
    organisationId: z.uuid().optional(),
    ownerId: z.uuid().optional(),
    q: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorParam,
  })
  .strict();
export type IncidentQuery = z.infer<typeof IncidentQuery>;
export const IncidentList = z.object({ items: z.array(IncidentSummary), ...pageFields });
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentUpdate = z
  .object({
    title: z.string().trim().min(3).max(200).optional(),
    description: z.string().max(20_000).optional(),
    status: IncidentStatus.optional(),
    categoryClass: z.string().min(1).max(100).optional(),
    categoryType: z.string().min(1).max(100).optional(),
    organisationId: z.uuid().nullable().optional(),
    ownerId: z.uuid().nullable().optional(),
    tlp: TlpInput.optional(),
    pap: PapLabel.optional(),
    namedUserIds: z.array(z.uuid()).max(100).optional(),
  })
  .strict();
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const Rescore = z
  .object({
    impact: IncidentImpact,
    extent: IncidentExtent,
    urgent: z.boolean().optional(),
    reason: z.string().trim().min(3, { message: 'Say why (at least 3 characters)' }).max(2000),
  })
  .strict();
export type Rescore = z.infer<typeof Rescore>;
