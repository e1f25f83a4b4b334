// Behaviour of the date-holidays wrapper: public holidays only, French regions, code validation, caching.
import {
  createHolidayCalendar,
  isKnownHolidayCountry,
  isKnownHolidayRegion,
  listHolidayCountries,
  listHolidayRegions,
  loadHolidayLibrary,
} from './holidays';

await loadHolidayLibrary();

const dates = (country: string, region: string | undefined, year: number): string[] =>
  createHolidayCalendar({ country, region })
    .publicHolidays(year)
    .map((h) => h.date);

const MAINLAND_2026 = [
  '2026-01-01',
  '2026-04-06',
  '2026-05-01',
  '2026-05-08',
  '2026-05-14',
  '2026-05-25',
  '2026-07-14',
  '2026-08-15',
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
];

describe('createHolidayCalendar', () => {
  it('asks for the library to be loaded first (it is not loaded with the module)', async () => {
    vi.resetModules();
    const fresh = await import('./holidays');
    expect(() => fresh.createHolidayCalendar({ country: 'FR' })).toThrow(/loadHolidayLibrary/);
    await fresh.loadHolidayLibrary();
    expect(fresh.createHolidayCalendar({ country: 'FR' }).isPublicHoliday('2026-12-25')).toBe(true);
  });

  it('lists the 11 public holidays of mainland France in 2026 and leaves observances out', () => {
    expect(dates('FR', undefined, 2026)).toEqual(MAINLAND_2026);
    expect(dates('FR', undefined, 2026)).not.toContain('2026-05-24');
  });

  it('adds 20 December for La Réunion (RE)', () => {
    expect(dates('FR', 'RE', 2026)).toEqual([...MAINLAND_2026.slice(0, 10), '2026-12-20', '2026-12-25']);
  });

  it('adds Good Friday and 26 December for Alsace-Moselle (57, 67, 68)', () => {
    for (const region of ['57', '67', '68']) {
      const list = dates('FR', region, 2026);
      expect(list).toContain('2026-04-03');
      expect(list).toContain('2026-12-26');
      expect(list).toHaveLength(13);
    }
  });

  it('gives whole-day holidays a wall-clock span from 00:00 to the next 00:00', () => {
    const christmas = createHolidayCalendar({ country: 'FR' })
      .publicHolidays(2026)
      .find((h) => h.date === '2026-12-25');
    expect(christmas).toMatchObject({
      wallStart: Date.UTC(2026, 11, 25),
      wallEnd: Date.UTC(2026, 11, 26),
    });
  });

  it('answers isPublicHoliday per calendar day', () => {
    const calendar = createHolidayCalendar({ country: 'FR', region: 'RE' });
    expect(calendar.isPublicHoliday('2026-12-20')).toBe(true);
    expect(calendar.isPublicHoliday('2026-12-21')).toBe(false);
    expect(() => calendar.isPublicHoliday('20/12/2026')).toThrow(RangeError);
  });

  it('computes a year once and then serves it from the cache', () => {
    const calendar = createHolidayCalendar({ country: 'FR' });
    expect(calendar.publicHolidays(2027)).toBe(calendar.publicHolidays(2027));
  });

  it('throws a RangeError for an unknown region instead of falling back to mainland France', () => {
    expect(() => createHolidayCalendar({ country: 'FR', region: '974' })).toThrow(RangeError);
    expect(() => createHolidayCalendar({ country: 'ZZ' })).toThrow(/Unknown holiday country code 'ZZ'/);
  });
});

describe('country and region catalogue', () => {
  it('knows France and its Alsace-Moselle and overseas regions, case-sensitively', () => {
    expect(listHolidayCountries()['FR']).toBe('France');
    expect(Object.keys(listHolidayRegions('FR')).sort()).toEqual(['57', '67', '68', 'BL', 'GF', 'GP', 'MF', 'MQ', 'RE', 'YT'].sort());
    expect(isKnownHolidayCountry('FR')).toBe(true);
    expect(isKnownHolidayCountry('fr')).toBe(false);
    expect(isKnownHolidayRegion('FR', 'RE')).toBe(true);
    expect(isKnownHolidayRegion('FR', '974')).toBe(false);
  });

  it('returns no regions for a country without any or an unknown country', () => {
    expect(listHolidayRegions('IS')).toEqual({});
    expect(listHolidayRegions('ZZ')).toEqual({});
  });
});
