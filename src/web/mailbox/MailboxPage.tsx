// The team's mailbox: every message received, with views for what needs a look (quarantined, not on any report,
// ignored as automatic), "load older" paging, and processing a quarantined message again once its cause is fixed.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading, PageHeader } from '#web/ui/Page';
import { MailMessages } from './MailMessages';
import { mailboxViews, useMailbox, useReprocess, type MailboxView } from './mailbox.queries';

export function MailboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view: MailboxView = mailboxViews.find((v) => v === asked) ?? 'all';
  const messages = useMailbox(view);
  const reprocess = useReprocess();
  const rows = messages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('mailbox.page.title')} />
      <p className="muted">{t('mailbox.page.intro')}</p>
      <nav aria-label={t('mailbox.page.views')} className="mailbox-views">
        {mailboxViews.map((v) => (
          <Button
            key={v}
            variant={v === view ? 'primary' : 'secondary'}
            aria-pressed={v === view}
            onClick={() => setParams(v === 'all' ? {} : { view: v })}
          >
            {t(`mailbox.view.${v}`)}
          </Button>
        ))}
      </nav>
      <ErrorBanner error={messages.error ?? reprocess.error} />
      {messages.isPending ? (
        <Loading />
      ) : (
        <>
          <MailMessages
            caption={t(`mailbox.view.${view}`)}
            empty={t('mailbox.page.empty')}
            messages={rows}
            onReprocess={(m) => reprocess.mutate(m.id)}
            busyId={reprocess.isPending ? reprocess.variables : null}
          />
          <div className="table-footer">
            <p className="muted" aria-live="polite">
              {t('mailbox.page.count', { count: rows.length })}
            </p>
            {messages.hasNextPage ? (
              <Button busy={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
                {t('mailbox.page.loadOlder')}
              </Button>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
