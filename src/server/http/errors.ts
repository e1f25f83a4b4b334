// One error class for every expected failure, and the one handler that renders RFC 9457 problem+json.
// Unknown errors become a bare 500 carrying only the request id; the details go to the log, never the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldCodeOf, problems, problemType, type CodedField, type Problem, type ProblemField, type ProblemSlug } from '#shared/problems';

export class AppError extends Error {
  readonly slug: ProblemSlug;
  readonly detail: string | undefined;
  readonly fields: ProblemField[] | undefined;
  readonly headers: Record<string, string> | undefined;

  /** Why `fields` are coded: the web reads a field error by its code, in the reader's language. */
  constructor(slug: ProblemSlug, opts: { detail?: string; fields?: CodedField[]; headers?: Record<string, string> } = {}) {
    super(opts.detail ?? problems[slug].title);
    this.name = 'AppError';
    this.slug = slug;
    this.detail = opts.detail;
    this.fields = opts.fields;
    this.headers = opts.headers;
  }
}

export function problemBody(slug: ProblemSlug, req: FastifyRequest, extra: { detail?: string; fields?: ProblemField[] } = {}): Problem {
  const p = problems[slug];
  return {
    type: problemType(slug),
    title: p.title,
    status: p.status,
    ...(extra.detail ? { detail: extra.detail } : {}),
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...(extra.fields?.length ? { fields: extra.fields } : {}),
  };
}

export function sendProblem(reply: FastifyReply, slug: ProblemSlug, extra: { detail?: string; fields?: ProblemField[] } = {}) {
  const body = problemBody(slug, reply.request, extra);
  return reply.code(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

type ValidationItem = { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> };

/** The value at a dotted path of the request part, to tell a missing field from one of the wrong type. */
function valueAt(source: unknown, path: string): unknown {
  let v: unknown = source;
  for (const key of path.split('.').filter(Boolean)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function validationFields(context: string | undefined, items: ValidationItem[], source: unknown): ProblemField[] {
  const where = context ?? 'body';
  const fields: ProblemField[] = [];
  for (const item of items) {
    const base = (item.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const keys = item.keyword === 'unrecognized_keys' && Array.isArray(item.params?.keys) ? (item.params.keys as unknown[]) : null;
    if (keys) {
      for (const key of keys) {
        const path = [where, base, String(key)].filter(Boolean).join('.');
        fields.push({ path, message: 'Unknown field', code: 'unknown_field' });
      }
      continue;
    }
    fields.push({
      path: [where, base].filter(Boolean).join('.'),
      message: item.message ?? 'Invalid value',
      ...fieldCodeOf(item.keyword, item.params ?? {}, valueAt(source, base) === undefined),
    });
  }
  return fields;
}

function describeFields(fields: ProblemField[]): string {
  const names = [...new Set(fields.map((f) => f.path))].slice(0, 5);
  return `Invalid field${names.length > 1 ? 's' : ''}: ${names.join(', ')}`;
}

/**
 * Errors the router raises before any hook runs (a path parameter over maxParamLength, a badly encoded URL):
 * rendered like every other error, with the request id the onRequest hook had no chance to set.
 */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', req.id).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(reply, 'uri-too-long', { detail: 'A path parameter is too long' });
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    void sendProblem(reply, 'malformed-url', { detail: 'The address is not validly percent-encoded' });
    return;
  }
  req.log.error({ err: error }, 'router error');
  void sendProblem(reply, 'internal', { detail: `Something went wrong. Quote request id ${req.id} to your administrator.` });
}

/** What is read and thrown away of a refused body before answering; past it the connection is cut. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/**
 * Reads and discards what is left of a request body. Why: answering (and closing) while the client is still
 * sending leaves unread bytes on the socket, and the kernel then resets the connection, so the client sees
 * "connection reset" instead of our 413. Bounded in bytes and time, so a client cannot keep us reading forever.
 */
function drainRequest(req: FastifyRequest): Promise<void> {
  const raw = req.raw;
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) finish();
    };
    const timer = setTimeout(finish, DRAIN_MAX_MS);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return sendProblem(reply, error.slug, {
        ...(error.detail ? { detail: error.detail } : {}),
        ...(error.fields ? { fields: error.fields } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
      const fe = error;
      const part =
        fe.validationContext === 'params'
          ? req.params
          : fe.validationContext === 'querystring'
            ? req.query
            : fe.validationContext === 'headers'
              ? req.headers
              : req.body;
      const fields = validationFields(fe.validationContext, fe.validation ?? [], part);
      return sendProblem(reply, 'validation-failed', { detail: describeFields(fields), fields });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return drainRequest(req).then(() =>
          sendProblem(reply, 'payload-too-large', {
            detail: `The body exceeds ${req.routeOptions.bodyLimit ?? 0} bytes`,
            fields: [{ path: 'body', message: 'Too large', code: 'too_large' }],
          }),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, 'unsupported-media-type', {
          detail: `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted`,
        });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, 'malformed-body', {
          detail: 'The body is not valid JSON',
          fields: [{ path: 'body', message: 'Not valid JSON', code: 'not_json' }],
        });
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, 'malformed-body', { detail: 'Content-Length does not match the body' });
      case 'FST_ERR_RATE_LIMIT_EXCEEDED':
        return sendProblem(reply, 'rate-limited', { detail: 'Too many requests; try again later' });
      default:
        break;
    }
    // Fastify's own 4xx errors (bad JSON, bad URL…) are the client's fault: keep the status, hide internals.
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 429) return sendProblem(reply, 'rate-limited', { detail: 'Too many requests; try again later' });
    if (status >= 400 && status < 500) {
      return sendProblem(
        reply,
        status === 404
          ? 'not-found'
          : status === 405
            ? 'method-not-allowed'
            : status === 413
              ? 'payload-too-large'
              : status === 415
                ? 'unsupported-media-type'
                : 'malformed-body',
        {
          detail: 'The request could not be processed',
        },
      );
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', { detail: `Something went wrong. Quote request id ${req.id} to your administrator.` });
  });
}
