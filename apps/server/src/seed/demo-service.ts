import { addDays } from '@hongyun/shared';
import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { SERVICE_DEMO_LOGINS } from './logins';

// The joint conference of the demo city (founding document: 组织部, 宣传部/网宣办, 经信委, 公安局,
// 商务局, 文化局, 市场监管局, 金融办) with invented contacts, a 市经信委 account `dept`, a
// cadre `cadre` paired with 乌镇 companies, their visits and requests in every state (one
// overdue, one resolved and rated, one resolved awaiting a rating).

const DEPARTMENTS: { name: string; duties: string; contactName: string; contactPhone: string }[] = [
  { name: '市委组织部', duties: '牵头联席会议，统筹互联网业党建工作，指导组织覆盖和党组织书记队伍建设', contactName: '沈明远', contactPhone: '0573-88100101' },
  { name: '市委宣传部（网宣办）', duties: '网络意识形态和网上舆论引导，指导网络媒体和平台企业党建', contactName: '朱晓岚', contactPhone: '0573-88100202' },
  { name: '市经信委', duties: '互联网企业培育与要素保障，项目推进、用地用能和数字经济政策兑现', contactName: '钱志刚', contactPhone: '0573-88100303' },
  { name: '市公安局', duties: '网络安全监督管理，指导企业落实网络安全等级保护', contactName: '褚卫东', contactPhone: '0573-88100404' },
  { name: '市商务局', duties: '电子商务和跨境电商发展，网商群体服务和展会对接', contactName: '卫雅琴', contactPhone: '0573-88100505' },
  { name: '市文化局', duties: '网络文化、直播和数字内容企业的行业管理与服务', contactName: '蒋文博', contactPhone: '0573-88100606' },
  { name: '市市场监管局', duties: '企业登记注册与信用监管，网络交易监管，提供注册数据用于排查比对', contactName: '韩立新', contactPhone: '0573-88100707' },
  { name: '市金融办', duties: '企业融资对接、上市辅导和金融风险防范', contactName: '杨慧敏', contactPhone: '0573-88100808' },
];

const CADRE_NAME = '陆建平';

type Status = 'new' | 'accepted' | 'inProgress' | 'resolved' | 'declined';

interface DemoRequest {
  company: number;
  department: string;
  category: 'project' | 'financing' | 'staffing' | 'policy' | 'other';
  title: string;
  detail: string;
  /** Index into the visits below, when raised during one. */
  visit?: number;
  /** Days before today it was raised, and each later step's day (same order as the path). */
  raisedDaysAgo: number;
  path: { status: Status; daysAgo: number; note?: string }[];
  satisfaction?: { score: number; note: string };
  dueDays: number;
}

const VISITS = [
  { company: 0, daysAgo: 41, peopleMet: '总经理、人事主管', topics: '了解企业扩产计划和用工情况，宣传人才新政', followUps: '协调融资对接' },
  { company: 1, daysAgo: 27, peopleMet: '创始人、党建联络员', topics: '新办公楼装修进度，党员活动室选址', followUps: '跟进用地审批' },
  { company: 2, daysAgo: 8, peopleMet: '运营总监', topics: '直播基地招聘需求，跨境业务政策咨询', followUps: '对接人社和商务部门' },
  { company: 0, daysAgo: 3, peopleMet: '总经理', topics: '回访融资落实情况，听取对营商环境的意见', followUps: null },
];

const REQUESTS: DemoRequest[] = [
  {
    company: 0, department: '市金融办', category: 'financing', title: '申请科技型中小企业信用贷款', detail: '企业计划扩建机房，资金缺口约300万元，希望对接低息科技贷。',
    visit: 0, raisedDaysAgo: 41, dueDays: 15,
    path: [{ status: 'accepted', daysAgo: 40 }, { status: 'inProgress', daysAgo: 37, note: '已推荐至两家合作银行' }, { status: 'resolved', daysAgo: 30, note: '农商行授信300万元，利率下浮' }],
    satisfaction: { score: 5, note: '对接快，利率合适' },
  },
  {
    company: 1, department: '市经信委', category: 'project', title: '新办公楼项目用地审批加快', detail: '项目已完成备案，用地预审材料提交两周未有回复。',
    visit: 1, raisedDaysAgo: 27, dueDays: 15,
    // Accepted and then stalled: past its due date, so flagged overdue to the town and the city.
    path: [{ status: 'accepted', daysAgo: 25, note: '已转自然资源部门会商' }],
  },
  {
    company: 2, department: '市经信委', category: 'staffing', title: '直播基地急需招聘主播和运营30人', detail: '旺季临近，希望协助组织专场招聘并申请稳岗补贴。',
    visit: 2, raisedDaysAgo: 8, dueDays: 15, path: [],
  },
  {
    company: 2, department: '市商务局', category: 'policy', title: '跨境电商出口退税政策咨询', detail: '新开展跨境业务，需要了解退税申报流程和扶持政策。',
    visit: 2, raisedDaysAgo: 8, dueDays: 15, path: [{ status: 'accepted', daysAgo: 7 }, { status: 'inProgress', daysAgo: 5, note: '已安排政策专员上门辅导' }],
  },
  {
    company: 3, department: '市市场监管局', category: 'other', title: '希望减少年度检查次数', detail: '企业反映同类检查较多。',
    raisedDaysAgo: 20, dueDays: 15, path: [{ status: 'declined', daysAgo: 18, note: '双随机抽查依法进行，不属于可减免事项；已向企业解释抽查规则' }],
  },
  {
    company: 1, department: '市经信委', category: 'policy', title: '数字经济专项资金申报指导', detail: '希望了解今年专项资金的申报条件。',
    raisedDaysAgo: 22, dueDays: 15,
    path: [{ status: 'accepted', daysAgo: 21 }, { status: 'resolved', daysAgo: 12, note: '已上门讲解申报指南，企业已提交申报材料' }],
  },
];

