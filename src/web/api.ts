// The one HTTP client of the web app: JSON in/out, same-origin cookies, the CSRF header on writes,
// and RFC 9457 problem+json answers turned into `ApiError`.
import type { z } from 'zod';
import { fieldCodes, isProblemSlug, type FieldParams, type ProblemField, type ProblemSlug } from '#shared/problems';

/** A failed API call. `slug` is the problem slug when the server named a known one. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fields: ProblemField[];
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    type: string;
    title: string;
    detail?: string | undefined;
    fields?: ProblemField[] | undefined;
    requestId?: string | undefined;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
  }

  /** The slug of `/problems/<slug>` when it is one Tocsin knows, else null. */
  get slug(): ProblemSlug | null {
    return problemSlugOf(this.type);
  }

  is(slug: ProblemSlug): boolean {
    return this.slug === slug;
  }
}

/** Web-side failure kinds that never come from the server (no response, unreadable response). */
export const clientErrorTypes = { network: 'tocsin:network', invalidResponse: 'tocsin:invalid-response' } as const;

export function problemSlugOf(type: string): ProblemSlug | null {
  const marker = '/problems/';
  const at = type.lastIndexOf(marker);
  if (at < 0) return null;
  const slug = type.slice(at + marker.length);
  return isProblemSlug(slug) ? slug : null;
}

let csrfTokenSource: () => string | null | undefined = () => null;

/** The app registers where the current session's CSRF token lives (the session query cache). */
export function setCsrfTokenSource(source: () => string | null | undefined): void {
  csrfTokenSource = source;
}

const safeMethods = new Set(['GET', 'HEAD']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readFields(value: unknown): ProblemField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f: unknown): ProblemField[] => {
    if (!isRecord(f) || typeof f.path !== 'string' || typeof f.message !== 'string') return [];
    const code = fieldCodes.find((c) => c === f.code);
    const params: FieldParams = {};
    if (isRecord(f.params)) {
      for (const [k, v] of Object.entries(f.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
    return [{ path: f.path, message: f.message, ...(code ? { code, params } : {}) }];
  });
}

/** Builds an ApiError from a non-2xx response, whatever its body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown = null;
  if (contentType.includes('json')) {
    body = await res.json().catch(() => null);
  }
  if (isRecord(body) && contentType.includes('application/problem+json')) {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : res.status,
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : res.statusText,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      fields: readFields(body.fields),
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    });
  }
  return new ApiError({ status: res.status, type: 'about:blank', title: res.statusText || `HTTP ${res.status}` });
}

export interface RequestOptions<S extends z.ZodType> {
  body?: unknown;
  /** Validates and types the answer; without it the answer is `unknown`. */
  schema?: S;
  signal?: AbortSignal;
}

type Result<S> = S extends z.ZodType ? z.output<S> : unknown;

export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  // A FormData body (file uploads) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers.set('Content-Type', 'application/json');
  // Why: the session cookie alone would let another site forge writes; the server checks this header
  // against the session on every state-changing method, so it is sent on all non-GET requests.
  if (!safeMethods.has(method)) {
    const token = csrfTokenSource();
    if (token) headers.set('X-CSRF-Token', token);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: form ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, type: clientErrorTypes.network, title: 'Network error' });
  }
  if (!res.ok) throw await toApiError(res);
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
  if (!options.schema) return data as Result<S>;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError({ status: res.status, type: clientErrorTypes.invalidResponse, title: 'Unexpected response' });
  }
  return parsed.data as Result<S>;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema?: S, signal?: AbortSignal) => request('GET', path, { schema, signal }),
  post: <S extends z.ZodType>(path: string, body?: unknown, schema?: S) => request('POST', path, { body, schema }),
  /** multipart/form-data (files); same CSRF and error handling as JSON writes. */
  postForm: <S extends z.ZodType>(path: string, form: FormData, schema?: S) => request('POST', path, { body: form, schema }),
  patch: <S extends z.ZodType>(path: string, body: unknown, schema?: S) => request('PATCH', path, { body, schema }),
  delete: <S extends z.ZodType>(path: string, schema?: S) => request('DELETE', path, { schema }),
};

/** Builds `path?query` from defined, non-empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
