// Changing an incident's status, owner, TLP and PAP (incidents:update). Sends only what changed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IncidentUpdate, type Incident } from '#shared/incidents/incidents.schemas';
import { useOwnerOptions } from '#web/users/owners';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { usePapOptions, useTlpOptions } from '#web/ui/markings';
import { Select } from '#web/ui/Select';
import { useUnsavedChangesPrompt } from '#web/ui/UnsavedChanges';
import { useIncidentOptions } from './incidents.options';
import { useUpdateIncident } from './incidents.queries';

const EditForm = IncidentUpdate.pick({ status: true, ownerId: true, tlp: true, pap: true });
const fields = ['status', 'ownerId', 'tlp', 'pap'] as const;

export function IncidentEditPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const options = useIncidentOptions();
  const owners = useOwnerOptions({ id: incident.ownerId, name: incident.ownerName });
  const tlpOptions = useTlpOptions();
  const papOptions = usePapOptions();
  const update = useUpdateIncident(incident.id);
  const form = useForm({
    resolver: zodResolver(EditForm),
    defaultValues: { status: incident.status, ownerId: incident.ownerId, tlp: incident.tlp, pap: incident.pap },
  });
  const { errors, isDirty } = form.formState;
  useUnsavedChangesPrompt(isDirty);

  const onSubmit = submitMapped(form, fields, async (values) => {
    const dirty = form.formState.dirtyFields;
    const patch: IncidentUpdate = {
      ...(dirty.status ? { status: values.status } : {}),
      ...(dirty.ownerId ? { ownerId: values.ownerId } : {}),
      ...(dirty.tlp ? { tlp: values.tlp } : {}),
      ...(dirty.pap ? { pap: values.pap } : {}),
    };
    await update.mutateAsync(patch);
    form.reset(values);
  });

  return (
    <section className="panel" aria-labelledby="incident-edit">
      <h2 id="incident-edit">{t('incidents.edit.title')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <ErrorBanner error={update.error} mappedFields={fields} />
        <Select
          label={t('incidents.fields.status')}
          options={options.status}
          error={fieldError(errors.status)}
          {...form.register('status')}
        />
        <Select
          label={t('incidents.fields.owner')}
          options={owners}
          error={fieldError(errors.ownerId)}
          {...form.register('ownerId', { setValueAs: (v: unknown) => (v === '' || v === null ? null : v) })}
        />
        <div className="field-row">
          <Select label={t('incidents.fields.tlp')} options={tlpOptions} error={fieldError(errors.tlp)} {...form.register('tlp')} />
          <Select label={t('incidents.fields.pap')} options={papOptions} error={fieldError(errors.pap)} {...form.register('pap')} />
        </div>
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!isDirty}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}
