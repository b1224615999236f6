import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POINTS_RULES, todayInShanghai, type OutcomeKind } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { recordOutcomes } from './outcomes';
import { awardForOutcomes } from './points-award';

// Automatic awards from outcomes: caps at Asia/Shanghai day / month / year boundaries,
// once-only, idempotence, rule versions across a year change, and concurrent outcomes.

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let source = 1000;

const rule = (code: string, kind: OutcomeKind, points: number, extra: Record<string, unknown> = {}) => ({
  code, category: 'learning', item: `测试${code}`, points, earnMode: 'auto', outcomeKind: kind, ...extra,
});

/** Creates, fills and publishes a rulebook version of a year through the API; returns its id. */
async function publish(year: number, rules: ReturnType<typeof rule>[]) {
  const created = await city.post('/api/points/rulebooks', { year, orgId: tree.city.id });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as number;
  const revision = (await city.get(`/api/points/rulebooks/${id}`)).json().revision;
  const put = await city.put(`/api/points/rulebooks/${id}`, { title: `${year}测试规则`, rules, revision });
  expect(put.statusCode, put.body).toBe(200);
  expect((await city.post(`/api/points/rulebooks/${id}/publish`, { revision: revision + 1 })).statusCode).toBe(200);
  return id;
}

async function outcome(memberId: number, kind: OutcomeKind, occurredOn: string, sourceId = ++source) {
  const path = (await t.db.selectFrom('member').select('orgPath').where('id', '=', memberId).executeTakeFirstOrThrow()).orgPath;
  await recordOutcomes(t.db, [{ kind, memberId, orgPath: path, sourceType: 'test', sourceId, title: `测试记录${sourceId}`, occurredOn }]);
  return sourceId;
}

async function ledger(memberId: number) {
  return t.db.selectFrom('pointsEntry as e').innerJoin('pointsRule as r', 'r.id', 'e.ruleId').innerJoin('pointsRulebook as b', 'b.id', 'r.rulebookId')
    .select(['e.ruleCode', 'e.points', 'e.occurredOn', 'e.year', 'b.version', 'b.year as bookYear'])
    .where('e.memberId', '=', memberId).orderBy('e.id').execute();
}
const total = async (memberId: number) => (await ledger(memberId)).reduce((s, e) => s + Number(e.points), 0);
const member = async () => (await t.given.member({ orgId: tree.branchA.id })).id;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const u = await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }]);
  city = as(t.app, await login(t.app, u.username));
  // 2031: custom caps; 2032: a different value for the same code (the year change).
  await publish(2031, [
    rule('t.meeting', 'meetingAttended', 1, { capMonth: 2 }),
    rule('t.quiz', 'quizPassed', 1, { capDay: 1 }),
    rule('t.course', 'courseCompleted', 2, { capYear: 3 }),
    rule('t.volunteer', 'volunteerAccepted', 4, { onceOnly: true }),
  ]);
  await publish(2032, [rule('t.meeting', 'meetingAttended', 2)]);
});
afterAll(() => t?.close());

