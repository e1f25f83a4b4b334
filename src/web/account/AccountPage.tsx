// "My account": profile (name, language), password change and two-factor authentication.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MeUpdate } from '#shared/auth/auth.schemas';
import { useSignedInSession } from '#web/auth/auth.queries';
import { Badge } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFieldErrorText } from '#web/ui/fieldErrors';
import { submitMapped } from '#web/ui/forms';
import { useLocaleOptions } from '#web/ui/options';
import { PageHeader } from '#web/ui/Page';
import { Select } from '#web/ui/Select';
import { TextField } from '#web/ui/TextField';
import { useUpdateMe } from './account.queries';
import { PasswordForm } from './PasswordForm';
import { TotpSection } from './TotpSection';

const fields = ['name', 'locale'] as const;

function ProfileForm() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const fieldError = useFieldErrorText();
  const localeOptions = useLocaleOptions();
  const update = useUpdateMe();
  const [saved, setSaved] = useState(false);
  // `values` follows the session, so a language switched from the user menu shows here too;
  // fields being edited are kept.
  const form = useForm({
    resolver: zodResolver(MeUpdate),
    values: { name: user.name, locale: user.locale },
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;

  const onSubmit = submitMapped(form, fields, async (values) => {
    setSaved(false);
    await update.mutateAsync(values);
    setSaved(true);
  });

  return (
    <section className="panel" aria-labelledby="account-profile">
      <h2 id="account-profile">{t('account.profile.title')}</h2>
      <dl className="details">
        <dt>{t('account.profile.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account.profile.role')}</dt>
        <dd>
          <Badge tone="info">{t(`roles.${user.role}`)}</Badge>
        </dd>
      </dl>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="form-narrow">
        <ErrorBanner error={update.error} mappedFields={fields} />
        <TextField label={t('account.profile.name')} autoComplete="name" error={fieldError(errors.name)} {...form.register('name')} />
        <Select
          label={t('account.profile.locale')}
          options={localeOptions}
          error={fieldError(errors.locale)}
          {...form.register('locale')}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t('common.save')}
          </Button>
          <p className="form-status" aria-live="polite">
            {saved ? t('account.profile.saved') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('account.page.title')} />
      <div className="stack">
        <ProfileForm />
        <PasswordForm />
        <TotpSection />
      </div>
    </>
  );
}
