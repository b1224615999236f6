// 学习教育 administration: the question bank (题库) with review and .xlsx import/export.
// Shapes come from the generated schema; the multipart import goes through fetch because the
// document describes no body for it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, networkError, toApiError, unwrap, writeHeaders } from './client';
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type QuestionListQuery = QueryOf<'/api/questions', 'get'>;
export type QuestionList = ResponseOf<'/api/questions', 'get'>;
export type Question = QuestionList['items'][number];
export type QuestionKind = Question['kind'];
export type QuestionStatus = Question['status'];
export type CreateQuestionBody = BodyOf<'/api/questions', 'post'>;
export type UpdateQuestionBody = BodyOf<'/api/questions/{id}', 'put'>;
export type ReviewQuestionBody = BodyOf<'/api/questions/{id}/review', 'post'>;
export type QuestionImportReport = ResponseOf<'/api/questions/import', 'post'>;
export type QuestionImportMode = 'check' | 'all' | 'validOnly';

export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'judge', 'fill'];
export const QUESTION_STATUSES: readonly QuestionStatus[] = ['draft', 'pending', 'approved', 'retired'];
export const QUESTION_TEMPLATE_URL = '/api/questions/import/template';

export const learningKeys = {
  all: ['learning'] as const,
  questions: (query: QuestionListQuery) => ['learning', 'questions', query] as const,
};

