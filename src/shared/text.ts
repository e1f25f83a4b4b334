// The one rule for text that comes from outside: which characters a string may hold, as a check that
// every request string passes at the edge and as zod types (free text, single line, identity) for schemas.
import { z } from 'zod';

/** How deep a request's JSON may nest; no Tocsin request nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

// Why refused everywhere: NUL cannot be stored in PostgreSQL text (it failed as a 500), the other C0 controls
// and DEL/C1 controls are never meaningful in a CSIRT's text and can hide content from a reader or a terminal,
// and a lone surrogate is not Unicode (it cannot be encoded as UTF-8 and breaks the database encoding).
// Tab, line feed, carriage return and form feed are text (pasted mails, RFC documents use form feeds).
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Why refused in identity fields only (names and addresses that identify a person, a team or a key):
// bidirectional embeddings, overrides, isolates and marks reorder or hide what a reader sees ("Trojan
// Source" spoofing of who signed or sent something), and zero-width spaces/joiners and the BOM make two
// different identities look identical. Arabic and Hebrew letters themselves are accepted everywhere, and
// free text keeps these characters because legitimate right-to-left prose uses them. The zero-width
// non-joiner and joiner (U+200C, U+200D) stay allowed: Persian and Indic names are spelled with them.
const INVISIBLE_OR_BIDI = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export type TextKind = 'text' | 'line' | 'identity';

const hex = (s: string) => `U+${(s.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a string is not acceptable text of that kind, or null. */
export function textProblem(value: string, kind: TextKind = 'text'): string | null {
  const control = CONTROL.exec(value);
  if (control) return control[0] === '\u0000' ? 'Contains a NUL character' : `Contains the control character ${hex(control[0])}`;
  if (LONE_SURROGATE.test(value)) return 'Contains an invalid Unicode sequence (lone surrogate)';
  if (kind === 'text') return null;
  const br = LINE_BREAK_OR_TAB.exec(value);
  if (br) return `Must be a single line (contains ${hex(br[0])})`;
  if (kind === 'line') return null;
  const invisible = INVISIBLE_OR_BIDI.exec(value);
  if (invisible) return `Contains the invisible or direction-changing character ${hex(invisible[0])}`;
  return null;
}

export interface TextIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Every string in a parsed request value (JSON body, query, path parameters, form fields) that breaks the
 * free-text rule, and any nesting deeper than MAX_JSON_DEPTH. Iterative, so hostile nesting cannot overflow.
 */
export function findTextIssues(value: unknown, max = 20): TextIssue[] {
  const issues: TextIssue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length && issues.length < max) {
    const item = stack.pop();
    if (!item) break;
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) issues.push({ path: item.path, message: problem });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (item.path.length >= MAX_JSON_DEPTH) {
      issues.push({ path: item.path, message: `Nested more than ${MAX_JSON_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...item.path, i] });
      continue;
    }
    for (const [key, child] of Object.entries(v)) {
      const keyProblem = textProblem(key);
      if (keyProblem) issues.push({ path: [...item.path, key], message: `Field name: ${keyProblem}` });
      else stack.push({ value: child, path: [...item.path, key] });
    }
  }
  return issues;
}

const refined = (schema: z.ZodString, kind: TextKind) =>
  schema
    .superRefine((value, ctx) => {
      const problem = textProblem(value, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    })
    .normalize('NFC');

/** Free text (descriptions, comments, documents): several lines, normalised to NFC. */
export const text = (max: number) => refined(z.string().max(max), 'text');
/** A single line (titles, labels), trimmed and normalised to NFC. */
export const line = (max: number) => refined(z.string().trim().max(max), 'line');
/** A single line that names a person, a team or a key owner: no invisible or direction-changing characters. */
export const identity = (max: number) => refined(z.string().trim().max(max), 'identity');

const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');
const LINE_BREAK_OR_TAB_ALL = new RegExp(LINE_BREAK_OR_TAB.source, 'g');
const INVISIBLE_OR_BIDI_ALL = new RegExp(INVISIBLE_OR_BIDI.source, 'g');

/**
 * The same rule for text that cannot be refused (a received e-mail): what it forbids is removed instead (controls
 * and lone surrogates dropped; for a line, breaks become spaces; for an identity, invisible characters dropped).
 */
export function cleanText(value: string, kind: TextKind = 'text'): string {
  let out = value.replace(CONTROL_ALL, '').replace(LONE_SURROGATE_ALL, '\uFFFD');
  if (kind === 'text') return out;
  out = out.replace(LINE_BREAK_OR_TAB_ALL, ' ');
  if (kind === 'line') return out;
  return out.replace(INVISIBLE_OR_BIDI_ALL, '');
}
