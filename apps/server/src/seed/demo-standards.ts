import { addDays } from '@hongyun/shared';
import { sql, type SqlBool } from 'kysely';
import type { Tx } from '../db/database';
import { ASSESSABLE_KINDS } from '../modules/standards/standard.repository';
import { ensurePublishedTemplate } from '../modules/standards/standard-template.service';
import { openSurveyTask } from '../modules/surveys/survey.service';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';

// Surveys and standards in the demo: survey tasks for the recently settled companies of 乌镇
// and 濮院 (one overdue), one done and one cancelled; the year's 六个有 standard and
// self-assessments in every state, with the kind of evidence a branch really writes.

type State = 'draft' | 'submitted' | 'returned' | 'accepted';

/** Evidence per item position, as a branch secretary would put it. */
const EVIDENCE: Record<number, string> = {
  1: '支委会由书记、组织委员、宣传委员3人组成，2025年3月按期换届，分工已在支部会议上明确。',
  2: '配备兼职党务工作者1名（人力资源部），书记和党务工作者今年参加了市两新工委组织的党务培训。',
  3: '使用园区党群服务中心共享活动室，每月主题党日在此开展，已张贴党员承诺和支部公开栏。',
  4: '“三会一课”按计划落实，本年度召开支委会11次、党员大会4次、讲党课2次，会议记录已录入平台。',
  5: '开展网络e支部学习、“党员先锋岗”评选和社区志愿服务，党员参与技术攻关项目2项。',
  6: '党员在“双十一”保障、新产品研发中带头，3名党员获评公司年度优秀员工。',
};

/** Which organisations get which state, and which items the review accepted. */
const PLAN: { town: string; state: State; claimed: number[]; met?: number[]; reason?: string }[] = [
  { town: 'TX-WZ', state: 'accepted', claimed: [1, 2, 3, 4, 5, 6], met: [1, 2, 3, 4, 5, 6] },
  { town: 'TX-WZ', state: 'accepted', claimed: [1, 2, 3, 4, 5], met: [1, 2, 4, 5] },
  { town: 'TX-WZ', state: 'submitted', claimed: [1, 2, 3, 4] },
  { town: 'TX-WZ', state: 'submitted', claimed: [1, 3, 4, 5, 6] },
  { town: 'TX-WZ', state: 'draft', claimed: [1, 2] },
  { town: 'TX-PY', state: 'accepted', claimed: [1, 2, 3, 4, 6], met: [1, 2, 3, 6] },
  { town: 'TX-PY', state: 'submitted', claimed: [1, 2, 4] },
  { town: 'TX-PY', state: 'returned', claimed: [1, 3], reason: '“有规范的活动阵地”请说明场所位置和使用安排；“有健全的支委班子”请补充换届时间。' },
];

export async function seedStandardsDemo(tx: Tx, ctx: AreaSeedContext): Promise<AreaSeedResult> {
  await seedSurveys(tx, ctx);
  await seedAssessments(tx, ctx);
  return {};
}

