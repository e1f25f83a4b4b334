// Refanging: undoes the usual defanging of indicators (hxxp, [.], [at], [:]…) in one linear pass,
// and keeps a map from the refanged text back to the original so that matches report raw text and offsets.

/** One replaced marker: [outStart, outEnd) in the refanged text came from [inStart, inEnd) in the original. */
interface Replacement {
  outStart: number;
  outEnd: number;
  inStart: number;
  inEnd: number;
}

export interface OriginalSpan {
  start: number;
  end: number;
  /** True when the span contains at least one refanged marker. */
  refanged: boolean;
}

/** Maps spans of refanged text back to the original text (binary search over the replacements). */
export class OffsetMap {
  constructor(private readonly replacements: readonly Replacement[]) {}

  /** The original span of refanged [start, end). */
  toOriginal(start: number, end: number): OriginalSpan {
    const reps = this.replacements;
    if (reps.length === 0) return { start, end, refanged: false };
    const a = this.lastStartingBefore(start + 1); // last rep with outStart <= start
    const ra = a >= 0 ? reps[a] : undefined;
    let origStart = start;
    if (ra) origStart = start < ra.outEnd ? ra.inStart : start + ra.inEnd - ra.outEnd;
    const b = this.lastStartingBefore(end); // last rep with outStart < end
    const rb = b >= 0 ? reps[b] : undefined;
    let origEnd = end;
    if (rb) origEnd = end <= rb.outEnd ? rb.inEnd : end + rb.inEnd - rb.outEnd;
    // A replacement overlaps [start, end) iff the last one starting before `end` ends after `start`.
    const refanged = rb !== undefined && rb.outEnd > start;
    return { start: origStart, end: origEnd, refanged };
  }

  /** Index of the last replacement whose outStart < pos, or -1. */
  private lastStartingBefore(pos: number): number {
    let lo = 0;
    let hi = this.replacements.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.replacements[mid];
      if (r && r.outStart < pos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

// One alternation, scanned left to right once. Every alternative starts with a fixed character
// and has bounded repetition, so there is no backtracking blow-up on hostile input.
const MARKERS =
  /\bhxxp(?=s?\[?:)|\bfxp(?=\[?:)|\[:\/\/\]|\[:\]|[ \t]?(?:\[(?:\.|dot)\]|\((?:\.|dot)\)|\{(?:\.|dot)\})[ \t]?|[ \t]?(?:\[(?:@|at)\]|\((?:@|at)\)|\{(?:@|at)\})[ \t]?|[ \t]{1,3}dot[ \t]{1,3}/gi;

const LABEL_CHAR = /[\p{L}\p{N}\p{M}_-]/u;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const ALNUM = /[A-Za-z0-9]/;
const WORD = /[A-Za-z0-9-]/;
const NEXT_DOT_WORD = /[ \t]{1,3}dot[ \t]{1,3}[A-Za-z0-9-]/iy;

const is = (re: RegExp, ch: string | undefined): boolean => ch !== undefined && re.test(ch);

export interface RefangResult {
  text: string;
  map: OffsetMap;
}

/**
 * Refangs `text` and returns the map back to the original. Markers are replaced only where the
 * surrounding characters make the intent clear:
 * - `hxxp`/`hXXps`/`fxp` before `:` or `[:` → http/https/ftp;
 * - `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` (optionally spaced) between two label characters → `.`;
 * - `[@]` `[at]` `(at)` `{at}` (optionally spaced) between a local-part and a label character → `@`;
 * - `[:]` after a letter or digit and before `/` or a hex digit → `:`; `[://]` after a letter → `://`;
 * - a bare ` dot ` between two words only inside a chain (`www dot evil dot com`) or right after
 *   another refanged marker (`user[at]evil dot com`): "the dot com era" stays prose.
 */
export function refangWithMap(text: string): RefangResult {
  const reps: Replacement[] = [];
  const parts: string[] = [];
  let copiedTo = 0; // original index up to which text has been copied to parts
  let outLen = 0;
  MARKERS.lastIndex = 0;
  for (let m = MARKERS.exec(text); m !== null; m = MARKERS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const replacement = replacementFor(text, m[0], start, end, reps.at(-1));
    if (replacement === null) {
      // Retry just after the first character so that a marker overlapping this one is not lost.
      MARKERS.lastIndex = start + 1;
      continue;
    }
    parts.push(text.slice(copiedTo, start), replacement);
    outLen += start - copiedTo;
    reps.push({ outStart: outLen, outEnd: outLen + replacement.length, inStart: start, inEnd: end });
    outLen += replacement.length;
    copiedTo = end;
  }
  if (reps.length === 0) return { text, map: new OffsetMap(reps) };
  parts.push(text.slice(copiedTo));
  return { text: parts.join(''), map: new OffsetMap(reps) };
}

/** Refangs `text` (see refangWithMap for the rules). */
export function refang(text: string): string {
  return refangWithMap(text).text;
}

const AT_MARKERS = new Set(['[@]', '[at]', '(@)', '(at)', '{@}', '{at}']);

/** The text replacing `marker` at [start, end), or null when the context is not clearly defanged. */
function replacementFor(text: string, marker: string, start: number, end: number, previous: Replacement | undefined): string | null {
  const before = text[start - 1];
  const after = text[end];
  const core = marker.trim().toLowerCase();
  if (core === 'hxxp') return 'http';
  if (core === 'fxp') return 'ftp';
  if (core === '[://]') return is(/[A-Za-z]/, before) ? '://' : null;
  if (core === '[:]') return is(ALNUM, before) && is(/[/0-9A-Fa-f]/, after) ? ':' : null;
  if (AT_MARKERS.has(core)) return is(LOCAL_CHAR, before) && is(LABEL_CHAR, after) ? '@' : null;
  if (core !== 'dot') return is(LABEL_CHAR, before) && is(LABEL_CHAR, after) ? '.' : null;
  // Bare " dot ": both neighbours must be words, and the context must be clearly defanged.
  if (!is(WORD, before) || !is(WORD, after)) return null;
  let wordStart = start;
  while (wordStart > 0 && wordStart > start - 64 && is(WORD, text[wordStart - 1])) wordStart -= 1;
  if (previous && previous.inEnd === wordStart) return '.';
  let wordEnd = end;
  while (wordEnd < text.length && wordEnd < end + 64 && is(WORD, text[wordEnd])) wordEnd += 1;
  NEXT_DOT_WORD.lastIndex = wordEnd;
  return NEXT_DOT_WORD.test(text) ? '.' : null;
}
