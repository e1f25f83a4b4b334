// Incident list filters, kept in the URL: status, priority, organisation, owner and free text.
import { z } from 'zod';
import { IncidentPriority } from '#shared/incidents/criticality';
import { IncidentStatus } from '#shared/incidents/incidents.schemas';
import { filtersFromParams, type FiltersOf } from '#web/ui/urlFilters';

export const incidentFilterSpec = {
  status: IncidentStatus,
  priority: IncidentPriority,
  organisationId: z.uuid(),
  ownerId: z.uuid(),
  q: z.string().max(200),
};
export type IncidentFilters = FiltersOf<typeof incidentFilterSpec>;

export const incidentFiltersFromParams = (params: URLSearchParams): IncidentFilters => filtersFromParams(params, incidentFilterSpec);
