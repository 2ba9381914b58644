import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import {
  ifMatch,
  type Inspection,
  type InspectionKind,
  type InspectionResult,
  type InspectionStatus,
  type Violation,
  type ViolationCategory,
} from '../../api/types';

export interface InspectionFilters {
  status?: InspectionStatus;
  overdue?: boolean;
  agency_id?: number;
  kind?: InspectionKind;
}

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (filters: InspectionFilters) => [...inspectionKeys.all, 'list', filters] as const,
  detail: (id: number) => [...inspectionKeys.all, 'detail', id] as const,
  priorities: ['inspections', 'priorities'] as const,
  compliance: (agencyId: number) => ['compliance', agencyId] as const,
};

export function useInspections(filters: InspectionFilters) {
  return useInfiniteQuery({
    queryKey: inspectionKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/inspections', {
          params: {
            query: { ...filters, ...pageQuery(pageParam) },
          },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export function useInspection(id: number) {
  return useQuery({
    queryKey: inspectionKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/inspections/{inspection_id}', { params: { path: { inspection_id: id } }, signal })),
    enabled: Number.isInteger(id),
  });
}

export function usePriorities() {
  return useQuery({
    queryKey: inspectionKeys.priorities,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/inspections/priorities', { signal })),
    select: (priorities) => priorities.items,
  });
}

export function useCompliance(agencyId: number) {
  return useQuery({
    queryKey: inspectionKeys.compliance(agencyId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/agencies/{agency_id}/compliance', { params: { path: { agency_id: agencyId } }, signal })),
    enabled: Number.isInteger(agencyId),
  });
}

/** After a write: the inspection is fresh; lists, rankings and compliance are stale. */
function useChanged() {
  const queryClient = useQueryClient();
  return (inspection?: Inspection) => {
    if (inspection) queryClient.setQueryData(inspectionKeys.detail(inspection.id), inspection);
    void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['compliance'] });
  };
}

export interface NewInspection {
  agency_id: number;
  kind: InspectionKind;
  decision_no?: string | null;
  decision_date?: string | null;
  planned_on?: string | null;
  scope_from?: string | null;
  scope_to?: string | null;
  lead_inspector?: string | null;
  summary?: string | null;
  team_members?: string[];
}

export function useCreateInspection() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewInspection; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/inspections', {
          body: { team_members: [], ...body },
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: changed,
  });
}

export interface InspectionTransitionInput {
  status: InspectionStatus;
  on: string;
  result?: InspectionResult | null;
  summary?: string | null;
}

export function useInspectionTransition(inspection: Inspection) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: InspectionTransitionInput) =>
      unwrap(
        api.POST('/api/v1/inspections/{inspection_id}/transitions', {
          params: { path: { inspection_id: inspection.id }, header: { 'If-Match': ifMatch(inspection.version) } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export interface NewViolation {
  category: ViolationCategory;
  description: string;
  legal_basis?: string | null;
  fine_vnd: number;
  remedy?: string | null;
  remedy_due?: string | null;
  waived: boolean;
}

// What a free-text violation leaves at its defaults (docs/inspections.md): the offender is the
// enterprise, no additional sanction, the remedy in words rather than as items.
const FREE_TEXT = { offender: 'organisation' as const, additional_sanctions: '', remedies: [] };

export function useAddViolation(inspectionId: number) {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewViolation; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/inspections/{inspection_id}/violations', {
          params: { path: { inspection_id: inspectionId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: { ...FREE_TEXT, ...body },
        }),
      ),
    onSuccess: () => changed(),
  });
}

export function useUpdateViolation(inspectionId: number, violation: Violation) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: { remedied_on?: string | null; waived?: boolean }) =>
      unwrap(
        api.PATCH('/api/v1/inspections/{inspection_id}/violations/{violation_id}', {
          params: {
            path: { inspection_id: inspectionId, violation_id: violation.id },
            header: { 'If-Match': ifMatch(violation.version) },
          },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}
