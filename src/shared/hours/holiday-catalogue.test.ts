// The generated holiday catalogue agrees with the installed date-holidays, code for code and name for name.
import Holidays from 'date-holidays';
import { version } from 'date-holidays/package.json';
import { holidayCatalogue, holidayLibraryVersion } from './holiday-catalogue';
import { isKnownHolidayCountry, isKnownHolidayRegion, listHolidayCountries, listHolidayRegions } from './holiday-regions';

const regenerate = 'regenerate it with `node scripts/holiday-catalogue.mjs`';

describe('holiday catalogue', () => {
  it(`was generated from the installed date-holidays (else ${regenerate})`, () => {
    expect(holidayLibraryVersion).toBe(version);
  });

  it(`lists exactly the countries and regions date-holidays accepts, with their names (else ${regenerate})`, () => {
    const library = new Holidays();
    const expected = Object.fromEntries(
      Object.entries(library.getCountries()).map(([code, name]) => [code, { name, regions: library.getStates(code) ?? {} }]),
    );
    expect(holidayCatalogue).toEqual(expected);
  });

  it('answers the code checks the library answers, including codes it would silently accept', () => {
    expect(Object.keys(listHolidayCountries())).toHaveLength(Object.keys(new Holidays().getCountries()).length);
    expect(isKnownHolidayCountry('FR')).toBe(true);
    expect(isKnownHolidayCountry('fr')).toBe(false);
    expect(isKnownHolidayCountry('toString')).toBe(false);
    expect(isKnownHolidayRegion('FR', 'RE')).toBe(true);
    expect(isKnownHolidayRegion('FR', '974')).toBe(false);
    expect(isKnownHolidayRegion('FR', 'hasOwnProperty')).toBe(false);
    expect(listHolidayRegions('XX')).toEqual({});
    expect(listHolidayRegions('AE')).toEqual({});
  });
});
