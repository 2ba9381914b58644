import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { cursorPaging, DEFAULT_PAGE_SIZE, pageQuery } from '../../api/pagination';
import type { Role } from '../../api/types';

export const adminKeys = {
  users: ['users'] as const,
  clients: (includeRevoked: boolean) => ['api-clients', { includeRevoked }] as const,
};

export function useUsers() {
  return useInfiniteQuery({
    queryKey: adminKeys.users,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: pageQuery(pageParam) },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export interface NewUser {
  username: string;
  full_name: string;
  role: Role;
  agency_id: number | null;
  password: string;
  active: boolean;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewUser; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/users', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export interface UserChange {
  full_name?: string;
  role?: Role;
  agency_id?: number | null;
  active?: boolean;
  password?: string;
}

export function useUpdateUser(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserChange) =>
      unwrap(api.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useApiClients(includeRevoked: boolean) {
  return useInfiniteQuery({
    queryKey: adminKeys.clients(includeRevoked),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/api-clients', {
          params: { query: { include_revoked: includeRevoked, limit: DEFAULT_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    ...cursorPaging,
  });
}

export interface NewApiClient {
  name: string;
  role: Exclude<Role, 'admin'>;
  agency_id: number | null;
}

export function useCreateApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiClient) => unwrap(api.POST('/api/v1/api-clients', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export function useRevokeApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/api-clients/{client_id}', { params: { path: { client_id: id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-clients'] }),
  });
}

export type WorkingDay = components['schemas']['WorkingDayRead'];
export type NewWorkingDay = components['schemas']['WorkingDayCreate'];

const workingDayKeys = {
  all: ['working-days'] as const,
  year: (year: number) => [...workingDayKeys.all, { year }] as const,
};

/** The days the government swapped in a year (docs/law.md, the working calendar), by day. */
export function useWorkingDays(year: number) {
  return useQuery({
    queryKey: workingDayKeys.year(year),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/rules/working-days', { params: { query: { year } }, signal }))).items,
  });
}

/**
 * Records a swapped day. A day already recorded (409 `already_exists`) is said on the day's
 * input, as a 422 about it would be.
 */
export function useAddWorkingDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewWorkingDay) => {
      try {
        return await unwrap(api.POST('/api/v1/rules/working-days', { body }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'already_exists') {
          throw new ApiError({
            status: error.status,
            code: error.code,
            title: error.title,
            detail: error.detail,
            fields: [{ field: 'day', code: 'already_recorded', params: { on: body.day }, message: `${body.day} is already recorded` }],
            cause: error,
          });
        }
        throw error;
      }
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workingDayKeys.all }),
  });
}

export function useDeleteWorkingDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => unwrap(api.DELETE('/api/v1/rules/working-days/{day}', { params: { path: { day } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: workingDayKeys.all }),
  });
}
