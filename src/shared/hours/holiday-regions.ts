// Which holiday country and region codes exist, and their names, without loading date-holidays: the
// codes come from the generated catalogue, so forms and request validation stay light (the web app ships
// this, not the library's calendars).
import { holidayCatalogue } from './holiday-catalogue';

const countries: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(holidayCatalogue).map(([code, entry]) => [code, entry.name]),
);

/** Country codes date-holidays knows, with their names: { FR: 'France', … }. */
export function listHolidayCountries(): Readonly<Record<string, string>> {
  return countries;
}

/** Region (state) codes of a country, with their names; {} for a country without regions or an unknown one. */
export function listHolidayRegions(country: string): Readonly<Record<string, string>> {
  return isKnownHolidayCountry(country) ? (holidayCatalogue[country]?.regions ?? {}) : {};
}

export function isKnownHolidayCountry(country: string): boolean {
  return Object.hasOwn(holidayCatalogue, country);
}

export function isKnownHolidayRegion(country: string, region: string): boolean {
  return Object.hasOwn(listHolidayRegions(country), region);
}
