import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import type { paths } from '../../api/schema';
import type { RecordKind } from '../../api/types';

type MarketPage = paths['/api/v1/markets']['get']['responses'][200]['content']['application/json'];
export type Market = MarketPage['items'][number];

export const MARKETS_PAGE_SIZE = 20;

export const marketKeys = {
  all: ['markets'] as const,
  list: (limit: number) => [...marketKeys.all, 'list', { limit }] as const,
};

export function useMarkets(limit = MARKETS_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: marketKeys.list(limit),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/markets', {
          params: { query: pageQuery(pageParam, limit) },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export function useMarket(code: string) {
  return useQuery({
    queryKey: [...marketKeys.all, 'detail', code],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/markets/{code}', { params: { path: { code } }, signal })),
  });
}

export function useMarketRecords(code: string, kind: RecordKind | undefined) {
  return useInfiniteQuery({
    queryKey: [...marketKeys.all, 'records', code, { kind }],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/markets/{code}/records', {
          params: { path: { code }, query: { kind, limit: 100, cursor: pageParam } },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export interface NewMarketRecord {
  kind: RecordKind;
  title: string;
  body?: string | null;
  value?: string | null;
  unit?: string | null;
  effective_on: string;
  source?: string | null;
  public: boolean;
}

export function useAddMarketRecord(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewMarketRecord; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/markets/{code}/records', {
          params: { path: { code }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...marketKeys.all, 'records', code] });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}
