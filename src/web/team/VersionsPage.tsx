// /team/profile/versions: every saved version (newest first) and a comparison of two of them; the pair
// compared lives in the URL (?from=&to=) so it can be shared and survives a reload.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { VersionList } from '#shared/team/team.schemas';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { Loading, PageHeader } from '#web/ui/Page';
import { Select } from '#web/ui/Select';
import { Table, type Column } from '#web/ui/Table';
import { useVersions } from './team.queries';
import { VersionDiff } from './VersionDiff';

type Version = VersionList['items'][number];

function readVersion(params: URLSearchParams, name: string): number | null {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value >= 1 ? value : null;
}

function CompareForm({
  items,
  from,
  to,
  onCompare,
}: {
  items: Version[];
  from: number;
  to: number;
  onCompare: (from: number, to: number) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [pair, setPair] = useState({ from, to });
  const options = items.map((v) => ({
    value: String(v.version),
    label: t('team.versions.option', { version: v.version, date: formatDateTime(v.savedAt) }),
  }));
  return (
    <form
      className="filters compare-form"
      aria-label={t('team.versions.compareLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        onCompare(pair.from, pair.to);
      }}
    >
      <Select
        label={t('team.versions.from')}
        options={options}
        value={String(pair.from)}
        onChange={(e) => setPair({ ...pair, from: Number(e.target.value) })}
      />
      <Select
        label={t('team.versions.to')}
        options={options}
        value={String(pair.to)}
        onChange={(e) => setPair({ ...pair, to: Number(e.target.value) })}
      />
      <div className="filters-actions">
        <Button type="submit" variant="primary" disabled={pair.from === pair.to}>
          {t('team.versions.compare')}
        </Button>
      </div>
    </form>
  );
}

export function VersionsPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const versions = useVersions();
  const [params, setParams] = useSearchParams();
  const from = readVersion(params, 'from');
  const to = readVersion(params, 'to');
  const items = versions.data?.items ?? [];
  const compare = (a: number, b: number) => setParams(new URLSearchParams({ from: String(Math.min(a, b)), to: String(Math.max(a, b)) }));

  const columns: Column<Version>[] = [
    { key: 'version', header: t('team.versions.version'), cell: (v) => v.version, className: 'numeric' },
    {
      key: 'savedAt',
      header: t('team.versions.savedAt'),
      cell: (v) => <time dateTime={v.savedAt}>{formatDateTime(v.savedAt)}</time>,
      className: 'nowrap',
    },
    { key: 'author', header: t('team.versions.author'), cell: (v) => v.authorLabel },
    { key: 'note', header: t('team.versions.note'), cell: (v) => v.note ?? '' },
    {
      key: 'published',
      header: t('team.versions.published'),
      cell: (v) => (v.publishedAt ? <Badge tone="success">{formatDateTime(v.publishedAt)}</Badge> : null),
      className: 'nowrap',
    },
    {
      key: 'actions',
      header: t('common.actions'),
      className: 'actions',
      cell: (v) =>
        v.version > 1 ? (
          <Button size="sm" variant="ghost" onClick={() => compare(v.version - 1, v.version)}>
            {t('team.versions.comparePrevious', { version: v.version })}
          </Button>
        ) : null,
    },
  ];

  const newest = items[0]?.version ?? 1;
  return (
    <>
      <PageHeader title={t('team.versions.title')} actions={<Link to="/team/profile">{t('team.versions.back')}</Link>} />
      <ErrorBanner error={versions.error} />
      {versions.isPending ? <Loading /> : null}
      {items.length > 1 ? (
        <CompareForm key={`${from}-${to}`} items={items} from={from ?? Math.max(1, newest - 1)} to={to ?? newest} onCompare={compare} />
      ) : null}
      {versions.data ? (
        <Table
          caption={t('team.versions.caption')}
          columns={columns}
          rows={items}
          rowKey={(v) => String(v.version)}
          empty={t('team.versions.none')}
        />
      ) : null}
      {from !== null && to !== null && from !== to ? <VersionDiff from={from} to={to} /> : null}
    </>
  );
}
