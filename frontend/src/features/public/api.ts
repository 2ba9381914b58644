import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, DEFAULT_PAGE_SIZE, pageQuery } from '../../api/pagination';
import type { paths } from '../../api/schema';
import type { FeeCheckQuery } from './feeCheck';

// Public markets are a short list, answered whole (not paged), each with its public records.
type PublicMarketList = paths['/api/v1/public/markets']['get']['responses'][200]['content']['application/json'];
export type PublicMarket = PublicMarketList[number];

type PublicAgencyPage = paths['/api/v1/public/agencies']['get']['responses'][200]['content']['application/json'];
export type PublicAgency = PublicAgencyPage['items'][number];

export const publicKeys = {
  all: ['public'] as const,
  markets: () => [...publicKeys.all, 'markets'] as const,
  agencies: (limit: number) => [...publicKeys.all, 'agencies', { limit }] as const,
};

export function usePublicMarkets() {
  return useQuery({
    queryKey: publicKeys.markets(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/public/markets', { signal })),
  });
}

export function usePublicAgencies(limit = DEFAULT_PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: publicKeys.agencies(limit),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/public/agencies', {
          params: { query: pageQuery(pageParam, limit) },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

/** The province's aggregate progress by year: no personal data, no login. */
export function usePublicProgress() {
  return useQuery({
    queryKey: [...publicKeys.all, 'progress', { by: 'year' }],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/public/progress', { params: { query: { by: 'year' } }, signal })),
  });
}

/** Progress by today's commune of the city, for the public map (counts only). */
export function usePublicCommuneProgress(areaCode: string, years: { year_from?: number; year_to?: number }, enabled: boolean) {
  const query = { by: 'commune' as const, area_code: areaCode, ...years };
  return useQuery({
    queryKey: [...publicKeys.all, 'progress', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/public/progress', { params: { query }, signal })),
    enabled,
  });
}

/** The fee check of one set of answers; run when the form is sent, as a mutation is. */
export function useFeeCheck() {
  return useMutation({
    mutationFn: (query: FeeCheckQuery) => unwrap(api.GET('/api/v1/public/fee-check', { params: { query } })),
  });
}

/** Enterprises whose name or licence number holds `q` (the first page; nothing for a blank `q`). */
export function usePublicAgencySearch(q: string, limit = 10) {
  const term = q.trim();
  return useQuery({
    queryKey: [...publicKeys.all, 'agencies', 'search', { q: term, limit }],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/public/agencies', { params: { query: { q: term, limit } }, signal })),
    enabled: term.length > 0,
  });
}
