// Language switch (English / Français): changes i18next at once and, when signed in, saves the
// choice on the account (PATCH /api/me {locale}) so it follows the user to other browsers.
import { useTranslation } from 'react-i18next';
import { Locale } from '#shared/users/users.schemas';
import { useUpdateMe } from '#web/account/account.queries';
import { useSession } from '#web/auth/auth.queries';
import { changeLocale, currentLocale, locales } from '#web/i18n/index';
import { Select } from '#web/ui/Select';

export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const updateMe = useUpdateMe();
  const options = locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));

  const onChange = (value: string) => {
    const parsed = Locale.safeParse(value);
    if (!parsed.success) return;
    void changeLocale(parsed.data);
    if (session.data && session.data.user.locale !== parsed.data) updateMe.mutate({ locale: parsed.data });
  };

  return (
    <Select
      className={['language-switch', className ?? ''].filter(Boolean).join(' ')}
      label={t('language.label')}
      options={options}
      value={currentLocale()}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
