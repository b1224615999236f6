import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { CreateOrgBody, LeadershipBody, UpdateOrgBody } from './types';

export const orgKeys = {
  all: ['orgs'] as const,
  tree: (includeAbolished: boolean) => ['orgs', 'tree', includeAbolished] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  warnings: (rootId?: number) => ['orgs', 'warnings', rootId ?? null] as const,
  enterprises: (params: object) => ['enterprises', params] as const,
};

export function useOrgTree(includeAbolished = false, enabled = true) {
  return useQuery({
    queryKey: orgKeys.tree(includeAbolished),
    queryFn: () => unwrap(api.GET('/api/orgs/tree', { params: { query: { includeAbolished: includeAbolished ? 'true' : 'false' } } })),
    staleTime: 60_000,
    enabled,
  });
}

export function useOrg(id: number | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/orgs/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useOrgWarnings(rootId?: number) {
  return useQuery({
    queryKey: orgKeys.warnings(rootId),
    queryFn: () => unwrap(api.GET('/api/orgs/warnings', { params: { query: rootId ? { rootId } : {} } })),
  });
}

export function useEnterprises(params: { q?: string; townOrgId?: number; page?: number; pageSize?: number }, enabled = true) {
  return useQuery({
    queryKey: orgKeys.enterprises(params),
    queryFn: () => unwrap(api.GET('/api/enterprises', { params: { query: params } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Every org write changes the tree, counts and members' organisation names. */
function useOrgWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: orgKeys.all });
      await client.invalidateQueries({ queryKey: ['members'] });
    },
  });
}

export function useCreateOrg() {
  return useOrgWrite((body: CreateOrgBody) => unwrap(api.POST('/api/orgs', { body })));
}

export function useUpdateOrg(id: number) {
  return useOrgWrite((body: UpdateOrgBody) => unwrap(api.PATCH('/api/orgs/{id}', { params: { path: { id } }, body })));
}

export function useAbolishOrg(id: number) {
  return useOrgWrite((body: { abolishedOn: string; reason: string }) =>
    unwrap(api.POST('/api/orgs/{id}/abolish', { params: { path: { id } }, body })));
}

export function useMoveOrg(id: number) {
  return useOrgWrite((newParentId: number) =>
    unwrap(api.POST('/api/orgs/{id}/move', { params: { path: { id } }, body: { newParentId } })));
}

export function useStartTerm(id: number) {
  return useOrgWrite((body: LeadershipBody) => unwrap(api.POST('/api/orgs/{id}/leadership', { params: { path: { id } }, body })));
}

export function useUpdatePosts(id: number) {
  return useOrgWrite((posts: LeadershipBody['posts']) =>
    unwrap(api.PUT('/api/orgs/{id}/leadership/posts', { params: { path: { id } }, body: { posts } })));
}

export function useCreatePartyGroup(id: number) {
  return useOrgWrite((name: string) => unwrap(api.POST('/api/orgs/{id}/party-groups', { params: { path: { id } }, body: { name } })));
}

export function useCreateEnterprise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { uscc: string; name: string; townOrgId: number }) => unwrap(api.POST('/api/enterprises', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['enterprises'] }),
  });
}
