import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Client, townA: Client, townB: Client;
const year = Number(todayInShanghai().slice(0, 4));

async function memberUser(orgId: number) {
  const m = await t.given.member({ orgId });
  const u = await t.given.user([{ role: 'member', orgId }], { memberId: m.id });
  return { id: m.id, client: as(t.app, await login(t.app, u.username)) };
}

async function question(kind: 'single' | 'fill', answer: unknown, stem = '党的根本宗旨是什么？') {
  const q = await t.db.insertInto('question').values({
    orgId: tree.city.id, orgPath: tree.city.path, kind, stem,
    // jsonb takes JSON text; node-postgres would send a JS array as a PostgreSQL array.
    options: JSON.stringify(kind === 'single' ? [{ key: 'A', text: '全心全意为人民服务' }, { key: 'B', text: '发展经济' }] : []) as never,
    answer: JSON.stringify(answer), explanation: '见党章', category: '党章党规', status: 'approved',
  }).returning('id').executeTakeFirstOrThrow();
  return q.id;
}

async function draftCourse() {
  const id = (await city.post('/api/courses', { orgId: tree.city.id, title: '党章学习', category: '红船党课', studyHours: 1, audience: { kind: 'all' } })).json().id as number;
  const chapterId = (await city.post(`/api/courses/${id}/chapters`, { version: 1, title: '总纲', body: '<p>党章总纲</p>' })).json().id as number;
  return { id, chapterId };
}

async function newClass() {
  const res = await townA.post('/api/classes', { orgId: tree.townA.id, title: `${year}年度党员冬训班`, year, startsOn: `${year}-01-10`, endsOn: `${year}-12-20`, requiredHours: 8 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const userAs = async (role: 'cityAdmin' | 'townCoordinator', orgId: number) => as(t.app, await login(t.app, (await t.given.user([{ role, orgId }])).username));
  city = await userAs('cityAdmin', tree.city.id);
  townA = await userAs('townCoordinator', tree.townA.id);
  townB = await userAs('townCoordinator', tree.townB.id);
}, 60000);
afterAll(() => t?.close());

describe('chapter quizzes', () => {
  it('lets a course manager pick approved questions for a chapter quiz, with their keys shown to the manager', async () => {
    const fill = await question('fill', [['为人民服务'], ['实事求是']], '党的宗旨是____，思想路线的核心是____。');
    const { id, chapterId } = await draftCourse();
    const picker = await city.get(`/api/courses/${id}/quiz-questions?q=${encodeURIComponent('思想路线')}`);
    expect(picker.statusCode, picker.body).toBe(200);
    expect(picker.json().items.map((q: { id: number }) => q.id)).toEqual([fill]);
    expect(picker.json().items[0].answerText).toContain('实事求是');
    expect(picker.json().categories).toContain('党章党规');
    const byIds = await city.get(`/api/courses/${id}/quiz-questions?ids=${fill}`);
    expect(byIds.json().total).toBe(1);
    const version = (await city.get(`/api/courses/${id}`)).json().version;
    const save = await city.put(`/api/courses/${id}/chapters/${chapterId}`, { version, title: '总纲', quiz: { questionIds: [fill], passCount: 1 } });
    expect(save.statusCode, save.body).toBe(200);
    expect((await city.get(`/api/courses/${id}`)).json().chapters[0].quiz).toEqual({ passCount: 1, questionIds: [fill] });
    expect((await townB.get(`/api/courses/${id}/quiz-questions`)).statusCode).toBe(404);
  });

  it('gives the member the number of blanks of a fill-in question, never its accepted texts, and refuses a wrong blank count', async () => {
    const fill = await question('fill', [['为人民服务'], ['实事求是']], '党的宗旨是____，思想路线的核心是____。');
    const single = await question('single', ['A']);
    const { id, chapterId } = await draftCourse();
    let version = (await city.get(`/api/courses/${id}`)).json().version;
    await city.put(`/api/courses/${id}/chapters/${chapterId}`, { version, title: '总纲', quiz: { questionIds: [fill, single], passCount: 2 } });
    version = (await city.get(`/api/courses/${id}`)).json().version;
    expect((await city.post(`/api/courses/${id}/publish`, { version })).statusCode).toBe(200);

    const m = await memberUser(tree.branchA.id);
    const view = (await m.client.get(`/api/me/courses/${id}/chapters/${chapterId}`)).json();
    expect(view.quiz.questions.map((q: { id: number; blanks: number }) => [q.id, q.blanks])).toEqual([[fill, 2], [single, 0]]);
    expect(JSON.stringify(view.quiz)).not.toMatch(/实事求是|answer|explanation/);

    const oneBlank = await m.client.post(`/api/me/courses/${id}/chapters/${chapterId}/quiz`, { answers: [{ questionId: fill, answer: ['为人民服务'] }, { questionId: single, answer: 'A' }] });
    expect(oneBlank.statusCode).toBe(400);
    expect(oneBlank.json().details.issues[0]).toMatchObject({ path: 'answers.0.answer' });
    expect(oneBlank.json().message).toContain('2 个空');
    expect(await t.db.selectFrom('chapterProgress').select('quizPassedAt').where('memberId', '=', m.id).where('quizPassedAt', 'is not', null).execute()).toEqual([]);

    const right = await m.client.post(`/api/me/courses/${id}/chapters/${chapterId}/quiz`, { answers: [{ questionId: fill, answer: ['为人民服务。', ' 实事求是'] }, { questionId: single, answer: 'A' }] });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json()).toMatchObject({ correct: 2, passed: true, chapterCompleted: true, courseCompleted: true });
  });
});

