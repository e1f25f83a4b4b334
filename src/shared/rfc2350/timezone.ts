// Reads a team's time zone as written ("Asia/Jakarta", "WIB (GMT+7)", "UTC+07:00", "CET/CEST",
// "Central European Time", "Jakarta (GMT+07:00)") into a best IANA guess and a UTC offset.
import { isIanaTimeZone } from './profile.schemas';
import { normalizeTitle } from './keywords';

export interface TimeZoneReading {
  /** Best IANA name (canonical form of the runtime's database). */
  readonly iana?: string;
  /** `+HH:MM`: the first offset written, else the standard offset of a recognised abbreviation. */
  readonly utcOffset?: string;
  /** Every distinct zone recognised, in order (a team spread over EST/CST/MST/PST has four). */
  readonly zones: readonly string[];
}

// Abbreviation → [zone, standard offset]. Where one abbreviation has several meanings (CST, IST, BST) the
// commonest in CSIRT documents wins; the raw text is always kept beside the guess.
const abbreviations: Readonly<Record<string, readonly [string, string]>> = {
  UTC: ['UTC', '+00:00'],
  GMT: ['UTC', '+00:00'],
  UT: ['UTC', '+00:00'],
  WIB: ['Asia/Jakarta', '+07:00'],
  WITA: ['Asia/Makassar', '+08:00'],
  WIT: ['Asia/Jayapura', '+09:00'],
  CET: ['Europe/Brussels', '+01:00'],
  CEST: ['Europe/Brussels', '+01:00'],
  MEZ: ['Europe/Berlin', '+01:00'],
  MESZ: ['Europe/Berlin', '+01:00'],
  EET: ['Europe/Athens', '+02:00'],
  EEST: ['Europe/Athens', '+02:00'],
  WET: ['Europe/Lisbon', '+00:00'],
  WEST: ['Europe/Lisbon', '+00:00'],
  BST: ['Europe/London', '+00:00'],
  MSK: ['Europe/Moscow', '+03:00'],
  TRT: ['Europe/Istanbul', '+03:00'],
  EST: ['America/New_York', '-05:00'],
  EDT: ['America/New_York', '-05:00'],
  CST: ['America/Chicago', '-06:00'],
  CDT: ['America/Chicago', '-06:00'],
  MST: ['America/Denver', '-07:00'],
  MDT: ['America/Denver', '-07:00'],
  PST: ['America/Los_Angeles', '-08:00'],
  PDT: ['America/Los_Angeles', '-08:00'],
  AKST: ['America/Anchorage', '-09:00'],
  HST: ['Pacific/Honolulu', '-10:00'],
  BRT: ['America/Sao_Paulo', '-03:00'],
  ART: ['America/Argentina/Buenos_Aires', '-03:00'],
  JST: ['Asia/Tokyo', '+09:00'],
  KST: ['Asia/Seoul', '+09:00'],
  SGT: ['Asia/Singapore', '+08:00'],
  HKT: ['Asia/Hong_Kong', '+08:00'],
  PHT: ['Asia/Manila', '+08:00'],
  PHST: ['Asia/Manila', '+08:00'],
  MYT: ['Asia/Kuala_Lumpur', '+08:00'],
  ICT: ['Asia/Bangkok', '+07:00'],
  IST: ['Asia/Kolkata', '+05:30'],
  PKT: ['Asia/Karachi', '+05:00'],
  NPT: ['Asia/Kathmandu', '+05:45'],
  GST: ['Asia/Dubai', '+04:00'],
  IRST: ['Asia/Tehran', '+03:30'],
  UZT: ['Asia/Tashkent', '+05:00'],
  AEST: ['Australia/Sydney', '+10:00'],
  AEDT: ['Australia/Sydney', '+10:00'],
  ACST: ['Australia/Adelaide', '+09:30'],
  AWST: ['Australia/Perth', '+08:00'],
  NZST: ['Pacific/Auckland', '+12:00'],
  NZDT: ['Pacific/Auckland', '+12:00'],
  SAST: ['Africa/Johannesburg', '+02:00'],
  EAT: ['Africa/Nairobi', '+03:00'],
  WAT: ['Africa/Lagos', '+01:00'],
  CAT: ['Africa/Maputo', '+02:00'],
};

