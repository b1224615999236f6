import { sql } from 'kysely';
import type { Tx } from '../db/database';
import { completeReachedEnrolments, recordStudyHours } from '../modules/learning/study-hours';
import { recordOutcomes } from '../modules/points/outcomes';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { DEMO_ACCOUNT_BRANCH } from './demo-data';

// Learning in the demo: 红船党课 courses of the city (text chapters; the question bank is
// seeded after this area, so no chapter quiz), one course for branch secretaries only, a class
// of this year for the demo accounts' branch, and study hours from what the records show — the
// `member` login finished one course and is halfway through another, attended 党课 count as
// lectures, and the secretary has reached the class's hours (a certificate) but not yet the
// 56 hours asked of committee members.

interface DemoCourse {
  title: string;
  category: string;
  lecturer: string;
  summary: string;
  hours: number;
  forSecretaries?: boolean;
  chapters: { title: string; body: string }[];
}

const p = (...paras: string[]) => paras.map((x) => `<p>${x}</p>`).join('');

const COURSES: DemoCourse[] = [
  {
    title: '红船精神与互联网企业党建', category: '红船党课', lecturer: '市委党校 讲师', hours: 4,
    summary: '从南湖红船出发，理解首创、奋斗、奉献的精神内涵，并结合互联网企业实际谈党员如何走在前列。',
    chapters: [
      { title: '第一讲 红船起航：开天辟地、敢为人先', body: `<h3>一、历史的起点</h3>${p('1921年夏，中国共产党第一次全国代表大会的最后一天移至嘉兴南湖的一条游船上举行。一条小船，承载的是一个民族的希望。', '红船精神的第一层含义，是<strong>开天辟地、敢为人先的首创精神</strong>：在没有现成道路可走的时候，敢于提出新主张、探索新道路。')}<h3>二、对我们的启示</h3>${p('互联网行业天天面对新技术、新业态。党员在企业里，应当是愿意啃硬骨头、肯尝试新办法的那个人，而不是等别人把路走通了再跟上。')}` },
      { title: '第二讲 坚定理想、百折不挠', body: p('红船精神的第二层含义，是<strong>坚定理想、百折不挠的奋斗精神</strong>。建党之初党员不过五十余人，面对的是强大的敌人和艰难的环境，正是理想信念支撑他们坚持下来。', '对今天的党员来说，奋斗精神体现在岗位上：项目遇到瓶颈不轻言放弃，技术攻关肯下苦功，在急难险重任务面前站得出来。') },
      { title: '第三讲 立党为公、忠诚为民', body: p('红船精神的第三层含义，是<strong>立党为公、忠诚为民的奉献精神</strong>。党除了人民利益，没有自己的特殊利益。', '在企业里践行奉献精神，可以从身边事做起：带好新员工、参与志愿服务、在数据安全和用户权益上守住底线。') },
    ],
  },
  {
    title: '学党章 守党规 做合格党员', category: '党章党规', lecturer: '乌镇镇党校 讲师', hours: 3,
    summary: '逐章学习党章的主要内容，讲清党员的义务和权利、组织生活的基本要求。',
    chapters: [
      { title: '第一讲 党员的八项义务', body: `${p('党章规定了党员必须履行的八项义务，包括认真学习、贯彻执行党的基本路线和各项方针政策、坚持党和人民的利益高于一切、自觉遵守党的纪律等。')}<ul><li>学习是第一项义务，也是做好其他工作的基础；</li><li>按期交纳党费，是党员对组织最基本的态度；</li><li>密切联系群众，及时反映群众的要求和意见。</li></ul>` },
      { title: '第二讲 党员的权利与组织生活', body: p('党员享有参加党的有关会议、阅读党的有关文件、在党的会议上参加讨论等权利。权利和义务是统一的。', '“三会一课”、主题党日、组织生活会和民主评议党员，是党员参加组织生活的基本形式。流动党员也要通过网络e支部等方式参加组织生活。') },
    ],
  },
  {
    title: '网络强国与互联网从业党员的责任', category: '形势政策', lecturer: '市互联网经济发展办公室', hours: 2,
    summary: '结合世界互联网大会举办地的实际，谈网络安全、数据合规和清朗网络空间建设中党员的责任。',
    chapters: [
      { title: '第一讲 网络安全与数据合规', body: p('网络安全是国家安全的重要组成部分。数据安全法、个人信息保护法为企业划定了清晰的底线。', '从事研发、运维和内容审核的党员，要带头落实最小必要收集、分级分类保护、出境评估等要求。') },
      { title: '第二讲 建设清朗网络空间', body: p('内容平台的编审人员、知名版主，是网络空间的“守门人”。党员要在把关中坚持正确导向，也要善于用网民喜闻乐见的方式传播正能量。') },
    ],
  },
  {
    title: '支部书记履职能力提升', category: '党务工作', lecturer: '市委组织部', hours: 3, forSecretaries: true,
    summary: '面向支部书记和支委委员：如何开好“三会一课”，如何做好党员发展和教育管理。',
    chapters: [
      { title: '第一讲 开好支委会和党员大会', body: p('会前要确定议题、通知到人、准备好材料；会中要充分讨论、按规定表决；会后要及时整理会议记录并抓好落实。', '会议记录写清议题、讨论情况和决定事项，比拍多少照片都重要。') },
      { title: '第二讲 党员教育管理的日常功夫', body: p('了解每名党员的思想、工作和生活情况，对流动党员和年老体弱党员要有专门的联系办法。', '每年党员学习培训一般不少于32学时，书记和支委委员不少于56学时，可通过网上党校的学时台账掌握进度。') },
    ],
  },
];

