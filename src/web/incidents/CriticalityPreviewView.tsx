// The live score and priority of an incident form, announced politely as the inputs change, with what each
// input contributes (why the score is what it is); `CriticalityFactors` also explains a recorded score.
import { useTranslation } from 'react-i18next';
import type { CriticalityFactors as Factors, IncidentPriority } from '#shared/incidents/criticality';
import { PriorityBadge } from '#web/ui/LabelBadges';
import type { CriticalityPreview } from './criticality.preview';

export interface ExplainedScore {
  impact: CriticalityPreview['impact'];
  extent: CriticalityPreview['extent'];
  constituentCriticality: CriticalityPreview['constituentCriticality'];
  urgent: boolean;
  score: number;
  priority: IncidentPriority;
  factors: Factors;
}

/** Each input and what it adds: impact multiplies the exposure, the others add to it (criticality.md). */
export function CriticalityFactors({ result }: { result: ExplainedScore }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const f = result.factors;
  const capped = Math.round(f.impact * f.exposure * 100) > 100;
  return (
    <ul className="criticality-factors" aria-label={t('incidents.why.title')}>
      <li>{t('incidents.why.impact', { impact: t(`incidents.impact.${result.impact}`), value: number.format(f.impact) })}</li>
      <li>{t('incidents.why.base', { value: number.format(f.base) })}</li>
      <li>{t('incidents.why.extent', { extent: t(`incidents.extent.${result.extent}`), value: number.format(f.extent) })}</li>
      <li>
        {t('incidents.why.constituent', {
          criticality: t(`organisations.criticality.${result.constituentCriticality}`),
          value: number.format(f.constituent),
        })}
      </li>
      <li className={result.urgent ? 'criticality-factor-urgent' : undefined}>
        {t('incidents.why.urgency', {
          urgency: t(result.urgent ? 'incidents.urgency.urgent' : 'incidents.urgency.notUrgent'),
          value: number.format(f.urgency),
        })}
      </li>
      <li>
        {t('incidents.why.result', {
          impact: number.format(f.impact),
          exposure: number.format(f.exposure),
          score: result.score,
          priority: result.priority,
        })}
        {capped ? ` ${t('incidents.why.capped')}` : null}
      </li>
    </ul>
  );
}

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
      <CriticalityFactors result={preview} />
    </div>
  );
}
