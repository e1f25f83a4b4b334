// Incident status and urgency badges (the priority badge lives in ui/LabelBadges, shared with notifications and
// the portal). The urgency badge says its word, not only a colour.
import { useTranslation } from 'react-i18next';
import type { IncidentStatus } from '#shared/incidents/incidents.schemas';
import { Badge, type BadgeTone } from '#web/ui/Badge';

const tone: Record<IncidentStatus, BadgeTone> = {
  open: 'info',
  'in-progress': 'warning',
  waiting: 'neutral',
  resolved: 'success',
  closed: 'neutral',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tone[status]}>{t(`incidents.status.${status}`)}</Badge>;
}

export function IncidentUrgentBadge() {
  const { t } = useTranslation();
  return <Badge tone="danger">{t('incidents.urgency.urgent')}</Badge>;
}
