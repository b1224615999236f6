import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';

type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Client, townA: Client, townB: Client;
let memberA: { id: number; client: Client };
let memberB: { id: number; client: Client };
let noRecord: Client;

async function memberUser(orgId: number) {
  const m = await t.given.member({ orgId });
  const u = await t.given.user([{ role: 'member', orgId }], { memberId: m.id });
  return { id: m.id, client: as(t.app, await login(t.app, u.username)) };
}

async function question(orgId: number, status = 'approved', kind = 'single', answer: unknown = ['A']) {
  const org = await t.db.selectFrom('org').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  const q = await t.db.insertInto('question').values({
    orgId, orgPath: org.path, kind, stem: '党的根本宗旨是什么？', // jsonb takes JSON text; node-postgres would send a JS array as a PostgreSQL array.
    options: JSON.stringify(kind === 'judge' ? [] : [{ key: 'A', text: '全心全意为人民服务' }, { key: 'B', text: '发展经济' }]) as never,
    answer: JSON.stringify(answer), explanation: '见党章总纲', category: '党章党规', status,
  }).returning('id').executeTakeFirstOrThrow();
  return q.id;
}

/** A course of the city with text chapters, published; returns its id and chapter ids. */
async function publishedCourse(opts: { chapters?: number; quiz?: { questionIds: number[]; passCount: number }; audience?: unknown; hours?: number; client?: Client; orgId?: number } = {}) {
  const client = opts.client ?? city;
  const res = await client.post('/api/courses', { orgId: opts.orgId ?? tree.city.id, title: '红船精神的时代内涵', category: '红船党课', lecturer: '党校讲师', summary: '学习红船精神', studyHours: opts.hours ?? 2, audience: opts.audience ?? { kind: 'all' } });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const chapterIds: number[] = [];
  for (let i = 0; i < (opts.chapters ?? 2); i++) {
    const version = (await client.get(`/api/courses/${id}`)).json().version;
    const c = await client.post(`/api/courses/${id}/chapters`, { version, title: `第${i + 1}章`, body: `<p>第${i + 1}章内容：开天辟地、敢为人先的首创精神。</p>`, quiz: i === 0 ? opts.quiz ?? null : null });
    expect(c.statusCode, c.body).toBe(201);
    chapterIds.push(c.json().id);
  }
  const version = (await client.get(`/api/courses/${id}`)).json().version;
  expect((await client.post(`/api/courses/${id}/publish`, { version })).statusCode).toBe(200);
  return { id, chapterIds };
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const userAs = async (role: 'cityAdmin' | 'townCoordinator', orgId: number) => as(t.app, await login(t.app, (await t.given.user([{ role, orgId }])).username));
  city = await userAs('cityAdmin', tree.city.id);
  townA = await userAs('townCoordinator', tree.townA.id);
  townB = await userAs('townCoordinator', tree.townB.id);
  memberA = await memberUser(tree.branchA.id);
  memberB = await memberUser(tree.branchB.id);
  noRecord = as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }])).username));
}, 60000);
afterAll(() => t?.close());

