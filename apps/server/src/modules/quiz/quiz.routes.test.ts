import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { assertNoKeys, givenQuestion } from './quiz.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let member: ReturnType<typeof as>;
let memberId: number;
const keys = new Map<number, unknown>();

/** The right answer in the form a member sends it. */
const right = (id: number) => {
  const k = keys.get(id) as unknown[];
  return Array.isArray(k[0]) ? (k as string[][]).map((b) => b[0]) : k.length > 1 ? k : k[0];
};
const wrong = (id: number) => {
  const k = keys.get(id) as unknown[];
  if (typeof k[0] === 'boolean') return !k[0];
  if (Array.isArray(k[0])) return ['不对'];
  return k.length > 1 ? ['B'] : 'A';
};

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  for (const kind of ['single', 'multiple', 'judge', 'fill', 'single', 'single'] as const) await givenQuestion(t.db, tree.city.id, { kind, category: kind === 'fill' ? '党史' : '党章' });
  await givenQuestion(t.db, tree.city.id, { status: 'pending' });
  await givenQuestion(t.db, tree.townB.id);
  for (const q of await t.db.selectFrom('question').select(['id', 'answer']).execute()) keys.set(q.id, q.answer);
  const m = await t.given.member({ orgId: tree.branchA.id });
  memberId = m.id;
  member = as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: m.id })).username));
});
afterAll(() => t.close());

describe('一键答题', () => {
  it('draws N approved questions from the banks above the member, without keys or explanations', async () => {
    const res = await member.post('/api/me/quiz', {});
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s.questions).toHaveLength(5);
    assertNoKeys(s);
    const pool = await t.db.selectFrom('question').select('id').where('status', '=', 'approved').where('orgId', '=', tree.city.id).execute();
    for (const q of s.questions) expect(pool.map((p) => p.id)).toContain(q.id);
    const fill = s.questions.find((q: { kind: string }) => q.kind === 'fill');
    if (fill) expect(fill.blanks).toBe(1);
    expect((await member.get('/api/me/quiz/categories')).json().items).toEqual([{ category: '党史', count: 1 }, { category: '党章', count: 5 }]);
  });

  it('uses the setting for the number of questions and draws only from the chosen categories', async () => {
    await t.db.insertInto('setting').values({ key: 'learning.quizQuestions', value: JSON.stringify(2) }).execute();
    const s = (await member.post('/api/me/quiz', { categories: ['党章'] })).json();
    expect(s.questions).toHaveLength(2);
    expect(s.questions.every((q: { category: string }) => q.category === '党章')).toBe(true);
    await t.db.deleteFrom('setting').where('key', '=', 'learning.quizQuestions').execute();
    const none = await member.post('/api/me/quiz', { categories: ['没有的分类'] });
    expect(none.json().code).toBe('NO_QUESTIONS');
  });

  it('checks each answer on the server with instant feedback, refuses strangers and repeats, and records a pass once finished', async () => {
    const s = (await member.post('/api/me/quiz', {})).json();
    const [first, ...rest] = s.questions as { id: number }[];
    const a1 = await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: first.id, answer: wrong(first.id) });
    expect(a1.statusCode).toBe(200);
    expect(a1.json()).toMatchObject({ correct: false, key: keys.get(first.id), answered: 1, total: 5, finished: false, result: null });
    expect(a1.json().explanation).toContain('解析');
    const again = await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: first.id, answer: right(first.id) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_ANSWERED');
    const stranger = [...keys.keys()].find((id) => !s.questions.some((q: { id: number }) => q.id === id))!;
    const outside = await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: stranger, answer: 'A' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details.issues[0].path).toBe('questionId');
    const malformed = await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: rest[0].id, answer: 12 });
    expect(malformed.statusCode).toBe(400);
    let last;
    for (const q of rest) last = (await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: q.id, answer: right(q.id) })).json();
    expect(last).toMatchObject({ finished: true, result: { correct: 4, total: 5, passed: true } });
    const outcomes = await t.db.selectFrom('outcome').selectAll().where('memberId', '=', memberId).where('kind', '=', 'quizPassed').execute();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ sourceType: 'quizSession', title: '一键答题：答对 4/5 题' });
    const after = await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: first.id, answer: right(first.id) });
    expect(after.json().code).toBe('QUIZ_FINISHED');
  });

  it('records no pass below the pass share, and lists the member\'s history', async () => {
    const before = await t.db.selectFrom('outcome').select('id').where('memberId', '=', memberId).execute();
    const s = (await member.post('/api/me/quiz', {})).json();
    for (const q of s.questions as { id: number }[]) await member.post(`/api/me/quiz/${s.id}/answers`, { questionId: q.id, answer: wrong(q.id) });
    expect(await t.db.selectFrom('outcome').select('id').where('memberId', '=', memberId).execute()).toHaveLength(before.length);
    const history = (await member.get('/api/me/quiz/history?pageSize=2')).json();
    expect(history.total).toBeGreaterThanOrEqual(4);
    expect(history.items[0]).toMatchObject({ id: s.id, total: 5, answered: 5, correct: 0, passed: false });
  });

  it('answers 404 for accounts without a member record and for someone else\'s session', async () => {
    const admin = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
    expect((await admin.post('/api/me/quiz', {})).statusCode).toBe(404);
    const s = (await member.post('/api/me/quiz', {})).json();
    const other = await t.given.member({ orgId: tree.branchA.id });
    const otherSession = as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: other.id })).username));
    expect((await otherSession.post(`/api/me/quiz/${s.id}/answers`, { questionId: s.questions[0].id, answer: 'A' })).statusCode).toBe(404);
  });

  it('offers today\'s unfinished quiz to resume, with the answers so far, until it is finished', async () => {
    const fresh = await t.given.member({ orgId: tree.branchA.id });
    const me = as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: fresh.id })).username));
    expect((await me.get('/api/me/quiz/current')).json()).toEqual({ session: null });
    // An unfinished quiz of an earlier day is not offered: a new day starts afresh.
    const old = (await me.post('/api/me/quiz', {})).json();
    await sql`update quiz_session set started_at = now() - interval '2 days' where id = ${old.id}`.execute(t.db);
    expect((await me.get('/api/me/quiz/current')).json()).toEqual({ session: null });
    const s = (await me.post('/api/me/quiz', { categories: ['党章'] })).json();
    const [first, second, ...rest] = s.questions as { id: number }[];
    await me.post(`/api/me/quiz/${s.id}/answers`, { questionId: first.id, answer: right(first.id) });
    await me.post(`/api/me/quiz/${s.id}/answers`, { questionId: second.id, answer: wrong(second.id) });
    const current = (await me.get('/api/me/quiz/current')).json().session;
    expect(current).toMatchObject({ id: s.id, categories: ['党章'], questions: s.questions });
    expect(current.answers).toMatchObject([{ questionId: first.id, correct: true, key: keys.get(first.id) }, { questionId: second.id, correct: false }]);
    // Keys only of the answered ones: the rest of the session reads as before answering.
    assertNoKeys({ questions: current.questions });
    for (const q of rest) await me.post(`/api/me/quiz/${s.id}/answers`, { questionId: q.id, answer: right(q.id) });
    expect((await me.get('/api/me/quiz/current')).json()).toEqual({ session: null });
    const admin = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
    expect((await admin.get('/api/me/quiz/current')).statusCode).toBe(404);
  });
});
