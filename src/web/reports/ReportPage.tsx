// /reports/:id: everything about one report (header and clocks, contact, description, evidence,
// observables, files) with, for those who triage, the organisation and the triage decision beside it.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { ClockList } from '#web/sla/ClockList';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, usePageTitle } from '#web/ui/Page';
import { ReportBody } from './ReportBody';
import { ReportHeader } from './ReportHeader';
import { ReportOrganisationPanel } from './ReportOrganisationPanel';
import { reportPath, useInvalidateReport, useReport } from './reports.queries';
import { TriagePanel } from './TriagePanel';
import { ReportMessages } from '#web/mailbox/ReportMessages';

export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const report = useReport(id);
  const organisations = useOrganisationIndex();
  const invalidate = useInvalidateReport(id);
  const canTriage = hasPermission(session, 'reports:triage');
  const canReadMail = hasPermission(session, 'mailbox:read');
  usePageTitle(report.data ? `${report.data.reference} · ${report.data.title}` : t('reports.page.title'));

  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorBanner error={report.error} />;
  const data = report.data;

  return (
    <>
      <ReportHeader report={data} canTriage={canTriage} />
      {data.clocks.length > 0 ? (
        <section className="record-section" aria-labelledby="report-clocks">
          <h2 id="report-clocks">{t('sla.clocks.title')}</h2>
          <ClockList clocks={data.clocks} basePath={reportPath(data.id)} canManage={canTriage} onChanged={invalidate} />
        </section>
      ) : null}
      <div className="record-layout">
        <div className="record-main">
          <ReportBody report={data} organisations={organisations.byId} />
          {canReadMail ? <ReportMessages reportId={data.id} /> : null}
        </div>
        <aside className="record-side" aria-label={t('reports.page.side')}>
          {canTriage || data.status !== 'new' ? <TriagePanel report={data} organisations={organisations.items} /> : null}
          <ReportOrganisationPanel report={data} organisations={organisations.items} byId={organisations.byId} canTriage={canTriage} />
        </aside>
      </div>
    </>
  );
}
