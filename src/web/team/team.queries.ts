// Server state of the team profile: the current profile (with what publication lacks), saving a version,
// versions and their diff, importing a document, the team keys and publication. Keys come from `teamKeys`.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ImportResult,
  KeyGenerated,
  ProfileDiff,
  ProfileState,
  PublicationSummary,
  TeamKeyInfo,
  TeamKeyList,
  VersionList,
  type KeyGenerate,
  type KeyImport,
  type ProfileSave,
  type PublishRequest,
} from '#shared/team/team.schemas';
import { api, request, withQuery } from '#web/api';

export const teamKeys = {
  all: ['team'] as const,
  profile: () => [...teamKeys.all, 'profile'] as const,
  versions: () => [...teamKeys.all, 'versions'] as const,
  diff: (from: number, to: number) => [...teamKeys.all, 'diff', from, to] as const,
  keys: () => [...teamKeys.all, 'keys'] as const,
};

export function useProfileState() {
  return useQuery({ queryKey: teamKeys.profile(), queryFn: ({ signal }) => api.get('/api/team/profile', ProfileState, signal) });
}

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileSave) => request('PUT', '/api/team/profile', { body, schema: ProfileState }),
    onSuccess: async (state) => {
      queryClient.setQueryData(teamKeys.profile(), state);
      await queryClient.invalidateQueries({ queryKey: teamKeys.versions() });
    },
  });
}

/** Refetches the saved profile (after a 409, to learn which version won). */
export function useRefreshProfile() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: teamKeys.profile() });
}

export function useVersions() {
  return useQuery({
    queryKey: teamKeys.versions(),
    queryFn: ({ signal }) => api.get('/api/team/profile/versions', VersionList, signal),
  });
}

export function useProfileDiff(range: { from: number; to: number } | null) {
  return useQuery({
    queryKey: teamKeys.diff(range?.from ?? 0, range?.to ?? 0),
    queryFn: ({ signal }) => api.get(withQuery('/api/team/profile/diff', { from: range?.from, to: range?.to }), ProfileDiff, signal),
    enabled: range !== null,
    staleTime: Infinity, // two saved versions never change
  });
}

export function useImportDocument() {
  return useMutation({ mutationFn: (text: string) => api.post('/api/team/profile/import', { text }, ImportResult) });
}

export function useTeamKeys() {
  return useQuery({ queryKey: teamKeys.keys(), queryFn: ({ signal }) => api.get('/api/team/keys', TeamKeyList, signal) });
}

function useInvalidateKeys() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: teamKeys.keys() });
}

export function useGenerateKey() {
  const onSuccess = useInvalidateKeys();
  return useMutation({ mutationFn: (body: KeyGenerate) => api.post('/api/team/keys/generate', body, KeyGenerated), onSuccess });
}

export function useImportKey() {
  const onSuccess = useInvalidateKeys();
  return useMutation({ mutationFn: (body: KeyImport) => api.post('/api/team/keys/import', body, TeamKeyInfo), onSuccess });
}

export function useRetireKey() {
  const onSuccess = useInvalidateKeys();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/team/keys/${encodeURIComponent(id)}/retire`, {}, TeamKeyInfo),
    onSuccess,
  });
}

export function usePublish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishRequest) => api.post('/api/team/publish', body, PublicationSummary),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
