import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
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
