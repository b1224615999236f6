import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { sweepOverdueAttempts } from './exam-attempt.service';
import { assertNoKeys, givenAttempt, givenExam, givenQuestion } from './quiz.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let organiser: ReturnType<typeof as>;
let qs: number[];

/** A fresh member of branch A with a session. */
async function newMember() {
  const m = await t.given.member({ orgId: tree.branchA.id });
  return { id: m.id, client: as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: m.id })).username)) };
}
const answersOf = async (attemptId: number) => t.db.selectFrom('examAnswer').selectAll().where('attemptId', '=', attemptId).execute();
const attemptsOf = async (examId: number, memberId: number) => t.db.selectFrom('examAttempt').selectAll().where('examId', '=', examId).where('memberId', '=', memberId).execute();
const overdue = (attemptId: number) => t.db.updateTable('examAttempt').set({ deadlineAt: sql<Date>`now() - interval '1 second'` }).where('id', '=', attemptId).execute();

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  organiser = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
  qs = [
    await givenQuestion(t.db, tree.city.id),
    await givenQuestion(t.db, tree.city.id, { kind: 'multiple' }),
    await givenQuestion(t.db, tree.city.id, { kind: 'judge' }),
    await givenQuestion(t.db, tree.city.id, { kind: 'fill', category: '党史' }),
  ];
});
afterAll(() => t.close());

const base = () => ({
  orgId: tree.townA.id, kind: 'exam', title: '党章知识测试', paperMode: 'fixed', questionIds: qs, pointsPerQuestion: 25, timeLimitMinutes: 30,
  opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), passMark: 60, attemptsAllowed: 1,
});
const rightAnswers = [{ questionId: 0, answer: 'B' }, { questionId: 1, answer: ['A', 'C'] }, { questionId: 2, answer: true }, { questionId: 3, answer: ['党章'] }];
const allRight = () => rightAnswers.map((a, i) => ({ ...a, questionId: qs[i] }));

describe('setting up exams', () => {
  it('creates, audits and publishes an exam; refuses wrong settings by field and writes nothing', async () => {
    const before = Number((await t.db.selectFrom('exam').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const pending = await givenQuestion(t.db, tree.city.id, { status: 'pending' });
    const outsider = await givenQuestion(t.db, tree.townB.id);
    const bad: [object, string][] = [
      [{ closesAt: new Date(Date.now() - 3600_000).toISOString() }, 'closesAt'],
      [{ questionIds: [...qs, pending] }, 'questionIds.4'],
      [{ questionIds: [qs[0], outsider] }, 'questionIds.1'],
      [{ questionIds: [qs[0], qs[0]] }, 'questionIds'],
      [{ passMark: 101 }, 'passMark'],
      [{ paperMode: 'random', randomCount: 0, questionIds: [] }, 'randomCount'],
      [{ kind: 'contest', secondsPerQuestion: 20, paperMode: 'mixed', randomCount: 1 }, 'paperMode'],
      [{ audience: { kind: 'subtree', orgId: tree.branchB.id } }, 'audience.orgId'],
      [{ audience: { kind: 'role', roles: [] } }, 'audience.roles'],
    ];
    for (const [patch, field] of bad) {
      const res = await organiser.post('/api/exams', { ...base(), ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().details.issues[0].path).toBe(field);
    }
    expect(Number((await t.db.selectFrom('exam').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    const id = (await organiser.post('/api/exams', base())).json().id;
    const detail = (await organiser.get(`/api/exams/${id}`)).json();
    expect(detail).toMatchObject({ status: 'draft', questionCount: 4, passMark: 60, questions: [{ position: 0, id: qs[0], answerText: 'B' }, {}, {}, {}] });
    expect((await organiser.post(`/api/exams/${id}/publish`, { version: detail.version })).statusCode).toBe(200);
    const { orgId: _o, kind: _k, ...editable } = base();
    expect((await organiser.put(`/api/exams/${id}`, { ...editable, version: detail.version + 1 })).json().code).toBe('EXAM_LOCKED');
    const audit = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'exam').where('targetId', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['exam.create', 'exam.publish']);
    const outside = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
    expect((await outside.get(`/api/exams/${id}`)).statusCode).toBe(404);
  });

  it('shows an exam only to its audience: a subtree, or holders of a role', async () => {
    const forSecretaries = (await organiser.post('/api/exams', { ...base(), title: '书记专题测试', audience: { kind: 'role', roles: ['orgAdmin'] } })).json().id;
    const forOtherBranch = (await organiser.post('/api/exams', { ...base(), title: '另一支部测试', audience: { kind: 'subtree', orgId: (await t.given.org({ parentId: tree.townA.id })).id } })).json().id;
    for (const id of [forSecretaries, forOtherBranch]) await organiser.post(`/api/exams/${id}/publish`, { version: 1 });
    const plain = await newMember();
    const listed = (await plain.client.get('/api/me/exams')).json().items.map((e: { id: number }) => e.id);
    expect(listed).not.toContain(forSecretaries);
    expect(listed).not.toContain(forOtherBranch);
    expect((await plain.client.post(`/api/me/exams/${forSecretaries}/attempts`)).statusCode).toBe(404);
    const m = await t.given.member({ orgId: tree.branchA.id });
    const secretary = as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }], { memberId: m.id })).username));
    expect((await secretary.get('/api/me/exams')).json().items.map((e: { id: number }) => e.id)).toContain(forSecretaries);
    expect((await secretary.post(`/api/me/exams/${forSecretaries}/attempts`)).statusCode).toBe(201);
  });

  it('draws a random paper per attempt from the chosen categories', async () => {
    const id = (await organiser.post('/api/exams', { ...base(), paperMode: 'random', questionIds: [], randomCount: 1, randomCategories: ['党史'], passMark: 0 })).json().id;
    await organiser.post(`/api/exams/${id}/publish`, { version: 1 });
    const m = await newMember();
    const a = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    expect(a.questions.map((q: { id: number }) => q.id)).toEqual([qs[3]]);
  });
});

