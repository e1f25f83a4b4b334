// Use cases of incidents: list and read through the visibility policy (with score history, linked reports,
// clocks and their observables), create, update, and pause/resume their clocks. Scoring lives in
// scoring.ts, triage of reports in triage.ts.
import type { Ctx } from '#server/ctx';
import { actorId } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { changes, recordAudit } from '#server/audit/audit.service';
import { canSeeItem, visibleOrganisationIds } from '#server/policy/visibility';
import { clocksOf, meetClock, pauseClock, resumeClock, toSlaClock } from '#server/sla/sla.service';
import { hoursEngine } from '#server/hours/hours.service';
import { listReportsOfIncident, observablesOfReports } from '#server/reports/reports.service';
import * as repo from './incidents.repo';
import { incidents, type IncidentRow, type IncidentScoreRow } from './incidents.table';
import { checkCategory, checkNamedUsers, checkOwner, constituentFacts } from './incident-rules';
import { applyScore, createIncidentIn, notifyNewOwner } from './scoring';
import { ConstituentCriticality, IncidentExtent, IncidentImpact, IncidentPriority } from '#shared/incidents/criticality';
import { cappedTotal } from '#server/db/keyset';
import { readByCursor } from '#server/http/cursor';
import type {
  Incident,
  IncidentInput,
  IncidentList,
  IncidentQuery,
  IncidentSummary,
  IncidentUpdate,
} from '#shared/incidents/incidents.schemas';
import type { SlaClock, SlaTarget } from '#shared/sla/sla.schemas';

export function toIncidentSummary(v: repo.IncidentView): IncidentSummary {
  return {
    id: v.id,
    reference: v.reference,
    title: v.title,
    status: v.status,
    categoryClass: v.categoryClass,
    categoryType: v.categoryType,
    impact: v.impact,
    extent: v.extent,
    constituentCriticality: v.constituentCriticality,
    urgent: v.urgent,
    score: v.score,
    priority: v.priority,
    serviceLevel: v.serviceLevel,
    organisationId: v.organisationId,
    organisationName: v.organisationName,
    ownerId: v.ownerId,
    ownerName: v.ownerName,
    tlp: v.tlp,
    pap: v.pap,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    dueAt: v.dueAt?.toISOString() ?? null,
    breached: v.breached,
  };
}

const toScoreEntry = (s: IncidentScoreRow): Incident['scoreHistory'][number] => ({
  impact: IncidentImpact.parse(s.impact),
  extent: IncidentExtent.parse(s.extent),
  constituentCriticality: ConstituentCriticality.parse(s.constituentCriticality),
  urgent: s.urgent,
  score: s.score,
  priority: IncidentPriority.parse(s.priority),
  reason: s.reason,
  reasonKey: s.reasonKey,
  reasonParams: s.reasonParams ?? {},
  actorLabel: s.actorLabel,
  at: s.createdAt.toISOString(),
});

const notFound = (id: string, path?: string) =>
  new AppError('incident-not-found', {
    detail: `No incident ${id}`,
    ...(path ? { fields: [{ path, message: 'Unknown incident', code: 'unknown_incident' as const }] } : {}),
  });

/** Not found and not visible answer alike, so nobody can probe which incidents exist. */
export async function getVisibleIncident(ctx: Ctx, db: Db, id: string, path?: string): Promise<repo.IncidentView> {
  const row = await repo.findIncident(db, ctx.actor, id);
  if (!row) throw notFound(id, path);
  return row;
}

/** The incident locked for the rest of the transaction, if the caller may see it; 404 otherwise. */
export async function lockVisibleIncident(ctx: Ctx, tx: Db, id: string): Promise<IncidentRow> {
  const row = await repo.lockIncident(tx, ctx.actor, id);
  if (!row) throw notFound(id);
  return row;
}

