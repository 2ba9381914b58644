import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import type { AgencyStatus } from '../../api/types';

export interface AgencyFilters {
  status?: AgencyStatus;
  q?: string;
}

export const agencyKeys = {
  all: ['agencies'] as const,
  list: (filters: AgencyFilters) => [...agencyKeys.all, 'list', filters] as const,
  detail: (id: number) => [...agencyKeys.all, 'detail', id] as const,
};

export function useAgencies(filters: AgencyFilters) {
  return useInfiniteQuery({
    queryKey: agencyKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/agencies', {
          params: {
            query: { ...filters, ...pageQuery(pageParam) },
          },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export function useAgency(id: number) {
  return useQuery({
    queryKey: agencyKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/agencies/{agency_id}', { params: { path: { agency_id: id } }, signal })),
    enabled: Number.isInteger(id),
  });
}
