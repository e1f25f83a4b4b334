// A deadline in a table cell or header: the due time, with a "Breached" or "Due soon" badge.
import { useTranslation } from 'react-i18next';
import { Badge } from '#web/ui/Badge';
import { useFormatDateTime } from '#web/ui/format';
import { dueState, useNow } from './sla.format';

export function DueBadge({ dueAt, breached }: { dueAt: string | null; breached: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const state = dueState(dueAt, breached, useNow());
  return (
    <span className="due">
      {dueAt ? <time dateTime={dueAt}>{formatDateTime(dueAt)}</time> : <span className="muted">—</span>}
      {state === 'breached' ? <Badge tone="danger">{t('sla.due.breached')}</Badge> : null}
      {state === 'due-soon' ? <Badge tone="warning">{t('sla.due.soon')}</Badge> : null}
    </span>
  );
}
