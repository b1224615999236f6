import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, makeUscc, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let otherCity: { id: number; path: string };
let townX: { id: number; path: string };
let city: Client, townA: Client, townB: Client, cadre: Client, deptA: Client, deptB: Client;
let cadreId: number;
let departmentA: number, departmentB: number, departmentX: number;
let uscc = 0;
const today = todayInShanghai();

async function company(townOrgId: number, name = `测试网络科技${++uscc}有限公司`) {
  const row = await t.db.insertInto('enterprise').values({ uscc: makeUscc(`91330483MA5${String(++uscc).padStart(6, '0')}`), name, townOrgId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const userAs = async (grants: Parameters<TestApp['given']['user']>[0]) => {
  const u = await t.given.user(grants);
  return { id: u.id, client: as(t.app, await login(t.app, u.username)) };
};

/** A request raised by the town A coordinator for a fresh town A company, routed to `departmentId`. */
async function raise(departmentId = departmentA, enterpriseId?: number) {
  const e = enterpriseId ?? (await company(tree.townA.id));
  const res = await townA.post('/api/requests', { enterpriseId: e, raisedVia: 'liaison', category: 'staffing', title: '急需招聘20名客服', departmentId });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as number, enterpriseId: e };
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  otherCity = await t.given.org({ kind: 'workCommittee', name: '他市两新工委' });
  townX = await t.given.org({ parentId: otherCity.id, kind: 'workCommittee', name: '他市某镇', isTown: true });
  city = (await userAs([{ role: 'cityAdmin', orgId: tree.city.id }])).client;
  townA = (await userAs([{ role: 'townCoordinator', orgId: tree.townA.id }])).client;
  townB = (await userAs([{ role: 'townCoordinator', orgId: tree.townB.id }])).client;
  const c = await userAs([{ role: 'cadre', orgId: tree.townA.id }]);
  cadre = c.client;
  cadreId = c.id;
  departmentA = (await city.post('/api/departments', { name: '市经信委', duties: '企业发展、要素保障', contactName: '李科长', contactPhone: '0573-88000001' })).json().id;
  departmentB = (await city.post('/api/departments', { name: '市人力社保局', duties: '用工服务' })).json().id;
  departmentX = (await t.db.insertInto('department').values({ orgId: otherCity.id, name: '他市经信委' }).returning('id').executeTakeFirstOrThrow()).id;
  deptA = (await userAs([{ role: 'department', orgId: tree.city.id, departmentId: departmentA }])).client;
  deptB = (await userAs([{ role: 'department', orgId: tree.city.id, departmentId: departmentB }])).client;
});
afterAll(() => t.close());

describe('departments of the joint conference', () => {
  it('lists the city\'s departments to those who route requests, never another city\'s', async () => {
    for (const client of [city, townA, cadre]) {
      const names = (await client.get('/api/departments')).json().items.map((d: { name: string }) => d.name);
      expect(names).toEqual(expect.arrayContaining(['市经信委', '市人力社保局']));
      expect(names).not.toContain('他市经信委');
    }
    // A department user sees their own department only.
    expect((await deptA.get('/api/departments')).json().items.map((d: { id: number }) => d.id)).toEqual([departmentA]);
  });

  it('refuses a duplicate name with the field named, and a stale edit', async () => {
    const dup = await city.post('/api/departments', { name: '市经信委' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].path).toBe('name');
    const d = (await city.post('/api/departments', { name: '市文化局' })).json().id;
    expect((await city.patch(`/api/departments/${d}`, { version: 1, contactName: '王老师' })).statusCode).toBe(200);
    const stale = await city.patch(`/api/departments/${d}`, { version: 1, contactName: '赵老师' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const row = (await city.get('/api/departments')).json().items.find((x: { id: number }) => x.id === d);
    expect(row).toMatchObject({ contactName: '王老师', version: 2 });
    expect((await townA.post('/api/departments', { name: '镇里不能建' })).statusCode).toBe(403);
  });

  it('refuses to abolish a department with open requests, and keeps it once abolished', async () => {
    const d = (await city.post('/api/departments', { name: '市金融办' })).json().id;
    const req = await raise(d);
    const refused = await city.post(`/api/departments/${d}/abolish`, { version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'DEPARTMENT_HAS_OPEN_REQUESTS', details: { open: 1 } });
    expect((await city.post(`/api/requests/${req.id}/status`, { version: 1, status: 'declined', declinedReason: '不属于本单位职责，请转市商务局' })).statusCode).toBe(200);
    expect((await city.post(`/api/departments/${d}/abolish`, { version: 1 })).statusCode).toBe(200);
    expect((await city.get('/api/departments')).json().items.map((x: { id: number }) => x.id)).not.toContain(d);
    const kept = (await city.get('/api/departments?includeAbolished=true')).json().items.find((x: { id: number }) => x.id === d);
    expect(kept).toMatchObject({ abolishedOn: today, abilities: { edit: false } });
    // A request can no longer be routed there.
    const routed = await townA.post('/api/requests', { enterpriseId: req.enterpriseId, raisedVia: 'liaison', category: 'financing', title: '贷款贴息', departmentId: d });
    expect(routed.statusCode).toBe(400);
    expect(routed.json().details.issues[0].path).toBe('departmentId');
  });
});

describe('department accounts', () => {
  it('grants the department role only with a department of the grant\'s city', async () => {
    const base = { displayName: '经信委联络员' };
    const none = await city.post('/api/users', { ...base, username: 'dept-none', grants: [{ role: 'department', orgId: tree.city.id }] });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0].path).toBe('grants.0.departmentId');
    const foreign = await city.post('/api/users', { ...base, username: 'dept-foreign', grants: [{ role: 'department', orgId: tree.city.id, departmentId: departmentX }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.issues[0].path).toBe('grants.0.departmentId');
    const stray = await city.post('/api/users', { ...base, username: 'dept-stray', grants: [{ role: 'townCoordinator', orgId: tree.townA.id, departmentId: departmentA }] });
    expect(stray.statusCode).toBe(400);
    const ok = await city.post('/api/users', { ...base, username: 'dept-ok', grants: [{ role: 'department', orgId: tree.city.id, departmentId: departmentA }] });
    expect(ok.statusCode).toBe(201);
    const listed = (await city.get('/api/users?q=dept-ok')).json().items[0];
    expect(listed.grants[0]).toMatchObject({ role: 'department', departmentId: departmentA, departmentName: '市经信委' });
    expect(await t.db.selectFrom('appUser').select('id').where('username', 'in', ['dept-none', 'dept-foreign', 'dept-stray']).execute()).toEqual([]);
  });
});

describe('cadres paired with companies', () => {
  it('lets a town pair a cadre with its companies, not another town\'s, and only a cadre account', async () => {
    const [e1, e2] = [await company(tree.townA.id), await company(tree.townA.id)];
    const res = await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e1, e2] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ assigned: 2, alreadyAssigned: 0 });
    expect((await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e1] })).json()).toEqual({ assigned: 0, alreadyAssigned: 1 });
    expect((await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [await company(tree.townB.id)] })).statusCode).toBe(404);
    const plain = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    const notCadre = await townA.post('/api/cadre-assignments', { userId: plain.id, enterpriseIds: [e1] });
    expect(notCadre.statusCode).toBe(400);
    expect(notCadre.json().details.issues[0].path).toBe('userId');
    const byCadre = (await cadre.get(`/api/cadre-assignments?userId=${cadreId}`)).json();
    expect(byCadre.items.map((a: { enterpriseId: number }) => a.enterpriseId)).toEqual(expect.arrayContaining([e1, e2]));
    const byCompany = (await townA.get(`/api/cadre-assignments?enterpriseId=${e1}`)).json();
    expect(byCompany.items).toHaveLength(1);
    expect(byCompany.items[0]).toMatchObject({ userId: cadreId, abilities: { end: true } });
    expect((await townB.get(`/api/cadre-assignments?enterpriseId=${e1}`)).json().items).toEqual([]);
    expect((await townA.get('/api/cadres')).json().items.map((c: { userId: number }) => c.userId)).toContain(cadreId);
  });

  it('refuses a cadre\'s visit to a company not paired with them, and after the pair ends', async () => {
    const e = await company(tree.townA.id);
    const body = { enterpriseId: e, visitedOn: today, peopleMet: '张总（法人）', topics: '了解用工缺口', followUps: '对接人社局' };
    const refused = await cadre.post('/api/visits', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CADRE_NOT_PAIRED');
    await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e] });
    expect((await cadre.post('/api/visits', body)).statusCode).toBe(201);
    const pair = (await townA.get(`/api/cadre-assignments?enterpriseId=${e}`)).json().items[0];
    expect((await townA.post(`/api/cadre-assignments/${pair.id}/end`, {})).statusCode).toBe(200);
    expect((await townA.post(`/api/cadre-assignments/${pair.id}/end`, {})).json().code).toBe('ASSIGNMENT_ENDED');
    expect((await cadre.post('/api/visits', body)).statusCode).toBe(403);
    // The cadre still sees the visit they logged.
    expect((await cadre.get(`/api/visits?enterpriseId=${e}`)).json().total).toBe(1);
  });
});

