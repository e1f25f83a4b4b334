// The top of a report page: reference, title, status, decision, urgency, TLP/PAP, when it came in, the
// incident it led to, and "Acknowledge" while the acknowledgement clock still runs.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Report } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { PapBadge, TlpBadge } from '#web/ui/LabelBadges';
import { PageHeader } from '#web/ui/Page';
import { DecisionBadge, ReportStatusBadge, UrgentBadge } from './ReportBadges';
import { useAcknowledgeReport } from './reports.queries';

/** True while the report awaits acknowledgement: its clock is not met (or, without clocks, it is new). */
export function awaitsAcknowledgement(report: Report): boolean {
  const clock = report.clocks.find((c) => c.target === 'acknowledge');
  return clock ? clock.status !== 'met' : report.status === 'new';
}

export function ReportHeader({ report, canTriage }: { report: Report; canTriage: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const acknowledge = useAcknowledgeReport(report.id);
  const showAcknowledge = canTriage && awaitsAcknowledgement(report);

  return (
    <>
      <PageHeader
        title={report.title}
        actions={
          showAcknowledge ? (
            <Button variant="primary" busy={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
              {t('reports.page.acknowledge')}
            </Button>
          ) : null
        }
      >
        <p className="record-meta">
          <span className="record-reference">{report.reference}</span>
          <ReportStatusBadge status={report.status} />
          {report.decision ? <DecisionBadge decision={report.decision} /> : null}
          {report.urgent ? <UrgentBadge /> : null}
          <TlpBadge label={report.tlp} />
          <PapBadge label={report.pap} />
        </p>
        <p className="muted">
          {t('reports.page.received', { when: formatDateTime(report.createdAt), channel: t(`reports.channel.${report.channel}`) })}
          {report.incidentId ? (
            <>
              {' · '}
              <Link to={`/incidents/${encodeURIComponent(report.incidentId)}`}>{t('reports.page.openIncident')}</Link>
            </>
          ) : null}
        </p>
      </PageHeader>
      <ErrorBanner error={acknowledge.error} />
    </>
  );
}