describe('courses (administration)', () => {
  it('creates, edits and publishes a course, audited and version-checked', async () => {
    const { id } = await publishedCourse();
    const detail = (await city.get(`/api/courses/${id}`)).json();
    expect(detail).toMatchObject({ status: 'published', chapterCount: 2, studyHours: 2, audience: { kind: 'all' } });
    const stale = await city.put(`/api/courses/${id}`, { version: detail.version - 1, title: '改名', category: '红船党课', studyHours: 2, audience: { kind: 'all' } });
    expect(stale.statusCode).toBe(409);
    const hours = await city.put(`/api/courses/${id}`, { version: detail.version, title: '改名', category: '红船党课', studyHours: 3, audience: { kind: 'all' } });
    expect(hours.statusCode).toBe(400);
    expect(hours.json().details.issues[0].path).toBe('studyHours');
    const audits = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'course').where('targetId', '=', String(id)).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['course.create', 'course.addChapter', 'course.publish']));
  });

  it('stores chapter text sanitized: scripts and handlers removed', async () => {
    const res = await city.post('/api/courses', { orgId: tree.city.id, title: '党章学习', category: '党章党规', studyHours: 1, audience: { kind: 'all' } });
    const id = res.json().id;
    const c = await city.post(`/api/courses/${id}/chapters`, { version: 1, title: '总纲', body: '<p onclick="x()">中国共产党是<b>中国工人阶级</b>的先锋队</p><script>fetch("/steal")</script>' });
    expect(c.statusCode).toBe(201);
    const ch = (await city.get(`/api/courses/${id}`)).json().chapters[0];
    expect(ch.body).toBe('<p>中国共产党是<b>中国工人阶级</b>的先锋队</p>');
    const empty = await city.post(`/api/courses/${id}/chapters`, { version: 2, title: '空', body: '<script>x</script>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.issues[0].path).toBe('body');
  });

  it('refuses a course or chapter of an organisation out of scope with 404, writing nothing', async () => {
    const created = await townB.post('/api/courses', { orgId: tree.branchA.id, title: '越权', category: '其他', studyHours: 1, audience: { kind: 'all' } });
    expect(created.statusCode).toBe(404);
    const { id } = await publishedCourse({ client: townA, orgId: tree.townA.id });
    expect((await townB.get(`/api/courses/${id}`)).statusCode).toBe(404);
    const draft = (await townA.post('/api/courses', { orgId: tree.townA.id, title: '甲镇课程', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const before = await t.db.selectFrom('courseChapter').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const foreign = await townB.post(`/api/courses/${draft}/chapters`, { version: 1, title: '越权章节', body: '<p>内容</p>' });
    expect(foreign.statusCode).toBe(404);
    const after = await t.db.selectFrom('courseChapter').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await townB.get('/api/courses')).json().items.map((c: { id: number }) => c.id)).not.toContain(draft);
  });

  it('accepts only approved questions for a chapter quiz and a pass count within the count', async () => {
    const approved = await question(tree.city.id);
    const pending = await question(tree.city.id, 'pending');
    const id = (await city.post('/api/courses', { orgId: tree.city.id, title: '测验课', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const bad = await city.post(`/api/courses/${id}/chapters`, { version: 1, title: '一', body: '<p>内容</p>', quiz: { questionIds: [approved, pending], passCount: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('quiz.questionIds.1');
    const tooMany = await city.post(`/api/courses/${id}/chapters`, { version: 1, title: '一', body: '<p>内容</p>', quiz: { questionIds: [approved], passCount: 2 } });
    expect(tooMany.json().details.issues[0].path).toBe('quiz.passCount');
    expect((await city.get(`/api/courses/${id}`)).json().chapters).toEqual([]);
  });

  it('refuses to publish a course without chapters and to add chapters once published', async () => {
    const id = (await city.post('/api/courses', { orgId: tree.city.id, title: '空课程', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const res = await city.post(`/api/courses/${id}/publish`, { version: 1 });
    expect(res.statusCode).toBe(400);
    const { id: published } = await publishedCourse({ chapters: 1 });
    const version = (await city.get(`/api/courses/${published}`)).json().version;
    expect((await city.post(`/api/courses/${published}/chapters`, { version, title: '追加', body: '<p>x</p>' })).statusCode).toBe(409);
  });
  it('reorders and removes a draft\'s chapters, refusing an order that leaves one out', async () => {
    const id = (await city.post('/api/courses', { orgId: tree.city.id, title: '排序课程', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const a = (await city.post(`/api/courses/${id}/chapters`, { version: 1, title: '甲', body: '<p>甲</p>' })).json().id;
    const b = (await city.post(`/api/courses/${id}/chapters`, { version: 2, title: '乙', body: '<p>乙</p>' })).json().id;
    const c = (await city.post(`/api/courses/${id}/chapters`, { version: 3, title: '丙', body: '<p>丙</p>' })).json().id;
    const partial = await city.put(`/api/courses/${id}/chapter-order`, { version: 4, chapterIds: [c, a] });
    expect(partial.json().details.issues[0].path).toBe('chapterIds');
    expect((await city.put(`/api/courses/${id}/chapter-order`, { version: 4, chapterIds: [c, a, b] })).statusCode).toBe(200);
    expect((await city.delete(`/api/courses/${id}/chapters/${a}?version=4`)).statusCode).toBe(409);
    expect((await city.delete(`/api/courses/${id}/chapters/${a}?version=5`)).statusCode).toBe(200);
    const chapters = (await city.get(`/api/courses/${id}`)).json().chapters;
    expect(chapters.map((x: { title: string; position: number }) => [x.title, x.position])).toEqual([['丙', 1], ['乙', 2]]);
  });

  it('hides an archived course from members and keeps the hours they earned', async () => {
    const { id, chapterIds } = await publishedCourse({ chapters: 1 });
    const m = await memberUser(tree.branchA.id);
    await m.client.get(`/api/me/courses/${id}/chapters/${chapterIds[0]}`);
    const version = (await city.get(`/api/courses/${id}`)).json().version;
    expect((await city.post(`/api/courses/${id}/archive`, { version })).statusCode).toBe(200);
    expect((await m.client.get(`/api/me/courses/${id}`)).statusCode).toBe(404);
    expect((await m.client.get('/api/me/study-hours')).json().entries.map((e: { sourceId: number }) => e.sourceId)).toContain(id);
    expect((await city.put(`/api/courses/${id}`, { version: version + 1, title: '再改', category: '其他', studyHours: 2, audience: { kind: 'all' } })).statusCode).toBe(409);
  });
});

describe('courses (the member\'s side)', () => {
  it('lists visible courses and hides drafts, other subtrees and other roles (404 on direct access)', async () => {
    const all = await publishedCourse({ chapters: 1 });
    const forB = await publishedCourse({ chapters: 1, audience: { kind: 'subtree', orgId: tree.townB.id } });
    const forAdmins = await publishedCourse({ chapters: 1, audience: { kind: 'role', roles: ['orgAdmin'] } });
    const draft = (await city.post('/api/courses', { orgId: tree.city.id, title: '草稿', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const ids = (await memberA.client.get('/api/me/courses?pageSize=100')).json().items.map((c: { id: number }) => c.id);
    expect(ids).toContain(all.id);
    expect(ids).not.toContain(forB.id);
    expect(ids).not.toContain(forAdmins.id);
    expect(ids).not.toContain(draft);
    expect((await memberA.client.get(`/api/me/courses/${forB.id}`)).statusCode).toBe(404);
    expect((await memberA.client.get(`/api/me/courses/${forB.id}/chapters/${forB.chapterIds[0]}`)).statusCode).toBe(404);
    expect((await memberB.client.get(`/api/me/courses/${forB.id}`)).statusCode).toBe(200);
    expect((await memberA.client.get(`/api/me/courses/${draft}`)).statusCode).toBe(404);
    // A town's course is for that town's members only.
    const townCourse = await publishedCourse({ chapters: 1, client: townA, orgId: tree.townA.id });
    expect((await memberB.client.get(`/api/me/courses/${townCourse.id}`)).statusCode).toBe(404);
    expect((await memberA.client.get(`/api/me/courses/${townCourse.id}`)).statusCode).toBe(200);
  });

  it('answers 404 or an empty list to an account without a member record', async () => {
    const { id } = await publishedCourse({ chapters: 1 });
    expect((await noRecord.get('/api/me/courses')).json().items).toEqual([]);
    expect((await noRecord.get(`/api/me/courses/${id}`)).statusCode).toBe(404);
  });

  it('completes a course when every chapter is delivered and its quiz passed, crediting hours and the outcome once', async () => {
    const q1 = await question(tree.city.id);
    const q2 = await question(tree.city.id, 'approved', 'judge', [true]);
    const { id, chapterIds } = await publishedCourse({ chapters: 2, hours: 1.5, quiz: { questionIds: [q1, q2], passCount: 2 } });
    const m = await memberUser(tree.branchA.id);
    const first = await m.client.get(`/api/me/courses/${id}/chapters/${chapterIds[0]}`);
    expect(first.statusCode).toBe(200);
    const view = first.json();
    expect(view.body).toContain('首创精神');
    expect(view.progress).toEqual({ delivered: true, quizPassed: false, completed: false });
    expect(JSON.stringify(view.quiz)).not.toMatch(/answer|explanation/);
    expect(JSON.stringify((await m.client.get(`/api/me/courses/${id}`)).json())).not.toMatch(/answer|explanation|body/);

    const wrong = await m.client.post(`/api/me/courses/${id}/chapters/${chapterIds[0]}/quiz`, { answers: [{ questionId: q1, answer: 'B' }, { questionId: q2, answer: true }] });
    expect(wrong.json()).toMatchObject({ correct: 1, passed: false, chapterCompleted: false });
    expect(wrong.json().results[0]).toMatchObject({ correct: false, answer: ['A'], explanation: '见党章总纲' });
    const right = await m.client.post(`/api/me/courses/${id}/chapters/${chapterIds[0]}/quiz`, { answers: [{ questionId: q1, answer: 'A' }, { questionId: q2, answer: true }] });
    expect(right.json()).toMatchObject({ correct: 2, passed: true, chapterCompleted: true, courseCompleted: false });

    const last = await m.client.get(`/api/me/courses/${id}/chapters/${chapterIds[1]}`);
    expect(last.json().courseCompleted).toBe(true);
    await m.client.get(`/api/me/courses/${id}/chapters/${chapterIds[1]}`);
    const hours = await t.db.selectFrom('studyHoursEntry').selectAll().where('memberId', '=', m.id).execute();
    expect(hours).toHaveLength(1);
    expect(hours[0]).toMatchObject({ sourceType: 'course', sourceId: id, hours: '1.5', title: '红船精神的时代内涵' });
    const outcomes = await t.db.selectFrom('outcome').selectAll().where('memberId', '=', m.id).execute();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ kind: 'courseCompleted', sourceType: 'course', sourceId: id });
    const list = (await m.client.get('/api/me/courses?pageSize=100')).json().items.find((c: { id: number }) => c.id === id);
    expect(list).toMatchObject({ chapterCount: 2, completedChapters: 2 });
    expect(list.completedAt).not.toBeNull();
  });

  it('refuses quiz answers for questions not in the chapter, or incomplete, writing nothing', async () => {
    const q1 = await question(tree.city.id);
    const other = await question(tree.city.id);
    const { id, chapterIds } = await publishedCourse({ chapters: 1, quiz: { questionIds: [q1], passCount: 1 } });
    const m = await memberUser(tree.branchA.id);
    const res = await m.client.post(`/api/me/courses/${id}/chapters/${chapterIds[0]}/quiz`, { answers: [{ questionId: other, answer: 'A' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('answers.0.questionId');
    expect(JSON.stringify(res.json())).not.toContain('全心全意');
    const none = await m.client.post(`/api/me/courses/${id}/chapters/${chapterIds[0]}/quiz`, { answers: [] });
    expect(none.statusCode).toBe(400);
    expect(await t.db.selectFrom('chapterProgress').selectAll().where('memberId', '=', m.id).execute()).toEqual([]);
  });

  it('completes the course exactly once when its last chapters are finished at the same time', async () => {
    const { id, chapterIds } = await publishedCourse({ chapters: 4, hours: 2 });
    const m = await memberUser(tree.branchA.id);
    const results = await Promise.all([...chapterIds, ...chapterIds].map((c) => m.client.get(`/api/me/courses/${id}/chapters/${c}`)));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(await t.db.selectFrom('courseCompletion').selectAll().where('memberId', '=', m.id).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('studyHoursEntry').selectAll().where('memberId', '=', m.id).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('outcome').selectAll().where('memberId', '=', m.id).execute()).toHaveLength(1);
  });
});
