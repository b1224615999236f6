// Onboarding surveys (三同步·排查摸底): the town's task list with overdue flags, completing a
// survey (its findings go onto the company), cancelling, and one company's survey history.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type SurveyListQuery = QueryOf<'/api/surveys', 'get'>;
export type SurveyList = ResponseOf<'/api/surveys', 'get'>;
export type Survey = SurveyList['items'][number];
export type CompleteSurveyBody = BodyOf<'/api/surveys/{id}/complete', 'post'>;

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (query: SurveyListQuery) => ['surveys', 'list', query] as const,
  enterprise: (id: number) => ['surveys', 'enterprise', id] as const,
};

export function useSurveyList(query: SurveyListQuery) {
  return useQuery({
    queryKey: surveyKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/surveys', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useEnterpriseSurveys(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: surveyKeys.enterprise(enterpriseId),
    queryFn: () => unwrap(api.GET('/api/enterprises/{id}/surveys', { params: { path: { id: enterpriseId } } })),
    enabled: enabled && Number.isInteger(enterpriseId) && enterpriseId > 0,
  });
}

/** A survey's findings change the company (staff, party status, instructor): its ledger and the registry refresh too. */
function useSurveyWrite<V>(fn: (vars: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: surveyKeys.all });
      await client.invalidateQueries({ queryKey: ['enterprises'] });
    },
  });
}

export function useCompleteSurvey() {
  return useSurveyWrite(({ id, body }: { id: number; body: CompleteSurveyBody }) => unwrap(api.POST('/api/surveys/{id}/complete', { params: { path: { id } }, body })));
}

export function useCancelSurvey() {
  return useSurveyWrite(({ id, reason, version }: { id: number; reason: string; version: number }) =>
    unwrap(api.POST('/api/surveys/{id}/cancel', { params: { path: { id } }, body: { reason, version } })),
  );
}
