import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { seedDemo } from '../../seed/demo';
import { DEMO_PASSWORD } from '../../seed/write';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// The points demo as the demo accounts meet it right after seeding.
const today = todayInShanghai();
const year = Number(today.slice(0, 4));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.ctx.cipher, { today });
}, 180000);
afterAll(() => t.close());

describe('points demo', () => {
  it('gives the member login this year\'s rulebook, awards with their evidence and an open appeal', async () => {
    const member = as(t.app, await login(t.app, 'member', DEMO_PASSWORD));
    const book = (await member.get('/api/me/rulebook')).json();
    expect(book.rulebook).toMatchObject({ year, version: 1 });
    expect(book.rulebook.rules.map((r: { code: string }) => r.code)).toContain('orgLife.meeting');
    const mine = (await member.get('/api/me/points')).json();
    expect(mine.index.value).toBeGreaterThanOrEqual(65);
    const statuses = mine.entries.filter((e: { sourceType: string }) => e.sourceType === 'award').map((e: { ruleCode: string; status: string }) => `${e.ruleCode}:${e.status}`);
    expect(statuses).toEqual(expect.arrayContaining(['pioneer.suggestion:active', 'pioneer.lecture:active', 'pioneer.challenge:pending']));
    expect(mine.appeals).toMatchObject([{ status: 'open', entryItem: '讲党课或微宣讲' }]);
  });

  it('lets the town approve the pending award and decide the appeal', async () => {
    const town = as(t.app, await login(t.app, 'wuzhen', DEMO_PASSWORD));
    const branch = await t.db.selectFrom('org').select('id').where('code', '=', 'TX-WZ-002').executeTakeFirstOrThrow();
    const pending = (await town.get(`/api/points/entries?orgId=${branch.id}&status=pending`)).json().items;
    expect(pending).toHaveLength(1);
    expect((await town.post(`/api/points/entries/${pending[0].id}/decide`, { decision: 'approve', note: '攻关成果有项目验收意见' })).statusCode).toBe(200);
    const appeals = (await town.get(`/api/points/appeals?orgId=${branch.id}&status=open`)).json().items;
    expect(appeals).toHaveLength(1);
    const org = (await town.get(`/api/points/orgs/${branch.id}`)).json();
    expect(org.org.members).toBeGreaterThan(10);
  });
});
