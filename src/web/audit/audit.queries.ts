// Server state of the audit trail: pages of events for a set of filters, older pages fetched
// with `before` (the previous page's `nextBefore`). Filters live in the URL query string.
import { useInfiniteQuery } from '@tanstack/react-query';
import { AuditPage } from '#shared/audit/audit.schemas';
import { api, withQuery } from '#web/api';

export const auditFilterNames = ['action', 'actor', 'entityType', 'entityId', 'from', 'to'] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

export const auditPageSize = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of auditFilterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get(withQuery('/api/audit', { ...filters, before: pageParam, limit: auditPageSize }), AuditPage, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
