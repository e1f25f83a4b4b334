// Rules shared by the incident use cases: the RSIT category check, the constituent's facts (criticality,
// service level), who may own or be named on an incident, and the first-action target of a priority.
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { unsafeFindOrganisationFacts } from '#server/organisations/organisations.service';
import { findActiveTeamMember, findUserRowById } from '#server/users/users.service';
import type { Recipient } from '#server/policy/disclosure';
import type { FieldCode, FieldParams } from '#shared/problems';
import { findRsitType, rsitClasses } from '#shared/taxonomies/rsit';
import type { ConstituentCriticality, IncidentPriority } from '#shared/incidents/criticality';
import { DEFAULT_SLA_TARGETS } from '#shared/sla/sla.schemas';
import type { HoursMode } from '#shared/hours/hours';

/** The job that pages the duty officer for a P1 incident (defined in incidents.jobs.ts). */
export const PAGE_INCIDENT_JOB = 'incidents.page-duty';

export type ServiceLevel = 'coordination' | 'resolution';

export interface ConstituentFacts {
  organisationId: string | null;
  organisationName: string | null;
  criticality: ConstituentCriticality;
  serviceLevel: ServiceLevel;
}

const invalid = (path: string, message: string, code: FieldCode, params?: FieldParams, detail = message) =>
  new AppError('validation-failed', { detail, fields: [{ path, message, code, ...(params ? { params } : {}) }] });

/** The class of an RSIT type id (type ids are unique across the taxonomy), for a caller who gave only the type. */
export function rsitClassOf(typeId: string): string | null {
  return rsitClasses.find((c) => c.types.some((t) => t.id === typeId))?.id ?? null;
}

export function checkCategory(classId: string, typeId: string, path: string): void {
  if (findRsitType(classId, typeId)) return;
  throw invalid(
    `${path}.categoryType`,
    `Not a type of the RSIT class "${classId}"`,
    'not_rsit_type',
    { class: classId },
    `"${classId}" / "${typeId}" is not an ENISA RSIT class and type`,
  );
}

/**
 * Criticality and service level come from the constituent: an incident without an organisation is scored as
 * 'medium' and handled as coordination; 'resolution' only when the constituent subscribed to it.
 */
export async function constituentFacts(db: Db, organisationId: string | null, path: string): Promise<ConstituentFacts> {
  if (!organisationId) return { organisationId: null, organisationName: null, criticality: 'medium', serviceLevel: 'coordination' };
  const org = await unsafeFindOrganisationFacts(db, organisationId);
  if (!org) throw invalid(`${path}.organisationId`, 'Unknown organisation', 'unknown_organisation');
  return {
    organisationId: org.id,
    organisationName: org.name,
    criticality: org.criticality ?? 'medium',
    serviceLevel: org.services.includes('resolution') ? 'resolution' : 'coordination',
  };
}

/** An incident's owner, as a recipient of what is said about it (policy/disclosure.ts). */
export type Owner = Extract<Recipient, { kind: 'user' }> & { email: string };

/** An owner is an active team member: constituents follow their incidents but never own them. */
export async function checkOwner(db: Db, ownerId: string | null | undefined, path: string): Promise<Owner | null> {
  if (!ownerId) return null;
  const user = await findActiveTeamMember(db, ownerId);
  if (!user) throw invalid(`${path}.ownerId`, 'Not an active team member', 'not_team_member');
  return { kind: 'user', id: user.id, email: user.email, role: user.role, organisationId: user.organisationId };
}

/** Named users (the need-to-know list of TLP:RED incidents) must exist and be active. */
export async function checkNamedUsers(db: Db, ids: readonly string[] | undefined, path: string): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  for (const [i, id] of unique.entries()) {
    const user = await findUserRowById(db, id);
    if (!user || user.disabledAt) throw invalid(`${path}.namedUserIds.${i}`, 'Unknown or disabled user', 'unknown_user');
  }
  return unique;
}

/** The first-action target of a priority: P1 runs 24/7, the others in business time. */
export function firstActionTarget(priority: IncidentPriority): { mode: HoursMode; durationMs: number } {
  const t = DEFAULT_SLA_TARGETS.incident[priority];
  return { mode: t.mode, durationMs: t['first-action'] };
}
