// Server state of the signed-in user's notifications (pages, escalations, SLA warnings, assignments),
// polled while the app is open, and their acknowledgement.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Notification, NotificationList } from '#shared/duty/duty.schemas';
import { api, withQuery } from '#web/api';

export const notificationKeys = {
  all: ['notifications'] as const,
  mine: () => [...notificationKeys.all, 'mine'] as const,
};

/** Often enough for a page to reach the duty officer within a minute. */
export const NOTIFICATION_POLL_MS = 30_000;

export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.mine(),
    queryFn: ({ signal }) => api.get(withQuery('/api/notifications', { limit: 50 }), NotificationList, signal),
    refetchInterval: NOTIFICATION_POLL_MS,
    retry: false,
  });
}

export function useAcknowledgeNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/acknowledge`, {}, Notification),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
