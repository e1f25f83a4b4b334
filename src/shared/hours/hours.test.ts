// Behaviour of the operating-hours engine on hand-checked cases: the SLA examples, DST nights,
// French holidays by region, several ranges per day, weekends, closures and 24/7 mode.
import { DateTime } from 'luxon';
import { loadHolidayLibrary } from './holidays';
import { createHoursEngine, type HoursEngine } from './hours';
import type { OperatingHoursInput, TimeRange } from './hours.schemas';

await loadHolidayLibrary();

const PARIS = 'Europe/Paris';
const HOUR = 3_600_000;

/** The instant the clock in `zone` reads `local` (YYYY-MM-DDTHH:mm); used only for unambiguous times. */
function at(local: string, zone = PARIS): Date {
  return DateTime.fromISO(local, { zone }).toJSDate();
}

/** A result as local time with its offset, e.g. 2026-11-23T10:55+01:00. */
function show(d: Date | null, zone = PARIS): string | null {
  if (d === null) return null;
  return DateTime.fromJSDate(d, { zone }).toISO({
    suppressMilliseconds: true,
    suppressSeconds: true,
  });
}

function week(weekdays: TimeRange[], weekend: TimeRange[] = []): OperatingHoursInput['weekly'] {
  return {
    '1': weekdays,
    '2': weekdays,
    '3': weekdays,
    '4': weekdays,
    '5': weekdays,
    '6': weekend,
    '7': weekend,
  };
}

const nineToSeven = [{ start: '09:00', end: '19:00' }];
const allDay = [{ start: '00:00', end: '24:00' }];

function office(extra: Partial<OperatingHoursInput> = {}): HoursEngine {
  return createHoursEngine({ timeZone: PARIS, weekly: week(nineToSeven), ...extra });
}

