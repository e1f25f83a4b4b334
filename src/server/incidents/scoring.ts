// Scoring inside a transaction: creating an incident (reference, first score, first-action clock, page when
// P1) and applying a new score (history row, restart of an unmet first-action clock when the priority moves).
import type { Ctx } from '#server/ctx';
import { actorId, actorLabel } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import { canSeeItem } from '#server/policy/visibility';
import { clocksOf, startClock } from '#server/sla/sla.service';
import { nextReference } from '#server/reports/reports.service';
import { aboutParams, notificationRef, notify } from '#server/notifications/notifications.service';
import { describeFor, type DisclosedItem } from '#server/policy/disclosure';
import * as repo from './incidents.repo';
import type { IncidentRow } from './incidents.table';
import {
  checkCategory,
  checkNamedUsers,
  checkOwner,
  constituentFacts,
  firstActionTarget,
  PAGE_INCIDENT_JOB,
  type Owner,
} from './incident-rules';
import {
  scoreIncident,
  type ConstituentCriticality,
  type IncidentExtent,
  type IncidentImpact,
  type IncidentPriority,
} from '#shared/incidents/criticality';
import type { IncidentInput } from '#shared/incidents/incidents.schemas';
import type { HoursEngine } from '#shared/hours/hours';
import type { MessageRef } from '#shared/messages';

/** Creates an incident in `tx` (the hours engine is loaded before the transaction: PGlite has one connection). */
export async function createIncidentIn(
  tx: Db,
  ctx: Ctx,
  engine: HoursEngine,
  input: IncidentInput,
  opts: { path: string; reason: string; reasonRef: MessageRef },
): Promise<IncidentRow> {
  checkCategory(input.categoryClass, input.categoryType, opts.path);
  const facts = await constituentFacts(tx, input.organisationId ?? null, opts.path);
  const owner = await checkOwner(tx, input.ownerId, opts.path);
  const namedUserIds = await checkNamedUsers(tx, input.namedUserIds, opts.path);
  const tlp = input.tlp ?? 'AMBER';
  // Why: creating a TLP:RED incident one could not see afterwards would orphan it; name yourself or own it.
  if (!canSeeItem(ctx.actor, { organisationId: facts.organisationId, tlp, ownerId: owner?.id ?? null, namedUserIds })) {
    throw new AppError('validation-failed', {
      detail: 'You could not see this TLP:RED incident: name yourself or make yourself the owner',
      fields: [{ path: `${opts.path}.tlp`, message: 'You would lose access', code: 'would_lose_access' }],
    });
  }
  const urgent = input.urgent ?? false;
  const scored = scoreIncident({ impact: input.impact, extent: input.extent, constituentCriticality: facts.criticality, urgent });
  const now = ctx.clock.now();
  const row = await repo.insertIncident(tx, {
    reference: await nextReference(tx, 'incident', now),
    title: input.title,
    description: input.description ?? '',
    categoryClass: input.categoryClass,
    categoryType: input.categoryType,
    impact: input.impact,
    extent: input.extent,
    constituentCriticality: facts.criticality,
    urgent,
    score: scored.score,
    priority: scored.priority,
    serviceLevel: facts.serviceLevel,
    organisationId: facts.organisationId,
    ownerId: owner?.id ?? null,
    namedUserIds,
    tlp,
    pap: input.pap ?? 'AMBER',
    createdBy: actorId(ctx.actor),
    createdAt: now,
    updatedAt: now,
  });
  await insertScore(
    tx,
    ctx,
    row.id,
    {
      impact: input.impact,
      extent: input.extent,
      criticality: facts.criticality,
      urgent,
      score: scored.score,
      priority: scored.priority,
      reason: opts.reason,
      reasonRef: opts.reasonRef,
    },
    now,
  );
  const target = firstActionTarget(scored.priority);
  await startClock(tx, engine, {
    subject: ['incident', row.id],
    target: 'first-action',
    mode: target.mode,
    durationMs: target.durationMs,
    at: now,
  });
  await repo.refreshNextDue(tx, row.id);
  await recordAudit(tx, ctx, {
    action: 'incident.create',
    entity: ['incident', row.id],
    summary: {
      reference: row.reference,
      priority: row.priority,
      score: row.score,
      urgent,
      explanation: scored.explanation,
      organisationId: row.organisationId,
      tlp: row.tlp,
    },
  });
  if (scored.priority === 'P1') await ctx.jobs.enqueue(PAGE_INCIDENT_JOB, { incidentId: row.id }, {}, tx);
  if (owner && owner.id !== actorId(ctx.actor)) await notifyNewOwner(tx, owner, row, now);
  return row;
}

