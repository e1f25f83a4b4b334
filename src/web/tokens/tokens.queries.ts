// Server state of API tokens: the list, creation (the secret comes back once) and revocation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiToken, ApiTokenCreated, ApiTokenList, type ApiTokenCreate } from '#shared/tokens/tokens.schemas';
import { api } from '#web/api';

export const tokensKeys = {
  all: ['tokens'] as const,
  list: () => [...tokensKeys.all, 'list'] as const,
};

export function useTokens() {
  return useQuery({ queryKey: tokensKeys.list(), queryFn: ({ signal }) => api.get('/api/tokens', ApiTokenList, signal) });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreate) => api.post('/api/tokens', body, ApiTokenCreated),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/tokens/${encodeURIComponent(id)}`, ApiToken),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKeys.all }),
  });
}
