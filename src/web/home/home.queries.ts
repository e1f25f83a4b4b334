// Server state of the home page: what needs the signed-in user now and the first-use checklist (which a lead
// or admin hides for the team, or shows again).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChecklistVisibility, HomeState } from '#shared/home/home.schemas';
import { api, request } from '#web/api';

export const homeKeys = { all: ['home'] as const };

export function useHome() {
  return useQuery({
    queryKey: homeKeys.all,
    queryFn: ({ signal }) => api.get('/api/home', HomeState, signal),
    refetchInterval: 60_000,
  });
}

export function useChecklistVisibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (hidden: boolean) => request('PUT', '/api/home/checklist', { body: { hidden }, schema: ChecklistVisibility }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: homeKeys.all }),
  });
}
