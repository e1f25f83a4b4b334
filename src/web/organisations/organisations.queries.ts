// Server state of organisations: the list (filters in the URL), one organisation with its contacts and
// assets, their changes, the CSV import, and an id → organisation index for names in other screens.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  Asset,
  Contact,
  CsvImportResult,
  Organisation,
  OrganisationDetail,
  OrganisationList,
  type AssetInput,
  type ContactInput,
  type OrganisationInput,
  type OrganisationKind,
  type OrganisationUpdate,
} from '#shared/organisations/organisations.schemas';
import { api, withQuery } from '#web/api';

export interface OrganisationListQuery {
  kind?: OrganisationKind | undefined;
  q?: string | undefined;
}

export const organisationKeys = {
  all: ['organisations'] as const,
  lists: () => [...organisationKeys.all, 'list'] as const,
  list: (query: OrganisationListQuery) => [...organisationKeys.lists(), query] as const,
  index: () => [...organisationKeys.all, 'index'] as const,
  detail: (id: string) => [...organisationKeys.all, 'detail', id] as const,
};

export const organisationPath = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;
/** The API's largest page: enough for a national constituency in one pick list. */
const INDEX_LIMIT = 500;

export const ORGANISATION_PAGE_SIZE = 100;

/** The organisations page: pages by cursor ("Show more"), by name. */
export function useOrganisationList(query: OrganisationListQuery, pageSize = ORGANISATION_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: [...organisationKeys.list(query), pageSize],
    queryFn: ({ pageParam, signal }) =>
      api.get(withQuery('/api/organisations', { ...query, limit: pageSize, cursor: pageParam }), OrganisationList, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every visible organisation by id (names for links, criticality for score previews, pick lists). */
export function useOrganisationIndex() {
  const query = useQuery({
    queryKey: organisationKeys.index(),
    queryFn: ({ signal }) => api.get(withQuery('/api/organisations', { limit: INDEX_LIMIT }), OrganisationList, signal),
    staleTime: 60_000,
  });
  const byId = useMemo(() => new Map<string, Organisation>((query.data?.items ?? []).map((o) => [o.id, o])), [query.data]);
  return { ...query, byId, items: query.data?.items ?? [] };
}

export function useOrganisation(id: string) {
  return useQuery({
    queryKey: organisationKeys.detail(id),
    queryFn: ({ signal }) => api.get(organisationPath(id), OrganisationDetail, signal),
  });
}

function useInvalidateOrganisations() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: organisationKeys.all });
}

export function useCreateOrganisation() {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({ mutationFn: (body: OrganisationInput) => api.post('/api/organisations', body, Organisation), onSuccess });
}

export function useUpdateOrganisation(id: string) {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({ mutationFn: (patch: OrganisationUpdate) => api.patch(organisationPath(id), patch, Organisation), onSuccess });
}

export function useDeleteOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(organisationPath(id)),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: organisationKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: organisationKeys.lists() });
      await queryClient.invalidateQueries({ queryKey: organisationKeys.index() });
    },
  });
}

export function useAddContact(id: string) {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({ mutationFn: (body: ContactInput) => api.post(`${organisationPath(id)}/contacts`, body, Contact), onSuccess });
}

export function useRemoveContact(id: string) {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({
    mutationFn: (contactId: string) => api.delete(`${organisationPath(id)}/contacts/${encodeURIComponent(contactId)}`),
    onSuccess,
  });
}

export function useAddAsset(id: string) {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({ mutationFn: (body: AssetInput) => api.post(`${organisationPath(id)}/assets`, body, Asset), onSuccess });
}

export function useRemoveAsset(id: string) {
  const onSuccess = useInvalidateOrganisations();
  return useMutation({
    mutationFn: (assetId: string) => api.delete(`${organisationPath(id)}/assets/${encodeURIComponent(assetId)}`),
    onSuccess,
  });
}

export function useImportOrganisations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) => api.post('/api/organisations/import', body, CsvImportResult),
    onSuccess: async (result) => {
      if (!result.dryRun) await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
  });
}
