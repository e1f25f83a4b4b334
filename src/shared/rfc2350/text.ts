// Turns submitted text into classified lines for the RFC 2350 parser: refuses empty and binary input, and marks
// what is not the document's prose (front matter, comments, code fences, armoured PGP blocks, page furniture).
import { finding, type Finding } from './findings';
import { matchTitle } from './keywords';

/** Beyond this many characters only the head is parsed (a CSIRT description is a few dozen kB). */
export const RFC2350_MAX_INPUT_CHARS = 2_000_000;
/** Share of control / replacement characters above which input is taken for binary. */
const BINARY_SHARE = 0.1;

export type LineKind = 'text' | 'blank' | 'code' | 'pgp' | 'meta' | 'furniture';

export interface Line {
  /** 1-based line number in the submitted text. */
  readonly n: number;
  /** The line without its end, form feeds, zero-width characters or a PGP dash-escape; tabs become spaces. */
  text: string;
  kind: LineKind;
  /** The line held a form feed (a page break in plain-text documents). */
  readonly pageBreak: boolean;
}

export type Prepared =
  { readonly ok: true; readonly lines: Line[]; readonly findings: Finding[] } | { readonly ok: false; readonly finding: Finding };

function binaryShare(text: string): { nul: boolean; share: number } {
  let odd = 0;
  let counted = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counted++;
    if (c === 0) return { nul: true, share: 1 };
    const control = (c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || (c >= 0x7f && c <= 0x9f);
    const lone =
      (c >= 0xd800 && c <= 0xdbff && !(i + 1 < text.length && isLow(text.charCodeAt(i + 1)))) ||
      (c >= 0xdc00 && c <= 0xdfff && !(i > 0 && isHigh(text.charCodeAt(i - 1))));
    if (control || c === 0xfffd || lone) odd++;
  }
  return { nul: false, share: counted === 0 ? 0 : odd / counted };
}
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;
const ODD_ANY = /[\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/;
const PAGE_NUMBER_LINE =
  /^\s*(?:-\s*\d{1,4}\s*-|(?:page|halaman|seite|p[aá]gina)\s+\d{1,4}(?:\s*(?:of|dari|von|de|sur|\/)\s*\d{1,4})?)\s*$/i;
const PAGE_FOOTER = /\[\s*(?:page|halaman|seite|p[aá]gina)\s+\d{1,4}\s*\]\s*$/i;

/** Classify every line; never throws on a string. */
export function prepareText(input: string): Prepared {
  if (typeof input !== 'string') return { ok: false, finding: finding('error', 'not-text', 'The input is not text.') };
  if (input.trim() === '') return { ok: false, finding: finding('error', 'empty-document', 'The document is empty.') };
  const findings: Finding[] = [];
  let text = input;
  if (text.length > RFC2350_MAX_INPUT_CHARS) {
    text = text.slice(0, RFC2350_MAX_INPUT_CHARS);
    findings.push(
      finding(
        'warning',
        'too-large',
        `The document is longer than ${RFC2350_MAX_INPUT_CHARS} characters; only its beginning was read.`,
        {},
        {
          max: RFC2350_MAX_INPUT_CHARS,
        },
      ),
    );
  }
  const { nul, share } = binaryShare(text);
  if (nul || share > BINARY_SHARE) {
    return { ok: false, finding: finding('error', 'not-text', 'The input looks like binary data, not a text document.') };
  }
  const rawLines = reflowRunOn(text).split(/\r\n|\r|\n/);
  const lines: Line[] = rawLines.map((raw, i) => ({
    n: i + 1,
    text: (ODD_ANY.test(raw)
      ? raw
          .replace(ZERO_WIDTH, '')
          .replace(ODD_SPACES, ' ')
          .replace(/[\f\v]/g, '')
      : raw
    ).trimEnd(),
    kind: 'text',
    pageBreak: raw.includes('\f'),
  }));
  markFrontMatter(lines);
  markBlocks(lines);
  markFurniture(lines);
  for (const line of lines) if (line.kind === 'text' && line.text.trim() === '') line.kind = 'blank';
  return { ok: true, lines, findings };
}

function markFrontMatter(lines: Line[]): void {
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0 || lines[first]?.text.trim() !== '---') return;
  const end = lines.findIndex((l, i) => i > first && i <= first + 60 && l.text.trim() === '---');
  if (end < 0) return;
  for (let i = first; i <= end; i++) {
    const line = lines[i];
    if (line) line.kind = 'meta';
  }
}

