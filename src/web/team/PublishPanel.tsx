// Publication: sign and publish the last saved profile version in English or French (leads and admins).
// Success shows the public pages; a 422 lists the fields to complete, each a link to its input.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentLanguage, type PublicationSummary } from '#shared/team/team.schemas';
import { ApiError } from '#web/api';
import { currentLocale } from '#web/i18n/index';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { fieldNameOf } from '#web/ui/forms';
import { useFormatDateTime } from '#web/ui/format';
import { Select } from '#web/ui/Select';
import { MissingFields } from './MissingFields';
import { PublicLinks } from './PublicLinks';
import { usePublish } from './team.queries';

export interface PublishPanelProps {
  savedVersion: number;
  /** The editor holds changes not saved yet: they would not be published. */
  unsaved: boolean;
}

export function PublishPanel({ savedVersion, unsaved }: PublishPanelProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const publish = usePublish();
  const [language, setLanguage] = useState<DocumentLanguage>(currentLocale());
  const [done, setDone] = useState<PublicationSummary | null>(null);
  const incomplete = publish.error instanceof ApiError && publish.error.is('profile-incomplete') ? publish.error.fields : [];
  const options = DocumentLanguage.options.map((value) => ({ value, label: t(`team.publish.languages.${value}`) }));

  const onPublish = () => {
    setDone(null);
    publish.mutate({ language }, { onSuccess: setDone });
  };

  return (
    <section className="panel side-panel" aria-labelledby="team-publish-title">
      <h2 id="team-publish-title">{t('team.publish.title')}</h2>
      <p className="muted">{savedVersion === 0 ? t('team.publish.textNone') : t('team.publish.text', { version: savedVersion })}</p>
      {unsaved ? <p className="notice notice-warning">{t('team.publish.unsaved')}</p> : null}
      <Select
        label={t('team.publish.language')}
        options={options}
        value={language}
        onChange={(event) => {
          const parsed = DocumentLanguage.safeParse(event.target.value);
          if (parsed.success) setLanguage(parsed.data);
        }}
      />
      <Button variant="primary" busy={publish.isPending} onClick={onPublish}>
        {t('team.publish.submit')}
      </Button>
      <div aria-live="polite">
        {done ? (
          <div className="publish-done">
            <p className="status-ok">{t('team.publish.done', { version: done.profileVersion, date: formatDateTime(done.publishedAt) })}</p>
            <PublicLinks urls={done.urls} />
          </div>
        ) : null}
      </div>
      {publish.error ? (
        <div className="publish-error">
          <ErrorBanner error={publish.error} mappedFields={incomplete.map((f) => fieldNameOf(f.path))} />
          {incomplete.length > 0 ? (
            <>
              <p id="team-publish-missing">{t('team.publish.missing')}</p>
              <MissingFields fields={incomplete} labelledBy="team-publish-missing" />
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