// Written names, normalised (lower case, no accents, punctuation as spaces).
const longNames: ReadonlyArray<readonly [string, string]> = [
  ['central european summer time', 'Europe/Brussels'],
  ['central european time', 'Europe/Brussels'],
  ['heure d europe centrale', 'Europe/Brussels'],
  ['heure normale d europe centrale', 'Europe/Brussels'],
  ['mitteleuropaische zeit', 'Europe/Berlin'],
  ['hora central europea', 'Europe/Madrid'],
  ['eastern european time', 'Europe/Athens'],
  ['western european time', 'Europe/Lisbon'],
  ['british summer time', 'Europe/London'],
  ['greenwich mean time', 'UTC'],
  ['coordinated universal time', 'UTC'],
  ['moscow time', 'Europe/Moscow'],
  ['eastern standard time', 'America/New_York'],
  ['eastern time', 'America/New_York'],
  ['central standard time', 'America/Chicago'],
  ['central time', 'America/Chicago'],
  ['mountain time', 'America/Denver'],
  ['mountain standard time', 'America/Denver'],
  ['pacific standard time', 'America/Los_Angeles'],
  ['pacific time', 'America/Los_Angeles'],
  ['waktu indonesia barat', 'Asia/Jakarta'],
  ['western indonesia time', 'Asia/Jakarta'],
  ['western indonesian time', 'Asia/Jakarta'],
  ['waktu indonesia tengah', 'Asia/Makassar'],
  ['waktu indonesia timur', 'Asia/Jayapura'],
  ['japan standard time', 'Asia/Tokyo'],
  ['india standard time', 'Asia/Kolkata'],
  ['china standard time', 'Asia/Shanghai'],
  ['australian eastern standard time', 'Australia/Sydney'],
];

const IANA_NAME =
  /\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|Canada|US|Brazil|Mexico|Chile)\/[A-Za-z_]{2,30}(?:\/[A-Za-z_]{2,30})?(?:[+-]\d{1,2})?\b/g;
const OFFSET = /(?<![\p{L}])(?:UTC|GMT|UT)[ ]{0,2}([+\-\u2212\u2013])[ ]{0,2}(\d{1,2})(?:[:.h]?(\d{2}))?(?!\d)/giu;
const BARE_OFFSET = /\(([+\-\u2212])(\d{2}):?(\d{2})\)/g;
const ABBREVIATION = /(?<![\p{L}\d])([A-Z]{2,5})(?![\p{L}\d])/gu;

// ICU (hence Intl) still answers with superseded IANA names; we store the current ones.
const currentNames: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
};

/** The current IANA name for a valid zone name or link ("Canada/Eastern" → "America/Toronto"). */
function canonical(zone: string): string | undefined {
  if (zone === 'UTC') return 'UTC';
  if (!isIanaTimeZone(zone)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return currentNames[resolved] ?? resolved;
  } catch {
    return undefined;
  }
}

/** Offsets of a city's zone are taken in this year: a fixed one keeps parsing independent of the clock. */
const REFERENCE_YEAR = 2025;

