import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, type CoverageMode } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { takeCoverageSnapshots } from './coverage-snapshot';
import { monthBefore, monthInShanghai } from './coverage.service';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let townA: ReturnType<typeof as>;
let serial = 0;
let park: number;
const ids: Record<string, number> = {};

async function company(name: string, c: { town?: number; mode?: CoverageMode; staff?: number; status?: string; instructor?: string; carrier?: number; org?: number } = {}) {
  const mode = c.mode ?? 'none';
  const { id } = await t.db.insertInto('enterprise').values({
    uscc: makeUscc(`91330483MA2R${String(++serial).padStart(5, '0')}`), name, townOrgId: c.town ?? tree.townA.id, kindCode: 'commercePlatform',
    staffCount: c.staff ?? 40, operatingStatus: c.status ?? 'operating', coverageMode: mode, carrierId: c.carrier ?? null,
    coverageOrgId: mode === 'none' ? null : c.org ?? tree.branchA.id, instructorName: c.instructor ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  ids[name] = id;
  return id;
}

/** `n` live members (full unless stated) employed by the company. */
async function employ(enterpriseId: number, n: number, category: 'full' | 'probationary' = 'full') {
  for (let i = 0; i < n; i++) {
    const m = await t.given.member({ orgId: tree.branchA.id, category });
    await t.db.updateTable('member').set({ employerEnterpriseId: enterpriseId }).where('id', '=', m.id).execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  townA = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
  park = (await t.db.insertInto('carrier').values({ kind: 'industrialPark', name: '甲镇互联网产业园', townOrgId: tree.townA.id }).returning('id').executeTakeFirstOrThrow()).id;
  // Town A: 5 in the denominator — 1 standalone, 1 joint (in the park), 1 work-only, 2 uncovered; 1 closed standalone outside it.
  await company('甲独建', { mode: 'standalone' });
  await company('甲联建', { mode: 'joint', carrier: park });
  await company('甲指导员', { instructor: '李指导' });
  await company('甲未覆盖一');
  await company('甲未覆盖二', { carrier: park });
  await company('甲已注销', { mode: 'standalone', status: 'closed' });
  // Town B: 2 in the denominator, both organised.
  await company('乙独建', { town: tree.townB.id, mode: 'standalone', org: tree.branchB.id });
  await company('乙兜底', { town: tree.townB.id, mode: 'fallback', org: tree.branchB.id });
});
afterAll(() => t.close());

describe('coverage rates', () => {
  it('gives the city every town with numerator, denominator and definition', async () => {
    const res = await city.get('/api/coverage/rates?groupBy=town');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.overall.organisation).toMatchObject({ numerator: 4, denominator: 7 });
    expect(body.overall.work).toMatchObject({ numerator: 5, denominator: 7 });
    const a = body.rows.find((r: { key: string }) => r.key === String(tree.townA.id));
    expect(a.organisation).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
    expect(a.standalone).toMatchObject({ numerator: 1, denominator: 5, value: 0.2 });
    expect(a.work).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
    expect(a.organisation.numeratorDrill).toBe(`/enterprises?townOrgId=${tree.townA.id}&inDenominator=true&organised=true`);
    expect(body.definitions.map((d: { rate: string }) => d.rate)).toEqual(['organisation', 'standalone', 'work']);
    expect(body.definitions[0].definition).toContain('不少于10人');
    expect(body.definitions[0].citation).toContain('中办发〔2012〕11号');
    expect(body.byMode.find((m: { mode: string }) => m.mode === 'none')).toMatchObject({ n: 3 });
  });

  it('shows a town coordinator only their own town, and another town as not found', async () => {
    const own = (await townA.get('/api/coverage/rates?groupBy=town')).json();
    expect(own.rows.map((r: { key: string }) => r.key)).toEqual([String(tree.townA.id)]);
    expect(own.overall.organisation).toMatchObject({ numerator: 2, denominator: 5 });
    expect((await townA.get(`/api/coverage/rates?townOrgId=${tree.townB.id}`)).statusCode).toBe(404);
    expect((await townA.get(`/api/dashboard?townOrgId=${tree.townB.id}`)).statusCode).toBe(404);
  });

  it('groups by carrier inside a town and names the companies outside any carrier', async () => {
    const body = (await townA.get(`/api/coverage/rates?groupBy=carrier&townOrgId=${tree.townA.id}`)).json();
    const inPark = body.rows.find((r: { key: string }) => r.key === String(park));
    expect(inPark).toMatchObject({ name: '甲镇互联网产业园', organisation: { numerator: 1, denominator: 2, value: 0.5 } });
    expect(body.rows.find((r: { key: string }) => r.key === '0')).toMatchObject({ name: '不在载体内', organisation: { numerator: 1, denominator: 3 } });
  });

  it('answers "—" (null), not 0 %, for a group without companies in the denominator', async () => {
    const town = await t.given.org({ parentId: tree.city.id, kind: 'workCommittee', isTown: true, name: '丙镇' });
    await company('丙停业', { town: town.id, status: 'suspended' });
    const body = (await city.get(`/api/coverage/rates?townOrgId=${town.id}`)).json();
    expect(body.overall.organisation).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('refuses a town that is not a town, naming the field', async () => {
    const res = await city.get(`/api/coverage/rates?townOrgId=${tree.branchA.id}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('townOrgId');
  });
});

describe('suggested actions', () => {
  it('lists companies with 3+ full members and no own organisation, with their numbers and the rule', async () => {
    const three = await company('甲三名党员', { mode: 'joint' });
    await employ(three, 3);
    const two = await company('甲两名正式党员');
    await employ(two, 2);
    await employ(two, 2, 'probationary');
    await employ(ids['甲独建'], 5);
    const body = (await townA.get('/api/coverage/suggestions?kind=buildOwn')).json();
    expect(body.items.map((i: { name: string }) => i.name)).toEqual(['甲三名党员']);
    expect(body.items[0]).toMatchObject({ fullMembers: 3, members: 3, coverageMode: 'joint', link: `/enterprises/${three}` });
    expect(body).toMatchObject({ total: 1, threshold: 3 });
    expect(body.rule).toContain('3名以上');
    expect(body.citation).toContain('支部工作条例');
  });

  it('lists companies with members but neither organisation nor work measure', async () => {
    await employ(ids['甲未覆盖一'], 1);
    await employ(ids['甲指导员'], 1);
    const body = (await city.get('/api/coverage/suggestions?kind=uncoveredWithMembers')).json();
    const names = body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('甲未覆盖一');
    expect(names).toContain('甲两名正式党员');
    expect(names).not.toContain('甲指导员');
  });

  it('lists joint branches covering more than 5 units', async () => {
    const joint = await t.given.org({ parentId: tree.townA.id, kind: 'jointBranch', name: '甲镇园区联合党支部' });
    const small = await t.given.org({ parentId: tree.townA.id, kind: 'jointBranch', name: '甲镇楼宇联合党支部' });
    for (let i = 0; i < 6; i++) await t.db.insertInto('orgEnterprise').values({ orgId: joint.id, enterpriseId: await company(`园区企业${i}`) }).execute();
    await t.db.insertInto('orgEnterprise').values({ orgId: small.id, enterpriseId: ids['园区企业0'] }).execute();
    const body = (await townA.get('/api/coverage/suggestions?kind=jointOverLimit')).json();
    expect(body.items).toEqual([expect.objectContaining({ id: joint.id, units: 6, link: `/orgs/${joint.id}` })]);
    expect(body.rule).toContain('不超过5个');
  });
});

describe('monthly snapshots and the trend', () => {
  it('writes the previous month once and shows it beside the running month', async () => {
    const now = new Date();
    const previous = monthBefore(monthInShanghai(now), 1);
    const written = await takeCoverageSnapshots(t.db, now);
    expect(written).toBeGreaterThan(0);
    await company('甲快照后新建', { mode: 'standalone' });
    expect(await takeCoverageSnapshots(t.db, now)).toBe(0);
    const body = (await townA.get('/api/coverage/trend')).json();
    expect(body.points.map((p: { month: string }) => p.month)).toEqual([previous, monthInShanghai(now)]);
    const [past, current] = body.points;
    expect(current.current).toBe(true);
    expect(current.standalone.numerator).toBe(past.standalone.numerator + 1);
  });
});

describe('the dashboard', () => {
  it('answers every figure with definition, as-of time and drill-down, per town for the city', async () => {
    const res = await city.get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.scope.level).toBe('all');
    expect(d.companies.inDenominator).toMatchObject({ drill: '/enterprises?inDenominator=true' });
    expect(d.coverage.organisation.definition).toContain('实体运营企业数');
    expect(d.coverage.children.level).toBe('town');
    const a = d.coverage.children.rows.find((r: { id: number }) => r.id === tree.townA.id);
    expect(a.organisation.numeratorDrill).toBe(`/enterprises?townOrgId=${tree.townA.id}&inDenominator=true&organised=true`);
    expect(d.members.byCategory.find((c: { key: string }) => c.key === 'full').figure.drill).toBe(`/members?orgId=${tree.city.id}&category=full`);
    for (const f of [d.companies.total, d.orgs.total, d.members.total, d.standards.assessed, d.surveys.overdue, d.requests.avgDaysToResolve]) {
      expect(f.definition.length).toBeGreaterThan(4);
      expect(Date.parse(f.asOf)).not.toBeNaN();
      expect(f.drill).toMatch(/^\//);
    }
    expect(d.requests.avgDaysToResolve.value).toBeNull();
  });

  it('narrows to one carrier of a town', async () => {
    const d = (await townA.get(`/api/dashboard?carrierId=${park}`)).json();
    expect(d.scope).toMatchObject({ level: 'carrier', town: { id: tree.townA.id }, carrier: { id: park } });
    expect(d.coverage.organisation).toMatchObject({ numerator: 1, denominator: 2 });
    expect(d.coverage.children).toBeNull();
    expect(d.coverage.organisation.drill).toBe(`/enterprises?townOrgId=${tree.townA.id}&carrierId=${park}&inDenominator=true&organised=true`);
  });

  it('counts open and overdue surveys and requests of the scope', async () => {
    const e = ids['甲未覆盖二'];
    await t.db.insertInto('surveyTask').values({ enterpriseId: e, townOrgId: tree.townA.id, dueOn: '2020-01-01' }).execute();
    const dept = await t.db.insertInto('department').values({ orgId: tree.city.id, name: '经信委' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('enterpriseRequest').values({ enterpriseId: e, raisedVia: 'liaison', category: 'staffing', title: '招聘', departmentId: dept.id, dueOn: '2020-01-01' }).execute();
    await t.db.insertInto('enterpriseRequest').values({
      enterpriseId: e, raisedVia: 'liaison', category: 'policy', title: '政策', departmentId: dept.id, dueOn: '2030-01-01', status: 'resolved',
      createdAt: new Date('2026-01-01T00:00:00Z'), closedAt: new Date('2026-01-04T12:00:00Z'),
    }).execute();
    const d = (await townA.get('/api/dashboard')).json();
    expect(d.surveys.overdue.value).toBe(1);
    expect(d.requests).toMatchObject({ open: { value: 1 }, overdue: { value: 1 }, resolved: { value: 1 }, avgDaysToResolve: { value: 3.5 } });
    const b = (await city.get(`/api/dashboard?townOrgId=${tree.townB.id}`)).json();
    expect(b.surveys.overdue.value).toBe(0);
  });
});
