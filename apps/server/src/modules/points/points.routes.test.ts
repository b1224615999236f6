import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { recordOutcomes } from './outcomes';

type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Client, townA: Client, townB: Client, secretary: Client, me: Client;
let meId: number;
let secretaryUserId: number;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));
let source = 5000;

const userAs = async (grants: Parameters<TestApp['given']['user']>[0], memberId?: number) => {
  const u = await t.given.user(grants, { memberId });
  return { id: u.id, client: as(t.app, await login(t.app, u.username)) };
};
const entriesOf = (memberId: number) => t.db.selectFrom('pointsEntry').selectAll().where('memberId', '=', memberId).orderBy('id').execute();
const award = (client: Client, body: Record<string, unknown>) => client.post('/api/points/entries', { reason: '带领团队完成核心模块国产化替代', ...body });

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = (await userAs([{ role: 'cityAdmin', orgId: tree.city.id }])).client;
  townA = (await userAs([{ role: 'townCoordinator', orgId: tree.townA.id }])).client;
  townB = (await userAs([{ role: 'townCoordinator', orgId: tree.townB.id }])).client;
  const s = await userAs([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
  secretary = s.client;
  secretaryUserId = s.id;
  meId = (await t.given.member({ orgId: tree.branchA.id, name: '张晓红' })).id;
  me = (await userAs([{ role: 'member', orgId: tree.branchA.id }], meId)).client;
  // This year's default rulebook, published by the city.
  const id = (await city.post('/api/points/rulebooks', { year, orgId: tree.city.id })).json().id;
  expect((await city.post(`/api/points/rulebooks/${id}/publish`, { revision: 1 })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('the rulebook', () => {
  it('is edited as a revision-checked draft, frozen once published, and read by every member', async () => {
    const created = await city.post('/api/points/rulebooks', { year: 2040, orgId: tree.city.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const book = (await city.get(`/api/points/rulebooks/${id}`)).json();
    expect(book.rules.find((r: { code: string }) => r.code === 'orgLife.meeting')).toMatchObject({ points: 1, capYear: 12, outcomeKind: 'meetingAttended' });
    const rules = book.rules.map(({ id: _id, position: _p, ...r }: Record<string, unknown>) => r);

    const dup = await city.put(`/api/points/rulebooks/${id}`, { title: '2040年度规则', rules: [...rules, rules[0]], revision: book.revision });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.issues[0].path).toBe(`rules.${rules.length}.code`);
    const noKind = await city.put(`/api/points/rulebooks/${id}`, { title: '2040年度规则', rules: [{ ...rules[0], outcomeKind: null }], revision: book.revision });
    expect(noKind.json().details.issues[0].path).toBe('rules.0.outcomeKind');

    expect((await city.put(`/api/points/rulebooks/${id}`, { title: '2040年度规则', rules: rules.slice(0, 3), revision: book.revision })).statusCode).toBe(200);
    const stale = await city.put(`/api/points/rulebooks/${id}`, { title: '过期的编辑', rules, revision: book.revision });
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await city.post(`/api/points/rulebooks/${id}/publish`, { revision: book.revision + 1 })).statusCode).toBe(200);
    const frozen = await city.put(`/api/points/rulebooks/${id}`, { title: '改已发布', rules, revision: book.revision + 2 });
    expect(frozen.json().code).toBe('RULEBOOK_PUBLISHED');
    expect((await city.post('/api/points/rulebooks', { year: 2040, orgId: tree.townA.id })).statusCode).toBe(400);

    const mine = (await me.get('/api/me/rulebook?year=2040')).json();
    expect(mine.rulebook.rules).toHaveLength(3);
    expect((await me.get('/api/me/rulebook')).json().rulebook.year).toBe(year);
    expect((await townA.post('/api/points/rulebooks', { year: 2041 })).statusCode).toBe(403);
  });
});

describe('manual awards', () => {
  it('awards with evidence at once where the rule needs no approval', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const res = await award(secretary, { memberId: m, ruleCode: 'pioneer.suggestion', evidence: '关于机房节能的建议被公司采纳' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    expect((await entriesOf(m)).map((e) => [e.ruleCode, Number(e.points), e.status, e.sourceType])).toEqual([['pioneer.suggestion', 2, 'active', 'award']]);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const cases: [Record<string, unknown>, string][] = [
      [{ ruleCode: 'pioneer.suggestion' }, 'evidence'],
      [{ ruleCode: 'pioneer.suggestion', points: -2, evidence: '有' }, 'points'],
      [{ ruleCode: 'pioneer.suggestion', points: 3, evidence: '有' }, 'points'],
      [{ ruleCode: 'other.absence', points: 2, evidence: '11月主题党日无故缺席' }, 'points'],
      [{ ruleCode: 'learning.course', evidence: '有' }, 'ruleCode'],
      [{ ruleCode: 'no.such', evidence: '有' }, 'ruleCode'],
      [{ ruleCode: 'pioneer.suggestion', evidence: '有', occurredOn: '2999-01-01' }, 'occurredOn'],
    ];
    for (const [body, field] of cases) {
      const res = await award(secretary, { memberId: m, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].path).toBe(field);
    }
    expect(await entriesOf(m)).toEqual([]);
  });

  it('refuses an award over the year cap, saying how much is left', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    for (let i = 0; i < 4; i++) expect((await award(secretary, { memberId: m, ruleCode: 'pioneer.suggestion', evidence: `第${i + 1}条建议被采纳` })).statusCode).toBe(201);
    expect((await award(secretary, { memberId: m, ruleCode: 'pioneer.suggestion', points: 1, evidence: '第五条' })).statusCode).toBe(201);
    const over = await award(secretary, { memberId: m, ruleCode: 'pioneer.suggestion', evidence: '第六条' });
    expect(over.statusCode).toBe(400);
    expect(over.json().details.issues[0]).toMatchObject({ path: 'points' });
    expect(over.json().message).toContain('最多还能计 1 分');
    expect((await entriesOf(m)).length).toBe(5);
  });

  it('keeps larger awards pending until someone above approves; never the awarder, never outside scope', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const res = await award(secretary, { memberId: m, ruleCode: 'pioneer.challenge', evidence: '完成数据库国产化迁移' });
    expect(res.json().status).toBe('pending');
    const id = res.json().id;
    expect((await me.get('/api/me/points')).statusCode).toBe(200);
    expect((await secretary.post(`/api/points/entries/${id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await townB.post(`/api/points/entries/${id}/decide`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await townA.post(`/api/points/entries/${id}/decide`, { decision: 'reject' })).json().details.issues[0].path).toBe('note');
    const todo = () => t.db.selectFrom('todo').select(['userId', 'doneAt']).where('kind', '=', 'points.approve').where('sourceId', '=', id).execute();
    expect((await todo()).length).toBeGreaterThanOrEqual(2);
    expect((await todo()).every((x) => x.doneAt === null)).toBe(true);
    expect((await townA.post(`/api/points/entries/${id}/decide`, { decision: 'approve', note: '成果属实' })).statusCode).toBe(200);
    expect((await todo()).every((x) => x.doneAt !== null)).toBe(true);
    expect((await townA.post(`/api/points/entries/${id}/decide`, { decision: 'approve' })).json().code).toBe('ENTRY_NOT_PENDING');
    expect((await entriesOf(m))[0]).toMatchObject({ status: 'active', points: '5.0' });

    // The town awards it itself: then the city approves, the town cannot.
    const own = (await award(townA, { memberId: m, ruleCode: 'pioneer.challenge', evidence: '第二项成果' })).json().id;
    expect((await townA.post(`/api/points/entries/${own}/decide`, { decision: 'approve' })).json().code).toBe('OWN_AWARD');
    expect((await city.post(`/api/points/entries/${own}/decide`, { decision: 'reject', note: '与上一项重复' })).statusCode).toBe(200);
    expect((await entriesOf(m)).map((e) => e.status)).toEqual(['active', 'rejected']);
    expect(secretaryUserId).toBeGreaterThan(0);
  });

  it('does not let a member be awarded outside the awarder\'s scope', async () => {
    const other = (await t.given.member({ orgId: tree.branchB.id })).id;
    expect((await award(secretary, { memberId: other, ruleCode: 'pioneer.suggestion', evidence: '有' })).statusCode).toBe(404);
  });
});

describe('reversals and appeals', () => {
  it('reverses an entry once with a negative twin; the member appeals and sees the decision', async () => {
    const path = (await t.db.selectFrom('member').select('orgPath').where('id', '=', meId).executeTakeFirstOrThrow()).orgPath;
    await recordOutcomes(t.db, [
      { kind: 'courseCompleted', memberId: meId, orgPath: path, sourceType: 'course', sourceId: ++source, title: '红船精神专题党课', occurredOn: today },
      { kind: 'examPassed', memberId: meId, orgPath: path, sourceType: 'examAttempt', sourceId: ++source, title: '党章知识测试', occurredOn: today },
    ]);
    let mine = (await me.get('/api/me/points')).json();
    expect(mine.index).toMatchObject({ value: 65, points: 5 });
    const course = mine.entries.find((e: { ruleCode: string }) => e.ruleCode === 'learning.course');
    expect(course).toMatchObject({ sourceTitle: '红船精神专题党课', rulebookVersion: 1, appealable: true });

    // Reversal: once, by a points.approve holder in scope.
    expect((await secretary.post(`/api/points/entries/${course.id}/reverse`, { reason: '重复记录' })).statusCode).toBe(403);
    expect((await townB.post(`/api/points/entries/${course.id}/reverse`, { reason: '重复记录' })).statusCode).toBe(404);
    const rev = await townA.post(`/api/points/entries/${course.id}/reverse`, { reason: '课程记录重复' });
    expect(rev.statusCode).toBe(201);
    expect((await townA.post(`/api/points/entries/${course.id}/reverse`, { reason: '再次' })).json().code).toBe('ENTRY_REVERSED');
    expect((await townA.post(`/api/points/entries/${rev.json().id}/reverse`, { reason: '再次' })).json().code).toBe('ENTRY_IS_REVERSAL');
    mine = (await me.get('/api/me/points')).json();
    expect(mine.index).toMatchObject({ value: 63, points: 3 });
    expect(mine.entries.filter((e: { ruleCode: string }) => e.ruleCode === 'learning.course').map((e: { points: number; status: string }) => [e.points, e.status]))
      .toEqual(expect.arrayContaining([[2, 'reversed'], [-2, 'active']]));

    // Appeal of the exam entry: one open at a time, decided above.
    const exam = mine.entries.find((e: { ruleCode: string }) => e.ruleCode === 'learning.exam');
    const appeal = await me.post('/api/me/points/appeals', { entryId: exam.id, reason: '考试成绩复核后应为不合格，申请撤销' });
    expect(appeal.statusCode).toBe(201);
    expect((await me.post('/api/me/points/appeals', { entryId: exam.id, reason: '再次申诉' })).json().code).toBe('APPEAL_OPEN');
    const list = (await townA.get(`/api/points/appeals?orgId=${tree.townA.id}`)).json();
    expect(list.items[0]).toMatchObject({ id: appeal.json().id, status: 'open', entryItem: '考试合格' });
    expect((await townA.post(`/api/points/appeals/${appeal.json().id}/decide`, { decision: 'corrected', reason: '复核属实' })).json().details.issues[0].path).toBe('correction');
    const decided = await townA.post(`/api/points/appeals/${appeal.json().id}/decide`, { decision: 'corrected', reason: '复核属实，撤销考试积分', reverseEntry: true });
    expect(decided.statusCode).toBe(200);
    mine = (await me.get('/api/me/points')).json();
    expect(mine.index.value).toBe(60);
    expect(mine.appeals[0]).toMatchObject({ status: 'corrected', decision: '复核属实，撤销考试积分' });
    const todo = await t.db.selectFrom('todo').select('title').where('memberId', '=', meId).where('kind', '=', 'points.appealDecided').executeTakeFirst();
    expect(todo?.title).toContain('已更正');

    // An appeal about the year as a whole, upheld with a reason.
    const general = (await me.post('/api/me/points/appeals', { reason: '我参加的志愿服务没有计分' })).json().id;
    expect((await townA.post(`/api/points/appeals/${general}/decide`, { decision: 'upheld', reason: '该项目尚未验收，验收后自动计分' })).statusCode).toBe(200);
    expect((await townA.post(`/api/points/appeals/${general}/decide`, { decision: 'upheld', reason: '再次' })).json().code).toBe('APPEAL_DECIDED');
    expect((await me.get('/api/me/points')).json().appeals.find((a: { id: number }) => a.id === general)).toMatchObject({ status: 'upheld' });
  });

  it('corrects an appeal about the year with a corrected entry under a rule, caps still applying', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const client = (await userAs([{ role: 'member', orgId: tree.branchA.id }], m)).client;
    const id = (await client.post('/api/me/points/appeals', { reason: '社区义诊志愿服务已验收，但没有计分' })).json().id;
    const tooMuch = await townA.post(`/api/points/appeals/${id}/decide`, { decision: 'corrected', reason: '核实属实', correction: { ruleCode: 'volunteer.project', points: 5 } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().details.issues[0].path).toBe('correction.points');
    const ok = await townA.post(`/api/points/appeals/${id}/decide`, { decision: 'corrected', reason: '核实属实，补记志愿服务积分', correction: { ruleCode: 'volunteer.project', points: 2 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await entriesOf(m)).map((e) => [e.ruleCode, Number(e.points), e.sourceType, e.sourceId])).toEqual([['volunteer.project', 2, 'appeal', id]]);
    expect((await client.get('/api/me/points')).json()).toMatchObject({ index: { value: 62 }, appeals: [{ id, status: 'corrected' }] });
  });

  it('refuses an appeal about someone else\'s entry', async () => {
    const other = (await t.given.member({ orgId: tree.branchA.id })).id;
    const e = (await award(secretary, { memberId: other, ruleCode: 'pioneer.lecture', evidence: '为新员工讲党课' })).json().id;
    expect((await me.post('/api/me/points/appeals', { entryId: e, reason: '这不是我的' })).statusCode).toBe(404);
  });
});

describe('indices and reports', () => {
  it('recomputes indices in bulk and shows an organisation\'s index by name, never ranked unless enabled', async () => {
    const res = await city.post(`/api/points/recompute?year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().members).toBeGreaterThan(0);
    expect((await townA.post(`/api/points/recompute?year=${year}`)).statusCode).toBe(403);
    const org = (await secretary.get(`/api/points/orgs/${tree.branchA.id}?year=${year}`)).json();
    expect(org.org.members).toBeGreaterThan(3);
    expect(org.org.value).toBeGreaterThanOrEqual(60);
    expect(org.formulas.member).toContain('基础分 60');
    const town = (await townA.get(`/api/points/orgs/${tree.townA.id}?year=${year}`)).json();
    expect(town.children.map((c: { orgId: number }) => c.orgId)).toEqual([tree.branchA.id]);
    expect(town.org.value).toBe(org.org.value);
    expect((await townB.get(`/api/points/orgs/${tree.branchA.id}`)).statusCode).toBe(404);

    const members = (await secretary.get(`/api/points/orgs/${tree.branchA.id}/members?year=${year}`)).json();
    const names = members.items.map((m: { name: string }) => m.name);
    expect(names).toEqual([...names].sort());
    const ranked = await secretary.get(`/api/points/orgs/${tree.branchA.id}/members?order=value`);
    expect(ranked.statusCode).toBe(400);
    expect(ranked.json().details.issues[0].path).toBe('order');
    await t.db.insertInto('setting').values({ key: 'points.rankingsEnabled', value: JSON.stringify(1) }).execute();
    expect((await secretary.get(`/api/points/orgs/${tree.branchA.id}/members?order=value`)).statusCode).toBe(200);
    await t.db.deleteFrom('setting').where('key', '=', 'points.rankingsEnabled').execute();
    expect((await me.get(`/api/points/orgs/${tree.branchA.id}`)).statusCode).toBe(403);
  });

  it('generates the yearly 体检报告 from the records, for a member and an organisation', async () => {
    await t.db.insertInto('studyHoursEntry').values({ memberId: meId, year, hours: 4, sourceType: 'course', sourceId: 1, title: '红船精神专题党课' }).execute();
    const mine = (await me.get(`/api/me/points/report?year=${year}`)).json();
    expect(mine).toMatchObject({ year, member: { name: '张晓红' }, studyHours: { hours: 4, required: 32, records: 1 }, appraisalGrade: null });
    expect(mine.outcomes.find((o: { kind: string }) => o.kind === 'courseCompleted').count).toBe(1);
    const org = (await townA.get(`/api/points/orgs/${tree.townA.id}/report?year=${year}`)).json();
    expect(org.studyHours).toMatchObject({ hours: 4, membersMeetingRequired: 0 });
    expect(org.byCategory.find((c: { category: string }) => c.category === 'pioneer').points).toBeGreaterThan(0);
    expect(org.appeals.decided).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for accounts without a member record', async () => {
    expect((await city.get('/api/me/points')).statusCode).toBe(404);
    expect((await city.post('/api/me/points/appeals', { reason: '测试申诉' })).statusCode).toBe(404);
  });
});
