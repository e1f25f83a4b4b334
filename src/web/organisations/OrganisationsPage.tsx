// /organisations: constituents and third parties (filters in the URL) with kind, criticality, counts;
// create and CSV import for organisations:manage.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { OrganisationKind, type Organisation } from '#shared/organisations/organisations.schemas';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, PageHeader } from '#web/ui/Page';
import { Select } from '#web/ui/Select';
import { Table, type Column } from '#web/ui/Table';
import { TextField } from '#web/ui/TextField';
import { filtersFromParams, paramsFromFilters } from '#web/ui/urlFilters';
import { CsvImportDialog } from './CsvImportDialog';
import { OrganisationFormDialog } from './OrganisationFormDialog';
import { criticalityTone, useOrganisationOptions } from './organisations.options';
import { useOrganisationList } from './organisations.queries';

export const organisationFilterSpec = { kind: OrganisationKind, q: z.string().max(200) };

export function OrganisationsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canManage = hasPermission(session, 'organisations:manage');
  const options = useOrganisationOptions();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params, organisationFilterSpec);
  const list = useOrganisationList(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const lastPage = list.data?.pages.at(-1);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [q, setQ] = useState(filters.q ?? '');

  const columns: Column<Organisation>[] = [
    {
      key: 'name',
      header: t('organisations.fields.name'),
      cell: (o) => <Link to={`/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link>,
    },
    { key: 'kind', header: t('organisations.fields.kind'), cell: (o) => t(`organisations.kind.${o.kind}`) },
    { key: 'sector', header: t('organisations.fields.sector'), cell: (o) => o.sector ?? '' },
    {
      key: 'criticality',
      header: t('organisations.fields.criticality'),
      cell: (o) =>
        o.criticality ? <Badge tone={criticalityTone(o.criticality)}>{t(`organisations.criticality.${o.criticality}`)}</Badge> : null,
    },
    { key: 'country', header: t('organisations.fields.country'), cell: (o) => o.country ?? '' },
    { key: 'assets', header: t('organisations.list.assets'), cell: (o) => o.assetCount, className: 'numeric' },
    { key: 'contacts', header: t('organisations.list.contacts'), cell: (o) => o.contactCount, className: 'numeric' },
  ];

  return (
    <>
      <PageHeader
        title={t('organisations.list.title')}
        actions={
          canManage ? (
            <>
              <Button onClick={() => setDialog('import')}>{t('organisations.import.open')}</Button>
              <Button variant="primary" onClick={() => setDialog('create')}>
                {t('organisations.list.create')}
              </Button>
            </>
          ) : null
        }
      />
      <form
        className="filters"
        role="search"
        aria-label={t('organisations.list.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setParams(paramsFromFilters({ ...filters, q }));
        }}
      >
        <Select
          label={t('organisations.fields.kind')}
          options={[{ value: '', label: t('organisations.list.anyKind') }, ...options.kind]}
          value={filters.kind ?? ''}
          onChange={(e) => setParams(paramsFromFilters({ ...filters, kind: e.target.value }))}
        />
        <TextField label={t('organisations.list.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="filters-actions">
          <Button type="submit" variant="primary">
            {t('organisations.list.apply')}
          </Button>
        </div>
      </form>
      <ErrorBanner error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={t('organisations.list.caption')}
            columns={columns}
            rows={rows}
            rowKey={(o) => o.id}
            empty={t('organisations.list.empty')}
          />
          <div className="table-footer">
            <p className="muted" aria-live="polite">
              {t(lastPage?.totalCapped ? 'organisations.list.countCapped' : 'organisations.list.count', {
                count: rows.length,
                total: lastPage?.total ?? 0,
              })}
            </p>
            {list.hasNextPage ? (
              <Button busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('organisations.list.more')}
              </Button>
            ) : null}
          </div>
        </>
      )}
      {dialog === 'create' ? <OrganisationFormDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'import' ? <CsvImportDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}
