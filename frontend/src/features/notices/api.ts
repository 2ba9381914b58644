import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import type { components } from '../../api/schema';
import { ifMatch } from '../../api/types';

type Schemas = components['schemas'];
export type Notice = Schemas['NoticeRead'];
export type NoticeStatus = Schemas['NoticeStatus'];
export type NewNotice = Schemas['NoticeCreate'];
export type NoticeChange = Schemas['NoticeUpdate'];
export type PublicNotice = Schemas['NoticePublic'];

export interface NoticeFilters {
  status?: NoticeStatus;
  agency_id?: number;
  market_code?: string;
}

export const noticeKeys = {
  all: ['notices'] as const,
  list: (filters: NoticeFilters) => [...noticeKeys.all, 'list', filters] as const,
  acknowledged: (agencyId: number | null) => [...noticeKeys.all, 'acknowledged', { agencyId }] as const,
  public: (query: { area_code?: string; market_code?: string }) => ['public', 'notices', query] as const,
};

/** The notices the user may see (an enterprise its own), newest first. */
export function useNotices(filters: NoticeFilters) {
  return useInfiniteQuery({
    queryKey: noticeKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/recruitment-notices', { params: { query: { ...pageQuery(pageParam), ...filters } }, signal })),
    ...cursorPaging,
  });
}

/**
 * The acknowledged notices of one enterprise (an enterprise user's own when `agencyId` is null),
 * for the placement form's picker; nothing asked for an officer who chose no enterprise yet.
 */
export function useAcknowledgedNotices(agencyId: number | null, enabled: boolean) {
  return useQuery({
    queryKey: noticeKeys.acknowledged(agencyId),
    queryFn: async ({ signal }) =>
      (
        await unwrap(
          api.GET('/api/v1/recruitment-notices', {
            params: { query: { status: 'acknowledged', agency_id: agencyId ?? undefined, limit: 500 } },
            signal,
          }),
        )
      ).items,
    enabled,
  });
}

export function useFileNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewNotice; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/recruitment-notices', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: noticeKeys.all }),
  });
}

/** Changes a notice or moves it on, sent with the version read (`If-Match`). */
export function useChangeNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ notice, body }: { notice: Notice; body: NoticeChange }) =>
      unwrap(
        api.PATCH('/api/v1/recruitment-notices/{notice_id}', {
          params: { path: { notice_id: notice.id }, header: { 'If-Match': ifMatch(notice.version) } },
          body,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: noticeKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['public', 'notices'] });
    },
  });
}

/** The acknowledged notices in force (public, no login), of a commune and a market. */
export function usePublicNotices(query: { area_code?: string; market_code?: string }) {
  return useInfiniteQuery({
    queryKey: noticeKeys.public(query),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/public/recruitment-notices', {
          params: { query: { ...pageQuery(pageParam, 20), ...query } },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}