describe('addBusinessTime with 09:00-19:00 Monday to Friday in Europe/Paris', () => {
  const engine = office();

  it('carries 2 h from Friday 18:55 over the weekend to Monday 10:55', () => {
    expect(show(engine.addBusinessTime(at('2026-11-20T18:55'), 2 * HOUR))).toBe('2026-11-23T10:55+01:00');
  });

  it('skips Easter Monday: Friday 2026-04-03 18:55 + 2 h gives Tuesday 10:55', () => {
    expect(show(engine.addBusinessTime(at('2026-04-03T18:55'), 2 * HOUR))).toBe('2026-04-07T10:55+02:00');
  });

  it('skips Whit Monday: Friday 2026-05-22 18:55 + 2 h gives Tuesday 10:55', () => {
    expect(show(engine.addBusinessTime(at('2026-05-22T18:55'), 2 * HOUR))).toBe('2026-05-26T10:55+02:00');
  });

  it('starts counting at the next opening when t is closed', () => {
    expect(show(engine.addBusinessTime(at('2026-11-21T12:00'), 30 * 60_000))).toBe('2026-11-23T09:30+01:00');
  });

  it('returns the closing instant when the duration ends exactly at a range end', () => {
    expect(show(engine.addBusinessTime(at('2026-11-20T17:00'), 2 * HOUR))).toBe('2026-11-20T19:00+01:00');
  });

  it('returns nextOpening(t) for a zero duration: t when open, the next opening when closed', () => {
    expect(show(engine.addBusinessTime(at('2026-11-20T10:00'), 0))).toBe('2026-11-20T10:00+01:00');
    expect(show(engine.addBusinessTime(at('2026-11-20T19:00'), 0))).toBe('2026-11-23T09:00+01:00');
  });

  it('spans the spring-forward weekend without losing or adding an hour', () => {
    expect(show(engine.addBusinessTime(at('2026-03-27T18:00'), 2 * HOUR))).toBe('2026-03-30T10:00+02:00');
  });

  it('rejects a negative, fractional or non-finite duration and an invalid instant with a RangeError', () => {
    expect(() => engine.addBusinessTime(at('2026-11-20T10:00'), -1)).toThrow(RangeError);
    expect(() => engine.addBusinessTime(at('2026-11-20T10:00'), 1.5)).toThrow(RangeError);
    expect(() => engine.addBusinessTime(at('2026-11-20T10:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => engine.isOpen(new Date('not a date'))).toThrow(RangeError);
  });

  it('accepts epoch milliseconds as well as Dates', () => {
    const t = at('2026-11-20T18:55');
    expect(engine.addBusinessTime(t.getTime(), 2 * HOUR)).toEqual(engine.addBusinessTime(t, 2 * HOUR));
  });
});

describe('isOpen, nextOpening and nextClosing', () => {
  const engine = office();

  it('treats the opening instant as open and the closing instant as closed', () => {
    expect(engine.isOpen(at('2026-11-20T09:00'))).toBe(true);
    expect(engine.isOpen(at('2026-11-20T18:59'))).toBe(true);
    expect(engine.isOpen(at('2026-11-20T19:00'))).toBe(false);
    expect(engine.isOpen(at('2026-11-21T12:00'))).toBe(false);
  });

  it('returns t itself from nextOpening when open and from nextClosing when closed', () => {
    expect(show(engine.nextOpening(at('2026-11-20T12:00')))).toBe('2026-11-20T12:00+01:00');
    expect(show(engine.nextClosing(at('2026-11-21T12:00')))).toBe('2026-11-21T12:00+01:00');
  });

  it('finds Monday 09:00 after a Friday evening and Friday 19:00 during the day', () => {
    expect(show(engine.nextOpening(at('2026-11-20T19:30')))).toBe('2026-11-23T09:00+01:00');
    expect(show(engine.nextClosing(at('2026-11-20T12:00')))).toBe('2026-11-20T19:00+01:00');
  });

  it('returns null from nextOpening and addBusinessTime when no day has any range', () => {
    const never = createHoursEngine({ timeZone: PARIS, weekly: week([]) });
    const t = at('2026-11-20T12:00');
    expect(never.nextOpening(t)).toBeNull();
    expect(never.addBusinessTime(t, HOUR)).toBeNull();
    expect(never.nextClosing(t)).toEqual(t);
    expect(never.businessTimeBetween(t, at('2027-11-20T12:00'))).toBe(0);
  });

  it('returns null from nextClosing when open around the clock with no holidays', () => {
    const always = createHoursEngine({
      timeZone: PARIS,
      weekly: week(allDay, allDay),
      holidays: null,
    });
    expect(always.nextClosing(at('2026-11-20T12:00'))).toBeNull();
  });

  it('closes a 24-hour-a-day team only at the next public holiday', () => {
    const always = createHoursEngine({ timeZone: PARIS, weekly: week(allDay, allDay) });
    expect(show(always.nextClosing(at('2026-12-20T12:00')))).toBe('2026-12-25T00:00+01:00');
    expect(show(always.nextOpening(at('2026-12-25T12:00')))).toBe('2026-12-26T00:00+01:00');
  });

  it('joins a range ending at 24:00 with one starting at 00:00 the next day', () => {
    const nights = createHoursEngine({
      timeZone: PARIS,
      weekly: week([
        { start: '00:00', end: '06:00' },
        { start: '22:00', end: '24:00' },
      ]),
      holidays: null,
    });
    expect(show(nights.nextClosing(at('2026-11-17T23:00')))).toBe('2026-11-18T06:00+01:00');
    expect(nights.isOpen(at('2026-11-18T00:00'))).toBe(true);
  });
});

describe('businessTimeBetween', () => {
  const engine = office();

  it('counts only open time and gives 0 when b <= a', () => {
    expect(engine.businessTimeBetween(at('2026-11-20T18:00'), at('2026-11-23T10:00'))).toBe(2 * HOUR);
    expect(engine.businessTimeBetween(at('2026-11-23T10:00'), at('2026-11-20T18:00'))).toBe(0);
  });

  it('counts 2026 as 252 days of 10 h: 261 weekdays minus 9 public holidays on weekdays', () => {
    const ms = engine.businessTimeBetween(at('2026-01-01T00:00'), at('2027-01-01T00:00'));
    expect(ms).toBe(252 * 10 * HOUR);
  });
});

describe('daylight saving time in Europe/Paris', () => {
  const always = createHoursEngine({
    timeZone: PARIS,
    weekly: week(allDay, allDay),
    holidays: null,
  });
  const night = createHoursEngine({
    timeZone: PARIS,
    weekly: week([{ start: '01:00', end: '04:00' }], [{ start: '01:00', end: '04:00' }]),
    holidays: null,
  });

  it('counts 23 h on the last Sunday of March and 25 h on the last Sunday of October when open all day', () => {
    expect(always.businessTimeBetween(at('2026-03-29T00:00'), at('2026-03-30T00:00'))).toBe(23 * HOUR);
    expect(always.businessTimeBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'))).toBe(25 * HOUR);
    expect(show(always.addBusinessTime(at('2026-03-29T00:00'), 24 * HOUR))).toBe('2026-03-30T01:00+02:00');
    expect(show(always.addBusinessTime(at('2026-10-25T00:00'), 24 * HOUR))).toBe('2026-10-25T23:00+01:00');
  });

  it('gives a 01:00-04:00 range the real elapsed time: 2 h in March, 4 h in October, 3 h otherwise', () => {
    expect(night.businessTimeBetween(at('2026-03-29T00:00'), at('2026-03-29T12:00'))).toBe(2 * HOUR);
    expect(night.businessTimeBetween(at('2026-10-25T00:00'), at('2026-10-25T12:00'))).toBe(4 * HOUR);
    expect(night.businessTimeBetween(at('2026-03-28T00:00'), at('2026-03-28T12:00'))).toBe(3 * HOUR);
    expect(show(night.nextClosing(at('2026-10-25T01:30')))).toBe('2026-10-25T04:00+01:00');
  });

  it('opens a range starting at a nonexistent 02:30 at the transition, 03:00 CEST', () => {
    const engine = createHoursEngine({
      timeZone: PARIS,
      weekly: week([], [{ start: '02:30', end: '04:00' }]),
      holidays: null,
    });
    expect(engine.nextOpening(at('2026-03-29T00:00'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(engine.businessTimeBetween(at('2026-03-29T00:00'), at('2026-03-29T12:00'))).toBe(HOUR);
  });

  it('leaves a range lying wholly in the skipped hour empty that day', () => {
    const engine = createHoursEngine({
      timeZone: PARIS,
      weekly: week([], [{ start: '02:00', end: '03:00' }]),
      holidays: null,
    });
    expect(engine.businessTimeBetween(at('2026-03-29T00:00'), at('2026-03-29T12:00'))).toBe(0);
    expect(engine.businessTimeBetween(at('2026-03-22T00:00'), at('2026-03-22T12:00'))).toBe(HOUR);
  });

  it('opens an ambiguous 02:30 at its first occurrence (CEST) and closes 04:00 CET: 2.5 h', () => {
    const engine = createHoursEngine({
      timeZone: PARIS,
      weekly: week([], [{ start: '02:30', end: '04:00' }]),
      holidays: null,
    });
    expect(engine.nextOpening(at('2026-10-25T00:00'))?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 01:15Z reads 02:15 CET, before 02:30 on the clock, yet the range opened at 02:30 CEST and stays open.
    expect(engine.isOpen(new Date('2026-10-25T01:15:00Z'))).toBe(true);
    expect(engine.nextClosing(new Date('2026-10-25T01:15:00Z'))?.toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(engine.businessTimeBetween(at('2026-10-25T00:00'), at('2026-10-25T12:00'))).toBe(2.5 * HOUR);
  });
});

describe('public holidays', () => {
  const everyDay = [{ start: '09:00', end: '17:00' }];
  const mainland = createHoursEngine({ timeZone: PARIS, weekly: week(everyDay, everyDay) });

  it.each(['2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25', '2026-04-06'])(
    'closes mainland France on %s and opens the next day',
    (date) => {
      expect(mainland.isOpen(at(`${date}T12:00`))).toBe(false);
      const next = DateTime.fromISO(date).plus({ days: 1 }).toISODate() ?? '';
      expect(mainland.isOpen(at(`${next}T12:00`))).toBe(true);
    },
  );

  it('keeps observances open: Pentecost Sunday 2026-05-24', () => {
    expect(mainland.isOpen(at('2026-05-24T12:00'))).toBe(true);
  });

  it('closes La Réunion (Indian/Reunion, region RE) on 20 December, which mainland France works', () => {
    const reunion = createHoursEngine({
      timeZone: 'Indian/Reunion',
      weekly: week(everyDay, everyDay),
      holidays: { country: 'FR', region: 'RE' },
    });
    expect(reunion.isOpen(at('2026-12-20T12:00', 'Indian/Reunion'))).toBe(false);
    expect(reunion.isOpen(at('2026-12-25T12:00', 'Indian/Reunion'))).toBe(false);
    expect(mainland.isOpen(at('2026-12-20T12:00'))).toBe(true);
  });

  it('has no DST in Indian/Reunion: a 01:00-04:00 range lasts 3 h on the Paris change nights', () => {
    const reunion = createHoursEngine({
      timeZone: 'Indian/Reunion',
      weekly: week([{ start: '01:00', end: '04:00' }], [{ start: '01:00', end: '04:00' }]),
      holidays: { country: 'FR', region: 'RE' },
    });
    for (const date of ['2026-03-29', '2026-10-25']) {
      const from = at(`${date}T00:00`, 'Indian/Reunion');
      expect(reunion.businessTimeBetween(from, at(`${date}T12:00`, 'Indian/Reunion'))).toBe(3 * HOUR);
    }
  });

  it('closes Alsace-Moselle (57, 67, 68) on Good Friday and 26 December, which mainland France works', () => {
    for (const region of ['57', '67', '68']) {
      const alsace = createHoursEngine({
        timeZone: PARIS,
        weekly: week(everyDay, everyDay),
        holidays: { country: 'FR', region },
      });
      expect(alsace.isOpen(at('2026-04-03T12:00'))).toBe(false);
      expect(alsace.isOpen(at('2026-12-26T12:00'))).toBe(false);
    }
    expect(mainland.isOpen(at('2026-04-03T12:00'))).toBe(true);
    expect(mainland.isOpen(at('2026-12-26T12:00'))).toBe(true);
  });

  it('uses France when holidays are omitted and no holidays at all when null', () => {
    const none = createHoursEngine({
      timeZone: PARIS,
      weekly: week(everyDay, everyDay),
      holidays: null,
    });
    expect(mainland.config.holidays).toEqual({ country: 'FR' });
    expect(none.isOpen(at('2026-12-25T12:00'))).toBe(true);
  });

  it('closes only the afternoon of a half-day holiday (Iceland, 24 December from 13:00)', () => {
    const iceland = createHoursEngine({
      timeZone: 'Atlantic/Reykjavik',
      weekly: week(everyDay, everyDay),
      holidays: { country: 'IS' },
    });
    const from = at('2026-12-24T00:00', 'Atlantic/Reykjavik');
    expect(iceland.businessTimeBetween(from, at('2026-12-25T00:00', 'Atlantic/Reykjavik'))).toBe(4 * HOUR);
  });
});

describe('weekly ranges', () => {
  it('handles several ranges per day (08:00-12:00 and 14:00-18:00)', () => {
    const split = createHoursEngine({
      timeZone: PARIS,
      weekly: week([
        { start: '14:00', end: '18:00' },
        { start: '08:00', end: '12:00' },
      ]),
    });
    expect(split.isOpen(at('2026-11-18T13:00'))).toBe(false);
    expect(show(split.nextOpening(at('2026-11-18T12:30')))).toBe('2026-11-18T14:00+01:00');
    expect(show(split.nextClosing(at('2026-11-18T10:00')))).toBe('2026-11-18T12:00+01:00');
    expect(show(split.addBusinessTime(at('2026-11-18T11:00'), 2 * HOUR))).toBe('2026-11-18T15:00+01:00');
    expect(split.businessTimeBetween(at('2026-11-18T00:00'), at('2026-11-19T00:00'))).toBe(8 * HOUR);
  });

  it('treats touching ranges as one opening (08:00-12:00 then 12:00-14:00 closes at 14:00)', () => {
    const touching = createHoursEngine({
      timeZone: PARIS,
      weekly: week([
        { start: '08:00', end: '12:00' },
        { start: '12:00', end: '14:00' },
      ]),
    });
    expect(show(touching.nextClosing(at('2026-11-18T10:00')))).toBe('2026-11-18T14:00+01:00');
  });

  it('applies different weekend hours (07:00-22:00 weekdays, 08:00-20:00 weekends)', () => {
    const engine = createHoursEngine({
      timeZone: PARIS,
      weekly: week([{ start: '07:00', end: '22:00' }], [{ start: '08:00', end: '20:00' }]),
    });
    expect(engine.isOpen(at('2026-11-20T21:00'))).toBe(true);
    expect(engine.isOpen(at('2026-11-21T07:30'))).toBe(false);
    expect(engine.isOpen(at('2026-11-21T21:00'))).toBe(false);
    expect(show(engine.nextOpening(at('2026-11-21T07:30')))).toBe('2026-11-21T08:00+01:00');
    expect(engine.businessTimeBetween(at('2026-11-20T00:00'), at('2026-11-23T00:00'))).toBe(39 * HOUR);
  });

  it('handles a zone with a 45-minute offset (Asia/Kathmandu, UTC+05:45)', () => {
    const kathmandu = createHoursEngine({
      timeZone: 'Asia/Kathmandu',
      weekly: week(nineToSeven),
      holidays: null,
    });
    expect(kathmandu.nextOpening(new Date('2026-11-16T00:00:00Z'))?.toISOString()).toBe('2026-11-16T03:15:00.000Z');
  });
});

describe('custom closures', () => {
  const engine = office({
    closures: [
      { date: '2026-12-24', label: 'Christmas Eve' },
      {
        from: '2026-12-31T14:00:00+01:00',
        to: '2027-01-01T00:00:00+01:00',
        label: 'New Year party',
      },
    ],
  });

  it('closes a whole day: Wednesday 18:00 + 2 h skips 24 (closure) and 25 December (holiday)', () => {
    expect(show(engine.addBusinessTime(at('2026-12-23T18:00'), 2 * HOUR))).toBe('2026-12-28T10:00+01:00');
  });

  it('closes a period: 31 December is open 09:00-14:00 only', () => {
    expect(engine.isOpen(at('2026-12-31T15:00'))).toBe(false);
    expect(show(engine.nextClosing(at('2026-12-31T10:00')))).toBe('2026-12-31T14:00+01:00');
    expect(engine.businessTimeBetween(at('2026-12-31T00:00'), at('2027-01-01T00:00'))).toBe(5 * HOUR);
  });
});

describe('24/7 mode and the emergency channel', () => {
  const engine = office({ emergency247: true });
  const sunday = at('2026-12-27T03:00');

  it('is always open, never closes and counts elapsed time in 24/7 mode, holidays included', () => {
    const mode = '24/7';
    expect(engine.isOpen(sunday, { mode })).toBe(true);
    expect(engine.isOpen(at('2026-12-25T12:00'), { mode })).toBe(true);
    expect(engine.nextOpening(sunday, { mode })).toEqual(sunday);
    expect(engine.nextClosing(sunday, { mode })).toBeNull();
    expect(engine.addBusinessTime(sunday, 2 * HOUR, { mode })).toEqual(new Date(sunday.getTime() + 2 * HOUR));
    expect(engine.businessTimeBetween(sunday, at('2026-12-28T03:00'), { mode })).toBe(24 * HOUR);
  });

  it('runs the emergency channel 24/7 only when emergency247 is set', () => {
    expect(engine.modeFor('emergency')).toBe('24/7');
    expect(engine.modeFor('standard')).toBe('business');
    expect(office().modeFor('emergency')).toBe('business');
    expect(engine.isOpen(sunday, { mode: engine.modeFor('emergency') })).toBe(true);
    expect(engine.isOpen(sunday, { mode: engine.modeFor('standard') })).toBe(false);
  });
});
