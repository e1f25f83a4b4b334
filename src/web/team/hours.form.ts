// The operating-hours part of the profile form: strings for every input, a switch for "no hours
// recorded" (saved as null), and the conversions to and from the shared OperatingHours contract.
import type { OperatingHours } from '#shared/hours/hours.schemas';

export const weekdays = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof weekdays)[number];

export interface RangeForm {
  start: string;
  end: string;
}

/** A whole day (date) or, for closures saved by other means, a period (from/to instants, shown read-only). */
export interface ClosureForm {
  kind: 'day' | 'period';
  date: string;
  from: string;
  to: string;
  label: string;
}

export interface HoursForm {
  enabled: boolean;
  timeZone: string;
  weekly: Record<Weekday, RangeForm[]>;
  /** country '' = no public holidays; region '' = the whole country. */
  holidays: { country: string; region: string };
  closures: ClosureForm[];
  emergency247: boolean;
}

const officeDay = (): RangeForm[] => [{ start: '09:00', end: '17:00' }];

/** What "record operating hours" starts from: office hours Monday to Friday, French public holidays. */
export function defaultHours(timeZone: string | undefined): HoursForm {
  return {
    enabled: false,
    timeZone: timeZone ?? 'Europe/Paris',
    weekly: { '1': officeDay(), '2': officeDay(), '3': officeDay(), '4': officeDay(), '5': officeDay(), '6': [], '7': [] },
    holidays: { country: 'FR', region: '' },
    closures: [],
    emergency247: false,
  };
}

export function fromHours(hours: OperatingHours | null, contactTimeZone: string | undefined): HoursForm {
  if (!hours) return defaultHours(contactTimeZone);
  const weekly = { ...defaultHours(undefined).weekly };
  for (const day of weekdays) weekly[day] = hours.weekly[day].map((r) => ({ start: r.start, end: r.end }));
  return {
    enabled: true,
    timeZone: hours.timeZone,
    weekly,
    holidays: hours.holidays ? { country: hours.holidays.country, region: hours.holidays.region ?? '' } : { country: '', region: '' },
    closures: hours.closures.map((c) =>
      'date' in c
        ? { kind: 'day', date: c.date, from: '', to: '', label: c.label }
        : { kind: 'period', date: '', from: c.from, to: c.to, label: c.label },
    ),
    emergency247: hours.emergency247,
  };
}

/** The form → OperatingHours input (validated afterwards by the shared schema), or null when not recorded. */
export function toHours(form: HoursForm): unknown {
  if (!form.enabled) return null;
  const country = form.holidays.country.trim();
  const region = form.holidays.region.trim();
  return {
    timeZone: form.timeZone.trim(),
    weekly: form.weekly,
    holidays: country === '' ? null : region === '' ? { country } : { country, region },
    closures: form.closures.map((c) => (c.kind === 'day' ? { date: c.date, label: c.label } : { from: c.from, to: c.to, label: c.label })),
    emergency247: form.emergency247,
  };
}

/** Time zones offered first: metropolitan France, the overseas departments and collectivities, neighbours. */
export const commonTimeZones = [
  'Europe/Paris',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Martinique',
  'America/Guadeloupe',
  'America/Cayenne',
  'America/St_Barthelemy',
  'America/Marigot',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/Monaco',
  'Europe/London',
  'Europe/Berlin',
  'America/Montreal',
  'UTC',
] as const;

/** The common zones, then every zone the browser knows. */
export function timeZoneSuggestions(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const common: readonly string[] = commonTimeZones;
  return [...common, ...all.filter((zone) => !common.includes(zone))];
}
