// /incidents: the incident list (filters in the URL): priority and urgency, reference, title, category, organisation,
// owner, status, TLP and the next deadline.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { IncidentSummary } from '#shared/incidents/incidents.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { DueBadge } from '#web/sla/DueBadge';
import { useOwnerOptions } from '#web/users/owners';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PriorityBadge, TlpBadge } from '#web/ui/LabelBadges';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { paramsFromFilters } from '#web/ui/urlFilters';
import { incidentFiltersFromParams } from './incident.filters';
import { IncidentFilters } from './IncidentFilters';
import { IncidentStatusBadge, IncidentUrgentBadge } from './IncidentBadges';
import { useIncidentList } from './incidents.queries';
import { useRsitLabels } from './rsit.labels';

export function IncidentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = incidentFiltersFromParams(params);
  const incidents = useIncidentList(filters);
  const organisations = useOrganisationIndex();
  const owners = useOwnerOptions({ id: null, name: null });
  const { className, typeName } = useRsitLabels();
  const rows = incidents.data?.pages.flatMap((page) => page.items) ?? [];
  const lastPage = incidents.data?.pages.at(-1);
  const total = lastPage?.total ?? 0;

  const columns: Column<IncidentSummary>[] = [
    {
      key: 'priority',
      header: t('incidents.fields.priority'),
      className: 'nowrap',
      cell: (i) => (
        <>
          <PriorityBadge priority={i.priority} />
          {i.urgent ? (
            <>
              {' '}
              <IncidentUrgentBadge />
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'reference',
      header: t('incidents.fields.reference'),
      className: 'nowrap',
      cell: (i) => (
        <Link to={`/incidents/${encodeURIComponent(i.id)}`} className="record-reference">
          {i.reference}
        </Link>
      ),
    },
    { key: 'title', header: t('incidents.fields.title'), cell: (i) => i.title, className: 'summary' },
    {
      key: 'category',
      header: t('incidents.fields.category'),
      cell: (i) => (
        <span className="category">
          {className(i.categoryClass)}
          <span className="muted"> / {typeName(i.categoryClass, i.categoryType)}</span>
        </span>
      ),
    },
    {
      key: 'organisation',
      header: t('incidents.fields.organisation'),
      cell: (i) =>
        i.organisationId ? (
          <OrganisationLink id={i.organisationId} byId={organisations.byId} name={i.organisationName} />
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'owner',
      header: t('incidents.fields.owner'),
      cell: (i) => i.ownerName ?? <span className="muted">{t('users.owner.unassigned')}</span>,
    },
    { key: 'status', header: t('incidents.fields.status'), cell: (i) => <IncidentStatusBadge status={i.status} /> },
    { key: 'tlp', header: t('incidents.fields.tlp'), cell: (i) => <TlpBadge label={i.tlp} /> },
    { key: 'due', header: t('incidents.fields.due'), cell: (i) => <DueBadge dueAt={i.dueAt} breached={i.breached} />, className: 'nowrap' },
  ];

  return (
    <>
      <PageHeader title={t('incidents.list.title')} />
      <IncidentFilters
        key={params.toString()}
        filters={filters}
        organisations={organisations.items}
        owners={owners}
        onChange={(next) => setParams(paramsFromFilters(next))}
      />
      <ErrorBanner error={incidents.error} />
      {incidents.isPending ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={t('incidents.list.caption')}
            columns={columns}
            rows={rows}
            rowKey={(i) => i.id}
            empty={t('incidents.list.empty')}
          />
          <div className="table-footer">
            <p className="muted" aria-live="polite">
              {t(lastPage?.totalCapped ? 'incidents.list.countCapped' : 'incidents.list.count', { count: rows.length, total })}
            </p>
            {incidents.hasNextPage ? (
              <Button busy={incidents.isFetchingNextPage} onClick={() => void incidents.fetchNextPage()}>
                {t('incidents.list.more')}
              </Button>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
