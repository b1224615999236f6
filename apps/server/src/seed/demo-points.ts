import { sql } from 'kysely';
import { addDays } from '@hongyun/shared';
import type { Tx } from '../db/database';
import { publishDefaultRulebook } from '../modules/points/rulebook.service';
import { refreshMemberIndex } from '../modules/points/points-index';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { DEMO_ACCOUNT_BRANCH } from './demo-data';

// Points in the demo: this year's default rulebook published by the city (so the learning and
// quiz seeds that follow earn points through it), a few awards in the demo accounts' branch —
// one waiting for the town's approval — and an open appeal of the `member` login. Organisation
// indices are left to their first read, after the later areas have added their outcomes.

interface Award {
  member: 'member' | 'other';
  code: string;
  daysAgo: number;
  reason: string;
  evidence: string;
  pending?: boolean;
}

const AWARDS: Award[] = [
  { member: 'member', code: 'pioneer.suggestion', daysAgo: 60, reason: '提出机房空调分时运行建议', evidence: '建议被公司行政部采纳，每月节约电费约 3000 元' },
  { member: 'member', code: 'pioneer.lecture', daysAgo: 35, reason: '在主题党日作微宣讲', evidence: '以“数据安全与网络强国”为题作 15 分钟微宣讲，支部 18 人参加' },
  { member: 'member', code: 'pioneer.challenge', daysAgo: 12, reason: '牵头完成推荐系统性能攻关', evidence: '高峰期接口响应时间由 800 毫秒降至 120 毫秒，项目组出具验收意见', pending: true },
  { member: 'other', code: 'pioneer.suggestion', daysAgo: 80, reason: '提出新员工导师制建议', evidence: '建议被人力资源部采纳并写入新员工培养办法' },
  { member: 'other', code: 'other.absence', daysAgo: 40, reason: '无故缺席10月主题党日', evidence: '会前两次电话提醒，未请假也未说明原因' },
];

/** Demo records of this area, written inside the demo seed's transaction. */
export async function seedPointsDemo(tx: Tx, context: AreaSeedContext): Promise<AreaSeedResult> {
  const year = Number(context.today.slice(0, 4));
  const root = await tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('parentId', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  await publishDefaultRulebook(tx, root.id, root.path, year);

  const branch = await tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('code', '=', DEMO_ACCOUNT_BRANCH).executeTakeFirstOrThrow();
  const login = (username: string) => tx.selectFrom('appUser').select(['id', 'memberId']).where('username', '=', username).executeTakeFirstOrThrow();
  const [me, secretary] = await Promise.all([login('member'), login('secretary')]);
  const other = await tx.selectFrom('member').select('id').where('orgId', '=', branch.id).where('status', '=', 'normal')
    .where('id', 'not in', [me.memberId!, secretary.memberId!]).orderBy('id').limit(1).executeTakeFirstOrThrow();
  const rules = await tx.selectFrom('pointsRule as r').innerJoin('pointsRulebook as b', 'b.id', 'r.rulebookId').select(['r.id', 'r.code', 'r.points'])
    .where('b.orgId', '=', root.id).where('b.year', '=', year).where('b.publishedAt', 'is not', null).execute();

  const ids: number[] = [];
  for (const a of AWARDS) {
    const rule = rules.find((r) => r.code === a.code)!;
    // Awards stay inside the current year, even early in January.
    const day = addDays(context.today, -a.daysAgo);
    const occurredOn = day.slice(0, 4) === String(year) ? day : `${year}-01-01`;
    const row = await tx.insertInto('pointsEntry').values({
      memberId: a.member === 'member' ? me.memberId! : other.id, orgPath: branch.path, ruleId: rule.id, ruleCode: rule.code, year, points: rule.points, occurredOn,
      sourceType: 'award', sourceId: sql<number>`nextval(pg_get_serial_sequence('points_entry', 'id'))`, reason: a.reason, evidence: a.evidence,
      status: a.pending ? 'pending' : 'active', awardedBy: secretary.id,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  // The member questions the micro-lecture entry: they gave two talks, one was counted.
  await tx.insertInto('pointsAppeal').values({
    entryId: ids[1], memberId: me.memberId!, orgPath: branch.path, year, reason: '10月和11月各作了一次微宣讲，目前只计了一次，请核实第二次（11月支部党员大会上）',
  }).execute();
  await refreshMemberIndex(tx, year, [me.memberId!, other.id]);
  return {};
}
