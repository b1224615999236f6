// The enterprise registry (互联网两新组织名录): list with the dashboard's filters, one
// company's ledger, coverage mode, kinds and carriers, import / reconciliation / export.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, networkError, toApiError, unwrap, writeHeaders } from './client';
import type { paths } from './schema';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type EnterpriseListQuery = QueryOf<'/api/enterprises', 'get'>;
export type EnterpriseListResponse = ResponseOf<'/api/enterprises', 'get'>;
export type EnterpriseListItem = EnterpriseListResponse['items'][number];
export type EnterpriseDetail = ResponseOf<'/api/enterprises/{id}', 'get'>;
export type CreateEnterpriseBody = BodyOf<'/api/enterprises', 'post'>;
export type UpdateEnterpriseBody = BodyOf<'/api/enterprises/{id}', 'patch'>;
export type CoverageBody = BodyOf<'/api/enterprises/{id}/coverage', 'put'>;
export type Carrier = ResponseOf<'/api/carriers', 'get'>['items'][number];
export type ImportReport = paths['/api/enterprises/import']['post']['responses'][200]['content']['application/json'];
export type ReconcileReport = paths['/api/enterprises/reconcile']['post']['responses'][200]['content']['application/json'];
export type ImportMode = 'check' | 'all' | 'validOnly';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (query: EnterpriseListQuery) => ['enterprises', 'list', query] as const,
  detail: (id: number) => ['enterprises', 'detail', id] as const,
  kinds: ['enterprise-kinds'] as const,
  carriers: (townOrgId?: number) => ['carriers', townOrgId ?? null] as const,
};

export const ENTERPRISE_TEMPLATE_URL = '/api/enterprises/import/template';

export function useEnterpriseList(query: EnterpriseListQuery) {
  return useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/enterprises', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEnterprise(id: number) {
  return useQuery({
    queryKey: enterpriseKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/enterprises/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useEnterpriseKinds() {
  return useQuery({ queryKey: enterpriseKeys.kinds, queryFn: () => unwrap(api.GET('/api/enterprise-kinds')), staleTime: 5 * 60_000 });
}

export function useCarriers(townOrgId?: number) {
  return useQuery({
    queryKey: enterpriseKeys.carriers(townOrgId),
    queryFn: () => unwrap(api.GET('/api/carriers', { params: { query: townOrgId ? { townOrgId } : {} } })),
    staleTime: 60_000,
  });
}

/** Registry writes change lists, ledgers, counts on the dashboard and organisations' linked units. */
function useRegistryWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: enterpriseKeys.all });
      await client.invalidateQueries({ queryKey: ['orgs'] });
      await client.invalidateQueries({ queryKey: ['carriers'] });
    },
  });
}

export function useRegisterEnterprise() {
  return useRegistryWrite((body: CreateEnterpriseBody) => unwrap(api.POST('/api/enterprises', { body })));
}

export function useUpdateEnterprise(id: number) {
  return useRegistryWrite((body: UpdateEnterpriseBody) => unwrap(api.PATCH('/api/enterprises/{id}', { params: { path: { id } }, body })));
}

export function useSetCoverage(id: number) {
  return useRegistryWrite((body: CoverageBody) => unwrap(api.PUT('/api/enterprises/{id}/coverage', { params: { path: { id } }, body })));
}

export function useCreateCarrier() {
  return useRegistryWrite((body: BodyOf<'/api/carriers', 'post'>) => unwrap(api.POST('/api/carriers', { body })));
}

export function useCreateKind() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/enterprise-kinds', 'post'>) => unwrap(api.POST('/api/enterprise-kinds', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: enterpriseKeys.kinds }),
  });
}

/** The list filters as a query string (the same names the dashboard's links use). */
export function enterpriseFilterSearch(query: EnterpriseListQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'pageSize' || value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  return search.toString();
}

export function enterpriseExportUrl(query: EnterpriseListQuery): string {
  const search = enterpriseFilterSearch(query);
  return `/api/enterprises/export${search ? `?${search}` : ''}`;
}

async function postForm<T>(url: string, fields: Record<string, string>, file: File): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as T; // the documented 200 body
}

/** Checks (mode 'check') or writes a registry file for a town; answers the row report. */
export function uploadEnterpriseImport(file: File, townOrgId: number, mode: ImportMode) {
  return postForm<ImportReport>('/api/enterprises/import', { townOrgId: String(townOrgId), mode }, file);
}

/** Compares a registry extract with a town's registry; `apply` writes the differences. */
export function uploadReconcile(file: File, townOrgId: number, apply: boolean, goneReason?: string) {
  return postForm<ReconcileReport>('/api/enterprises/reconcile', { townOrgId: String(townOrgId), apply: String(apply), ...(goneReason ? { goneReason } : {}) }, file);
}
