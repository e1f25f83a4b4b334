// Every problem type Tocsin can answer with: slug → HTTP status, English title, i18n key.
// The server renders them as RFC 9457 problem+json; the web maps `type` back to a translated message.

export const problems = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The request body could not be parsed' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'invalid-credentials': { status: 401, title: 'E-mail or password is wrong' },
  'invalid-totp': { status: 401, title: 'The one-time code is wrong' },
  'totp-required': { status: 401, title: 'A one-time code is required' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  'csrf-failed': { status: 403, title: 'The anti-forgery token is missing or wrong' },
  'account-locked': { status: 423, title: 'The account is temporarily locked' },
  'not-found': { status: 404, title: 'Not found' },
  'user-not-found': { status: 404, title: 'User not found' },
  'token-not-found': { status: 404, title: 'API token not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'email-taken': { status: 409, title: 'This e-mail address is already used' },
  'last-admin': { status: 409, title: 'The last active admin cannot be removed or demoted' },
  'totp-already-enabled': { status: 409, title: 'Two-factor authentication is already enabled' },
  'profile-conflict': { status: 409, title: 'The profile was saved by someone else in the meantime' },
  'profile-incomplete': { status: 422, title: 'The profile lacks what a publication needs' },
  'no-team-key': { status: 409, title: 'The team has no active OpenPGP key' },
  'key-rejected': { status: 400, title: 'The OpenPGP key cannot be used' },
  'version-not-found': { status: 404, title: 'Profile version not found' },
  'not-published': { status: 404, title: 'Nothing has been published yet' },
  'organisation-not-found': { status: 404, title: 'Organisation not found' },
  'organisation-exists': { status: 409, title: 'An organisation with this name exists already' },
  'organisation-in-use': { status: 409, title: 'The organisation still has users or records' },
  'asset-exists': { status: 409, title: 'This asset is already listed' },
  'report-not-found': { status: 404, title: 'Report not found' },
  'incident-not-found': { status: 404, title: 'Incident not found' },
  'attachment-not-found': { status: 404, title: 'Attachment not found' },
  'already-triaged': { status: 409, title: 'This report has already been triaged' },
  'clock-state': { status: 409, title: 'The clock cannot do that in its current state' },
  'mail-state': { status: 409, title: 'The message cannot do that in its current state' },
  'shift-overlap': { status: 409, title: 'The shift overlaps another primary duty shift' },
  'duty-exception-exists': { status: 409, title: 'This rota occurrence has already been changed' },
  'spam-suspected': { status: 400, title: 'The submission looks automated' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The address is too long' },
  'malformed-url': { status: 400, title: 'The address could not be read' },
  'unsupported-media-type': { status: 415, title: 'This content type is not accepted' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  'not-ready': { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof problems;

/** Problem `type` URIs are stable and relative to the instance: `/problems/<slug>`. */
export const problemType = (slug: ProblemSlug): string => `/problems/${slug}`;

export const problemI18nKey = (slug: ProblemSlug): string => `problems.${slug}`;

export function isProblemSlug(value: string): value is ProblemSlug {
  return Object.hasOwn(problems, value);
}

/** zod's issue codes (and the edge's own: unknown field, body too large, not JSON), as schema validation reports them. */
const schemaCodes = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'not_multiple_of',
  'unknown_field',
  'too_large',
  'not_json',
  'invalid',
] as const;

/**
 * The rules services check by hand, beyond the schema (parameters in brackets). Each has its text in every
 * language, like the schema codes.
 */
const ruleCodes = [
  'organisation_required', // a constituent account belongs to an organisation
  'constituents_only', // only constituent accounts belong to an organisation
  'unknown_organisation',
  'unknown_user',
  'disabled_user',
  'not_team_member', // active team members only (owners, duty)
  'unknown_incident',
  'already_used', // e-mail, organisation name
  'already_listed', // an organisation's asset
  'already_imported', // an OpenPGP key
  'not_for_yourself',
  'wrong_code', // TOTP
  'wrong_password',
  'no_pending_setup', // TOTP enabling before set-up
  'key_unusable', // an OpenPGP key that cannot be read or used
  'in_the_past',
  'would_lose_access', // a change after which the author could no longer see the record
  'not_rsit_type', // [class]
  'exceeds_account_role', // an API token's role above its account's
  'duplicate_needs_incident',
  'not_for_decision', // [decision]
  'incident_or_new',
  'overlaps_shift', // [name]: another person's primary shift
  'overlaps_rota', // [rota]
  'overlaps_slot', // another slot of the same rota
  'unknown_slot',
  'not_slot_day', // a date on which the rota slot does not run
  'already_changed', // a rota occurrence with an exception already
  'ends_before_start',
  'too_many_files', // [maximum]
  'file_too_large', // [maximum] in MB
  'too_many_parts',
  'unexpected_part', // [field]
  'report_part_first',
  'not_ip_or_range', // [value]
  'not_domain', // [value]
  'not_as_number', // [value]
  'product_name_length', // [minimum, maximum]
] as const;

/**
 * Why a field failed, machine-readable: the web shows `validation.code.<code>` (with `params`) in the reader's
 * language, while `message` stays the English text for API clients.
 */
export const fieldCodes = [...schemaCodes, ...ruleCodes] as const;
export type FieldCode = (typeof fieldCodes)[number];
export type FieldParams = Record<string, string | number>;

/** A field error as listed in a problem's `fields`: a JSON path, an English message, and its code with parameters. */
export interface ProblemField {
  path: string;
  message: string;
  code?: FieldCode;
  params?: FieldParams;
}

/** A field error the server builds: always coded, so that every reader gets it in their language. */
export type CodedField = ProblemField & { code: FieldCode };

const ISSUE_PARAMS = ['minimum', 'maximum', 'origin', 'format', 'expected', 'divisor'] as const;

/**
 * A validation issue (zod's, or as fastify-type-provider-zod passes it on) → the field's code and parameters.
 * `missing` says the value was absent, which zod reports as a wrong type or an invalid option.
 */
export function fieldCodeOf(
  issueCode: string | undefined,
  issue: Record<string, unknown>,
  missing: boolean,
): { code: FieldCode; params?: FieldParams } {
  const params: FieldParams = {};
  for (const name of ISSUE_PARAMS) {
    const v = issue[name];
    if (typeof v === 'string' || typeof v === 'number') params[name] = v;
    else if (typeof v === 'bigint') params[name] = Number(v);
  }
  const withParams = (code: FieldCode) => (Object.keys(params).length ? { code, params } : { code });
  if (issueCode === 'unrecognized_keys') return { code: 'unknown_field' };
  if (missing) return { code: 'required' };
  const known = fieldCodes.find((c) => c === issueCode);
  return withParams(known ?? 'invalid');
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  fields?: ProblemField[];
}
