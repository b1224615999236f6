import type { Role } from '@hongyun/shared';
import { m, multipart, pick, ROLES, type Entry, type MatrixPart, type Target } from '../../test/matrix';
import { givenAttempt, givenExam, givenQuestion } from './quiz.fixtures';
import { questionTemplate } from './question.sheet';

// Inside targets live under branch A (every exam.manage and question.manage grant of the
// matrix covers it); outside ones under branch X of the other city.

const branch = (target: Target) => pick(target, m.f.branchA.id, m.f.branchX.id);
const city = (target: Target) => pick(target, m.f.city.id, m.f.otherCity.id);
const question = (target: Target, o: Parameters<typeof givenQuestion>[2] = {}) => givenQuestion(m.t.db, branch(target), o);
/** An approved question in the bank above the target's members. */
const bankQuestion = (target: Target) => givenQuestion(m.t.db, city(target));
const exam = async (target: Target, o: Parameters<typeof givenExam>[3] = {}) => givenExam(m.t.db, branch(target), [await bankQuestion(target)], o);
/** The matrix member ('me') inside; a member of the other city outside. */
const memberOf = (target: Target) => pick(target, m.f.me.id, m.f.memberX.id);

/** Own-record routes: only the member role's account has a member record; outside targets are someone else's. */
const onlyMember = (inside: number): Entry['override'] => ({
  ...Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]])),
  member: [inside, 404],
}) as Partial<Record<Role, [number, number]>>;
const MEMBER_LIST: Entry['override'] = Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]]));

