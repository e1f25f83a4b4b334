// The audit log: filters kept in the URL, a dense table of events (newest first), summaries shown as
// compact JSON, and "load older" paging.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEvent } from '#shared/audit/audit.schemas';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Table, type Column } from '#web/ui/Table';
import { AuditFilterForm } from './AuditFilterForm';
import { filtersFromParams, useAuditEvents, type AuditFilters } from './audit.queries';

const compactLimit = 120;

function SummaryCell({ summary }: { summary: Record<string, unknown> }) {
  const text = JSON.stringify(summary);
  if (text === '{}') return null;
  if (text.length <= compactLimit) return <code className="json">{text}</code>;
  return (
    <details className="json-details">
      <summary>
        <code className="json">{`${text.slice(0, compactLimit - 1)}…`}</code>
      </summary>
      <pre className="json">{JSON.stringify(summary, null, 2)}</pre>
    </details>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
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
    { key: 'action', header: t('audit.table.action'), cell: (e) => <code>{e.action}</code> },
    {
      key: 'entity',
      header: t('audit.table.entity'),
      cell: (e) => (
        <span className="entity">
          {e.entityType}
          {e.entityId ? (
            <code className="entity-id" title={e.entityId}>
              {e.entityId.slice(0, 8)}
            </code>
          ) : null}
        </span>
      ),
    },
    { key: 'summary', header: t('audit.table.summary'), cell: (e) => <SummaryCell summary={e.summary} />, className: 'summary' },
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
              {t('audit.page.count', { shown: rows.length })}
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
