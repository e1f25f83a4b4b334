// Intake of reports: the public form (anonymous, honeypot), the constituent portal and the API, and files
// added later. Files are stored and read first; then one short transaction writes the report, its
// attachments and observables, starts its SLA clocks, audits, and pages the duty officer when urgent.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '#server/ctx';
import { actorId } from '#server/ctx';
import type { Db } from '#server/db/client';
import { groupCommitter } from '#server/db/group-commit';
import { AppError } from '#server/http/errors';
import { recordAudit, recordAudits } from '#server/audit/audit.service';
import { isNamedOnly } from '#server/policy/visibility';
import { hoursEngine } from '#server/hours/hours.service';
import type { HoursEngine } from '#shared/hours/hours';
import { startClocks } from '#server/sla/sla.service';
import { dutyOfficerAt } from '#server/duty/duty.service';
import { unsafeFindOrganisationFacts, matchObservables, rankOrganisations } from '#server/organisations/organisations.service';
import { nextReferences } from './references';
import * as repo from './reports.repo';
import { REPORT_CLOCKS, toAttachment, trackingHash } from './report-mappers';
import { readTextAttachment, storeFiles, type FileSource, type StoredFile } from './attachment-files';
import type { AttachmentStore } from '#server/storage/storage';
import type { ReportRow } from './reports.table';
import { extractObservables, type ObservableType } from '#shared/observables/observables';
import { DEFAULT_SLA_TARGETS } from '#shared/sla/sla.schemas';
import {
  REPORT_LIMITS,
  type Attachment,
  type PublicReportSubmission,
  type ReportReceipt,
  type ReportSubmission,
} from '#shared/reports/reports.schemas';
import type { PapLabel, TlpLabel } from '#shared/taxonomies/tlp';

export interface IntakeMeta {
  storage: AttachmentStore;
  /** The instance's public address, for the tracking link (no trailing slash). */
  publicBase: string;
}

/** A report as the channels hand it over, before anything is stored. */
interface Draft {
  channel: ReportRow['channel'];
  title: string;
  description: string;
  evidence: string | null;
  occurredAt: Date | null;
  urgent: boolean;
  tlp: TlpLabel;
  pap: PapLabel;
  organisationId: string | null;
  reporter: { name: string | null; organisation: string | null; email: string | null; phone: string | null };
  submittedBy: string | null;
  namedUserIds: string[];
  /** Name the person on duty when the report is written too (see submitPublicReport). */
  nameDutyOfficer: boolean;
  sourceIp: string | null;
  /** The sender's domain (e-mail): its owner is suggested too. */
  senderDomain?: string | null;
}

interface Found {
  type: ObservableType;
  value: string;
  raw: string;
  refanged: boolean;
  /** Index into the stored files, or null for the report's own text. */
  file: number | null;
}

/**
 * Observables of the report's text, then of its text attachments, deduplicated on (type, value) and
 * capped at `max`: beyond it the first ones are kept and `truncated` says so (never a failure).
 */
