// Server state of the duty rota: who is on duty now, the coming weeks (shifts and rota occurrences), and
// planning shifts, repeating rotas (add, change, remove) and their exceptions (add, remove). Every change also refreshes the home page.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  DutyCalendar,
  DutyRota,
  DutyRotaException,
  DutyShift,
  DutyState,
  type DutyRotaExceptionInput,
  type DutyRotaInput,
  type DutyRotaUpdate,
  type DutyShiftInput,
} from '#shared/duty/duty.schemas';
import { api, withQuery } from '#web/api';
import { homeKeys } from '#web/home/home.queries';

export const dutyKeys = {
  all: ['duty'] as const,
  state: () => [...dutyKeys.all, 'state'] as const,
  calendar: (weeks: number) => [...dutyKeys.all, 'calendar', weeks] as const,
};

function invalidate(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dutyKeys.all }),
    queryClient.invalidateQueries({ queryKey: homeKeys.all }),
  ]);
}

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
    onSuccess: () => invalidate(queryClient),
  });
}

export function useRemoveShift() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/duty/shifts/${encodeURIComponent(id)}`),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useDutyCalendar(weeks = 4) {
  return useQuery({
    queryKey: dutyKeys.calendar(weeks),
    queryFn: ({ signal }) => api.get(withQuery('/api/duty/calendar', { weeks }), DutyCalendar, signal),
    refetchInterval: 60_000,
  });
}

export function useAddRota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DutyRotaInput) => api.post('/api/duty/rotas', body, DutyRota),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useUpdateRota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DutyRotaUpdate }) =>
      api.patch(`/api/duty/rotas/${encodeURIComponent(id)}`, body, DutyRota),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useRemoveRota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/duty/rotas/${encodeURIComponent(id)}`),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useAddRotaException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rotaId, body }: { rotaId: string; body: DutyRotaExceptionInput }) =>
      api.post(`/api/duty/rotas/${encodeURIComponent(rotaId)}/exceptions`, body, DutyRotaException),
    onSuccess: () => invalidate(queryClient),
  });
}

export function useRemoveRotaException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rotaId, id }: { rotaId: string; id: string }) =>
      api.delete(`/api/duty/rotas/${encodeURIComponent(rotaId)}/exceptions/${encodeURIComponent(id)}`),
    onSuccess: () => invalidate(queryClient),
  });
}
