// Two-factor authentication of my account: set up (server-made QR code and secret, confirmed with a
// code) and disable (with the password). The QR SVG is shown through an <img> data URL, never
// injected into the page, so markup from the server cannot run script or style the app.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TotpDisable, TotpEnable, type TotpSetup } from '#shared/auth/auth.schemas';
import { useSignedInSession } from '#web/auth/auth.queries';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { TextField } from '#web/ui/TextField';
import { useDisableTotp, useEnableTotp, useTotpSetup } from './account.queries';

export function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

function EnableForm({ setup, onCancel }: { setup: TotpSetup; onCancel: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const enable = useEnableTotp();
  const form = useForm({ resolver: zodResolver(TotpEnable), defaultValues: { code: '' } });

  const onSubmit = submitMapped(form, ['code'], async (values) => {
    await enable.mutateAsync(values);
  });

  return (
    <div className="totp-setup">
      <ol className="steps">
        <li>{t('account.totp.step1')}</li>
        <li>{t('account.totp.step2')}</li>
      </ol>
      <div className="totp-qr-row">
        <img className="totp-qr" src={qrDataUrl(setup.qrSvg)} alt={t('account.totp.qrAlt')} width={192} height={192} />
        <div>
          <p className="field-hint">{t('account.totp.secretText')}</p>
          <p>
            <code className="totp-secret">{setup.secret}</code>
          </p>
        </div>
      </div>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="form-narrow">
        <ErrorBanner error={enable.error} mappedFields={['code']} />
        <TextField
          label={t('account.totp.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          className="field-code"
          error={fieldError(form.formState.errors.code)}
          {...form.register('code')}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={enable.isPending}>
            {t('account.totp.enable')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </div>
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const disable = useDisableTotp();
  const form = useForm({ resolver: zodResolver(TotpDisable), defaultValues: { password: '' } });

  const onSubmit = submitMapped(form, ['password'], async (values) => {
    await disable.mutateAsync(values);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="form-narrow">
      <p>{t('account.totp.disableText')}</p>
      <ErrorBanner error={disable.error} mappedFields={['password']} />
      <TextField
        label={t('account.totp.password')}
        type="password"
        autoComplete="current-password"
        error={fieldError(form.formState.errors.password)}
        {...form.register('password')}
      />
      <Button type="submit" variant="danger" busy={disable.isPending}>
        {t('account.totp.disable')}
      </Button>
    </form>
  );
}

export function TotpSection() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const setup = useTotpSetup();

  return (
    <section className="panel" aria-labelledby="account-totp">
      <h2 id="account-totp">
        {t('account.totp.title')}{' '}
        {user.totpEnabled ? <Badge tone="success">{t('common.enabled')}</Badge> : <Badge tone="warning">{t('common.disabled')}</Badge>}
      </h2>
      {user.totpEnabled ? (
        <DisableForm />
      ) : setup.data ? (
        <EnableForm setup={setup.data} onCancel={() => setup.reset()} />
      ) : (
        <>
          <p>{t('account.totp.text')}</p>
          <ErrorBanner error={setup.error} />
          <Button variant="primary" busy={setup.isPending} onClick={() => setup.mutate()}>
            {t('account.totp.setup')}
          </Button>
        </>
      )}
    </section>
  );
}
