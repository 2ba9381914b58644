import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, settle, unwrap } from '../../api/client';
import { filenameFrom, saveFile } from '../../api/download';
import { cursorPaging, DEFAULT_PAGE_SIZE, pageQuery } from '../../api/pagination';
import { DUTY_STATUSES, type DutyStatus, type ReportKind, type ReportPeriod, type AnnualReport } from '../../api/types';
import type { Figures } from './duties';

export interface ObligationFilters {
  year: number;
  agency_id?: number;
  status?: DutyStatus;
  kind?: ReportKind;
}

export const reportKeys = {
  all: ['reports'] as const,
  obligations: (filters: ObligationFilters) => [...reportKeys.all, 'obligations', filters] as const,
  counts: (filters: Omit<ObligationFilters, 'status'>) => [...reportKeys.all, 'counts', filters] as const,
  filings: (agencyId: number) => [...reportKeys.all, 'filings', agencyId] as const,
  latest: (agencyId: number, kind: ReportKind, periodFrom: string) =>
    [...reportKeys.all, 'filings', agencyId, 'latest', { kind, periodFrom }] as const,
};

/** The duties of a year whose period has begun, by due date (an enterprise sees its own). */
export function useObligations(filters: ObligationFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: reportKeys.obligations(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/reports/obligations', { params: { query: { ...filters, ...pageQuery(pageParam) } }, signal })),
    ...cursorPaging,
    enabled,
  });
}

/** How many duties are in each status, for the same year, kind and enterprise. */
export function useDutyCounts(filters: Omit<ObligationFilters, 'status'>) {
  return useQuery({
    queryKey: reportKeys.counts(filters),
    queryFn: async ({ signal }) => {
      const totals = await Promise.all(
        DUTY_STATUSES.map(async (status) => {
          const page = await unwrap(
            api.GET('/api/v1/reports/obligations', {
              params: { query: { ...filters, status, limit: 1, include_total: true } },
              signal,
            }),
          );
          return [status, page.total ?? 0] as const;
        }),
      );
      return Object.fromEntries(totals) as Record<DutyStatus, number>;
    },
  });
}

/** An enterprise's filings, amendments included, newest first. */
export function useFilings(agencyId: number | null | undefined) {
  return useInfiniteQuery({
    queryKey: reportKeys.filings(agencyId ?? 0),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/agencies/{agency_id}/reports', {
          params: { path: { agency_id: agencyId ?? 0 }, query: pageQuery(pageParam, DEFAULT_PAGE_SIZE) },
          signal,
        }),
      ),
    ...cursorPaging,
    enabled: typeof agencyId === 'number',
  });
}

/** The latest filing of a period (an amendment starts from its figures), or null. */
export function useLatestFiling(agencyId: number, kind: ReportKind, periodFrom: string, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.latest(agencyId, kind, periodFrom),
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET('/api/v1/agencies/{agency_id}/reports', {
          params: { path: { agency_id: agencyId }, query: { kind, period_from: periodFrom, limit: 1 } },
          signal,
        }),
      );
      return page.items[0] ?? null;
    },
    enabled,
  });
}

/** A filing as the form sends it: the period, the figures, for officers when the paper arrived, and a file. */
export interface ReportSubmission {
  kind: ReportKind;
  period_from: string;
  period_to: string;
  figures: Figures;
  received_at?: string;
  file: File | null;
  /** The file's name, size and date, so that another file gets another idempotency key. */
  file_tag: string | null;
}

/** The multipart form the API takes: the fields, `figures` as JSON, and the file if any. */
export function filingForm(submission: ReportSubmission): FormData {
  const form = new FormData();
  form.append('kind', submission.kind);
  form.append('period_from', submission.period_from);
  form.append('period_to', submission.period_to);
  form.append('figures', JSON.stringify(submission.figures));
  if (submission.received_at) form.append('received_at', submission.received_at);
  if (submission.file) form.append('file', submission.file, submission.file.name);
  return form;
}

/** Files a report (or an amendment); the answer carries the duty it settles. */
export function useFileReport(agencyId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReportSubmission; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/agencies/{agency_id}/reports', {
          params: { path: { agency_id: agencyId }, header: { 'Idempotency-Key': idempotencyKey } },
          // The generated type names the file part a string; the body really is multipart.
          body: {
            kind: body.kind,
            period_from: body.period_from,
            period_to: body.period_to,
            figures: JSON.stringify(body.figures),
          },
          bodySerializer: () => filingForm(body),
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['compliance'] });
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'priorities'] });
    },
  });
}

/** Downloads a filing's attached file with the session's token. */
export function useReportFile(agencyId: number) {
  return useMutation({
    mutationFn: async ({ reportId, name }: { reportId: number; name: string }) => {
      const { data, response } = await settle(
        api.GET('/api/v1/agencies/{agency_id}/reports/{report_id}/file', {
          params: { path: { agency_id: agencyId, report_id: reportId } },
          parseAs: 'blob',
        }),
      );
      return { blob: data as Blob, filename: filenameFrom(response.headers.get('Content-Disposition'), name) };
    },
    onSuccess: saveFile,
  });
}

/** The provincial annual report as data (docs/api.md, "The annual report"). */
export function useAnnualReport(year: number, period: ReportPeriod) {
  return useQuery({
    queryKey: [...reportKeys.all, 'annual', { year, period }] as const,
    // The route answers JSON or a workbook, so the client cannot type the body: it is the JSON.
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/reports/annual', { params: { query: { year, period, format: 'json' } }, signal }))) as AnnualReport,
  });
}