describe('bulk class enrolment', () => {
  it('enrols every member in the register of a subtree and counts those already enrolled', async () => {
    const classId = await newClass();
    const a1 = await t.given.member({ orgId: tree.branchA.id });
    await t.given.member({ orgId: tree.branchA.id });
    await t.given.member({ orgId: tree.branchB.id });
    expect((await townA.post(`/api/classes/${classId}/enrolments`, { memberIds: [a1.id] })).json().enrolled).toBe(1);
    const live = await t.db.selectFrom('member').select('id').where('orgId', '=', tree.branchA.id).where('status', '=', 'normal').execute();
    const res = await townA.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.branchA.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ enrolled: live.length - 1, alreadyEnrolled: 1, skipped: [] });
    expect((await townA.get(`/api/classes/${classId}/progress?pageSize=100`)).json().total).toBe(live.length);
    const again = (await townA.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.branchA.id })).json();
    expect(again).toMatchObject({ enrolled: 0, alreadyEnrolled: live.length });
  });

  it('refuses an organisation outside the class\'s, and a class out of scope, writing nothing', async () => {
    const classId = await newClass();
    const outside = await townA.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.branchB.id });
    expect(outside.statusCode).toBe(404);
    const cityWide = await city.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.city.id });
    expect(cityWide.statusCode).toBe(400);
    expect(cityWide.json().details.issues[0].path).toBe('orgId');
    expect((await townB.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.branchB.id })).statusCode).toBe(404);
    const neither = await townA.post(`/api/classes/${classId}/enrolments/bulk`, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.json().details.issues[0].path).toBe('names');
    expect((await townA.get(`/api/classes/${classId}/progress`)).json().total).toBe(0);
  });

  it('enrols a pasted list of names and reports names outside the class or shared by two members', async () => {
    const classId = await newClass();
    const unique = await t.given.member({ orgId: tree.branchA.id, name: '钱独一' });
    await t.given.member({ orgId: tree.branchA.id, name: '孙同名' });
    await t.given.member({ orgId: tree.branchA.id, name: '孙同名' });
    await t.given.member({ orgId: tree.branchB.id, name: '李乙镇' });
    const res = await townA.post(`/api/classes/${classId}/enrolments/bulk`, { names: '钱独一\n孙同名、李乙镇\n\n钱独一  查无此人' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      enrolled: 1, alreadyEnrolled: 0,
      skipped: [{ name: '孙同名', reason: 'ambiguous' }, { name: '李乙镇', reason: 'notInScope' }, { name: '查无此人', reason: 'notInScope' }],
    });
    const progress = (await townA.get(`/api/classes/${classId}/progress`)).json();
    expect(progress.items.map((x: { memberId: number }) => x.memberId)).toEqual([unique.id]);
  });

  it('enrols each member once when two secretaries bulk-enrol at the same time', async () => {
    const classId = await newClass();
    await t.given.member({ orgId: tree.branchA.id });
    const [x, y] = await Promise.all([
      townA.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.townA.id }),
      townA.post(`/api/classes/${classId}/enrolments/bulk`, { orgId: tree.townA.id }),
    ]);
    expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
    const total = (await townA.get(`/api/classes/${classId}/progress?pageSize=100`)).json().total;
    expect(x.json().enrolled + y.json().enrolled).toBe(total);
  });
});
