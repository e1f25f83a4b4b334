// Turns a form field error (from the shared zod schemas, or a problem's `fields` from the server)
// into translated text. Shared schemas carry English messages; known ones map to i18n keys.
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldCodes, type ProblemField } from '#shared/problems';

/** The translated text of a problem's field error: by its code and parameters, else its (English) message. */
export function useProblemFieldText(): (field: Pick<ProblemField, 'code' | 'message' | 'params'>) => string {
  const { t } = useTranslation();
  return (field) => {
    if (!field.code) return field.message;
    const params = field.params ?? {};
    // i18next context picks the variant, e.g. too_big_string "At most {{maximum}} characters."
    const context = field.code === 'invalid_format' ? params.format : params.origin;
    return t(`validation.code.${field.code}`, { ...params, ...(typeof context === 'string' ? { context } : {}) });
  };
}

/** The label of a problem's field path: a form input's label when known, else the name (in the address for params). */
export function useProblemFieldLabel(): (path: string, labels?: Readonly<Record<string, string>>) => string {
  const { t } = useTranslation();
  return (path, labels = {}) => {
    const name = path.replace(/^body\./, '');
    if (labels[name]) return labels[name];
    const inAddress = /^(params|querystring|query)\.(.+)$/.exec(path);
    return inAddress?.[2] ? t('errors.inAddress', { name: inAddress[2] }) : name;
  };
}

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
  const problemText = useProblemFieldText();
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
    if (message === 'Pick at least one day') return t('validation.pickDay');
    if (message === 'Each day once') return t('validation.eachDayOnce');
    if (message === 'Add at least one slot') return t('validation.addSlot');
    if (message === 'The rota must end on or after its first day') return t('validation.rotaEnd');
    if (message === 'Use a 24-hour time HH:MM, e.g. 08:30') return t('validation.wallTime');
    if (message === 'A date YYYY-MM-DD') return t('validation.calendarDate');
    const atLeast = /^At least (\d+) characters$/.exec(message);
    if (atLeast) return t('validation.minLength', { min: atLeast[1] });
    const atMost = /^At most (\d+) characters$/.exec(message);
    if (atMost) return t('validation.maxLength', { max: atMost[1] });
    // A server error with a code reads in the reader's language; without one, verbatim beats a generic phrase.
    const code = fieldCodes.find((c) => `server:${c}` === error.type);
    if (code) return problemText({ code, message, params: serverParams(error) });
    if (error.type === 'server' && message) return message;
    return t(genericByType[error.type] ?? 'validation.invalid');
  };
}

/** The parameters applyProblemFields kept in a server error's `types` (strings only). */
function serverParams(error: FieldError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.types ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}
