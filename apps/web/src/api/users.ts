import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { CreateUserBody } from './types';

export const userKeys = {
  all: ['users'] as const,
  list: (params: object) => ['users', 'list', params] as const,
  roles: ['roles'] as const,
};

export function useUsers(params: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}

export function useRoles() {
  return useQuery({ queryKey: userKeys.roles, queryFn: () => unwrap(api.GET('/api/roles')), staleTime: 5 * 60_000 });
}

function useUserWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }) });
}

export function useCreateUser() {
  return useUserWrite((body: CreateUserBody) => unwrap(api.POST('/api/users', { body })));
}

export function useUpdateUser() {
  return useUserWrite((vars: { id: number; body: { displayName?: string; phone?: string | null; disabled?: boolean } }) =>
    unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: vars.id } }, body: vars.body })));
}

export function useResetPassword() {
  return useUserWrite((id: number) => unwrap(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })));
}

export function useAddGrant() {
  return useUserWrite((vars: { userId: number; role: CreateUserBody['grants'][number]['role']; orgId: number; departmentId?: number }) =>
    unwrap(api.POST('/api/users/{id}/grants', { params: { path: { id: vars.userId } }, body: { role: vars.role, orgId: vars.orgId, departmentId: vars.departmentId } })));
}

export function useRemoveGrant() {
  return useUserWrite((vars: { userId: number; grantId: number }) =>
    unwrap(api.DELETE('/api/users/{id}/grants/{grantId}', { params: { path: { id: vars.userId, grantId: vars.grantId } } })));
}
