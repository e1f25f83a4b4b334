// Server state of account administration: the user list, create, update (role, name, language,
// disabled), password reset and TOTP reset. Query keys come from `usersKeys`.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { User, UserCreated, UserList, PasswordResetDone, type UserCreate, type UserUpdate } from '#shared/users/users.schemas';
import { api } from '#web/api';
import { authKeys } from '#web/auth/auth.queries';

export const usersKeys = {
  all: ['users'] as const,
  list: () => [...usersKeys.all, 'list'] as const,
};

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function useUsers() {
  return useQuery({ queryKey: usersKeys.list(), queryFn: ({ signal }) => api.get('/api/users', UserList, signal) });
}

/** After any change to an account: refresh the list, and the session in case it was one's own. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: usersKeys.all }),
      queryClient.invalidateQueries({ queryKey: authKeys.session() }),
    ]);
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (body: UserCreate) => api.post('/api/users', body, UserCreated), onSuccess: invalidate });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserUpdate }) => api.patch(userPath(id), patch, User),
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password?: string | undefined }) =>
      api.post(`${userPath(id)}/reset-password`, password === undefined ? {} : { password }, PasswordResetDone),
    onSuccess: invalidate,
  });
}

export function useResetTotp() {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => api.delete(`${userPath(id)}/totp`, User), onSuccess: invalidate });
}