/** Adds the joint conference, the `dept` and `cadre` accounts, pairs, visits and requests. */
export async function seedServiceDemo(tx: Tx, ctx: AreaSeedContext): Promise<AreaSeedResult> {
  const root = await tx.selectFrom('org').select(['id']).where('parentId', 'is', null).executeTakeFirstOrThrow();
  const town = await tx.selectFrom('org').select(['id']).where('code', '=', 'TX-WZ').executeTakeFirstOrThrow();
  const companies = await tx.selectFrom('enterprise').select(['id', 'name']).where('townOrgId', '=', town.id).orderBy('id').limit(4).execute();
  if (companies.length < 4) throw new Error('the service demo needs four 乌镇 companies');

  const departments = await tx.insertInto('department')
    .values(DEPARTMENTS.map((d, i) => ({ orgId: root.id, ...d, position: i + 1 })))
    .returning(['id', 'name']).execute();
  const departmentId = (name: string) => departments.find((d) => d.name === name)!.id;

  const [dept, cadre] = await tx.insertInto('appUser').values([
    { username: 'dept', displayName: '钱志刚（市经信委）', passwordHash: ctx.passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    { username: 'cadre', displayName: CADRE_NAME, passwordHash: ctx.passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
  ]).returning(['id']).execute();
  await tx.insertInto('userGrant').values([
    { userId: dept.id, role: 'department', orgId: root.id, departmentId: departmentId('市经信委') },
    { userId: cadre.id, role: 'cadre', orgId: town.id },
  ]).execute();

  const day = (daysAgo: number) => addDays(ctx.today, -daysAgo);
  const at = (daysAgo: number, hour = 10) => new Date(`${day(daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  await tx.insertInto('cadreAssignment')
    .values(companies.map((c) => ({ userId: cadre.id, enterpriseId: c.id, assignedBy: null, assignedOn: day(60) })))
    .execute();
  const visits = await tx.insertInto('visit')
    .values(VISITS.map((v) => ({ enterpriseId: companies[v.company].id, cadreUserId: cadre.id, visitedOn: day(v.daysAgo), peopleMet: v.peopleMet, topics: v.topics, followUps: v.followUps, createdAt: at(v.daysAgo, 17) })))
    .returning('id').execute();

  for (const r of REQUESTS) await insertRequest(tx, r, { cadre: cadre.id, companies, departmentId: departmentId(r.department), visitId: r.visit === undefined ? null : visits[r.visit].id, day, at });
  return { logins: SERVICE_DEMO_LOGINS };
}

async function insertRequest(
  tx: Tx, r: DemoRequest,
  ctx: { cadre: number; companies: { id: number }[]; departmentId: number; visitId: number | null; day: (n: number) => string; at: (n: number, h?: number) => Date },
) {
  const last = r.path.at(-1);
  const closed = last && (last.status === 'resolved' || last.status === 'declined') ? last : undefined;
  const accepted = r.path.find((p) => p.status === 'accepted');
  const { id } = await tx.insertInto('enterpriseRequest').values({
    enterpriseId: ctx.companies[r.company].id, visitId: ctx.visitId, raisedBy: ctx.cadre, raisedVia: ctx.visitId ? 'visit' : 'liaison', category: r.category,
    title: r.title, detail: r.detail, departmentId: ctx.departmentId, status: last?.status ?? 'new', dueOn: ctx.day(r.raisedDaysAgo - r.dueDays),
    acceptedAt: accepted ? ctx.at(accepted.daysAgo) : null, closedAt: closed ? ctx.at(closed.daysAgo, 16) : null,
    resolution: closed?.status === 'resolved' ? closed.note ?? null : null, declinedReason: closed?.status === 'declined' ? closed.note ?? null : null,
    satisfaction: r.satisfaction?.score ?? null, satisfactionNote: r.satisfaction?.note ?? null,
    version: 1 + r.path.length + (r.satisfaction ? 1 : 0), createdAt: ctx.at(r.raisedDaysAgo, 15), updatedAt: ctx.at(last?.daysAgo ?? r.raisedDaysAgo, 16),
  }).returning('id').executeTakeFirstOrThrow();
  const raised = { requestId: id, at: ctx.at(r.raisedDaysAgo, 15), actorUserId: ctx.cadre, actorName: CADRE_NAME, fromStatus: null as Status | null, toStatus: 'new' as Status, note: null as string | null };
  const rows = [raised, ...r.path.map((p, i) => ({
    requestId: id, at: ctx.at(p.daysAgo, 11), actorUserId: null, actorName: `${r.department}经办人`, fromStatus: i === 0 ? 'new' : r.path[i - 1].status, toStatus: p.status, note: p.note ?? null,
  }))];
  if (r.satisfaction && last) rows.push({ ...raised, at: ctx.at(last.daysAgo - 1), fromStatus: 'resolved', toStatus: 'resolved', note: `满意度 ${r.satisfaction.score}/5：${r.satisfaction.note}` });
  await tx.insertInto('enterpriseRequestEvent').values(rows).execute();
}
