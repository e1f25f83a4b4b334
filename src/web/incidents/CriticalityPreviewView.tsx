// The live score and priority of an incident form, announced politely as the inputs change.
import { useTranslation } from 'react-i18next';
import { PriorityBadge } from '#web/ui/LabelBadges';
import type { CriticalityPreview } from './criticality.preview';

export function CriticalityPreviewView({ preview }: { preview: CriticalityPreview }) {
  const { t } = useTranslation();
  return (
    <div className="criticality-preview" aria-live="polite" title={preview.explanation}>
      <span className="criticality-score">
        {t('incidents.preview.score')} <strong>{preview.score}</strong>
      </span>
      <PriorityBadge priority={preview.priority} />
      <span className="muted">
        {preview.assumed
          ? t('incidents.preview.assumed', { criticality: t(`organisations.criticality.${preview.constituentCriticality}`) })
          : t('incidents.preview.constituent', { criticality: t(`organisations.criticality.${preview.constituentCriticality}`) })}
      </span>
    </div>
  );
}
