// Recognises section headings in published RFC 2350 documents (numbered, Markdown, bold, setext, all caps,
// trailing colons, several languages), drops table-of-contents entries, and maps each heading onto the outline.
import { finding, type Finding, type FoundSection } from './findings';
import { matchTitle, normalizeTitle, titleParts, tocTitles, type TitleMatch } from './keywords';
import { findRfc2350Section, RFC2350_LONG_TEXT_MAX, RFC2350_SHORT_TEXT_MAX } from './profile.schemas';
import type { Line } from './text';

interface Candidate {
  readonly index: number;
  /** Components as written ("1 . 1." → [1, 1]). */
  readonly numbers?: readonly number[];
  readonly title: string;
  readonly inline?: string;
  /** Markdown `#`, setext underline or a bold numbered line: a heading whatever its title. */
  readonly strong: boolean;
  /** Bold (`**…**`) without a number: a heading only if its title names an outline section. */
  readonly bold: boolean;
  readonly matches: readonly TitleMatch[];
  /** Index of a setext underline to skip. */
  readonly underline?: number;
}

export interface SectionScan {
  readonly sections: FoundSection[];
  readonly findings: Finding[];
}

const MAX_HEADING_CHARS = 200;
/** Heading-like lines considered at most: a real description has a few dozen; this bounds hostile input. */
const MAX_CANDIDATES = 5_000;
// Bounded, and the separators between number parts are distinct from digits: linear on any line.
const NUMBERED =
  /^((?:section|bagian|bab|chapter|chapitre|abschnitt|secci[oó]n)[ ]{1,3})?(\d{1,2}(?:[ ]?\.[ ]?\d{1,2}){0,3})[ ]?\.?[ ]?[):\-\u2013\u2014]?[ ]{0,8}(.*)$/iu;
const LEADER = /(?:\.{4,}|(?:[ ]\.){3,}|…{2,}|[ ]{3,}\d{1,4}$|\.{2,}[ ]{0,4}\d{1,4}$)/;
const MONTH_THEN_YEAR = /^\p{L}{3,12}\.?,?[ ]+\d{4}\b/u;

function stripEmphasis(text: string): { text: string; bold: boolean } {
  const t = text.trim();
  if (!t.includes('*') && !t.includes('_')) return { text: t, bold: false };
  const bold = /^(\*\*|__)/.test(t);
  return {
    text: t
      .replace(/\*\*|__/g, '')
      .replace(/^[*_]+|[*_]+$/g, '')
      .trim(),
    bold,
  };
}

function splitInline(title: string): { title: string; inline?: string } {
  const colon = title.indexOf(':');
  if (colon <= 0) return { title: title.replace(/[\s:]+$/, '') };
  const head = title.slice(0, colon).trim();
  const rest = title.slice(colon + 1).trim();
  if (rest === '') return { title: head };
  // "2.3 Time Zone: UTC+7": the text after a known title is the section's first line.
  if (head.split(/\s+/).length <= 8 && matchTitle(head).length > 0) return { title: head, inline: rest };
  return { title };
}

