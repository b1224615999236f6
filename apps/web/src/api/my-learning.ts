// The member's side of learning (/m): 一键答题, my points and appeals, the published rulebook,
// courses with chapters and chapter quizzes, study hours, and exams.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BodyOf, ResponseOf } from './types';

export type QuizSession = ResponseOf<'/api/me/quiz', 'post'>;
export type QuizQuestion = QuizSession['questions'][number];
export type QuizVerdict = ResponseOf<'/api/me/quiz/{sessionId}/answers', 'post'>;
/** Today's unfinished quiz with the feedback already given, to resume. */
export type CurrentQuiz = NonNullable<ResponseOf<'/api/me/quiz/current', 'get'>['session']>;
export type QuizHistoryItem = ResponseOf<'/api/me/quiz/history', 'get'>['items'][number];
export type MyPoints = ResponseOf<'/api/me/points', 'get'>;
export type MyPointsEntry = MyPoints['entries'][number];
export type MyRulebook = ResponseOf<'/api/me/rulebook', 'get'>;
export type MyCourseSummary = ResponseOf<'/api/me/courses', 'get'>['items'][number];
export type MyCourse = ResponseOf<'/api/me/courses/{id}', 'get'>;
export type MyChapter = ResponseOf<'/api/me/courses/{id}/chapters/{chapterId}', 'get'>;
export type ChapterQuizResult = ResponseOf<'/api/me/courses/{id}/chapters/{chapterId}/quiz', 'post'>;
export type MyStudyHours = ResponseOf<'/api/me/study-hours', 'get'>;
export type MyExam = ResponseOf<'/api/me/exams', 'get'>['items'][number];
export type MyAttempt = ResponseOf<'/api/me/exams/{id}/attempts/{attemptId}', 'get'>;
export type ContestNow = ResponseOf<'/api/me/contests/{id}/current', 'get'>;
export type ContestOutcome = ResponseOf<'/api/me/contests/{id}/results', 'get'>;
/** What a member sends for one question: single 'B', multiple ['A','C'], judge true, fill one text per blank. */
export type AnswerValue = string | string[] | boolean;
export type AnswerItem = BodyOf<'/api/me/exams/{id}/attempts/{attemptId}/answers', 'put'>['answers'][number];

export const myLearningKeys = {
  quizCategories: ['me', 'quiz', 'categories'] as const,
  quizHistory: ['me', 'quiz', 'history'] as const,
  quizCurrent: ['me', 'quiz', 'current'] as const,
  points: (year: number) => ['me', 'points', year] as const,
  pointsAll: ['me', 'points'] as const,
  rulebook: (year: number) => ['me', 'rulebook', year] as const,
  courses: ['me', 'courses'] as const,
  course: (id: number) => ['me', 'courses', id] as const,
  chapter: (id: number, chapterId: number) => ['me', 'courses', id, 'chapter', chapterId] as const,
  studyHours: (year: number) => ['me', 'study-hours', year] as const,
  exams: ['me', 'exams'] as const,
  attempt: (id: number, attemptId: number) => ['me', 'exams', id, 'attempt', attemptId] as const,
  contest: (id: number) => ['me', 'contests', id] as const,
  contestResults: (id: number) => ['me', 'contests', id, 'results'] as const,
};

const PAGE_SIZE = 20;

export function useQuizCategories() {
  return useQuery({ queryKey: myLearningKeys.quizCategories, queryFn: () => unwrap(api.GET('/api/me/quiz/categories')) });
}

/** Today's unfinished quiz, if any: read fresh on each visit, since the member may have left mid-quiz. */
export function useCurrentQuiz() {
  return useQuery({ queryKey: myLearningKeys.quizCurrent, queryFn: () => unwrap(api.GET('/api/me/quiz/current')), staleTime: 0, gcTime: 0 });
}

export function useStartQuiz() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (categories: string[]) => unwrap(api.POST('/api/me/quiz', { body: categories.length ? { categories } : {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: myLearningKeys.quizHistory }),
  });
}

/** One answer; the last one finishes the quiz, which may award points (so my points go stale). */
export function useAnswerQuiz(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { questionId: number; answer: AnswerValue }) =>
      unwrap(api.POST('/api/me/quiz/{sessionId}/answers', { params: { path: { sessionId } }, body })),
    onSuccess: async (verdict) => {
      if (!verdict.finished) return;
      await client.invalidateQueries({ queryKey: myLearningKeys.quizHistory });
      await client.invalidateQueries({ queryKey: myLearningKeys.pointsAll });
    },
  });
}

