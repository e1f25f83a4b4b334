// Use cases of reports after intake: the queue, one report, edits, acknowledgement, clock pauses, downloads,
// the reporter's tracking page, and the functions the incidents feature calls. Intake lives in submit-report.ts.
import type { Readable } from 'node:stream';
import type { Ctx } from '#server/ctx';
import { actorId } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit, changes } from '#server/audit/audit.service';
import { canSeeItem, visibleOrganisationIds } from '#server/policy/visibility';
import { reporterFor, seesInternalNotes } from '#server/policy/redaction';
import { clocksOf, meetClock, pauseClock, resumeClock, startClocks, toSlaClock } from '#server/sla/sla.service';
import { hoursEngine } from '#server/hours/hours.service';
import { unsafeFindOrganisationFacts } from '#server/organisations/organisations.service';
import { findActiveTeamMember, findUserRowById } from '#server/users/users.service';
import { BlobNotFoundError, type AttachmentStore } from '#server/storage/storage';
import * as repo from './reports.repo';
import { REPORT_CLOCKS, toAttachment, toObservable, trackingHash } from './report-mappers';
import type { ReportObservableRow, ReportRow } from './reports.table';
import { DEFAULT_SLA_TARGETS, type SlaClock, type SlaTarget } from '#shared/sla/sla.schemas';
import { cappedTotal } from '#server/db/keyset';
import { readByCursor } from '#server/http/cursor';
import type { PublicReportStatus, Report, ReportList, ReportQuery, ReportSummary, ReportUpdate } from '#shared/reports/reports.schemas';

export { toAttachment, toObservable } from './report-mappers';
export { nextReference } from './references';

function toSummary(ctx: Ctx, row: repo.ReportListRow): ReportSummary {
  const now = ctx.clock.now();
  const reporter = reporterFor(ctx.actor, row);
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel,
    status: row.status,
    decision: row.decision ?? null,
    title: row.title,
    urgent: row.urgent,
    tlp: row.tlp,
    pap: row.pap,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    suggestedOrganisationIds: visibleOrganisationIds(ctx.actor, row.suggestedOrganisationIds),
    reporterName: reporter.reporterName,
    reporterEmail: reporter.reporterEmail,
    reporterAnonymous: reporter.reporterAnonymous,
    ownerId: row.ownerId,
    incidentId: row.incidentId,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    breached: row.clockStatus === 'breached' || (row.clockStatus === 'running' && row.dueAt !== null && row.dueAt < now),
  };
}

