// Finds calendar dates in RFC 2350 prose: ISO and numeric forms (DD.MM.YYYY, DD/MM/YYYY, YYYY/MM/DD) and
// written months in English, Indonesian, French, German, Spanish and Dutch; flags impossible and ambiguous ones.

export interface DateHit {
  /** The date as written. */
  readonly raw: string;
  /** Offset of `raw` in the searched text. */
  readonly index: number;
  /** `YYYY-MM-DD` when the date exists (day 01 when only month and year are written). */
  readonly iso?: string;
  readonly precision: 'day' | 'month';
  /**
   * `impossible`: no such day (2023-02-30, a five-digit year); `ambiguous`: 03/04/2021 read day-first,
   * `alternative` month-first; `placeholder`: a template's blanks ("../03/2025", "DD/MM/YYYY").
   */
  readonly issue?: 'impossible' | 'ambiguous' | 'placeholder';
  readonly alternative?: string;
}

const monthNames: Readonly<Record<string, number>> = {};
function addMonths(names: string, month: number): void {
  for (const name of names.split(' ')) (monthNames as Record<string, number>)[name] = month;
}
// Keys are lower case without accents; the regex below also accepts the accented spellings.
addMonths('january jan januari janvier janv januar janner enero ene', 1);
addMonths('february feb februari pebruari peb fevrier fevr fev februar febrero', 2);
addMonths('march mar maret mars marz maerz marzo maart mrt', 3);
addMonths('april apr avril avr abril', 4);
addMonths('may mei mai mayo', 5);
addMonths('june jun juni juin junio', 6);
addMonths('july jul juli juillet juil julio', 7);
addMonths('august aug agustus agu agt ags aout august agosto ago augustus', 8);
addMonths('september sep sept septembre septiembre setiembre', 9);
addMonths('october oct oktober okt octobre octubre', 10);
addMonths('november nov nopember nop novembre noviembre', 11);
addMonths('december dec desember des decembre dezember dez diciembre dic', 12);

const MONTH =
  '(janvier|janv|january|januari|januar|jänner|janner|enero|ene|jan|february|februari|pebruari|février|fevrier|févr|fevr|februar|febrero|feb|peb|fév|fev|march|maret|mars|märz|marz|maerz|marzo|maart|mrt|mar|april|avril|avr|abril|apr|may|mei|mai|mayo|june|juni|juin|junio|jun|july|juli|juillet|juil|julio|jul|august|agustus|août|aout|agosto|augustus|aug|agu|agt|ags|ago|september|septembre|septiembre|setiembre|sept|sep|october|oktober|octobre|octubre|okt|oct|november|nopember|novembre|noviembre|nov|nop|december|desember|décembre|decembre|dezember|diciembre|dec|déc|des|dez|dic)';

// Every quantifier is bounded and the alternatives are separated by distinct characters: linear on any input.
const ISO = /(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/g;
const NUMERIC_DMY = /(?<![\d.])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)/g;
const DAY_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th|er|\\.)?[ ]{0,3}(?:de[ ]{1,3})?${MONTH}\\.?,?[ ]{0,3}(?:de[ ]{1,3})?(\\d{4})(?!\\d)`,
  'giu',
);
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}\\d])${MONTH}\\.?[ ]{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?[ ]{1,3}(\\d{4})(?!\\d)`, 'giu');
const MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])${MONTH}\\.?,?[ ]{1,3}(\\d{4})(?!\\d)`, 'giu');

// A year of five or more digits: a typing error, not a date to accept or to ignore.
const LONG_YEAR_ISO = /(?<![\d.])\d{5,8}([-/.])\d{1,2}\1\d{1,2}(?![\d])/g;
const LONG_YEAR_DMY = /(?<![\d.])\d{1,2}([-/.])\d{1,2}\1\d{5,8}(?!\d)/g;
const LONG_YEAR_WORDS = new RegExp(`(?<![\\p{L}\\d])\\d{1,2}[ ]{1,3}${MONTH}\\.?,?[ ]{1,3}\\d{5,8}(?!\\d)`, 'giu');
// Dots, underscores, blanks or letters where the day (and month) should be.
const BLANK = String.raw`(?:\.{2,3}|_{1,3}|…|[ ]{2,3}|[xX]{2}|[dD]{1,2}|[mM]{1,2})`;
const PLACEHOLDER_DMY = new RegExp(
  String.raw`(?<![\w.])${BLANK}[ ]?([-/.])[ ]?(?:\d{1,2}|${BLANK})[ ]?\1[ ]?(?:\d{4}|[yY]{4})(?![\w])`,
  'g',
);
const PLACEHOLDER_ISO = new RegExp(String.raw`(?<![\w.])(?:\d{4}|[yY]{4})([-/.])(?:\d{1,2}|${BLANK})\1${BLANK}(?![\w])`, 'g');
const PLACEHOLDER_WORDS = new RegExp(
  `(?<![\\p{L}\\d])(?:\\.{2,3}|_{1,3}|…|\\[[ .]{0,3}\\])[ ]{1,3}${MONTH}\\.?,?[ ]{1,3}\\d{4}(?!\\d)`,
  'giu',
);

const YEAR_MIN = 1970;
const YEAR_MAX = 2199;

function monthOf(name: string): number | undefined {
  const key = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return monthNames[key];
}

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` if that day exists. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function hit(raw: string, index: number, year: number, month: number, day: number, precision: 'day' | 'month' = 'day'): DateHit {
  const iso = isoDate(year, month, day);
  return iso === undefined ? { raw, index, precision, issue: 'impossible' } : { raw, index, precision, iso };
}