/** For jobs: the incident regardless of visibility. */
export const unsafeFindIncidentRow = (db: Db, id: string): Promise<IncidentRow | null> => repo.unsafeFindIncident(db, id);
export const unsafeIncidentIdByReference = (db: Db, reference: string): Promise<string | null> =>
  repo.unsafeIncidentIdByReference(db, reference);

/** Whether the actor may see the incident: for features below incidents (an attachment filed on it). */
export const isIncidentVisible = (ctx: Ctx, id: string): Promise<boolean> => repo.isVisible(ctx.db, ctx.actor, id);

/** For a reporter's tracking link: the incident's status and resolution time, whoever looks. */
export async function unsafeIncidentOutcome(db: Db, id: string): Promise<{ status: string; resolvedAt: Date | null } | null> {
  const incident = await repo.unsafeFindIncident(db, id);
  return incident ? { status: incident.status, resolvedAt: incident.resolvedAt } : null;
}

/** For the SLA jobs: the incident whoever looks, urgent when P1 (a breach escalates to the leads). */
export async function unsafeIncidentClockSubject(db: Db, id: string): Promise<(IncidentRow & { urgent: boolean }) | null> {
  const incident = await repo.unsafeFindIncident(db, id);
  return incident ? { ...incident, urgent: incident.priority === 'P1' } : null;
}

/** The tables the incident list reads (http/read-cache.ts forgets its answers when one changes). */
export const INCIDENT_LIST_TABLES = repo.LIST_TABLES;

export async function listIncidents(ctx: Ctx, q: IncidentQuery): Promise<IncidentList> {
  const { rows, nextCursor, count } = await readByCursor(() => repo.listIncidents(ctx.db, ctx.actor, q));
  return { items: rows.map(toIncidentSummary), nextCursor, ...cappedTotal(count) };
}

export async function getIncident(ctx: Ctx, id: string): Promise<Incident> {
  const v = await getVisibleIncident(ctx, ctx.db, id);
  // A linked report keeps its own TLP and organisation: the incident shows only the reports (and their
  // observables) that this reader could open directly.
  const [scores, reports, clocks] = await Promise.all([
    repo.listScores(ctx.db, ctx.actor, id),
    listReportsOfIncident(ctx, ctx.db, id),
    clocksOf(ctx.db, 'incident', [id]),
  ]);
  const observed = await observablesOfReports(
    ctx,
    ctx.db,
    reports.map((r) => r.id),
  );
  const merged = new Map<string, { type: string; value: string; matched: Set<string> }>();
  for (const o of observed) {
    const key = `${o.type}\u0000${o.value}`;
    const entry = merged.get(key) ?? { type: o.type, value: o.value, matched: new Set<string>() };
    for (const org of visibleOrganisationIds(ctx.actor, o.matchedOrganisationIds)) entry.matched.add(org);
    merged.set(key, entry);
  }
  return {
    ...toIncidentSummary(v),
    description: v.description,
    namedUserIds: v.namedUserIds,
    scoreHistory: scores.map(toScoreEntry),
    linkedReports: reports.map((r) => ({ id: r.id, reference: r.reference, title: r.title, decision: r.decision })),
    clocks: clocks.map(toSlaClock),
    observables: [...merged.values()].map((o) => ({ type: o.type, value: o.value, matchedOrganisationIds: [...o.matched].sort() })),
  };
}

export async function createIncident(ctx: Ctx, input: IncidentInput): Promise<Incident> {
  const engine = await hoursEngine(ctx.db);
  const row = await ctx.db.transaction((tx) =>
    createIncidentIn(tx, ctx, engine, input, {
      path: 'body',
      reason: 'Initial assessment',
      reasonRef: { key: 'incidents.reason.initial', params: {} },
    }),
  );
  return getIncident(ctx, row.id);
}

/** Any move out of 'open' is the team's first action on the incident. */
const ACTED: ReadonlySet<IncidentRow['status']> = new Set(['in-progress', 'waiting', 'resolved', 'closed']);

