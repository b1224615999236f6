import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database';
import { createTestApp, type TestApp } from '../../test/app';
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

describe('member repository: a roster total held between requests', () => {
  const townFull = (): MemberSearch => ({ scope: [tree.townA.path], subtreePath: tree.townA.path, categories: ['full'], statuses: ['normal', 'suspended'], sort: 'name', order: 'asc' });
  const counted = async () => Number((await sql<{ n: number }>`select count(*) as n from member where org_path <@ ${tree.townA.path}::ltree and category = 'full' and status in ('normal', 'suspended')`.execute(t.db)).rows[0].n);
  // Skews the kept counts without touching a member: only a statement that sums them again sees it.
  const skewCounts = (by: number) => sql`update org_member_count set n = n + ${by} where org_id = ${tree.branchA.id} and category = 'full' and status = 'normal'`.execute(t.db);

  it('is reused until a change of members commits, from this process or another', async () => {
    const repo = createMemberRepository(t.db);
    const before = await counted();
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before);

    await skewCounts(100);
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before); // held: the sum was skipped
    expect((await repo.list(townFull(), 2, 2)).total).toBe(before); // later pages too

    // A name or phone change leaves every total as it was.
    await t.db.updateTable('member').set({ name: '王五一' }).where('name', '=', '王五').execute();
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before);

    // A rolled-back change raises no version.
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable('member').set({ category: 'probationary' }).where('orgId', '=', tree.branchA.id).execute();
      throw new Error('roll back');
    }).catch(() => undefined);
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before);

    // Another process (its own connection pool) makes a probationary member full: the next page sums again.
    const other = createDatabase(t.url, { max: 1 });
    try {
      await other.updateTable('member').set({ category: 'full' }).where('name', '=', '孙八').execute();
    } finally {
      await other.destroy();
    }
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before + 1 + 100); // summed again, skew included
    await skewCounts(-100);
    await t.given.member({ orgId: tree.branchB.id, name: '冯十二' });
    expect((await repo.list(townFull(), 1, 20)).total).toBe(await counted());
  });

  it('is neither used nor kept inside a transaction, whose own writes may still roll back', async () => {
    const repo = createMemberRepository(t.db);
    const before = (await repo.list(townFull(), 1, 20)).total;
    await t.db.transaction().execute(async (tx) => {
      await tx.updateTable('member').set({ category: 'probationary' }).where('orgId', '=', tree.branchA.id).execute();
      const inside = await createMemberRepository(tx).list(townFull(), 1, 20);
      expect(inside.total).toBeLessThan(before);
      throw new Error('roll back');
    }).catch((e: unknown) => expect(String(e)).toContain('roll back'));
    expect((await repo.list(townFull(), 1, 20)).total).toBe(before);
    expect(before).toBe(await counted());
  });

  it('counts every commit: a long transaction holds back no other member edit, and both land', async () => {
    const version = async () => Number((await t.db.selectFrom('memberVersion').select('v').executeTakeFirstOrThrow()).v);
    const start = await version();
    const long = createDatabase(t.url, { max: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    try {
      let inserted!: () => void;
      const wrote = new Promise<void>((r) => (inserted = r));
      const longTx = long.transaction().execute(async (tx) => {
        await tx.updateTable('member').set({ category: 'probationary' }).where('name', '=', '李四').execute();
        inserted();
        await held;
      });
      await wrote;
      // While the long transaction is open, an edit elsewhere commits without waiting for it.
      const quick = await Promise.race([
        t.db.updateTable('member').set({ category: 'probationary' }).where('name', '=', '周九').execute().then(() => 'committed'),
        new Promise((r) => setTimeout(() => r('blocked'), 2000)),
      ]);
      expect(quick).toBe('committed');
      expect(await version()).toBe(start + 1);
      release();
      await longTx;
      expect(await version()).toBe(start + 2);
    } finally {
      release();
      await long.destroy();
    }
    const repo = createMemberRepository(t.db);
    expect((await repo.list(townFull(), 1, 20)).total).toBe(await counted());
  });
});
