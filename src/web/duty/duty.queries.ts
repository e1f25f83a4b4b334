// Server state of the duty rota: who is on duty now and the shifts ahead, and planning shifts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DutyShift, DutyState, type DutyShiftInput } from '#shared/duty/duty.schemas';
import { api } from '#web/api';

export const dutyKeys = {
  all: ['duty'] as const,
  state: () => [...dutyKeys.all, 'state'] as const,
};

export function useDuty() {
  return useQuery({
    queryKey: dutyKeys.state(),
    queryFn: ({ signal }) => api.get('/api/duty', DutyState, signal),
    refetchInterval: 60_000,
  });
}

export function useAddShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DutyShiftInput) => api.post('/api/duty/shifts', body, DutyShift),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dutyKeys.all }),
  });
}

export function useRemoveShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/duty/shifts/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dutyKeys.all }),
  });
}