/** The report (visible to the caller) or 404: not visible and not existing answer alike. */
export async function getVisibleReport(ctx: Ctx, db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<repo.ReportListRow> {
  const row = await repo.findReport(db, ctx.actor, id, opts);
  if (!row) throw new AppError('report-not-found', { detail: `No report ${id}` });
  return row;
}

/** The tables the report queue reads (http/read-cache.ts forgets its answers when one changes). */
export const REPORT_LIST_TABLES = repo.LIST_TABLES;

/** Until when a page of the queue holds: the first due time still ahead, when its clock turns breached. */
export function reportListValidUntil(list: ReportList, now: number): number {
  let until = Infinity;
  for (const r of list.items) {
    if (r.breached || r.dueAt === null) continue;
    const due = Date.parse(r.dueAt);
    if (due < until) until = due;
  }
  return Math.max(until, now);
}

export async function listReports(ctx: Ctx, q: ReportQuery): Promise<ReportList> {
  const { rows, nextCursor, count } = await readByCursor(() => repo.listReports(ctx.db, ctx.actor, q));
  return { items: rows.map((r) => toSummary(ctx, r)), nextCursor, ...cappedTotal(count) };
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  const row = await getVisibleReport(ctx, ctx.db, id);
  const [observables, files, clocks] = await Promise.all([
    repo.listObservables(ctx.db, ctx.actor, [id]),
    repo.listAttachments(ctx.db, ctx.actor, id),
    clocksOf(ctx.db, 'report', [id]),
  ]);
  const reporter = reporterFor(ctx.actor, row);
  return {
    ...toSummary(ctx, row),
    description: row.description,
    evidence: row.evidence,
    occurredAt: row.occurredAt?.toISOString() ?? null,
    reporterOrganisation: reporter.reporterOrganisation,
    reporterPhone: reporter.reporterPhone,
    decisionNote: seesInternalNotes(ctx.actor) ? row.decisionNote : null,
    publicReply: row.publicReply,
    namedUserIds: row.namedUserIds,
    observables: observables.map((o) => ({
      ...toObservable(o),
      matchedOrganisationIds: visibleOrganisationIds(ctx.actor, o.matchedOrganisationIds),
    })),
    observablesTruncated: row.observablesTruncated,
    attachments: files.map(toAttachment),
    clocks: clocks.sort((a, b) => clockOrder(a.target) - clockOrder(b.target)).map(toSlaClock),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const clockOrder = (target: SlaTarget): number => (target === 'acknowledge' ? 0 : target === 'triage' ? 1 : 2);

async function checkUser(db: Db, id: string, path: string, teamOnly: boolean): Promise<void> {
  const user = teamOnly ? await findActiveTeamMember(db, id) : await findUserRowById(db, id);
  if (!user || user.disabledAt) {
    throw new AppError('validation-failed', {
      detail: `${id} is not an active ${teamOnly ? 'team member' : 'user'}`,
      fields: [
        {
          path,
          message: teamOnly ? 'Not an active team member' : 'Not an active user',
          code: teamOnly ? 'not_team_member' : 'unknown_user',
        },
      ],
    });
  }
}

/** Triage edits: owner, TLP/PAP, organisation, need-to-know list, urgency (which restarts unmet clocks on the urgent targets). */
export async function updateReport(ctx: Ctx, id: string, patch: ReportUpdate): Promise<Report> {
  if (patch.organisationId && !(await unsafeFindOrganisationFacts(ctx.db, patch.organisationId))) {
    throw new AppError('validation-failed', {
      detail: `No organisation ${patch.organisationId}`,
      fields: [{ path: 'body.organisationId', message: 'Unknown organisation', code: 'unknown_organisation' }],
    });
  }
  if (patch.ownerId) await checkUser(ctx.db, patch.ownerId, 'body.ownerId', true);
  for (const [i, userId] of (patch.namedUserIds ?? []).entries()) await checkUser(ctx.db, userId, `body.namedUserIds.${i}`, false);
  const engine = patch.urgent !== undefined ? await hoursEngine(ctx.db) : null;
  await ctx.db.transaction(async (tx) => {
    const before = await getVisibleReport(ctx, tx, id, { forUpdate: true });
    const now = ctx.clock.now();
    const values: Partial<ReportRow> = {};
    if (patch.organisationId !== undefined) values.organisationId = patch.organisationId;
    if (patch.ownerId !== undefined) values.ownerId = patch.ownerId;
    if (patch.tlp !== undefined) values.tlp = patch.tlp;
    if (patch.pap !== undefined) values.pap = patch.pap;
    if (patch.namedUserIds !== undefined) values.namedUserIds = [...new Set(patch.namedUserIds)];
    if (patch.urgent !== undefined) values.urgent = patch.urgent;
    // Why: an edit that would hide the report from the one making it (TLP:RED without being owner or named)
    // is refused before anything is saved, as for incidents, rather than saved and answered 404.
    if (!canSeeItem(ctx.actor, { ...before, ...values })) {
      const path =
        patch.namedUserIds !== undefined
          ? 'body.namedUserIds'
          : patch.ownerId !== undefined
            ? 'body.ownerId'
            : patch.tlp !== undefined
              ? 'body.tlp'
              : 'body.organisationId';
      throw new AppError('validation-failed', {
        detail: 'After this change you could no longer see the report: name yourself or make yourself the owner',
        fields: [{ path, message: 'You would lose access', code: 'would_lose_access' }],
      });
    }
    await repo.updateReport(tx, id, { ...values, updatedAt: now });
    if (engine && patch.urgent !== undefined && patch.urgent !== before.urgent) {
      const targets = DEFAULT_SLA_TARGETS.report[patch.urgent ? 'urgent' : 'normal'];
      const clocks = await clocksOf(tx, 'report', [id]);
      await startClocks(
        tx,
        engine,
        REPORT_CLOCKS.filter((target) => !clocks.find((c) => c.target === target)?.metAt).map((target) => ({
          subject: ['report', id],
          target,
          mode: targets.mode,
          durationMs: targets[target],
          at: now,
        })),
      );
      await repo.refreshNextDue(tx, [id]);
      if (patch.urgent && before.status === 'new') await ctx.jobs.enqueue('reports.page-duty', { reportId: id }, {}, tx);
    }
    const summary = changes(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
    await recordAudit(tx, ctx, { action: 'report.update', entity: ['report', id], summary });
  });
  return getReport(ctx, id);
}

/** The team has seen the report: meets the acknowledgement clock (idempotent). */
export async function acknowledgeReport(ctx: Ctx, id: string): Promise<Report> {
  await ctx.db.transaction(async (tx) => {
    const row = await getVisibleReport(ctx, tx, id, { forUpdate: true });
    if (row.acknowledgedAt) return;
    const now = ctx.clock.now();
    await repo.updateReport(tx, id, { acknowledgedAt: now, updatedAt: now });
    await meetClock(tx, ['report', id], 'acknowledge', now);
    await repo.refreshNextDue(tx, [id]);
    await recordAudit(tx, ctx, { action: 'report.acknowledge', entity: ['report', id], summary: { reference: row.reference } });
  });
  return getReport(ctx, id);
}

export async function pauseReportClock(ctx: Ctx, id: string, target: SlaTarget, reason: string): Promise<SlaClock> {
  await getVisibleReport(ctx, ctx.db, id);
  return pauseClock(ctx, ['report', id], target, reason, (tx) => repo.refreshNextDue(tx, [id]));
}

export async function resumeReportClock(ctx: Ctx, id: string, target: SlaTarget): Promise<SlaClock> {
  await getVisibleReport(ctx, ctx.db, id);
  return resumeClock(ctx, ['report', id], target, (tx) => repo.refreshNextDue(tx, [id]));
}

export interface Download {
  stream: Readable;
  filename: string;
  size: number;
  mediaType: string;
  sha256: string;
}

/**
 * What reports need to know of incidents, which sit above them (an incident imports reports, never the reverse):
 * look-ups the entry (app.ts) builds from incidents.service and hands to the reports routes.
 */
export interface IncidentLookups {
  /** Whether the actor may see the incident (the visibility policy's answer). */
  isVisible(ctx: Ctx, incidentId: string): Promise<boolean>;
  /** The incident's status and resolution time whoever looks (for a reporter's tracking link), or null. */
  unsafeOutcome(db: Db, incidentId: string): Promise<{ status: string; resolvedAt: Date | null } | null>;
}

/**
 * The content of an attachment the actor may see through its report or its incident (either suffices); missing
 * and not visible answer the same 404.
 */
export async function downloadAttachment(ctx: Ctx, id: string, store: AttachmentStore, incidents: IncidentLookups): Promise<Download> {
  const att = await repo.unsafeFindAttachment(ctx.db, id);
  const visible =
    att !== null &&
    ((att.reportId !== null && (await repo.isReportVisible(ctx.db, ctx.actor, att.reportId))) ||
      (att.incidentId !== null && (await incidents.isVisible(ctx, att.incidentId))));
  if (!att || !visible) throw new AppError('attachment-not-found', { detail: `No attachment ${id}` });
  try {
    const stream = await store.open(att.sha256);
    return { stream, filename: att.filename, size: att.size, mediaType: att.mediaType, sha256: att.sha256 };
  } catch (err) {
    if (err instanceof BlobNotFoundError) {
      ctx.log.error({ attachmentId: id, sha256: att.sha256 }, 'attachment content missing from the store');
      throw new AppError('attachment-not-found', { detail: 'The content of this attachment is missing from the store' });
    }
    throw err;
  }
}

/**
 * What the reporter's secret link shows: reference, public status, dates and the public reply; nothing else.
 * The token is hashed first and looked up by its hash, so malformed, unknown and wrong tokens cost the
 * same and answer the same 404 (no timing or format oracle).
 */
export async function getPublicStatus(ctx: Ctx, token: string, incidents: IncidentLookups): Promise<PublicReportStatus> {
  const report = await repo.findByTrackingHash(ctx.db, trackingHash(token));
  if (!report) throw new AppError('report-not-found', { detail: 'This tracking link is not valid' });
  const outcome = report.incidentId ? await incidents.unsafeOutcome(ctx.db, report.incidentId) : null;
  const incidentResolvedAt = outcome?.resolvedAt ?? null;
  const handled = outcome?.status === 'resolved' || outcome?.status === 'closed';
  let status: PublicReportStatus['status'];
  switch (report.status) {
    case 'new':
      status = 'received';
      break;
    case 'triaged':
      status = handled ? 'handled' : 'under-review';
      break;
    case 'closed':
      status = 'closed';
      break;
  }
  const updatedAt = handled && incidentResolvedAt && incidentResolvedAt > report.updatedAt ? incidentResolvedAt : report.updatedAt;
  return {
    reference: report.reference,
    status,
    receivedAt: report.createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    reply: report.publicReply,
  };
}

// ---- Called by the incidents feature ----

/** For jobs: a report row by id whoever looks, or null. */
export const unsafeFindReportRow = (db: Db, id: string): Promise<ReportRow | null> => repo.unsafeFindReportRow(db, id);
export const unsafeReportIdByReference = (db: Db, reference: string): Promise<string | null> =>
  repo.unsafeReportIdByReference(db, reference);

export interface TriageDecision {
  decision: NonNullable<ReportRow['decision']>;
  note?: string | null;
  publicReply?: string | null;
  incidentId?: string | null;
}

/**
 * Records the triage decision in the caller's transaction: incident → triaged (linked to `incidentId`);
 * not-incident, out-of-constituency, duplicate → closed. Meets the acknowledgement and triage clocks,
 * audits `report.triage`. 404 when the caller cannot see the report, 409 when it was triaged already.
 */
export async function markReportTriaged(tx: Db, ctx: Ctx, reportId: string, d: TriageDecision): Promise<ReportRow> {
  const row = await getVisibleReport(ctx, tx, reportId, { forUpdate: true });
  if (row.status !== 'new')
    throw new AppError('already-triaged', { detail: `${row.reference} was already triaged (${row.decision ?? row.status})` });
  const now = ctx.clock.now();
  const after = await repo.updateReport(tx, reportId, {
    status: d.decision === 'incident' ? 'triaged' : 'closed',
    decision: d.decision,
    decisionNote: d.note ?? null,
    publicReply: d.publicReply ?? null,
    decidedBy: actorId(ctx.actor),
    decidedAt: now,
    incidentId: d.incidentId ?? null,
    acknowledgedAt: row.acknowledgedAt ?? now,
    updatedAt: now,
  });
  for (const target of REPORT_CLOCKS) await meetClock(tx, ['report', reportId], target, now);
  await repo.refreshNextDue(tx, [reportId]);
  await recordAudit(tx, ctx, {
    action: 'report.triage',
    entity: ['report', reportId],
    summary: {
      reference: row.reference,
      decision: d.decision,
      incidentId: d.incidentId ?? null,
      publicReply: d.publicReply ? true : false,
    },
  });
  return after;
}

/** The reports linked to an incident that the caller may see (a linked report keeps its own TLP and organisation). */
export function listReportsOfIncident(ctx: Ctx, db: Db, incidentId: string): Promise<ReportRow[]> {
  return repo.listReportsOfIncident(db, ctx.actor, incidentId);
}

/** The observables of those of these reports the caller may see (with reportId), for the incident's view and triage. */
export function observablesOfReports(ctx: Ctx, db: Db, reportIds: string[]): Promise<ReportObservableRow[]> {
  return repo.listObservables(db, ctx.actor, reportIds);
}

// Intake from the mailbox (an e-mail opens a report through the same path as the web form).
export { submitEmailReport, type EmailSubmission } from './submit-report';
export { REFERENCE_PREFIX } from './references';