/** Tells the new owner of an incident, in the caller's transaction, naming the incident as the policy allows. */
export async function notifyNewOwner(tx: Db, owner: Owner, incident: DisclosedItem & { id: string }, at: Date): Promise<void> {
  const about = describeFor(owner, incident, 'notification');
  const title = (sep: string) => (about.title === null ? '' : `${sep} ${about.title}`);
  await notify(tx, {
    recipients: [{ userId: owner.id, email: owner.email }],
    kind: 'assignment',
    subject: ['incident', incident.id],
    message: {
      en: `You now own incident ${about.reference ?? '—'}${title(':')}`,
      fr: `Vous êtes responsable de l’incident ${about.reference ?? '—'}${title(' :')}`,
    },
    ref: notificationRef('assignment', aboutParams(about)),
    at,
  });
}

interface Score {
  impact: IncidentImpact;
  extent: IncidentExtent;
  criticality: ConstituentCriticality;
  urgent: boolean;
  score: number;
  priority: IncidentPriority;
  reason: string;
  /** Set when Tocsin wrote the reason: its i18n key and parameters, so the history reads in the reader's language. */
  reasonRef?: MessageRef | undefined;
}

async function insertScore(tx: Db, ctx: Ctx, incidentId: string, s: Score, at: Date): Promise<void> {
  await repo.insertScore(tx, {
    incidentId,
    impact: s.impact,
    extent: s.extent,
    constituentCriticality: s.criticality,
    urgent: s.urgent,
    score: s.score,
    priority: s.priority,
    reason: s.reason,
    reasonKey: s.reasonRef?.key ?? null,
    reasonParams: s.reasonRef?.params ?? null,
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    createdAt: at,
  });
}

/**
 * Scores `incident` anew and records why. When the priority moves and the first-action target is still unmet,
 * the clock restarts now with the new priority's target; a move to P1 pages the duty officer.
 */
export async function applyScore(
  tx: Db,
  ctx: Ctx,
  engine: HoursEngine,
  incident: Pick<IncidentRow, 'id' | 'priority'>,
  input: {
    impact: IncidentImpact;
    extent: IncidentExtent;
    criticality: ConstituentCriticality;
    urgent: boolean;
    reason: string;
    reasonRef?: MessageRef;
  },
): Promise<{ score: number; priority: IncidentPriority; explanation: string; clockRestarted: boolean }> {
  const scored = scoreIncident({
    impact: input.impact,
    extent: input.extent,
    constituentCriticality: input.criticality,
    urgent: input.urgent,
  });
  const now = ctx.clock.now();
  await insertScore(tx, ctx, incident.id, { ...input, score: scored.score, priority: scored.priority }, now);
  await repo.updateIncident(tx, incident.id, {
    impact: input.impact,
    extent: input.extent,
    constituentCriticality: input.criticality,
    urgent: input.urgent,
    score: scored.score,
    priority: scored.priority,
    updatedAt: now,
  });
  let clockRestarted = false;
  if (scored.priority !== incident.priority) {
    const clock = (await clocksOf(tx, 'incident', [incident.id])).find((c) => c.target === 'first-action');
    if (!clock?.metAt) {
      const target = firstActionTarget(scored.priority);
      await startClock(tx, engine, {
        subject: ['incident', incident.id],
        target: 'first-action',
        mode: target.mode,
        durationMs: target.durationMs,
        at: now,
      });
      await repo.refreshNextDue(tx, incident.id);
      clockRestarted = true;
      if (scored.priority === 'P1') await ctx.jobs.enqueue(PAGE_INCIDENT_JOB, { incidentId: incident.id }, {}, tx);
    }
  }
  return { ...scored, clockRestarted };
}
