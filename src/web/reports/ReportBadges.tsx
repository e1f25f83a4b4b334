// Report badges: status, triage decision, the urgent flag (its word is always shown, not only a colour) and an
// anonymous reporter.
import { useTranslation } from 'react-i18next';
import type { ReportStatus, TriageDecisionKind } from '#shared/reports/reports.schemas';
import type { z } from 'zod';
import { Badge, type BadgeTone } from '#web/ui/Badge';

const statusTone: Record<z.infer<typeof ReportStatus>, BadgeTone> = { new: 'info', triaged: 'success', closed: 'neutral' };

export function ReportStatusBadge({ status }: { status: z.infer<typeof ReportStatus> }) {
  const { t } = useTranslation();
  return <Badge tone={statusTone[status]}>{t(`reports.status.${status}`)}</Badge>;
}

export function DecisionBadge({ decision }: { decision: z.infer<typeof TriageDecisionKind> }) {
  const { t } = useTranslation();
  return <Badge tone={decision === 'incident' ? 'warning' : 'neutral'}>{t(`reports.decision.${decision}`)}</Badge>;
}

export function UrgentBadge() {
  const { t } = useTranslation();
  return <Badge tone="danger">{t('reports.urgent')}</Badge>;
}

export function AnonymousBadge() {
  const { t } = useTranslation();
  return (
    <span title={t('reports.queue.anonymousHint')}>
      <Badge tone="neutral">{t('reports.queue.anonymous')}</Badge>
    </span>
  );
}