describe('visits', () => {
  it('refuses a visit dated in the future, and lets the town log one for any of its companies', async () => {
    const e = await company(tree.townA.id);
    const future = await townA.post('/api/visits', { enterpriseId: e, visitedOn: addDays(today, 1), peopleMet: '刘经理', topics: '融资' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.issues[0].path).toBe('visitedOn');
    expect((await townA.post('/api/visits', { enterpriseId: e, visitedOn: '2026-03-02', peopleMet: '刘经理', topics: '融资' })).statusCode).toBe(201);
    expect((await townA.post('/api/visits', { enterpriseId: e, visitedOn: '2026-05-10', peopleMet: '刘经理', topics: '上市辅导' })).statusCode).toBe(201);
    expect((await townB.post('/api/visits', { enterpriseId: e, visitedOn: '2026-05-10', peopleMet: '刘经理', topics: '越界' })).statusCode).toBe(404);
    const ranged = (await townA.get(`/api/visits?enterpriseId=${e}&from=2026-04-01&to=2026-06-30`)).json();
    expect(ranged.items.map((v: { topics: string }) => v.topics)).toEqual(['上市辅导']);
    expect((await townB.get(`/api/visits?enterpriseId=${e}`)).json().total).toBe(0);
    // A cadre not paired with the company does not see the town's visits to it.
    expect((await cadre.get(`/api/visits?enterpriseId=${e}`)).json().total).toBe(0);
  });
});

describe('requests', () => {
  it('refuses a request routed to a department that does not exist, another city\'s, or none live — writing nothing', async () => {
    const e = await company(tree.townA.id);
    const before = await t.db.selectFrom('enterpriseRequest').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const departmentId of [999999, departmentX]) {
      const res = await townA.post('/api/requests', { enterpriseId: e, raisedVia: 'liaison', category: 'policy', title: '人才公寓政策', departmentId });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0]).toMatchObject({ path: 'departmentId' });
      expect(res.json().message).toContain('成员单位');
    }
    const noVisit = await townA.post('/api/requests', { enterpriseId: e, raisedVia: 'visit', category: 'policy', title: '人才公寓政策', departmentId: departmentA });
    expect(noVisit.json().details.issues[0].path).toBe('visitId');
    const after = await t.db.selectFrom('enterpriseRequest').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('raises a request during a cadre\'s visit, due after the default 15 days, with a timeline', async () => {
    const e = await company(tree.townA.id);
    await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e] });
    const visitId = (await cadre.post('/api/visits', { enterpriseId: e, visitedOn: today, peopleMet: '陈总', topics: '扩产' })).json().id;
    const res = await cadre.post('/api/requests', { enterpriseId: e, visitId, raisedVia: 'visit', category: 'project', title: '新厂房用地审批', departmentId: departmentA });
    expect(res.statusCode).toBe(201);
    const detail = (await cadre.get(`/api/requests/${res.json().id}`)).json();
    expect(detail).toMatchObject({ status: 'new', dueOn: addDays(today, 15), overdue: false, visitId, departmentName: '市经信委', abilities: { transitions: [], rate: false } });
    expect(detail.timeline.map((x: { toStatus: string }) => x.toStatus)).toEqual(['new']);
    // The cadre cannot raise one for a company not paired with them.
    const other = await cadre.post('/api/requests', { enterpriseId: await company(tree.townA.id), raisedVia: 'liaison', category: 'other', title: '其他', departmentId: departmentA });
    expect(other.statusCode).toBe(403);
  });

  it('takes the deadline from the deployment\'s setting when one is set', async () => {
    await t.db.insertInto('setting').values({ key: 'request.dueDays', value: JSON.stringify(10) }).execute();
    try {
      const r = await raise(departmentA);
      expect((await townA.get(`/api/requests/${r.id}`)).json().dueOn).toBe(addDays(today, 10));
    } finally {
      await t.db.deleteFrom('setting').where('key', '=', 'request.dueDays').execute();
    }
  });

  it('shows a cadre the requests of their paired companies only', async () => {
    const paired = await company(tree.townA.id);
    await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [paired] });
    const mine = await raise(departmentA, paired);
    const other = await raise(departmentA);
    const ids = (await cadre.get('/api/requests?pageSize=100')).json().items.map((r: { id: number }) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    expect((await cadre.get(`/api/requests/${other.id}`)).statusCode).toBe(404);
  });

  it('shows a department only the requests routed to it, and lets only it (or the city) act', async () => {
    const mine = await raise(departmentA);
    const theirs = await raise(departmentB);
    const listed = (await deptA.get('/api/requests')).json().items.map((r: { id: number }) => r.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
    expect((await deptA.get(`/api/requests/${theirs.id}`)).statusCode).toBe(404);
    expect((await deptA.post(`/api/requests/${theirs.id}/status`, { version: 1, status: 'accepted' })).statusCode).toBe(404);
    expect((await deptA.get(`/api/requests/${mine.id}`)).json().abilities.transitions).toEqual(['accepted', 'declined']);
    // The ledger shows a department its own requests of the company, no visits.
    const ledger = (await deptA.get(`/api/enterprises/${theirs.enterpriseId}/service`));
    expect(ledger.statusCode).toBe(404);
    expect((await deptA.get('/api/visits')).json().total).toBe(0);
    // The town raises and follows, but does not handle.
    expect((await townA.post(`/api/requests/${mine.id}/status`, { version: 1, status: 'accepted' })).statusCode).toBe(403);
  });

  it('moves a request through accepted, in progress and resolved; declining needs a reason', async () => {
    const r = await raise(departmentA);
    expect((await deptA.post(`/api/requests/${r.id}/status`, { version: 1, status: 'inProgress' })).json().code).toBe('INVALID_TRANSITION');
    expect((await deptA.post(`/api/requests/${r.id}/status`, { version: 1, status: 'accepted', note: '已联系企业' })).statusCode).toBe(200);
    const noReason = await deptA.post(`/api/requests/${r.id}/status`, { version: 2, status: 'declined' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('declinedReason');
    expect((await deptA.post(`/api/requests/${r.id}/status`, { version: 2, status: 'inProgress' })).statusCode).toBe(200);
    const noResult = await deptA.post(`/api/requests/${r.id}/status`, { version: 3, status: 'resolved' });
    expect(noResult.json().details.issues[0].path).toBe('resolution');
    expect((await deptA.post(`/api/requests/${r.id}/status`, { version: 3, status: 'resolved', resolution: '已组织专场招聘会，招到18人' })).statusCode).toBe(200);
    const done = (await townA.get(`/api/requests/${r.id}`)).json();
    expect(done).toMatchObject({ status: 'resolved', resolution: '已组织专场招聘会，招到18人', abilities: { transitions: [], rate: true } });
    expect(done.timeline.map((x: { fromStatus: string | null; toStatus: string }) => `${x.fromStatus}→${x.toStatus}`)).toEqual(['null→new', 'new→accepted', 'accepted→inProgress', 'inProgress→resolved']);
    expect((await deptA.post(`/api/requests/${r.id}/status`, { version: 4, status: 'accepted' })).json().code).toBe('INVALID_TRANSITION');
    const log = (await city.get(`/api/audit?action=request.transition&targetId=${r.id}`)).json();
    expect(log.items).toHaveLength(3);
  });

  it('lets one of two people acting on the same request at once win; the other gets 409', async () => {
    const r = await raise(departmentA);
    const results = await Promise.all([
      deptA.post(`/api/requests/${r.id}/status`, { version: 1, status: 'accepted' }),
      city.post(`/api/requests/${r.id}/status`, { version: 1, status: 'declined', declinedReason: '重复提交' }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const detail = (await city.get(`/api/requests/${r.id}`)).json();
    expect(detail.version).toBe(2);
    expect(detail.timeline).toHaveLength(2);
  });

  it('records satisfaction once, after resolution, by whoever raised it or the town', async () => {
    const e = await company(tree.townA.id);
    await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e] });
    const id = (await cadre.post('/api/requests', { enterpriseId: e, raisedVia: 'liaison', category: 'financing', title: '科技贷', departmentId: departmentA })).json().id;
    expect((await cadre.post(`/api/requests/${id}/satisfaction`, { version: 1, satisfaction: 5 })).json().code).toBe('REQUEST_NOT_RESOLVED');
    await deptA.post(`/api/requests/${id}/status`, { version: 1, status: 'accepted' });
    await deptA.post(`/api/requests/${id}/status`, { version: 2, status: 'resolved', resolution: '已对接银行授信300万' });
    expect((await townB.post(`/api/requests/${id}/satisfaction`, { version: 3, satisfaction: 1 })).statusCode).toBe(404);
    expect((await cadre.post(`/api/requests/${id}/satisfaction`, { version: 3, satisfaction: 4, note: '响应及时' })).statusCode).toBe(200);
    expect((await townA.post(`/api/requests/${id}/satisfaction`, { version: 4, satisfaction: 5 })).json().code).toBe('SATISFACTION_RECORDED');
    expect((await townA.get(`/api/requests/${id}`)).json()).toMatchObject({ satisfaction: 4, satisfactionNote: '响应及时' });
  });

  it('flags an open request past its due date to the town, the city and the department, not to another town', async () => {
    const r = await raise(departmentB);
    await t.db.updateTable('enterpriseRequest').set({ dueOn: addDays(today, -3) }).where('id', '=', r.id).execute();
    for (const client of [townA, city, deptB]) {
      const items = (await client.get('/api/requests?overdue=true')).json().items;
      expect(items.map((x: { id: number }) => x.id)).toContain(r.id);
      expect(items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    }
    expect((await townB.get('/api/requests?overdue=true')).json().items.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await townA.get(`/api/requests?overdue=true&townOrgId=${tree.townA.id}&departmentId=${departmentB}`)).json().total).toBeGreaterThanOrEqual(1);
    const counts = (await deptB.get('/api/requests/counts')).json();
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.open).toBe(counts.byStatus.new + counts.byStatus.accepted + counts.byStatus.inProgress);
    expect((await townB.get('/api/requests/counts')).json().overdue).toBe(0);
  });
});

