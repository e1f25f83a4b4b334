// Sign-in screen: e-mail and password, then a one-time code when the account has TOTP enabled.
// A successful step stores the session; the page then redirects to the remembered target.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { Login, TotpLogin } from '#shared/auth/auth.schemas';
import { LanguageSwitch } from '#web/layout/LanguageSwitch';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { applyProblemFields, submitMapped } from '#web/ui/forms';
import { usePageTitle } from '#web/ui/Page';
import { TextField } from '#web/ui/TextField';
import { useLogin, useSession, useTotpLogin } from './auth.queries';
import { safeNext } from './guards';

function PasswordStep({ onTotpRequired }: { onTotpRequired: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const login = useLogin();
  const form = useForm({ resolver: zodResolver(Login), defaultValues: { email: '', password: '' } });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, ['email', 'password'], async (values) => {
    const result = await login.mutateAsync(values);
    if (result.status === 'totp-required') onTotpRequired();
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.login.title')}</h1>
      <ErrorBanner error={login.error} mappedFields={['email', 'password']} />
      <TextField
        label={t('auth.login.email')}
        type="email"
        autoComplete="username"
        autoFocus
        error={fieldError(errors.email)}
        {...form.register('email')}
      />
      <TextField
        label={t('auth.login.password')}
        type="password"
        autoComplete="current-password"
        error={fieldError(errors.password)}
        {...form.register('password')}
      />
      <Button type="submit" variant="primary" className="btn-block" busy={login.isPending}>
        {t('auth.login.submit')}
      </Button>
    </form>
  );
}

function TotpStep({ onRestart }: { onRestart: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const totp = useTotpLogin();
  const form = useForm({ resolver: zodResolver(TotpLogin), defaultValues: { code: '' } });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await totp.mutateAsync(values);
    } catch (error) {
      applyProblemFields(error, form.setError, ['code']);
      form.setValue('code', '');
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="totp-title">
      <h1 id="totp-title">{t('auth.totp.title')}</h1>
      <p className="muted">{t('auth.totp.text')}</p>
      <ErrorBanner error={totp.error} mappedFields={['code']} />
      <TextField
        label={t('auth.totp.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        autoFocus
        className="field-code"
        error={fieldError(form.formState.errors.code)}
        {...form.register('code')}
      />
      <Button type="submit" variant="primary" className="btn-block" busy={totp.isPending}>
        {t('auth.totp.submit')}
      </Button>
      <Button variant="ghost" className="btn-block" onClick={onRestart}>
        {t('auth.totp.restart')}
      </Button>
    </form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const session = useSession();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  usePageTitle(t('auth.login.title'));

  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  return (
    <div className="login-screen">
      <header className="login-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('common.appName')}
        </span>
      </header>
      <main id="main" className="login-main">
        <div className="login-card">
          {step === 'password' ? (
            <PasswordStep onTotpRequired={() => setStep('totp')} />
          ) : (
            <TotpStep onRestart={() => setStep('password')} />
          )}
        </div>
        <LanguageSwitch className="login-language" />
      </main>
    </div>
  );
}
