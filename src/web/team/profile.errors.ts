// Translates the messages of the shared profile and operating-hours schemas (English, written for people)
// into the UI language; a message this table does not know is shown as the schema wrote it.
import { get, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useFieldErrorText } from '#web/ui/fieldErrors';

export function useTeamErrorText(): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  const generic = useFieldErrorText();
  return (error) => {
    if (!error) return undefined;
    const message = error.message ?? '';
    if (/received undefined$/.test(message)) return t('validation.required');
    if (message === 'Invalid email address') return t('validation.email');
    if (message === 'Invalid URL') return t('team.errors.url');
    if (message === 'Invalid ISO date' || message.startsWith('Use a calendar date')) return t('team.errors.date');
    if (/received NaN$/.test(message)) return t('team.errors.number');
    if (message === 'Not an IANA time zone name' || /^(Unknown time zone|Give the team time zone)/.test(message)) {
      return t('team.errors.timeZone');
    }
    if (message.startsWith('Not a UTC offset')) return t('team.errors.utcOffset');
    if (message.startsWith('A fingerprint is')) return t('team.errors.fingerprint');
    if (message.startsWith('A key ID is')) return t('team.errors.keyId');
    if (message.startsWith('The key ID is not')) return t('team.errors.keyIdMismatch');
    if (/^(Use a 24-hour time|Expected a time)/.test(message)) return t('team.errors.time');
    if (message.startsWith('The range must end after')) return t('team.errors.rangeOrder');
    if (message.startsWith('The closure must end after')) return t('team.errors.closureOrder');
    if (message === 'Give the closure a label') return t('team.errors.closureLabel');
    if (message.startsWith('Unknown holiday')) return t('team.errors.holidays');
    const overlap = /^Ranges (\S+) and (\S+) overlap$/.exec(message);
    if (overlap) return t('team.errors.rangeOverlap', { first: overlap[1], second: overlap[2] });
    const perDay = /^At most (\d+) ranges per day$/.exec(message);
    if (perDay) return t('team.errors.rangesPerDay', { max: perDay[1] });
    const tooLong = /<=(\d+) characters$/.exec(message);
    if (tooLong) return t('validation.maxLength', { max: tooLong[1] });
    const tooMany = /<=(\d+) items$/.exec(message);
    if (tooMany) return t('team.errors.tooMany', { max: tooMany[1] });
    // The shared schemas' own sentences are more useful verbatim than a generic "Not valid."
    if (error.type === 'custom' && message) return message;
    return generic(error);
  };
}

/** The error stored at a path of the form's errors, whether it belongs to an input, an item or a list (`.root`). */
export function errorAt(errors: unknown, path: string): FieldError | undefined {
  const found: unknown = get(errors, path);
  if (typeof found !== 'object' || found === null) return undefined;
  const message: unknown = 'message' in found ? found.message : undefined;
  const type: unknown = 'type' in found ? found.type : undefined;
  return typeof message === 'string' ? { type: typeof type === 'string' ? type : 'custom', message } : undefined;
}
