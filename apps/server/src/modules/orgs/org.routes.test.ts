import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
});
afterAll(() => t.close());

describe('organisations', () => {
  it('creates a branch under a town, audits it, and refuses a duplicate code with the field named', async () => {
    const res = await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'branch', name: '云栖科技党支部', code: 'WZ-YQ-01', foundedOn: '2024-05-01' });
    expect(res.statusCode).toBe(201);
    const detail = (await city.get(`/api/orgs/${res.json().id}`)).json();
    expect(detail).toMatchObject({ name: '云栖科技党支部', kind: 'branch', parent: { id: tree.townA.id } });
    expect(detail.path.map((p: { name: string }) => p.name)).toEqual(['测试市两新工委', '甲镇两新工委', '云栖科技党支部']);
    const dup = await city.post('/api/orgs', { parentId: tree.townA.id, kind: 'branch', name: '另一个', code: 'WZ-YQ-01' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.issues[0].path).toBe('code');
    const log = (await city.get(`/api/audit?action=org.create&targetId=${res.json().id}`)).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0].after).toMatchObject({ name: '云栖科技党支部', code: 'WZ-YQ-01' });
  });

  it('does not create an organisation under a branch', async () => {
    const res = await city.post('/api/orgs', { parentId: tree.branchA.id, kind: 'branch', name: '支部下的支部', code: 'BAD-1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('parentId');
  });

  it('rejects a stale edit instead of overwriting it', async () => {
    const o = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const first = await city.patch(`/api/orgs/${o.id}`, { version: 1, name: '第一次修改' });
    const second = await city.patch(`/api/orgs/${o.id}`, { version: 1, name: '第二次修改' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('STALE_VERSION');
    expect((await city.get(`/api/orgs/${o.id}`)).json().name).toBe('第一次修改');
  });

  it('keeps an abolished organisation with its history and refuses to abolish one with members', async () => {
    const full = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    await t.given.member({ orgId: full.id });
    const refused = await city.post(`/api/orgs/${full.id}/abolish`, { abolishedOn: '2026-01-01', reason: '企业迁出' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('ORG_NOT_EMPTY');
    const empty = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    expect((await city.post(`/api/orgs/${empty.id}/abolish`, { abolishedOn: '2026-01-01', reason: '企业注销' })).statusCode).toBe(200);
    const detail = (await city.get(`/api/orgs/${empty.id}`)).json();
    expect(detail).toMatchObject({ abolished: true, abolishedOn: '2026-01-01', abolishedReason: '企业注销' });
    const liveTree = (await city.get('/api/orgs/tree')).json().nodes.map((n: { id: number }) => n.id);
    const fullTree = (await city.get('/api/orgs/tree?includeAbolished=true')).json().nodes.map((n: { id: number }) => n.id);
    expect(liveTree).not.toContain(empty.id);
    expect(fullTree).toContain(empty.id);
  });

  it('takes a grant on an abolished organisation away from its holder at once', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const secretary = as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: branch.id }])).username));
    expect((await secretary.get('/api/auth/me')).json().grants).toHaveLength(1);
    expect((await city.post(`/api/orgs/${branch.id}/abolish`, { abolishedOn: '2026-01-01', reason: '企业注销' })).statusCode).toBe(200);
    expect((await secretary.get('/api/auth/me')).json().grants).toEqual([]);
  });

  it('moves a subtree and the scope of everyone in it follows', async () => {
    const unit = await t.given.org({ parentId: tree.townA.id, kind: 'generalBranch', name: '将迁总支' });
    const branch = await t.given.org({ parentId: unit.id, kind: 'branch', name: '将迁支部' });
    const m = await t.given.member({ orgId: branch.id });
    const townBUser = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
    expect((await townBUser.get(`/api/members/${m.id}`)).statusCode).toBe(404);
    const moved = await city.post(`/api/orgs/${unit.id}/move`, { newParentId: tree.townB.id });
    expect(moved.json()).toEqual({ orgs: 2, members: 1 });
    expect((await townBUser.get(`/api/members/${m.id}`)).statusCode).toBe(200);
    expect((await townBUser.get(`/api/orgs/${branch.id}`)).json().path.map((p: { name: string }) => p.name)).toEqual(['乙镇两新工委', '将迁总支', '将迁支部']);
    const townAUser = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
    expect((await townAUser.get(`/api/members/${m.id}`)).statusCode).toBe(404);
  });

  it('lists a moved branch\'s members for the coordinator of its new town at once', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '将迁名册支部' });
    await t.given.member({ orgId: branch.id });
    const townBUser = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
    expect((await city.get(`/api/members?orgId=${branch.id}`)).json().total).toBe(1);
    expect((await townBUser.get(`/api/members?orgId=${branch.id}`)).statusCode).toBe(404);
    expect((await city.post(`/api/orgs/${branch.id}/move`, { newParentId: tree.townB.id })).statusCode).toBe(200);
    const page = await townBUser.get(`/api/members?orgId=${branch.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBe(1);
  });

  it('shows a renamed organisation\'s new name on roster pages and in its holders\' grants at once', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '改名前支部' });
    await t.given.member({ orgId: branch.id });
    const secretary = as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: branch.id }])).username));
    expect((await secretary.get('/api/auth/me')).json().grants[0].orgName).toBe('改名前支部');
    expect((await city.get(`/api/members?orgId=${branch.id}`)).json().items[0].orgName).toBe('改名前支部');
    expect((await city.patch(`/api/orgs/${branch.id}`, { version: 1, name: '改名后支部' })).statusCode).toBe(200);
    expect((await city.get(`/api/members?orgId=${branch.id}`)).json().items[0].orgName).toBe('改名后支部');
    expect((await secretary.get('/api/auth/me')).json().grants[0].orgName).toBe('改名后支部');
  });

  it('carries every record kept under a moved organisation along with it', async () => {
    const unit = await t.given.org({ parentId: tree.townA.id, kind: 'generalBranch', name: '随迁总支' });
    const branch = await t.given.org({ parentId: unit.id, kind: 'branch', name: '随迁支部' });
    const oldPath = (await t.db.selectFrom('org').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow()).path;
    const template = await t.db.insertInto('standardTemplate').values({ orgId: tree.city.id, year: 2031, version: 1, title: '随迁标准' }).returning('id').executeTakeFirstOrThrow();
    const assessment = await t.db.insertInto('standardAssessment').values({ templateId: template.id, orgId: branch.id, orgPath: oldPath }).returning('id').executeTakeFirstOrThrow();
    const meeting = await t.db.insertInto('meeting').values({
      orgId: branch.id, orgPath: oldPath, kind: 'committeeMeeting', title: '随迁支委会', mode: 'offline',
      startsAt: new Date('2031-03-02T06:00:00Z'), endsAt: new Date('2031-03-02T07:00:00Z'), minutesDueOn: '2031-03-05',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('todo').values({ memberId: (await t.given.member({ orgId: branch.id })).id, orgPath: oldPath, kind: 'meeting.reply', title: '回复', sourceType: 'meeting', sourceId: meeting.id }).execute();

    expect((await city.post(`/api/orgs/${unit.id}/move`, { newParentId: tree.townB.id })).statusCode).toBe(200);
    const newPath = (await t.db.selectFrom('org').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow()).path;
    expect(newPath).not.toBe(oldPath);
    expect((await t.db.selectFrom('standardAssessment').select('orgPath').where('id', '=', assessment.id).executeTakeFirstOrThrow()).orgPath).toBe(newPath);
    expect((await t.db.selectFrom('meeting').select('orgPath').where('id', '=', meeting.id).executeTakeFirstOrThrow()).orgPath).toBe(newPath);
    expect((await t.db.selectFrom('todo').select('orgPath').where('sourceId', '=', meeting.id).executeTakeFirstOrThrow()).orgPath).toBe(newPath);
  });

  it('never makes a cycle when two people move two organisations under each other at once', async () => {
    for (let i = 0; i < 5; i++) {
      const a = await t.given.org({ parentId: tree.townA.id, kind: 'generalBranch' });
      const b = await t.given.org({ parentId: tree.townA.id, kind: 'generalBranch' });
      const [ab, ba] = await Promise.all([city.post(`/api/orgs/${a.id}/move`, { newParentId: b.id }), city.post(`/api/orgs/${b.id}/move`, { newParentId: a.id })]);
      expect([ab.statusCode, ba.statusCode].sort()).toEqual([200, 400]);
      const rows = await t.db.selectFrom('org').select(['id', 'parentId', 'path']).where('id', 'in', [a.id, b.id]).execute();
      const child = rows.find((r) => r.parentId === a.id || r.parentId === b.id)!;
      const parent = rows.find((r) => r.id !== child.id)!;
      expect(parent.parentId).toBe(tree.townA.id);
      expect(child.path).toBe(`${parent.path}.${child.id}`);
    }
  });

  it('refuses to move an organisation under its own subtree', async () => {
    const unit = await t.given.org({ parentId: tree.townA.id, kind: 'generalBranch' });
    const inner = await t.given.org({ parentId: unit.id, kind: 'generalBranch' });
    const res = await city.post(`/api/orgs/${unit.id}/move`, { newParentId: inner.id });
    expect(res.statusCode).toBe(400);
  });
});

describe('leadership and structure warnings', () => {
  it('computes the term due date from the kind and warns with the rule\'s citation', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const secretary = await t.given.member({ orgId: branch.id, confirmedOn: addMonths(todayInShanghai(), -6) });
    const start = addMonths(todayInShanghai(), -33);
    expect((await city.post(`/api/orgs/${branch.id}/leadership`, { termStart: start, posts: [{ memberId: secretary.id, post: 'secretary' }] })).statusCode).toBe(201);
    const detail = (await city.get(`/api/orgs/${branch.id}`)).json();
    expect(detail.leadership.termDue).toBe(addMonths(start, 36));
    const codes = detail.warnings.map((w: { code: string }) => w.code);
    // one full member: below the 3 needed; term ends within 6 months; secretary confirmed < 1 year
    expect(codes).toEqual(expect.arrayContaining(['tooFewFullMembers', 'termDueSoon', 'secretaryStandingShort']));
    expect(detail.warnings.every((w: { citation: string }) => w.citation.length > 4)).toBe(true);
    const list = (await city.get(`/api/orgs/warnings?rootId=${tree.townA.id}`)).json();
    expect(list.items.find((i: { orgId: number }) => i.orgId === branch.id).warnings.length).toBe(detail.warnings.length);
  });

  it('asks for a committee once a branch has 7 full members', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    for (let i = 0; i < 7; i++) await t.given.member({ orgId: branch.id });
    const codes = (await city.get(`/api/orgs/${branch.id}`)).json().warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('committeeRequired');
    expect(codes).not.toContain('tooFewFullMembers');
  });

  it('only accepts members of the organisation as post holders, and one secretary', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const outsider = await t.given.member({ orgId: tree.branchB.id });
    const a = await t.given.member({ orgId: branch.id });
    const b = await t.given.member({ orgId: branch.id });
    const bad = await city.post(`/api/orgs/${branch.id}/leadership`, { termStart: '2025-01-01', posts: [{ memberId: outsider.id, post: 'secretary' }] });
    expect(bad.statusCode).toBe(400);
    const two = await city.post(`/api/orgs/${branch.id}/leadership`, { termStart: '2025-01-01', posts: [{ memberId: a.id, post: 'secretary' }, { memberId: b.id, post: 'secretary' }] });
    expect(two.statusCode).toBe(400);
  });
});
