// The live score preview of incident forms: the shared `scoreIncident`, with the organisation's
// criticality, or "medium" (what the server records for a constituent without one) when unknown, and the
// urgency; with what each input contributes, to show why.
import {
  scoreIncident,
  type ConstituentCriticality,
  type CriticalityResult,
  type IncidentExtent,
  type IncidentImpact,
} from '#shared/incidents/criticality';

export const DEFAULT_CONSTITUENT_CRITICALITY: ConstituentCriticality = 'medium';

export interface CriticalityPreview extends CriticalityResult {
  impact: IncidentImpact;
  extent: IncidentExtent;
  constituentCriticality: ConstituentCriticality;
  urgent: boolean;
  /** True when the organisation (or its criticality) is unknown and the default was used. */
  assumed: boolean;
}

export function previewCriticality(
  impact: IncidentImpact,
  extent: IncidentExtent,
  constituentCriticality: ConstituentCriticality | null | undefined,
  urgent = false,
): CriticalityPreview {
  const assumed = !constituentCriticality;
  const criticality = constituentCriticality ?? DEFAULT_CONSTITUENT_CRITICALITY;
  return {
    ...scoreIncident({ impact, extent, constituentCriticality: criticality, urgent }),
    impact,
    extent,
    constituentCriticality: criticality,
    urgent,
    assumed,
  };
}
