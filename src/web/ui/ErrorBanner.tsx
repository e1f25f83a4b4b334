// Shows a failed request as a translated message: the problem type slug picks `problems.<slug>`,
// the server's `detail` is shown below, and the request id is given for support. Announced (role=alert).
import { useTranslation } from 'react-i18next';
import { ApiError, clientErrorTypes } from '#web/api';
import { fieldNameOf } from './forms';

export interface ErrorBannerProps {
  error: unknown;
  /** Form inputs that already show their own field errors; other listed fields are shown here. */
  mappedFields?: readonly string[];
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

export function ErrorBanner({ error, mappedFields = [] }: ErrorBannerProps) {
  const { t } = useTranslation();
  const titleOf = useErrorTitle();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const otherFields = apiError?.fields.filter((f) => !mappedFields.includes(fieldNameOf(f.path))) ?? [];
  return (
    <div className="error-banner" role="alert" aria-live="assertive">
      <p className="error-banner-title">{titleOf(error)}</p>
      {apiError?.detail ? <p className="error-banner-detail">{apiError.detail}</p> : null}
      {otherFields.length > 0 ? (
        <ul className="error-banner-fields">
          {otherFields.map((f) => (
            <li key={f.path}>
              <code>{fieldNameOf(f.path)}</code> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {apiError?.requestId ? <p className="error-banner-ref">{t('errors.reference', { id: apiError.requestId })}</p> : null}
    </div>
  );
}
