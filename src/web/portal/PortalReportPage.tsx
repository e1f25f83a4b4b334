// /portal/report: a constituent user reports an incident; once sent, its reference and a link to follow it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PageHeader } from '#web/ui/Page';
import { PortalReportForm, type PortalReportSent } from './PortalReportForm';

export function PortalReportPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<PortalReportSent | null>(null);

  if (sent) {
    return (
      <>
        <PageHeader title={t('reports.receipt.title')} />
        <section className="panel receipt" aria-live="polite">
          <p className="receipt-reference">
            <span className="muted">{t('reports.receipt.reference')}</span> <strong>{sent.receipt.reference}</strong>
          </p>
          <p className="muted">
            {t('reports.receipt.counts', { observables: sent.receipt.observables, attachments: sent.receipt.attachments })}
          </p>
          {sent.uploadError ? (
            <>
              <p className="notice notice-warning">{t('portal.report.uploadFailed')}</p>
              <ErrorBanner error={sent.uploadError} />
            </>
          ) : null}
          <p>
            <Link to={`/reports/${encodeURIComponent(sent.receipt.id)}`}>{t('portal.report.open')}</Link>
            {' · '}
            <Link to="/portal">{t('portal.report.back')}</Link>
          </p>
        </section>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('portal.report.title')}>
        <p className="muted">{t('portal.report.intro')}</p>
      </PageHeader>
      <div className="stack">
        <PortalReportForm onSent={setSent} />
      </div>
    </>
  );
}
