// The operating-hours engine: whether the team is open, when it next opens or closes, and business-time
// arithmetic (add, between) over weekly wall-clock ranges in the team's zone, minus public holidays and
// closures. Pure: instants are epoch milliseconds or Dates, durations milliseconds.
import { IANAZone } from 'luxon';
import { createHolidayCalendar, type HolidayCalendar } from './holidays';
import { minutesOfTime, OperatingHours, type OperatingHoursInput } from './hours.schemas';

/*
 * Semantics, in one place:
 * - Open time is a set of half-open intervals [opening, closing): the opening instant is open, the
 *   closing instant is closed.
 * - A weekly range is wall-clock time in the team's zone. A wall time w maps to the FIRST instant at
 *   which the team's clock reads w or later. So a nonexistent time (02:30 on the spring-forward day in
 *   Europe/Paris) maps to the transition instant (03:00 CEST), and an ambiguous one (02:30 on the
 *   fall-back day) to its first occurrence (02:30 CEST). The mapping never decreases, so ranges keep
 *   their order, touching ranges stay touching, and 01:00-04:00 on a change night lasts the real
 *   elapsed time (2 h in March, 4 h in October). A range lying wholly in a skipped hour is empty.
 *   (luxon's own conversion differs: 02:30 in the gap becomes 03:30 and an ambiguous 02:30 the second
 *   occurrence, so the engine maps wall times itself.)
 * - Public holidays (type 'public' only) and whole-day closures remove wall-clock time of the team's
 *   calendar day; period closures remove instants. Both are subtracted from the weekly ranges.
 * - addBusinessTime(t, d) is the earliest instant by which d ms of open time have elapsed from t. For
 *   d > 0 it is open or the end of a range; for d = 0 it is nextOpening(t) (the clock starts at the
 *   next opening, as for any duration).
 * - Searches give up after SEARCH_HORIZON_DAYS consecutive days without open time (nextOpening,
 *   addBusinessTime: null) or without a closed instant (nextClosing: null): no infinite loops.
 * - Mode '24/7' ignores the configuration: always open, never closes, business time = elapsed time.
 * Assumption (true of the tz database): a zone changes its offset at most once within three days.
 */

export type Instant = Date | number;
/** 'business': the configured hours; '24/7': around the clock (urgent work, the emergency channel). */
export type HoursMode = 'business' | '24/7';
export type HoursChannel = 'standard' | 'emergency';
export interface HoursOptions {
  mode?: HoursMode;
}

export interface HoursEngine {
  /** The parsed configuration (defaults applied). */
  readonly config: OperatingHours;
  isOpen(t: Instant, options?: HoursOptions): boolean;
  /** t itself when open; null when no open time within SEARCH_HORIZON_DAYS. */
  nextOpening(t: Instant, options?: HoursOptions): Date | null;
  /** t itself when closed; null when open for SEARCH_HORIZON_DAYS on end (always, in '24/7'). */
  nextClosing(t: Instant, options?: HoursOptions): Date | null;
  /** When durationMs (a whole number ≥ 0) of open time has elapsed from t; null if it never can. */
  addBusinessTime(t: Instant, durationMs: number, options?: HoursOptions): Date | null;
  /** Open milliseconds in [a, b); 0 when b <= a. */
  businessTimeBetween(a: Instant, b: Instant, options?: HoursOptions): number;
  /** The mode a channel runs in: '24/7' for the emergency channel when emergency247 is set. */
  modeFor(channel: HoursChannel): HoursMode;
}

export const SEARCH_HORIZON_DAYS = 732;

/** Half-open [start, end) in milliseconds: instants, or wall-clock times encoded as UTC. */
type Span = readonly [start: number, end: number];

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_CACHE_LIMIT = 4096;
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/**
 * Builds the engine once per configuration; throws a ZodError for an invalid configuration.
 * Holiday sets are cached per year and each day's open intervals are cached (bounded).
 */