describe('the dashboard\'s request drill-downs', () => {
  it('lists exactly the requests each figure counts (open, overdue, resolved), for a town and for the city', async () => {
    const inStatus = async (status: 'new' | 'accepted' | 'inProgress' | 'resolved' | 'declined', dueOn = addDays(today, 5), town = tree.townA.id) => {
      const res = await city.post('/api/requests', { enterpriseId: await company(town), raisedVia: 'liaison', category: 'policy', title: '咨询人才政策', departmentId: departmentA });
      const id: number = res.json().id;
      const closed = status === 'resolved' || status === 'declined';
      await t.db.updateTable('enterpriseRequest').set({ status, dueOn, closedAt: closed ? new Date() : null, declinedReason: status === 'declined' ? '不属于本单位职责' : null }).where('id', '=', id).execute();
      return id;
    };
    const open = [await inStatus('new'), await inStatus('accepted'), await inStatus('inProgress')];
    const late = [await inStatus('new', addDays(today, -2)), await inStatus('inProgress', addDays(today, -1))];
    const resolved = [await inStatus('resolved', addDays(today, -9))];
    const declined = await inStatus('declined', addDays(today, -9));
    const elsewhere = await inStatus('new', addDays(today, -2), tree.townB.id);

    const ids = async (drill: string) => {
      const list = (await city.get(`/api${drill}${drill.includes('?') ? '&' : '?'}pageSize=100`)).json();
      return { total: list.total as number, ids: list.items.map((x: { id: number }) => x.id) as number[] };
    };
    const town = (await city.get(`/api/dashboard?townOrgId=${tree.townA.id}`)).json().requests;
    expect(town.open.drill).toBe(`/requests?open=true&townOrgId=${tree.townA.id}`);
    expect(town.overdue.drill).toBe(`/requests?overdue=true&townOrgId=${tree.townA.id}`);
    expect(town.resolved.drill).toBe(`/requests?status=resolved&townOrgId=${tree.townA.id}`);

    const openList = await ids(town.open.drill);
    expect(openList.total).toBe(town.open.value);
    expect(openList.ids).toEqual(expect.arrayContaining([...open, ...late]));
    for (const id of [...resolved, declined, elsewhere]) expect(openList.ids).not.toContain(id);

    const overdueList = await ids(town.overdue.drill);
    expect(overdueList.total).toBe(town.overdue.value);
    expect(overdueList.ids).toEqual(expect.arrayContaining(late));
    for (const id of [...open, ...resolved, declined, elsewhere]) expect(overdueList.ids).not.toContain(id);

    const resolvedList = await ids(town.resolved.drill);
    expect(resolvedList.total).toBe(town.resolved.value);
    expect(resolvedList.ids).toEqual(expect.arrayContaining(resolved));
    expect(resolvedList.ids).not.toContain(declined);

    // The whole city: the same figures without the town, including town B's overdue request.
    const all = (await city.get('/api/dashboard')).json().requests;
    for (const figure of [all.open, all.overdue, all.resolved]) expect((await ids(figure.drill)).total).toBe(figure.value);
    expect((await ids(all.overdue.drill)).ids).toContain(elsewhere);

    // A carrier's dashboard counts only its companies' requests, and its drill-downs say so.
    const park = (await t.db.insertInto('carrier').values({ kind: 'industrialPark', name: '诉求测试园区', townOrgId: tree.townA.id }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.updateTable('enterprise').set({ carrierId: park }).where('id', 'in', t.db.selectFrom('enterpriseRequest').select('enterpriseId').where('id', 'in', [open[0], late[0]])).execute();
    const inPark = (await city.get(`/api/dashboard?carrierId=${park}`)).json().requests;
    expect(inPark.open.drill).toBe(`/requests?open=true&townOrgId=${tree.townA.id}&carrierId=${park}`);
    expect(await ids(inPark.open.drill)).toEqual({ total: 2, ids: expect.arrayContaining([open[0], late[0]]) });
    expect(inPark.open.value).toBe(2);
    expect(await ids(inPark.overdue.drill)).toEqual({ total: inPark.overdue.value, ids: [late[0]] });
  });
});

describe('the company ledger (一企一册)', () => {
  it('shows a company\'s cadres, visits and requests to its town, not to another town', async () => {
    const e = await company(tree.townA.id, '乌镇台账测试科技有限公司');
    await townA.post('/api/cadre-assignments', { userId: cadreId, enterpriseIds: [e] });
    await cadre.post('/api/visits', { enterpriseId: e, visitedOn: today, peopleMet: '周总', topics: '招工' });
    await raise(departmentA, e);
    const ledger = (await townA.get(`/api/enterprises/${e}/service`)).json();
    expect(ledger.enterprise.name).toBe('乌镇台账测试科技有限公司');
    expect(ledger.cadres.map((c: { userId: number }) => c.userId)).toEqual([cadreId]);
    expect(ledger.visits).toHaveLength(1);
    expect(ledger.requests).toHaveLength(1);
    expect(ledger.abilities).toEqual({ visit: true, request: true });
    expect((await townB.get(`/api/enterprises/${e}/service`)).statusCode).toBe(404);
    const forDept = (await deptA.get(`/api/enterprises/${e}/service`)).json();
    expect(forDept).toMatchObject({ visits: [], cadres: [], abilities: { visit: false, request: false } });
    expect(forDept.requests).toHaveLength(1);
  });
});
