// Property-based tests of the operating-hours engine (fast-check): the algebra of business time over
// random instants 2025-2028 and random durations, in Europe/Paris (DST), Indian/Reunion (no DST) and
// Asia/Kathmandu (UTC+05:45), plus an independent wall-clock oracle on days without an offset change.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { createHolidayCalendar, loadHolidayLibrary } from './holidays';
import { createHoursEngine, type HoursEngine } from './hours';
import { minutesOfTime, OperatingHours, type OperatingHoursInput, type TimeRange } from './hours.schemas';

await loadHolidayLibrary();

const HOUR = 3_600_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 11, 31);
// Paris changes its offset at 01:00 UTC on these days; the instants around them get extra attention.
const PARIS_CHANGES = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'].map(
  (d) => Date.parse(`${d}T01:00:00Z`),
);

const r = (start: string, end: string): TimeRange => ({ start, end });

const configs: Record<string, OperatingHoursInput> = {
  'Paris office with closures': {
    timeZone: 'Europe/Paris',
    weekly: {
      '1': [r('09:00', '19:00')],
      '2': [r('09:00', '19:00')],
      '3': [r('09:00', '19:00')],
      '4': [r('09:00', '19:00')],
      '5': [r('09:00', '19:00')],
      '6': [],
      '7': [],
    },
    closures: [
      { date: '2026-12-24', label: 'Christmas Eve' },
      { from: '2027-06-10T10:30:00+02:00', to: '2027-06-14T15:00:00+02:00', label: 'Move' },
    ],
  },
  'Paris, ranges across the DST change, Alsace-Moselle': {
    timeZone: 'Europe/Paris',
    weekly: {
      '1': [r('01:00', '04:00'), r('08:00', '12:00'), r('14:00', '18:00')],
      '2': [r('08:00', '12:00'), r('14:00', '18:00')],
      '3': [r('08:00', '12:00'), r('14:00', '18:00')],
      '4': [r('08:00', '12:00'), r('14:00', '18:00')],
      '5': [r('08:00', '12:00'), r('14:00', '24:00')],
      '6': [r('10:00', '12:00'), r('20:00', '24:00')],
      '7': [r('00:00', '01:00'), r('01:00', '02:30'), r('02:30', '03:30'), r('05:00', '06:00'), r('23:00', '24:00')],
    },
    holidays: { country: 'FR', region: '57' },
  },
  'Reunion, 07:00-22:00 weekdays and 08:00-20:00 weekends': {
    timeZone: 'Indian/Reunion',
    weekly: {
      '1': [r('07:00', '22:00')],
      '2': [r('07:00', '22:00')],
      '3': [r('07:00', '22:00')],
      '4': [r('07:00', '22:00')],
      '5': [r('07:00', '22:00')],
      '6': [r('08:00', '20:00')],
      '7': [r('08:00', '20:00')],
    },
    holidays: { country: 'FR', region: 'RE' },
  },
  'Kathmandu, Sunday to Friday': {
    timeZone: 'Asia/Kathmandu',
    weekly: {
      '1': [r('10:00', '17:00')],
      '2': [r('10:00', '17:00')],
      '3': [r('10:00', '17:00')],
      '4': [r('10:00', '17:00')],
      '5': [r('10:00', '15:00')],
      '6': [],
      '7': [r('10:00', '17:00')],
    },
    holidays: null,
  },
};
const engines = Object.entries(configs).map(([name, config]) => ({
  name,
  config,
  engine: createHoursEngine(config),
}));

const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.tuple(fc.constantFrom(...PARIS_CHANGES), fc.integer({ min: -36 * HOUR, max: 36 * HOUR })).map(([c, d]) => c + d),
);
const duration = fc.oneof(fc.integer({ min: 0, max: 4 * HOUR }), fc.integer({ min: 0, max: 400 * HOUR }));

