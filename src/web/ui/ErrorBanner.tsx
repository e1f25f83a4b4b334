// Shows a failed request as a translated message: the problem type slug picks `problems.<slug>`, each listed
// field reads by its code in the reader's language (labelled as the form labels it), the server's English
// `detail` only in English and when no field says it better, and the request id for support. Announced (role=alert).
import { useTranslation } from 'react-i18next';
import { ApiError, clientErrorTypes } from '#web/api';
import { useProblemFieldLabel, useProblemFieldText } from './fieldErrors';
import { fieldNameOf } from './forms';

export interface ErrorBannerProps {
  error: unknown;
  /** Form inputs that already show their own field errors; other listed fields are shown here. */
  mappedFields?: readonly string[];
  /** Labels of the form's inputs by field name, for the fields listed here. */
  labels?: Readonly<Record<string, string>>;
}

function useErrorTitle(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!(error instanceof ApiError)) return t('errors.unexpected');
    const slug = error.slug;
    if (slug) return t(`problems.${slug}`);
    if (error.type === clientErrorTypes.network) return t('errors.network');
    if (error.type === clientErrorTypes.invalidResponse) return t('errors.invalidResponse');
    return t('errors.status', { status: error.status });
  };
}

export function ErrorBanner({ error, mappedFields = [], labels }: ErrorBannerProps) {
  const { t, i18n } = useTranslation();
  const titleOf = useErrorTitle();
  const fieldText = useProblemFieldText();
  const fieldLabel = useProblemFieldLabel();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const otherFields = apiError?.fields.filter((f) => !mappedFields.includes(fieldNameOf(f.path))) ?? [];
  return (
    <div className="error-banner" role="alert" aria-live="assertive">
      <p className="error-banner-title">{titleOf(error)}</p>
      {apiError?.detail && !apiError.fields.length && i18n.language === 'en' ? (
        <p className="error-banner-detail">{apiError.detail}</p>
      ) : null}
      {otherFields.length > 0 ? (
        <ul className="error-banner-fields">
          {otherFields.map((f) => (
            <li key={f.path}>
              <span className="error-banner-field">{fieldLabel(f.path, labels)}</span> {fieldText(f)}
            </li>
          ))}
        </ul>
      ) : null}
      {apiError?.requestId ? <p className="error-banner-ref">{t('errors.reference', { id: apiError.requestId })}</p> : null}
    </div>
  );
}
