// Every SQL statement about reports, their observables and attachments. Every read of a report or of its
// content takes the actor and applies the visibility policy in SQL (a row the actor may not see reads as
// missing); `unsafe…` reads skip it and serve jobs and internal steps only. Counts take no actor: they
// return no content.
import { and, asc, count, eq, exists, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '#server/db/client';
import type { Viewer } from '#server/policy/visibility';
import { itemScope } from '#server/policy/visibility';
import { organisations } from '#server/organisations/organisations.table';
import { cursorColumn, encodeCursor, orderBy, readPage, type SortKey, countUpToCap } from '#server/db/keyset';
import {
  attachments,
  reportDueKey,
  reportObservables,
  reports,
  type AttachmentRow,
  type ReportObservableRow,
  type ReportRow,
} from './reports.table';

/** The visibility policy on the reports table (undefined: no restriction). */
const scope = (actor: Viewer): SQL | undefined =>
  itemScope(actor, {
    organisationId: reports.organisationId,
    tlp: reports.tlp,
    ownerId: reports.ownerId,
    namedUserIds: reports.namedUserIds,
  });

/** The report `reportId` exists and the actor may see it: the condition every read of a report's content carries. */
const visibleReport = (actor: Viewer, reportId: SQL | string): SQL =>
  exists(
    sql`(select 1 from ${reports} where ${and(eq(reports.id, typeof reportId === 'string' ? sql`${reportId}::uuid` : reportId), scope(actor))})`,
  );

export type ReportListRow = ReportRow & { organisationName: string | null; dueAt: Date | null; clockStatus: string | null };

// The report's current SLA clock: acknowledgement until met, then triage ('acknowledge' sorts before
// 'triage', so the clocks' (subject, target) index gives that order without sorting). Its due time is copied
// onto the report (next_due_at) for the queue's order; "reports"."id" is qualified by hand (a bare "id"
// inside the sub-select would be the clock's).
const CURRENT_CLOCK = sql`from sla_clocks c where c.subject_type = 'report' and c.subject_id = "reports"."id"
  and c.target in ('acknowledge', 'triage') and c.met_at is null
  order by c.target limit 1`;
const currentDue = sql<Date | null>`(select c.due_at ${CURRENT_CLOCK})`.mapWith((v: string | Date | null) =>
  v === null ? null : new Date(v),
);
const currentStatus = sql<string | null>`(select c.status ${CURRENT_CLOCK})`;

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ReportFilter {
  status?: ReportRow['status'] | undefined;
  urgent?: boolean | undefined;
  organisationId?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** The queue's order, as the indexes reports_queue_idx and reports_*list_idx are written: urgent, due time (none last), oldest, id. */
const REPORT_SORT: SortKey[] = [
  { expr: reports.urgent, dir: 'desc', type: 'boolean' },
  { expr: reportDueKey(reports.nextDueAt), dir: 'asc', type: 'timestamptz' },
  { expr: reports.createdAt, dir: 'asc', type: 'timestamptz' },
  { expr: reports.id, dir: 'asc', type: 'uuid' },
];

/** The filters of the queue as SQL, with the visibility policy. */
function listWhere(actor: Viewer, f: ReportFilter): SQL | undefined {
  const like = f.q ? `%${escapeLike(f.q)}%` : null;
  const search = like
    ? sql`(${reports.reference} ilike ${like} or ${reports.title} ilike ${like} or ${reports.description} ilike ${like}
        or ${reports.reporterName} ilike ${like} or ${reports.reporterEmail} ilike ${like}
        or exists (select 1 from report_observables o where o.report_id = "reports"."id" and o.value = ${(f.q ?? '').toLowerCase()}))`
    : undefined;
  return and(
    scope(actor),
    f.status ? eq(reports.status, f.status) : undefined,
    f.urgent !== undefined ? eq(reports.urgent, f.urgent) : undefined,
    f.organisationId ? eq(reports.organisationId, f.organisationId) : undefined,
    search,
  );
}

/** The query of (a range of) one page of the queue, at most `n` rows: exported for the tests that check its plan. */
export function listPageQuery(db: Db, actor: Viewer, f: ReportFilter, range: SQL | undefined, n: number) {
  return db
    .select({
      r: reports,
      organisationName: organisations.name,
      dueAt: currentDue,
      clockStatus: currentStatus,
      cursor: cursorColumn(REPORT_SORT),
    })
    .from(reports)
    .leftJoin(organisations, eq(organisations.id, reports.organisationId))
    .where(and(listWhere(actor, f), range))
    .orderBy(...orderBy(REPORT_SORT))
    .limit(n);
}

/** The tables the queue reads (its answers are cached until one of them changes: http/read-cache.ts). */
export const LIST_TABLES: readonly string[] = [getTableName(reports), getTableName(organisations), 'sla_clocks'];

/**
 * The queue: urgent first, then the earliest due acknowledgement/triage clock, then the oldest. Keyset paging
 * on the row's own keys (`next_due_at` is the copy of the current clock's due time); the total is counted up
 * to TOTAL_CAP + 1 rows.
 */
export async function listReports(
  db: Db,
  actor: Viewer,
  f: ReportFilter,
): Promise<{ rows: ReportListRow[]; nextCursor: string | null; count: number }> {
  const page = await readPage(REPORT_SORT, f.cursor, f.limit, (range, n) => listPageQuery(db, actor, f, range, n));
  const counted = await countUpToCap(db, reports, listWhere(actor, f));
  const last = page.rows.at(-1);
  return {
    rows: page.rows.map((x) => ({ ...x.r, organisationName: x.organisationName, dueAt: x.dueAt, clockStatus: x.clockStatus })),
    nextCursor: page.more && last ? encodeCursor(last.cursor) : null,
    count: counted,
  };
}

/**
 * Copies the due time of each report's current clock onto the report (null while paused or once both are met):
 * called in the same transaction after every start, meet, pause and resume of its clocks.
 */
export async function refreshNextDue(tx: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(reports)
    .set({ nextDueAt: sql`(select c.due_at ${CURRENT_CLOCK})` })
    .where(inArray(reports.id, ids));
}

/** One report the actor may see, with its organisation's name and current clock; null when missing or not visible. */
export async function findReport(db: Db, actor: Viewer, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReportListRow | null> {
  if (opts.forUpdate) {
    // Lock the report row alone: FOR UPDATE cannot apply to the nullable side of an outer join.
    const locked = await db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.id, id), scope(actor)))
      .for('update');
    if (!locked.length) return null;
  }
  const rows = await db
    .select({ r: reports, organisationName: organisations.name, dueAt: currentDue, clockStatus: currentStatus })
    .from(reports)
    .leftJoin(organisations, eq(organisations.id, reports.organisationId))
    .where(and(eq(reports.id, id), scope(actor)));
  const x = rows[0];
  return x ? { ...x.r, organisationName: x.organisationName, dueAt: x.dueAt, clockStatus: x.clockStatus } : null;
}

