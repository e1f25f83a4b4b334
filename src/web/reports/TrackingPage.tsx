// /report/track/:token: what the reporter may know of a report: its reference, public status (with what
// it means), when it was received and last updated, and the team's reply. Nothing else.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PublicReportStatus } from '#shared/reports/reports.schemas';
import { ApiError } from '#web/api';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, usePageTitle } from '#web/ui/Page';
import { usePublicReportStatus } from './reports.queries';

const tone: Record<PublicReportStatus['status'], BadgeTone> = {
  received: 'info',
  'under-review': 'warning',
  handled: 'success',
  closed: 'neutral',
};

export function TrackingPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const status = usePublicReportStatus(token);
  const formatDateTime = useFormatDateTime();
  usePageTitle(t('reports.track.title'));

  if (status.isPending) return <Loading />;
  if (status.isError) {
    const notFound = status.error instanceof ApiError && status.error.status === 404;
    return (
      <section className="tracking">
        <h1>{t('reports.track.title')}</h1>
        {notFound ? <p className="notice notice-warning">{t('reports.track.notFound')}</p> : <ErrorBanner error={status.error} />}
      </section>
    );
  }
  const report = status.data;
  return (
    <section className="tracking" aria-labelledby="tracking-title">
      <h1 id="tracking-title">{t('reports.track.heading', { reference: report.reference })}</h1>
      <dl className="details">
        <dt>{t('reports.track.reference')}</dt>
        <dd>
          <strong>{report.reference}</strong>
        </dd>
        <dt>{t('reports.track.status')}</dt>
        <dd>
          <Badge tone={tone[report.status]}>{t(`reports.publicStatus.${report.status}`)}</Badge>
          <p className="status-explanation">{t(`reports.publicStatusText.${report.status}`)}</p>
        </dd>
        <dt>{t('reports.track.receivedAt')}</dt>
        <dd>
          <time dateTime={report.receivedAt}>{formatDateTime(report.receivedAt)}</time>
        </dd>
        <dt>{t('reports.track.updatedAt')}</dt>
        <dd>
          <time dateTime={report.updatedAt}>{formatDateTime(report.updatedAt)}</time>
        </dd>
      </dl>
      <h2>{t('reports.track.reply')}</h2>
      {report.reply ? <p className="prewrap reply">{report.reply}</p> : <p className="muted">{t('reports.track.noReply')}</p>}
    </section>
  );
}
