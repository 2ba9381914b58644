import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import { ifMatch, type Agency, type AgencyStatus } from '../../api/types';

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

/**
 * Records where an enterprise sends its periodic reports: `reports_elsewhere` when its head
 * office is in another province (docs/huong-dan-su-dung.md, "Báo cáo định kỳ"). `If-Match`
 * carries the version shown, so a change made meanwhile by someone else answers 412.
 */
export function useSetReportsElsewhere(agency: Agency) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reportsElsewhere: boolean) =>
      unwrap(
        api.PATCH('/api/v1/agencies/{agency_id}', {
          params: { path: { agency_id: agency.id }, header: { 'If-Match': ifMatch(agency.version) } },
          body: { reports_elsewhere: reportsElsewhere },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(agencyKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: agencyKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['compliance'] });
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['inspections', 'priorities'] });
    },
  });
}
