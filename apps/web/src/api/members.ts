import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, networkError, toApiError, unwrap, writeHeaders } from './client';
import type { CreateMemberBody, MemberListQuery, UpdateMemberBody } from './types';

export const memberKeys = {
  all: ['members'] as const,
  list: (query: MemberListQuery) => ['members', 'list', query] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
  accessLog: (id: number) => ['members', 'access-log', id] as const,
  job: (id: number) => ['import-jobs', id] as const,
  jobErrors: (id: number, page: number, pageSize: number) => ['import-jobs', id, 'errors', page, pageSize] as const,
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

export const IMPORT_TEMPLATE_URL = '/api/members/import/template';

export function memberExportUrl(query: MemberListQuery): string {
  const search = memberFilterSearch(query);
  return `/api/members/export${search ? `?${search}` : ''}`;
}

/** Uploads an .xlsx roster for validation; answers the import job's id. */
export async function uploadMemberImport(file: File, orgId: number): Promise<{ jobId: number }> {
  const form = new FormData();
  // Fields before the file: a streaming multipart reader sees orgId first.
  form.append('orgId', String(orgId));
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/members/import', { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as { jobId: number }; // the 202 body of startMemberImport
}

const RUNNING = new Set(['validating', 'importing']);

/** The import job, polled every second while the server works on it. */
export function useImportJob(id: number | undefined) {
  return useQuery({
    queryKey: memberKeys.job(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/import-jobs/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data && !RUNNING.has(query.state.data.status) ? false : 1000),
  });
}

export function useImportErrors(id: number | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: memberKeys.jobErrors(id ?? 0, page, pageSize),
    queryFn: () => unwrap(api.GET('/api/import-jobs/{id}/errors', { params: { path: { id: id ?? 0 }, query: { page, pageSize } } })),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCommitImport(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mode: 'allOrNothing' | 'validOnly') => unwrap(api.POST('/api/import-jobs/{id}/commit', { params: { path: { id } }, body: { mode } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: memberKeys.job(id) });
      await client.invalidateQueries({ queryKey: memberKeys.all });
      await client.invalidateQueries({ queryKey: ['orgs'] });
    },
  });
}
