// Public holidays, over date-holidays: each year's public-holiday spans as wall-clock times (cached per
// year). Only type 'public' closes a team. Which codes exist comes from ./holiday-regions (no library load).
import type Holidays from 'date-holidays';
import { isKnownHolidayCountry, isKnownHolidayRegion } from './holiday-regions';

export { isKnownHolidayCountry, isKnownHolidayRegion, listHolidayCountries, listHolidayRegions } from './holiday-regions';

export interface HolidayRegionRef {
  country: string;
  region?: string | undefined;
}

export interface PublicHoliday {
  /** Local calendar date the holiday starts on, YYYY-MM-DD. */
  date: string;
  name: string;
  /**
   * The closed span as wall-clock time, encoded as if the wall clock were UTC
   * (Date.UTC(y, m, d, h, min)): a whole-day holiday runs from its date's 00:00 to the next day's 00:00.
   * A few countries have half days (12:00 to 24:00) or multi-day holidays; the span says so.
   */
  wallStart: number;
  wallEnd: number;
}

export interface HolidayCalendar {
  readonly country: string;
  readonly region: string | undefined;
  /** Public holidays starting in `year`, sorted by start. Cached per year. */
  publicHolidays(year: number): readonly PublicHoliday[];
  /** Whether any public holiday covers part of that calendar day (YYYY-MM-DD). */
  isPublicHoliday(date: string): boolean;
}

const DAY_MS = 86_400_000;

let HolidaysLibrary: typeof Holidays | null = null;

/**
 * Loads date-holidays (its rules and moment-timezone take about half a second): await it once before
 * createHolidayCalendar. Why not a static import: every server start would pay for it, although only the
 * hours engine uses it, and only once a team's hours name a country.
 */
export async function loadHolidayLibrary(): Promise<void> {
  HolidaysLibrary ??= (await import('date-holidays')).default;
}

/**
 * Throws a RangeError for an unknown country or region. Why: date-holidays silently falls back to
 * the whole country for an unknown region (e.g. 'FR'/'974' gives mainland France, missing 20 December
 * in La Réunion), which would open the team on a holiday without anyone noticing.
 */
export function createHolidayCalendar(ref: HolidayRegionRef): HolidayCalendar {
  const { country, region } = ref;
  if (!isKnownHolidayCountry(country)) {
    throw new RangeError(`Unknown holiday country code '${country}'`);
  }
  if (region !== undefined && !isKnownHolidayRegion(country, region)) {
    throw new RangeError(`Unknown holiday region code '${region}' for country '${country}'`);
  }
  // timezone 'UTC' makes start/end the wall-clock times encoded as UTC: the engine maps them onto
  // the team's own zone, so a holiday follows the team's clock whatever its DST rules.
  if (!HolidaysLibrary) throw new Error('createHolidayCalendar needs loadHolidayLibrary() to have finished');
  const calendar =
    region === undefined ? new HolidaysLibrary(country, { timezone: 'UTC' }) : new HolidaysLibrary(country, region, { timezone: 'UTC' });
  const byYear = new Map<number, readonly PublicHoliday[]>();

  function publicHolidays(year: number): readonly PublicHoliday[] {
    const cached = byYear.get(year);
    if (cached) return cached;
    const list = calendar
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({
        date: h.date.slice(0, 10),
        name: h.name,
        wallStart: h.start.getTime(),
        wallEnd: h.end.getTime(),
      }))
      .sort((a, b) => a.wallStart - b.wallStart);
    byYear.set(year, list);
    return list;
  }

  function isPublicHoliday(date: string): boolean {
    const dayStart = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(dayStart)) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);
    const year = new Date(dayStart).getUTCFullYear();
    // A holiday listed in one year can spill into the next (multi-day) or start the evening before.
    return [year - 1, year, year + 1].some((y) => publicHolidays(y).some((h) => h.wallStart < dayStart + DAY_MS && h.wallEnd > dayStart));
  }

  return { country, region, publicHolidays, isPublicHoliday };
}
