// Turns a form field error (from the shared zod schemas, or a problem's `fields` from the server)
// into translated text. Shared schemas carry English messages; known ones map to i18n keys.
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

// zod issue codes (the resolver's error `type`) → a generic message when the text is not a known one.
const genericByType: Record<
  string,
  'validation.tooShort' | 'validation.tooLong' | 'validation.invalidFormat' | 'validation.invalidChoice'
> = {
  too_small: 'validation.tooShort',
  too_big: 'validation.tooLong',
  invalid_format: 'validation.invalidFormat',
  invalid_value: 'validation.invalidChoice',
};

export function useFieldErrorText(): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!error) return undefined;
    const message = error.message ?? '';
    if (message === 'Required') return t('validation.required');
    if (message === 'Six digits') return t('validation.totpCode');
    if (message === 'Not a valid e-mail address') return t('validation.email');
    if (message === 'Passwords do not match') return t('validation.passwordMismatch');
    if (message === 'Not a telephone number') return t('validation.phone');
    if (message === 'A date and time') return t('validation.dateTime');
    if (message === 'Say why (at least 3 characters)') return t('validation.reason');
    if (message === 'Two capital letters (ISO 3166-1)') return t('validation.country');
    if (message === 'The shift must end after it starts') return t('validation.endAfterStart');
    const atLeast = /^At least (\d+) characters$/.exec(message);
    if (atLeast) return t('validation.minLength', { min: atLeast[1] });
    const atMost = /^At most (\d+) characters$/.exec(message);
    if (atMost) return t('validation.maxLength', { max: atMost[1] });
    // A server message we do not know is more useful verbatim than a generic phrase.
    if (error.type === 'server' && message) return message;
    return t(genericByType[error.type] ?? 'validation.invalid');
  };
}
