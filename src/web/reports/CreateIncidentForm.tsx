// "Create incident" from a report: a compact form pre-filled from the report (title, organisation, TLP,
// urgency) with triage's proposal for the rest and why it proposes it, and the live score and priority with
// what each input adds. "Confirm" sends the triage decision.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { suggestTriage, type TriageSuggestion } from '#shared/incidents/triage-suggestion';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { IncidentInput } from '#shared/incidents/incidents.schemas';
import type { Organisation } from '#shared/organisations/organisations.schemas';
import type { Report } from '#shared/reports/reports.schemas';
import { CategoryFields } from '#web/incidents/CategoryFields';
import { ScoreFields } from '#web/incidents/ScoreFields';
import { Button } from '#web/ui/Button';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { useTlpOptions } from '#web/ui/markings';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';

export const NewIncidentForm = IncidentInput.pick({
  title: true,
  categoryClass: true,
  categoryType: true,
  impact: true,
  extent: true,
  urgent: true,
  organisationId: true,
  tlp: true,
});
export type NewIncidentForm = z.infer<typeof NewIncidentForm>;

const fields = ['title', 'categoryClass', 'categoryType', 'impact', 'extent', 'urgent', 'organisationId', 'tlp'] as const;

/** What the form starts with: the report's title, organisation (or first suggestion), TLP and urgency, and the
 * category, impact and extent triage proposes (the same proposal the server records when none is sent). */
export function newIncidentDefaults(report: Report): NewIncidentForm {
  const suggested = suggestTriage(report);
  return {
    title: report.title,
    categoryClass: suggested.categoryClass,
    categoryType: suggested.categoryType,
    impact: suggested.impact,
    extent: suggested.extent,
    urgent: suggested.urgent,
    organisationId: report.organisationId ?? report.suggestedOrganisationIds[0] ?? null,
    tlp: report.tlp,
  };
}

/** Why triage proposes what it does, from the report alone (the analyst's changes show in the score below). */
function ProposalReasons({ suggested }: { suggested: TriageSuggestion }) {
  const { t, i18n } = useTranslation();
  const lower = (s: string) => s.toLocaleLowerCase(i18n.language);
  const impact = lower(t(`incidents.impact.${suggested.impact}`));
  const extent = lower(t(`incidents.extent.${suggested.extent}`));
  const { categoryWord, systems, owned } = suggested.because;
  return (
    <ul className="proposal-reasons" aria-label={t('incidents.proposal.title')}>
      <li>{t(suggested.urgent ? 'incidents.proposal.urgent' : 'incidents.proposal.notUrgent', { impact })}</li>
      <li>{categoryWord ? t('incidents.proposal.category', { word: categoryWord }) : t('incidents.proposal.noCategory')}</li>
      <li>
        {systems === 0
          ? t('incidents.proposal.noSystems', { extent })
          : t(owned ? 'incidents.proposal.systemsOwned' : 'incidents.proposal.systemsAny', { extent, count: systems })}
      </li>
    </ul>
  );
}

export interface CreateIncidentFormProps {
  report: Report;
  organisations: readonly Organisation[];
  busy: boolean;
  onConfirm: (values: NewIncidentForm) => Promise<void>;
  onCancel: () => void;
}

export function CreateIncidentForm({ report, organisations, busy, onConfirm, onCancel }: CreateIncidentFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const tlpOptions = useTlpOptions();
  const form = useForm({ resolver: zodResolver(NewIncidentForm), defaultValues: newIncidentDefaults(report) });
  const suggested = useMemo(() => suggestTriage(report), [report]);
  const { errors } = form.formState;
  const [categoryClass, categoryType, organisationId] = form.watch(['categoryClass', 'categoryType', 'organisationId']);
  const organisation = organisations.find((o) => o.id === organisationId);
  const organisationOptions = [
    { value: '', label: t('reports.triage.noOrganisation') },
    ...organisations.map((o) => ({ value: o.id, label: o.name })),
  ];

  const onSubmit = submitMapped(form, fields, async (values) => {
    await onConfirm(values);
  });

  return (
    <FormProvider {...form}>
      <form className="triage-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={t('reports.triage.createTitle')}>
        <h4 className="proposal-title">{t('incidents.proposal.title')}</h4>
        <ProposalReasons suggested={suggested} />
        <TextField label={t('incidents.fields.title')} error={fieldError(errors.title)} {...form.register('title')} />
        <CategoryFields
          categoryClass={categoryClass}
          categoryType={categoryType}
          classError={fieldError(errors.categoryClass)}
          typeError={fieldError(errors.categoryType)}
          onChange={(next) => {
            form.setValue('categoryClass', next.categoryClass, { shouldDirty: true });
            form.setValue('categoryType', next.categoryType, { shouldDirty: true });
          }}
        />
        <ScoreFields constituentCriticality={organisation?.criticality}>
          <div className="field-row">
            <Select
              label={t('incidents.fields.organisation')}
              options={organisationOptions}
              error={fieldError(errors.organisationId)}
              {...form.register('organisationId', { setValueAs: (v: unknown) => (v === '' || v === null ? null : v) })}
            />
            <Select label={t('incidents.fields.tlp')} options={tlpOptions} error={fieldError(errors.tlp)} {...form.register('tlp')} />
          </div>
        </ScoreFields>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('reports.triage.confirm')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </FormProvider>
  );
}
