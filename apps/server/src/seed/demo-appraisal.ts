import { addDays, checkProposal, gradeAllowedFor, shanghaiInstant, type AppraisalGrade, type MemberCategory } from '@hongyun/shared';
import { sql } from 'kysely';
import type { Tx } from '../db/database';
import { completeTodos, addTodos } from '../platform/todos';
import { memberLink, REVIEW_TODO, SOURCE } from '../modules/appraisal/appraisal.rules';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { DEMO_ACCOUNT_BRANCH } from './demo-data';
import { Random } from './random';

// The democratic appraisal in the demo: this year's campaign of the demo accounts' branch in
// its review stage (some members finished, some part-way, the `member` login among those not
// finished), and last year's closed campaign of a neighbouring branch with its grades in the
// members' history.

const CLOSED_BRANCH = 'TX-WZ-005';

const ANALYSES = [
  '对照党章规定的党员义务和合格党员标准，本人能够按时参加“三会一课”和主题党日，按月足额交纳党费。工作中负责公司数据安全平台建设，带头完成了等级保护测评整改。不足是理论学习偏重工作需要，系统性不够；今后每月精读一篇重要文章，并在支部学习中交流体会。',
  '重温入党誓词，对照检查：政治立场坚定，能在网络上主动发声、抵制不良信息；在内容审核岗位上坚持原则。存在的问题是参加志愿服务次数较少，联系群众不够。下一步计划每季度参加一次社区志愿服务，结对帮扶一名新员工。',
  '本年度在研发项目中担任技术骨干，牵头解决了平台高并发问题，发挥了党员先锋岗作用。对照合格党员标准，批评和自我批评开展得不够，有时碍于情面不提意见。今后在组织生活会上要敢于直面问题，虚心听取同志们的意见。',
  '能够自觉遵守党的纪律，按时参加组织生活，完成支部交办的宣传工作。不足之处是业务繁忙时对学习有所放松，个别主题党日因出差请假。今后合理安排时间，出差期间通过网络e支部参加学习。',
];

const COMMENTS: Record<AppraisalGrade, string[]> = {
  excellent: ['技术攻关中冲在前面，党员作用发挥明显', '主动承担支部宣传工作，热心帮助新同事', '疫情保障和峰会服务中表现突出'],
  qualified: ['工作踏实，按时参加组织生活', '学习认真，希望在支部活动中多发言', '业务能力强，可以更多参与志愿服务', '为人热情，团结同事'],
  basicallyQualified: ['组织生活参加不够经常，希望改进', '学习主动性有待加强'],
  unqualified: [],
};

interface Participant {
  memberId: number;
  category: MemberCategory;
}

const orgByCode = (tx: Tx, code: string) =>
  tx.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path')]).where('code', '=', code).executeTakeFirstOrThrow();
const loginMember = async (tx: Tx, username: string) => (await tx.selectFrom('appUser').select(['id', 'memberId']).where('username', '=', username).executeTakeFirstOrThrow());
const liveMembers = (tx: Tx, orgId: number) => tx.selectFrom('member').select(['id as memberId', 'category']).where('orgId', '=', orgId).where('status', '=', 'normal').orderBy('id').execute() as Promise<Participant[]>;

/** A peer grade as the members of a branch tend to give it: most 合格, a leaning per reviewed member. */
function peerGrade(rng: Random, leaning: 'strong' | 'weak' | 'usual', category: MemberCategory): AppraisalGrade {
  const grade = leaning === 'strong'
    ? rng.weighted<AppraisalGrade>([['excellent', 6], ['qualified', 4]])
    : leaning === 'weak'
      ? rng.weighted<AppraisalGrade>([['basicallyQualified', 5], ['qualified', 5]])
      : rng.weighted<AppraisalGrade>([['qualified', 85], ['excellent', 15]]);
  return gradeAllowedFor(category, grade) ? grade : 'qualified';
}

