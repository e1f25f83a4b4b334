// Server state of the signed-in session: the `useSession()` query, login (password then TOTP) and logout.
// The session query cache is the single source of the current user, its permissions and CSRF token.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { LoginResult, SessionInfo, type Login, type TotpLogin } from '#shared/auth/auth.schemas';
import type { Permission } from '#shared/permissions';
import type { User } from '#shared/users/users.schemas';
import { api, ApiError } from '#web/api';

export const authKeys = {
  all: ['auth'] as const,
  session: () => [...authKeys.all, 'session'] as const,
};

/** The current session, or null when nobody is signed in (the server answers 401). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await api.get('/api/auth/session', SessionInfo, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: authKeys.session(),
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 60_000,
    retry: false,
  });
}

/** For screens behind `RequireAuth`: the session is known to exist there. */
export function useSignedInSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside RequireAuth');
  return data;
}

export function hasPermission(session: SessionInfo | null | undefined, permission: Permission): boolean {
  return session?.permissions.includes(permission) ?? false;
}

export function setSession(queryClient: QueryClient, session: SessionInfo | null): void {
  queryClient.setQueryData(authKeys.session(), session);
}

/** Replaces the user inside the cached session after the account changed (name, locale, TOTP). */
export function setSessionUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData<SessionInfo | null>(authKeys.session(), (session) => (session ? { ...session, user } : session));
}

function useLoginStep<TBody>(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api.post(path, body, LoginResult),
    onSuccess: (result) => {
      if (result.status === 'ok') setSession(queryClient, result.session);
    },
  });
}

export const useLogin = () => useLoginStep<Login>('/api/auth/login');
export const useTotpLogin = () => useLoginStep<TotpLogin>('/api/auth/totp');

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      // Why a full reload rather than a client-side navigation: it drops every cached answer, form
      // state and secret of the previous user from memory, whatever screen they were on.
      window.location.assign('/login');
    },
  });
}
