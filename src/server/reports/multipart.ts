// Reading report uploads from multipart/form-data: the JSON field `report` first, then the files, streamed
// one at a time to the store; parser limits and errors become problems that name the field.
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import type { z } from 'zod';
import { AppError } from '#server/http/errors';
import type { IncomingFile } from './attachment-files';
import { REPORT_LIMITS } from '#shared/reports/reports.schemas';
import { fieldCodeOf, type CodedField } from '#shared/problems';
import { findTextIssues } from '#shared/text';

const REPORT_FIELD_BYTES = 4 * 1024 * 1024;
const FILE_FIELD = 'attachments';

/** Busboy limits: one file more than REPORT_LIMITS allows is never read past its limit + 1 byte. */
export const multipartLimits = {
  fieldNameSize: 100,
  fieldSize: REPORT_FIELD_BYTES,
  fields: 2,
  fileSize: REPORT_LIMITS.attachmentBytes + 1,
  files: REPORT_LIMITS.attachmentsPerReport,
  parts: REPORT_LIMITS.attachmentsPerReport + 2,
  headerPairs: 100,
};

/** The most a multipart upload may declare: every file at its limit, the report field, and framing. */
export const MULTIPART_BODY_BYTES = REPORT_LIMITS.attachmentsPerReport * REPORT_LIMITS.attachmentBytes + REPORT_FIELD_BYTES + 64 * 1024;

/** Validates a parsed JSON body against a request schema, with the same problem fields as route validation. */
export function parseJsonBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  // The same text rule as every validated request part (http/validation.ts): NUL, controls, lone surrogates.
  const textIssues = findTextIssues(value);
  if (textIssues.length) {
    const fields = textIssues.map((i): CodedField => ({
      path: ['body', ...i.path.map(String)].join('.'),
      message: i.message,
      code: 'invalid',
    }));
    throw new AppError('validation-failed', {
      detail: `Invalid field${fields.length > 1 ? 's' : ''}: ${fields
        .slice(0, 5)
        .map((f) => f.path)
        .join(', ')}`,
      fields,
    });
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields: CodedField[] = r.error.issues.flatMap((issue): CodedField[] => {
    const base = ['body', ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ path: [...base, k].join('.'), message: 'Unknown field', code: 'unknown_field' }));
    const at = issue.path.reduce<unknown>(
      (v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined),
      value,
    );
    return [
      {
        path: base.join('.'),
        message: issue.message,
        ...fieldCodeOf(issue.code, issue as unknown as Record<string, unknown>, at === undefined),
      },
    ];
  });
  const names = [...new Set(fields.map((f) => f.path))].slice(0, 5);
  throw new AppError('validation-failed', { detail: `Invalid field${names.length > 1 ? 's' : ''}: ${names.join(', ')}`, fields });
}

/** Multipart parser errors as problems; anything else the parser throws is a malformed body. */
function asProblem(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  switch (code) {
    case 'FST_FILES_LIMIT':
      return new AppError('payload-too-large', {
        detail: `A report holds at most ${REPORT_LIMITS.attachmentsPerReport} attachments`,
        fields: [
          {
            path: `body.${FILE_FIELD}`,
            message: 'Too many files',
            code: 'too_many_files',
            params: { maximum: REPORT_LIMITS.attachmentsPerReport },
          },
        ],
      });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('payload-too-large', {
        detail: 'The form has too many parts',
        fields: [{ path: 'body', message: 'Too many parts', code: 'too_many_parts' }],
      });
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('malformed-body', {
        detail: 'The field report is not valid JSON',
        fields: [{ path: 'body.report', message: 'Not valid JSON', code: 'not_json' }],
      });
    default:
      return new AppError('malformed-body', { detail: 'The multipart body could not be read' });
  }
}

async function nextPart(it: AsyncIterator<Multipart>): Promise<Multipart | null> {
  try {
    const n = await it.next();
    return n.done ? null : n.value;
  } catch (err) {
    throw asProblem(err);
  }
}

/** The remaining parts as files of the field `attachments`; any other part is refused, naming it. */
async function* filesFrom(it: AsyncIterator<Multipart>): AsyncGenerator<IncomingFile> {
  for (;;) {
    const part = await nextPart(it);
    if (!part) return;
    if (part.type === 'field' || part.fieldname !== FILE_FIELD) {
      throw new AppError('validation-failed', {
        detail: `Unexpected part ${part.fieldname}`,
        fields: [
          {
            path: `body.${part.fieldname}`,
            message: `Only files in the field ${FILE_FIELD} are accepted here`,
            code: 'unexpected_part',
            params: { field: part.fieldname },
          },
        ],
      });
    }
    yield { field: part.fieldname, filename: part.filename, stream: part.file };
  }
}

/**
 * A report upload: the field `report` (the submission as JSON) must come first, so the submission is
 * validated (and a bot refused) before any file byte is stored. The files follow, read lazily.
 */
export async function readMultipartReport<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
): Promise<{ input: z.output<S>; files: AsyncGenerator<IncomingFile> }> {
  const it = req.parts()[Symbol.asyncIterator]();
  const first = await nextPart(it);
  if (!first || first.type !== 'field' || first.fieldname !== 'report') {
    throw new AppError('validation-failed', {
      detail: 'Send the report as JSON in the first field, named report, then the files',
      fields: [{ path: 'body.report', message: 'Required as the first field', code: 'report_part_first' }],
    });
  }
  if (first.valueTruncated)
    throw new AppError('payload-too-large', {
      detail: `The field report exceeds ${REPORT_FIELD_BYTES} bytes`,
      fields: [{ path: 'body.report', message: 'Too large', code: 'too_large' }],
    });
  let value: unknown = first.value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new AppError('malformed-body', {
        detail: 'The field report is not valid JSON',
        fields: [{ path: 'body.report', message: 'Not valid JSON', code: 'not_json' }],
      });
    }
  }
  return { input: parseJsonBody(schema, value), files: filesFrom(it) };
}

/** A files-only upload (adding attachments to a report). */
export function readMultipartFiles(req: FastifyRequest): AsyncGenerator<IncomingFile> {
  return filesFrom(req.parts()[Symbol.asyncIterator]());
}
