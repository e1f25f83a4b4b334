// Translated option lists of incident forms: status, impact, extent, priority.
import { useTranslation } from 'react-i18next';
import { IncidentExtent, IncidentImpact, IncidentPriority } from '#shared/incidents/criticality';
import { IncidentStatus } from '#shared/incidents/incidents.schemas';
import type { SelectOption } from '#web/ui/Select';

export function useIncidentOptions() {
  const { t } = useTranslation();
  return {
    status: IncidentStatus.options.map((v): SelectOption => ({ value: v, label: t(`incidents.status.${v}`) })),
    impact: IncidentImpact.options.map((v): SelectOption => ({ value: v, label: t(`incidents.impact.${v}`) })),
    extent: IncidentExtent.options.map((v): SelectOption => ({ value: v, label: t(`incidents.extent.${v}`) })),
    priority: IncidentPriority.options.map((v): SelectOption => ({ value: v, label: v })),
  };
}
