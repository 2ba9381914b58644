import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ifMatch, type Target } from '../../api/types';

export const targetKeys = {
  all: ['targets'] as const,
  list: ['targets', 'list'] as const,
};

/** All targets: a province has tens of them (areas × years), well inside one page. */
export function useTargets() {
  return useQuery({
    queryKey: targetKeys.list,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/targets', { params: { query: { limit: 500 } }, signal })),
    select: (page) => page.items,
  });
}

/** Departures per sub-area for each year: one progress breakdown per year of the grid. */
export function useYearlyProgressByArea(areaCode: string, years: number[]) {
  return useQueries({
    queries: years.map((year) => ({
      queryKey: ['progress', { by: 'area', area_code: areaCode, year_from: year, year_to: year }],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(
          api.GET('/api/v1/progress', {
            params: { query: { by: 'area', area_code: areaCode, year_from: year, year_to: year } },
            signal,
          }),
        ),
    })),
  });
}

/** Progress against one target's own span, area and market. */
export function useTargetProgress(target: Target) {
  const query = {
    area_code: target.area_code,
    year_from: target.year_from,
    year_to: target.year_to,
    market_code: target.market_code ?? undefined,
  };
  return useQuery({
    queryKey: ['progress', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/progress', { params: { query }, signal })),
  });
}

function useChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: targetKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['progress'] });
  };
}

export interface NewTarget {
  name: string;
  area_code: string;
  year_from: number;
  year_to: number;
  market_code?: string | null;
  value: number;
  notes?: string | null;
}

export function useCreateTarget() {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: NewTarget) => unwrap(api.POST('/api/v1/targets', { body })),
    onSuccess: changed,
  });
}

export function useUpdateTarget() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ target, value }: { target: Target; value: number }) =>
      unwrap(
        api.PATCH('/api/v1/targets/{target_id}', {
          params: { path: { target_id: target.id }, header: { 'If-Match': ifMatch(target.version) } },
          body: { value },
        }),
      ),
    onSuccess: changed,
  });
}

export function useDeleteTarget() {
  const changed = useChanged();
  return useMutation({
    mutationFn: (target: Target) =>
      unwrap(
        api.DELETE('/api/v1/targets/{target_id}', {
          params: { path: { target_id: target.id }, header: { 'If-Match': ifMatch(target.version) } },
        }),
      ),
    onSuccess: changed,
  });
}
