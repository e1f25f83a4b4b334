// Reset dialogs for one account: a new password (typed, or generated and shown once; the user's
// sessions are revoked) and removing two-factor authentication (for a lost authenticator).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PasswordReset, type User } from '#shared/users/users.schemas';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { FormDialog } from '#web/ui/FormDialog';
import { submitMapped } from '#web/ui/forms';
import { SecretDialog } from '#web/ui/SecretReveal';
import { TextField } from '#web/ui/TextField';
import { useResetPassword, useResetTotp } from './users.queries';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const reset = useResetPassword();
  const [done, setDone] = useState<{ password: string | null } | null>(null);
  const form = useForm({ resolver: zodResolver(PasswordReset), defaultValues: { password: undefined } });

  const onSubmit = submitMapped(form, ['password'], async (values) => {
    setDone(await reset.mutateAsync({ id: user.id, password: values.password }));
  });

  if (done) {
    return (
      <SecretDialog
        title={t('users.resetPassword.doneTitle')}
        text={done.password === null ? t('users.resetPassword.doneText', { email: user.email }) : undefined}
        secret={
          done.password === null
            ? undefined
            : { label: t('users.resetPassword.generated'), value: done.password, warning: t('users.resetPassword.generatedWarning') }
        }
        onClose={onClose}
      />
    );
  }

  return (
    <FormDialog
      title={t('users.resetPassword.title', { email: user.email })}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('users.resetPassword.submit')}
      submitVariant="danger"
      busy={reset.isPending}
    >
      <p>{t('users.resetPassword.text')}</p>
      <ErrorBanner error={reset.error} mappedFields={['password']} />
      <TextField
        label={t('users.resetPassword.password')}
        type="password"
        autoComplete="new-password"
        hint={t('users.resetPassword.passwordHint')}
        error={fieldError(form.formState.errors.password)}
        {...form.register('password', { setValueAs: emptyToUndefined })}
      />
    </FormDialog>
  );
}

export function ResetTotpDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useResetTotp();
  return (
    <ConfirmDialog
      title={t('users.resetTotp.title', { email: user.email })}
      confirmLabel={t('users.resetTotp.submit')}
      busy={reset.isPending}
      error={reset.error}
      onClose={onClose}
      onConfirm={() => reset.mutate(user.id, { onSuccess: onClose })}
    >
      <p>{t('users.resetTotp.text', { name: user.name })}</p>
    </ConfirmDialog>
  );
}
