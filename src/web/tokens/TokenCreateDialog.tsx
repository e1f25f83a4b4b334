// "Create API token" dialog: name, role and an optional lifetime in days; the secret is then shown
// ONCE with a copy button and a warning, since the server keeps only its hash.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiTokenCreate } from '#shared/tokens/tokens.schemas';
import { Button } from '#web/ui/Button';
import { Dialog, DialogActions } from '#web/ui/Dialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { applyProblemFields } from '#web/ui/forms';
import { useRoleOptions } from '#web/ui/options';
import { SecretReveal } from '#web/ui/SecretReveal';
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

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync(values);
      setSecret({ name: created.token.name, value: created.secret });
    } catch (error) {
      applyProblemFields(error, form.setError, fields);
    }
  });

  if (secret) {
    return (
      <Dialog key="done" title={t('tokens.create.doneTitle')} onClose={onClose}>
        <p>{t('tokens.create.doneText', { name: secret.name })}</p>
        <SecretReveal label={t('tokens.create.secret')} value={secret.value} warning={t('tokens.create.secretWarning')} />
        <DialogActions>
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog key="form" title={t('tokens.create.title')} onClose={onClose}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
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
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('tokens.create.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
