// The operating-hours configuration contract (zod): zone, weekly ranges, public holidays,
// custom closures and the emergency 24/7 switch, with messages a team admin can act on.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isKnownHolidayCountry, isKnownHolidayRegion, listHolidayRegions } from './holiday-regions';

/** Bounds of the configuration (kept here until they move to #shared/limits). */
export const hoursLimits = {
  rangesPerDay: 12,
  closures: 1000,
  closureLabel: 200,
  timeZone: 64,
} as const;

const TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since midnight of a validated 'HH:MM' (24:00 gives 1440). */
export function minutesOfTime(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const Time = z
  .string({ error: 'Expected a time as a string HH:MM' })
  .regex(TIME_PATTERN, { error: 'Use a 24-hour time HH:MM from 00:00 to 24:00, e.g. 08:30' });

export const TimeRange = z
  .object({ start: Time, end: Time })
  .strict()
  .refine((r) => minutesOfTime(r.start) < minutesOfTime(r.end), {
    error: 'The range must end after it starts (use 24:00 for midnight at the end of the day)',
    path: ['end'],
    when: (payload) => payload.issues.length === 0,
  });
export type TimeRange = z.infer<typeof TimeRange>;

export const DayRanges = z
  .array(TimeRange, {
    error: (issue) =>
      issue.input === undefined
        ? 'Give the ranges of every weekday; an empty list means closed that day'
        : 'Expected a list of { start, end } ranges',
  })
  .max(hoursLimits.rangesPerDay, { error: `At most ${hoursLimits.rangesPerDay} ranges per day` })
  .superRefine((ranges, ctx) => {
    const order = ranges
      .map((r, index) => ({ index, start: minutesOfTime(r.start), end: minutesOfTime(r.end), r }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < order.length; i += 1) {
      const prev = order[i - 1];
      const cur = order[i];
      if (prev === undefined || cur === undefined) continue;
      if (cur.start < prev.end) {
        ctx.addIssue({
          code: 'custom',
          path: [cur.index],
          message: `Ranges ${prev.r.start}-${prev.r.end} and ${cur.r.start}-${cur.r.end} overlap`,
        });
      }
    }
  });

/** ISO weekday 1..7 (Monday..Sunday) → that day's ranges, in the team's wall-clock time. */
export const WeeklyHours = z.strictObject(
  {
    '1': DayRanges,
    '2': DayRanges,
    '3': DayRanges,
    '4': DayRanges,
    '5': DayRanges,
    '6': DayRanges,
    '7': DayRanges,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'Weekdays are the keys 1 (Monday) to 7 (Sunday)'
        : 'Expected the weekly ranges as an object with keys 1 (Monday) to 7 (Sunday)',
  },
);
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const HolidayRegion = z
  .object({
    country: z.string().default('FR'),
    region: z.string().optional(),
  })
  .strict()
  // Why: date-holidays silently uses the whole country for an unknown region, so a typo
  // ('974' for La Réunion) would open the team on local holidays; reject unknown codes instead.
  .superRefine((h, ctx) => {
    if (!isKnownHolidayCountry(h.country)) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `Unknown holiday country '${h.country}': use an upper-case ISO 3166-1 code such as FR`,
      });
      return;
    }
    if (h.region === undefined || isKnownHolidayRegion(h.country, h.region)) return;
    const known = Object.keys(listHolidayRegions(h.country));
    ctx.addIssue({
      code: 'custom',
      path: ['region'],
      message:
        known.length === 0
          ? `Country ${h.country} has no holiday regions: remove region '${h.region}'`
          : `Unknown holiday region '${h.region}' for ${h.country}; known regions: ${known.join(', ')}`,
    });
  });
export type HolidayRegion = z.infer<typeof HolidayRegion>;

const Label = z
  .string({ error: 'Give the closure a label' })
  .trim()
  .min(1, { error: 'Give the closure a label' })
  .max(hoursLimits.closureLabel, {
    error: `A label has at most ${hoursLimits.closureLabel} characters`,
  });

const OffsetDateTime = z.iso.datetime({
  offset: true,
  error: 'Use an ISO 8601 date-time with seconds and an offset, e.g. 2026-12-24T14:00:00+01:00',
});

/** A whole calendar day, in the team's time zone. */
export const DayClosure = z
  .object({
    date: z.iso.date({ error: 'Use a calendar date YYYY-MM-DD, e.g. 2026-12-24' }),
    label: Label,
  })
  .strict();
export type DayClosure = z.infer<typeof DayClosure>;

/** A period between two instants (from inclusive, to exclusive). */
export const PeriodClosure = z
  .object({ from: OffsetDateTime, to: OffsetDateTime, label: Label })
  .strict()
  .refine((c) => Date.parse(c.from) < Date.parse(c.to), {
    error: 'The closure must end after it starts',
    path: ['to'],
    when: (payload) => payload.issues.length === 0,
  });
export type PeriodClosure = z.infer<typeof PeriodClosure>;

export const Closure = z.union([DayClosure, PeriodClosure], {
  error: 'A closure is either { date, label } for a whole day or { from, to, label } for a period',
});
export type Closure = z.infer<typeof Closure>;

export const OperatingHours = z
  .object({
    timeZone: z
      .string({ error: 'Give the team time zone, e.g. Europe/Paris' })
      .max(hoursLimits.timeZone)
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: 'Unknown time zone: use an IANA name such as Europe/Paris or Indian/Reunion',
      }),
    weekly: WeeklyHours,
    /** Public holidays that close the team; null for none. France by default. */
    holidays: HolidayRegion.nullable().default({ country: 'FR' }),
    closures: z
      .array(Closure)
      .max(hoursLimits.closures, { error: `At most ${hoursLimits.closures} closures` })
      .default([]),
    /** When true the emergency channel is open around the clock (see HoursEngine.modeFor). */
    emergency247: z.boolean().default(false),
  })
  .strict();
export type OperatingHours = z.output<typeof OperatingHours>;
export type OperatingHoursInput = z.input<typeof OperatingHours>;
