// Owner pick lists (reports, incidents). Leads and admins (users:read) choose among active team members;
// everyone else may only take an item ("me") or leave it unassigned: without users:read the list of
// accounts is not ours to fetch, so /api/users is never called (and a 403 would not break the form).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isTeamRole } from '#shared/permissions';
import { UserList } from '#shared/users/users.schemas';
import { api } from '#web/api';
import { hasPermission, useSignedInSession } from '#web/auth/auth.queries';
import type { SelectOption } from '#web/ui/Select';
import { usersKeys } from './users.queries';

export function useOwnerOptions(current: { id: string | null; name: string | null }): SelectOption[] {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canList = hasPermission(session, 'users:read');
  const users = useQuery({
    queryKey: usersKeys.list(),
    queryFn: ({ signal }) => api.get('/api/users', UserList, signal),
    enabled: canList,
    retry: false,
  });
  const me = session.user;
  const options: SelectOption[] = [
    { value: '', label: t('users.owner.unassigned') },
    { value: me.id, label: t('users.owner.me', { name: me.name }) },
  ];
  for (const user of users.data?.items ?? []) {
    if (user.id === me.id || user.disabled || !isTeamRole(user.role) || user.role === 'viewer') continue;
    options.push({ value: user.id, label: user.name });
  }
  if (current.id && !options.some((o) => o.value === current.id)) {
    options.push({ value: current.id, label: current.name ?? current.id.slice(0, 8) });
  }
  return options;
}