let cityIndex: Map<string, string> | undefined;
/** City → zone from the runtime's IANA list ("jakarta" → Asia/Jakarta); empty where Intl cannot list zones. */
function cities(): Map<string, string> {
  if (cityIndex) return cityIndex;
  cityIndex = new Map();
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  let zones: string[] = [];
  try {
    zones = intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  for (const zone of zones) {
    if (!/^(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//.test(zone)) continue;
    const current = currentNames[zone] ?? zone;
    for (const name of new Set([zone, current])) {
      const city = normalizeTitle((name.split('/').pop() ?? '').replace(/_/g, ' '));
      if (city.length >= 4 && !cityIndex.has(city)) cityIndex.set(city, current);
    }
  }
  return cityIndex;
}

/** Offsets a zone uses in January and July of `year` ("+07:00"), or none if the runtime cannot say. */
function offsetsOf(zone: string, year: number): string[] {
  const out: string[] = [];
  for (const month of [0, 6]) {
    try {
      const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(new Date(Date.UTC(year, month, 15)))
        .find((p) => p.type === 'timeZoneName')?.value;
      if (part === undefined) continue;
      out.push(part === 'GMT' ? '+00:00' : part.replace(/^GMT/, '').replace('\u2212', '-'));
    } catch {
      return [];
    }
  }
  return out;
}

function formatOffset(sign: string, hours: number, minutes: number): string | undefined {
  if (hours > 14 || ![0, 30, 45].includes(minutes)) return undefined;
  const s = sign === '+' ? '+' : '-';
  return `${hours === 0 && minutes === 0 ? '+' : s}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The IANA zone a fixed offset names: Etc/GMT-7 is UTC+7 (POSIX signs are inverted). */
function zoneForOffset(offset: string): string | undefined {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m || m[3] !== '00') return undefined;
  const hours = Number(m[2]);
  if (hours === 0) return 'UTC';
  if (hours > 12 && m[1] === '-') return undefined;
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
}

/** Read a time-zone statement; `undefined` when nothing in it names a zone or an offset. */
export function readTimeZone(text: string): TimeZoneReading | undefined {
  const sample = text.slice(0, 2_000);
  const found: string[] = [];
  const push = (zone: string | undefined): void => {
    const c = zone === undefined ? undefined : canonical(zone);
    if (c !== undefined && !found.includes(c)) found.push(c);
  };
  const offsets = new Set<string>();
  for (const m of sample.matchAll(OFFSET)) {
    const o = formatOffset(m[1] === '+' ? '+' : '-', Number(m[2]), Number(m[3] ?? '0'));
    if (o !== undefined) offsets.add(o);
  }
  for (const m of sample.matchAll(BARE_OFFSET)) {
    const o = formatOffset(m[1] === '+' ? '+' : '-', Number(m[2]), Number(m[3]));
    if (o !== undefined) offsets.add(o);
  }
  const offset = [...offsets][0];
  for (const m of sample.matchAll(IANA_NAME)) push(m[0]);
  const norm = ` ${normalizeTitle(sample)} `;
  for (const [city, zone] of cities()) {
    if (!norm.includes(` ${city} `)) continue;
    // A city only counts if it agrees with a stated offset ("Paris (GMT+7)" is not Europe/Paris).
    if (offset === undefined || offsetsOf(zone, REFERENCE_YEAR).includes(offset)) push(zone);
  }
  for (const [name, zone] of longNames) if (norm.includes(` ${name} `)) push(zone);
  let abbreviationOffset: string | undefined;
  for (const m of sample.matchAll(ABBREVIATION)) {
    const entry = abbreviations[m[1] ?? ''];
    if (!entry) continue;
    // "GMT+7" / "UTC-05:00" are offsets, not the UTC zone itself.
    const after = sample.slice(m.index + (m[1] ?? '').length, m.index + (m[1] ?? '').length + 3);
    if ((m[1] === 'UTC' || m[1] === 'GMT' || m[1] === 'UT') && /^[ ]{0,2}[+\-\u2212\u2013]/.test(after)) continue;
    // "Offset from UTC", "relative to GMT": the reference, not the team's zone.
    const before = sample.slice(Math.max(0, m.index - 12), m.index);
    if ((m[1] === 'UTC' || m[1] === 'GMT') && /(?:from|to|than|par rapport [àa]|de|dari)[ ]{1,2}$/i.test(before)) continue;
    push(entry[0]);
    abbreviationOffset ??= entry[1];
  }
  // A fixed Etc/GMT zone only for a single stated offset: "UTC+1, UTC+2 in summer" is a zone with DST, not Etc/GMT-1.
  if (offset !== undefined && offsets.size === 1 && found.length === 0) push(zoneForOffset(offset));
  const utcOffset = offset ?? abbreviationOffset;
  if (found.length === 0 && utcOffset === undefined) return undefined;
  const reading: { iana?: string; utcOffset?: string; zones: string[] } = { zones: found };
  if (found[0] !== undefined) reading.iana = found[0];
  if (utcOffset !== undefined) reading.utcOffset = utcOffset;
  return reading;
}
