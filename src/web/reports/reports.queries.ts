// Server state of reports: the public submission and tracking page, the triage queue, one report, and
// the team's actions on it (update, acknowledge, triage). Query keys come from `reportKeys`.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { TriageDecisionKind } from '#shared/reports/reports.schemas';
import {
  PublicReportStatus,
  Report,
  ReportList,
  ReportReceipt,
  type PublicReportSubmission,
  type ReportSubmission,
  type ReportUpdate,
} from '#shared/reports/reports.schemas';
import type { TriageDecision } from '#shared/incidents/incidents.schemas';
import { api, withQuery } from '#web/api';
import { attachmentsForm, buildSubmissionBody } from './report.multipart';
import type { ReportListQuery } from './queue.filters';

export const reportKeys = {
  all: ['reports'] as const,
  lists: () => [...reportKeys.all, 'list'] as const,
  list: (query: ReportListQuery) => [...reportKeys.lists(), query] as const,
  detail: (id: string) => [...reportKeys.all, 'detail', id] as const,
  tracking: (token: string) => ['public-report', token] as const,
};

export const QUEUE_PAGE_SIZE = 50;
export const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export function useReportList(query: ReportListQuery, pageSize = QUEUE_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: [...reportKeys.list(query), pageSize],
    queryFn: ({ pageParam, signal }) =>
      api.get(withQuery('/api/reports', { ...query, limit: pageSize, cursor: pageParam }), ReportList, signal),
    // Keyset paging: each page names the next one by an opaque cursor (null on the last page).
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportKeys.detail(id), queryFn: ({ signal }) => api.get(reportPath(id), Report, signal) });
}

/** After any change to a report: its page and every queue (order and statuses move). */
export function useInvalidateReport(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: reportKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: reportKeys.lists() }),
    ]);
}

export function useUpdateReport(id: string) {
  const invalidate = useInvalidateReport(id);
  return useMutation({ mutationFn: (patch: ReportUpdate) => api.patch(reportPath(id), patch), onSuccess: invalidate });
}

export function useAcknowledgeReport(id: string) {
  const invalidate = useInvalidateReport(id);
  return useMutation({ mutationFn: () => api.post(`${reportPath(id)}/acknowledge`, {}), onSuccess: invalidate });
}

/** Only what the page needs of the answer; the incident itself is fetched by its own page. */
const TriageResult = z.object({ decision: TriageDecisionKind, incident: z.object({ id: z.uuid() }).nullable() });

export function useTriageReport(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateReport(id);
  return useMutation({
    mutationFn: (decision: TriageDecision) => api.post(`${reportPath(id)}/triage`, decision, TriageResult),
    onSuccess: async () => {
      await Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ['incidents'] })]);
    },
  });
}

export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: ({ submission, files }: { submission: PublicReportSubmission; files: readonly File[] }) => {
      const body = buildSubmissionBody(submission, files);
      return body.kind === 'json'
        ? api.post('/api/public/reports', body.body, ReportReceipt)
        : api.postForm('/api/public/reports', body.body, ReportReceipt);
    },
  });
}

/**
 * Portal and team submissions: the report as JSON, then its files (if any) in one upload. A failed upload
 * does not fail the submission (the report exists by then and must not be sent twice): it is returned.
 */
export function useSubmitReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ submission, files }: { submission: ReportSubmission; files: readonly File[] }) => {
      const receipt = await api.post('/api/reports', submission, ReportReceipt);
      if (files.length === 0) return { receipt, uploadError: null };
      try {
        await api.postForm(`${reportPath(receipt.id)}/attachments`, attachmentsForm(files));
        return { receipt: { ...receipt, attachments: files.length }, uploadError: null };
      } catch (uploadError) {
        return { receipt, uploadError };
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.lists() }),
  });
}

export function usePublicReportStatus(token: string) {
  return useQuery({
    queryKey: reportKeys.tracking(token),
    queryFn: ({ signal }) => api.get(`/api/public/reports/track/${encodeURIComponent(token)}`, PublicReportStatus, signal),
    retry: false,
  });
}
