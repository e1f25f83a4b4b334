// Server state of the team's mailbox: pages of messages for a view (all, quarantined, unthreaded, ignored), older
// pages fetched with `before`, and processing a quarantined message again.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { MailboxPage, MailMessage } from '#shared/mailbox/mailbox.schemas';
import { api, withQuery } from '#web/api';

export const mailboxViews = ['all', 'quarantined', 'unthreaded', 'ignored', 'sent'] as const;
export type MailboxView = (typeof mailboxViews)[number];

export const mailboxKeys = {
  all: ['mailbox'] as const,
  list: (view: MailboxView, reportId?: string) => [...mailboxKeys.all, 'list', view, reportId ?? null] as const,
};

const queries: Record<MailboxView, Record<string, string>> = {
  all: {},
  quarantined: { status: 'quarantined' },
  ignored: { status: 'ignored' },
  unthreaded: { unthreaded: 'true', direction: 'in' },
  sent: { direction: 'out' },
};
const queryOf = (view: MailboxView) => queries[view];

export function useMailbox(view: MailboxView, reportId?: string) {
  return useInfiniteQuery({
    queryKey: mailboxKeys.list(view, reportId),
    queryFn: ({ pageParam, signal }) =>
      api.get(
        withQuery('/api/mailbox', { ...queryOf(view), ...(reportId ? { reportId } : {}), before: pageParam, limit: 50 }),
        MailboxPage,
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export function useReprocess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/mailbox/${encodeURIComponent(id)}/reprocess`, undefined, MailMessage),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailboxKeys.all }),
  });
}
