// /portal: a constituent user's home: their organisation, their reports and incidents (the server shows
// only what their organisation may see) and the way to report a new incident.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentSummary } from '#shared/incidents/incidents.schemas';
import type { ReportSummary } from '#shared/reports/reports.schemas';
import { useSignedInSession } from '#web/auth/auth.queries';
import { IncidentStatusBadge } from '#web/incidents/IncidentBadges';
import { useIncidentList } from '#web/incidents/incidents.queries';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { ReportStatusBadge } from '#web/reports/ReportBadges';
import { useReportList } from '#web/reports/reports.queries';
import { Badge } from '#web/ui/Badge';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { PriorityBadge, TlpBadge } from '#web/ui/LabelBadges';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';

const PORTAL_LIST_SIZE = 25;

export function PortalPage() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const formatDateTime = useFormatDateTime();
  const organisations = useOrganisationIndex();
  const reports = useReportList({ status: undefined, urgent: undefined, organisationId: undefined, q: undefined }, PORTAL_LIST_SIZE);
  const incidents = useIncidentList({}, PORTAL_LIST_SIZE);
  const organisation = user.organisationId ? organisations.byId.get(user.organisationId) : organisations.items[0];

  const reportColumns: Column<ReportSummary>[] = [
    {
      key: 'reference',
      header: t('reports.queue.reference'),
      cell: (r) => <Link to={`/reports/${encodeURIComponent(r.id)}`}>{r.reference}</Link>,
      className: 'nowrap',
    },
    { key: 'title', header: t('reports.queue.title'), cell: (r) => r.title, className: 'summary' },
    { key: 'tlp', header: t('reports.queue.tlp'), cell: (r) => <TlpBadge label={r.tlp} /> },
    { key: 'received', header: t('reports.queue.received'), cell: (r) => formatDateTime(r.createdAt), className: 'nowrap' },
    { key: 'status', header: t('reports.queue.status'), cell: (r) => <ReportStatusBadge status={r.status} /> },
  ];
  const incidentColumns: Column<IncidentSummary>[] = [
    { key: 'priority', header: t('incidents.fields.priority'), cell: (i) => <PriorityBadge priority={i.priority} /> },
    {
      key: 'reference',
      header: t('incidents.fields.reference'),
      cell: (i) => <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.reference}</Link>,
      className: 'nowrap',
    },
    { key: 'title', header: t('incidents.fields.title'), cell: (i) => i.title, className: 'summary' },
    { key: 'status', header: t('incidents.fields.status'), cell: (i) => <IncidentStatusBadge status={i.status} /> },
    { key: 'updated', header: t('portal.page.updated'), cell: (i) => formatDateTime(i.updatedAt), className: 'nowrap' },
  ];

  return (
    <>
      <PageHeader
        title={t('portal.page.title')}
        actions={
          <Link to="/portal/report" className="btn btn-primary">
            {t('portal.page.report')}
          </Link>
        }
      >
        <p className="muted">{t('portal.page.welcome', { name: user.name })}</p>
      </PageHeader>
      <section className="panel" aria-labelledby="portal-organisation">
        <h2 id="portal-organisation">{t('portal.page.organisation')}</h2>
        {organisation ? (
          <p>
            <strong>{organisation.name}</strong> <Badge tone="info">{t(`organisations.kind.${organisation.kind}`)}</Badge>{' '}
            {organisation.services.length > 0 ? (
              <span className="muted">
                {t('portal.page.services', { services: organisation.services.map((s) => t(`organisations.services.${s}`)).join(', ') })}
              </span>
            ) : null}
          </p>
        ) : (
          <p className="muted">{organisations.isPending ? t('common.loading') : t('portal.page.noOrganisation')}</p>
        )}
      </section>
      <section className="record-section" aria-labelledby="portal-reports">
        <h2 id="portal-reports">{t('portal.page.reports')}</h2>
        <ErrorBanner error={reports.error} />
        {reports.isPending ? (
          <Loading />
        ) : (
          <Table
            caption={t('portal.page.reports')}
            columns={reportColumns}
            rows={reports.data?.pages.flatMap((p) => p.items) ?? []}
            rowKey={(r) => r.id}
            empty={t('portal.page.noReports')}
          />
        )}
      </section>
      <section className="record-section" aria-labelledby="portal-incidents">
        <h2 id="portal-incidents">{t('portal.page.incidents')}</h2>
        <ErrorBanner error={incidents.error} />
        {incidents.isPending ? (
          <Loading />
        ) : (
          <Table
            caption={t('portal.page.incidents')}
            columns={incidentColumns}
            rows={incidents.data?.pages.flatMap((p) => p.items) ?? []}
            rowKey={(i) => i.id}
            empty={t('portal.page.noIncidents')}
          />
        )}
      </section>
    </>
  );
}