function candidateAt(lines: readonly Line[], i: number): Candidate | undefined {
  const line = lines[i];
  if (!line || line.kind !== 'text') return undefined;
  const raw = line.text.trim();
  if (raw === '' || raw.length > MAX_HEADING_CHARS || LEADER.test(raw)) return undefined;
  let text = raw;
  let strong = false;
  let underline: number | undefined;
  const hashes = /^#{1,6}[ ]+(.*?)[ #]*$/.exec(raw);
  if (hashes) {
    text = hashes[1] ?? '';
    strong = true;
  } else {
    const next = lines[i + 1];
    const prev = lines[i - 1];
    if (next?.kind === 'text' && /^(?:={3,}|-{3,})$/.test(next.text.trim()) && (!prev || prev.kind !== 'text') && !/^[-*+•]\s/.test(raw)) {
      strong = true;
      underline = i + 1;
    }
  }
  const emphasis = stripEmphasis(text);
  text = emphasis.text;
  const numbered = NUMBERED.exec(text);
  const numberEnd = (numbered?.[1] ?? '').length + (numbered?.[2] ?? '').length;
  // The number must be followed by a separator: "1.1 Date", "1.1. Date", "1) Date", not "1.1Date" or "2021".
  if (numbered?.[2] !== undefined && numbered[3] !== undefined && /^[\s.):\-\u2013\u2014]/.test(text.slice(numberEnd) || ' ')) {
    const numbers = numbered[2].split('.').map((n) => Number(n.trim()));
    const split = splitInline(stripEmphasis(numbered[3]).text);
    if (!/^[\p{L}"'“(]/u.test(split.title) || MONTH_THEN_YEAR.test(split.title)) return undefined;
    // "1.0 Document Information": a ".0" chapter.
    const fixed = numbers.length === 2 && numbers[1] === 0 ? [numbers[0] ?? 0] : numbers;
    const extra = underline === undefined ? {} : { underline };
    return {
      index: i,
      numbers: fixed,
      ...split,
      strong: strong || emphasis.bold,
      bold: emphasis.bold,
      matches: matchTitle(split.title),
      ...extra,
    };
  }
  const split = splitInline(text);
  if (!/^[\p{L}"'“(]/u.test(split.title)) return undefined;
  const extra = underline === undefined ? {} : { underline };
  return { index: i, ...split, strong, bold: emphasis.bold, matches: matchTitle(split.title), ...extra };
}

const key = (numbers: readonly number[]): string => numbers.join('.');

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** A plain numbered line is a heading only where a heading could come next (it is not "1. Phishing" in a list). */
function plausibleNext(prev: readonly number[] | undefined, c: readonly number[]): boolean {
  const first = c[0] ?? 0;
  if (!prev) return first <= 2;
  if (compare(c, prev) <= 0) return false;
  const prevFirst = prev[0] ?? 0;
  if (first > prevFirst + 1) return false;
  if (first === prevFirst + 1) return c.slice(1).every((n) => n <= 1);
  if (c.length > prev.length + 1) return false;
  const depth = c.length - 1;
  return (c[depth] ?? 0) - (prev[depth] ?? 0) <= 4;
}

function wordsOf(title: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < title.length; i++) {
    const space = title.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

function accept(c: Candidate, prev: readonly number[] | undefined, allowUnnumbered: boolean): boolean {
  const best = c.matches[0];
  if (c.numbers) {
    if (c.strong) return true;
    const agrees = best !== undefined && c.matches.some((m) => m.section === key(c.numbers ?? []));
    if (agrees && wordsOf(c.title) <= 14) return true;
    if (/[.;,]$/.test(c.title) || wordsOf(c.title) > 12) return false;
    return plausibleNext(prev, c.numbers) && (best !== undefined || /^\p{Lu}/u.test(c.title));
  }
  if (c.strong) return !/[.;,]$/.test(c.title) || c.inline !== undefined;
  if (c.bold) return best !== undefined && best.coverage >= 0.5 && wordsOf(c.title) <= 8;
  return (
    allowUnnumbered &&
    best !== undefined &&
    best.coverage >= 0.75 &&
    wordsOf(c.title) <= 8 &&
    !/[.;,]$/.test(c.title) &&
    !/^[-*+•]/.test(c.title)
  );
}

function collect(lines: readonly Line[], candidates: readonly Candidate[], allowUnnumbered: boolean): Candidate[] {
  const out: Candidate[] = [];
  let prev: readonly number[] | undefined;
  let skipTo = -1;
  for (const c of candidates) {
    const i = c.index;
    if (i <= skipTo) continue;
    // A plain unnumbered line must stand alone: after a blank line, a heading, or the start.
    if (!c.numbers && !c.strong && !c.bold) {
      const before = lines[i - 1];
      if (before && before.kind === 'text' && before.text.trim() !== '' && out[out.length - 1]?.index !== i - 1) continue;
    }
    if (!accept(c, prev, allowUnnumbered)) continue;
    out.push(c);
    if (c.numbers) prev = c.numbers;
    if (c.underline !== undefined) skipTo = c.underline;
  }
  return out;
}

/**
 * In a numbered document, an unnumbered line that names an outline section no numbered heading covers, inside
 * that section's chapter ("Date of last update" under "1. Document Information"), is a heading too.
 */
function supplement(lines: readonly Line[], candidates: readonly Candidate[], heads: readonly Candidate[]): Candidate[] {
  const claimed = new Set<string>();
  for (const h of heads) {
    if (h.numbers) claimed.add(key(h.numbers));
    const best = h.matches[0];
    if (best) claimed.add(best.section);
  }
  const accepted = new Set(heads.map((h) => h.index));
  const added: Candidate[] = [];
  let k = 0;
  let chapter: number | undefined;
  for (const c of candidates) {
    while (k < heads.length && (heads[k]?.index ?? Infinity) <= c.index) {
      const first = heads[k]?.numbers?.[0];
      if (first !== undefined) chapter = first;
      k++;
    }
    const best = c.matches[0];
    if (c.numbers || c.strong || c.inline !== undefined || accepted.has(c.index) || !best || chapter === undefined) continue;
    if (claimed.has(best.section) || Number(best.section.split('.')[0]) !== chapter) continue;
    if (best.coverage < 0.75 || wordsOf(c.title) > 8 || /[.;,]$/.test(c.title)) continue;
    const before = lines[c.index - 1];
    const standsAlone = !before || before.kind !== 'text' || before.text.trim() === '' || accepted.has(c.index - 1);
    if (!standsAlone) continue;
    claimed.add(best.section);
    added.push(c);
  }
  return added.length === 0 ? [...heads] : [...heads, ...added].sort((a, b) => a.index - b.index);
}

function dedent(rows: readonly string[]): string {
  let min = Infinity;
  for (const l of rows) if (l.trim() !== '') min = Math.min(min, l.length - l.trimStart().length);
  const cut = Number.isFinite(min) ? min : 0;
  return rows
    .map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Find the headings, drop the table of contents, map headings to outline sections, collect bodies. */
export function scanSections(lines: Line[]): SectionScan {
  const candidates: Candidate[] = [];
  for (let i = 0; i < lines.length && candidates.length < MAX_CANDIDATES; i++) {
    const c = candidateAt(lines, i);
    if (c) candidates.push(c);
  }
  let heads = collect(lines, candidates, false);
  if (heads.filter((h) => h.numbers).length >= 3) {
    // In a numbered document, "**Time zone:** CET" under "2.3 Time Zone" is a labelled value, not a heading:
    // a bold unnumbered line is one only if it carries no value and names a section no numbered heading has.
    const numbered = new Set(heads.flatMap((h) => (h.numbers ? [key(h.numbers), ...h.matches.slice(0, 1).map((m) => m.section)] : [])));
    heads = heads.filter((h) => h.numbers || !h.bold || (h.inline === undefined && !numbered.has(h.matches[0]?.section ?? '')));
    heads = supplement(lines, candidates, heads);
  } else heads = collect(lines, candidates, true);
  const bodyOf = (k: number): Line[] => bodyLines(lines, heads, k);
  // Table of contents: a heading titled so, and any heading with no body that reappears later.
  const signature = (c: Candidate): string => `${c.numbers ? key(c.numbers) : ''}|${normalizeTitle(c.title).replace(/ \d+$/, '')}`;
  const toc = new Set<number>();
  const lastWith = new Map<string, number>();
  heads.forEach((h, k) => lastWith.set(signature(h), k));
  heads.forEach((h, k) => {
    if (tocTitles.has(normalizeTitle(h.title))) {
      toc.add(k);
      return;
    }
    if ((lastWith.get(signature(h)) ?? k) <= k) return;
    // A table of contents is a compact block: an entry with text under it still belongs if it follows one closely.
    const inBlock = toc.has(k - 1) && h.index - (heads[k - 1]?.index ?? -9) <= 2;
    if (inBlock || bodyOf(k).every((l) => l.kind === 'blank')) toc.add(k);
  });
  for (const k of toc) {
    const h = heads[k];
    if (!h) continue;
    const tocLine = lines[h.index];
    if (tocLine) tocLine.kind = 'meta';
    if (tocTitles.has(normalizeTitle(h.title))) for (const l of bodyOf(k)) if (l.kind === 'text') l.kind = 'meta';
  }
  heads = heads.filter((_, k) => !toc.has(k));
  return mapSections(lines, heads);
}

function bodyLines(lines: readonly Line[], heads: readonly Candidate[], k: number): Line[] {
  const start = (heads[k]?.underline ?? heads[k]?.index ?? 0) + 1;
  const end = heads[k + 1]?.index ?? lines.length;
  return lines.slice(start, end).filter((l) => l.kind === 'text' || l.kind === 'code' || l.kind === 'blank');
}

function mapSections(lines: readonly Line[], heads: readonly Candidate[]): SectionScan {
  const findings: Finding[] = [];
  type Draft = { canonical?: string; mappedBy: FoundSection['mappedBy'] };
  const drafts: Draft[] = heads.map((h) => {
    const n = h.numbers ? key(h.numbers) : undefined;
    const inOutline = n !== undefined && findRfc2350Section(n) !== undefined;
    const best = h.matches[0];
    if (inOutline && h.matches.some((m) => m.section === n)) return { canonical: n, mappedBy: 'number' };
    // "5.1.2 Penanggulangan … Insiden": a title naming the parent section does not contradict the number.
    if (inOutline && best && n.startsWith(`${best.section}.`)) return { canonical: n, mappedBy: 'number' };
    // A title overrides a number only when it clearly names a section; an unnumbered one needs half its words to.
    if (best && best.coverage >= (h.numbers ? 0.6 : 0.5)) return { canonical: best.section, mappedBy: 'title' };
    if (inOutline) return { canonical: n, mappedBy: 'number' };
    return { mappedBy: 'none' };
  });
  // An unrecognised title keeps its number's place only if no recognised title elsewhere claims that place
  // (BSSN "3.1 Visi" yields 3.1 to "3.2 Misi", which is the RFC's Mission Statement).
  const claimed = new Set(
    drafts.filter((d, k) => d.canonical !== undefined && (heads[k]?.matches.length ?? 0) > 0).map((d) => d.canonical),
  );
  drafts.forEach((d, k) => {
    if ((heads[k]?.matches.length ?? 0) === 0 && d.canonical !== undefined && claimed.has(d.canonical)) {
      d.canonical = undefined;
      d.mappedBy = 'none';
    }
  });
  const sections: FoundSection[] = heads.map((h, k) => {
    const d = drafts[k] ?? { mappedBy: 'none' };
    const body = bodyLines(lines, heads, k);
    const bodyText = dedent(body.map((l) => l.text));
    const text = (h.inline !== undefined ? `${h.inline}\n${bodyText}` : bodyText).trim().slice(0, RFC2350_LONG_TEXT_MAX);
    const line = lines[h.index]?.n ?? 1;
    const last = [...body].reverse().find((l) => l.kind !== 'blank');
    const number = h.numbers ? key(h.numbers) : undefined;
    const covers: string[] = [];
    if (d.canonical !== undefined) {
      covers.push(d.canonical);
      const depth = d.canonical.split('.').length;
      for (const part of titleParts(h.title)) {
        const sameChapter = part.split('.')[0] === d.canonical.split('.')[0] && part.split('.').length === depth;
        if (sameChapter && !covers.includes(part) && findRfc2350Section(part)) covers.push(part);
      }
    }
    if (d.mappedBy === 'title' && number !== undefined && d.canonical !== undefined) {
      findings.push(
        finding(
          'info',
          'section-number-mismatch',
          `Heading ${number} "${h.title.slice(0, 80)}" is section ${d.canonical} of RFC 2350.`,
          { line, section: d.canonical },
          { number, title: h.title.slice(0, 80), section: d.canonical },
        ),
      );
    }
    const found: FoundSection = {
      title: h.title.slice(0, RFC2350_SHORT_TEXT_MAX),
      covers,
      mappedBy: d.mappedBy,
      line,
      endLine: Math.max(line, last?.n ?? line),
      text,
      empty: text === '',
    };
    if (number !== undefined) found.number = number;
    if (d.canonical !== undefined) found.canonical = d.canonical;
    return found;
  });
  return { sections, findings };
}
