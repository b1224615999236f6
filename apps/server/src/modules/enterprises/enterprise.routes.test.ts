import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let townA: ReturnType<typeof as>;
let n = 0;
const uscc = () => makeUscc(`91330483MA4${String(++n).padStart(6, '0')}`);

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  townA = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
});
afterAll(() => t.close());

/** A company written straight to the database (the registration route is tested on its own). */
async function company(values: Record<string, unknown> = {}) {
  const { id } = await t.db.insertInto('enterprise').values({ uscc: uscc(), name: `测试企业${++n}`, townOrgId: tree.townA.id, staffCount: 20, ...values } as never).returning('id').executeTakeFirstOrThrow();
  return id;
}

describe('registering a company', () => {
  it('registers a company with its fields, opens the town\'s survey task and audits it', async () => {
    const park = (await townA.post('/api/carriers', { kind: 'industrialPark', name: '甲镇数字经济产业园', townOrgId: tree.townA.id })).json().id;
    const res = await townA.post('/api/enterprises', {
      uscc: uscc(), name: '甲镇云帆网络科技有限公司', townOrgId: tree.townA.id, kindCode: 'commercePlatform', carrierId: park, staffCount: 42,
      foundedOn: '2025-03-01', settledOn: '2025-04-01', liaisonName: '沈一帆', hasUnion: true, investorPartyStatus: 'member',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const detail = (await townA.get(`/api/enterprises/${id}`)).json();
    expect(detail).toMatchObject({ name: '甲镇云帆网络科技有限公司', kindName: '商务平台', carrierName: '甲镇数字经济产业园', sizeBand: 'from10to49', inDenominator: true, workMeasure: true, coverageMode: 'none', version: 1 });
    const tasks = await t.db.selectFrom('surveyTask').select(['townOrgId', 'status']).where('enterpriseId', '=', id).execute();
    expect(tasks).toEqual([{ townOrgId: tree.townA.id, status: 'open' }]);
    const log = (await city.get(`/api/audit?action=enterprise.create&targetId=${id}`)).json();
    expect(log.items[0].after).toMatchObject({ name: '甲镇云帆网络科技有限公司', staffCount: 42 });
  });

  it('refuses a bad checksum and a duplicate USCC, naming the company already registered', async () => {
    const bad = await townA.post('/api/enterprises', { uscc: '91330483MA2B3C4D50', name: '错码公司', townOrgId: tree.townA.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'uscc' });
    const code = uscc();
    await company({ uscc: code, name: '先登记的公司' });
    const dup = await townA.post('/api/enterprises', { uscc: code.toLowerCase(), name: '后来的公司', townOrgId: tree.townA.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'USCC_TAKEN' });
    expect(dup.json().message).toContain('先登记的公司');
    // Registered in another town: the name is not disclosed.
    const other = uscc();
    await company({ uscc: other, name: '乙镇的公司', townOrgId: tree.townB.id });
    const hidden = await townA.post('/api/enterprises', { uscc: other, name: '冒名公司', townOrgId: tree.townA.id });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().message).not.toContain('乙镇的公司');
  });

  it('refuses a carrier of another town, a closed company without a reason, and writes nothing', async () => {
    const parkB = (await city.post('/api/carriers', { kind: 'makerSpace', name: '乙镇众创空间', townOrgId: tree.townB.id })).json().id;
    const code = uscc();
    const wrongTown = await townA.post('/api/enterprises', { uscc: code, name: '跨镇公司', townOrgId: tree.townA.id, carrierId: parkB });
    expect(wrongTown.statusCode).toBe(400);
    expect(wrongTown.json().details.issues[0].path).toBe('carrierId');
    const noReason = await townA.post('/api/enterprises', { uscc: code, name: '关门公司', townOrgId: tree.townA.id, operatingStatus: 'closed' });
    expect(noReason.json().details.issues[0].path).toBe('statusReason');
    expect(await t.db.selectFrom('enterprise').select('id').where('uscc', '=', code).executeTakeFirst()).toBeUndefined();
  });
});

describe('editing a company', () => {
  it('rejects a stale edit instead of overwriting it', async () => {
    const id = await company();
    expect((await townA.patch(`/api/enterprises/${id}`, { version: 1, staffCount: 30 })).statusCode).toBe(200);
    const second = await townA.patch(`/api/enterprises/${id}`, { version: 1, staffCount: 99 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('STALE_VERSION');
    expect((await townA.get(`/api/enterprises/${id}`)).json().staffCount).toBe(30);
  });

  it('takes a closed company out of the denominator and out of its coverage', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const id = await company({ coverageMode: 'standalone', coverageOrgId: branch.id });
    await t.db.insertInto('orgEnterprise').values({ orgId: branch.id, enterpriseId: id }).execute();
    const res = await townA.patch(`/api/enterprises/${id}`, { version: 1, operatingStatus: 'closed', statusReason: '2026-10-01 注销' });
    expect(res.statusCode).toBe(200);
    const after = (await townA.get(`/api/enterprises/${id}`)).json();
    expect(after).toMatchObject({ operatingStatus: 'closed', inDenominator: false, coverageMode: 'none' });
    expect(after.presence.linkedOrgs).toEqual([]);
  });
});

describe('the registry list', () => {
  it('filters as the dashboard\'s drill-down links say', async () => {
    const town = await t.given.org({ parentId: tree.city.id, kind: 'workCommittee', isTown: true });
    const branch = await t.given.org({ parentId: town.id, kind: 'branch' });
    const covered = await company({ townOrgId: town.id, name: '已组建公司', coverageMode: 'standalone', coverageOrgId: branch.id });
    const workOnly = await company({ townOrgId: town.id, name: '有联络员公司', liaisonName: '陈联络' });
    const bare = await company({ townOrgId: town.id, name: '空白公司' });
    const small = await company({ townOrgId: town.id, name: '小微公司', staffCount: 5 });
    const m = await t.given.member({ orgId: tree.branchA.id });
    await t.db.updateTable('member').set({ employerEnterpriseId: bare }).where('id', '=', m.id).execute();
    const ids = async (q: string) => (await city.get(`/api/enterprises?townOrgId=${town.id}&${q}`)).json().items.map((e: { id: number }) => e.id).sort();
    expect(await ids('organised=false&inDenominator=true')).toEqual([workOnly, bare].sort());
    expect(await ids('workCovered=true')).toEqual([covered, workOnly].sort());
    expect(await ids('inDenominator=false')).toEqual([small]);
    expect(await ids('coverageMode=standalone,joint')).toEqual([covered]);
    expect(await ids('hasMembers=true')).toEqual([bare]);
    expect(await ids('sizeBand=under10')).toEqual([small]);
    expect(await ids('q=有联络员')).toEqual([workOnly]);
    const bad = await city.get('/api/enterprises?coverageMode=solo');
    expect(bad.statusCode).toBe(400);
  });

  it('shows only the caller\'s towns', async () => {
    const inB = await company({ townOrgId: tree.townB.id, name: '乙镇独有公司' });
    const list = (await townA.get('/api/enterprises?pageSize=100')).json();
    expect(list.items.map((e: { id: number }) => e.id)).not.toContain(inB);
    expect((await townA.get(`/api/enterprises/${inB}`)).statusCode).toBe(404);
  });
});

describe('party presence', () => {
  it('derives the members employed there from the roster, live ones only', async () => {
    const id = await company();
    const full = await t.given.member({ orgId: tree.branchA.id, category: 'full' });
    const prob = await t.given.member({ orgId: tree.branchA.id, category: 'probationary' });
    const gone = await t.given.member({ orgId: tree.branchA.id, status: 'transferredOut' });
    await t.db.updateTable('member').set({ employerEnterpriseId: id }).where('id', 'in', [full.id, prob.id, gone.id]).execute();
    const detail = (await townA.get(`/api/enterprises/${id}`)).json();
    expect(detail.presence.members).toEqual({ total: 2, full: 1, probationary: 1 });
    expect(detail.memberCount).toBe(2);
    expect(detail.presence.memberList.map((m: { id: number }) => m.id).sort()).toEqual([full.id, prob.id].sort());
    expect(JSON.stringify(detail.presence.memberList)).not.toMatch(/idNumber|phone/);
  });
});

describe('kinds and carriers', () => {
  it('adds an enterprise kind once and refuses a second with the same name', async () => {
    expect((await townA.post('/api/enterprise-kinds', { code: 'onlineEducation', name: '在线教育' })).statusCode).toBe(201);
    const dup = await city.post('/api/enterprise-kinds', { code: 'eduOnline', name: '在线教育' });
    expect(dup.statusCode).toBe(409);
    expect((await city.get('/api/enterprise-kinds')).json().items.map((k: { name: string }) => k.name)).toContain('在线教育');
  });

  it('lists carriers of the caller\'s towns and refuses a duplicate name in a town', async () => {
    await city.post('/api/carriers', { kind: 'commercialBuilding', name: '乙镇商务大厦', townOrgId: tree.townB.id });
    const dup = await city.post('/api/carriers', { kind: 'commercialBuilding', name: '乙镇商务大厦', townOrgId: tree.townB.id });
    expect(dup.statusCode).toBe(400);
    const mine = (await townA.get('/api/carriers')).json().items.map((c: { name: string }) => c.name);
    expect(mine).not.toContain('乙镇商务大厦');
  });
});
