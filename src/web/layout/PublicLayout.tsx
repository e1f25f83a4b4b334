// The frame of pages anyone may open without an account (report form, tracking page): the name,
// the language switch and the <main> landmark; no navigation and no user data.
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';

export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="public-screen">
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('common.appName')}
        </span>
        <LanguageSwitch className="public-language" />
      </header>
      <main id="main" className="public-main">
        <Outlet />
      </main>
      <footer className="public-footer muted">{t('layout.public.footer')}</footer>
    </div>
  );
}
