import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// The administration's view of the ledger: filters, evidence, approval one level up, reversal.
type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Client, townA: Client, townB: Client, secretary: Client;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));

const userAs = async (grants: Parameters<TestApp['given']['user']>[0]) => as(t.app, await login(t.app, (await t.given.user(grants)).username));
const award = (client: Client, body: Record<string, unknown>) => client.post('/api/points/entries', { reason: '带领团队完成核心模块国产化替代', ...body });
const list = async (client: Client, query: Record<string, string | number>) => {
  const res = await client.get(`/api/points/entries?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: number; memberId: number; ruleCode: string; status: string; occurredOn: string; points: number }[]; total: number };
};

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = await userAs([{ role: 'cityAdmin', orgId: tree.city.id }]);
  townA = await userAs([{ role: 'townCoordinator', orgId: tree.townA.id }]);
  townB = await userAs([{ role: 'townCoordinator', orgId: tree.townB.id }]);
  secretary = await userAs([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
  const id = (await city.post('/api/points/rulebooks', { year, orgId: tree.city.id })).json().id;
  expect((await city.post(`/api/points/rulebooks/${id}/publish`, { revision: 1 })).statusCode).toBe(200);
});
afterAll(() => t?.close());

describe('the ledger in the administration', () => {
  it('filters entries by member, rule, status and period, paginated', async () => {
    const m1 = (await t.given.member({ orgId: tree.branchA.id })).id;
    const m2 = (await t.given.member({ orgId: tree.branchA.id })).id;
    // Early January keeps "yesterday" inside this year whatever day the test runs on.
    const earlier = today.slice(5) === '01-01' ? today : addDays(today, -1);
    expect((await award(secretary, { memberId: m1, ruleCode: 'pioneer.suggestion', evidence: '建议被采纳', occurredOn: earlier })).statusCode).toBe(201);
    expect((await award(secretary, { memberId: m1, ruleCode: 'pioneer.lecture', evidence: '为支部讲党课' })).statusCode).toBe(201);
    expect((await award(secretary, { memberId: m2, ruleCode: 'pioneer.challenge', evidence: '攻关成果通过验收' })).statusCode).toBe(201);

    const byMember = await list(townA, { orgId: tree.branchA.id, memberId: m1 });
    expect(byMember.total).toBe(2);
    expect((await list(townA, { orgId: tree.branchA.id, memberId: m1, ruleCode: 'pioneer.lecture' })).items.map((e) => e.ruleCode)).toEqual(['pioneer.lecture']);
    expect((await list(townA, { orgId: tree.branchA.id, memberId: m2, status: 'pending' })).total).toBe(1);
    const onDay = await list(townA, { orgId: tree.branchA.id, memberId: m1, from: earlier, to: earlier });
    expect(onDay.items.every((e) => e.occurredOn === earlier)).toBe(true);
    const paged = await list(townA, { orgId: tree.branchA.id, memberId: m1, pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2 });
    expect(paged.items).toHaveLength(1);

    const reversed = await townA.get(`/api/points/entries?orgId=${tree.branchA.id}&from=${today}&to=${addDays(today, -3)}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details.issues[0].path).toBe('to');
    expect((await townB.get(`/api/points/entries?orgId=${tree.branchA.id}`)).statusCode).toBe(404);
  });

  it('refuses an award without evidence where the rule needs it, naming the field and writing nothing', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const res = await award(secretary, { memberId: m, ruleCode: 'pioneer.suggestion', evidence: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('evidence');
    expect(res.json().message).toContain('建言献策被采纳');
    expect((await list(townA, { orgId: tree.branchA.id, memberId: m })).total).toBe(0);
  });

  it('has a pending award approved one level up only, once, then reversed with a reason', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const id = (await award(secretary, { memberId: m, ruleCode: 'pioneer.challenge', evidence: '攻关成果通过验收' })).json().id;
    // A town coordinator of the other town cannot see it; the branch secretary holds no approval right.
    expect((await townB.post(`/api/points/entries/${id}/decide`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await secretary.post(`/api/points/entries/${id}/decide`, { decision: 'approve' })).statusCode).toBe(403);
    const [x, y] = await Promise.all([
      townA.post(`/api/points/entries/${id}/decide`, { decision: 'approve' }),
      city.post(`/api/points/entries/${id}/decide`, { decision: 'approve' }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    expect((await list(townA, { orgId: tree.branchA.id, memberId: m, status: 'active' })).total).toBe(1);

    const noReason = await townA.post(`/api/points/entries/${id}/reverse`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('body.reason');
    const rev = await townA.post(`/api/points/entries/${id}/reverse`, { reason: '成果认定有误，经复核冲销' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect((await townA.post(`/api/points/entries/${id}/reverse`, { reason: '再次冲销' })).json().code).toBe('ENTRY_REVERSED');
    const all = await list(townA, { orgId: tree.branchA.id, memberId: m });
    expect(all.items.map((e) => [e.status, e.points]).sort()).toEqual([['active', -5], ['reversed', 5]]);
  });

  it('sends the approver a to-do that opens the pending tab of the points page', async () => {
    const m = (await t.given.member({ orgId: tree.branchA.id })).id;
    const id = (await award(secretary, { memberId: m, ruleCode: 'pioneer.challenge', evidence: '攻关成果通过验收' })).json().id;
    const todo = await t.db.selectFrom('todo').select(['link']).where('sourceType', '=', 'pointsEntry').where('sourceId', '=', id).executeTakeFirstOrThrow();
    expect(todo.link).toBe('/points?tab=pending');
  });
});