/** HTML comments, code fences, armoured PGP blocks and the clear-signed message wrapper. */
function markBlocks(lines: Line[]): void {
  let inComment = false;
  let fence: string | undefined;
  let fenceStart = -1;
  let fenceOnlyPgp = true;
  let inPgp = false;
  let inSignedHeader = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.kind === 'meta') continue;
    const t = line.text.trim();
    // Fast path: only lines starting with "-", "`", "~" or "<" open or close a block.
    if (!inComment && !inPgp && !inSignedHeader && fence === undefined && !/^[-`~<]/.test(t)) {
      if (line.text.includes('<!--')) line.text = stripComments(line.text);
      continue;
    }
    if (inComment) {
      line.kind = 'meta';
      if (t.includes('-->')) inComment = false;
      continue;
    }
    if (inPgp) {
      line.kind = 'pgp';
      if (/^-----END PGP [A-Z ]{1,40}-----/.test(t)) inPgp = false;
      continue;
    }
    if (inSignedHeader) {
      line.kind = 'meta';
      if (t === '') inSignedHeader = false;
      continue;
    }
    if (/^-----BEGIN PGP SIGNED MESSAGE-----/.test(t)) {
      line.kind = 'meta';
      inSignedHeader = true;
      continue;
    }
    if (/^-----BEGIN PGP [A-Z ]{1,40}-----/.test(t)) {
      line.kind = 'pgp';
      inPgp = true;
      continue;
    }
    if (fence !== undefined) {
      if (t.startsWith(fence) && t.replace(/[`~]/g, '') === '') {
        line.kind = 'code';
        if (fenceOnlyPgp) markRange(lines, fenceStart, i, 'pgp');
        fence = undefined;
      } else {
        if (line.kind === 'text') line.kind = 'code';
        if (t !== '') fenceOnlyPgp = false;
      }
      continue;
    }
    const fenceMatch = /^(`{3,}|~{3,})/.exec(t);
    if (fenceMatch?.[1] !== undefined) {
      fence = fenceMatch[1];
      fenceStart = i;
      fenceOnlyPgp = true;
      line.kind = 'code';
      continue;
    }
    if (t.startsWith('<!--')) {
      line.kind = 'meta';
      if (!t.includes('-->')) inComment = true;
      continue;
    }
    if (/^- -/.test(line.text)) {
      // A clear-signed document dash-escapes its lines that start with "-" (RFC 4880 §7.1).
      line.text = line.text.slice(2);
    }
    if (line.text.includes('<!--')) line.text = stripComments(line.text);
  }
}

/** Remove `<!-- … -->` spans from one line (indexOf-based: linear even on hostile input). */
function stripComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    if (open < 0) break;
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + 3;
  }
  return (out + text.slice(from)).trimEnd();
}

/** Within a fence: keep the fence only if its content was not all armoured key / blank lines. */
function markRange(lines: Line[], from: number, to: number, kind: LineKind): void {
  let sawPgp = false;
  for (let i = from + 1; i < to; i++) if (lines[i]?.kind === 'pgp') sawPgp = true;
  if (!sawPgp) return;
  for (let i = from; i <= to; i++) {
    const line = lines[i];
    if (line) line.kind = kind;
  }
}

/** Page footers ("[Page 3]", "Page 3 of 9") and running heads repeated next to page breaks. */
function markFurniture(lines: Line[]): void {
  const nearBreak = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.kind !== 'text') continue;
    if (line.text.length < 200 && (PAGE_FOOTER.test(line.text) || PAGE_NUMBER_LINE.test(line.text))) line.kind = 'furniture';
    if (!line.pageBreak) continue;
    // The first non-blank lines after a page break and the last ones before it are header / footer candidates.
    for (const step of [1, -1]) {
      let seen = 0;
      for (let j = step === 1 ? i : i - 1; j >= 0 && j < lines.length && seen < 2; j += step) {
        const other = lines[j];
        if (!other || other.kind !== 'text' || other.text.trim() === '') continue;
        nearBreak.add(j);
        seen++;
      }
    }
  }
  if (nearBreak.size === 0) return;
  const shape = (t: string): string => t.trim().replace(/\d+/g, '#').replace(/\s+/g, ' ');
  const counts = new Map<string, number>();
  for (const j of nearBreak) {
    const t = lines[j]?.text ?? '';
    counts.set(shape(t), (counts.get(shape(t)) ?? 0) + 1);
  }
  for (const j of nearBreak) {
    const line = lines[j];
    if (!line) continue;
    const key = shape(line.text);
    if ((counts.get(key) ?? 0) >= 2 || /^#$/.test(key)) line.kind = 'furniture';
  }
}

/** A line this long holding most of the text: the document lost its line breaks (a pasted clear-signed text). */
const RUN_ON_MIN = 400;
const MAX_NUMBERS_TRIED = 1_000;
// "2.3 Time Zone …", "1. Document Information …": a number, then the words that may be a section title.
const NUMBER_THEN_WORDS = /(?<=^|\s)(\d{1,2}(?:\.\d{1,2}){0,2}\.?)[ ]+(?=\p{Lu})/gu;
const ARMOUR = /-----(?:BEGIN|END) PGP [A-Z ]{1,30}-----/g;

/**
 * Put back the line breaks of a document that lost them: before and after each numbered heading whose words
 * name an outline section, and around the PGP armour lines. Any other text is returned as it is.
 */
export function reflowRunOn(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const longest = lines.reduce((a, l) => (l.length > a.length ? l : a), '');
  if (longest.length < RUN_ON_MIN || longest.length < text.length / 2) return text;
  const fixed = lines.map((line) => (line.length < RUN_ON_MIN ? line : breakLine(line)));
  return fixed.join('\n');
}

function breakLine(line: string): string {
  let out = '';
  let from = 0;
  let headings = 0;
  let tried = 0;
  for (const m of line.matchAll(NUMBER_THEN_WORDS)) {
    // A description has a few dozen headings: beyond this many numbers, the rest of the line stays as it is.
    if (++tried > MAX_NUMBERS_TRIED) break;
    if (m.index < from) continue;
    const start = m.index + m[0].length;
    const words = line
      .slice(start, start + 120)
      .split(/[ ]+/)
      .slice(0, 9);
    if (matchTitle(words.join(' ')).length === 0) continue;
    // The longest run of words that is wholly an outline title ("Time Zone", not "Time Zone CET/CEST").
    let title: string | undefined;
    for (let k = words.length; k >= 1; k--) {
      const candidate = words.slice(0, k).join(' ');
      const best = matchTitle(candidate)[0];
      if (best && best.coverage >= 1 && /\p{L}$/u.test(candidate)) {
        title = candidate;
        break;
      }
    }
    if (title === undefined) continue;
    out += `${line.slice(from, m.index).trimEnd()}\n\n${m[1]} ${title}\n\n`;
    from = start + title.length;
    headings++;
  }
  // A long paragraph that mentions a section or two is not a whole document on one line.
  if (headings < 3) return line;
  out += line.slice(from);
  return out.replace(ARMOUR, (a) => `\n${a}\n`).replace(/\n[ ]+/g, '\n');
}
