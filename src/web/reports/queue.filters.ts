// Triage queue filters, kept in the URL: status (default "new", the backlog; "all" for every status),
// urgent, organisation and free text; and the query the API is asked.
import { z } from 'zod';
import { ReportStatus } from '#shared/reports/reports.schemas';
import { filtersFromParams, type FiltersOf } from '#web/ui/urlFilters';

export const queueFilterSpec = {
  status: z.enum([...ReportStatus.options, 'all']),
  urgent: z.enum(['true', 'false']),
  organisationId: z.uuid(),
  q: z.string().max(200),
};
export type QueueFilters = FiltersOf<typeof queueFilterSpec>;

export const queueFiltersFromParams = (params: URLSearchParams): QueueFilters => filtersFromParams(params, queueFilterSpec);

export interface ReportListQuery {
  status: z.infer<typeof ReportStatus> | undefined;
  urgent: 'true' | 'false' | undefined;
  organisationId: string | undefined;
  q: string | undefined;
}

export function reportListQuery(filters: QueueFilters): ReportListQuery {
  return {
    status: filters.status === 'all' ? undefined : (filters.status ?? 'new'),
    urgent: filters.urgent,
    organisationId: filters.organisationId,
    q: filters.q,
  };
}
