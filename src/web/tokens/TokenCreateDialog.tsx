// "Create API token" dialog: name, role and an optional lifetime in days; the secret is then shown
// ONCE with a copy button and a warning, since the server keeps only its hash.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiTokenCreate } from '#shared/tokens/tokens.schemas';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { useRoleOptions } from '#web/ui/options';
import { SecretDialog } from '#web/ui/SecretReveal';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useCreateToken } from './tokens.queries';

const fields = ['name', 'role', 'expiresInDays'] as const;
const toOptionalNumber = (value: unknown) => (value === '' || value === undefined ? undefined : Number(value));

export function TokenCreateDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const roleOptions = useRoleOptions();
  const create = useCreateToken();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const form = useForm({
    resolver: zodResolver(ApiTokenCreate),
    defaultValues: { name: '', role: 'viewer', expiresInDays: 90 },
  });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async (values) => {
    const created = await create.mutateAsync(values);
    setSecret({ name: created.token.name, value: created.secret });
  });

  if (secret) {
    return (
      <SecretDialog
        title={t('tokens.create.doneTitle')}
        text={t('tokens.create.doneText', { name: secret.name })}
        secret={{ label: t('tokens.create.secret'), value: secret.value, warning: t('tokens.create.secretWarning') }}
        onClose={onClose}
      />
    );
  }

  return (
    <FormDialog
      title={t('tokens.create.title')}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('tokens.create.submit')}
      busy={create.isPending}
    >
      <ErrorBanner error={create.error} mappedFields={fields} />
      <TextField
        label={t('tokens.fields.name')}
        autoComplete="off"
        hint={t('tokens.create.nameHint')}
        error={fieldError(errors.name)}
        {...form.register('name')}
      />
      <div className="field-row">
        <Select
          label={t('tokens.fields.role')}
          options={roleOptions}
          hint={t('tokens.create.roleHint')}
          error={fieldError(errors.role)}
          {...form.register('role')}
        />
        <TextField
          label={t('tokens.create.expiresInDays')}
          type="number"
          min={1}
          max={3650}
          inputMode="numeric"
          hint={t('tokens.create.expiresHint')}
          error={fieldError(errors.expiresInDays)}
          {...form.register('expiresInDays', { setValueAs: toOptionalNumber })}
        />
      </div>
    </FormDialog>
  );
}
