// "Change password" form of my account: current password, new password typed twice.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PasswordChange } from '#shared/auth/auth.schemas';
import { limits } from '#shared/limits';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { TextField } from '#web/ui/TextField';
import { useChangePassword } from './account.queries';

// The shared contract plus a confirmation typed twice, checked here only (never sent).
const PasswordChangeForm = PasswordChange.extend({ confirm: z.string() }).refine((v) => v.next === v.confirm, {
  message: 'Passwords do not match',
  path: ['confirm'],
});

const fields = ['current', 'next', 'confirm'] as const;

export function PasswordForm() {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const change = useChangePassword();
  const [saved, setSaved] = useState(false);
  const form = useForm({ resolver: zodResolver(PasswordChangeForm), defaultValues: { current: '', next: '', confirm: '' } });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async ({ current, next }) => {
    setSaved(false);
    await change.mutateAsync({ current, next });
    form.reset();
    setSaved(true);
  });

  return (
    <section className="panel" aria-labelledby="account-password">
      <h2 id="account-password">{t('account.password.title')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="form-narrow">
        <ErrorBanner error={change.error} mappedFields={fields} />
        <TextField
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          error={fieldError(errors.current)}
          {...form.register('current')}
        />
        <TextField
          label={t('account.password.next')}
          type="password"
          autoComplete="new-password"
          hint={t('account.password.hint', { min: limits.passwordMin })}
          error={fieldError(errors.next)}
          {...form.register('next')}
        />
        <TextField
          label={t('account.password.confirm')}
          type="password"
          autoComplete="new-password"
          error={fieldError(errors.confirm)}
          {...form.register('confirm')}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            {t('account.password.submit')}
          </Button>
          <p className="form-status" aria-live="polite">
            {saved ? t('account.password.saved') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
