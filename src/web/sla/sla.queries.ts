// Pausing and resuming an SLA clock of a report or an incident (`<base>/clocks/:target/pause|resume`).
import { useMutation } from '@tanstack/react-query';
import type { SlaTarget } from '#shared/sla/sla.schemas';
import { api } from '#web/api';

export interface ClockAction {
  target: SlaTarget;
  action: 'pause' | 'resume';
  reason?: string;
}

/** `basePath` is `/api/reports/:id` or `/api/incidents/:id`; `onChanged` refreshes what shows the clocks. */
export function useClockAction(basePath: string, onChanged: () => Promise<unknown>) {
  return useMutation({
    mutationFn: ({ target, action, reason }: ClockAction) =>
      api.post(`${basePath}/clocks/${encodeURIComponent(target)}/${action}`, action === 'pause' ? { reason } : {}),
    onSuccess: onChanged,
  });
}
