import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { FLAGS, type Flag } from '../../api/types';

export type ProgressBy = 'year' | 'area' | 'commune' | 'market' | 'channel';

export interface ProgressQuery {
  by?: ProgressBy;
  area_code?: string;
  year_from?: number;
  year_to?: number;
  market_code?: string;
}

export const dashboardKeys = {
  progress: (query: ProgressQuery) => ['progress', query] as const,
  flag: (flag: Flag) => ['placements', 'count', { flag }] as const,
  overdue: ['inspections', 'count', { overdue: true }] as const,
  unallocated: ['placements', 'count', { unallocated: true }] as const,
};

export function useProgress(query: ProgressQuery, enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.progress(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/progress', { params: { query }, signal })),
    enabled,
  });
}

/** How many placements carry each flag: one counted page of one row per flag. */
export function useFlagCounts(enabled: boolean) {
  return useQueries({
    queries: FLAGS.map((flag) => ({
      queryKey: dashboardKeys.flag(flag),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(api.GET('/api/v1/placements', { params: { query: { flag, include_total: true, limit: 1 } }, signal })),
      select: (page: { total?: number | null }) => page.total ?? 0,
      enabled,
    })),
  });
}

/** How many records of the city still lack a commune (coded at a former district or the province). */
export function useUnallocatedCount(enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.unallocated,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/placements', { params: { query: { unallocated: true, include_total: true, limit: 1 } }, signal })),
    select: (page) => page.total ?? 0,
    enabled,
  });
}

/** How many inspections have a remedy past its deadline. */
export function useOverdueCount() {
  return useQuery({
    queryKey: dashboardKeys.overdue,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/inspections', { params: { query: { overdue: true, include_total: true, limit: 1 } }, signal })),
    select: (page) => page.total ?? 0,
  });
}