/** Business algebra every engine must satisfy; on failure fast-check prints the engine and instants. */
describe.each(engines)('$name', ({ engine }) => {
  it('businessTimeBetween(t, addBusinessTime(t, d)) equals d', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        const end = engine.addBusinessTime(t, d);
        expect(end).not.toBeNull();
        if (end) expect(engine.businessTimeBetween(t, end)).toBe(d);
      }),
    );
  });

  it('addBusinessTime never decreases as the duration grows', () => {
    fc.assert(
      fc.property(instant, duration, duration, (t, d1, d2) => {
        const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const a = engine.addBusinessTime(t, small);
        const b = engine.addBusinessTime(t, large);
        expect(a && b && a.getTime() <= b.getTime()).toBe(true);
      }),
    );
  });

  it('addBusinessTime with d > 0 lands on an open instant or the end of a range, after t', () => {
    fc.assert(
      fc.property(
        instant,
        duration.filter((d) => d > 0),
        (t, d) => {
          const end = engine.addBusinessTime(t, d)?.getTime() ?? Number.NaN;
          expect(end).toBeGreaterThan(t);
          expect(engine.isOpen(end) || engine.isOpen(end - 1)).toBe(true);
        },
      ),
    );
  });

  it('nextOpening(t) is open, not before t, with no open time in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const opening = engine.nextOpening(t);
        expect(opening).not.toBeNull();
        if (!opening) return;
        expect(engine.isOpen(opening)).toBe(true);
        expect(opening.getTime()).toBeGreaterThanOrEqual(t);
        expect(engine.businessTimeBetween(t, opening)).toBe(0);
        expect(engine.addBusinessTime(t, 0)).toEqual(opening);
      }),
    );
  });

  it('nextClosing(t) is closed, not before t, and open all the way from t', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const closing = engine.nextClosing(t);
        expect(closing).not.toBeNull();
        if (!closing) return;
        expect(engine.isOpen(closing)).toBe(false);
        expect(closing.getTime()).toBeGreaterThanOrEqual(t);
        expect(engine.businessTimeBetween(t, closing)).toBe(closing.getTime() - t);
      }),
    );
  });

  it('businessTimeBetween is additive: (a, b) + (b, c) = (a, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(engine.businessTimeBetween(a, b) + engine.businessTimeBetween(b, c)).toBe(engine.businessTimeBetween(a, c));
      }),
    );
  });
});

/** An oracle written from the definition, valid on days whose UTC offset does not change. */
function wallClockOracle(input: OperatingHoursInput): (t: number) => boolean | 'skip' {
  const config = OperatingHours.parse(input);
  const calendar = config.holidays ? createHolidayCalendar(config.holidays) : null;
  return (t) => {
    const local = DateTime.fromMillis(t, { zone: config.timeZone });
    if (local.startOf('day').offset !== local.endOf('day').offset) return 'skip';
    const date = local.toISODate() ?? '';
    if (calendar?.isPublicHoliday(date)) return false;
    for (const c of config.closures) {
      if ('date' in c ? c.date === date : Date.parse(c.from) <= t && t < Date.parse(c.to)) return false;
    }
    const weekday = String(local.weekday) as keyof OperatingHours['weekly'];
    const wallMs = t - local.startOf('day').toMillis();
    return config.weekly[weekday].some(
      (range) => minutesOfTime(range.start) * 60_000 <= wallMs && wallMs < minutesOfTime(range.end) * 60_000,
    );
  };
}

describe.each(engines)('$name against a wall-clock oracle', ({ config, engine }) => {
  const oracle = wallClockOracle(config);

  it('isOpen agrees with reading the local clock on days without an offset change', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const expected = oracle(t);
        if (expected !== 'skip') expect(engine.isOpen(t)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

const quarter = fc.integer({ min: 0, max: 96 }).map((q) => {
  const minutes = q * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
/** A day's ranges from sorted distinct quarter-hour marks taken in pairs, so they never overlap. */
const dayRanges = fc.uniqueArray(quarter, { maxLength: 6 }).map((marks) => {
  const sorted = [...marks].sort();
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push(r(sorted[i] ?? '', sorted[i + 1] ?? ''));
  return ranges;
});
const randomWeek = fc.record({
  '1': dayRanges,
  '2': dayRanges,
  '3': dayRanges,
  '4': dayRanges,
  '5': dayRanges,
  '6': dayRanges,
  '7': dayRanges,
});

describe('random weekly hours in Europe/Paris', () => {
  it('keep the add/between round trip and land on open time or a range end', () => {
    fc.assert(
      fc.property(randomWeek, instant, duration, (weekly, t, d) => {
        const engine: HoursEngine = createHoursEngine({ timeZone: 'Europe/Paris', weekly });
        const end = engine.addBusinessTime(t, d);
        if (end === null) {
          expect(engine.nextOpening(t)).toBeNull();
          return;
        }
        expect(engine.businessTimeBetween(t, end)).toBe(d);
        if (d > 0) expect(engine.isOpen(end) || engine.isOpen(end.getTime() - 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
