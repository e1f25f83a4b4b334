// The messages of one report (mail that opened it or answered it), oldest first: the conversation as it came in.
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { Loading } from '#web/ui/Page';
import { MailMessages } from './MailMessages';
import { useMailbox } from './mailbox.queries';

export function ReportMessages({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const messages = useMailbox('all', reportId);
  if (messages.isPending) return <Loading />;
  if (messages.isError) return <ErrorBanner error={messages.error} />;
  const rows = messages.data.pages.flatMap((p) => p.items).reverse();
  if (rows.length === 0) return null;
  return (
    <section className="record-section" aria-labelledby="report-messages">
      <h2 id="report-messages">{t('mailbox.report.title')}</h2>
      <MailMessages caption={t('mailbox.report.caption')} empty={t('mailbox.page.empty')} messages={rows} onReport />
    </section>
  );
}
