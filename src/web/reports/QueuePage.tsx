// /queue: the triage queue (urgent first, then by due time) with filters in the URL and keyboard
// shortcuts: j/k move the selection (focusing the row's link), Enter opens it, / searches, ? shows help.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ReportSummary } from '#shared/reports/reports.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { DueBadge } from '#web/sla/DueBadge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { TlpBadge } from '#web/ui/LabelBadges';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { paramsFromFilters } from '#web/ui/urlFilters';
import { queueFiltersFromParams, reportListQuery } from './queue.filters';
import { moveSelection, shortcutFor } from './queue.shortcuts';
import { QueueFilters } from './QueueFilters';
import { AnonymousBadge, ReportStatusBadge, UrgentBadge } from './ReportBadges';
import { useReportList } from './reports.queries';
import { ShortcutsHelp } from './ShortcutsHelp';

const reportUrl = (id: string) => `/reports/${encodeURIComponent(id)}`;

export function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filters = queueFiltersFromParams(params);
  const reports = useReportList(reportListQuery(filters));
  const organisations = useOrganisationIndex();
  const rows = reports.data?.pages.flatMap((page) => page.items) ?? [];
  const lastPage = reports.data?.pages.at(-1);
  const total = lastPage?.total ?? 0;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  const selected = rows[selectedIndex];

  // Latest values for the one document listener (registered once, reads these on each key).
  const state = useRef({ rows, selectedIndex, helpOpen });
  useEffect(() => {
    state.current = { rows, selectedIndex, helpOpen };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (event.key === 'Escape' && state.current.helpOpen) {
        setHelpOpen(false);
        return;
      }
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      const { rows: current, selectedIndex: index } = state.current;
      switch (shortcut) {
        case 'next':
        case 'previous': {
          event.preventDefault();
          const next = moveSelection(index, current.length, shortcut);
          const row = current[next];
          if (!row) return;
          setSelectedId(row.id);
          tableRef.current?.querySelector<HTMLAnchorElement>(`a[data-row-id="${row.id}"]`)?.focus();
          return;
        }
        case 'open': {
          const row = current[index];
          if (!row) return;
          event.preventDefault();
          void navigate(reportUrl(row.id));
          return;
        }
        case 'search':
          event.preventDefault();
          searchRef.current?.focus();
          return;
        case 'help':
          event.preventDefault();
          setHelpOpen((open) => !open);
          return;
        default: {
          const never: never = shortcut;
          return never;
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  const organisationCell = (r: ReportSummary) => {
    if (r.organisationId) return <OrganisationLink id={r.organisationId} byId={organisations.byId} name={r.organisationName} />;
    const first = r.suggestedOrganisationIds[0];
    if (!first) return <span className="muted">—</span>;
    return (
      <span>
        <OrganisationLink id={first} byId={organisations.byId} />{' '}
        <span className="muted">{t('reports.queue.suggested', { count: r.suggestedOrganisationIds.length })}</span>
      </span>
    );
  };

  const columns: Column<ReportSummary>[] = [
    {
      key: 'urgent',
      header: <span className="visually-hidden">{t('reports.queue.urgent')}</span>,
      cell: (r) => (r.urgent ? <UrgentBadge /> : null),
      className: 'nowrap',
    },
    {
      key: 'reference',
      header: t('reports.queue.reference'),
      className: 'nowrap',
      cell: (r) => (
        <Link to={reportUrl(r.id)} data-row-id={r.id} className="record-reference" onFocus={() => setSelectedId(r.id)}>
          {r.reference}
        </Link>
      ),
    },
    { key: 'title', header: t('reports.queue.title'), cell: (r) => r.title, className: 'summary' },
    { key: 'organisation', header: t('reports.queue.organisation'), cell: organisationCell },
    { key: 'reporter', header: t('reports.queue.reporter'), cell: (r) => <ReporterCell report={r} /> },
    { key: 'tlp', header: t('reports.queue.tlp'), cell: (r) => <TlpBadge label={r.tlp} /> },
    {
      key: 'received',
      header: t('reports.queue.received'),
      cell: (r) => <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>,
      className: 'nowrap',
    },
    { key: 'due', header: t('reports.queue.due'), cell: (r) => <DueBadge dueAt={r.dueAt} breached={r.breached} />, className: 'nowrap' },
    { key: 'status', header: t('reports.queue.status'), cell: (r) => <ReportStatusBadge status={r.status} /> },
  ];

  return (
    <>
      <PageHeader title={t('reports.queue.pageTitle')} actions={<ShortcutsHelp open={helpOpen} onToggle={() => setHelpOpen((o) => !o)} />}>
        <p className="muted">{t('reports.queue.intro')}</p>
      </PageHeader>
      <QueueFilters
        key={params.toString()}
        filters={filters}
        organisations={organisations.items}
        searchRef={searchRef}
        onChange={(next) => setParams(paramsFromFilters(next))}
      />
      <ErrorBanner error={reports.error} />
      <p className="visually-hidden" aria-live="polite">
        {selected ? t('reports.queue.selected', { reference: selected.reference, title: selected.title }) : ''}
      </p>
      {reports.isPending ? (
        <Loading />
      ) : (
        <div ref={tableRef}>
          <Table
            caption={t('reports.queue.caption')}
            columns={columns}
            rows={rows}
            rowKey={(r) => r.id}
            rowClassName={(r) => (r.id === selectedId ? 'row-selected' : undefined)}
            empty={t('reports.queue.empty')}
          />
          <div className="table-footer">
            <p className="muted" aria-live="polite">
              {t(lastPage?.totalCapped ? 'reports.queue.countCapped' : 'reports.queue.count', { count: rows.length, total })}
            </p>
            {reports.hasNextPage ? (
              <Button busy={reports.isFetchingNextPage} onClick={() => void reports.fetchNextPage()}>
                {t('reports.queue.more')}
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </>
  );
}

/** Who sent the report: their name (or e-mail), "Anonymous" when they left neither, a dash when hidden. */
function ReporterCell({ report }: { report: ReportSummary }) {
  if (report.reporterAnonymous) return <AnonymousBadge />;
  const who = report.reporterName ?? report.reporterEmail;
  return who ? <span>{who}</span> : <span className="muted">—</span>;
}