describe('taking an exam', () => {
  it('starts an attempt without keys, deadline = min(start + limit, closing); lists it for the member', async () => {
    const closesAt = new Date(Date.now() + 10 * 60_000);
    const id = await givenExam(t.db, tree.townA.id, qs, { timeLimitMinutes: 30, closesAt });
    const m = await newMember();
    const list = (await m.client.get('/api/me/exams')).json();
    expect(list.items.find((e: { id: number }) => e.id === id)).toMatchObject({ state: 'open', attemptsUsed: 0, questionCount: 4 });
    assertNoKeys(list);
    const res = await m.client.post(`/api/me/exams/${id}/attempts`);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    assertNoKeys(a);
    expect(new Date(a.deadlineAt).getTime()).toBe(closesAt.getTime());
    expect(a.remainingSeconds).toBeGreaterThan(500);
    const resumed = await m.client.post(`/api/me/exams/${id}/attempts`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().id).toBe(a.id);
    const saved = (await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: [{ questionId: qs[0], answer: 'A' }] })).json();
    assertNoKeys({ ...saved, questions: saved.questions.map((q: { saved: unknown }) => ({ ...q, saved: null })) });
    assertNoKeys((await m.client.get(`/api/me/exams/${id}/attempts/${a.id}`)).json().questions.map((q: object) => ({ ...q, saved: null })));
    // Another member cannot see or touch it.
    const other = await newMember();
    expect((await other.client.get(`/api/me/exams/${id}/attempts/${a.id}`)).statusCode).toBe(404);
    expect((await other.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: [{ questionId: qs[0], answer: 'B' }] })).statusCode).toBe(404);
  });

  it('makes exactly one attempt when the same member starts five times at once', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs, { attemptsAllowed: 2 });
    const m = await newMember();
    const results = await Promise.all(Array.from({ length: 5 }, () => m.client.post(`/api/me/exams/${id}/attempts`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await attemptsOf(id, m.id)).toHaveLength(1);
  });

  it('refuses answers to questions outside the attempt and malformed answers, writing nothing', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs.slice(0, 2));
    const m = await newMember();
    const a = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    const outside = await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: [{ questionId: qs[0], answer: 'B' }, { questionId: qs[3], answer: ['党章'] }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.issues[0].path).toBe('answers.1.questionId');
    const malformed = await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: [{ questionId: qs[1], answer: 'A' }] });
    expect(malformed.json().details.issues[0].path).toBe('answers.0.answer');
    const twice = await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: [{ questionId: qs[0], answer: 'B' }, { questionId: qs[0], answer: 'A' }] });
    expect(twice.json().details.issues[0].path).toBe('answers.1.questionId');
    expect(await answersOf(a.id)).toHaveLength(0);
  });

  it('grades on the server; of concurrent submissions exactly one is accepted; passing records examPassed once', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs, { passMark: 3, attemptsAllowed: 2 });
    const m = await newMember();
    const a = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: allRight().slice(0, 3) });
    const submits = await Promise.all(Array.from({ length: 4 }, () => m.client.post(`/api/me/exams/${id}/attempts/${a.id}/submit`, { answers: [{ questionId: qs[3], answer: ['不对'] }] })));
    expect(submits.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(submits.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'ALREADY_SUBMITTED')).toBe(true);
    const done = submits.find((r) => r.statusCode === 200)!.json();
    expect(done).toMatchObject({ score: 3, passed: true, review: null });
    // A second attempt remains, so keys stay hidden; a second pass records no second outcome.
    const again = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    expect(again.attemptNo).toBe(2);
    const last = (await m.client.post(`/api/me/exams/${id}/attempts/${again.id}/submit`, { answers: allRight() })).json();
    expect(last).toMatchObject({ score: 4, passed: true });
    expect(last.review.map((r: { correct: boolean }) => r.correct)).toEqual([true, true, true, true]);
    expect(last.review[0]).toMatchObject({ key: ['B'], explanation: expect.stringContaining('解析') });
    const third = await m.client.post(`/api/me/exams/${id}/attempts`);
    expect(third.json().code).toBe('ATTEMPTS_USED_UP');
    const outcomes = await t.db.selectFrom('outcome').selectAll().where('memberId', '=', m.id).where('kind', '=', 'examPassed').execute();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ sourceType: 'exam', sourceId: id });
    expect(await attemptsOf(id, m.id)).toHaveLength(2);
  });

  it('refuses saving and submitting after the deadline, writing no answer; the attempt is auto-submitted with what was saved', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs, { passMark: 1 });
    const m = await newMember();
    const a = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: allRight().slice(0, 1) });
    await overdue(a.id);
    const late = await m.client.put(`/api/me/exams/${id}/attempts/${a.id}/answers`, { answers: allRight().slice(1, 2) });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('DEADLINE_PASSED');
    expect(await answersOf(a.id)).toHaveLength(1);
    const lateSubmit = await m.client.post(`/api/me/exams/${id}/attempts/${a.id}/submit`, { answers: allRight() });
    expect(lateSubmit.statusCode).toBe(409);
    expect(lateSubmit.json().code).toBe('DEADLINE_PASSED');
    expect(await answersOf(a.id)).toHaveLength(1);
    const [closed] = await attemptsOf(id, m.id);
    expect(closed).toMatchObject({ autoSubmitted: true, score: '1.0', passed: true });
    expect((await m.client.get(`/api/me/exams/${id}/attempts/${a.id}`)).json()).toMatchObject({ autoSubmitted: true, score: 1, remainingSeconds: 0 });
  });

  it('auto-submits overdue attempts on read and by the sweep', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs);
    const m1 = await newMember();
    const m2 = await newMember();
    const a1 = await givenAttempt(t.db, id, m1.id, { overdue: true });
    const a2 = await givenAttempt(t.db, id, m2.id, { overdue: true });
    expect((await m1.client.get(`/api/me/exams/${id}/attempts/${a1}`)).json()).toMatchObject({ autoSubmitted: true, score: 0 });
    expect(await sweepOverdueAttempts(t.db)).toBeGreaterThanOrEqual(1);
    expect((await attemptsOf(id, m2.id))[0]).toMatchObject({ autoSubmitted: true, passed: true });
    expect(a2).toBeGreaterThan(0);
  });

  it('gives the organiser results, per-question analysis and one attempt\'s answers beside the keys', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs, { passMark: 3 });
    for (const answers of [allRight(), allRight().map((a, i) => (i === 0 ? { ...a, answer: 'C' } : a)), [{ questionId: qs[0], answer: 'C' }]]) {
      const m = await newMember();
      const a = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
      await m.client.post(`/api/me/exams/${id}/attempts/${a.id}/submit`, { answers });
    }
    const results = (await organiser.get(`/api/exams/${id}/results`)).json();
    expect(results.summary).toEqual({ attempts: 3, submitted: 3, passed: 2, averageScore: 2.3 });
    expect(results.items.map((r: { score: number }) => r.score).sort()).toEqual([0, 3, 4]);
    const analysis = (await organiser.get(`/api/exams/${id}/analysis`)).json();
    expect(analysis.submitted).toBe(3);
    expect(analysis.questions[0]).toMatchObject({ questionId: qs[0], answered: 3, correct: 1, correctRate: 0.333, distribution: [{ value: 'A', count: 0 }, { value: 'B', count: 1 }, { value: 'C', count: 2 }] });
    expect(analysis.questions[2].distribution).toEqual([{ value: '正确', count: 2 }, { value: '错误', count: 0 }]);
    const one = (await organiser.get(`/api/exams/${id}/attempts/${results.items[0].attemptId}`)).json();
    expect(one.items).toHaveLength(4);
    expect(one.items[0]).toMatchObject({ key: ['B'], keyText: 'B' });
  });

  it('lists my latest submitted attempt (score, passed, when, whether automatic) so 我的考试 shows it done', async () => {
    const id = await givenExam(t.db, tree.townA.id, qs, { passMark: 3, attemptsAllowed: 2 });
    const m = await newMember();
    const item = async () => (await m.client.get('/api/me/exams')).json().items.find((e: { id: number }) => e.id === id);
    expect((await item()).lastAttempt).toBeNull();
    const first = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    expect((await item()).lastAttempt).toBeNull();
    await m.client.post(`/api/me/exams/${id}/attempts/${first.id}/submit`, { answers: allRight() });
    expect((await item()).lastAttempt).toMatchObject({ id: first.id, score: 4, passed: true, autoSubmitted: false });
    // The page's own submission when its countdown ran out is recorded as automatic.
    const second = (await m.client.post(`/api/me/exams/${id}/attempts`)).json();
    const auto = await m.client.post(`/api/me/exams/${id}/attempts/${second.id}/submit`, { answers: [{ questionId: qs[0], answer: 'C' }], auto: true });
    expect(auto.json()).toMatchObject({ score: 0, passed: false, autoSubmitted: true });
    const last = (await item()).lastAttempt;
    expect(last).toMatchObject({ id: second.id, score: 0, passed: false, autoSubmitted: true });
    expect(Math.abs(new Date(last.submittedAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await item()).toMatchObject({ attemptsUsed: 2, bestScore: 4, passed: true, openAttemptId: null });
  });
});
