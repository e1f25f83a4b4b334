// The organisation a report concerns: the assigned one, the organisations its observables suggest as
// one-click assignments, and any other organisation from a list (for those who triage).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import type { Report } from '#shared/reports/reports.schemas';
import { OrganisationLink } from '#web/organisations/OrganisationLink';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Select } from '#web/ui/Select';
import { useUpdateReport } from './reports.queries';

export interface ReportOrganisationPanelProps {
  report: Report;
  organisations: readonly Organisation[];
  byId: ReadonlyMap<string, Organisation>;
  canTriage: boolean;
}

export function ReportOrganisationPanel({ report, organisations, byId, canTriage }: ReportOrganisationPanelProps) {
  const { t } = useTranslation();
  const update = useUpdateReport(report.id);
  const [picked, setPicked] = useState('');
  const suggestions = report.suggestedOrganisationIds.filter((id) => id !== report.organisationId);
  const assign = (organisationId: string | null) => update.mutate({ organisationId });

  return (
    <section className="panel" aria-labelledby="report-organisation">
      <h2 id="report-organisation">{t('reports.organisation.title')}</h2>
      <p>
        {report.organisationId ? (
          <OrganisationLink id={report.organisationId} byId={byId} name={report.organisationName} />
        ) : (
          <span className="muted">{t('reports.organisation.none')}</span>
        )}
      </p>
      <ErrorBanner error={update.error} />
      {canTriage && suggestions.length > 0 ? (
        <>
          <h3>{t('reports.organisation.suggested')}</h3>
          <ul className="suggestions">
            {suggestions.map((id) => (
              <li key={id}>
                <Button size="sm" busy={update.isPending} onClick={() => assign(id)}>
                  {t('reports.organisation.assignTo', { name: byId.get(id)?.name ?? id.slice(0, 8) })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canTriage ? (
        <form
          className="assign-form"
          onSubmit={(event) => {
            event.preventDefault();
            assign(picked === '' ? null : picked);
          }}
        >
          <Select
            label={t('reports.organisation.other')}
            options={[
              { value: '', label: t('reports.organisation.noneOption') },
              ...organisations.map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={picked}
            onChange={(event) => setPicked(event.target.value)}
          />
          <Button type="submit" busy={update.isPending}>
            {t('reports.organisation.assign')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
