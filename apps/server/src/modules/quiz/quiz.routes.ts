import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid, parseFormFields } from '../../platform/errors';
import { ErrorEnvelope, errorResponses } from '../../platform/http';
import { contentDisposition as attachment } from '../../platform/attachments';
import { XLSX_MIME } from '../../platform/xlsx';
import { createContestService } from './contest.service';
import { createExamAttemptService } from './exam-attempt.service';
import { createExamService } from './exam.service';
import { createQuestionImportService } from './question-import.service';
import { createQuestionService } from './question.service';
import { questionTemplate } from './question.sheet';
import { createQuizService } from './quiz.service';
import {
  ApproveQuestionsBody, ApproveQuestionsResult, AttemptAnswersBody, AttemptParams, CurrentQuiz, AttemptReview, CategoryList, ContestAnswerAck, ContestAnswerBody, ContestCurrent, ContestResults, ExamAnalysis, ExamBody, ExamDetail,
  ExamList, ExamListQuery, ExamResults, IdParams, IdResponse, ImportFields, LeaderboardBody, MyAttempt, MyExamList, Ok, PageQuery, PickerList, PickerQuery, QuestionBody,
  QuestionFilter, QuestionImportReport, QuestionList, QuestionListQuery, QuestionView, QuizAnswerBody, QuizAnswerResult, QuizHistory, QuizSessionView, ResultsQuery,
  ReviewQuestionBody, SessionParams, StartQuizBody, SubmitBody, UpdateExamBody, UpdateQuestionBody, VersionBody,
} from './quiz.schemas';

const XlsxDownload = z.unknown().describe('.xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)');
const ok = { ok: true as const };
const bank = ['questions'];
const quiz = ['quiz'];
const exams = ['exams'];

/** Reads a multipart upload whole (question files are small): the file and the checked text fields. */
async function readUpload<T extends z.ZodType>(request: FastifyRequest, schema: T): Promise<{ fields: z.infer<T>; buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传 .xlsx 文件');
  const raw: Record<string, string> = {};
  let buffer: Buffer | null = null;
  let fileName = '';
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
      }
      fileName = part.filename;
      buffer = await part.toBuffer();
    } else raw[part.fieldname] = String(part.value);
  }
  const fields = parseFormFields(schema, raw);
  if (!buffer) throw new Invalid('请选择要上传的 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
  return { fields, buffer, fileName };
}

