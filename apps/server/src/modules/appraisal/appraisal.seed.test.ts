import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { seedDemo } from '../../seed/demo';
import { DEMO_PASSWORD } from '../../seed/write';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// The appraisal demo as the demo accounts meet it right after seeding.
const today = todayInShanghai();
const year = Number(today.slice(0, 4));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.ctx.cipher, { today });
}, 120000);
afterAll(() => t.close());

describe('appraisal demo', () => {
  it('shows the secretary this year\'s campaign in review, part-way done', async () => {
    const secretary = as(t.app, await login(t.app, 'secretary', DEMO_PASSWORD));
    const list = (await secretary.get(`/api/appraisals?year=${year}`)).json();
    expect(list.items).toHaveLength(1);
    const live = await t.db.selectFrom('member as m').innerJoin('org as o', 'o.id', 'm.orgId').select(sql<number>`count(*)::int`.as('n'))
      .where('o.code', '=', 'TX-WZ-002').where('m.status', '=', 'normal').executeTakeFirstOrThrow();
    expect(list.items[0]).toMatchObject({ orgName: '乌镇云栖网络科技有限公司党支部', stage: 'reviewing', participantCount: live.n, finishedCount: 6 });
    expect(live.n).toBeGreaterThan(10);
    const d = (await secretary.get(`/api/appraisals/${list.items[0].id}`)).json();
    expect(d.participants.filter((p: { selfSubmittedAt: string | null }) => p.selfSubmittedAt).length).toBe(10);
    expect(d.abilities).toMatchObject({ remind: true, closeReview: true });
  });

  it('gives the member login an unfinished campaign with its to-do, and lets them go on', async () => {
    const member = as(t.app, await login(t.app, 'member', DEMO_PASSWORD));
    const mine = (await member.get('/api/me/appraisals')).json().items;
    expect(mine).toMatchObject([{ year, stage: 'reviewing', selfSubmitted: false, reviewed: 2, finished: false }]);
    expect(mine[0].toReview).toBeGreaterThan(5);
    const todos = (await member.get('/api/me/todos')).json().items;
    expect(todos).toContainEqual(expect.objectContaining({ kind: 'appraisal.review', link: `/m/appraisals/${mine[0].id}` }));
    const save = await member.put(`/api/me/appraisals/${mine[0].id}/self`, { selfAnalysis: '对照合格党员标准，本人能够按时参加组织生活，但学习还不够深入，今后要加强。', selfGrade: 'qualified' });
    expect(save.statusCode).toBe(200);
  });

  it('has last year\'s closed campaign of another branch with every grade in the history', async () => {
    const city = as(t.app, await login(t.app, 'city', DEMO_PASSWORD));
    const closed = (await city.get(`/api/appraisals?year=${year - 1}&stage=closed`)).json().items;
    expect(closed).toHaveLength(1);
    const d = (await city.get(`/api/appraisals/${closed[0].id}`)).json();
    expect(d.publishedCounts.excellent).toBeLessThanOrEqual(d.excellentMax);
    expect(d.participants.every((p: { peerResult: unknown }) => p.peerResult !== null)).toBe(true);
    const history = await t.db.selectFrom('memberAppraisal').select(['orgName', 'grade']).where('campaignId', '=', closed[0].id).execute();
    expect(history).toHaveLength(d.participantCount);
    expect(new Set(history.map((h) => h.orgName))).toEqual(new Set([d.orgName]));
  });

  it('stores one authorless ballot per receipt', async () => {
    const { rows } = await sql<{ campaignId: number; reviewed: number; receipts: number; ballots: number }>`
      select r.campaign_id, r.reviewed_member_id as reviewed, count(*)::int as receipts,
             (select count(*)::int from appraisal_peer_ballot b where b.campaign_id = r.campaign_id and b.reviewed_member_id = r.reviewed_member_id) as ballots
      from appraisal_peer_receipt r group by 1, 2`.execute(t.db);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.ballots).toBe(r.receipts);
  });
});
