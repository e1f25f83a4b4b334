// The frame of pages anyone may open without an account (report form, tracking page): the team's name as
// its published RFC 2350 document gives it, the language switch and the <main> landmark; no user data.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { api } from '#web/api';
import { PublicTeam } from '#shared/team/public-team.schemas';

export function usePublicTeam() {
  return useQuery({
    queryKey: ['public', 'team'],
    queryFn: ({ signal }) => api.get('/api/public/team', PublicTeam, signal),
    staleTime: 300_000,
  });
}

export function PublicLayout() {
  const { t } = useTranslation();
  const team = usePublicTeam().data;
  const name = team?.shortName ?? team?.name ?? t('common.appName');
  return (
    <div className="public-screen">
      <header className="public-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {name}
        </span>
        <LanguageSwitch className="public-language" />
      </header>
      <main id="main" className="public-main">
        <Outlet />
      </main>
      <footer className="public-footer muted">
        {t('layout.public.footer')}
        {team?.rfc2350 ? (
          <>
            {' '}
            <a href={team.rfc2350}>{t('layout.public.about', { name })}</a>
          </>
        ) : null}
      </footer>
    </div>
  );
}
