// Whole-page states: page not found, not allowed, a route that failed to load, the first load.
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PageHeader } from '#web/ui/Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      <PageHeader title={t('layout.notFound.title')} />
      <p>{t('layout.notFound.text')}</p>
      <Link to="/">{t('layout.notFound.home')}</Link>
    </section>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <section className="status-page">
      <PageHeader title={t('layout.forbidden.title')} />
      <p>{t('layout.forbidden.text')}</p>
      <Link to="/">{t('layout.notFound.home')}</Link>
    </section>
  );
}

/** Router error element: a lazy chunk that failed to load (often after a deploy) or a render error. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main id="main" className="status-page status-page-standalone">
      <h1>{t('layout.routeError.title')}</h1>
      <p>{t('layout.routeError.text')}</p>
      <ErrorBanner error={error instanceof Error ? error : new Error('route error')} />
      <Button variant="primary" onClick={() => window.location.reload()}>
        {t('layout.routeError.reload')}
      </Button>
    </main>
  );
}

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="full-page-loading" role="status">
      {t('common.loading')}
    </div>
  );
}
