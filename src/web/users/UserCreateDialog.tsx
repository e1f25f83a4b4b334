// "Create user" dialog: e-mail, name, role (with the organisation of a constituent user), language and an
// optional password. When the server generated the password, it is shown once, with a copy button, before
// the dialog closes.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { UserCreate } from '#shared/users/users.schemas';
import { currentLocale } from '#web/i18n/index';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { useLocaleOptions, useRoleOptions } from '#web/ui/options';
import { SecretDialog } from '#web/ui/SecretReveal';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useOrganisationIndex } from '#web/organisations/organisations.queries';
import { useCreateUser } from './users.queries';

const fields = ['email', 'name', 'role', 'organisationId', 'locale', 'password'] as const;
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export function UserCreateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const roleOptions = useRoleOptions();
  const localeOptions = useLocaleOptions();
  const create = useCreateUser();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(UserCreate),
    defaultValues: { email: '', name: '', role: 'analyst', organisationId: undefined, locale: currentLocale(), password: undefined },
  });
  const { errors } = form.formState;
  // A constituent user acts for one organisation (the portal); team members belong to none.
  const isConstituent = form.watch('role') === 'constituent';
  const organisations = useOrganisationIndex();

  const onSubmit = submitMapped(form, fields, async (values) => {
    const result = await create.mutateAsync(values.role === 'constituent' ? values : { ...values, organisationId: undefined });
    if (result.initialPassword === null) {
      onClose();
      return;
    }
    setCreated({ email: result.user.email, password: result.initialPassword });
  });

  if (created) {
    return (
      <SecretDialog
        title={t('users.create.doneTitle')}
        text={t('users.create.doneText', { email: created.email })}
        secret={{ label: t('users.create.initialPassword'), value: created.password, warning: t('users.create.initialPasswordWarning') }}
        onClose={onClose}
      />
    );
  }

  return (
    <FormDialog
      title={t('users.create.title')}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('users.create.submit')}
      busy={create.isPending}
    >
      <ErrorBanner error={create.error} mappedFields={fields} />
      <TextField
        label={t('users.fields.email')}
        type="email"
        autoComplete="off"
        error={fieldError(errors.email)}
        {...form.register('email')}
      />
      <TextField label={t('users.fields.name')} autoComplete="off" error={fieldError(errors.name)} {...form.register('name')} />
      <div className="field-row">
        <Select label={t('users.fields.role')} options={roleOptions} error={fieldError(errors.role)} {...form.register('role')} />
        <Select label={t('users.fields.locale')} options={localeOptions} error={fieldError(errors.locale)} {...form.register('locale')} />
      </div>
      {isConstituent ? (
        <Select
          label={t('users.fields.organisation')}
          options={[
            { value: '', label: t('users.create.pickOrganisation') },
            ...organisations.items.map((o) => ({ value: o.id, label: o.name })),
          ]}
          error={fieldError(errors.organisationId)}
          {...form.register('organisationId', { setValueAs: emptyToUndefined })}
        />
      ) : null}
      <TextField
        label={t('users.create.password')}
        type="password"
        autoComplete="new-password"
        hint={t('users.create.passwordHint')}
        error={fieldError(errors.password)}
        {...form.register('password', { setValueAs: emptyToUndefined })}
      />
    </FormDialog>
  );
}
