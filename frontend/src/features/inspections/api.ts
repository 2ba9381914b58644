import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, settle, unwrap } from '../../api/client';
import { filenameFrom, saveFile } from '../../api/download';
import type { components } from '../../api/schema';
import { cursorPaging, pageQuery } from '../../api/pagination';
import {
  ifMatch,
  type Inspection,
  type InspectionKind,
  type InspectionResult,
  type InspectionStatus,
  type Violation,
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

export type NewViolation = components['schemas']['ViolationCreate'];
export type NewRemedy = components['schemas']['RemedyIn'];
export type Remedy = components['schemas']['RemedyRead'];
export type RemedyKind = components['schemas']['RemedyKind'];
export type CheckRecordIn = components['schemas']['CheckRecordIn'];
export type SanctionDecisionIn = components['schemas']['SanctionDecisionIn'];
export type FileKind = components['schemas']['FileKind'];
export type InspectionFile = components['schemas']['InspectionFileRead'];
export type InspectionChange = components['schemas']['InspectionUpdate'];

export const REMEDY_KINDS: RemedyKind[] = ['refund_workers', 'pay_support_fund', 'update_database', 'other'];
export const FILE_KINDS: FileKind[] = ['decision', 'check_record', 'sanction_decision', 'payment', 'remedy', 'other'];

export function useAddViolation(inspectionId: number) {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewViolation; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/inspections/{inspection_id}/violations', {
          params: { path: { inspection_id: inspectionId }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

/** The decision's particulars (number, day, signer, team), with the version read (`If-Match`). */
export function useUpdateInspection(inspection: Inspection) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: InspectionChange) =>
      unwrap(
        api.PATCH('/api/v1/inspections/{inspection_id}', {
          params: { path: { inspection_id: inspection.id }, header: { 'If-Match': ifMatch(inspection.version) } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

/** The check record, written or corrected; a correction names the version read (`If-Match`). */
export function usePutCheckRecord(inspection: Inspection) {
  const changed = useChanged();
  const version = inspection.check_record?.version;
  return useMutation({
    mutationFn: (body: CheckRecordIn) =>
      unwrap(
        api.PUT('/api/v1/inspections/{inspection_id}/check-record', {
          params: {
            path: { inspection_id: inspection.id },
            header: version === undefined ? {} : { 'If-Match': ifMatch(version) },
          },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

/** The sanction decision, then its payment and enforcement, with the version read (`If-Match`). */
export function usePutSanctionDecision(inspection: Inspection) {
  const changed = useChanged();
  const version = inspection.sanction_decision?.version;
  return useMutation({
    mutationFn: (body: SanctionDecisionIn) =>
      unwrap(
        api.PUT('/api/v1/inspections/{inspection_id}/sanction-decision', {
          params: {
            path: { inspection_id: inspection.id },
            header: version === undefined ? {} : { 'If-Match': ifMatch(version) },
          },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

/** A remedy item done on a day, or cancelled by an amending decision (`If-Match` its version). */
export function useUpdateRemedy(inspectionId: number, violationId: number, remedy: Remedy) {
  const changed = useChanged();
  return useMutation({
    mutationFn: (body: { done_on: string } | { cancelled_by: string; cancelled_on: string }) =>
      unwrap(
        api.PATCH('/api/v1/inspections/{inspection_id}/violations/{violation_id}/remedies/{remedy_id}', {
          params: {
            path: { inspection_id: inspectionId, violation_id: violationId, remedy_id: remedy.id },
            header: { 'If-Match': ifMatch(remedy.version) },
          },
          body,
        }),
      ),
    onSuccess: () => changed(),
  });
}

/** Attaches a scan or document of one of the procedure's kinds. */
export function useAttachFile(inspectionId: number) {
  const changed = useChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: { kind: FileKind; file: File }; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/inspections/{inspection_id}/files', {
          params: { path: { inspection_id: inspectionId }, header: { 'Idempotency-Key': idempotencyKey } },
          // The generated type names the file part a string; the body really is multipart.
          body: { kind: body.kind, file: body.file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('kind', body.kind);
            form.append('file', body.file, body.file.name);
            return form;
          },
        }),
      ),
    onSuccess: () => changed(),
  });
}

/** Downloads an attached file with the session's token. */
export function useInspectionFileDownload(inspectionId: number) {
  return useMutation({
    mutationFn: async (file: InspectionFile) => {
      const { data, response } = await settle(
        api.GET('/api/v1/inspections/{inspection_id}/files/{file_id}', {
          params: { path: { inspection_id: inspectionId, file_id: file.id } },
          parseAs: 'blob',
        }),
      );
      return { blob: data as Blob, filename: filenameFrom(response.headers.get('Content-Disposition'), file.file_name) };
    },
    onSuccess: saveFile,
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
