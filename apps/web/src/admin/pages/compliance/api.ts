// Compliance of organisational life: rollups, one organisation's grid, exemptions, the ledger.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../../api/types';

export type RollupQuery = QueryOf<'/api/compliance/rollup', 'get'>;
export type Rollup = ResponseOf<'/api/compliance/rollup', 'get'>;
export type RollupRow = Rollup['rows'][number];
export type KindSummary = RollupRow['byKind'][number];
export type OrgCompliance = ResponseOf<'/api/compliance/orgs/{id}', 'get'>;
export type GridRow = OrgCompliance['rows'][number];
export type GridCell = GridRow['cells'][number];
export type Exemption = ResponseOf<'/api/compliance/exemptions', 'get'>['items'][number];
export type ExemptionQuery = QueryOf<'/api/compliance/exemptions', 'get'>;
export type ExemptionRequest = BodyOf<'/api/compliance/exemptions', 'post'>;
export type Ledger = ResponseOf<'/api/compliance/orgs/{id}/ledger', 'get'>;
export type LedgerMeeting = Ledger['meetings'][number];

export const complianceKeys = {
  all: ['compliance'] as const,
  rollup: (q: RollupQuery) => ['compliance', 'rollup', q] as const,
  org: (id: number, year: number) => ['compliance', 'org', id, year] as const,
  exemptions: (q: ExemptionQuery) => ['compliance', 'exemptions', q] as const,
  ledger: (id: number, year: number) => ['compliance', 'ledger', id, year] as const,
};

export function useRollup(query: RollupQuery) {
  return useQuery({ queryKey: complianceKeys.rollup(query), queryFn: () => unwrap(api.GET('/api/compliance/rollup', { params: { query } })), placeholderData: keepPreviousData });
}

export function useOrgCompliance(id: number, year: number) {
  return useQuery({ queryKey: complianceKeys.org(id, year), queryFn: () => unwrap(api.GET('/api/compliance/orgs/{id}', { params: { path: { id }, query: { year } } })), enabled: id > 0 });
}

export function useExemptions(query: ExemptionQuery) {
  return useQuery({ queryKey: complianceKeys.exemptions(query), queryFn: () => unwrap(api.GET('/api/compliance/exemptions', { params: { query } })), placeholderData: keepPreviousData });
}

export function useLedger(id: number, year: number) {
  return useQuery({ queryKey: complianceKeys.ledger(id, year), queryFn: () => unwrap(api.GET('/api/compliance/orgs/{id}/ledger', { params: { path: { id }, query: { year } } })), enabled: id > 0 });
}

/** The .xlsx ledger is a plain download (the browser keeps the session cookie). */
export const ledgerXlsxUrl = (id: number, year: number) => `/api/compliance/orgs/${id}/ledger.xlsx?year=${year}`;

function useComplianceWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: complianceKeys.all }) });
}

export const useRequestExemption = () => useComplianceWrite((body: ExemptionRequest) => unwrap(api.POST('/api/compliance/exemptions', { body })));
export const useDecideExemption = () =>
  useComplianceWrite(({ id, decision, note }: { id: number; decision: 'approved' | 'rejected'; note?: string | null }) =>
    unwrap(api.POST('/api/compliance/exemptions/{id}/decide', { params: { path: { id } }, body: { decision, note } })));

/** Tag colours per cell status (antd preset colours). */
export const STATUS_COLORS: Record<GridCell['status'], string> = {
  met: 'green', due: 'orange', missed: 'red', exempt: 'blue', upcoming: 'default', notRequired: 'default',
};

export const currentYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
export const recentYears = () => Array.from({ length: 4 }, (_, i) => currentYear() - i);
