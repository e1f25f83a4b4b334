// Filters of the incident list: status, priority, organisation and owner apply at once; text on Enter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import { Button } from '#web/ui/Button';
import type { SelectOption } from '#web/ui/Select';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import type { IncidentFilters as Filters } from './incident.filters';
import { useIncidentOptions } from './incidents.options';

export interface IncidentFiltersProps {
  filters: Filters;
  organisations: readonly Organisation[];
  owners: readonly SelectOption[];
  onChange: (filters: Partial<Record<keyof Filters, string>>) => void;
}

export function IncidentFilters({ filters, organisations, owners, onChange }: IncidentFiltersProps) {
  const { t } = useTranslation();
  const options = useIncidentOptions();
  const [q, setQ] = useState(filters.q ?? '');
  const any = { value: '', label: t('incidents.list.any') };
  const set = (patch: Partial<Record<keyof Filters, string>>) => onChange({ ...filters, ...patch });

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('incidents.list.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: q.trim() || undefined });
      }}
    >
      <Select
        label={t('incidents.fields.status')}
        options={[any, ...options.status]}
        value={filters.status ?? ''}
        onChange={(e) => set({ status: e.target.value || undefined })}
      />
      <Select
        label={t('incidents.fields.priority')}
        options={[any, ...options.priority]}
        value={filters.priority ?? ''}
        onChange={(e) => set({ priority: e.target.value || undefined })}
      />
      <Select
        label={t('incidents.fields.organisation')}
        options={[any, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
        value={filters.organisationId ?? ''}
        onChange={(e) => set({ organisationId: e.target.value || undefined })}
      />
      <Select
        label={t('incidents.fields.owner')}
        options={[any, ...owners.filter((o) => o.value !== '')]}
        value={filters.ownerId ?? ''}
        onChange={(e) => set({ ownerId: e.target.value || undefined })}
      />
      <TextField label={t('incidents.list.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {t('incidents.list.apply')}
        </Button>
        <Button
          onClick={() => {
            setQ('');
            onChange({});
          }}
        >
          {t('incidents.list.clear')}
        </Button>
      </div>
    </form>
  );
}
