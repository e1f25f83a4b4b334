// The route tree's root: keeps the UI language on the signed-in user's locale, shows a thin
// progress bar while a lazy page loads, renders the matched route, and holds the one unsaved-changes guard.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router';
import { useSession } from '#web/auth/auth.queries';
import { changeLocale } from '#web/i18n/index';
import { UnsavedChangesGuard } from '#web/ui/UnsavedChanges';

export function RootLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigation = useNavigation();
  const locale = session.data?.user.locale;

  useEffect(() => {
    if (locale) void changeLocale(locale);
  }, [locale]);

  return (
    <>
      {navigation.state === 'loading' ? <div className="route-progress" role="progressbar" aria-label={t('common.loading')} /> : null}
      <Outlet />
      <UnsavedChangesGuard />
    </>
  );
}
