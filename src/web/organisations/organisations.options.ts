// Translated option lists of organisation forms (kinds, criticality levels, services, asset kinds) and the
// badge tone of a criticality level.
import { useTranslation } from 'react-i18next';
import { ConstituentCriticality } from '#shared/incidents/criticality';
import { AssetKind, ConstituentService, OrganisationKind } from '#shared/organisations/organisations.schemas';
import type { BadgeTone } from '#web/ui/Badge';
import type { SelectOption } from '#web/ui/Select';

const criticalityTones: Record<ConstituentCriticality, BadgeTone> = { low: 'neutral', medium: 'neutral', high: 'warning', vital: 'danger' };
export const criticalityTone = (criticality: ConstituentCriticality): BadgeTone => criticalityTones[criticality];

export function useOrganisationOptions() {
  const { t } = useTranslation();
  return {
    kind: OrganisationKind.options.map((v): SelectOption => ({ value: v, label: t(`organisations.kind.${v}`) })),
    criticality: ConstituentCriticality.options.map((v): SelectOption => ({ value: v, label: t(`organisations.criticality.${v}`) })),
    service: ConstituentService.options.map((v): SelectOption => ({ value: v, label: t(`organisations.services.${v}`) })),
    assetKind: AssetKind.options.map((v): SelectOption => ({ value: v, label: t(`organisations.assetKindOne.${v}`) })),
  };
}
