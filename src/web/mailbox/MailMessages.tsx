// Messages as the team reads them: when, from whom, the subject, what became of each (with the reason when it was
// ignored or quarantined), how it was protected and whether its signature holds; the readable text on demand.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MailMessage } from '#shared/mailbox/mailbox.schemas';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { useFormatDateTime } from '#web/ui/format';
import { Table, type Column } from '#web/ui/Table';

const statusTone: Record<MailMessage['status'], BadgeTone> = {
  received: 'info',
  processed: 'success',
  ignored: 'neutral',
  quarantined: 'danger',
};
const statusKey = (m: MailMessage) => (m.direction === 'out' && m.status === 'processed' ? 'sent' : m.status);
const signatureTone: Record<NonNullable<MailMessage['signature']>, BadgeTone> = {
  none: 'neutral',
  valid: 'success',
  'unknown-key': 'warning',
  bad: 'danger',
};

export function MailMessages(props: {
  caption: string;
  empty: string;
  messages: MailMessage[];
  onReprocess?: ((m: MailMessage) => void) | undefined;
  busyId?: string | null | undefined;
  /** On the report's own page: no link back to it. */
  onReport?: boolean;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const columns: Column<MailMessage>[] = [
    {
      key: 'at',
      header: t('mailbox.table.when'),
      cell: (m) => (
        <span className="mail-outcome">
          <Badge tone={m.direction === 'out' ? 'info' : 'neutral'}>{t(`mailbox.direction.${m.direction}`)}</Badge>
          <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
        </span>
      ),
      className: 'nowrap',
    },
    {
      key: 'from',
      header: t('mailbox.table.from'),
      cell: (m) => (
        <span>
          {m.fromName ? `${m.fromName} ` : ''}
          <code>{m.fromAddress ?? m.envelopeFrom ?? t('mailbox.unknownSender')}</code>
          {m.direction === 'out' ? (
            <>
              {' '}
              → <code>{m.toAddresses.join(', ')}</code>
            </>
          ) : null}
        </span>
      ),
    },
    {
      key: 'subject',
      header: t('mailbox.table.subject'),
      cell: (m) => (
        <details>
          <summary>{m.subject || t('mailbox.noSubject')}</summary>
          {m.text ? <pre className="mail-text">{m.text}</pre> : <p className="muted">{t('mailbox.noText')}</p>}
          {m.attachments.length ? (
            <p className="muted">{t('mailbox.attachments', { names: m.attachments.map((a) => a.filename).join(', ') })}</p>
          ) : null}
        </details>
      ),
      className: 'summary',
    },
    {
      key: 'protection',
      header: t('mailbox.table.protection'),
      cell: (m) => (
        <span className="badges">
          {m.encryption && m.encryption !== 'none' ? <Badge tone="info">{t(`mailbox.encryption.${m.encryption}`)}</Badge> : null}
          {m.signature ? (
            <Badge tone={signatureTone[m.signature]}>
              <span title={m.signerKey ?? undefined}>{t(`mailbox.signature.${m.signature}`)}</span>
            </Badge>
          ) : null}
        </span>
      ),
    },
    {
      key: 'outcome',
      header: t('mailbox.table.outcome'),
      cell: (m) => (
        <span className="mail-outcome">
          <Badge tone={statusTone[m.status]}>{t(`mailbox.status.${statusKey(m)}`)}</Badge>
          {m.reasonCode ? <span title={m.reason ?? undefined}>{t(`mailbox.reason.${m.reasonCode}`)}</span> : null}
          {m.reportId && !props.onReport ? <Link to={`/reports/${m.reportId}`}>{t('mailbox.openReport')}</Link> : null}
          {m.incidentId ? <Link to={`/incidents/${m.incidentId}`}>{t('mailbox.openIncident')}</Link> : null}
          {m.status === 'quarantined' && props.onReprocess ? (
            <Button busy={props.busyId === m.id} onClick={() => props.onReprocess?.(m)}>
              {t('mailbox.reprocess')}
            </Button>
          ) : null}
        </span>
      ),
    },
  ];
  return <Table caption={props.caption} columns={columns} rows={props.messages} rowKey={(m) => m.id} empty={props.empty} />;
}