describe('automatic awards from outcomes', () => {
  it('caps a day by the Asia/Shanghai date: a quiz at 00:30 in Shanghai is the next day', async () => {
    const m = await member();
    // 2031-03-01T16:30Z is 2031-03-02 00:30 in Shanghai.
    const nextDay = todayInShanghai(new Date('2031-03-01T16:30:00Z'));
    expect(nextDay).toBe('2031-03-02');
    await outcome(m, 'quizPassed', '2031-03-01');
    await outcome(m, 'quizPassed', '2031-03-01');
    await outcome(m, 'quizPassed', nextDay);
    expect((await ledger(m)).map((e) => [e.occurredOn, Number(e.points)])).toEqual([['2031-03-01', 1], ['2031-03-02', 1]]);
  });

  it('caps a month at its last day and starts again on the 1st', async () => {
    const m = await member();
    for (const d of ['2031-01-30', '2031-01-31', '2031-01-31', '2031-02-01']) await outcome(m, 'meetingAttended', d);
    expect((await ledger(m)).map((e) => e.occurredOn)).toEqual(['2031-01-30', '2031-01-31', '2031-02-01']);
  });

  it('gives partial points up to a year cap, then nothing', async () => {
    const m = await member();
    for (const d of ['2031-04-01', '2031-05-01', '2031-06-01']) await outcome(m, 'courseCompleted', d);
    expect((await ledger(m)).map((e) => Number(e.points))).toEqual([2, 1]);
  });

  it('awards a once-only rule once a year', async () => {
    const m = await member();
    await outcome(m, 'volunteerAccepted', '2031-05-01');
    await outcome(m, 'volunteerAccepted', '2031-06-01');
    expect(await total(m)).toBe(4);
  });

  it('awards the same outcome once, however often it is reported', async () => {
    const m = await member();
    const src = await outcome(m, 'courseCompleted', '2031-07-01');
    await outcome(m, 'courseCompleted', '2031-07-01', src);
    const o = await t.db.selectFrom('outcome').selectAll().where('memberId', '=', m).executeTakeFirstOrThrow();
    await awardForOutcomes(t.db, [{ ...o, orgPath: o.orgPath }]);
    expect((await ledger(m)).length).toBe(1);
  });

  it('applies each year\'s rulebook across the year change (12-31 vs 01-01)', async () => {
    const m = await member();
    await outcome(m, 'meetingAttended', '2031-12-31');
    await outcome(m, 'meetingAttended', '2032-01-01');
    expect((await ledger(m)).map((e) => [e.year, e.bookYear, Number(e.points)])).toEqual([[2031, 2031, 1], [2032, 2032, 2]]);
  });

  it('applies a later version from its publication on; earlier entries keep their version', async () => {
    const m = await member();
    await outcome(m, 'meetingAttended', '2032-03-01');
    const v2 = await publish(2032, [rule('t.meeting', 'meetingAttended', 3)]);
    // Published "on" 2032-06-01 (Shanghai): outcomes before then still use version 1.
    await t.db.updateTable('pointsRulebook').set({ publishedAt: new Date('2032-05-31T16:00:00Z') }).where('id', '=', v2).execute();
    await outcome(m, 'meetingAttended', '2032-05-31');
    await outcome(m, 'meetingAttended', '2032-06-01');
    expect((await ledger(m)).map((e) => [e.occurredOn, e.version, Number(e.points)])).toEqual([['2032-03-01', 1, 2], ['2032-05-31', 1, 2], ['2032-06-01', 2, 3]]);
  });

  it('lets only one of two concurrent outcomes pass a daily cap', async () => {
    for (let round = 0; round < 5; round++) {
      const m = await member();
      const path = (await t.db.selectFrom('member').select('orgPath').where('id', '=', m).executeTakeFirstOrThrow()).orgPath;
      const report = (sourceId: number) => t.db.transaction().execute(async (tx) => {
        await recordOutcomes(tx, [{ kind: 'quizPassed', memberId: m, orgPath: path, sourceType: 'test', sourceId, title: '并发答题', occurredOn: '2031-08-08' }]);
      });
      await Promise.all([report(++source), report(++source)]);
      expect(await total(m)).toBe(1);
    }
  });

  it('awards nothing where the year has no published rulebook', async () => {
    const m = await member();
    await outcome(m, 'meetingAttended', '2033-01-05');
    expect(await ledger(m)).toEqual([]);
  });

  it('awards what was recorded before the year\'s first rulebook was published', async () => {
    const m = await member();
    await outcome(m, 'courseCompleted', '2035-01-03');
    expect(await ledger(m)).toEqual([]);
    await publish(2035, [rule('t.course', 'courseCompleted', 2)]);
    expect((await ledger(m)).map((e) => [e.occurredOn, Number(e.points)])).toEqual([['2035-01-03', 2]]);
  });

  it('keeps the default rulebook\'s meeting cap of 12 a year', async () => {
    const year = 2034;
    await publish(year, DEFAULT_POINTS_RULES.map((r) => ({ ...r, description: r.description })) as never);
    const m = await member();
    for (let i = 1; i <= 13; i++) await outcome(m, 'meetingAttended', `${year}-${String(Math.ceil(i / 2)).padStart(2, '0')}-${String(10 + (i % 2)).padStart(2, '0')}`);
    expect(await total(m)).toBe(12);
  });
});
