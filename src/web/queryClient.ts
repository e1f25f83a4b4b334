// The TanStack Query client: retry policy, and a lapsed session (any 401 "unauthenticated")
// sends the user back to the login screen by clearing the cached session.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '#web/api';
import { authKeys, setSession } from '#web/auth/auth.queries';

export function createQueryClient(): QueryClient {
  const onError = (error: Error): void => {
    if (error instanceof ApiError && error.is('unauthenticated')) setSession(queryClient, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Client errors (4xx) will not change on retry; network and 5xx get two more tries.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

export function csrfTokenFrom(queryClient: QueryClient): string | null {
  const session = queryClient.getQueryData<{ csrfToken: string } | null>(authKeys.session());
  return session?.csrfToken ?? null;
}