/** Every date in `text`, in order of appearance; of overlapping matches the earliest (then the first form) wins. */
export function findDates(text: string): DateHit[] {
  // Every form has a four-digit year: most lines are settled by this one cheap test.
  if (!/\d{4}|yyyy/i.test(text)) return [];
  const all: DateHit[] = [];
  const add = (h: DateHit | undefined): void => {
    if (h) all.push(h);
  };
  for (const re of [LONG_YEAR_ISO, LONG_YEAR_DMY, LONG_YEAR_WORDS]) {
    for (const m of text.matchAll(re)) add({ raw: m[0], index: m.index, precision: 'day', issue: 'impossible' });
  }
  for (const re of [PLACEHOLDER_DMY, PLACEHOLDER_ISO, PLACEHOLDER_WORDS]) {
    for (const m of text.matchAll(re)) {
      const raw = m[0].trim();
      add({ raw, index: m.index + m[0].indexOf(raw), precision: 'day', issue: 'placeholder' });
    }
  }
  for (const m of text.matchAll(ISO)) {
    const [raw, y, , mo, d] = m;
    if (Number(y) < YEAR_MIN || Number(y) > YEAR_MAX) continue;
    add(hit(raw, m.index, Number(y), Number(mo), Number(d)));
  }
  for (const m of text.matchAll(NUMERIC_DMY)) {
    const [raw, a, sep, b, y] = m;
    add(numericDayMonth(raw, m.index, Number(a), Number(b), Number(y), sep === '.'));
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const month = monthOf(m[2] ?? '');
    if (month !== undefined) add(hit(m[0], m.index, Number(m[3]), month, Number(m[1])));
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const month = monthOf(m[1] ?? '');
    if (month !== undefined) add(hit(m[0], m.index, Number(m[3]), month, Number(m[2])));
  }
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = monthOf(m[1] ?? '');
    // Only full month names stand alone ("June 1998"); "Mar 2021" without a day is too often something else.
    if (month !== undefined && (m[1] ?? '').length >= 4) add(hit(m[0], m.index, Number(m[2]), month, 1, 'month'));
  }
  // Array.prototype.sort is stable: at equal offsets the earlier form (pushed first) stays first.
  all.sort((a, b) => a.index - b.index);
  const kept: DateHit[] = [];
  let end = -1;
  for (const h of all) {
    if (h.index < end) continue;
    kept.push(h);
    end = h.index + h.raw.length;
  }
  return kept;
}

/**
 * DD.MM.YYYY is always day-first (the dotted form is never month-first in practice). With "/" or "-", a part
 * above 12 settles the order; otherwise we read day-first, the convention of most of the world, and say so.
 */
function numericDayMonth(raw: string, index: number, a: number, b: number, year: number, dotted: boolean): DateHit | undefined {
  if (year < YEAR_MIN || year > YEAR_MAX) return undefined;
  if (dotted || a > 12) return hit(raw, index, year, b, a);
  if (b > 12) return hit(raw, index, year, a, b);
  const dayFirst = isoDate(year, b, a);
  const monthFirst = isoDate(year, a, b);
  if (dayFirst === undefined) return hit(raw, index, year, a, b);
  if (a === b || monthFirst === undefined) return { raw, index, precision: 'day', iso: dayFirst };
  return { raw, index, precision: 'day', iso: dayFirst, issue: 'ambiguous', alternative: monthFirst };
}

/** Whole days from `from` to `to` (UTC calendar days). */
export function daysBetween(from: string, to: Date): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((end - start) / 86_400_000);
}