/** Writes `reviewer`'s receipts and the matching authorless ballots. */
async function review(tx: Tx, rng: Random, campaignId: number, reviewer: number, reviewed: Participant[], leaning: Map<number, 'strong' | 'weak' | 'usual'>) {
  if (reviewed.length === 0) return;
  await tx.insertInto('appraisalPeerReceipt').values(reviewed.map((p) => ({ campaignId, reviewerMemberId: reviewer, reviewedMemberId: p.memberId }))).execute();
  await tx.insertInto('appraisalPeerBallot').values(reviewed.map((p) => {
    const grade = peerGrade(rng, leaning.get(p.memberId) ?? 'usual', p.category);
    const pool = COMMENTS[grade];
    return { campaignId, reviewedMemberId: p.memberId, grade, comment: pool.length && rng.chance(0.5) ? rng.pick(pool) : null };
  })).execute();
}

async function selfReview(tx: Tx, rng: Random, campaignId: number, p: Participant, on: string) {
  await tx.updateTable('appraisalParticipant')
    .set({ selfAnalysis: rng.pick(ANALYSES), selfGrade: p.category === 'full' && rng.chance(0.2) ? 'excellent' : 'qualified', selfSubmittedAt: shanghaiInstant(on, '20:30') })
    .where('campaignId', '=', campaignId).where('memberId', '=', p.memberId).execute();
}