async function collectObservables(
  store: AttachmentStore,
  text: string,
  files: StoredFile[],
  max: number,
): Promise<{ items: Found[]; truncated: boolean }> {
  const items: Found[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const take = (source: string, file: number | null) => {
    const found = extractObservables(source, { max: max - items.length });
    truncated ||= found.truncated;
    for (const o of found.items) {
      const key = `${o.type}\u0000${o.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ type: o.type, value: o.value, raw: o.raw, refanged: o.refanged, file });
    }
  };
  take(text, null);
  for (const [i, file] of files.entries()) {
    const content = await readTextAttachment(store, file);
    if (content === null) continue;
    if (items.length >= max) {
      // Anything found here would exceed the cap: only say whether there was anything.
      truncated ||= extractObservables(content, { max: 0 }).truncated;
      continue;
    }
    take(content, i);
  }
  return { items, truncated };
}

/** A report ready to be written: everything slow (files, extraction, matching, the hours engine) is done. */
interface Prepared {
  ctx: Ctx;
  draft: Draft;
  files: StoredFile[];
  items: Found[];
  truncated: boolean;
  matched: string[][];
  /** Constituents suggested: owners of the observables (and of the sender's domain), most matches first. */
  suggested: string[];
  engine: HoursEngine;
  trackingTokenHash: string;
  now: Date;
}

async function createReport(ctx: Ctx, draft: Draft, files: StoredFile[], meta: IntakeMeta): Promise<ReportReceipt> {
  const text = [draft.title, draft.description, draft.evidence ?? ''].join('\n');
  const { items, truncated } = await collectObservables(meta.storage, text, files, REPORT_LIMITS.observablesPerReport);
  const matched = await matchObservables(ctx.db, items);
  const senderOwners = draft.senderDomain ? await matchObservables(ctx.db, [{ type: 'domain', value: draft.senderDomain }]) : [];
  const engine = await hoursEngine(ctx.db);
  // Why: 32 random bytes are unguessable; only their hash is stored, and the link is shown once.
  const token = randomBytes(32).toString('base64url');
  const prepared: Prepared = {
    ctx,
    draft,
    files,
    items,
    truncated,
    matched,
    suggested: rankOrganisations([...senderOwners, ...matched]),
    engine,
    trackingTokenHash: trackingHash(token),
    now: ctx.clock.now(),
  };
  const report = await reportWriter(ctx.db).submit(prepared);
  return {
    id: report.id,
    reference: report.reference,
    trackingUrl: `${meta.publicBase}/report/track/${token}`,
    observables: items.length,
    attachments: files.length,
  };
}

/**
 * Reports submitted at the same moment are written together (group commit, db/group-commit.ts): one
 * transaction, and one statement per table for all of them, where each report alone took eight round trips.
 * Why 50: a batch's statements stay small, and more than 50 reports waiting at once is already a burst.
 */
const reportWriter = groupCommitter<Prepared, ReportRow>({ write: writeReports, maxBatch: 50, concurrency: 1 });

/** Writes a batch of reports, each with its files, observables, SLA clocks, audit event and (when urgent) page. */
async function writeReports(tx: Db, batch: Prepared[]): Promise<ReportRow[]> {
  const references = await nextReferences(
    tx,
    'report',
    batch.map((p) => p.now),
  );
  // Why once per batch: its reports arrived within milliseconds of each other, and each lookup is three queries.
  const first = batch.find((p) => p.draft.nameDutyOfficer);
  const officer = first ? await dutyOfficerAt(tx, first.now) : null;
  const rows = await repo.insertReports(
    tx,
    batch.map(({ draft, suggested, trackingTokenHash, truncated, now }, i) => ({
      reference: references[i] as string,
      channel: draft.channel,
      title: draft.title,
      description: draft.description,
      evidence: draft.evidence,
      occurredAt: draft.occurredAt,
      urgent: draft.urgent,
      tlp: draft.tlp,
      pap: draft.pap,
      organisationId: draft.organisationId,
      suggestedOrganisationIds: suggested,
      reporterName: draft.reporter.name,
      reporterOrganisation: draft.reporter.organisation,
      reporterEmail: draft.reporter.email,
      reporterPhone: draft.reporter.phone,
      submittedBy: draft.submittedBy,
      namedUserIds: draft.nameDutyOfficer && officer ? [...new Set([...draft.namedUserIds, officer.userId])] : draft.namedUserIds,
      trackingTokenHash,
      sourceIp: draft.sourceIp,
      observablesTruncated: truncated,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const observables: Parameters<typeof repo.insertObservables>[1] = [];
  for (const [n, p] of batch.entries()) {
    const row = rows[n] as ReportRow;
    // Files are few and only from the web form: their rows go report by report (their ids are needed below).
    const stored = p.files.length ? await insertFiles(tx, p.ctx, row.id, p.files, p.now) : [];
    for (const [i, o] of p.items.entries()) {
      observables.push({
        reportId: row.id,
        type: o.type,
        value: o.value,
        raw: o.raw,
        refanged: o.refanged,
        attachmentId: o.file === null ? null : (stored[o.file]?.id ?? null),
        matchedOrganisationIds: p.matched[i] ?? [],
        createdAt: p.now,
      });
    }
  }
  await repo.insertObservables(tx, observables);
  // One statement per hours engine; the engine is cached, so a batch almost always has one.
  const byEngine = new Map<HoursEngine, Parameters<typeof startClocks>[2][number][]>();
  for (const [n, p] of batch.entries()) {
    const targets = DEFAULT_SLA_TARGETS.report[p.draft.urgent ? 'urgent' : 'normal'];
    const clocks = byEngine.get(p.engine) ?? [];
    for (const target of REPORT_CLOCKS) {
      clocks.push({ subject: ['report', (rows[n] as ReportRow).id], target, mode: targets.mode, durationMs: targets[target], at: p.now });
    }
    byEngine.set(p.engine, clocks);
  }
  for (const [engine, clocks] of byEngine) await startClocks(tx, engine, clocks);
  await repo.refreshNextDue(
    tx,
    rows.map((r) => r.id),
  );
  await recordAudits(
    tx,
    batch.map(({ ctx, draft, items, truncated, files }, n) => {
      const row = rows[n] as ReportRow;
      return {
        ctx,
        entry: {
          action: 'report.submit',
          entity: ['report', row.id],
          summary: {
            reference: row.reference,
            channel: draft.channel,
            urgent: draft.urgent,
            tlp: draft.tlp,
            organisationId: draft.organisationId,
            observables: items.length,
            observablesTruncated: truncated,
            attachments: files.length,
          },
        },
      };
    }),
  );
  for (const [n, p] of batch.entries()) {
    if (p.draft.urgent) await p.ctx.jobs.enqueue('reports.page-duty', { reportId: (rows[n] as ReportRow).id }, {}, tx);
  }
  return rows;
}

function insertFiles(tx: Db, ctx: Ctx, reportId: string, files: StoredFile[], now: Date) {
  return repo.insertAttachments(
    tx,
    files.map((f) => ({
      reportId,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
      filename: f.filename,
      uploadedBy: actorId(ctx.actor),
      createdAt: now,
    })),
  );
}

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);

/**
 * The public form: anyone, no account. A filled honeypot refuses the submission before any byte is stored.
 * `files` are read in order (multipart parts); the JSON was validated by the route.
 */
export async function submitPublicReport(
  ctx: Ctx,
  input: PublicReportSubmission,
  files: FileSource,
  meta: IntakeMeta & { ip?: string | undefined },
): Promise<ReportReceipt> {
  if (input.website?.trim()) {
    ctx.log.info({ ip: meta.ip }, 'public report refused: honeypot filled');
    throw new AppError('spam-suspected', { detail: 'The submission was refused' });
  }
  const tlp = input.tlp ?? 'AMBER';
  const stored = await storeFiles(meta.storage, files);
  const r = input.reporter ?? {};
  return createReport(
    ctx,
    {
      channel: 'web',
      title: input.title,
      description: input.description,
      evidence: orNull(input.evidence),
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
      urgent: input.urgent ?? false,
      tlp,
      pap: 'AMBER',
      organisationId: null,
      // An anonymous reporter (no name, no e-mail) follows the report through the tracking link alone.
      reporter: {
        name: orNull(r.name),
        organisation: orNull(r.organisation),
        email: orNull(r.email)?.toLowerCase() ?? null,
        phone: orNull(r.phone),
      },
      submittedBy: null,
      namedUserIds: [],
      // Why: TLP:RED is for named recipients only. An anonymous reporter names nobody, so the report goes to the
      // person on duty when it arrives (who may name others); otherwise no one in the team could ever read it.
      // Looked up as the report is written, in its transaction: a read before it would make this request wait
      // for the batch being written on PGlite's one connection, and the batch after it start without it.
      nameDutyOfficer: isNamedOnly(tlp),
      sourceIp: meta.ip ?? null,
    },
    stored,
    meta,
  );
}

/** A message to the team's mailbox, decrypted and checked by the mailbox, as the reporter wrote it. */
export interface EmailSubmission {
  subject: string;
  body: string;
  from: { address: string; name: string | null };
  urgent: boolean;
  sentAt: Date | null;
}

const MAIL_TITLE_FALLBACK = '(no subject)';

/**
 * A report from an e-mail (the mailbox, after decryption): the same intake as the web form, channel 'email'. The
 * subject is the title, the body the description (a longer body is kept whole as evidence), the sender the reporter;
 * the sender's domain suggests its owner. TLP:AMBER, as for the form (the mail said nothing else).
 */
export async function submitEmailReport(ctx: Ctx, input: EmailSubmission, files: FileSource, meta: IntakeMeta): Promise<ReportReceipt> {
  const stored = await storeFiles(meta.storage, files);
  const title = Array.from(input.subject.replace(/\s+/g, ' ').trim()).slice(0, REPORT_LIMITS.title).join('') || MAIL_TITLE_FALLBACK;
  const body = input.body.trim() || '(empty message)';
  const long = body.length > REPORT_LIMITS.description;
  const note = '\n\n[The message is longer: it is kept whole in the evidence.]';
  return createReport(
    ctx,
    {
      channel: 'email',
      title: title.length >= 3 ? title : `${title} ${MAIL_TITLE_FALLBACK}`,
      description: long ? body.slice(0, REPORT_LIMITS.description - note.length) + note : body,
      evidence: long ? body.slice(0, REPORT_LIMITS.evidence) : null,
      occurredAt: null,
      urgent: input.urgent,
      tlp: 'AMBER',
      pap: 'AMBER',
      organisationId: null,
      reporter: { name: input.from.name, organisation: null, email: input.from.address.toLowerCase(), phone: null },
      submittedBy: null,
      namedUserIds: [],
      nameDutyOfficer: false,
      sourceIp: null,
      senderDomain: input.from.address.split('@')[1]?.toLowerCase() ?? null,
    },
    stored,
    meta,
  );
}

/**
 * The portal (constituent user: the report is about its own organisation, whatever it sent) and the API
 * (token or team member: organisation optional). The reporter defaults to the account.
 */
export async function submitReport(ctx: Ctx, input: ReportSubmission, meta: IntakeMeta): Promise<ReportReceipt> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw new AppError('unauthenticated');
  const constituent = actor.role === 'constituent';
  // Why forced: a constituent user acts for its organisation only and must not file reports about another.
  const organisationId = constituent ? actor.organisationId : (input.organisationId ?? null);
  if (!constituent && organisationId && !(await unsafeFindOrganisationFacts(ctx.db, organisationId))) {
    throw new AppError('validation-failed', {
      detail: `No organisation ${organisationId}`,
      fields: [{ path: 'body.organisationId', message: 'Unknown organisation', code: 'unknown_organisation' }],
    });
  }
  const r = input.reporter ?? {};
  return createReport(
    ctx,
    {
      channel: constituent && actor.via === 'session' ? 'portal' : 'api',
      title: input.title,
      description: input.description,
      evidence: orNull(input.evidence),
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : null,
      urgent: input.urgent ?? false,
      tlp: input.tlp ?? 'AMBER',
      pap: input.pap ?? 'AMBER',
      organisationId,
      reporter: {
        name: r.name ?? actor.name,
        organisation: orNull(r.organisation),
        email: (r.email ?? actor.email).toLowerCase(),
        phone: orNull(r.phone),
      },
      submittedBy: actor.id,
      // The submitter stays able to see a TLP:RED report it filed (RED is visible to named users only).
      namedUserIds: [actor.id],
      nameDutyOfficer: false,
      sourceIp: ctx.origin.ip ?? null,
    },
    [],
    meta,
  );
}

/** Adds files to a report the caller can see; observables of text files join the report's (within the cap). */
export async function addAttachments(
  ctx: Ctx,
  reportId: string,
  files: FileSource,
  storage: AttachmentStore,
): Promise<{ items: Attachment[] }> {
  if (!(await repo.findReport(ctx.db, ctx.actor, reportId))) throw new AppError('report-not-found', { detail: `No report ${reportId}` });
  const already = await repo.countAttachments(ctx.db, reportId);
  const stored = await storeFiles(storage, files, already);
  if (!stored.length)
    throw new AppError('validation-failed', {
      detail: 'Send at least one file',
      fields: [{ path: 'body.attachments', message: 'Required', code: 'required' }],
    });
  const existing = await repo.countObservables(ctx.db, reportId);
  const room = Math.max(0, REPORT_LIMITS.observablesPerReport - existing);
  const { items, truncated } = await collectObservables(storage, '', stored, room);
  const matched = await matchObservables(ctx.db, items);
  const now = ctx.clock.now();

  const rows = await ctx.db.transaction(async (tx) => {
    const locked = await repo.findReport(tx, ctx.actor, reportId, { forUpdate: true });
    if (!locked) throw new AppError('report-not-found', { detail: `No report ${reportId}` });
    if ((await repo.countAttachments(tx, reportId)) + stored.length > REPORT_LIMITS.attachmentsPerReport) {
      throw new AppError('payload-too-large', {
        detail: `A report holds at most ${REPORT_LIMITS.attachmentsPerReport} attachments`,
        fields: [
          {
            path: 'body.attachments',
            message: 'Too many files',
            code: 'too_many_files',
            params: { maximum: REPORT_LIMITS.attachmentsPerReport },
          },
        ],
      });
    }
    const inserted = await insertFiles(tx, ctx, reportId, stored, now);
    const added = await repo.insertObservables(
      tx,
      items.map((o, i) => ({
        reportId,
        type: o.type,
        value: o.value,
        raw: o.raw,
        refanged: o.refanged,
        attachmentId: o.file === null ? null : (inserted[o.file]?.id ?? null),
        matchedOrganisationIds: matched[i] ?? [],
        createdAt: now,
      })),
    );
    const patch: Partial<ReportRow> = { updatedAt: now };
    if (truncated) patch.observablesTruncated = true;
    if (added > 0) patch.suggestedOrganisationIds = rankOrganisations(await repo.unsafeMatchedOrganisations(tx, reportId));
    await repo.updateReport(tx, reportId, patch);
    await recordAudit(tx, ctx, {
      action: 'report.attach',
      entity: ['report', reportId],
      summary: { files: inserted.map((a) => ({ filename: a.filename, sha256: a.sha256, size: a.size })), observables: added },
    });
    return inserted;
  });
  return { items: rows.map(toAttachment) };
}
