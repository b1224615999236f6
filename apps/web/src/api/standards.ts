// 六个有 standards checklist: templates (the city), self-assessments with optional evidence
// files (organisations), reviews (towns) and the overview of who meets which standard.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, networkError, toApiError, unwrap, writeHeaders } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type StandardTemplate = ResponseOf<'/api/standard-templates/{id}', 'get'>;
export type UpdateTemplateBody = BodyOf<'/api/standard-templates/{id}', 'put'>;
export type AssessmentListQuery = QueryOf<'/api/standard-assessments', 'get'>;
export type AssessmentList = ResponseOf<'/api/standard-assessments', 'get'>;
export type AssessmentSummary = AssessmentList['items'][number];
export type Assessment = ResponseOf<'/api/standard-assessments/{id}', 'get'>;
export type AssessmentItem = Assessment['items'][number];
export type EvidenceFile = AssessmentItem['attachments'][number];
export type AnswersBody = BodyOf<'/api/standard-assessments/{id}/answers', 'put'>;
export type ReviewBody = BodyOf<'/api/standard-assessments/{id}/review', 'post'>;
export type OverviewQuery = QueryOf<'/api/standards/overview', 'get'>;
export type Overview = ResponseOf<'/api/standards/overview', 'get'>;

export const standardKeys = {
  all: ['standards'] as const,
  templates: (year?: number) => ['standards', 'templates', year ?? null] as const,
  assessments: (query: AssessmentListQuery) => ['standards', 'assessments', query] as const,
  assessment: (id: number) => ['standards', 'assessment', id] as const,
  overview: (query: OverviewQuery) => ['standards', 'overview', query] as const,
};

/** The accepted evidence file types (the server checks the same, and the first bytes too). */
export const EVIDENCE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

export function useStandardTemplates(year?: number) {
  return useQuery({ queryKey: standardKeys.templates(year), queryFn: () => unwrap(api.GET('/api/standard-templates', { params: { query: year ? { year } : {} } })) });
}

export function useAssessments(query: AssessmentListQuery, enabled = true) {
  return useQuery({
    queryKey: standardKeys.assessments(query),
    queryFn: () => unwrap(api.GET('/api/standard-assessments', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssessment(id: number | undefined) {
  return useQuery({
    queryKey: standardKeys.assessment(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/standard-assessments/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && id > 0,
  });
}

export function useStandardsOverview(query: OverviewQuery | undefined) {
  return useQuery({
    queryKey: standardKeys.overview(query ?? { rootOrgId: 0 }),
    queryFn: () => unwrap(api.GET('/api/standards/overview', { params: { query: query ?? { rootOrgId: 0 } } })),
    enabled: !!query && query.rootOrgId > 0,
    placeholderData: keepPreviousData,
  });
}

/** Every standards write can change lists, the assessment, the overview and the dashboard's stars. */
function useStandardsWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: standardKeys.all }) });
}

export const useCreateTemplate = () => useStandardsWrite((body: { year: number; orgId?: number }) => unwrap(api.POST('/api/standard-templates', { body })));
export const useUpdateTemplate = () =>
  useStandardsWrite(({ id, body }: { id: number; body: UpdateTemplateBody }) => unwrap(api.PUT('/api/standard-templates/{id}', { params: { path: { id } }, body })));
export const usePublishTemplate = () =>
  useStandardsWrite(({ id, revision }: { id: number; revision: number }) => unwrap(api.POST('/api/standard-templates/{id}/publish', { params: { path: { id } }, body: { revision } })));
export const useOpenAssessment = () => useStandardsWrite((body: { orgId: number; year?: number }) => unwrap(api.POST('/api/standard-assessments', { body })));
export const useSaveAnswers = () =>
  useStandardsWrite(({ id, body }: { id: number; body: AnswersBody }) => unwrap(api.PUT('/api/standard-assessments/{id}/answers', { params: { path: { id } }, body })));
export const useSubmitAssessment = () =>
  useStandardsWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/standard-assessments/{id}/submit', { params: { path: { id } }, body: { version } })));
export const useReviewAssessment = () =>
  useStandardsWrite(({ id, body }: { id: number; body: ReviewBody }) => unwrap(api.POST('/api/standard-assessments/{id}/review', { params: { path: { id } }, body })));
export const useDeleteEvidence = () =>
  useStandardsWrite((id: number) => unwrap(api.DELETE('/api/standard-attachments/{id}', { params: { path: { id } } })));

/** Uploads one evidence file (multipart field `file`); the typed client does not describe the form. */
async function uploadEvidence({ assessmentId, itemId, file }: { assessmentId: number; itemId: number; file: File }): Promise<EvidenceFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/standard-assessments/${assessmentId}/items/${itemId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as EvidenceFile; // the documented 201 body
}

export const useUploadEvidence = () => useStandardsWrite(uploadEvidence);

export const evidenceUrl = (id: number) => `/api/standard-attachments/${id}`;