/** The question bank, 一键答题, exams and contests. */
export function quizRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const questions = createQuestionService(ctx);
  const imports = createQuestionImportService(ctx);
  const quizzes = createQuizService(ctx);
  const examsAdmin = createExamService(ctx);
  const attempts = createExamAttemptService(ctx);
  const contests = createContestService(ctx);
  return async (app) => {
    // ----- question bank ---------------------------------------------------------------------
    app.get('/api/questions', {
      config: { access: 'question.manage' },
      schema: { operationId: 'listQuestions', tags: bank, summary: 'The bank the caller writes or reviews, filtered, one page', querystring: QuestionListQuery, response: { 200: QuestionList, ...errorResponses } },
    }, async (request) => questions.list(accessOf(request), request.query));

    app.get('/api/questions/import/template', {
      config: { access: 'question.manage' },
      schema: { operationId: 'getQuestionImportTemplate', tags: bank, summary: 'The question import template (.xlsx with a 填写说明 sheet)', produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (_request, reply) => reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('题库导入模板.xlsx')).send(await questionTemplate()));

    app.post('/api/questions/import', {
      config: { access: 'question.manage' },
      schema: {
        operationId: 'importQuestions', tags: bank, consumes: ['multipart/form-data'],
        summary: 'Upload questions (.xlsx; multipart: file, orgId?, mode=check|all|validOnly); row report first, imported questions wait for review',
        response: { 200: QuestionImportReport, ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    }, async (request) => {
      const { fields, buffer, fileName } = await readUpload(request, ImportFields);
      return imports.importQuestions(accessOf(request), { ...fields, buffer, fileName });
    });

    app.get('/api/questions/export', {
      config: { access: 'question.manage' },
      schema: { operationId: 'exportQuestions', tags: bank, summary: 'The filtered bank as .xlsx (import layout)', querystring: QuestionFilter, produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (request, reply) => reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('题库.xlsx')).send(await imports.exportQuestions(accessOf(request), request.query)));

    app.get('/api/questions/:id', {
      config: { access: 'question.manage' },
      schema: { operationId: 'getQuestion', tags: bank, summary: 'One question with its key and abilities', params: IdParams, response: { 200: QuestionView, ...errorResponses } },
    }, async (request) => questions.get(accessOf(request), request.params.id));

    app.post('/api/questions', {
      config: { access: 'question.manage' },
      schema: { operationId: 'createQuestion', tags: bank, summary: 'Add a question as a draft (or straight to review with submit=true)', body: QuestionBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await questions.create(accessOf(request), request.body) }));

    app.put('/api/questions/:id', {
      config: { access: 'question.manage' },
      schema: { operationId: 'updateQuestion', tags: bank, summary: 'Edit a draft or pending question (it returns to draft)', params: IdParams, body: UpdateQuestionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await questions.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/questions/:id/submit', {
      config: { access: 'question.manage' },
      schema: { operationId: 'submitQuestion', tags: bank, summary: 'Send a draft to review', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await questions.submit(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.post('/api/questions/:id/review', {
      config: { access: 'question.review' },
      schema: { operationId: 'reviewQuestion', tags: bank, summary: 'Approve a pending question or return it to draft with a note (never one\'s own)', params: IdParams, body: ReviewQuestionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await questions.review(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/questions/approve', {
      config: { access: 'question.review' },
      schema: { operationId: 'approveQuestions', tags: bank, summary: 'Approve several pending questions at once (all or nothing; never one\'s own)', body: ApproveQuestionsBody, response: { 200: ApproveQuestionsResult, ...errorResponses } },
    }, async (request) => questions.approveMany(accessOf(request), request.body.items));

    app.post('/api/questions/:id/retire', {
      config: { access: 'question.manage' },
      schema: { operationId: 'retireQuestion', tags: bank, summary: 'Take an approved question out of use', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await questions.retire(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    // ----- 一键答题 -----------------------------------------------------------------------------
    app.get('/api/me/quiz/categories', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyQuizCategories', tags: quiz, summary: 'Categories I can draw quick-quiz questions from', response: { 200: CategoryList, ...errorResponses } },
    }, async (request) => quizzes.categories(request.actor));

    app.post('/api/me/quiz', {
      config: { access: 'authenticated' },
      schema: { operationId: 'startQuiz', tags: quiz, summary: '一键答题: N random approved questions (no keys)', body: StartQuizBody, response: { 201: QuizSessionView, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await quizzes.start(request.actor, request.body.categories)));

    app.get('/api/me/quiz/current', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyCurrentQuiz', tags: quiz, summary: 'My unfinished quick quiz of today with the answers so far (to resume), or null', response: { 200: CurrentQuiz, ...errorResponses } },
    }, async (request) => quizzes.current(request.actor));

    app.post('/api/me/quiz/:sessionId/answers', {
      config: { access: 'authenticated' },
      schema: { operationId: 'answerQuiz', tags: quiz, summary: 'Answer one question: checked on the server; returns the verdict, key and explanation', params: SessionParams, body: QuizAnswerBody, response: { 200: QuizAnswerResult, ...errorResponses } },
    }, async (request) => quizzes.answer(request.actor, request.params.sessionId, request.body));

    app.get('/api/me/quiz/history', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyQuizHistory', tags: quiz, summary: 'My quick quizzes, newest first', querystring: PageQuery, response: { 200: QuizHistory, ...errorResponses } },
    }, async (request) => quizzes.history(request.actor, request.query.page, request.query.pageSize));

    // ----- exams and contests: organisers ---------------------------------------------------------
    app.get('/api/exam-questions', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'listExamQuestions', tags: exams, summary: 'Approved questions an exam of an organisation may use', querystring: PickerQuery, response: { 200: PickerList, ...errorResponses } },
    }, async (request) => questions.picker(accessOf(request), request.query));

    app.get('/api/exams', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'listExams', tags: exams, summary: 'Exams and contests in the caller\'s scope', querystring: ExamListQuery, response: { 200: ExamList, ...errorResponses } },
    }, async (request) => examsAdmin.list(accessOf(request), request.query));

    app.post('/api/exams', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'createExam', tags: exams, summary: 'Create a draft exam or contest with its paper', body: ExamBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await examsAdmin.create(accessOf(request), request.body) }));

    app.get('/api/exams/:id', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'getExam', tags: exams, summary: 'One exam with its paper', params: IdParams, response: { 200: ExamDetail, ...errorResponses } },
    }, async (request) => examsAdmin.detail(accessOf(request), request.params.id));

    app.put('/api/exams/:id', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'updateExam', tags: exams, summary: 'Edit a draft exam', params: IdParams, body: UpdateExamBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await examsAdmin.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/exams/:id/publish', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'publishExam', tags: exams, summary: 'Publish a draft (its members can then take it)', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await examsAdmin.publish(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.put('/api/exams/:id/leaderboard', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'setContestLeaderboard', tags: exams, summary: 'Switch a contest\'s live leaderboard (initials only) on or off', params: IdParams, body: LeaderboardBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await examsAdmin.setLeaderboard(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.get('/api/exams/:id/results', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'getExamResults', tags: exams, summary: 'Attempts and scores (contests ranked by score, then time)', params: IdParams, querystring: ResultsQuery, response: { 200: ExamResults, ...errorResponses } },
    }, async (request) => examsAdmin.results(accessOf(request), request.params.id, request.query.page, request.query.pageSize));

    app.get('/api/exams/:id/analysis', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'getExamAnalysis', tags: exams, summary: 'Per question: correct rate and answer distribution', params: IdParams, response: { 200: ExamAnalysis, ...errorResponses } },
    }, async (request) => examsAdmin.analysis(accessOf(request), request.params.id));

    app.get('/api/exams/:id/attempts/:attemptId', {
      config: { access: 'exam.manage' },
      schema: { operationId: 'getExamAttempt', tags: exams, summary: 'One attempt\'s answers beside the keys, for re-checking', params: AttemptParams, response: { 200: AttemptReview, ...errorResponses } },
    }, async (request) => examsAdmin.attempt(accessOf(request), request.params.id, request.params.attemptId));

    // ----- exams and contests: members ----------------------------------------------------------
    app.get('/api/me/exams', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyExams', tags: exams, summary: 'Exams and contests open to me, with my attempts', response: { 200: MyExamList, ...errorResponses } },
    }, async (request) => attempts.list(request.actor));

    app.post('/api/me/exams/:id/attempts', {
      config: { access: 'authenticated' },
      schema: { operationId: 'startExamAttempt', tags: exams, summary: 'Start an attempt (or resume the one in progress): the paper without keys and the deadline', params: IdParams, response: { 200: MyAttempt, 201: MyAttempt, ...errorResponses } },
    }, async (request, reply) => {
      const r = await attempts.start(request.actor, request.params.id);
      return reply.status(r.created ? 201 : 200).send(r.attempt);
    });

    app.get('/api/me/exams/:id/attempts/:attemptId', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyExamAttempt', tags: exams, summary: 'My attempt: saved answers, time left; keys once no attempt remains', params: AttemptParams, response: { 200: MyAttempt, ...errorResponses } },
    }, async (request) => attempts.get(request.actor, request.params.id, request.params.attemptId));

    app.put('/api/me/exams/:id/attempts/:attemptId/answers', {
      config: { access: 'authenticated' },
      schema: { operationId: 'saveExamAnswers', tags: exams, summary: 'Save answers (refused after the deadline; nothing written)', params: AttemptParams, body: AttemptAnswersBody, response: { 200: MyAttempt, ...errorResponses } },
    }, async (request) => attempts.save(request.actor, request.params.id, request.params.attemptId, request.body.answers));

    app.post('/api/me/exams/:id/attempts/:attemptId/submit', {
      config: { access: 'authenticated' },
      schema: { operationId: 'submitExamAttempt', tags: exams, summary: 'Submit and grade on the server (late or second submissions refused)', params: AttemptParams, body: SubmitBody, response: { 200: MyAttempt, ...errorResponses } },
    }, async (request) => attempts.submit(request.actor, request.params.id, request.params.attemptId, request.body.answers, request.body.auto));

    app.get('/api/me/contests/:id/current', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getContestCurrent', tags: exams, summary: 'The contest question open now (no key) and its remaining seconds', params: IdParams, response: { 200: ContestCurrent, ...errorResponses } },
    }, async (request) => contests.current(request.actor, request.params.id));

    app.post('/api/me/contests/:id/answers', {
      config: { access: 'authenticated' },
      schema: { operationId: 'answerContest', tags: exams, summary: 'Answer the open question, once (a second answer is 409)', params: IdParams, body: ContestAnswerBody, response: { 200: ContestAnswerAck, ...errorResponses } },
    }, async (request) => contests.answer(request.actor, request.params.id, request.body));

    app.get('/api/me/contests/:id/results', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getContestResults', tags: exams, summary: 'My contest result; others\' only via the organiser\'s leaderboard (initials)', params: IdParams, response: { 200: ContestResults, ...errorResponses } },
    }, async (request) => contests.results(request.actor, request.params.id));
  };
}
