// 民主评议党员: the secretary's campaigns (progress, anonymous peer aggregates, proposal,
// confirmation, publication, appeals) and the member's own forms on the phone.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type AppraisalListQuery = QueryOf<'/api/appraisals', 'get'>;
export type AppraisalList = ResponseOf<'/api/appraisals', 'get'>;
export type AppraisalSummary = AppraisalList['items'][number];
export type Appraisal = ResponseOf<'/api/appraisals/{id}', 'get'>;
export type AppraisalParticipant = Appraisal['participants'][number];
export type AppraisalAppeal = Appraisal['appeals'][number];
export type CreateAppraisalBody = BodyOf<'/api/appraisals', 'post'>;
export type ProposalBody = BodyOf<'/api/appraisals/{id}/proposal', 'put'>;
export type DecideAppealBody = BodyOf<'/api/appraisals/{id}/appeals/{appealId}/decide', 'post'>;
export type MyAppraisalList = ResponseOf<'/api/me/appraisals', 'get'>;
export type MyAppraisalSummary = MyAppraisalList['items'][number];
export type MyAppraisal = ResponseOf<'/api/me/appraisals/{id}', 'get'>;
export type MyPeer = MyAppraisal['peers'][number];
export type PeerReviewBody = BodyOf<'/api/me/appraisals/{id}/peer-reviews', 'post'>;
export type SelfReviewBody = BodyOf<'/api/me/appraisals/{id}/self', 'put'>;
export type AppraisalHistory = ResponseOf<'/api/me/appraisal-history', 'get'>;

export const appraisalKeys = {
  all: ['appraisals'] as const,
  list: (query: AppraisalListQuery) => ['appraisals', 'list', query] as const,
  detail: (id: number) => ['appraisals', 'detail', id] as const,
};
export const myAppraisalKeys = {
  all: ['me', 'appraisals'] as const,
  list: ['me', 'appraisals', 'list'] as const,
  detail: (id: number) => ['me', 'appraisals', 'detail', id] as const,
  history: ['me', 'appraisals', 'history'] as const,
  todos: ['me', 'todos'] as const,
};

// ----- the secretary ----------------------------------------------------------------------

export function useAppraisals(query: AppraisalListQuery) {
  return useQuery({ queryKey: appraisalKeys.list(query), queryFn: () => unwrap(api.GET('/api/appraisals', { params: { query } })), placeholderData: keepPreviousData });
}

export function useAppraisal(id: number) {
  return useQuery({
    queryKey: appraisalKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/appraisals/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Every campaign write changes the list and the campaign. */
function useAppraisalWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: appraisalKeys.all }) });
}

export const useCreateAppraisal = () => useAppraisalWrite((body: CreateAppraisalBody) => unwrap(api.POST('/api/appraisals', { body })));
export const useRemindAppraisal = (id: number) => useAppraisalWrite(() => unwrap(api.POST('/api/appraisals/{id}/remind', { params: { path: { id } } })));
export const useCloseReview = (id: number) =>
  useAppraisalWrite((version: number) => unwrap(api.POST('/api/appraisals/{id}/close-review', { params: { path: { id } }, body: { version } })));
export const useSaveProposal = (id: number) =>
  useAppraisalWrite((body: ProposalBody) => unwrap(api.PUT('/api/appraisals/{id}/proposal', { params: { path: { id } }, body })));
export const useConfirmAppraisal = (id: number) =>
  useAppraisalWrite((body: { meetingId: number; version: number }) => unwrap(api.POST('/api/appraisals/{id}/confirm', { params: { path: { id } }, body })));
export const usePublishAppraisal = (id: number) =>
  useAppraisalWrite((version: number) => unwrap(api.POST('/api/appraisals/{id}/publish', { params: { path: { id } }, body: { version } })));
export const useDecideAppeal = (id: number) =>
  useAppraisalWrite(({ appealId, body }: { appealId: number; body: DecideAppealBody }) =>
    unwrap(api.POST('/api/appraisals/{id}/appeals/{appealId}/decide', { params: { path: { id, appealId } }, body })));
export const useCloseAppraisal = (id: number) =>
  useAppraisalWrite((version: number) => unwrap(api.POST('/api/appraisals/{id}/close', { params: { path: { id } }, body: { version } })));

// ----- the member -------------------------------------------------------------------------

export function useMyAppraisals() {
  return useQuery({ queryKey: myAppraisalKeys.list, queryFn: () => unwrap(api.GET('/api/me/appraisals')) });
}

export function useMyAppraisal(id: number) {
  return useQuery({
    queryKey: myAppraisalKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/me/appraisals/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useMyAppraisalHistory() {
  return useQuery({ queryKey: myAppraisalKeys.history, queryFn: () => unwrap(api.GET('/api/me/appraisal-history')) });
}

/** A member's write changes my campaigns and my to-dos. */
function useMyAppraisalWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: myAppraisalKeys.all });
      await client.invalidateQueries({ queryKey: myAppraisalKeys.todos });
    },
  });
}

export const useSaveSelfReview = (id: number) =>
  useMyAppraisalWrite((body: SelfReviewBody) => unwrap(api.PUT('/api/me/appraisals/{id}/self', { params: { path: { id } }, body })));
export const useSubmitPeerReviews = (id: number) =>
  useMyAppraisalWrite((body: PeerReviewBody) => unwrap(api.POST('/api/me/appraisals/{id}/peer-reviews', { params: { path: { id } }, body })));
export const useAppealAppraisal = (id: number) =>
  useMyAppraisalWrite((reason: string) => unwrap(api.POST('/api/me/appraisals/{id}/appeal', { params: { path: { id } }, body: { reason } })));
