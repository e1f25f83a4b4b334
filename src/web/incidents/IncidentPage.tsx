// /incidents/:id: one incident: header and facts, SLA clocks, edit (status, owner, TLP/PAP), rescore with
// its history, the reports linked to it and the observables gathered from them.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { DecisionBadge } from '#web/reports/ReportBadges';
import { ObservablesTable } from '#web/reports/ObservablesTable';
import { ClockList } from '#web/sla/ClockList';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, usePageTitle } from '#web/ui/Page';
import { IncidentEditPanel } from './IncidentEditPanel';
import { IncidentHeader } from './IncidentHeader';
import { incidentPath, useIncident, useInvalidateIncident } from './incidents.queries';
import { RescorePanel } from './RescorePanel';

export function IncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSignedInSession();
  const incident = useIncident(id);
  const organisations = useOrganisationIndex();
  const invalidate = useInvalidateIncident(id);
  const canUpdate = hasPermission(session, 'incidents:update');
  usePageTitle(incident.data ? `${incident.data.reference} · ${incident.data.title}` : t('incidents.page.title'));

  if (incident.isPending) return <Loading />;
  if (incident.isError) return <ErrorBanner error={incident.error} />;
  const data = incident.data;

  return (
    <>
      <IncidentHeader incident={data} organisations={organisations.byId} />
      <div className="record-layout">
        <div className="record-main">
          <section className="record-section" aria-labelledby="incident-clocks">
            <h2 id="incident-clocks">{t('sla.clocks.title')}</h2>
            <ClockList clocks={data.clocks} basePath={incidentPath(data.id)} canManage={canUpdate} onChanged={invalidate} />
          </section>
          <RescorePanel incident={data} canUpdate={canUpdate} />
          <section className="record-section" aria-labelledby="incident-observables">
            <h2 id="incident-observables">{t('incidents.page.observables', { count: data.observables.length })}</h2>
            <ObservablesTable
              organisations={organisations.byId}
              rows={data.observables.map((o) => ({
                key: `${o.type}:${o.value}`,
                type: o.type,
                value: o.value,
                matchedOrganisationIds: o.matchedOrganisationIds,
              }))}
            />
          </section>
        </div>
        <aside className="record-side" aria-label={t('incidents.page.side')}>
          {canUpdate ? <IncidentEditPanel key={data.updatedAt} incident={data} /> : null}
          <section className="panel" aria-labelledby="incident-reports">
            <h2 id="incident-reports">{t('incidents.page.reports')}</h2>
            {data.linkedReports.length === 0 ? (
              <p className="muted">{t('incidents.page.noReports')}</p>
            ) : (
              <ul className="linked-list">
                {data.linkedReports.map((r) => (
                  <li key={r.id}>
                    <Link to={`/reports/${encodeURIComponent(r.id)}`} className="record-reference">
                      {r.reference}
                    </Link>{' '}
                    {r.title} {r.decision ? <DecisionBadge decision={r.decision} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
