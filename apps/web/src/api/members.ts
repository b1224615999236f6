import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { CreateMemberBody, MemberListQuery, UpdateMemberBody } from './types';

export const memberKeys = {
  all: ['members'] as const,
  list: (query: MemberListQuery) => ['members', 'list', query] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  accessLog: (id: number) => ['members', 'access-log', id] as const,
};

export function useMembers(query: MemberListQuery, enabled = true) {
  return useQuery({
    queryKey: memberKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/members', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMember(id: number) {
  return useQuery({
    queryKey: memberKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/members/{id}', { params: { path: { id } } })),
    // Each read of a record is recorded on the server: do not refetch it behind the user's back.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useMemberAccessLog(id: number, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.accessLog(id),
    queryFn: () => unwrap(api.GET('/api/members/{id}/access-log', { params: { path: { id } } })),
    enabled,
  });
}

function useMemberWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: memberKeys.all });
      await client.invalidateQueries({ queryKey: ['orgs'] });
    },
  });
}

export function useCreateMember() {
  return useMemberWrite((body: CreateMemberBody) => unwrap(api.POST('/api/members', { body })));
}

export function useUpdateMember(id: number) {
  return useMemberWrite((body: UpdateMemberBody) => unwrap(api.PATCH('/api/members/{id}', { params: { path: { id } }, body })));
}

export type RevealField = 'idNumber' | 'phone';

export function useRevealMember(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (field: RevealField) => unwrap(api.POST('/api/members/{id}/reveal', { params: { path: { id } }, body: { field } })),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.accessLog(id) }),
  });
}

/** Query string of the roster filters, with repeated keys for lists (as the list endpoint reads them). */
export function memberFilterSearch(query: MemberListQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'pageSize' || value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  return search.toString();
}

/** The export of the current filter; `reveal` asks for full ID numbers and phones (member.reveal, audited). */
export function memberExportUrl(query: MemberListQuery, reveal = false): string {
  const params = new URLSearchParams(memberFilterSearch(query));
  if (reveal) params.set('reveal', 'true');
  const search = params.toString();
  return `/api/members/export${search ? `?${search}` : ''}`;
}
