import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let n = 0;
const uscc = () => makeUscc(`91330483MA5${String(++n).padStart(6, '0')}`);

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
});
afterAll(() => t.close());

async function company(values: Record<string, unknown> = {}) {
  const { id } = await t.db.insertInto('enterprise').values({ uscc: uscc(), name: `覆盖测试企业${++n}`, townOrgId: tree.townA.id, staffCount: 20, ...values } as never).returning('id').executeTakeFirstOrThrow();
  return id;
}
const state = (id: number) => t.db.selectFrom('enterprise').select(['coverageMode', 'coverageOrgId', 'leadEnterpriseId', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const links = async (orgId: number) => (await t.db.selectFrom('orgEnterprise').select('enterpriseId').where('orgId', '=', orgId).execute()).map((r) => r.enterpriseId).sort();
const setCoverage = async (id: number, body: Record<string, unknown>) => city.put(`/api/enterprises/${id}/coverage`, { version: (await state(id)).version, ...body });

describe('setting a coverage mode', () => {
  it('standalone links the company\'s own branch and audits before → after', async () => {
    const id = await company();
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const res = await setCoverage(id, { mode: 'standalone', orgId: branch.id });
    expect(res.statusCode).toBe(200);
    expect(await state(id)).toMatchObject({ coverageMode: 'standalone', coverageOrgId: branch.id });
    expect(await links(branch.id)).toEqual([id]);
    const log = (await city.get(`/api/audit?action=enterprise.coverage&targetId=${id}`)).json();
    expect(log.items[0]).toMatchObject({ before: { coverageMode: 'none' }, after: { coverageMode: 'standalone', coverageOrgId: branch.id } });
  });

  it('refuses standalone with no organisation, with a joint branch, or with a branch already covering another company', async () => {
    const id = await company();
    const none = await setCoverage(id, { mode: 'standalone' });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.issues[0].path).toBe('orgId');
    const joint = await t.given.org({ parentId: tree.townA.id, kind: 'jointBranch' });
    expect((await setCoverage(id, { mode: 'standalone', orgId: joint.id })).json().message).toContain('联合组建');
    const shared = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const other = await company({ name: '已有支部的公司' });
    await t.db.insertInto('orgEnterprise').values({ orgId: shared.id, enterpriseId: other }).execute();
    expect((await setCoverage(id, { mode: 'standalone', orgId: shared.id })).json().message).toContain('已有支部的公司');
    expect(await state(id)).toMatchObject({ coverageMode: 'none', version: 1 });
  });

  it('refuses an abolished organisation', async () => {
    const id = await company();
    const old = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    await t.db.updateTable('org').set({ abolishedOn: '2026-01-01', abolishedReason: '撤销' }).where('id', '=', old.id).execute();
    const res = await setCoverage(id, { mode: 'standalone', orgId: old.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('已撤销');
  });

  it('joint needs a joint branch and warns when it would cover more than 5 units', async () => {
    const joint = await t.given.org({ parentId: tree.townA.id, kind: 'jointBranch' });
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const first = await company();
    expect((await setCoverage(first, { mode: 'joint', orgId: branch.id })).statusCode).toBe(400);
    const ids = [first, ...(await Promise.all([1, 2, 3, 4, 5].map(() => company())))];
    const warnings: unknown[][] = [];
    for (const id of ids) {
      const res = await setCoverage(id, { mode: 'joint', orgId: joint.id });
      expect(res.statusCode).toBe(200);
      warnings.push(res.json().warnings);
    }
    expect(warnings.slice(0, 5).every((w) => w.length === 0)).toBe(true);
    expect(warnings[5]).toEqual([expect.objectContaining({ code: 'JOINT_BRANCH_TOO_MANY_UNITS' })]);
    expect(await links(joint.id)).toEqual(ids.sort());
  });

  it('takes the joint-branch unit limit from the deployment\'s setting', async () => {
    const joint = await t.given.org({ parentId: tree.townA.id, kind: 'jointBranch' });
    await t.db.insertInto('setting').values({ key: 'jointBranchMaxUnits', value: JSON.stringify(1) }).execute();
    try {
      expect((await setCoverage(await company(), { mode: 'joint', orgId: joint.id })).json().warnings).toEqual([]);
      expect((await setCoverage(await company(), { mode: 'joint', orgId: joint.id })).json().warnings).toHaveLength(1);
    } finally {
      await t.db.deleteFrom('setting').where('key', '=', 'coverage.jointBranchMaxUnits').execute();
    }
  });

  it('lead-built needs a lead company that is itself standalone, never itself, and follows its organisation', async () => {
    const lead = await company({ name: '龙头公司' });
    const follower = await company({ name: '链上公司' });
    const notYet = await setCoverage(follower, { mode: 'leadBuilt', leadEnterpriseId: lead });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().message).toContain('龙头公司');
    expect((await setCoverage(follower, { mode: 'leadBuilt', leadEnterpriseId: follower })).json().details.issues[0].path).toBe('leadEnterpriseId');
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    await setCoverage(lead, { mode: 'standalone', orgId: branch.id });
    expect((await setCoverage(follower, { mode: 'leadBuilt', leadEnterpriseId: lead })).statusCode).toBe(200);
    expect(await state(follower)).toMatchObject({ coverageMode: 'leadBuilt', coverageOrgId: branch.id, leadEnterpriseId: lead });
    // The lead cannot drop its organisation while it builds for a chain.
    const drop = await setCoverage(lead, { mode: 'none' });
    expect(drop.statusCode).toBe(409);
    expect(drop.json().code).toBe('LEADS_A_CHAIN');
    const detail = (await city.get(`/api/enterprises/${follower}`)).json();
    expect(detail.presence).toMatchObject({ leadEnterprise: { id: lead, name: '龙头公司' }, coverageOrg: { id: branch.id, abolished: false } });
  });

  it('fallback needs a live organisation of the company\'s own town; industry-linked any live one', async () => {
    const id = await company();
    const elsewhere = await t.given.org({ parentId: tree.townB.id, kind: 'branch' });
    const wrong = await setCoverage(id, { mode: 'fallback', orgId: elsewhere.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('不在本镇');
    const fallback = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '甲镇兜底党支部' });
    expect((await setCoverage(id, { mode: 'fallback', orgId: fallback.id })).statusCode).toBe(200);
    expect((await setCoverage(id, { mode: 'industryLinked', orgId: elsewhere.id })).statusCode).toBe(200);
    // The link moved with the mode.
    expect(await links(fallback.id)).toEqual([]);
    expect(await links(elsewhere.id)).toEqual([id]);
    expect((await setCoverage(id, { mode: 'none' })).statusCode).toBe(200);
    expect(await state(id)).toMatchObject({ coverageMode: 'none', coverageOrgId: null });
    expect(await links(elsewhere.id)).toEqual([]);
  });

  it('gives a closed, moved-out or shell company no mode but none', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    for (const status of ['closed', 'movedOut', 'shell']) {
      const id = await company({ operatingStatus: status, statusReason: '测试' });
      const res = await setCoverage(id, { mode: 'standalone', orgId: branch.id });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues[0].path).toBe('mode');
    }
    expect(await links(branch.id)).toEqual([]);
  });

  it('refuses a stale version', async () => {
    const id = await company();
    const res = await city.put(`/api/enterprises/${id}/coverage`, { version: 7, mode: 'none' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STALE_VERSION');
  });
});

describe('organisations set and clear coverage', () => {
  it('a new branch with one linked company makes it standalone', async () => {
    const id = await company();
    const res = await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'branch', name: '新公司党支部', code: `COV-${++n}`, enterpriseIds: [id] });
    expect(res.statusCode).toBe(201);
    expect(await state(id)).toMatchObject({ coverageMode: 'standalone', coverageOrgId: res.json().id });
  });

  it('a new joint branch makes its uncovered companies joint and leaves covered ones alone', async () => {
    const own = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const covered = await company({ coverageMode: 'standalone', coverageOrgId: own.id });
    const a = await company();
    const b = await company();
    const closed = await company({ operatingStatus: 'closed', statusReason: '注销' });
    const res = await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'jointBranch', name: '园区联合党支部', code: `COV-${++n}`, enterpriseIds: [covered, a, b, closed] });
    const joint = res.json().id;
    expect(await state(a)).toMatchObject({ coverageMode: 'joint', coverageOrgId: joint });
    expect(await state(b)).toMatchObject({ coverageMode: 'joint', coverageOrgId: joint });
    expect(await state(covered)).toMatchObject({ coverageMode: 'standalone', coverageOrgId: own.id });
    expect(await state(closed)).toMatchObject({ coverageMode: 'none' });
  });

  it('a general branch linked to two companies sets no mode (it is not one company\'s own)', async () => {
    const a = await company();
    const b = await company();
    await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'generalBranch', name: '两家公司党总支', code: `COV-${++n}`, enterpriseIds: [a, b] });
    expect((await state(a)).coverageMode).toBe('none');
  });

  it('abolishing an organisation sends the companies it covers back to none, audited', async () => {
    const id = await company();
    const follower = await company();
    const org = (await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'branch', name: '将撤销党支部', code: `COV-${++n}`, enterpriseIds: [id] })).json().id;
    expect((await setCoverage(follower, { mode: 'leadBuilt', leadEnterpriseId: id })).statusCode).toBe(200);
    expect((await city.post(`/api/orgs/${org}/abolish`, { abolishedOn: '2026-01-05', reason: '企业迁出' })).statusCode).toBe(200);
    expect(await state(id)).toMatchObject({ coverageMode: 'none', coverageOrgId: null });
    expect(await state(follower)).toMatchObject({ coverageMode: 'none', leadEnterpriseId: null });
    const log = (await city.get(`/api/audit?action=enterprise.coverage&targetId=${id}`)).json();
    expect(log.items[0]).toMatchObject({ after: { coverageMode: 'none' }, detail: { reason: 'org.abolish' } });
  });

  it('unlinking a company from its organisation (editing the organisation) uncovers it and its chain; linking one covers it', async () => {
    const id = await company();
    const follower = await company();
    const org = (await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'branch', name: '将改关联党支部', code: `COV-${++n}`, enterpriseIds: [id] })).json().id;
    expect((await setCoverage(follower, { mode: 'leadBuilt', leadEnterpriseId: id })).statusCode).toBe(200);
    const version = async () => (await t.db.selectFrom('org').select('version').where('id', '=', org).executeTakeFirstOrThrow()).version;
    expect((await city.patch(`/api/orgs/${org}`, { version: await version(), enterpriseIds: [] })).statusCode).toBe(200);
    expect(await state(id)).toMatchObject({ coverageMode: 'none', coverageOrgId: null });
    expect(await state(follower)).toMatchObject({ coverageMode: 'none', leadEnterpriseId: null });
    const log = (await city.get(`/api/audit?action=enterprise.coverage&targetId=${id}`)).json();
    expect(log.items[0]).toMatchObject({ after: { coverageMode: 'none' }, detail: { reason: 'org.unlink' } });

    const other = await company();
    expect((await city.patch(`/api/orgs/${org}`, { version: await version(), enterpriseIds: [other] })).statusCode).toBe(200);
    expect(await state(other)).toMatchObject({ coverageMode: 'standalone', coverageOrgId: org });
  });
});
