// The notifications indicator of the header: a button with the count of unacknowledged notifications
// (in its accessible name too) opening a panel that lists them, each with a link to its report or
// incident and "Acknowledge". Escape or leaving the panel closes it, like the user menu.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '#shared/duty/duty.schemas';
import { Badge, type BadgeTone } from '#web/ui/Badge';
import { Button } from '#web/ui/Button';
import { ErrorBanner } from '#web/ui/ErrorBanner';
import { useFormatDateTime } from '#web/ui/format';
import { useMessageText } from '#web/ui/messages';
import { usePopover } from '#web/ui/usePopover';
import { useAcknowledgeNotification, useNotifications } from './notifications.queries';

const kindTone: Record<Notification['kind'], BadgeTone> = {
  page: 'danger',
  escalation: 'danger',
  'sla-breach': 'danger',
  'sla-warning': 'warning',
  assignment: 'info',
};
const subjectPath = (n: Notification) => `/${n.subjectType === 'report' ? 'reports' : 'incidents'}/${encodeURIComponent(n.subjectId)}`;

export function NotificationsMenu() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const messageText = useMessageText();
  const notifications = useNotifications();
  const acknowledge = useAcknowledgeNotification();
  const popover = usePopover();
  const count = notifications.data?.unacknowledged ?? 0;
  const items = notifications.data?.items ?? [];

  return (
    <div className="notifications-menu" {...popover.rootProps}>
      <button className="notifications-button" {...popover.buttonProps}>
        <svg className="notifications-bell" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="visually-hidden">{t('notifications.button', { count })}</span>
        {count > 0 ? (
          <span className="notifications-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      <div className="notifications-panel" {...popover.panelProps}>
        <h2 className="notifications-title">{t('notifications.title')}</h2>
        <ErrorBanner error={notifications.error ?? acknowledge.error} />
        {items.length === 0 ? (
          <p className="muted">{t('notifications.empty')}</p>
        ) : (
          <ul className="notifications-list">
            {items.map((n) => (
              <li key={n.id} className={n.acknowledgedAt ? 'notification is-read' : 'notification'}>
                <p className="notification-head">
                  <Badge tone={kindTone[n.kind]}>{t(`notifications.kind.${n.kind}`)}</Badge>{' '}
                  <time dateTime={n.createdAt} className="muted">
                    {formatDateTime(n.createdAt)}
                  </time>
                </p>
                <p className="notification-message">
                  <Link to={subjectPath(n)} onClick={popover.close}>
                    {messageText({ key: n.messageKey, params: n.messageParams, fallback: n.message })}
                  </Link>
                </p>
                {n.acknowledgedAt ? (
                  <p className="muted">{t('notifications.acknowledged')}</p>
                ) : (
                  <Button size="sm" busy={acknowledge.isPending && acknowledge.variables === n.id} onClick={() => acknowledge.mutate(n.id)}>
                    {t('notifications.acknowledge')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