const questionBody = { kind: 'judge', stem: '党员有权在党的会议上讨论党的政策问题。', options: [], answer: [true], category: '党章', difficulty: 1 };
const examBody = async (target: Target) => ({
  title: '矩阵考试', paperMode: 'fixed', questionIds: [await bankQuestion(target)], timeLimitMinutes: 30,
  opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(),
});
const draftExam = (target: Target) => exam(target, { status: 'draft' });
const attemptOf = async (target: Target) => {
  const id = await exam(target);
  return { id, attemptId: await givenAttempt(m.t.db, id, memberOf(target)) };
};

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const quizMatrix: MatrixPart = {
  // ----- question bank -----
  'GET /api/questions': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/questions' }) },
  'GET /api/questions/import/template': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/questions/import/template' }) },
  'POST /api/questions/import': {
    ok: 200,
    call: async (tg) => ({ method: 'POST', url: '/api/questions/import', raw: multipart({ orgId: String(branch(tg)), mode: 'check' }, { name: '题目.xlsx', content: await questionTemplate() }) }),
  },
  'GET /api/questions/export': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/questions/export' }) },
  'GET /api/questions/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/questions/${await question(tg)}` }) },
  'POST /api/questions': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/questions', body: { ...questionBody, orgId: branch(tg) } }) },
  'PUT /api/questions/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/questions/${await question(tg, { status: 'draft' })}`, body: { ...questionBody, version: 1 } }) },
  'POST /api/questions/:id/submit': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/questions/${await question(tg, { status: 'draft' })}/submit`, body: { version: 1 } }) },
  'POST /api/questions/:id/review': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/questions/${await question(tg, { status: 'pending' })}/review`, body: { decision: 'approve', version: 1 } }) },
  'POST /api/questions/approve': { ok: 200, call: async (tg) => ({ method: 'POST', url: '/api/questions/approve', body: { items: [{ id: await question(tg, { status: 'pending' }), version: 1 }] } }) },
  'POST /api/questions/:id/retire': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/questions/${await question(tg)}/retire`, body: { version: 1 } }) },

  // ----- 一键答题 (own records) -----
  'GET /api/me/quiz/categories': { ok: 200, unscoped: true, override: MEMBER_LIST, call: async () => ({ method: 'GET', url: '/api/me/quiz/categories' }) },
  'POST /api/me/quiz': {
    ok: 201, unscoped: true, override: MEMBER_LIST,
    call: async () => {
      await bankQuestion('in');
      return { method: 'POST', url: '/api/me/quiz', body: {} };
    },
  },
  'POST /api/me/quiz/:sessionId/answers': {
    ok: 200, override: onlyMember(200),
    call: async (tg) => {
      const q = await bankQuestion(tg);
      const s = await m.t.db.insertInto('quizSession').values({ memberId: memberOf(tg), questionIds: [q] }).returning('id').executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/me/quiz/${s.id}/answers`, body: { questionId: q, answer: 'B' } };
    },
  },
  'GET /api/me/quiz/current': { ok: 200, unscoped: true, override: MEMBER_LIST, call: async () => ({ method: 'GET', url: '/api/me/quiz/current' }) },
  'GET /api/me/quiz/history': { ok: 200, unscoped: true, override: MEMBER_LIST, call: async () => ({ method: 'GET', url: '/api/me/quiz/history' }) },

  // ----- exams and contests: organisers -----
  'GET /api/exam-questions': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/exam-questions?orgId=${branch(tg)}` }) },
  'GET /api/exams': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/exams' }) },
  'POST /api/exams': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/exams', body: { ...(await examBody(tg)), orgId: branch(tg), kind: 'exam' } }) },
  'GET /api/exams/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/exams/${await exam(tg)}` }) },
  'PUT /api/exams/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/exams/${await draftExam(tg)}`, body: { ...(await examBody(tg)), version: 1 } }) },
  'POST /api/exams/:id/publish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/exams/${await draftExam(tg)}/publish`, body: { version: 1 } }) },
  'PUT /api/exams/:id/leaderboard': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/exams/${await exam(tg, { kind: 'contest', opensAt: new Date(Date.now() + 3600_000) })}/leaderboard`, body: { enabled: true, version: 1 } }) },
  'GET /api/exams/:id/results': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/exams/${(await attemptOf(tg)).id}/results` }) },
  'GET /api/exams/:id/analysis': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/exams/${(await attemptOf(tg)).id}/analysis` }) },
  'GET /api/exams/:id/attempts/:attemptId': {
    ok: 200,
    call: async (tg) => {
      const a = await attemptOf(tg);
      return { method: 'GET', url: `/api/exams/${a.id}/attempts/${a.attemptId}` };
    },
  },

  // ----- exams and contests: members (own records) -----
  'GET /api/me/exams': { ok: 200, unscoped: true, override: MEMBER_LIST, call: async () => ({ method: 'GET', url: '/api/me/exams' }) },
  'POST /api/me/exams/:id/attempts': { ok: 201, override: onlyMember(201), call: async (tg) => ({ method: 'POST', url: `/api/me/exams/${await exam(tg)}/attempts` }) },
  'GET /api/me/exams/:id/attempts/:attemptId': {
    ok: 200, override: onlyMember(200),
    call: async (tg) => {
      const a = await attemptOf(tg);
      return { method: 'GET', url: `/api/me/exams/${a.id}/attempts/${a.attemptId}` };
    },
  },
  'PUT /api/me/exams/:id/attempts/:attemptId/answers': {
    ok: 200, override: onlyMember(200),
    call: async (tg) => {
      const a = await attemptOf(tg);
      const [q] = (await m.t.db.selectFrom('examQuestion').select('questionId').where('examId', '=', a.id).execute());
      return { method: 'PUT', url: `/api/me/exams/${a.id}/attempts/${a.attemptId}/answers`, body: { answers: [{ questionId: q.questionId, answer: 'B' }] } };
    },
  },
  'POST /api/me/exams/:id/attempts/:attemptId/submit': {
    ok: 200, override: onlyMember(200),
    call: async (tg) => {
      const a = await attemptOf(tg);
      return { method: 'POST', url: `/api/me/exams/${a.id}/attempts/${a.attemptId}/submit`, body: {} };
    },
  },
  'GET /api/me/contests/:id/current': { ok: 200, override: onlyMember(200), call: async (tg) => ({ method: 'GET', url: `/api/me/contests/${await exam(tg, { kind: 'contest' })}/current` }) },
  'POST /api/me/contests/:id/answers': {
    ok: 200, override: onlyMember(200),
    call: async (tg) => ({ method: 'POST', url: `/api/me/contests/${await exam(tg, { kind: 'contest', opensAt: new Date(Date.now() - 1000) })}/answers`, body: { position: 0, answer: 'B' } }),
  },
  'GET /api/me/contests/:id/results': { ok: 200, override: onlyMember(200), call: async (tg) => ({ method: 'GET', url: `/api/me/contests/${await exam(tg, { kind: 'contest' })}/results` }) },
};