/** For jobs: the report whoever looks. */
/** The id of the report with this reference (e.g. TOC-2026-000123), whoever asks. */
export async function unsafeReportIdByReference(db: Db, reference: string): Promise<string | null> {
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.reference, reference));
  return row?.id ?? null;
}

export async function unsafeFindReportRow(db: Db, id: string): Promise<ReportRow | null> {
  const rows = await db.select().from(reports).where(eq(reports.id, id));
  return rows[0] ?? null;
}

/**
 * The report a tracking secret belongs to (by its SHA-256). Not the visibility policy: holding the secret is the
 * right to read the report's public status.
 */
export async function findByTrackingHash(db: Db, hash: string): Promise<ReportRow | null> {
  const rows = await db.select().from(reports).where(eq(reports.trackingTokenHash, hash));
  return rows[0] ?? null;
}

/** Inserts reports in one statement; the rows come back in the order given (matched by their unique reference). */
export async function insertReports(db: Db, values: (typeof reports.$inferInsert)[]): Promise<ReportRow[]> {
  if (!values.length) return [];
  const rows = await db.insert(reports).values(values).returning();
  const byReference = new Map(rows.map((r) => [r.reference, r]));
  return values.map((v) => {
    const row = byReference.get(v.reference);
    if (!row) throw new Error(`the insert of report ${v.reference} returned nothing`);
    return row;
  });
}

