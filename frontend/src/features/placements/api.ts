import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { DEFAULT_PAGE_SIZE } from '../../api/pagination';
import {
  ifMatch,
  type Channel,
  type Flag,
  type Placement,
  type PlacementIn,
  type PlacementStatus,
  type PlacementUpdate,
} from '../../api/types';

/** The list's filters, as the API names them (and as they appear in the page's URL). */
export interface PlacementFilters {
  q?: string;
  status?: PlacementStatus;
  market_code?: string;
  agency_id?: number;
  channel?: Channel;
  home_area_code?: string;
  departed_from?: string;
  departed_to?: string;
  registered_from?: string;
  registered_to?: string;
  flag?: Flag;
  /** Only records of the city coded above commune level (docs/places.md, "Records without a commune"). */
  unallocated?: boolean;
}

export const placementKeys = {
  all: ['placements'] as const,
  list: (filters: PlacementFilters) => [...placementKeys.all, 'list', filters] as const,
  detail: (id: number) => [...placementKeys.all, 'detail', id] as const,
  history: (id: number) => [...placementKeys.all, 'history', id] as const,
};

/** The API's `sort` of the registry (docs/api.md, "Sorting"). */
export type PlacementSort = NonNullable<NonNullable<paths['/api/v1/placements']['get']['parameters']['query']>['sort']>;

/**
 * One page of the registry in the order `sort`, after (or, with a `prev_cursor`, before)
 * `cursor`. The first page asks for the total, which later pages read from the cache: counting
 * a large registry again for every page would cost more than the page.
 */
export function usePlacementPage(filters: PlacementFilters, sort: string, cursor: string | undefined) {
  const queryClient = useQueryClient();
  const totalKey = [...placementKeys.list(filters), 'total'] as const;
  const page = useQuery({
    queryKey: [...placementKeys.list(filters), sort, cursor ?? null],
    queryFn: async ({ signal }) => {
      const result = await unwrap(
        api.GET('/api/v1/placements', {
          params: {
            query: { ...filters, sort: sort as PlacementSort, limit: DEFAULT_PAGE_SIZE, cursor, include_total: cursor ? undefined : true },
          },
          signal,
        }),
      );
      if (result.total !== null && result.total !== undefined) queryClient.setQueryData(totalKey, result.total);
      return result;
    },
    placeholderData: keepPreviousData,
  });
  const total = useQuery({
    queryKey: totalKey,
    queryFn: () => Promise.resolve<number | null>(null),
    enabled: false,
  });
  return { page, total: total.data ?? null };
}

export function usePlacement(id: number) {
  return useQuery({
    queryKey: placementKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/placements/{placement_id}', { params: { path: { placement_id: id } }, signal })),
    enabled: Number.isInteger(id),
  });
}

export function usePlacementHistory(id: number) {
  return useQuery({
    queryKey: placementKeys.history(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/placements/{placement_id}/history', { params: { path: { placement_id: id } }, signal })),
    select: (history) => history.items,
    enabled: Number.isInteger(id),
  });
}

/** After a write: the saved record is fresh, every list and count is stale. */
function useSaved() {
  const queryClient = useQueryClient();
  return (placement: Placement) => {
    queryClient.setQueryData(placementKeys.detail(placement.id), placement);
    void queryClient.invalidateQueries({ queryKey: placementKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['progress'] });
  };
}

export function useCreatePlacement() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PlacementIn; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/placements', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: saved,
  });
}

export function useUpdatePlacement(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ body, version }: { body: PlacementUpdate; version: number }) =>
      unwrap(
        api.PATCH('/api/v1/placements/{placement_id}', {
          params: { path: { placement_id: id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: saved,
  });
}

export interface TransitionInput {
  status: PlacementStatus;
  on: string;
  reason?: string | null;
}

export function useTransition(placement: Placement) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: TransitionInput) =>
      unwrap(
        api.POST('/api/v1/placements/{placement_id}/transitions', {
          params: { path: { placement_id: placement.id }, header: { 'If-Match': ifMatch(placement.version) } },
          body,
        }),
      ),
    onSuccess: saved,
  });
}

export type AssignCommuneIn = components['schemas']['AssignCommuneIn'];

/**
 * Gives the records a filter finds a commune (officers; docs/places.md, "Records without a
 * commune"): a dry run counts them, the real run writes all or nothing.
 */
export function useAssignCommune() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, dryRun, idempotencyKey }: { body: AssignCommuneIn; dryRun: boolean; idempotencyKey?: string }) =>
      unwrap(
        api.POST('/api/v1/placements/assign-commune', {
          params: { query: { dry_run: dryRun }, header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
          body,
        }),
      ),
    onSuccess: (result) => {
      if (result.dry_run) return;
      void queryClient.invalidateQueries({ queryKey: placementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['progress'] });
    },
  });
}
