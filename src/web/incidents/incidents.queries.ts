// Server state of incidents: the list (filters in the URL), a reference search for pickers, one incident,
// and its changes (update, rescore; both refetch the incident rather than trust a write's answer).
// Query keys come from `incidentKeys`.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Incident, IncidentList, type IncidentUpdate, type Rescore } from '#shared/incidents/incidents.schemas';
import { api, withQuery } from '#web/api';
import type { IncidentFilters } from './incident.filters';

export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (filters: IncidentFilters) => [...incidentKeys.lists(), filters] as const,
  search: (q: string) => [...incidentKeys.all, 'search', q] as const,
  detail: (id: string) => [...incidentKeys.all, 'detail', id] as const,
};

export const INCIDENT_PAGE_SIZE = 50;
export const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export function useIncidentList(filters: IncidentFilters, pageSize = INCIDENT_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: [...incidentKeys.list(filters), pageSize],
    queryFn: ({ pageParam, signal }) =>
      api.get(withQuery('/api/incidents', { ...filters, limit: pageSize, cursor: pageParam }), IncidentList, signal),
    // Keyset paging: each page names the next one by an opaque cursor (null on the last page).
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Incidents matching a reference or words (the most recent when `q` is empty), for "link to" pickers. */
export function useIncidentSearch(q: string) {
  return useQuery({
    queryKey: incidentKeys.search(q),
    queryFn: ({ signal }) => api.get(withQuery('/api/incidents', { q, limit: 10 }), IncidentList, signal),
    placeholderData: (previous) => previous,
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: incidentKeys.detail(id), queryFn: ({ signal }) => api.get(incidentPath(id), Incident, signal) });
}

export function useInvalidateIncident(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: incidentKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: incidentKeys.lists() }),
    ]);
}

export function useUpdateIncident(id: string) {
  const onSuccess = useInvalidateIncident(id);
  return useMutation({ mutationFn: (patch: IncidentUpdate) => api.patch(incidentPath(id), patch), onSuccess });
}

export function useRescoreIncident(id: string) {
  const onSuccess = useInvalidateIncident(id);
  return useMutation({ mutationFn: (body: Rescore) => api.post(`${incidentPath(id)}/rescore`, body), onSuccess });
}
