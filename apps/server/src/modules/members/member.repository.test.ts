import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
