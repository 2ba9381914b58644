import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { nextCursor } from '../../api/pagination';
import type { paths } from '../../api/schema';

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
          params: { query: { limit, cursor: pageParam, include_total: pageParam === undefined ? true : undefined } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
}