/** This year's campaign of the demo branch, in its review stage. */
async function seedReviewing(tx: Tx, ctx: AreaSeedContext, rng: Random) {
  const org = await orgByCode(tx, DEMO_ACCOUNT_BRANCH);
  const secretary = await loginMember(tx, 'secretary');
  const member = await loginMember(tx, 'member');
  const year = Number(ctx.today.slice(0, 4));
  const people = await liveMembers(tx, org.id);
  const reviewDueOn = addDays(ctx.today, 10);
  const c = await tx.insertInto('appraisalCampaign').values({
    orgId: org.id, orgPath: org.path, year, title: `${year}年度民主评议党员`, reviewDueOn, createdBy: secretary.id, createdAt: shanghaiInstant(addDays(ctx.today, -6), '09:00'),
    studyMaterials: '1. 党章第一章“党员”，对照党员八项义务逐条自查；\n2. 《中国共产党支部工作条例（试行）》第十八条（民主评议党员）；\n3. 入党誓词；\n4. 支部年初承诺事项和本人“党员先锋岗”践诺情况。\n请在截止日前完成党性分析（自评）和对其他党员的互评，互评不署名。',
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('appraisalParticipant').values(people.map((p) => ({ campaignId: c.id, memberId: p.memberId, category: p.category }))).execute();
  await addTodos(tx, people.map((p) => ({
    memberId: p.memberId, orgPath: org.path, kind: REVIEW_TODO, title: `${year}年度民主评议党员：请完成党性分析和党员互评`, link: memberLink(c.id), dueOn: reviewDueOn, sourceType: SOURCE, sourceId: c.id,
  })));

  const others = people.filter((p) => p.memberId !== secretary.memberId && p.memberId !== member.memberId);
  const leaning = new Map<number, 'strong' | 'weak' | 'usual'>();
  others.slice(0, 2).forEach((p) => leaning.set(p.memberId, 'strong'));
  leaning.set(others[others.length - 1].memberId, 'weak');
  const peersOf = (id: number) => people.filter((p) => p.memberId !== id);

  // Finished: the secretary and five members (self-review and every peer).
  const finished = [people.find((p) => p.memberId === secretary.memberId)!, ...others.slice(0, 5)];
  for (const [i, p] of finished.entries()) {
    await selfReview(tx, rng, c.id, p, addDays(ctx.today, -5 + (i % 4)));
    await review(tx, rng, c.id, p.memberId, peersOf(p.memberId), leaning);
    await completeTodos(tx, { kind: REVIEW_TODO, sourceType: SOURCE, sourceId: c.id, memberId: p.memberId });
  }
  // Part-way: self-review in, some peers reviewed.
  for (const [i, p] of others.slice(5, 9).entries()) {
    await selfReview(tx, rng, c.id, p, addDays(ctx.today, -3 + (i % 3)));
    await review(tx, rng, c.id, p.memberId, rng.sample(peersOf(p.memberId), 5), leaning);
  }
  // The `member` login has reviewed two peers and not yet written the 党性分析.
  const me = people.find((p) => p.memberId === member.memberId)!;
  await review(tx, rng, c.id, me.memberId, rng.sample(peersOf(me.memberId).filter((p) => p.memberId !== secretary.memberId), 2), leaning);
}

/** Last year's closed campaign of another branch: everyone reviewed, grades confirmed, history written. */
async function seedClosed(tx: Tx, ctx: AreaSeedContext, rng: Random) {
  const org = await orgByCode(tx, CLOSED_BRANCH);
  const year = Number(ctx.today.slice(0, 4)) - 1;
  const people = await liveMembers(tx, org.id);
  const meeting = await tx.selectFrom('meeting').select('id').where('orgId', '=', org.id).where('kind', '=', 'generalMeeting').where('status', '=', 'planned')
    .where(sql<boolean>`extract(year from starts_at at time zone 'Asia/Shanghai') = ${year}`).orderBy('startsAt', 'desc').executeTakeFirst();
  const c = await tx.insertInto('appraisalCampaign').values({
    orgId: org.id, orgPath: org.path, year, title: `${year}年度民主评议党员`, studyMaterials: '党章第一章“党员”；入党誓词；《中国共产党支部工作条例（试行）》第十八条。',
    stage: 'closed', reviewDueOn: `${year}-12-20`, confirmedMeetingId: meeting?.id ?? null, publishedAt: shanghaiInstant(`${year + 1}-01-08`, '10:00'), appealUntil: `${year + 1}-01-15`,
    createdAt: shanghaiInstant(`${year}-12-01`, '09:00'),
  }).returning('id').executeTakeFirstOrThrow();
  const leaning = new Map<number, 'strong' | 'weak' | 'usual'>([[people[0].memberId, 'strong'], [people[people.length - 1].memberId, 'weak']]);
  // The committee's grades: the strongest full member 优秀, the weakest 基本合格, the rest 合格.
  const graded = people.map((p) => {
    const grade: AppraisalGrade = leaning.get(p.memberId) === 'strong' && p.category === 'full' ? 'excellent' : leaning.get(p.memberId) === 'weak' ? 'basicallyQualified' : 'qualified';
    const reason = grade === 'excellent' ? '牵头完成峰会会务保障，党员先锋岗作用突出' : grade === 'basicallyQualified' ? '全年多次无故缺席组织生活，经谈心谈话已表示改正' : null;
    return { ...p, grade, reason };
  });
  const issues = checkProposal(graded.map((g) => ({ memberId: g.memberId, name: String(g.memberId), category: g.category })), graded);
  if (issues.length) throw new Error(`demo appraisal breaks its own rules: ${issues[0].message}`);
  await tx.insertInto('appraisalParticipant').values(graded.map((g, i) => ({
    campaignId: c.id, memberId: g.memberId, category: g.category, selfAnalysis: ANALYSES[i % ANALYSES.length], selfGrade: 'qualified',
    selfSubmittedAt: shanghaiInstant(`${year}-12-${String(10 + (i % 8)).padStart(2, '0')}`, '21:00'), proposedGrade: g.grade, proposedReason: g.reason, finalGrade: g.grade,
  }))).execute();
  for (const p of people) await review(tx, rng, c.id, p.memberId, people.filter((o) => o.memberId !== p.memberId), leaning);
  await tx.insertInto('memberAppraisal').values(graded.map((g) => ({ memberId: g.memberId, year, grade: g.grade, campaignId: c.id, orgName: org.name, recordedAt: shanghaiInstant(`${year + 1}-01-16`, '09:00') }))).execute();
}

/** Demo records of this area, written inside the demo seed's transaction. */
export async function seedAppraisalDemo(tx: Tx, context: AreaSeedContext): Promise<AreaSeedResult> {
  const rng = new Random(20261128);
  await seedReviewing(tx, context, rng);
  await seedClosed(tx, context, rng);
  return {};
}