export function useQuizHistory() {
  return useInfiniteQuery({
    queryKey: myLearningKeys.quizHistory,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/me/quiz/history', { params: { query: { page: pageParam, pageSize: PAGE_SIZE } } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function useMyPoints(year: number) {
  return useQuery({
    queryKey: myLearningKeys.points(year),
    queryFn: () => unwrap(api.GET('/api/me/points', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAppeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { entryId?: number; year?: number; reason: string }) => unwrap(api.POST('/api/me/points/appeals', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: myLearningKeys.pointsAll }),
  });
}

export function useMyRulebook(year: number) {
  return useQuery({
    queryKey: myLearningKeys.rulebook(year),
    queryFn: () => unwrap(api.GET('/api/me/rulebook', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMyCourses() {
  return useInfiniteQuery({
    queryKey: myLearningKeys.courses,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/me/courses', { params: { query: { page: pageParam, pageSize: PAGE_SIZE } } })),
    staleTime: 0,
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function useMyCourse(id: number) {
  return useQuery({
    queryKey: myLearningKeys.course(id),
    queryFn: () => unwrap(api.GET('/api/me/courses/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
    // Media chapters count as delivered while they play, so show fresh progress on every visit.
    staleTime: 0,
  });
}

/** Opening a chapter marks a text chapter delivered, so the course's progress is refreshed afterwards. */
export function useMyChapter(id: number, chapterId: number | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: myLearningKeys.chapter(id, chapterId ?? 0),
    queryFn: async () => {
      const chapter = await unwrap(api.GET('/api/me/courses/{id}/chapters/{chapterId}', { params: { path: { id, chapterId: chapterId ?? 0 } } }));
      void client.invalidateQueries({ queryKey: myLearningKeys.course(id), exact: true });
      void client.invalidateQueries({ queryKey: myLearningKeys.courses, exact: true });
      return chapter;
    },
    enabled: chapterId !== null && chapterId > 0,
  });
}

/** Where the browser streams a media chapter from (range requests count what was delivered). */
export function chapterMediaUrl(id: number, chapterId: number): string {
  return `/api/me/courses/${id}/chapters/${chapterId}/media`;
}

export function useAnswerChapterQuiz(id: number, chapterId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: { questionId: number; answer: AnswerValue }[]) =>
      unwrap(api.POST('/api/me/courses/{id}/chapters/{chapterId}/quiz', { params: { path: { id, chapterId } }, body: { answers } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: myLearningKeys.courses });
      await client.invalidateQueries({ queryKey: ['me', 'study-hours'] });
      await client.invalidateQueries({ queryKey: myLearningKeys.pointsAll });
    },
  });
}

export function useMyStudyHours(year: number) {
  return useQuery({
    queryKey: myLearningKeys.studyHours(year),
    queryFn: () => unwrap(api.GET('/api/me/study-hours', { params: { query: { year } } })),
  });
}

export function useMyExams() {
  return useQuery({ queryKey: myLearningKeys.exams, queryFn: () => unwrap(api.GET('/api/me/exams')) });
}

/** Starts an attempt, or resumes the one in progress. */
export function useStartAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/me/exams/{id}/attempts', { params: { path: { id } } })),
    onSuccess: async (attempt) => {
      client.setQueryData(myLearningKeys.attempt(attempt.examId, attempt.id), attempt);
      await client.invalidateQueries({ queryKey: myLearningKeys.exams, exact: true });
    },
  });
}

export function useMyAttempt(id: number, attemptId: number) {
  return useQuery({
    queryKey: myLearningKeys.attempt(id, attemptId),
    queryFn: () => unwrap(api.GET('/api/me/exams/{id}/attempts/{attemptId}', { params: { path: { id, attemptId } } })),
    enabled: id > 0 && attemptId > 0,
    staleTime: 0,
  });
}

export function useSaveAnswers(id: number, attemptId: number) {
  return useMutation({
    mutationFn: (answers: AnswerItem[]) =>
      unwrap(api.PUT('/api/me/exams/{id}/attempts/{attemptId}/answers', { params: { path: { id, attemptId } }, body: { answers } })),
  });
}

export function useSubmitAttempt(id: number, attemptId: number) {
  const client = useQueryClient();
  return useMutation({
    // `auto`: the page submits by itself when the countdown runs out (recorded as 自动交卷).
    mutationFn: ({ answers, auto = false }: { answers: AnswerItem[]; auto?: boolean }) =>
      unwrap(api.POST('/api/me/exams/{id}/attempts/{attemptId}/submit', { params: { path: { id, attemptId } }, body: answers.length ? { answers, auto } : { auto } })),
    onSuccess: async (attempt) => {
      client.setQueryData(myLearningKeys.attempt(id, attemptId), attempt);
      await client.invalidateQueries({ queryKey: myLearningKeys.exams, exact: true });
      await client.invalidateQueries({ queryKey: myLearningKeys.pointsAll });
    },
  });
}

/**
 * The contest question open now. Read again exactly when the server's clock says the next one
 * opens (or the contest starts), not polled every second: a contest has many members at once.
 */
export function useContestNow(id: number) {
  return useQuery({
    queryKey: myLearningKeys.contest(id),
    queryFn: () => unwrap(api.GET('/api/me/contests/{id}/current', { params: { path: { id } } })),
    enabled: id > 0,
    staleTime: 0,
    refetchInterval: (query) => {
      const d = query.state.data;
      if (!d || d.state === 'ended') return false;
      if (d.state === 'upcoming') return Math.min(60_000, Math.max(1, d.startsInSeconds ?? 30) * 1000 + 300);
      return d.current ? d.current.remainingSeconds * 1000 + 300 : 2000;
    },
  });
}

/** One answer to the open question (the page remembers which positions it answered). */
export function useAnswerContest(id: number) {
  return useMutation({
    mutationFn: (body: { position: number; answer: AnswerValue }) => unwrap(api.POST('/api/me/contests/{id}/answers', { params: { path: { id } }, body })),
  });
}

export function useContestResults(id: number, enabled: boolean) {
  return useQuery({
    queryKey: myLearningKeys.contestResults(id),
    queryFn: () => unwrap(api.GET('/api/me/contests/{id}/results', { params: { path: { id } } })),
    enabled: enabled && id > 0,
  });
}