export async function updateReport(db: Db, id: string, patch: Partial<typeof reports.$inferInsert>): Promise<ReportRow> {
  const [row] = await db
    .update(reports)
    .set({ updatedAt: sql`now()`, ...patch })
    .where(eq(reports.id, id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export async function insertAttachments(db: Db, values: (typeof attachments.$inferInsert)[]): Promise<AttachmentRow[]> {
  if (!values.length) return [];
  return db.insert(attachments).values(values).returning();
}

export async function listAttachments(db: Db, actor: Viewer, reportId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.reportId, reportId), visibleReport(actor, reportId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.filename), asc(attachments.id));
}

export async function countAttachments(db: Db, reportId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(attachments).where(eq(attachments.reportId, reportId));
  return rows[0]?.n ?? 0;
}

/** Whether the actor may see the report: the visibility policy's scope, as every read applies it. */
export async function isReportVisible(db: Db, actor: Viewer, reportId: string): Promise<boolean> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.id, reportId), scope(actor)));
  return rows.length > 0;
}

/** One attachment whoever looks: the caller (reports.service downloadAttachment) applies its report's or incident's visibility. */
export async function unsafeFindAttachment(db: Db, id: string): Promise<AttachmentRow | null> {
  const rows = await db.select().from(attachments).where(eq(attachments.id, id));
  return rows[0] ?? null;
}

/**
 * Inserts observables, skipping those the report already has; returns how many were added. Why one JSON
 * parameter instead of a row of parameters each: a report brings up to hundreds of observables, and building
 * and parsing nine parameters per row cost more than the insert itself.
 */
export async function insertObservables(db: Db, values: (typeof reportObservables.$inferInsert)[]): Promise<number> {
  let added = 0;
  // Batches of 2,000 keep each statement's JSON to a few hundred kilobytes.
  for (let i = 0; i < values.length; i += 2000) {
    const batch = values.slice(i, i + 2000).map((v) => ({
      report_id: v.reportId,
      type: v.type,
      value: v.value,
      raw: v.raw,
      refanged: v.refanged ?? false,
      attachment_id: v.attachmentId ?? null,
      matched_organisation_ids: v.matchedOrganisationIds ?? [],
      created_at: v.createdAt ?? null,
    }));
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with added as (
        insert into ${reportObservables} (report_id, type, value, raw, refanged, attachment_id, matched_organisation_ids, created_at)
        select report_id, type, value, raw, refanged, attachment_id, matched_organisation_ids, coalesce(created_at, now())
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(report_id uuid, type text, value text, raw text,
          refanged boolean, attachment_id uuid, matched_organisation_ids jsonb, created_at timestamptz)
        on conflict do nothing
        returning 1)
      select count(*)::int as n from added`,
    );
    added += row?.n ?? 0;
  }
  return added;
}

/** The observables of those of these reports the actor may see. */
export async function listObservables(db: Db, actor: Viewer, reportIds: string[]): Promise<ReportObservableRow[]> {
  if (!reportIds.length) return [];
  return db
    .select()
    .from(reportObservables)
    .where(and(inArray(reportObservables.reportId, reportIds), visibleReport(actor, sql`${reportObservables.reportId}`)))
    .orderBy(
      asc(reportObservables.reportId),
      sql`${reportObservables.attachmentId} nulls first`,
      asc(reportObservables.type),
      asc(reportObservables.value),
    );
}

export async function countObservables(db: Db, reportId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(reportObservables).where(eq(reportObservables.reportId, reportId));
  return rows[0]?.n ?? 0;
}

/** The matched organisations of every observable of a report (to rank suggestions again, after the report was read visibly). */
export async function unsafeMatchedOrganisations(db: Db, reportId: string): Promise<string[][]> {
  const rows = await db
    .select({ ids: reportObservables.matchedOrganisationIds })
    .from(reportObservables)
    .where(eq(reportObservables.reportId, reportId))
    .orderBy(asc(reportObservables.createdAt), asc(reportObservables.id));
  return rows.map((r) => r.ids);
}

/** The reports linked to an incident that the actor may see (each keeps its own TLP and organisation). */
export async function listReportsOfIncident(db: Db, actor: Viewer, incidentId: string): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.incidentId, incidentId), scope(actor)))
    .orderBy(asc(reports.createdAt));
}
