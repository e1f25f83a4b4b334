// Server state of the home page: what needs the signed-in user now and the first-use checklist.
import { useQuery } from '@tanstack/react-query';
import { HomeState } from '#shared/home/home.schemas';
import { api } from '#web/api';

export const homeKeys = { all: ['home'] as const };

export function useHome() {
  return useQuery({
    queryKey: homeKeys.all,
    queryFn: ({ signal }) => api.get('/api/home', HomeState, signal),
    refetchInterval: 60_000,
  });
}
