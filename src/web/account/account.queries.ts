// Server state of "my account": profile and language (PATCH /api/me), password change, TOTP set-up,
// enable and disable. Every answer that returns the user refreshes the cached session.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Ok, TotpSetup, type MeUpdate, type PasswordChange } from '#shared/auth/auth.schemas';
import { User } from '#shared/users/users.schemas';
import { api } from '#web/api';
import { setSessionUser } from '#web/auth/auth.queries';

function useUserMutation<TBody>(path: string, method: 'POST' | 'PATCH') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => (method === 'PATCH' ? api.patch(path, body, User) : api.post(path, body, User)),
    onSuccess: (user) => setSessionUser(queryClient, user),
  });
}

export const useUpdateMe = () => useUserMutation<MeUpdate>('/api/me', 'PATCH');
export const useEnableTotp = () => useUserMutation<{ code: string }>('/api/me/totp/enable', 'POST');
export const useDisableTotp = () => useUserMutation<{ password: string }>('/api/me/totp/disable', 'POST');

export function useChangePassword() {
  return useMutation({ mutationFn: (body: PasswordChange) => api.post('/api/me/password', body, Ok) });
}

/** Starts TOTP enrolment: a fresh secret and its QR code; nothing is enabled until a code is confirmed. */
export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post('/api/me/totp/setup', undefined, TotpSetup) });
}
