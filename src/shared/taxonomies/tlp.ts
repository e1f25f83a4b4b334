// TLP 2.0 and PAP labels: their order from least to most restrictive, parsing of user and e-mail
// input (legacy WHITE read as CLEAR), and descriptions from the bundled MISP taxonomies (README.md).
import { z } from 'zod';
import papJson from './PAP.machinetag.json' with { type: 'json' };
import tlpJson from './tlp.machinetag.json' with { type: 'json' };

/** TLP 2.0 labels, least restrictive first: the index is the ordering. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const TlpLabel = z.enum(TLP_LABELS);
export type TlpLabel = z.infer<typeof TlpLabel>;

/** PAP labels, least restrictive first (WHITE is the legacy name of CLEAR). */
export const PAP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
export const PapLabel = z.enum(PAP_LABELS);
export type PapLabel = z.infer<typeof PapLabel>;

export interface LabelInfo {
  /** Display form, e.g. "TLP:AMBER+STRICT". */
  display: string;
  /** Colour from the taxonomy, e.g. "#FFC000". */
  colour: string;
  /** One-line meaning from the taxonomy. */
  summary: string;
}

/** 0 for CLEAR … 4 for RED. */
export function tlpRank(label: TlpLabel): number {
  return TLP_LABELS.indexOf(label);
}

/** Negative if `a` is less restrictive than `b`, 0 if equal, positive if more restrictive (for sort). */
export function compareTlp(a: TlpLabel, b: TlpLabel): number {
  return tlpRank(a) - tlpRank(b);
}

/** The most restrictive of the labels (CLEAR for none): what a document combining them must carry. */
export function mostRestrictiveTlp(labels: Iterable<TlpLabel>): TlpLabel {
  let worst: TlpLabel = 'CLEAR';
  for (const l of labels) if (compareTlp(l, worst) > 0) worst = l;
  return worst;
}

/** 0 for CLEAR … 3 for RED. */
export function papRank(label: PapLabel): number {
  return PAP_LABELS.indexOf(label);
}

// "TLP:AMBER+STRICT", "tlp: amber + strict", "TLP AMBER", "white". The body allows only letters, '+'
// and spaces, so the pattern is linear; anything else (EX:CHR, UNCLEAR, typos) is refused.
const LABEL_INPUT = /^\s*(?:(tlp|pap)\s*[:\s-]\s*)?([a-z]+(?:\s*\+\s*[a-z]+)?)\s*$/i;

function parseLabel(input: string, scheme: 'tlp' | 'pap'): string | null {
  if (input.length > 64) return null;
  const m = LABEL_INPUT.exec(input);
  if (!m) return null;
  const prefix = m[1]?.toLowerCase();
  if (prefix !== undefined && prefix !== scheme) return null;
  const body = (m[2] ?? '').replace(/\s+/g, '').toUpperCase();
  // Why: TLP 1.0 WHITE and TLP 2.0 CLEAR mean the same (no disclosure limit); storing one name
  // keeps comparisons and visibility rules simple.
  return body === 'WHITE' ? 'CLEAR' : body;
}

/**
 * Reads a TLP label case-insensitively, with or without the `TLP:` prefix; legacy WHITE becomes
 * CLEAR. Returns null for anything that is not a TLP 2.0 label (including TLP:EX:CHR and TLP:UNCLEAR).
 */
export function parseTlp(input: string): TlpLabel | null {
  const body = parseLabel(input, 'tlp');
  const parsed = TlpLabel.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** Reads a PAP label case-insensitively, with or without the `PAP:` prefix; WHITE becomes CLEAR. */
export function parsePap(input: string): PapLabel | null {
  const body = parseLabel(input, 'pap');
  const parsed = PapLabel.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** "TLP:AMBER+STRICT". */
export function formatTlp(label: TlpLabel): string {
  return `TLP:${label}`;
}

/** "PAP:GREEN". */
export function formatPap(label: PapLabel): string {
  return `PAP:${label}`;
}

const Predicate = z.object({ value: z.string(), colour: z.string(), expanded: z.string() });
const TaxonomyFile = z.object({ predicates: z.array(Predicate) });

function buildInfo<L extends string>(json: unknown, labels: readonly L[], prefix: 'TLP' | 'PAP'): Readonly<Record<L, LabelInfo>> {
  const predicates = TaxonomyFile.parse(json).predicates;
  const entries = labels.map((label): [L, LabelInfo] => {
    const p = predicates.find((x) => x.value.toUpperCase() === label);
    if (!p) throw new Error(`${prefix} taxonomy: label ${label} is missing`);
    // "(TLP:RED) For the eyes…" → "For the eyes…"
    const summary = p.expanded.replace(/^\([^)]{0,40}\)\s*/, '');
    return [label, Object.freeze({ display: `${prefix}:${label}`, colour: p.colour.toUpperCase(), summary })];
  });
  return Object.freeze(Object.fromEntries(entries) as Record<L, LabelInfo>);
}

/** Display name, colour and meaning of each TLP label. */
export const tlpInfo: Readonly<Record<TlpLabel, LabelInfo>> = buildInfo(tlpJson, TLP_LABELS, 'TLP');

/** Display name, colour and meaning of each PAP label. */
export const papInfo: Readonly<Record<PapLabel, LabelInfo>> = buildInfo(papJson, PAP_LABELS, 'PAP');

/**
 * A TLP label in a request: a TLP 2.0 label, or legacy (TLP 1.0) WHITE, which is read as CLEAR.
 * Responses always carry the canonical `TlpLabel`.
 */
export const TlpInput = z.enum([...TLP_LABELS, 'WHITE']).transform((v): TlpLabel => (v === 'WHITE' ? 'CLEAR' : v));
export type TlpInput = z.input<typeof TlpInput>;
