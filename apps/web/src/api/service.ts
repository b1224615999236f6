// The joint conference and 百名干部走千企: departments, cadre pairs, visits, requests (诉求).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type Department = ResponseOf<'/api/departments', 'get'>['items'][number];
export type CreateDepartmentBody = BodyOf<'/api/departments', 'post'>;
export type UpdateDepartmentBody = BodyOf<'/api/departments/{id}', 'patch'>;
export type CadreList = ResponseOf<'/api/cadres', 'get'>;
export type Cadre = CadreList['items'][number];
export type AssignmentQuery = QueryOf<'/api/cadre-assignments', 'get'>;
export type AssignmentList = ResponseOf<'/api/cadre-assignments', 'get'>;
export type Assignment = AssignmentList['items'][number];
export type VisitQuery = QueryOf<'/api/visits', 'get'>;
export type VisitList = ResponseOf<'/api/visits', 'get'>;
export type Visit = VisitList['items'][number];
export type CreateVisitBody = BodyOf<'/api/visits', 'post'>;
export type RequestQuery = QueryOf<'/api/requests', 'get'>;
export type RequestList = ResponseOf<'/api/requests', 'get'>;
export type RequestItem = RequestList['items'][number];
export type RequestDetail = ResponseOf<'/api/requests/{id}', 'get'>;
export type CreateRequestBody = BodyOf<'/api/requests', 'post'>;
export type TransitionBody = BodyOf<'/api/requests/{id}/status', 'post'>;
export type EnterpriseService = ResponseOf<'/api/enterprises/{id}/service', 'get'>;

export const serviceKeys = {
  all: ['service'] as const,
  departments: (includeAbolished: boolean) => ['service', 'departments', includeAbolished] as const,
  cadres: (params: object) => ['service', 'cadres', params] as const,
  assignments: (params: object) => ['service', 'assignments', params] as const,
  visits: (params: object) => ['service', 'visits', params] as const,
  requests: (params: object) => ['service', 'requests', params] as const,
  request: (id: number) => ['service', 'request', id] as const,
  enterprise: (id: number) => ['service', 'enterprise', id] as const,
};

export function useDepartments(includeAbolished = false) {
  return useQuery({
    queryKey: serviceKeys.departments(includeAbolished),
    queryFn: () => unwrap(api.GET('/api/departments', { params: { query: { includeAbolished: includeAbolished ? 'true' : 'false' } } })),
    staleTime: 60_000,
  });
}

export function useCadres(params: { q?: string; page: number; pageSize: number }) {
  return useQuery({ queryKey: serviceKeys.cadres(params), queryFn: () => unwrap(api.GET('/api/cadres', { params: { query: params } })), placeholderData: keepPreviousData });
}

export function useAssignments(params: AssignmentQuery, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.assignments(params),
    queryFn: () => unwrap(api.GET('/api/cadre-assignments', { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVisits(params: VisitQuery) {
  return useQuery({ queryKey: serviceKeys.visits(params), queryFn: () => unwrap(api.GET('/api/visits', { params: { query: params } })), placeholderData: keepPreviousData });
}

export function useRequests(params: RequestQuery) {
  return useQuery({ queryKey: serviceKeys.requests(params), queryFn: () => unwrap(api.GET('/api/requests', { params: { query: params } })), placeholderData: keepPreviousData });
}

export function useRequest(id: number | null) {
  return useQuery({
    queryKey: serviceKeys.request(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/requests/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
  });
}

export function useEnterpriseService(id: number) {
  return useQuery({ queryKey: serviceKeys.enterprise(id), queryFn: () => unwrap(api.GET('/api/enterprises/{id}/service', { params: { path: { id } } })) });
}

/** Every service write can change lists, counts and ledgers: refresh the whole area. */
function useServiceWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: serviceKeys.all }) });
}

export function useCreateDepartment() {
  return useServiceWrite((body: CreateDepartmentBody) => unwrap(api.POST('/api/departments', { body })));
}

export function useUpdateDepartment() {
  return useServiceWrite((vars: { id: number; body: UpdateDepartmentBody }) => unwrap(api.PATCH('/api/departments/{id}', { params: { path: { id: vars.id } }, body: vars.body })));
}

export function useAbolishDepartment() {
  return useServiceWrite((vars: { id: number; version: number }) => unwrap(api.POST('/api/departments/{id}/abolish', { params: { path: { id: vars.id } }, body: { version: vars.version } })));
}

export function useAssignCadre() {
  return useServiceWrite((body: { userId: number; enterpriseIds: number[] }) => unwrap(api.POST('/api/cadre-assignments', { body })));
}

export function useEndAssignment() {
  return useServiceWrite((id: number) => unwrap(api.POST('/api/cadre-assignments/{id}/end', { params: { path: { id } }, body: {} })));
}

export function useLogVisit() {
  return useServiceWrite((body: CreateVisitBody) => unwrap(api.POST('/api/visits', { body })));
}

export function useRaiseRequest() {
  return useServiceWrite((body: CreateRequestBody) => unwrap(api.POST('/api/requests', { body })));
}

export function useTransitionRequest(id: number) {
  return useServiceWrite((body: TransitionBody) => unwrap(api.POST('/api/requests/{id}/status', { params: { path: { id } }, body })));
}

export function useRateRequest(id: number) {
  return useServiceWrite((body: { version: number; satisfaction: number; note?: string }) => unwrap(api.POST('/api/requests/{id}/satisfaction', { params: { path: { id } }, body })));
}