/** Demo records of this area, written inside the demo seed's transaction. */
export async function seedLearningDemo(tx: Tx, context: AreaSeedContext): Promise<AreaSeedResult> {
  const year = Number(context.today.slice(0, 4));
  const root = await tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('parentId', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const branch = await tx.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path')]).where('code', '=', DEMO_ACCOUNT_BRANCH).executeTakeFirstOrThrow();
  const user = (username: string) => tx.selectFrom('appUser').select(['id', 'memberId']).where('username', '=', username).executeTakeFirstOrThrow();
  const [city, town, me, secretary] = await Promise.all([user('city'), user('wuzhen'), user('member'), user('secretary')]);

  const published = new Date(`${year}-02-20T02:00:00Z`);
  const courses: { id: number; title: string; hours: number; chapterIds: number[] }[] = [];
  for (const c of COURSES) {
    const course = await tx.insertInto('course').values({
      orgId: root.id, orgPath: sql<string>`${root.path}::ltree`, title: c.title, category: c.category, summary: c.summary, lecturer: c.lecturer, studyHours: c.hours,
      audienceKind: c.forSecretaries ? 'role' : 'all', audienceRoles: c.forSecretaries ? ['orgAdmin'] : [], status: 'published', publishedAt: published, createdBy: city.id,
    }).returning('id').executeTakeFirstOrThrow();
    const chapterIds: number[] = [];
    for (const [i, ch] of c.chapters.entries()) {
      const row = await tx.insertInto('courseChapter').values({ courseId: course.id, position: i + 1, title: ch.title, kind: 'text', body: ch.body, attachmentId: null }).returning('id').executeTakeFirstOrThrow();
      chapterIds.push(row.id);
    }
    courses.push({ id: course.id, title: c.title, hours: c.hours, chapterIds });
  }

  // The class of this year for the demo branch, with every member of the branch enrolled.
  const klass = await tx.insertInto('trainingClass').values({
    orgId: branch.id, orgPath: sql<string>`${branch.path}::ltree`, title: `${year}年度党员学习培训班`, year, startsOn: `${year}-03-01`, endsOn: `${year}-12-31`, requiredHours: 20, createdBy: town.id,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('classCourse').values(courses.slice(0, 3).map((c, i) => ({ classId: klass.id, courseId: c.id, position: i + 1 }))).execute();
  const branchMembers = await tx.selectFrom('member').select(['id', sql<string>`org_path::text`.as('orgPath')]).where('orgId', '=', branch.id).where('status', '=', 'normal').execute();
  await tx.insertInto('classEnrolment').values(branchMembers.map((m) => ({ classId: klass.id, memberId: m.id, enrolledAt: new Date(`${year}-03-01T01:00:00Z`) }))).execute();

  // What the records show: the member finished the first course and read half of the second.
  const memberOrg = branchMembers.find((m) => m.id === me.memberId)!.orgPath;
  const finished = courses[0];
  const partly = courses[1];
  await tx.insertInto('chapterProgress').values([
    ...finished.chapterIds.map((chapterId) => ({ memberId: me.memberId!, chapterId, deliveredAt: sql<Date>`now()`, completedAt: sql<Date>`now()` })),
    { memberId: me.memberId!, chapterId: partly.chapterIds[0], deliveredAt: sql<Date>`now()`, completedAt: sql<Date>`now()` },
  ]).execute();
  await tx.insertInto('courseCompletion').values({ memberId: me.memberId!, courseId: finished.id }).execute();
  await recordStudyHours(tx, [{ memberId: me.memberId!, year, hours: finished.hours, sourceType: 'course', sourceId: finished.id, title: finished.title }]);
  await recordOutcomes(tx, [{ kind: 'courseCompleted', memberId: me.memberId!, orgPath: memberOrg, sourceType: 'course', sourceId: finished.id, title: `完成课程：${finished.title}`, occurredOn: context.today }]);

  // The secretary finished every course open to them.
  for (const c of courses) {
    await tx.insertInto('chapterProgress').values(c.chapterIds.map((chapterId) => ({ memberId: secretary.memberId!, chapterId, deliveredAt: sql<Date>`now()`, completedAt: sql<Date>`now()` }))).execute();
    await tx.insertInto('courseCompletion').values({ memberId: secretary.memberId!, courseId: c.id }).execute();
    await recordStudyHours(tx, [{ memberId: secretary.memberId!, year, hours: c.hours, sourceType: 'course', sourceId: c.id, title: c.title }]);
    await recordOutcomes(tx, [{ kind: 'courseCompleted', memberId: secretary.memberId!, orgPath: memberOrg, sourceType: 'course', sourceId: c.id, title: `完成课程：${c.title}`, occurredOn: context.today }]);
  }

  // 党课 of this year whose minutes were confirmed: those present earn their length in hours,
  // as the meetings module reports on confirmation (a repeat report counts once).
  const lectures = await tx.selectFrom('meeting as mt').innerJoin('meetingMinutes as mm', 'mm.meetingId', 'mt.id').innerJoin('meetingAttendee as a', 'a.meetingId', 'mt.id')
    .select(['mt.id', 'mt.title', 'mt.startsAt', 'mt.endsAt', 'a.memberId'])
    .where('mt.orgId', '=', branch.id).where('mt.kind', '=', 'lecture').where('mm.confirmedAt', 'is not', null).where('a.attendance', 'in', ['present', 'online'])
    .where(sql<boolean>`extract(year from mt.starts_at at time zone 'Asia/Shanghai') = ${year}`).execute();
  await recordStudyHours(tx, lectures.map((l) => ({
    memberId: l.memberId, year, hours: Math.max(0.5, Math.round(((l.endsAt.getTime() - l.startsAt.getTime()) / 3_600_000) * 2) / 2), sourceType: 'lecture' as const, sourceId: l.id, title: l.title,
  })));

  // The class's concentrated offline training: two days for the secretary, one for the member.
  await recordStudyHours(tx, [{ memberId: me.memberId!, hours: 4 }, { memberId: secretary.memberId!, hours: 8 }].map((x) => ({ ...x, year, sourceType: 'class' as const, sourceId: klass.id, title: `${year}年度党员学习培训班 集中培训` })));
  await completeReachedEnrolments(tx, null, klass.id);
  return {};
}
