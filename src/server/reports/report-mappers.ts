// Row → API shapes shared by the intake and the other report use cases, and the tracking-secret hash.
import { createHash } from 'node:crypto';
import type { AttachmentRow, ReportObservableRow } from './reports.table';
import type { SlaTarget } from '#shared/sla/sla.schemas';
import type { Attachment, Observable } from '#shared/reports/reports.schemas';
import { addressRange } from '#shared/observables/ranges';

/** The SLA clocks every report runs, in the order they are met. */
export const REPORT_CLOCKS = ['acknowledge', 'triage'] as const satisfies readonly SlaTarget[];

/** SHA-256 (hex) of a tracking secret: only this is stored, so a database leak reveals no working link. */
export function trackingHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function toObservable(row: ReportObservableRow): Observable {
  return {
    id: row.id,
    type: row.type,
    value: row.value,
    raw: row.raw,
    refanged: row.refanged,
    attachmentId: row.attachmentId,
    matchedOrganisationIds: row.matchedOrganisationIds,
    range: addressRange(row.type, row.value),
  };
}

export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    filename: row.filename,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}
