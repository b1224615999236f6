import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { createMemberRepository, type MemberSearch } from './member.repository';

// The roster page has two statements for a subtree-only search: the path index then a sort
// (small subtrees) and the name order with a per-row path test (large ones, chosen from the
// last total seen). They must return the same rows; here "large" starts at three members.
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const names = ['王五', '李四', '张三', '赵六', '钱七', '孙八'];
  for (const [i, name] of names.entries()) {
    await t.given.member({ orgId: tree.branchA.id, name, category: i % 3 === 2 ? 'probationary' : 'full' });
  }
  await t.given.member({ orgId: tree.branchB.id, name: '周九' });
  await t.given.member({ orgId: tree.branchB.id, name: '吴十', category: 'probationary' });
});
afterAll(() => t.close());

describe('member repository: roster pages of a large subtree', () => {
  it('walks the name order once a subtree is known to be large, with the same rows and totals', async () => {
    const narrow = createMemberRepository(t.ctx.db, { wideSubtree: Number.POSITIVE_INFINITY });
    const wide = createMemberRepository(t.ctx.db, { wideSubtree: 3 });
    const searches: MemberSearch[] = [
      { scope: [tree.townA.path], subtreePath: tree.townA.path, categories: ['full'], sort: 'name', order: 'asc' },
      { scope: [tree.townA.path], subtreePath: tree.townA.path, categories: ['full'], sort: 'name', order: 'desc' },
      { scope: [tree.city.path], subtreePath: tree.city.path, statuses: ['normal'], sort: 'name', order: 'asc' },
      { scope: [tree.city.path], subtreePath: tree.city.path, categories: ['probationary'], sort: 'name', order: 'asc' },
    ];
    for (const s of searches) {
      for (const [page, size] of [[1, 20], [1, 2], [2, 2], [3, 2]] as const) {
        const expected = await narrow.list(s, page, size);
        await wide.list(s, page, size); // learns the total
        const got = await wide.list(s, page, size);
        expect(got.total).toBe(expected.total);
        expect(got.items.map((m) => m.name)).toEqual(expected.items.map((m) => m.name));
      }
    }
    const all = await wide.list(searches[2], 1, 20);
    expect(all.total).toBe(8);
    expect(all.items.map((m) => m.name)).toEqual([...all.items.map((m) => m.name)].sort());
  });
});

describe('member tally (the totals of a subtree)', () => {
  /** Every organisation's tally row next to what the member table says. */
  async function compare() {
    const { rows } = await sql<{ orgId: number; kept: string; counted: string }>`
      select o.id as "orgId",
             coalesce((select row(t.full_normal, t.full_suspended, t.full_transferred_out, t.full_expelled, t.full_history,
                                  t.probationary_normal, t.probationary_suspended, t.probationary_transferred_out, t.probationary_expelled, t.probationary_history)::text
                       from org_member_tally t where t.org_id = o.id), '(0,0,0,0,0,0,0,0,0,0)') as kept,
             (select row(count(*) filter (where category = 'full' and status = 'normal'), count(*) filter (where category = 'full' and status = 'suspended'),
                         count(*) filter (where category = 'full' and status = 'transferredOut'), count(*) filter (where category = 'full' and status = 'expelled'),
                         count(*) filter (where category = 'full' and status = 'history'), count(*) filter (where category = 'probationary' and status = 'normal'),
                         count(*) filter (where category = 'probationary' and status = 'suspended'), count(*) filter (where category = 'probationary' and status = 'transferredOut'),
                         count(*) filter (where category = 'probationary' and status = 'expelled'), count(*) filter (where category = 'probationary' and status = 'history'))::text
              from member m where m.org_id = o.id) as counted
      from org o`.execute(t.db);
    for (const r of rows) expect(r.kept, `organisation ${r.orgId}`).toBe(r.counted);
    const paths = await sql<{ n: number }>`select count(*)::int as n from org_member_tally t join org o on o.id = t.org_id where t.org_path <> o.path`.execute(t.db);
    expect(paths.rows[0].n).toBe(0);
  }

  it('follows inserts, category and status changes, transfers between organisations and deletions', async () => {
    await compare();
    const someone = await t.db.selectFrom('member').select(['id']).where('orgId', '=', tree.branchA.id).orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('member').set({ category: 'probationary' }).where('id', '=', someone.id).execute();
    await t.db.updateTable('member').set({ status: 'suspended' }).where('orgId', '=', tree.branchB.id).execute();
    await t.db.updateTable('member').set({ orgId: tree.branchB.id, orgPath: tree.branchB.path }).where('id', '=', someone.id).execute();
    await compare();
    const gone = await t.given.member({ orgId: tree.branchA.id, name: '临时' });
    await compare();
    await t.db.deleteFrom('member').where('id', '=', gone.id).execute();
    await compare();
    // A subtree moves: the tally's paths follow, including an organisation without members.
    const empty = await t.given.org({ parentId: tree.branchA.id, kind: 'branch', name: '甲镇无人支部' });
    const city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
    await t.db.insertInto('orgMemberTally').values({ orgId: empty.id, orgPath: empty.path, fullNormal: 0, fullSuspended: 0, fullTransferredOut: 0, fullExpelled: 0, fullHistory: 0, probationaryNormal: 0, probationarySuspended: 0, probationaryTransferredOut: 0, probationaryExpelled: 0, probationaryHistory: 0 }).execute();
    expect((await city.post(`/api/orgs/${tree.branchA.id}/move`, { newParentId: tree.townB.id })).statusCode).toBe(200);
    await compare();
    const page = await createMemberRepository(t.ctx.db).list({ scope: [tree.city.path], subtreePath: tree.city.path, statuses: ['suspended'], sort: 'name', order: 'asc' }, 1, 20);
    expect(page.total).toBe(page.items.length);
    expect(page.total).toBe(2);
  });
});