export function createHoursEngine(input: OperatingHoursInput): HoursEngine {
  const config = OperatingHours.parse(input);
  const zone = IANAZone.create(config.timeZone);
  const holidays = config.holidays === null ? null : createHolidayCalendar(config.holidays);
  const week = WEEKDAYS.map((key) =>
    mergeSpans(config.weekly[key].map((r): Span => [minutesOfTime(r.start) * MINUTE, minutesOfTime(r.end) * MINUTE])),
  );
  const closedDays = new Set<number>();
  const periodSpans: Span[] = [];
  for (const closure of config.closures) {
    if ('date' in closure) closedDays.add(Date.parse(`${closure.date}T00:00:00Z`) / DAY);
    else periodSpans.push([Date.parse(closure.from), Date.parse(closure.to)]);
  }
  const periods = mergeSpans(periodSpans);
  const dayCache = new Map<number, readonly Span[]>();

  const offsetMs = (t: number): number => zone.offset(t) * MINUTE;
  const wallOf = (t: number): number => t + offsetMs(t);
  const dayOf = (t: number): number => Math.floor(wallOf(t) / DAY);

  /** The first instant at which the team's clock reads wall time w or later. */
  function instantOfWall(w: number): number {
    const before = offsetMs(w - DAY);
    const after = offsetMs(w + DAY);
    const early = w - before;
    const late = w - after;
    const valid = [early, late].filter((t) => wallOf(t) === w);
    if (valid.length > 0) return Math.min(...valid);
    // In a spring-forward gap: the clock jumps over w between lo and hi; find the jump.
    let lo = Math.min(early, late);
    let hi = Math.max(early, late);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (wallOf(mid) >= w) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  function wallMapperOfDay(dayWall: number): (w: number) => number {
    // Every instant of this wall day lies within a day either side; one offset there means no change.
    const offset = offsetMs(dayWall - DAY);
    if (offsetMs(dayWall + 2 * DAY) === offset) return (w) => w - offset;
    return instantOfWall;
  }

  function holidaySpansOfDay(calendar: HolidayCalendar, dayWall: number): Span[] {
    const year = new Date(dayWall).getUTCFullYear();
    const spans: Span[] = [];
    // A holiday listed in one year may start the evening before or spill into the next year.
    for (const y of [year - 1, year, year + 1]) {
      for (const h of calendar.publicHolidays(y)) {
        if (h.wallStart < dayWall + DAY && h.wallEnd > dayWall) spans.push([h.wallStart, h.wallEnd]);
      }
    }
    return mergeSpans(spans);
  }

  /** The open instants of one wall-clock day (days since 1970-01-01 in the team's calendar). */
  function openSpansOfDay(day: number): readonly Span[] {
    const cached = dayCache.get(day);
    if (cached) return cached;
    const dayWall = day * DAY;
    let wall: Span[] = closedDays.has(day) ? [] : (week[isoWeekdayOfDay(day) - 1] ?? []).map(([s, e]): Span => [dayWall + s, dayWall + e]);
    if (wall.length > 0 && holidays) wall = subtractSpans(wall, holidaySpansOfDay(holidays, dayWall));
    const toInstant = wallMapperOfDay(dayWall);
    let spans = wall.map(([s, e]): Span => [toInstant(s), toInstant(e)]).filter(([s, e]) => s < e);
    if (spans.length > 0 && periods.length > 0) spans = subtractSpans(spans, periods);
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    dayCache.set(day, spans);
    return spans;
  }

  /** The instant at which durationMs of open time has elapsed from t; 0 gives the next opening. */
  function consume(t: number, durationMs: number): number | null {
    let remaining = durationMs;
    let cursor = t;
    let idleDays = 0;
    // Spans of earlier days end by the first instant of t's day, which is <= t.
    for (let day = dayOf(t); ; day += 1) {
      let seen = false;
      for (const [s, e] of openSpansOfDay(day)) {
        if (e <= cursor) continue;
        seen = true;
        const from = Math.max(s, cursor);
        if (remaining <= e - from) return from + remaining;
        remaining -= e - from;
        cursor = e;
      }
      idleDays = seen ? 0 : idleDays + 1;
      if (idleDays > SEARCH_HORIZON_DAYS) return null;
    }
  }

  function firstClosed(t: number): number | null {
    let cursor = t;
    const first = dayOf(t);
    for (let day = first; day <= first + SEARCH_HORIZON_DAYS; day += 1) {
      for (const [s, e] of openSpansOfDay(day)) {
        if (e <= cursor) continue;
        if (s > cursor) return cursor;
        cursor = e;
      }
      // Later days' spans start at or after the next day's first instant: a cursor before it is closed.
      if (cursor < instantOfWall((day + 1) * DAY)) return cursor;
    }
    return null;
  }

  function isOpenAt(t: number): boolean {
    // After a fall-back across midnight, an instant of day D can follow the start of day D + 1.
    const day = dayOf(t);
    return [day, day + 1].some((d) => openSpansOfDay(d).some(([s, e]) => s <= t && t < e));
  }

  function openTimeBetween(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    const last = dayOf(b) + 1;
    for (let day = dayOf(a); day <= last; day += 1) {
      for (const [s, e] of openSpansOfDay(day)) {
        const overlap = Math.min(e, b) - Math.max(s, a);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  const isAlwaysOpen = (options: HoursOptions | undefined): boolean => options?.mode === '24/7';

  return {
    config,
    isOpen(t, options) {
      const ms = toMs(t);
      return isAlwaysOpen(options) || isOpenAt(ms);
    },
    nextOpening(t, options) {
      const ms = toMs(t);
      return toDate(isAlwaysOpen(options) ? ms : consume(ms, 0));
    },
    nextClosing(t, options) {
      const ms = toMs(t);
      return isAlwaysOpen(options) ? null : toDate(firstClosed(ms));
    },
    addBusinessTime(t, durationMs, options) {
      const ms = toMs(t);
      if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
        throw new RangeError(`durationMs must be a whole number of milliseconds >= 0, got ${durationMs}`);
      }
      return toDate(isAlwaysOpen(options) ? ms + durationMs : consume(ms, durationMs));
    },
    businessTimeBetween(a, b, options) {
      const from = toMs(a);
      const to = toMs(b);
      if (isAlwaysOpen(options)) return Math.max(0, to - from);
      return openTimeBetween(from, to);
    },
    modeFor(channel) {
      switch (channel) {
        case 'emergency':
          return config.emergency247 ? '24/7' : 'business';
        case 'standard':
          return 'business';
      }
    },
  };
}

function toMs(t: Instant): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (Number.isNaN(new Date(ms).getTime())) throw new RangeError(`Invalid instant: ${String(t)}`);
  return ms;
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day counted from Thursday 1970-01-01. */
function isoWeekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Sorts and unites spans, joining those that overlap or touch. */
function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) out[out.length - 1] = [last[0], Math.max(last[1], e)];
    else out.push([s, e]);
  }
  return out;
}

/** spans minus cuts; cuts merged (sorted, disjoint) so they can be binary-searched. */
function subtractSpans(spans: readonly Span[], cuts: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [start, end] of spans) {
    let s = start;
    for (let i = firstEndingAfter(cuts, s); i < cuts.length && s < end; i += 1) {
      const cut = cuts[i];
      if (!cut || cut[0] >= end) break;
      if (cut[0] > s) out.push([s, cut[0]]);
      s = Math.max(s, cut[1]);
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

/** Index of the first of the sorted, disjoint cuts that ends after t. */
function firstEndingAfter(cuts: readonly Span[], t: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const cut = cuts[mid];
    if (cut && cut[1] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
