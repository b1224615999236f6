import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, makeUscc, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { openSurveyTask } from './survey.service';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let townA: ReturnType<typeof as>;
let townB: ReturnType<typeof as>;
let n = 0;

const complete = { membersFound: 3, fullMembersFound: 3, staffCount: 45, investorPartyStatus: 'member', managerPartyStatus: 'notMember', willingness: 'willing', recommendedMode: 'standalone', instructorProposed: '李建国', notes: '三名正式党员，负责人愿意组建', version: 1 };

async function company(input: { townOrgId?: number; operatingStatus?: string } = {}) {
  const row = await t.db.insertInto('enterprise').values({
    uscc: makeUscc(`91330483MA2${String(++n).padStart(6, '0')}`), name: `摸排测试网络科技${n}有限公司`, townOrgId: input.townOrgId ?? tree.townA.id,
    staffCount: 12, operatingStatus: input.operatingStatus ?? 'operating',
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A company with an open task opened the way the registry opens it. */
async function task(input: { townOrgId?: number; today?: string; operatingStatus?: string } = {}) {
  const enterpriseId = await company(input);
  const id = await t.db.transaction().execute((tx) => openSurveyTask(tx, { enterpriseId, townOrgId: input.townOrgId ?? tree.townA.id, createdBy: null, today: input.today ?? todayInShanghai() }));
  return { id, enterpriseId };
}

const taskRow = (id: number) => t.db.selectFrom('surveyTask').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const companyRow = (id: number) => t.db.selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  townA = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
  townB = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
});
afterAll(() => t.close());

describe('opening a survey task (三同步)', () => {
  it('opens one task due 30 days after registration; a second open returns the same task', async () => {
    const enterpriseId = await company();
    const open = () => t.db.transaction().execute((tx) => openSurveyTask(tx, { enterpriseId, townOrgId: tree.townA.id, createdBy: null, today: '2026-11-20' }));
    const first = await open();
    const second = await open();
    expect(second).toBe(first);
    const rows = await t.db.selectFrom('surveyTask').select(['dueOn', 'status']).where('enterpriseId', '=', enterpriseId).execute();
    expect(rows).toEqual([{ dueOn: '2026-12-20', status: 'open' }]);
  });
});

describe('survey list', () => {
  it('flags overdue tasks to the town and the city, and hides them from another town', async () => {
    const late = await task({ today: addDays(todayInShanghai(), -40) });
    const fresh = await task();
    const listA = (await townA.get('/api/surveys?status=open&pageSize=100')).json();
    const lateView = listA.items.find((i: { id: number }) => i.id === late.id);
    expect(lateView).toMatchObject({ overdue: true, daysLeft: -10, status: 'open' });
    expect(listA.items.find((i: { id: number }) => i.id === fresh.id)).toMatchObject({ overdue: false, daysLeft: 30 });
    expect(listA.counts.overdue).toBeGreaterThanOrEqual(1);

    const overdueOnly = (await city.get(`/api/surveys?overdue=true&townOrgId=${tree.townA.id}&pageSize=100`)).json();
    expect(overdueOnly.items.map((i: { id: number }) => i.id)).toContain(late.id);
    expect(overdueOnly.items.map((i: { id: number }) => i.id)).not.toContain(fresh.id);
    expect(overdueOnly.items[0].townName).toBe('甲镇两新工委');
    expect(overdueOnly.overdueByTown).toContainEqual({ townOrgId: tree.townA.id, townName: '甲镇两新工委', n: expect.any(Number) });

    const listB = (await townB.get('/api/surveys?pageSize=100')).json();
    expect(listB.items.map((i: { id: number }) => i.id)).not.toContain(late.id);
    expect((await townB.get(`/api/surveys/${late.id}`)).statusCode).toBe(404);
  });
});

describe('the dashboard\'s "due within 7 days" drill-down', () => {
  it('lists exactly the open tasks the figure counts: due from today to 7 days ahead, in the town', async () => {
    const today = todayInShanghai();
    const due = async (dueOn: string, input: { townOrgId?: number; status?: 'done' } = {}) => {
      const { id } = await task(input);
      await t.db.updateTable('surveyTask').set({ dueOn, ...(input.status ? { status: input.status } : {}) }).where('id', '=', id).execute();
      return id;
    };
    const inside = [await due(today), await due(addDays(today, 3)), await due(addDays(today, 7))];
    const outside = [await due(addDays(today, 8)), await due(addDays(today, -1)), await due(addDays(today, 2), { status: 'done' }), await due(addDays(today, 2), { townOrgId: tree.townB.id })];

    const figure = (await city.get(`/api/dashboard?townOrgId=${tree.townA.id}`)).json().surveys.dueSoon;
    expect(figure.drill).toBe(`/surveys?dueWithinDays=7&townOrgId=${tree.townA.id}`);
    const list = (await city.get(`/api${figure.drill}&pageSize=100`)).json();
    expect(list.total).toBe(figure.value);
    const ids = list.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(inside));
    for (const id of outside) expect(ids).not.toContain(id);

    // A carrier's dashboard: only its companies' tasks, and the drill-down carries the carrier.
    const park = (await t.db.insertInto('carrier').values({ kind: 'makerSpace', name: '摸排测试众创空间', townOrgId: tree.townA.id }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.updateTable('enterprise').set({ carrierId: park }).where('id', 'in', t.db.selectFrom('surveyTask').select('enterpriseId').where('id', 'in', [inside[1], outside[0]])).execute();
    const parkFigure = (await city.get(`/api/dashboard?carrierId=${park}`)).json().surveys.dueSoon;
    expect(parkFigure.drill).toBe(`/surveys?dueWithinDays=7&townOrgId=${tree.townA.id}&carrierId=${park}`);
    const parkList = (await city.get(`/api${parkFigure.drill}`)).json();
    expect(parkFigure.value).toBe(1);
    expect(parkList.items.map((i: { id: number }) => i.id)).toEqual([inside[1]]);

    const bad = await city.get('/api/surveys?dueWithinDays=0');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('到期天数');
  });
});

describe('completing a survey', () => {
  it('records the findings, updates the company in the same step, and audits both', async () => {
    const { id, enterpriseId } = await task();
    const res = await townA.post(`/api/surveys/${id}/complete`, complete);
    expect(res.statusCode).toBe(200);
    expect(await taskRow(id)).toMatchObject({ status: 'done', recommendedMode: 'standalone', membersFound: 3, fullMembersFound: 3, willingness: 'willing' });
    expect(await companyRow(enterpriseId)).toMatchObject({ staffCount: 45, investorPartyStatus: 'member', managerPartyStatus: 'notMember', instructorName: '李建国', inDenominator: true });
    // The coverage itself follows the organisation, not the recommendation.
    expect((await companyRow(enterpriseId)).coverageMode).toBe('none');
    const ledger = (await townA.get(`/api/enterprises/${enterpriseId}/surveys`)).json();
    expect(ledger.items[0]).toMatchObject({ id, status: 'done', recommendedMode: 'standalone' });
    const log = (await city.get(`/api/audit?targetId=${enterpriseId}&action=enterprise.updateFromSurvey`)).json();
    expect(log.items[0].after).toMatchObject({ staffCount: 45, instructorName: '李建国' });
    expect((await city.get(`/api/audit?targetId=${id}&action=survey.complete`)).json().items).toHaveLength(1);
  });

  it('refuses more full members than members found, naming the field, and writes nothing', async () => {
    const { id, enterpriseId } = await task();
    const res = await townA.post(`/api/surveys/${id}/complete`, { ...complete, membersFound: 2, fullMembersFound: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('fullMembersFound');
    expect((await taskRow(id)).status).toBe('open');
    expect((await companyRow(enterpriseId)).staffCount).toBe(12);
  });

  it('refuses recommending an own organisation with fewer than three full members', async () => {
    const { id } = await task();
    const res = await townA.post(`/api/surveys/${id}/complete`, { ...complete, membersFound: 4, fullMembersFound: 2 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('recommendedMode');
  });

  it('refuses a survey on a closed, moved-out or shell company and writes nothing', async () => {
    for (const status of ['closed', 'movedOut', 'shell']) {
      const { id, enterpriseId } = await task({ operatingStatus: status });
      const res = await townA.post(`/api/surveys/${id}/complete`, complete);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'ENTERPRISE_NOT_OPERATING' });
      expect(res.json().message).toContain('取消此任务');
      expect((await taskRow(id)).status).toBe('open');
      expect((await companyRow(enterpriseId)).staffCount).toBe(12);
    }
  });

  it('does not complete a task twice, nor a cancelled one', async () => {
    const done = await task();
    expect((await townA.post(`/api/surveys/${done.id}/complete`, complete)).statusCode).toBe(200);
    const again = await townA.post(`/api/surveys/${done.id}/complete`, { ...complete, version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SURVEY_NOT_OPEN');

    const cancelled = await task();
    expect((await townA.post(`/api/surveys/${cancelled.id}/cancel`, { reason: '企业最终未落户' })).statusCode).toBe(200);
    const res = await townA.post(`/api/surveys/${cancelled.id}/complete`, complete);
    expect(res.statusCode).toBe(409);
    expect((await taskRow(cancelled.id)).cancelReason).toBe('企业最终未落户');
  });

  it('lets exactly one of two simultaneous completions through', async () => {
    const { id } = await task();
    const [a, b] = await Promise.all([
      townA.post(`/api/surveys/${id}/complete`, { ...complete, staffCount: 50 }),
      city.post(`/api/surveys/${id}/complete`, { ...complete, staffCount: 60 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 50 : 60;
    expect((await taskRow(id)).staffCount).toBe(winner);
  });

  it('refuses a stale version', async () => {
    const { id } = await task();
    const res = await townA.post(`/api/surveys/${id}/complete`, { ...complete, version: 7 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });
});

describe('cancelling a survey', () => {
  it('needs a reason and is audited', async () => {
    const { id } = await task();
    const bad = await townA.post(`/api/surveys/${id}/cancel`, { reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toContain('reason');
    expect((await townA.post(`/api/surveys/${id}/cancel`, { reason: '企业已迁往外地' })).statusCode).toBe(200);
    expect((await city.get(`/api/audit?targetId=${id}&action=survey.cancel`)).json().items).toHaveLength(1);
  });
});
