// The audit log: filters kept in the URL, a dense table of events (newest first) with actions, entity
// types and summaries in the reader's language (the action code stays visible for filtering), and "load older" paging.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEvent } from '#shared/audit/audit.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditSummary } from './AuditSummary';
import { useAuditLabels } from './auditLabels';
import { filtersFromParams, useAuditEvents, type AuditFilters } from './audit.queries';

export function AuditPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const labels = useAuditLabels();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const events = useAuditEvents(filters);
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) {
      if (value) search.set(name, value);
    }
    setParams(search);
  };

  const columns: Column<AuditEvent>[] = [
    { key: 'at', header: t('audit.table.at'), cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at)}</time>, className: 'nowrap' },
    { key: 'actor', header: t('audit.table.actor'), cell: (e) => e.actorLabel },
    {
      key: 'action',
      header: t('audit.table.action'),
      cell: (e) => {
        const label = labels.action(e.action);
        if (!label) return <code>{e.action}</code>;
        return (
          <span className="audit-action">
            {label}
            <code className="audit-action-code">{e.action}</code>
          </span>
        );
      },
    },
    {
      key: 'entity',
      header: t('audit.table.entity'),
      cell: (e) => (
        <span className="entity">
          {labels.entity(e.entityType)}
          {e.entityId ? (
            <code className="entity-id" title={e.entityId}>
              {e.entityId.slice(0, 8)}
            </code>
          ) : null}
        </span>
      ),
    },
    {
      key: 'summary',
      header: t('audit.table.summary'),
      cell: (e) => <AuditSummary action={e.action} summary={e.summary} redacted={e.redacted} />,
      className: 'summary',
    },
    { key: 'ip', header: t('audit.table.ip'), cell: (e) => (e.ip ? <code>{e.ip}</code> : null), className: 'nowrap' },
    { key: 'seq', header: t('audit.table.seq'), cell: (e) => <span title={e.requestId ?? undefined}>{e.seq}</span>, className: 'numeric' },
  ];

  return (
    <>
      <PageHeader title={t('audit.page.title')} />
      <AuditFilterForm key={params.toString()} filters={filters} onApply={apply} onClear={() => setParams(new URLSearchParams())} />
      <ErrorBanner error={events.error} />
      {events.isPending ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={t('audit.page.caption')}
            columns={columns}
            rows={rows}
            rowKey={(e) => String(e.seq)}
            empty={t('audit.page.empty')}
          />
          <div className="table-footer">
            <p className="muted" aria-live="polite">
              {t('audit.page.count', { count: rows.length })}
            </p>
            {events.hasNextPage ? (
              <Button busy={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {t('audit.page.loadOlder')}
              </Button>
            ) : rows.length > 0 ? (
              <p className="muted">{t('audit.page.end')}</p>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
