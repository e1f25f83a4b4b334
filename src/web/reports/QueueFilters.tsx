// Filters of the triage queue: status, urgent and organisation apply at once; the text search applies
// on Enter. "/" focuses the search field (announced with aria-keyshortcuts).
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import { ReportStatus } from '#shared/reports/reports.schemas';
import { Button } from '#web/ui/Button';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import type { QueueFilters as Filters } from './queue.filters';

export interface QueueFiltersProps {
  filters: Filters;
  organisations: readonly Organisation[];
  searchRef: Ref<HTMLInputElement>;
  onChange: (filters: Partial<Record<keyof Filters, string>>) => void;
}

export function QueueFilters({ filters, organisations, searchRef, onChange }: QueueFiltersProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const statusOptions = [
    ...ReportStatus.options.map((s) => ({ value: s, label: t(`reports.status.${s}`) })),
    { value: 'all', label: t('reports.queue.allStatuses') },
  ];
  const urgentOptions = [
    { value: '', label: t('reports.queue.anyUrgency') },
    { value: 'true', label: t('reports.queue.urgentOnly') },
    { value: 'false', label: t('reports.queue.notUrgent') },
  ];
  const organisationOptions = [
    { value: '', label: t('reports.queue.anyOrganisation') },
    ...organisations.map((o) => ({ value: o.id, label: o.name })),
  ];
  const set = (patch: Partial<Record<keyof Filters, string>>) => onChange({ ...filters, ...patch });

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('reports.queue.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: q.trim() || undefined });
      }}
    >
      <Select
        label={t('reports.queue.status')}
        options={statusOptions}
        value={filters.status ?? 'new'}
        onChange={(e) => set({ status: e.target.value })}
      />
      <Select
        label={t('reports.queue.urgent')}
        options={urgentOptions}
        value={filters.urgent ?? ''}
        onChange={(e) => set({ urgent: e.target.value || undefined })}
      />
      <Select
        label={t('reports.queue.organisation')}
        options={organisationOptions}
        value={filters.organisationId ?? ''}
        onChange={(e) => set({ organisationId: e.target.value || undefined })}
      />
      <TextField
        ref={searchRef}
        label={t('reports.queue.search')}
        type="search"
        value={q}
        aria-keyshortcuts="/"
        onChange={(e) => setQ(e.target.value)}
      />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {t('reports.queue.apply')}
        </Button>
        <Button
          onClick={() => {
            setQ('');
            onChange({});
          }}
        >
          {t('reports.queue.clear')}
        </Button>
      </div>
    </form>
  );
}
