import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { QueryOf, ResponseOf } from './types';

export type Dashboard = ResponseOf<'/api/dashboard', 'get'>;
export type DashboardFigure = Dashboard['companies']['total'];
export type DashboardItem = Dashboard['companies']['byKind'][number];
export type CoverageRates = ResponseOf<'/api/coverage/rates', 'get'>;
export type RatesQuery = QueryOf<'/api/coverage/rates', 'get'>;
export type DrillRate = CoverageRates['overall']['organisation'];
export type Suggestions = ResponseOf<'/api/coverage/suggestions', 'get'>;
export type SuggestionKind = Suggestions['kind'];
export type TrendPoint = Dashboard['coverage']['trend'][number];

export const coverageKeys = {
  all: ['coverage'] as const,
  dashboard: (scope: { townOrgId?: number; carrierId?: number }) => ['coverage', 'dashboard', scope] as const,
  rates: (q: RatesQuery) => ['coverage', 'rates', q] as const,
  suggestions: (q: { kind: SuggestionKind; townOrgId?: number; page: number }) => ['coverage', 'suggestions', q] as const,
};

/** The whole dashboard of a scope; `refetchInterval` for the big screen. */
export function useDashboard(scope: { townOrgId?: number; carrierId?: number }, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: coverageKeys.dashboard(scope),
    queryFn: () => unwrap(api.GET('/api/dashboard', { params: { query: scope } })),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}

export function useCoverageRates(q: RatesQuery) {
  return useQuery({
    queryKey: coverageKeys.rates(q),
    queryFn: () => unwrap(api.GET('/api/coverage/rates', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useCoverageSuggestions(q: { kind: SuggestionKind; townOrgId?: number; page: number; pageSize?: number }) {
  return useQuery({
    queryKey: coverageKeys.suggestions(q),
    queryFn: () => unwrap(api.GET('/api/coverage/suggestions', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}
