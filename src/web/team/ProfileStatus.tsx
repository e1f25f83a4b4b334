// The profile's status: which version is saved (by whom, when), what a publication still lacks (links
// that focus each input) and the last publication with its public pages.
import { useTranslation } from 'react-i18next';
import type { ProfileState } from '#shared/team/team.schemas';
import { useFormatDateTime } from '#web/ui/format';
import { Link } from 'react-router';
import { MissingFields } from './MissingFields';
import { PublicLinks } from './PublicLinks';

export function ProfileStatus({ state }: { state: ProfileState }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const published = state.published;
  return (
    <section className="panel side-panel" aria-labelledby="team-status-title">
      <h2 id="team-status-title">{t('team.status.title')}</h2>
      {state.version === 0 ? (
        <p>{t('team.status.neverSaved')}</p>
      ) : (
        <p>
          {t('team.status.saved', {
            version: state.version,
            author: state.authorLabel ?? t('team.status.unknownAuthor'),
            date: formatDateTime(state.savedAt),
          })}
          {state.note ? <span className="status-note"> “{state.note}”</span> : null}
        </p>
      )}
      {state.version > 0 ? <Link to="/team/profile/versions">{t('team.status.versionsLink')}</Link> : null}
      <h3 id="team-missing-title">{t('team.status.missingTitle')}</h3>
      {state.missing.length === 0 ? (
        <p className="status-ok">{t('team.status.complete')}</p>
      ) : (
        <MissingFields fields={state.missing} labelledBy="team-missing-title" />
      )}
      <h3>{t('team.status.publishedTitle')}</h3>
      {published ? (
        <>
          <p>
            {t('team.status.published', {
              version: published.profileVersion,
              language: t(`team.publish.languages.${published.language}`),
              date: formatDateTime(published.publishedAt),
            })}
          </p>
          <PublicLinks urls={published.urls} />
        </>
      ) : (
        <p className="muted">{t('team.status.notPublished')}</p>
      )}
    </section>
  );
}
