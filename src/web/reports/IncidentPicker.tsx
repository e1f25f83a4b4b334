// Picks an existing incident by reference or words ("Link to incident", "Duplicate of"): a search field
// and the matching incidents as radio buttons.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIncidentSearch } from '#web/incidents/incidents.queries';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { PriorityBadge } from '#web/ui/LabelBadges';
import { TextField } from '#web/ui/TextField';

export function IncidentPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useIncidentSearch(q.trim());
  const name = useId();
  const items = search.data?.items ?? [];

  return (
    <div className="incident-picker">
      <TextField label={t('reports.triage.searchIncident')} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      <ErrorBanner error={search.error} />
      <fieldset className="picker-results">
        <legend>{t('reports.triage.pickIncident')}</legend>
        {items.length === 0 && !search.isPending ? <p className="muted">{t('reports.triage.noIncident')}</p> : null}
        {items.map((incident) => (
          <label key={incident.id} className="picker-option">
            <input type="radio" name={name} value={incident.id} checked={value === incident.id} onChange={() => onChange(incident.id)} />
            <span className="record-reference">{incident.reference}</span> <PriorityBadge priority={incident.priority} /> {incident.title}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