export function useQuestions(query: QuestionListQuery) {
  return useQuery({
    queryKey: learningKeys.questions(query),
    queryFn: () => unwrap(api.GET('/api/questions', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Every bank write can change any list page (status, counts), so all of them are refreshed. */
function useLearningWrite<V, R>(fn: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: learningKeys.all }) });
}

export const useCreateQuestion = () => useLearningWrite((body: CreateQuestionBody) => unwrap(api.POST('/api/questions', { body })));
export const useUpdateQuestion = () =>
  useLearningWrite(({ id, body }: { id: number; body: UpdateQuestionBody }) => unwrap(api.PUT('/api/questions/{id}', { params: { path: { id } }, body })));
export const useSubmitQuestion = () =>
  useLearningWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/questions/{id}/submit', { params: { path: { id } }, body: { version } })));
export const useReviewQuestion = () =>
  useLearningWrite(({ id, body }: { id: number; body: ReviewQuestionBody }) => unwrap(api.POST('/api/questions/{id}/review', { params: { path: { id } }, body })));
export const useRetireQuestion = () =>
  useLearningWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/questions/{id}/retire', { params: { path: { id } }, body: { version } })));

/** The export URL for the current filters (the file follows the import layout). */
export function questionExportUrl(query: QuestionListQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'pageSize' || value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return `/api/questions/export${s ? `?${s}` : ''}`;
}

/** Checks (mode 'check') or writes an .xlsx of questions; answers the row report. */
export async function uploadQuestionImport(file: File, mode: QuestionImportMode, orgId?: number): Promise<QuestionImportReport> {
  const form = new FormData();
  // Fields before the file: a streaming multipart reader sees them first.
  if (orgId) form.append('orgId', String(orgId));
  form.append('mode', mode);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/questions/import', { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as QuestionImportReport; // the documented 200 body
}

// ---------------------------------------------------------------------------
// 考试与竞赛 (organiser)
// ---------------------------------------------------------------------------

export type ExamListQuery = QueryOf<'/api/exams', 'get'>;
export type ExamList = ResponseOf<'/api/exams', 'get'>;
export type ExamSummary = ExamList['items'][number];
export type Exam = ResponseOf<'/api/exams/{id}', 'get'>;
export type ExamKind = Exam['kind'];
export type PaperMode = Exam['paperMode'];
export type CreateExamBody = BodyOf<'/api/exams', 'post'>;
export type UpdateExamBody = BodyOf<'/api/exams/{id}', 'put'>;
export type ExamPickerQuery = QueryOf<'/api/exam-questions', 'get'>;
export type ExamPickerList = ResponseOf<'/api/exam-questions', 'get'>;
export type ExamResults = ResponseOf<'/api/exams/{id}/results', 'get'>;
export type ExamAnalysis = ResponseOf<'/api/exams/{id}/analysis', 'get'>;
export type AttemptReview = ResponseOf<'/api/exams/{id}/attempts/{attemptId}', 'get'>;

export const PAPER_MODES: readonly PaperMode[] = ['fixed', 'random', 'mixed'];

export const examKeys = {
  list: (query: ExamListQuery) => ['learning', 'exams', query] as const,
  exam: (id: number) => ['learning', 'exam', id] as const,
  picker: (query: ExamPickerQuery) => ['learning', 'exam-questions', query] as const,
  results: (id: number, page: number, pageSize: number) => ['learning', 'exam', id, 'results', page, pageSize] as const,
  analysis: (id: number) => ['learning', 'exam', id, 'analysis'] as const,
  attempt: (id: number, attemptId: number) => ['learning', 'exam', id, 'attempt', attemptId] as const,
};

export function useExams(query: ExamListQuery) {
  return useQuery({ queryKey: examKeys.list(query), queryFn: () => unwrap(api.GET('/api/exams', { params: { query } })), placeholderData: keepPreviousData });
}

export function useExam(id: number | undefined) {
  return useQuery({
    queryKey: examKeys.exam(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/exams/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && id > 0,
  });
}

export function useExamQuestionPicker(query: ExamPickerQuery | undefined) {
  return useQuery({
    queryKey: examKeys.picker(query ?? { orgId: 0 }),
    queryFn: () => unwrap(api.GET('/api/exam-questions', { params: { query: query ?? { orgId: 0 } } })),
    enabled: !!query && query.orgId > 0,
    placeholderData: keepPreviousData,
  });
}

export function useExamResults(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: examKeys.results(id, page, pageSize),
    queryFn: () => unwrap(api.GET('/api/exams/{id}/results', { params: { path: { id }, query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

export function useExamAnalysis(id: number) {
  return useQuery({ queryKey: examKeys.analysis(id), queryFn: () => unwrap(api.GET('/api/exams/{id}/analysis', { params: { path: { id } } })) });
}

export function useExamAttempt(id: number, attemptId: number | undefined) {
  return useQuery({
    queryKey: examKeys.attempt(id, attemptId ?? 0),
    queryFn: () => unwrap(api.GET('/api/exams/{id}/attempts/{attemptId}', { params: { path: { id, attemptId: attemptId ?? 0 } } })),
    enabled: attemptId !== undefined,
  });
}

export const useCreateExam = () => useLearningWrite((body: CreateExamBody) => unwrap(api.POST('/api/exams', { body })));
export const useUpdateExam = () =>
  useLearningWrite(({ id, body }: { id: number; body: UpdateExamBody }) => unwrap(api.PUT('/api/exams/{id}', { params: { path: { id } }, body })));
export const usePublishExam = () =>
  useLearningWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/exams/{id}/publish', { params: { path: { id } }, body: { version } })));
export const useSetLeaderboard = () =>
  useLearningWrite(({ id, enabled, version }: { id: number; enabled: boolean; version: number }) =>
    unwrap(api.PUT('/api/exams/{id}/leaderboard', { params: { path: { id } }, body: { enabled, version } })));

// ---------------------------------------------------------------------------
// 积分 (points): rulebooks, awards, approvals, appeals and indices
// ---------------------------------------------------------------------------

export type RulebookSummary = ResponseOf<'/api/points/rulebooks', 'get'>['items'][number];
export type Rulebook = ResponseOf<'/api/points/rulebooks/{id}', 'get'>;
export type Rule = Rulebook['rules'][number];
export type RuleInput = BodyOf<'/api/points/rulebooks/{id}', 'put'>['rules'][number];
export type EntryListQuery = QueryOf<'/api/points/entries', 'get'>;
export type PointsEntry = ResponseOf<'/api/points/entries', 'get'>['items'][number];
export type AwardBody = BodyOf<'/api/points/entries', 'post'>;
export type AppealListQuery = QueryOf<'/api/points/appeals', 'get'>;
export type Appeal = ResponseOf<'/api/points/appeals', 'get'>['items'][number];
export type DecideAppealBody = BodyOf<'/api/points/appeals/{id}/decide', 'post'>;
export type OrgPoints = ResponseOf<'/api/points/orgs/{id}', 'get'>;
export type OrgMembersPage = ResponseOf<'/api/points/orgs/{id}/members', 'get'>;

export const pointsKeys = {
  rulebooks: (year?: number) => ['learning', 'points', 'rulebooks', year ?? null] as const,
  rulebook: (id: number) => ['learning', 'points', 'rulebook', id] as const,
  myRulebook: (year?: number) => ['learning', 'points', 'my-rulebook', year ?? null] as const,
  entries: (query: EntryListQuery) => ['learning', 'points', 'entries', query] as const,
  appeals: (query: AppealListQuery) => ['learning', 'points', 'appeals', query] as const,
  org: (id: number, year?: number) => ['learning', 'points', 'org', id, year ?? null] as const,
  members: (id: number, year: number | undefined, page: number) => ['learning', 'points', 'org', id, 'members', year ?? null, page] as const,
};

export function useRulebooks(year?: number, enabled = true) {
  return useQuery({ queryKey: pointsKeys.rulebooks(year), queryFn: () => unwrap(api.GET('/api/points/rulebooks', { params: { query: year ? { year } : {} } })), enabled });
}

export function useRulebook(id: number | undefined) {
  return useQuery({
    queryKey: pointsKeys.rulebook(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/points/rulebooks/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && id > 0,
  });
}

/** The published rulebook of a year, readable by every account (the award form's rule list). */
export function usePublishedRulebook(year?: number) {
  return useQuery({ queryKey: pointsKeys.myRulebook(year), queryFn: () => unwrap(api.GET('/api/me/rulebook', { params: { query: year ? { year } : {} } })) });
}

export function usePointsEntries(query: EntryListQuery | undefined) {
  return useQuery({
    queryKey: pointsKeys.entries(query ?? { orgId: 0 }),
    queryFn: () => unwrap(api.GET('/api/points/entries', { params: { query: query ?? { orgId: 0 } } })),
    enabled: !!query && query.orgId > 0,
    placeholderData: keepPreviousData,
  });
}

export function usePointsAppeals(query: AppealListQuery | undefined) {
  return useQuery({
    queryKey: pointsKeys.appeals(query ?? { orgId: 0 }),
    queryFn: () => unwrap(api.GET('/api/points/appeals', { params: { query: query ?? { orgId: 0 } } })),
    enabled: !!query && query.orgId > 0,
    placeholderData: keepPreviousData,
  });
}

export function useOrgPoints(id: number | undefined, year?: number) {
  return useQuery({
    queryKey: pointsKeys.org(id ?? 0, year),
    queryFn: () => unwrap(api.GET('/api/points/orgs/{id}', { params: { path: { id: id ?? 0 }, query: year ? { year } : {} } })),
    enabled: id !== undefined && id > 0,
  });
}

export function useOrgMembersPoints(id: number | undefined, year: number | undefined, page: number) {
  return useQuery({
    queryKey: pointsKeys.members(id ?? 0, year, page),
    queryFn: () => unwrap(api.GET('/api/points/orgs/{id}/members', { params: { path: { id: id ?? 0 }, query: { year, order: 'name', page, pageSize: 50 } } })),
    enabled: id !== undefined && id > 0,
    placeholderData: keepPreviousData,
  });
}

export type OrgPointsReport = ResponseOf<'/api/points/orgs/{id}/report', 'get'>;
export type MyPointsReport = ResponseOf<'/api/me/points/report', 'get'>;
export type RecomputeResult = ResponseOf<'/api/points/recompute', 'post'>;

/** An organisation's yearly 体检报告 (generated from the records). */
export function useOrgPointsReport(id: number, year: number) {
  return useQuery({
    queryKey: ['learning', 'points', 'org', id, 'report', year] as const,
    queryFn: () => unwrap(api.GET('/api/points/orgs/{id}/report', { params: { path: { id }, query: { year } } })),
    enabled: id > 0,
  });
}

/** My yearly 体检报告 (the member pages). */
export function useMyPointsReport(year: number) {
  return useQuery({ queryKey: ['learning', 'points', 'my-report', year] as const, queryFn: () => unwrap(api.GET('/api/me/points/report', { params: { query: { year } } })) });
}

export const useReverseEntry = () =>
  useLearningWrite(({ id, reason }: { id: number; reason: string }) => unwrap(api.POST('/api/points/entries/{id}/reverse', { params: { path: { id } }, body: { reason } })));
export const useRecompute = () => useLearningWrite((year: number) => unwrap(api.POST('/api/points/recompute', { params: { query: { year } } })));

export const useCreateRulebook = () => useLearningWrite((body: { year: number; orgId?: number }) => unwrap(api.POST('/api/points/rulebooks', { body })));
export const useUpdateRulebook = () =>
  useLearningWrite(({ id, body }: { id: number; body: BodyOf<'/api/points/rulebooks/{id}', 'put'> }) => unwrap(api.PUT('/api/points/rulebooks/{id}', { params: { path: { id } }, body })));
export const usePublishRulebook = () =>
  useLearningWrite(({ id, revision }: { id: number; revision: number }) => unwrap(api.POST('/api/points/rulebooks/{id}/publish', { params: { path: { id } }, body: { revision } })));
export const useAwardPoints = () => useLearningWrite((body: AwardBody) => unwrap(api.POST('/api/points/entries', { body })));
export const useDecideEntry = () =>
  useLearningWrite(({ id, decision, note }: { id: number; decision: 'approve' | 'reject'; note?: string | null }) =>
    unwrap(api.POST('/api/points/entries/{id}/decide', { params: { path: { id } }, body: { decision, note } })));
export const useDecideAppeal = () =>
  useLearningWrite(({ id, body }: { id: number; body: DecideAppealBody }) => unwrap(api.POST('/api/points/appeals/{id}/decide', { params: { path: { id } }, body })));

// ---------------------------------------------------------------------------
// 课程 (courses and their chapters)
// ---------------------------------------------------------------------------

export type CourseListQuery = QueryOf<'/api/courses', 'get'>;
export type CourseSummary = ResponseOf<'/api/courses', 'get'>['items'][number];
export type Course = ResponseOf<'/api/courses/{id}', 'get'>;
export type Chapter = Course['chapters'][number];
export type CreateCourseBody = BodyOf<'/api/courses', 'post'>;
export type UpdateCourseBody = BodyOf<'/api/courses/{id}', 'put'>;
export type FileChapterKind = 'pdf' | 'video' | 'audio';

export const courseKeys = {
  list: (query: CourseListQuery) => ['learning', 'courses', query] as const,
  course: (id: number) => ['learning', 'course', id] as const,
};

export function useCourses(query: CourseListQuery) {
  return useQuery({ queryKey: courseKeys.list(query), queryFn: () => unwrap(api.GET('/api/courses', { params: { query } })), placeholderData: keepPreviousData });
}

export function useCourse(id: number | undefined) {
  return useQuery({
    queryKey: courseKeys.course(id ?? 0),
    queryFn: () => unwrap(api.GET('/api/courses/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined && id > 0,
  });
}

export const useCreateCourse = () => useLearningWrite((body: CreateCourseBody) => unwrap(api.POST('/api/courses', { body })));
export const useUpdateCourse = () =>
  useLearningWrite(({ id, body }: { id: number; body: UpdateCourseBody }) => unwrap(api.PUT('/api/courses/{id}', { params: { path: { id } }, body })));
export const usePublishCourse = () =>
  useLearningWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/courses/{id}/publish', { params: { path: { id } }, body: { version } })));
export const useArchiveCourse = () =>
  useLearningWrite(({ id, version }: { id: number; version: number }) => unwrap(api.POST('/api/courses/{id}/archive', { params: { path: { id } }, body: { version } })));
export const useAddTextChapter = () =>
  useLearningWrite(({ id, version, title, body }: { id: number; version: number; title: string; body: string }) =>
    unwrap(api.POST('/api/courses/{id}/chapters', { params: { path: { id } }, body: { version, title, body } })));
export const useUpdateChapter = () =>
  useLearningWrite(({ id, chapterId, version, title, body }: { id: number; chapterId: number; version: number; title: string; body?: string | null }) =>
    unwrap(api.PUT('/api/courses/{id}/chapters/{chapterId}', { params: { path: { id, chapterId } }, body: { version, title, body } })));
export const useRemoveChapter = () =>
  useLearningWrite(({ id, chapterId, version }: { id: number; chapterId: number; version: number }) =>
    unwrap(api.DELETE('/api/courses/{id}/chapters/{chapterId}', { params: { path: { id, chapterId }, query: { version } } })));
export const useReorderChapters = () =>
  useLearningWrite(({ id, version, chapterIds }: { id: number; version: number; chapterIds: number[] }) =>
    unwrap(api.PUT('/api/courses/{id}/chapter-order', { params: { path: { id } }, body: { version, chapterIds } })));

/** Adds a PDF, video or audio chapter (fields first, then the file, as the server reads them). */
export async function uploadChapterFile(courseId: number, fields: { version: number; title: string; kind: FileChapterKind }, file: File): Promise<{ id: number }> {
  const form = new FormData();
  form.append('version', String(fields.version));
  form.append('title', fields.title);
  form.append('kind', fields.kind);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/courses/${courseId}/chapters/upload`, { method: 'POST', body: form, credentials: 'same-origin', headers: await writeHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(body, response);
  return body as { id: number };
}

export type QuizQuestionQuery = QueryOf<'/api/courses/{id}/quiz-questions', 'get'>;
export type QuizQuestionOption = ResponseOf<'/api/courses/{id}/quiz-questions', 'get'>['items'][number];

/** Approved questions a chapter quiz of this course may use (with keys: managers only). */
export function useQuizQuestionPicker(courseId: number, query: QuizQuestionQuery, enabled = true) {
  return useQuery({
    queryKey: ['learning', 'course', courseId, 'quiz-questions', query] as const,
    queryFn: () => unwrap(api.GET('/api/courses/{id}/quiz-questions', { params: { path: { id: courseId }, query } })),
    enabled: enabled && courseId > 0,
    placeholderData: keepPreviousData,
  });
}
export const useSetChapterQuiz = () =>
  useLearningWrite(({ id, chapterId, version, title, quiz }: { id: number; chapterId: number; version: number; title: string; quiz: { questionIds: number[]; passCount: number } | null }) =>
    unwrap(api.PUT('/api/courses/{id}/chapters/{chapterId}', { params: { path: { id, chapterId } }, body: { version, title, quiz } })));

export const chapterFileUrl = (courseId: number, chapterId: number) => `/api/courses/${courseId}/chapters/${chapterId}/file`;

// ---------------------------------------------------------------------------
// 网上党校 classes: enrolment, progress and certificates
// ---------------------------------------------------------------------------

export type ClassListQuery = QueryOf<'/api/classes', 'get'>;
export type ClassSummary = ResponseOf<'/api/classes', 'get'>['items'][number];
export type ClassDetail = ResponseOf<'/api/classes/{id}', 'get'>;
export type CreateClassBody = BodyOf<'/api/classes', 'post'>;
export type UpdateClassBody = BodyOf<'/api/classes/{id}', 'put'>;
export type ClassProgress = ResponseOf<'/api/classes/{id}/progress', 'get'>;
export type Certificate = ResponseOf<'/api/classes/{id}/certificates/{memberId}', 'get'>;

export const classKeys = {
  list: (query: ClassListQuery) => ['learning', 'classes', query] as const,
  one: (id: number) => ['learning', 'class', id] as const,
  progress: (id: number, incomplete: boolean, page: number) => ['learning', 'class', id, 'progress', incomplete, page] as const,
  certificate: (id: number, memberId: number) => ['learning', 'class', id, 'certificate', memberId] as const,
};

export function useClasses(query: ClassListQuery) {
  return useQuery({ queryKey: classKeys.list(query), queryFn: () => unwrap(api.GET('/api/classes', { params: { query } })), placeholderData: keepPreviousData });
}

export function useClass(id: number) {
  return useQuery({ queryKey: classKeys.one(id), queryFn: () => unwrap(api.GET('/api/classes/{id}', { params: { path: { id } } })), enabled: id > 0 });
}

export function useClassProgress(id: number, incomplete: boolean, page: number) {
  return useQuery({
    queryKey: classKeys.progress(id, incomplete, page),
    queryFn: () => unwrap(api.GET('/api/classes/{id}/progress', { params: { path: { id }, query: { incomplete: incomplete ? 'true' : undefined, page, pageSize: 50 } } })),
    enabled: id > 0,
    placeholderData: keepPreviousData,
  });
}

export function useCertificate(id: number, memberId: number) {
  return useQuery({
    queryKey: classKeys.certificate(id, memberId),
    queryFn: () => unwrap(api.GET('/api/classes/{id}/certificates/{memberId}', { params: { path: { id, memberId } } })),
    enabled: id > 0 && memberId > 0,
  });
}

export const useCreateClass = () => useLearningWrite((body: CreateClassBody) => unwrap(api.POST('/api/classes', { body })));
export const useUpdateClass = () =>
  useLearningWrite(({ id, body }: { id: number; body: UpdateClassBody }) => unwrap(api.PUT('/api/classes/{id}', { params: { path: { id } }, body })));
export const useEnrol = () =>
  useLearningWrite(({ id, memberIds }: { id: number; memberIds: number[] }) => unwrap(api.POST('/api/classes/{id}/enrolments', { params: { path: { id } }, body: { memberIds } })));
export type BulkEnrolResult = ResponseOf<'/api/classes/{id}/enrolments/bulk', 'post'>;
export const useBulkEnrol = () =>
  useLearningWrite(({ id, body }: { id: number; body: BodyOf<'/api/classes/{id}/enrolments/bulk', 'post'> }) => unwrap(api.POST('/api/classes/{id}/enrolments/bulk', { params: { path: { id } }, body })));
export const useUnenrol = () =>
  useLearningWrite(({ id, memberId }: { id: number; memberId: number }) => unwrap(api.DELETE('/api/classes/{id}/enrolments/{memberId}', { params: { path: { id, memberId } } })));
