// The weekly part of the hours editor: for each ISO weekday (Monday first) its opening ranges as HH:MM
// pairs, with add/remove. No range on a day means closed that day.
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '#web/ui/Button';
import { fieldDomId } from './profile.fields';
import { errorAt, useTeamErrorText } from './profile.errors';
import type { ProfileFormValues } from './profile.form';
import { weekdays, type Weekday } from './hours.form';

function DayRow({ day, readOnly }: { day: Weekday; readOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useTeamErrorText();
  const { control, register, formState } = useFormContext<ProfileFormValues>();
  const ranges = useFieldArray({ control, name: `hours.weekly.${day}` });
  const dayName = t(`team.hours.days.${day}`);
  const dayError = errorText(errorAt(formState.errors, `hours.weekly.${day}.root`));
  // Each range's errors: its start, its end, and an overlap (reported on the range itself).
  const rangeMessages = ranges.fields.map((_, index) => {
    const at = `hours.weekly.${day}.${index}`;
    const texts = [`${at}.start`, `${at}.end`, at].map((path) => errorText(errorAt(formState.errors, path)));
    return [...new Set(texts.filter((text) => text !== undefined))].join(' ');
  });

  return (
    <fieldset className="hours-day" id={fieldDomId(`hours.weekly.${day}`)} tabIndex={-1}>
      <legend>{dayName}</legend>
      <div className="hours-ranges">
        {ranges.fields.length === 0 ? <span className="muted">{t('team.hours.closed')}</span> : null}
        {ranges.fields.map((range, index) => {
          const at = `hours.weekly.${day}.${index}`;
          const invalid = rangeMessages[index] ? true : undefined;
          const described = invalid ? `${fieldDomId(at)}-error` : undefined;
          return (
            <div key={range.id} className="hours-range">
              <input
                className="time-input"
                placeholder="HH:MM"
                inputMode="numeric"
                maxLength={5}
                aria-label={t('team.hours.opens', { day: dayName, n: index + 1 })}
                aria-invalid={errorAt(formState.errors, `${at}.start`) ? true : undefined}
                aria-describedby={described}
                readOnly={readOnly}
                {...register(`hours.weekly.${day}.${index}.start`)}
              />
              <span aria-hidden="true">–</span>
              <input
                className="time-input"
                placeholder="HH:MM"
                inputMode="numeric"
                maxLength={5}
                aria-label={t('team.hours.closes', { day: dayName, n: index + 1 })}
                aria-invalid={errorAt(formState.errors, `${at}.end`) ? true : undefined}
                aria-describedby={described}
                readOnly={readOnly}
                {...register(`hours.weekly.${day}.${index}.end`)}
              />
              {readOnly ? null : (
                <Button size="sm" variant="ghost" onClick={() => ranges.remove(index)}>
                  {t('team.list.remove')}
                  <span className="visually-hidden"> {t('team.hours.range', { day: dayName, n: index + 1 })}</span>
                </Button>
              )}
            </div>
          );
        })}
        {readOnly ? null : (
          <Button size="sm" onClick={() => ranges.append({ start: '09:00', end: '17:00' })}>
            {t('team.hours.addRange')}
            <span className="visually-hidden"> {dayName}</span>
          </Button>
        )}
      </div>
      {rangeMessages.map((message, index) =>
        message ? (
          <p key={index} id={`${fieldDomId(`hours.weekly.${day}.${index}`)}-error`} className="field-error hours-error">
            {t('team.hours.rangeError', { range: t('team.hours.range', { day: dayName, n: index + 1 }), message })}
          </p>
        ) : null,
      )}
      {dayError ? <p className="field-error hours-error">{dayError}</p> : null}
    </fieldset>
  );
}

export function HoursWeekly({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="hours-week" role="group" aria-label={t('team.hours.weekly')}>
      {weekdays.map((day) => (
        <DayRow key={day} day={day} readOnly={readOnly} />
      ))}
    </div>
  );
}
