// The body of a report submission: JSON when there are no files, multipart/form-data otherwise (the
// report as a JSON string in `report`, each file in `attachments`), and the client-side file limits.
import { REPORT_LIMITS } from '#shared/reports/reports.schemas';

export const REPORT_FIELD = 'report';
export const ATTACHMENTS_FIELD = 'attachments';

export type AttachmentProblem = { kind: 'too-many'; max: number } | { kind: 'too-large'; name: string; maxMb: number };

/** Why the files cannot be sent (checked before uploading: the server refuses them anyway), or null. */
export function checkAttachments(files: readonly { name: string; size: number }[]): AttachmentProblem | null {
  if (files.length > REPORT_LIMITS.attachmentsPerReport) return { kind: 'too-many', max: REPORT_LIMITS.attachmentsPerReport };
  const large = files.find((f) => f.size > REPORT_LIMITS.attachmentBytes);
  if (large) return { kind: 'too-large', name: large.name, maxMb: REPORT_LIMITS.attachmentBytes / (1024 * 1024) };
  return null;
}

export type SubmissionBody<T> = { kind: 'json'; body: T } | { kind: 'multipart'; body: FormData };

export function buildSubmissionBody<T>(submission: T, files: readonly File[]): SubmissionBody<T> {
  if (files.length === 0) return { kind: 'json', body: submission };
  const form = new FormData();
  // The JSON part first: a streaming server can validate it before reading the files.
  form.append(REPORT_FIELD, JSON.stringify(submission));
  for (const file of files) form.append(ATTACHMENTS_FIELD, file, file.name);
  return { kind: 'multipart', body: form };
}

/** Files alone, for `POST /api/reports/:id/attachments`. */
export function attachmentsForm(files: readonly File[]): FormData {
  const form = new FormData();
  for (const file of files) form.append(ATTACHMENTS_FIELD, file, file.name);
  return form;
}
