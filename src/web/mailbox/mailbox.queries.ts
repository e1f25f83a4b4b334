// Server state of the team's mailbox: pages of messages for a view (all, quarantined, unthreaded, ignored), older
// pages fetched with `before`, and processing a quarantined message again.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { MailboxPage, MailMessage } from '#shared/mailbox/mailbox.schemas';
import { api, withQuery } from '#web/api';

export const mailboxViews = ['all', 'quarantined', 'unthreaded', 'ignored'] as const;
export type MailboxView = (typeof mailboxViews)[number];

export const mailboxKeys = {
  all: ['mailbox'] as const,
  list: (view: MailboxView, reportId?: string) => [...mailboxKeys.all, 'list', view, reportId ?? null] as const,
};

const queryOf = (view: MailboxView): Record<string, string> =>
  view === 'quarantined'
    ? { status: 'quarantined' }
    : view === 'ignored'
      ? { status: 'ignored' }
      : view === 'unthreaded'
        ? { unthreaded: 'true' }
        : {};

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
