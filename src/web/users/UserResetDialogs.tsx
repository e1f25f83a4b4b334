// Reset dialogs for one account: a new password (typed, or generated and shown once; the user's
// sessions are revoked) and removing two-factor authentication (for a lost authenticator).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PasswordReset, type User } from '#shared/users/users.schemas';
import { Button } from '#web/ui/Button';
import { ConfirmDialog } from '#web/ui/ConfirmDialog';
import { Dialog, DialogActions } from '#web/ui/Dialog';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { applyProblemFields } from '#web/ui/forms';
import { SecretReveal } from '#web/ui/SecretReveal';
import { TextField } from '#web/ui/TextField';
import { useResetPassword, useResetTotp } from './users.queries';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const reset = useResetPassword();
  const [done, setDone] = useState<{ password: string | null } | null>(null);
  const form = useForm({ resolver: zodResolver(PasswordReset), defaultValues: { password: undefined } });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      setDone(await reset.mutateAsync({ id: user.id, password: values.password }));
    } catch (error) {
      applyProblemFields(error, form.setError, ['password']);
    }
  });

  if (done) {
    return (
      <Dialog key="done" title={t('users.resetPassword.doneTitle')} onClose={onClose}>
        {done.password === null ? (
          <p>{t('users.resetPassword.doneText', { email: user.email })}</p>
        ) : (
          <SecretReveal
            label={t('users.resetPassword.generated')}
            value={done.password}
            warning={t('users.resetPassword.generatedWarning')}
          />
        )}
        <DialogActions>
          <Button variant="primary" onClick={onClose}>
            {t('common.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog key="form" title={t('users.resetPassword.title', { email: user.email })} onClose={onClose}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
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
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="danger" busy={reset.isPending}>
            {t('users.resetPassword.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
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
