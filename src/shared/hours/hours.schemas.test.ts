// Behaviour of the OperatingHours configuration schema: defaults, and a clear message per wrong field
// (unknown zone, country or region code, overlapping or reversed ranges, malformed closures).
import { createHoursEngine } from './hours';
import { OperatingHours, type OperatingHoursInput, type TimeRange } from './hours.schemas';

const PARIS = 'Europe/Paris';
const nineToSeven = [{ start: '09:00', end: '19:00' }];

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

describe('OperatingHours schema', () => {
  const base = { timeZone: PARIS, weekly: week(nineToSeven) };
  const messages = (input: unknown): string[] =>
    OperatingHours.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('accepts a minimal configuration and fills the defaults', () => {
    expect(OperatingHours.parse(base)).toMatchObject({
      holidays: { country: 'FR' },
      closures: [],
      emergency247: false,
    });
  });

  it('rejects an unknown region code, which date-holidays would silently treat as mainland France', () => {
    expect(messages({ ...base, holidays: { country: 'FR', region: '974' } })).toEqual([
      "holidays.region: Unknown holiday region '974' for FR; known regions: 57, 67, 68, YT, MQ, GP, GF, RE, MF, BL",
    ]);
    expect(() => createHoursEngine({ ...base, holidays: { country: 'FR', region: '974' } })).toThrow(/974/);
  });

  it('rejects an unknown country and a region for a country without regions', () => {
    expect(messages({ ...base, holidays: { country: 'XX' } })[0]).toMatch(/^holidays.country: Unknown holiday country 'XX'/);
    expect(messages({ ...base, holidays: { country: 'IS', region: 'A' } })[0]).toMatch(/has no holiday regions/);
  });

  it('rejects an unknown time zone', () => {
    expect(messages({ ...base, timeZone: 'Europe/Atlantis' })).toEqual([
      'timeZone: Unknown time zone: use an IANA name such as Europe/Paris or Indian/Reunion',
    ]);
  });

  it('rejects overlapping ranges, reversed ranges, bad times and a missing or extra weekday', () => {
    const day = (ranges: TimeRange[]) => ({ ...base, weekly: { ...week([]), '1': ranges } });
    expect(
      messages(
        day([
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '14:00' },
        ]),
      ),
    ).toEqual(['weekly.1.1: Ranges 08:00-12:00 and 11:00-14:00 overlap']);
    expect(messages(day([{ start: '12:00', end: '09:00' }]))[0]).toMatch(/^weekly.1.0.end: The range must end after/);
    expect(messages(day([{ start: '9:00', end: '24:30' }]))).toHaveLength(2);
    expect(messages({ ...base, weekly: { ...week([]), '8': [] } })).toEqual(['weekly: Weekdays are the keys 1 (Monday) to 7 (Sunday)']);
    const sixDays = { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] };
    expect(messages({ ...base, weekly: sixDays })[0]).toMatch(/^weekly.7: Give the ranges of every weekday/);
  });

  it('rejects malformed closures with a message per field', () => {
    expect(
      messages({
        ...base,
        closures: [
          { date: '2026-02-30', label: 'x' },
          {
            from: '2026-12-31T14:00:00+01:00',
            to: '2026-12-31T13:00:00+01:00',
            label: 'back to front',
          },
          { from: '2026-12-31T14:00:00', to: '2026-12-31T15:00:00Z', label: ' ' },
          { label: 'neither' },
        ],
      }),
    ).toEqual([
      'closures.0.date: Use a calendar date YYYY-MM-DD, e.g. 2026-12-24',
      'closures.1.to: The closure must end after it starts',
      'closures.2.from: Use an ISO 8601 date-time with seconds and an offset, e.g. 2026-12-24T14:00:00+01:00',
      'closures.2.label: Give the closure a label',
      'closures.3: A closure is either { date, label } for a whole day or { from, to, label } for a period',
    ]);
  });
});