const userId = async (tx: Tx, username: string) => (await tx.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
const orgByCode = (tx: Tx, code: string) => tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('code', '=', code).executeTakeFirstOrThrow();
/** A task opened on an earlier day shows that day (created_at is otherwise never written). */
const backdate = (tx: Tx, id: number, at: string) => sql`update survey_task set created_at = ${at}::timestamptz where id = ${id}`.execute(tx);
const enterprise = (tx: Tx, name: string) => tx.selectFrom('enterprise').select(['id', 'townOrgId', 'settledOn']).where('name', '=', name).executeTakeFirst();

async function seedSurveys(tx: Tx, ctx: AreaSeedContext) {
  const wuzhen = await userId(tx, 'wuzhen');
  // Companies of 乌镇 and 濮院 settled in the last 60 days, each task opened on the day it
  // settled (the registry's demo has one 12 days ago and one 40 days ago: that one is overdue).
  const recent = await tx
    .selectFrom('enterprise as e')
    .innerJoin('org as t', 't.id', 'e.townOrgId')
    .select(['e.id', 'e.townOrgId', 'e.settledOn'])
    .where('t.code', 'in', ['TX-WZ', 'TX-PY'])
    .where('e.operatingStatus', '=', 'operating')
    .where('e.settledOn', '>=', addDays(ctx.today, -60))
    .orderBy('e.settledOn')
    .execute();
  for (const e of recent) {
    // Both set: the date filter and the join leave out companies without them.
    const opened = e.settledOn!;
    const id = await openSurveyTask(tx, { enterpriseId: e.id, townOrgId: e.townOrgId!, createdBy: null, today: opened });
    await backdate(tx, id, `${opened}T09:30:00+08:00`);
  }
  // One done long ago (what a completed survey looks like on the ledger) and one cancelled.
  const done = await enterprise(tx, '乌镇数智算力运维服务有限公司');
  if (done?.townOrgId) {
    const opened = done.settledOn ?? addDays(ctx.today, -420);
    const id = await openSurveyTask(tx, { enterpriseId: done.id, townOrgId: done.townOrgId, createdBy: wuzhen, today: opened });
    // What completing it wrote onto the company (survey.service does the same in one step).
    await tx.updateTable('enterprise').set({ investorPartyStatus: 'notMember', managerPartyStatus: 'member', staffCount: 28 }).where('id', '=', done.id).execute();
    await tx.updateTable('surveyTask').set({
      status: 'done', completedAt: new Date(`${addDays(opened, 16)}T15:20:00+08:00`), completedBy: wuzhen,
      membersFound: 2, fullMembersFound: 2, staffCount: 28, investorPartyStatus: 'notMember', managerPartyStatus: 'member', willingness: 'willing',
      recommendedMode: 'leadBuilt', notes: '母公司浙江乌镇数智云计算有限公司党委愿意领建，2名党员转入其党支部。', version: 2,
    }).where('id', '=', id).execute();
    await backdate(tx, id, `${opened}T10:00:00+08:00`);
  }
  const closed = await enterprise(tx, '桐乡市濮院织里网络销售有限公司');
  if (closed?.townOrgId) {
    const opened = addDays(ctx.today, -150);
    const id = await openSurveyTask(tx, { enterpriseId: closed.id, townOrgId: closed.townOrgId, createdBy: null, today: opened });
    await tx.updateTable('surveyTask').set({ status: 'cancelled', cancelReason: '企业已于2026年8月注销，无需摸排。', version: 2 }).where('id', '=', id).execute();
    await backdate(tx, id, `${opened}T10:00:00+08:00`);
  }
}

async function seedAssessments(tx: Tx, ctx: AreaSeedContext) {
  const year = Number(ctx.today.slice(0, 4));
  const root = await orgByCode(tx, 'TX');
  const template = await ensurePublishedTemplate(tx, root.id, root.path, year);
  if (!template) return;
  const items = await tx.selectFrom('standardItem').select(['id', 'position']).where('templateId', '=', template.id).orderBy('position').execute();
  const reviewers: Record<string, number | null> = { 'TX-WZ': await userId(tx, 'wuzhen'), 'TX-PY': await userId(tx, 'puyuan') };
  const secretary = await userId(tx, 'secretary');

  for (const town of ['TX-WZ', 'TX-PY']) {
    const t = await orgByCode(tx, town);
    const orgs = await tx
      .selectFrom('org')
      .select(['id', 'code', sql<string>`path::text`.as('path')])
      .where(sql<SqlBool>`path <@ ${t.path}::ltree`)
      .where('kind', 'in', [...ASSESSABLE_KINDS])
      .where('abolishedOn', 'is', null)
      .orderBy('code')
      .execute();
    // The demo secretary's branch first, left as a draft to fill in; the rest take the plan in order.
    const plan = PLAN.filter((p) => p.town === town);
    const own = orgs.find((o) => o.code === 'TX-WZ-002');
    const ordered = own ? [own, ...orgs.filter((o) => o !== own)] : orgs;
    const states = own ? [{ town, state: 'draft' as State, claimed: [1, 2, 3] }, ...plan.filter((p) => p.state !== 'draft')] : plan;
    for (const [i, p] of states.entries()) {
      const org = ordered[i];
      if (!org) break;
      const submittedAt = p.state === 'draft' ? null : new Date(`${addDays(ctx.today, -20 + i)}T16:00:00+08:00`);
      const reviewed = p.state === 'accepted' || p.state === 'returned';
      const { id } = await tx.insertInto('standardAssessment').values({
        templateId: template.id, orgId: org.id, orgPath: org.path, status: p.state,
        submittedAt, submittedBy: submittedAt ? (org === own ? secretary : null) : null,
        reviewedAt: reviewed ? new Date(`${addDays(ctx.today, -10 + i)}T10:00:00+08:00`) : null, reviewedBy: reviewed ? reviewers[town] : null,
        returnReason: p.reason ?? null, stars: p.state === 'accepted' ? (p.met ?? []).length : null, version: p.state === 'draft' ? 2 : p.state === 'submitted' ? 3 : 4,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('standardAnswer').values(items.map((item) => ({
        assessmentId: id, itemId: item.id, claimed: p.claimed.includes(item.position),
        evidence: p.claimed.includes(item.position) ? EVIDENCE[item.position] : null,
        accepted: p.state === 'accepted' ? (p.met ?? []).includes(item.position) : null,
      }))).execute();
    }
  }
}
