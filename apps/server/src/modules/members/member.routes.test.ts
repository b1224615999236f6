import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableNode } from 'kysely';
import { makeIdNumber } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { accessFor } from './member-import.fixtures';
import { MemberListQuery } from './member.schemas';
import { createMemberService } from './member.service';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let secretaryA: ReturnType<typeof as>;
let townB: ReturnType<typeof as>;

const valid = (n: number, birth = '1994-08-20') => makeIdNumber('330483', birth, n, n % 2 ? 'male' : 'female');
const newMember = (orgId: number, overrides: Record<string, unknown> = {}) => ({
  orgId, name: '周文', idNumber: valid(11), category: 'full', joinedOn: '2019-06-20', confirmedOn: '2020-06-20', phone: '13912345678', ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  secretaryA = as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }])).username));
  townB = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
});
afterAll(() => t.close());

describe('adding members', () => {
  it('derives birth date and gender from the ID number and masks it and the phone in every response', async () => {
    const idNumber = valid(21, '1993-02-11');
    const res = await secretaryA.post('/api/members', newMember(tree.branchA.id, { name: '欧阳晓', idNumber }));
    expect(res.statusCode).toBe(201);
    const detail = await secretaryA.get(`/api/members/${res.json().id}`);
    expect(detail.json()).toMatchObject({ name: '欧阳晓', birthDate: '1993-02-11', gender: 'male', idNumberMasked: `330483********${idNumber.slice(-4)}`, phoneMasked: '139****5678' });
    expect(detail.body).not.toContain(idNumber);
    expect(detail.body).not.toContain('13912345678');
    const list = await secretaryA.get('/api/members?q=欧阳晓');
    expect(list.body).not.toContain(idNumber);
    const stored = await t.db.selectFrom('member').select(['idNumberCipher']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored.idNumberCipher.toString('latin1')).not.toContain(idNumber);
  });

  it('explains a bad checksum on the ID number field and writes nothing', async () => {
    const good = valid(31);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await secretaryA.post('/api/members', newMember(tree.branchA.id, { name: '错号', idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([expect.objectContaining({ path: 'idNumber', message: expect.stringMatching(/校验/) })]);
    expect(await t.db.selectFrom('member').select('id').where('name', '=', '错号').executeTakeFirst()).toBeUndefined();
  });

  it('rejects markup in a name', async () => {
    const res = await secretaryA.post('/api/members', newMember(tree.branchA.id, { name: '<script>alert(1)</script>', idNumber: valid(41) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('name');
  });

  it('keeps one living record per ID number, even when two people submit at once', async () => {
    const idNumber = valid(51);
    const [a, b] = await Promise.all([
      secretaryA.post('/api/members', newMember(tree.branchA.id, { name: '同时甲', idNumber })),
      city.post('/api/members', newMember(tree.branchB.id, { name: '同时乙', idNumber })),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const again = await city.post('/api/members', newMember(tree.branchB.id, { name: '第三次', idNumber }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MEMBER_DUPLICATE');
  });

  it('requires a confirmation date for a full member and none for a probationary one', async () => {
    const full = await secretaryA.post('/api/members', newMember(tree.branchA.id, { idNumber: valid(61), confirmedOn: null }));
    expect(full.json().details.issues.map((i: { path: string }) => i.path)).toContain('confirmedOn');
    const prob = await secretaryA.post('/api/members', newMember(tree.branchA.id, { idNumber: valid(63), category: 'probationary', confirmedOn: '2021-01-01' }));
    expect(prob.statusCode).toBe(400);
  });

  it('does not let a secretary add a member to another branch', async () => {
    const res = await secretaryA.post('/api/members', newMember(tree.branchB.id, { idNumber: valid(71) }));
    expect(res.statusCode).toBe(404);
  });
});

describe('searching the roster', () => {
  it('finds two-character names, filters by category and subtree, and pages', async () => {
    const org = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    await t.given.member({ orgId: org.id, name: '王芳' });
    await t.given.member({ orgId: org.id, name: '王芳菲' });
    await t.given.member({ orgId: org.id, name: '李王芳' });
    for (let i = 0; i < 25; i++) await t.given.member({ orgId: org.id, category: i % 5 === 0 ? 'probationary' : 'full', name: `赵${'一二三四五六七八九十'[i % 10]}${'甲乙丙'[i % 3]}` });
    const two = (await city.get(`/api/members?orgId=${org.id}&q=王芳`)).json();
    expect(two.items.map((m: { name: string }) => m.name).sort()).toEqual(['王芳', '王芳菲']);
    const three = (await city.get(`/api/members?orgId=${org.id}&q=王芳菲`)).json();
    expect(three.items.map((m: { name: string }) => m.name)).toEqual(['王芳菲']);
    const prob = (await city.get(`/api/members?orgId=${org.id}&category=probationary`)).json();
    expect(prob.total).toBe(5);
    const page2 = (await city.get(`/api/members?orgId=${org.id}&pageSize=10&page=2&sort=name`)).json();
    expect(page2).toMatchObject({ total: 28, page: 2, pageSize: 10 });
    expect(page2.items).toHaveLength(10);
  });

  it('keeps the totals right when a member changes category, status or organisation', async () => {
    const org = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const other = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const a = await t.given.member({ orgId: org.id, category: 'probationary', confirmedOn: null });
    await t.given.member({ orgId: org.id });
    const total = async (q: string) => (await city.get(`/api/members?orgId=${org.id}${q}`)).json().total;
    expect([await total(''), await total('&category=full'), await total('&category=probationary')]).toEqual([2, 1, 1]);
    expect((await city.patch(`/api/members/${a.id}`, { version: 1, category: 'full', confirmedOn: '2026-03-01' })).statusCode).toBe(200);
    expect([await total('&category=full'), await total('&category=probationary')]).toEqual([2, 0]);
    await city.patch(`/api/members/${a.id}`, { version: 2, orgId: other.id });
    expect(await total('')).toBe(1);
    expect((await city.get(`/api/members?orgId=${other.id}`)).json().total).toBe(1);
  });

  it('filters by age, party standing and key position', async () => {
    const org = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    await t.given.member({ orgId: org.id, name: '年轻人', birthDate: '2001-01-01', confirmedOn: '2024-01-01', keyPositions: ['rnd'] });
    await t.given.member({ orgId: org.id, name: '老党员', birthDate: '1970-01-01', confirmedOn: '1995-01-01', keyPositions: ['investor'] });
    const young = (await city.get(`/api/members?orgId=${org.id}&ageMax=30`)).json();
    expect(young.items.map((m: { name: string }) => m.name)).toEqual(['年轻人']);
    const senior = (await city.get(`/api/members?orgId=${org.id}&standingMin=20`)).json();
    expect(senior.items.map((m: { name: string }) => m.name)).toEqual(['老党员']);
    const investors = (await city.get(`/api/members?orgId=${org.id}&keyPosition=investor&keyPosition=manager`)).json();
    expect(investors.items.map((m: { name: string }) => m.name)).toEqual(['老党员']);
  });

  it('never lists members outside the caller\'s subtree', async () => {
    const m = await t.given.member({ orgId: tree.branchA.id, name: '甲镇人' });
    const list = (await townB.get(`/api/members?q=甲镇人`)).json();
    expect(list.items).toEqual([]);
    expect((await townB.get(`/api/members?orgId=${tree.townA.id}`)).statusCode).toBe(404);
    expect((await townB.get(`/api/members/${m.id}`)).statusCode).toBe(404);
  });
});

describe('revealing personal data', () => {
  it('shows the full ID number only with the permission, records each reveal, and the member sees who looked', async () => {
    const m = await t.given.member({ orgId: tree.branchA.id, phone: '13700001111' });
    const memberUser = await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: m.id });
    const revealed = await secretaryA.post(`/api/members/${m.id}/reveal`, { field: 'idNumber' });
    expect(revealed.json()).toEqual({ field: 'idNumber', value: m.idNumber });
    const town = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
    expect((await town.post(`/api/members/${m.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
    await town.get(`/api/members/${m.id}`);
    const self = as(t.app, await login(t.app, memberUser.username));
    const profile = (await self.get('/api/me/profile')).json();
    expect(profile).toMatchObject({ idNumber: m.idNumber, phone: '13700001111' });
    const log = (await self.get('/api/me/access-log')).json();
    const actions = log.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['member.reveal', 'member.view']));
    // Reading one's own record is not an access by someone else.
    expect(log.items.every((i: { actorName: string }) => !i.actorName.includes(memberUser.username))).toBe(true);
  });
});

describe('editing members', () => {
  it('records before and after in the audit trail and refuses a stale version', async () => {
    const m = await t.given.member({ orgId: tree.branchA.id });
    expect((await secretaryA.patch(`/api/members/${m.id}`, { version: 1, job: '产品经理', keyPositions: ['manager'] })).statusCode).toBe(200);
    expect((await secretaryA.patch(`/api/members/${m.id}`, { version: 1, job: '运营' })).json().code).toBe('STALE_VERSION');
    const audit = (await city.get(`/api/audit?action=member.update&targetId=${m.id}`)).json().items[0];
    expect(audit.before).toMatchObject({ job: null, keyPositions: [] });
    expect(audit.after).toMatchObject({ job: '产品经理', keyPositions: ['manager'] });
  });
});

describe('many roster pages at once', () => {
  it('reads the organisation\'s path once for pages that all need it, over several turns of the event loop', async () => {
    let pathReads = 0;
    const counted = t.db.withPlugin({
      transformQuery(args) {
        const node = args.node;
        if (node.kind === 'SelectQueryNode' && node.from?.froms.some((f) => TableNode.is(f) && f.table.identifier.name === 'org')) pathReads++;
        return node;
      },
      transformResult: async (args) => args.result,
    });
    const service = createMemberService({ db: counted, cipher: t.ctx.cipher });
    const access = await accessFor(t.ctx, t.given, 'townCoordinator', tree.townA.id);
    const query = MemberListQuery.parse({ orgId: String(tree.branchA.id) });
    const pages: Promise<{ total: number }>[] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) pages.push(service.list(access, query));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const totals = (await Promise.all(pages)).map((p) => p.total);
    expect(new Set(totals).size).toBe(1);
    expect(pathReads).toBe(1);
  });
});

describe('organisation names on roster pages', () => {
  it('reads the names of a page\'s organisations together, one query for the page', async () => {
    const a = await t.given.member({ orgId: tree.branchA.id, name: '名册甲' });
    const b = await t.given.member({ orgId: tree.branchB.id, name: '名册乙' });
    const statements: string[] = [];
    const counted = t.db.withPlugin({
      transformQuery(args) {
        const node = args.node;
        if (node.kind === 'SelectQueryNode' && node.from?.froms.some((f) => TableNode.is(f) && f.table.identifier.name === 'org')) statements.push('org');
        return node;
      },
      transformResult: async (args) => args.result,
    });
    const service = createMemberService({ db: counted, cipher: t.ctx.cipher });
    const access = await accessFor(t.ctx, t.given, 'cityAdmin', tree.city.id);
    const page = await service.list(access, MemberListQuery.parse({ q: '名册' }));
    const names = Object.fromEntries(page.items.map((i) => [i.id, i.orgName]));
    expect(names).toEqual({ [a.id]: '甲镇某公司党支部', [b.id]: '乙镇某公司党支部' });
    expect(statements).toEqual(['org']);
    await service.list(access, MemberListQuery.parse({ q: '名册' }));
    expect(statements).toEqual(['org']); // kept
  });
});