export async function updateIncident(ctx: Ctx, id: string, patch: IncidentUpdate): Promise<Incident> {
  const engine = await hoursEngine(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const before = await lockVisibleIncident(ctx, tx, id);
    const now = ctx.clock.now();
    const set: Partial<typeof incidents.$inferInsert> = { updatedAt: now };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.tlp !== undefined) set.tlp = patch.tlp;
    if (patch.pap !== undefined) set.pap = patch.pap;
    if (patch.categoryClass !== undefined || patch.categoryType !== undefined) {
      set.categoryClass = patch.categoryClass ?? before.categoryClass;
      set.categoryType = patch.categoryType ?? before.categoryType;
      checkCategory(set.categoryClass, set.categoryType, 'body');
    }
    const owner = patch.ownerId !== undefined ? await checkOwner(tx, patch.ownerId, 'body') : null;
    if (patch.ownerId !== undefined) set.ownerId = owner?.id ?? null;
    if (patch.namedUserIds !== undefined) set.namedUserIds = await checkNamedUsers(tx, patch.namedUserIds, 'body');
    if (patch.status !== undefined && patch.status !== before.status) {
      set.status = patch.status;
      if (patch.status === 'resolved' || patch.status === 'closed') set.resolvedAt = before.resolvedAt ?? now;
      else set.resolvedAt = null;
    }
    const moved =
      patch.organisationId !== undefined && patch.organisationId !== before.organisationId
        ? await constituentFacts(tx, patch.organisationId ?? null, 'body')
        : null;
    if (moved) {
      set.organisationId = moved.organisationId;
      set.serviceLevel = moved.serviceLevel;
    }
    const after = { ...before, ...set };
    // Why: an edit that would hide the incident from its own author (TLP:RED without being owner or named)
    // is refused rather than silently locking the author out.
    if (!canSeeItem(ctx.actor, after)) {
      throw new AppError('validation-failed', {
        detail: 'After this change you could no longer see the incident: name yourself or make yourself the owner',
        fields: [{ path: 'body.tlp', message: 'You would lose access', code: 'would_lose_access' }],
      });
    }
    await repo.updateIncident(tx, id, set);
    // The constituent's criticality is part of the score: a new organisation scores the incident again.
    const rescored = moved
      ? await applyScore(tx, ctx, engine, after, {
          impact: before.impact,
          extent: before.extent,
          criticality: moved.criticality,
          urgent: before.urgent,
          reason: `Organisation changed to ${moved.organisationName ?? 'none'}`,
          reasonRef: {
            key: 'incidents.reason.organisationChanged',
            params: moved.organisationName ? { organisation: moved.organisationName } : { organisation: null, context: 'none' },
          },
        })
      : null;
    if (set.status && ACTED.has(set.status) && (await meetClock(tx, ['incident', id], 'first-action', now))) {
      await repo.refreshNextDue(tx, id);
    }
    if (owner && owner.id !== before.ownerId && owner.id !== actorId(ctx.actor)) await notifyNewOwner(tx, owner, after, now);
    const { updatedAt: _updatedAt, ...changed } = set;
    await recordAudit(tx, ctx, {
      action: 'incident.update',
      entity: ['incident', id],
      summary: {
        ...changes(before as unknown as Record<string, unknown>, changed as Record<string, unknown>),
        ...(rescored ? { rescoredTo: rescored.priority } : {}),
      },
    });
  });
  return getIncident(ctx, id);
}

export async function pauseIncidentClock(ctx: Ctx, id: string, target: SlaTarget, reason: string): Promise<SlaClock> {
  await getVisibleIncident(ctx, ctx.db, id);
  return pauseClock(ctx, ['incident', id], target, reason, (tx) => repo.refreshNextDue(tx, id));
}

export async function resumeIncidentClock(ctx: Ctx, id: string, target: SlaTarget): Promise<SlaClock> {
  await getVisibleIncident(ctx, ctx.db, id);
  return resumeClock(ctx, ['incident', id], target, (tx) => repo.refreshNextDue(tx, id));
}
