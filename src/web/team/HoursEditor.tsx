// The operating-hours part of the profile form: whether hours are recorded, their time zone (with common
// zones suggested), the weekly ranges, public holidays (country and region, or none), closures and 24/7.
import { useMemo } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { listHolidayCountries, listHolidayRegions } from '#shared/hours/holiday-regions';
import { Button } from '#web/ui/Button';
import { Checkbox } from '#web/ui/Checkbox';
import { Select, type SelectOption } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useFormatDateTime } from '#web/ui/format';
import { timeZoneSuggestions } from './hours.form';
import { HoursWeekly } from './HoursWeekly';
import { fieldDomId } from './profile.fields';
import { errorAt, useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';

const frRegions = ['57', '67', '68', 'RE', 'YT', 'MQ', 'GP', 'GF', 'MF', 'BL'] as const;
const isFrRegion = (code: string): code is (typeof frRegions)[number] => (frRegions as readonly string[]).includes(code);
export const timeZoneListId = 'team-time-zones';

/** One datalist for every time-zone input of the page. */
export function TimeZoneList() {
  const zones = useMemo(timeZoneSuggestions, []);
  return (
    <datalist id={timeZoneListId}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

function useHolidayOptions(country: string): { countries: SelectOption[]; regions: SelectOption[] } {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    const nameOf = (code: string, fallback: string) => {
      try {
        return names.of(code) ?? fallback;
      } catch {
        return fallback; // not an ISO 3166 region code Intl knows
      }
    };
    const countries = Object.entries(listHolidayCountries())
      .map(([code, name]) => ({ value: code, label: `${nameOf(code, name)} (${code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
    const regions = Object.entries(listHolidayRegions(country)).map(([code, name]) => ({
      value: code,
      label: country === 'FR' && isFrRegion(code) ? t(`team.hours.frRegions.${code}`) : `${name} (${code})`,
    }));
    return {
      countries: [{ value: '', label: t('team.hours.noHolidays') }, ...countries],
      regions: [{ value: '', label: t('team.hours.wholeCountry') }, ...regions],
    };
  }, [country, i18n.language, t]);
}

function Closures({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const formatDateTime = useFormatDateTime();
  const { control, register, formState } = useFormContext<ProfileFormValues>();
  const closures = useFieldArray({ control, name: 'hours.closures' });
  return (
    <fieldset id={fieldDomId('hours.closures')} className="list-editor" tabIndex={-1}>
      <legend>{t('team.hours.closures')}</legend>
      <p className="field-hint">{t('team.hours.closuresHint')}</p>
      {closures.fields.length === 0 ? <p className="muted list-editor-empty">{t('team.list.empty')}</p> : null}
      {closures.fields.map((closure, index) => {
        const at = `hours.closures.${index}` as const;
        const rowError = errorText(errorAt(formState.errors, at));
        return (
          <div key={closure.id} className="closure-row">
            {closure.kind === 'day' ? (
              <TextField
                label={t('team.hours.closureDate', { n: index + 1 })}
                type="date"
                error={errorText(errorAt(formState.errors, `${at}.date`))}
                {...register(`${at}.date`)}
              />
            ) : (
              <p className="closure-period">
                {t('team.hours.closurePeriod', { from: formatDateTime(closure.from), to: formatDateTime(closure.to) })}
              </p>
            )}
            <TextField
              label={t('team.hours.closureLabel', { n: index + 1 })}
              error={errorText(errorAt(formState.errors, `${at}.label`))}
              {...register(`${at}.label`)}
            />
            {readOnly ? null : (
              <Button size="sm" variant="ghost" onClick={() => closures.remove(index)}>
                {t('team.hours.removeClosure', { n: index + 1 })}
              </Button>
            )}
            {rowError ? <p className="field-error closure-error">{rowError}</p> : null}
          </div>
        );
      })}
      {readOnly ? null : (
        <Button size="sm" onClick={() => closures.append({ kind: 'day', date: '', from: '', to: '', label: '' })}>
          {t('team.hours.addClosure')}
        </Button>
      )}
    </fieldset>
  );
}

export function HoursEditor({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { control, register, setValue, formState } = useFormContext<ProfileFormValues>();
  // useWatch (not watch) so a change re-renders this section only, not the whole form.
  const enabled = useWatch({ control, name: 'hours.enabled' });
  const country = useWatch({ control, name: 'hours.holidays.country' });
  const options = useHolidayOptions(country);
  const errors = formState.errors;

  return (
    <section className="panel profile-chapter" aria-labelledby="team-hours-title">
      <h2 id="team-hours-title">{t('team.hours.title')}</h2>
      <p className="muted">{t('team.hours.text')}</p>
      <Checkbox label={t('team.hours.enabled')} hint={t('team.hours.enabledHint')} {...register('hours.enabled')} />
      {enabled ? (
        <>
          <TextField
            id={fieldDomId('hours.timeZone')}
            label={t('team.hours.timeZone')}
            list={timeZoneListId}
            autoComplete="off"
            spellCheck={false}
            hint={t('team.hours.timeZoneHint')}
            error={errorText(errorAt(errors, 'hours.timeZone'))}
            {...register('hours.timeZone')}
          />
          <HoursWeekly readOnly={readOnly} />
          <div className="field-row">
            <Select
              id={fieldDomId('hours.holidays.country')}
              label={t('team.hours.holidays')}
              options={options.countries}
              error={errorText(errorAt(errors, 'hours.holidays.country'))}
              {...register('hours.holidays.country', { onChange: () => setValue('hours.holidays.region', '') })}
            />
            {country ? (
              <Select
                id={fieldDomId('hours.holidays.region')}
                label={t('team.hours.region')}
                options={options.regions}
                error={errorText(errorAt(errors, 'hours.holidays.region'))}
                {...register('hours.holidays.region')}
              />
            ) : null}
          </div>
          <Closures readOnly={readOnly} />
          <Checkbox label={t('team.hours.emergency247')} hint={t('team.hours.emergency247Hint')} {...register('hours.emergency247')} />
        </>
      ) : null}
    </section>
  );
}
