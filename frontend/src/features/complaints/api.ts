import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { cursorPaging, pageQuery } from '../../api/pagination';
import {
  ifMatch,
  type Complaint,
  type ComplaintCategory,
  type ComplaintCreate,
  type ComplaintSource,
  type ComplaintStatus,
  type ComplaintUpdate,
  type InspectionFromComplaint,
} from '../../api/types';
import { inspectionKeys } from '../inspections/api';

/** The register's filters, as the API names them (and as they appear in the page's URL). */
export interface ComplaintFilters {
  status?: ComplaintStatus;
  source?: ComplaintSource;
  category?: ComplaintCategory;
  agency_id?: number;
  received_from?: string;
  received_to?: string;
  substantiated?: boolean;
}

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (filters: ComplaintFilters) => [...complaintKeys.all, 'list', filters] as const,
  detail: (id: number) => [...complaintKeys.all, 'detail', id] as const,
};

export function useComplaints(filters: ComplaintFilters) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/complaints', { params: { query: { ...filters, ...pageQuery(pageParam) } }, signal })),
    ...cursorPaging,
  });
}

export function useComplaint(id: number) {
  return useQuery({
    queryKey: complaintKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/complaints/{complaint_id}', { params: { path: { complaint_id: id } }, signal })),
    enabled: Number.isInteger(id),
  });
}

/** After a write: the complaint is fresh; the register (and, after a start, inspections) are stale. */
function useChanged() {
  const queryClient = useQueryClient();
  return (complaint: Complaint) => {
    queryClient.setQueryData(complaintKeys.detail(complaint.id), complaint);
    void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
  };
}

export function useCreateComplaint() {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ComplaintCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/complaints', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: changed,
  });
}

export function useUpdateComplaint(complaint: Complaint) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: ComplaintUpdate) =>
      unwrap(
        api.PATCH('/api/v1/complaints/{complaint_id}', {
          params: { path: { complaint_id: complaint.id }, header: { 'If-Match': ifMatch(complaint.version) } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useStartInspection(complaintId: number) {
  const changed = useChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: InspectionFromComplaint; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/complaints/{complaint_id}/inspection', {
          params: { path: { complaint_id: complaintId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: (complaint) => {
      changed(complaint);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
}
