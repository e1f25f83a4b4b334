// Create or edit an organisation: name, kind, sector, criticality, subscribed services, country,
// website and notes. On creation the new organisation's page opens.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { OrganisationInput, type Organisation } from '#shared/organisations/organisations.schemas';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { Select } from '#web/ui/Select';
import { TextArea } from '#web/ui/TextArea';
import { TextField } from '#web/ui/TextField';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { useOrganisationOptions } from './organisations.options';
import { useCreateOrganisation, useUpdateOrganisation } from './organisations.queries';

const fields = ['name', 'kind', 'sector', 'criticality', 'services', 'country', 'website', 'notes'] as const;
const optional = (value: unknown) => (value === '' || value === null ? undefined : value);
const upper = (value: unknown) => (typeof value === 'string' && value !== '' ? value.toUpperCase() : undefined);

export function OrganisationFormDialog({ organisation, onClose }: { organisation?: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fieldError = useFieldErrorText();
  const options = useOrganisationOptions();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation(organisation?.id ?? '');
  const mutation = organisation ? update : create;
  const form = useForm({
    resolver: zodResolver(OrganisationInput),
    defaultValues: {
      name: organisation?.name ?? '',
      kind: organisation?.kind ?? 'constituent',
      sector: organisation?.sector ?? undefined,
      criticality: organisation?.criticality ?? undefined,
      services: organisation?.services ?? ['coordination'],
      country: organisation?.country ?? undefined,
      website: organisation?.website ?? undefined,
      notes: organisation?.notes ?? undefined,
    },
  });
  const { errors } = form.formState;
  const unsaved = useUnsavedChangesPrompt(form.formState.isDirty);

  const onSubmit = submitMapped(form, fields, async (values) => {
    if (organisation) {
      await update.mutateAsync(values);
      onClose();
      return;
    }
    const created = await create.mutateAsync(values);
    unsaved.release(); // saved: going to the new organisation is not leaving unsaved edits
    onClose();
    await navigate(`/organisations/${encodeURIComponent(created.id)}`);
  });

  return (
    <FormDialog
      title={organisation ? t('organisations.form.editTitle') : t('organisations.form.createTitle')}
      onClose={onClose}
      size="lg"
      onSubmit={onSubmit}
      submitLabel={organisation ? t('common.save') : t('organisations.form.create')}
      busy={mutation.isPending}
    >
      <ErrorBanner error={mutation.error} mappedFields={fields} />
      <TextField label={t('organisations.fields.name')} error={fieldError(errors.name)} {...form.register('name')} />
      <div className="field-row">
        <Select label={t('organisations.fields.kind')} options={options.kind} error={fieldError(errors.kind)} {...form.register('kind')} />
        <Select
          label={t('organisations.fields.criticality')}
          options={[{ value: '', label: t('organisations.form.noCriticality') }, ...options.criticality]}
          hint={t('organisations.form.criticalityHint')}
          error={fieldError(errors.criticality)}
          {...form.register('criticality', { setValueAs: optional })}
        />
      </div>
      <div className="field-row">
        <TextField
          label={t('organisations.fields.sector')}
          error={fieldError(errors.sector)}
          {...form.register('sector', { setValueAs: optional })}
        />
        <TextField
          label={t('organisations.fields.country')}
          className="field-short"
          maxLength={2}
          hint={t('organisations.form.countryHint')}
          error={fieldError(errors.country)}
          {...form.register('country', { setValueAs: upper })}
        />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('organisations.fields.services')}</legend>
        {options.service.map((o) => (
          <label key={o.value} className="checkbox-option">
            <input type="checkbox" value={o.value} {...form.register('services')} /> {o.label}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('organisations.fields.website')}
        type="url"
        error={fieldError(errors.website)}
        {...form.register('website', { setValueAs: optional })}
      />
      <TextArea
        label={t('organisations.fields.notes')}
        rows={3}
        error={fieldError(errors.notes)}
        {...form.register('notes', { setValueAs: optional })}
      />
    </FormDialog>
  );
}
