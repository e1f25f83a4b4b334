// Use case: triage a report — not an incident, out of constituency (with a public reply), a duplicate of an
// incident, or an incident (a new one with defaults taken from the report, or an existing one).
import type { Ctx } from '#server/ctx';
import { actorId } from '#server/ctx';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { hoursEngine } from '#server/hours/hours.service';
import { getVisibleReport, markReportTriaged, observablesOfReports } from '#server/reports/reports.service';
import { suggestTriage, type TriageSuggestion } from '#shared/incidents/triage-suggestion';
import type { ReportRow } from '#server/reports/reports.table';
import { getIncident, getVisibleIncident } from './incidents.service';
import { rsitClassOf } from './incident-rules';
import { createIncidentIn } from './scoring';
import type { Incident, IncidentInput, TriageDecision } from '#shared/incidents/incidents.schemas';
import type { CodedField } from '#shared/problems';

export interface TriageResult {
  reportId: string;
  decision: TriageDecision['decision'];
  incident: Incident | null;
}

/** Which fields each decision takes; anything else is refused rather than silently ignored. */
function checkShape(d: TriageDecision): void {
  const fields: CodedField[] = [];
  const linkable = d.decision === 'duplicate' || d.decision === 'incident';
  if (d.decision === 'duplicate' && !d.incidentId)
    fields.push({ path: 'body.incidentId', message: 'Required: the incident this report duplicates', code: 'duplicate_needs_incident' });
  if (!linkable && d.incidentId)
    fields.push({
      path: 'body.incidentId',
      message: `Not used when the decision is ${d.decision}`,
      code: 'not_for_decision',
      params: { decision: d.decision },
    });
  if (d.newIncident && d.decision !== 'incident')
    fields.push({
      path: 'body.newIncident',
      message: `Not used when the decision is ${d.decision}`,
      code: 'not_for_decision',
      params: { decision: d.decision },
    });
  if (d.newIncident && d.incidentId)
    fields.push({
      path: 'body.newIncident',
      message: 'Either link to incidentId or describe a new incident, not both',
      code: 'incident_or_new',
    });
  if (fields.length) throw new AppError('validation-failed', { detail: fields.map((f) => f.message).join('; '), fields });
}

/**
 * The new incident: what the analyst gave, else the report's facts. Category, impact, extent and urgency as
 * `suggestTriage` proposes them (the same proposal the web form shows); the report's organisation (or the
 * first one its observables matched); the report's owner, else the analyst; the report's TLP, PAP and named users.
 */
export function incidentFromReport(
  report: ReportRow,
  given: Partial<IncidentInput>,
  triager: string | null,
  suggested: TriageSuggestion = {
    categoryClass: 'other',
    categoryType: 'undetermined',
    impact: 'medium',
    extent: 'single',
    urgent: report.urgent,
    because: { categoryWord: null, systems: 0, owned: false },
  },
): IncidentInput {
  const categoryType = given.categoryType ?? (given.categoryClass ? undefined : suggested.categoryType);
  const categoryClass = given.categoryClass ?? (given.categoryType ? rsitClassOf(given.categoryType) : null) ?? suggested.categoryClass;
  return {
    title: given.title ?? report.title.slice(0, 200),
    description: given.description ?? report.description.slice(0, 20_000),
    categoryClass,
    categoryType: categoryType ?? '',
    impact: given.impact ?? suggested.impact,
    extent: given.extent ?? suggested.extent,
    // Why: an urgent report must not lose its urgency at triage (it may make the incident P1, 24/7).
    urgent: given.urgent ?? suggested.urgent,
    organisationId:
      given.organisationId !== undefined ? given.organisationId : (report.organisationId ?? report.suggestedOrganisationIds[0] ?? null),
    ownerId: given.ownerId !== undefined ? given.ownerId : (report.ownerId ?? triager),
    tlp: given.tlp ?? report.tlp,
    pap: given.pap ?? report.pap,
    namedUserIds: given.namedUserIds ?? report.namedUserIds,
  };
}

export async function triageReport(ctx: Ctx, reportId: string, d: TriageDecision): Promise<TriageResult> {
  checkShape(d);
  const engine = await hoursEngine(ctx.db);
  const incidentId = await ctx.db.transaction(async (tx) => {
    // A report the triager may not see (TLP:RED, not named) answers like a missing one.
    const report = await getVisibleReport(ctx, tx, reportId);
    if (report.status !== 'new')
      throw new AppError('already-triaged', { detail: `${report.reference} was triaged already (${report.decision ?? report.status})` });
    let linked: string | null = null;
    if (d.incidentId) {
      linked = (await getVisibleIncident(ctx, tx, d.incidentId, 'body.incidentId')).id;
    } else if (d.decision === 'incident') {
      const observables = await observablesOfReports(ctx, tx, [report.id]);
      const suggested = suggestTriage({ title: report.title, description: report.description, urgent: report.urgent, observables });
      const input = incidentFromReport(report, d.newIncident ?? {}, ctx.actor.kind === 'user' ? ctx.actor.id : null, suggested);
      linked = (
        await createIncidentIn(tx, ctx, engine, input, {
          path: 'body.newIncident',
          reason: `Triage of ${report.reference}`,
          reasonRef: { key: 'incidents.reason.triage', params: { reference: report.reference } },
        })
      ).id;
    }
    await markReportTriaged(tx, ctx, reportId, {
      decision: d.decision,
      note: d.note ?? null,
      publicReply: d.publicReply ?? null,
      incidentId: linked,
    });
    // markReportTriaged also meets the report's acknowledgement and triage clocks and audits report.triage.
    if (linked && d.incidentId) {
      await recordAudit(tx, ctx, {
        action: 'incident.link-report',
        entity: ['incident', linked],
        summary: { reportId, reference: report.reference, decision: d.decision, by: actorId(ctx.actor) },
      });
    }
    return linked;
  });
  return { reportId, decision: d.decision, incident: incidentId ? await getIncident(ctx, incidentId) : null };
}
