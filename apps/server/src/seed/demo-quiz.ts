import { sql } from 'kysely';
import { OPTION_KEYS, addDays, keyProblem, optionsProblem, shanghaiInstant, type QuestionKind } from '@hongyun/shared';
import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { DEMO_ACCOUNT_BRANCH } from './demo-data';

// The question bank in the demo: about forty approved questions on the 党章, party rules and
// party history in the city's bank (entered by the city administrator, approved by the system
// administrator), a few waiting for review, an exam open now for the demo accounts' branch,
// and a knowledge contest scheduled next week for the whole city.

type Row = [kind: QuestionKind, category: string, difficulty: number, stem: string, options: string[], answer: unknown[], explanation: string];

const PARTY = '党章';
const RULES = '党内法规';
const HISTORY = '党史';

const APPROVED: Row[] = [
  ['single', PARTY, 1, '党的最高领导机关是（ ）。', ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央书记处', '中央纪律检查委员会'], ['A'], '《中国共产党章程》第十条：党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。'],
  ['single', PARTY, 1, '预备党员的预备期为（ ）。', ['六个月', '一年', '一年半', '两年'], ['B'], '《中国共产党章程》第七条：预备党员的预备期为一年。'],
  ['single', PARTY, 1, '党员的党龄从什么时候算起？', ['递交入党申请书之日', '支部大会通过其为预备党员之日', '预备期满转为正式党员之日', '上级党委批准其入党之日'], ['C'], '《中国共产党章程》第七条：党员的党龄，从预备期满转为正式党员之日算起。'],
  ['single', PARTY, 2, '党的根本组织原则是（ ）。', ['集体领导', '民主集中制', '个人分工负责', '少数服从多数'], ['B'], '党章总纲：民主集中制既是党的根本组织原则，也是群众路线在党的生活中的运用。'],
  ['single', PARTY, 1, '中国共产党的宗旨是（ ）。', ['实现共产主义', '全心全意为人民服务', '解放和发展生产力', '实现中华民族伟大复兴'], ['B'], '党章总纲：党除了工人阶级和最广大人民群众的利益，没有自己特殊的利益；全心全意为人民服务是党的根本宗旨。'],
  ['single', PARTY, 2, '党员如果没有正当理由，连续（ ）不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。', ['三个月', '六个月', '九个月', '一年'], ['B'], '《中国共产党章程》第九条。'],
  ['single', PARTY, 2, '留党察看最长不超过（ ）。', ['半年', '一年', '两年', '三年'], ['C'], '《中国共产党章程》“党的纪律”一章：留党察看最长不超过两年。'],
  ['single', PARTY, 1, '党的全国代表大会每（ ）举行一次，由中央委员会召集。', ['三年', '四年', '五年', '六年'], ['C'], '《中国共产党章程》第十九条。'],
  ['single', PARTY, 1, '申请入党的人，要有（ ）作介绍人。', ['一名正式党员', '两名正式党员', '两名党员（正式或预备）', '党支部书记'], ['B'], '《中国共产党章程》第五条：申请入党的人，要有两名正式党员作介绍人。'],
  ['multiple', PARTY, 2, '党的纪律处分有哪几种？', ['警告、严重警告', '撤销党内职务', '留党察看', '开除党籍', '降级'], ['A', 'B', 'C', 'D'], '《中国共产党章程》“党的纪律”一章：党的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。降级是政务处分，不是党纪处分。'],
  ['multiple', PARTY, 2, '“四个意识”是指（ ）。', ['政治意识', '大局意识', '核心意识', '看齐意识', '忧患意识'], ['A', 'B', 'C', 'D'], '党章总纲对增强“四个意识”作出规定。'],
  ['multiple', PARTY, 2, '“四个自信”是指（ ）。', ['道路自信', '理论自信', '制度自信', '文化自信', '历史自信'], ['A', 'B', 'C', 'D'], '党章总纲要求坚定道路自信、理论自信、制度自信、文化自信。'],
  ['judge', PARTY, 1, '预备党员的权利同正式党员一样，也享有表决权、选举权和被选举权。', [], [false], '《中国共产党章程》第七条：预备党员的义务同正式党员一样；权利除了没有表决权、选举权和被选举权以外，也同正式党员一样。'],
  ['judge', PARTY, 1, '年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，可以申请加入中国共产党。', [], [true], '《中国共产党章程》第一条。'],
  ['judge', PARTY, 2, '发展党员可以由上级党组织直接吸收，不必经过党的支部。', [], [false], '《中国共产党章程》第五条：发展党员，必须经过党的支部，坚持个别吸收的原则。'],
  ['judge', PARTY, 1, '中国共产党党旗为旗面缀有金黄色党徽图案的红旗。', [], [true], '《中国共产党章程》“党徽党旗”一章。'],
  ['fill', PARTY, 2, '企业、农村、机关、学校等基层单位，凡是有正式党员____人以上的，都应当成立党的基层组织。', [], [['三', '3']], '《中国共产党章程》第三十条。'],
  ['fill', PARTY, 2, '党员必须履行的义务共有____项，党员享有的权利共有____项。', [], [['八', '8'], ['八', '8']], '《中国共产党章程》第三条、第四条。'],
  ['fill', PARTY, 1, '党的最高理想和最终目标是实现____。', [], [['共产主义']], '党章总纲。'],
  ['single', RULES, 1, '按照《中国共产党支部工作条例（试行）》，支部党员大会一般每（ ）召开1次。', ['月', '季度', '半年', '年'], ['B'], '《中国共产党支部工作条例（试行）》第十一条。'],
  ['single', RULES, 1, '按照《中国共产党支部工作条例（试行）》，支部委员会会议一般每（ ）召开1次。', ['周', '月', '季度', '半年'], ['B'], '《中国共产党支部工作条例（试行）》第十二条。'],
  ['single', RULES, 2, '党支部党员人数一般不超过（ ）人。', ['30', '50', '80', '100'], ['B'], '《中国共产党支部工作条例（试行）》。'],
  ['single', RULES, 2, '党支部委员会每届任期（ ）。', ['两年', '三年', '四年', '五年'], ['B'], '《中国共产党支部工作条例（试行）》：党支部委员会和不设支部委员会的党支部书记、副书记每届任期3年。'],
  ['single', RULES, 2, '在职党员月工资收入（税后）在3000元以下（含3000元）的，每月交纳党费的比例为（ ）。', ['0.5%', '1%', '1.5%', '2%'], ['A'], '中组部《关于中国共产党党费收缴、使用和管理的规定》。'],
  ['single', RULES, 2, '在职党员月工资收入（税后）在10000元以上的，每月交纳党费的比例为（ ）。', ['1%', '1.5%', '2%', '3%'], ['C'], '中组部《关于中国共产党党费收缴、使用和管理的规定》。'],
  ['multiple', RULES, 1, '“三会一课”包括（ ）。', ['支部党员大会', '支部委员会', '党小组会', '按时上好党课', '民主生活会'], ['A', 'B', 'C', 'D'], '《中国共产党支部工作条例（试行）》：党支部应当组织党员按期参加党员大会、党小组会和上党课，定期召开党支部委员会会议。'],
  ['multiple', RULES, 2, '《中国共产党纪律处分条例》规定的“六项纪律”包括（ ）。', ['政治纪律、组织纪律', '廉洁纪律、群众纪律', '工作纪律、生活纪律', '保密纪律、财经纪律'], ['A', 'B', 'C'], '《中国共产党纪律处分条例》分则按政治、组织、廉洁、群众、工作、生活六项纪律规定违纪行为。'],
  ['multiple', RULES, 2, '民主评议党员一般包括哪些环节？', ['个人自评', '党员互评', '民主测评', '上级直接打分'], ['A', 'B', 'C'], '《中国共产党支部工作条例（试行）》：民主评议党员一般每年开展1次，通过个人自评、党员互评、民主测评，由支部委员会或党员大会提出评定意见。'],
  ['judge', RULES, 1, '正式党员不足7人的党支部，不设支部委员会，设书记1人，必要时可以设副书记1人。', [], [true], '《中国共产党支部工作条例（试行）》。'],
  ['judge', RULES, 1, '组织生活会一般每年召开1次。', [], [true], '《中国共产党支部工作条例（试行）》第十七条。'],
  ['judge', RULES, 2, '党员领导干部可以不参加所在党支部或党小组的组织生活。', [], [false], '党员领导干部应当编入党支部，以普通党员身份参加所在党支部或党小组的组织生活（双重组织生活）。'],
  ['judge', RULES, 1, '党支部可以为党员垫交党费。', [], [false], '党费应当由党员本人按月交纳，党组织不得垫交、扣缴。'],
  ['fill', RULES, 1, '主题党日每月相对固定____天，组织党员集中学习、过组织生活、进行民主议事和志愿服务等。', [], [['1', '一']], '《中国共产党支部工作条例（试行）》。'],
  ['single', HISTORY, 1, '中国共产党第一次全国代表大会最后一天的会议转移到（ ）举行。', ['上海法租界', '浙江嘉兴南湖的一艘游船上', '杭州西湖', '江西井冈山'], ['B'], '1921年7月，中共一大在上海开幕，最后一天的会议转移到嘉兴南湖的一艘游船上举行。'],
  ['single', HISTORY, 2, '1935年1月召开的（ ），事实上确立了毛泽东同志在党中央和红军的领导地位。', ['古田会议', '遵义会议', '洛川会议', '八七会议'], ['B'], '遵义会议是党的历史上一个生死攸关的转折点。'],
  ['single', HISTORY, 2, '“支部建在连上”这一原则是在（ ）中确立的。', ['三湾改编', '古田会议', '南昌起义', '秋收起义'], ['A'], '1927年9月的三湾改编，把党的支部建在连上，确立了党对军队的领导。'],
  ['single', HISTORY, 2, '党的（ ）确立毛泽东思想为党的指导思想并写入党章。', ['六大', '七大', '八大', '九大'], ['B'], '1945年，党的七大确立毛泽东思想为党的指导思想。'],
  ['single', HISTORY, 1, '开启改革开放历史新时期的是1978年12月召开的（ ）。', ['党的十一届三中全会', '党的十二大', '党的十三大', '党的十四大'], ['A'], '党的十一届三中全会实现了新中国成立以来党的历史上具有深远意义的伟大转折。'],
  ['multiple', HISTORY, 2, '“红船精神”的内涵包括（ ）。', ['开天辟地、敢为人先的首创精神', '坚定理想、百折不挠的奋斗精神', '立党为公、忠诚为民的奉献精神', '自力更生、艰苦奋斗的创业精神'], ['A', 'B', 'C'], '2005年，习近平同志在《光明日报》发表文章，首次提出并阐释“红船精神”。'],
  ['judge', HISTORY, 1, '南昌起义打响了武装反抗国民党反动派的第一枪。', [], [true], '1927年8月1日南昌起义，标志着中国共产党独立领导武装斗争和创建人民军队的开始。'],
  ['fill', HISTORY, 1, '中国共产党第一次全国代表大会于____年召开。', [], [['1921']], '1921年7月，中国共产党第一次全国代表大会召开，宣告中国共产党正式成立。'],
];

const PENDING: Row[] = [
  ['single', HISTORY, 2, '古田会议召开于（ ）。', ['1927年', '1929年', '1931年', '1935年'], ['B'], '1929年12月，红四军第九次党代表大会在福建上杭古田召开。'],
  ['judge', RULES, 2, '党小组会一般每月召开1次。', [], [true], '《中国共产党支部工作条例（试行）》第十三条。'],
  ['fill', PARTY, 3, '党章规定，党的纪律处分有____种。', [], [['五', '5']], '《中国共产党章程》“党的纪律”一章。'],
];

const orgByCode = (tx: Tx, code: string) => tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('code', '=', code).executeTakeFirstOrThrow();
const userId = async (tx: Tx, username: string) => (await tx.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** Demo records of this area, written inside the demo seed's transaction. */
export async function seedQuizDemo(tx: Tx, context: AreaSeedContext): Promise<AreaSeedResult> {
  const root = await tx.selectFrom('org').select(['id', sql<string>`path::text`.as('path')]).where('parentId', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const branch = await orgByCode(tx, DEMO_ACCOUNT_BRANCH);
  const author = await userId(tx, 'city');
  const reviewer = await userId(tx, 'admin');
  const reviewedAt = shanghaiInstant(addDays(context.today, -20), '10:00');

  const rows = [...APPROVED.map((r) => [r, 'approved'] as const), ...PENDING.map((r) => [r, 'pending'] as const)].map(([[kind, category, difficulty, stem, options, answer, explanation], status]) => {
    const opts = options.map((text, i) => ({ key: OPTION_KEYS[i], text }));
    // A demo question that does not fit its kind would teach members a wrong key: refuse to seed it.
    const problem = optionsProblem(kind, opts) ?? keyProblem(kind, opts, answer);
    if (problem) throw new Error(`demo question "${stem}": ${problem}`);
    return {
      orgId: root.id, orgPath: sql<string>`${root.path}::ltree` as unknown as string, kind, stem, options: JSON.stringify(opts) as unknown as typeof opts, answer: JSON.stringify(answer),
      explanation, category, difficulty, status, createdBy: author,
      reviewedBy: status === 'approved' ? reviewer : null, reviewedAt: status === 'approved' ? reviewedAt : null,
    };
  });
  const ids = (await tx.insertInto('question').values(rows).returning(['id', 'category', 'status']).execute()).filter((q) => q.status === 'approved');

  // An exam open now for the demo branch: ten fixed questions across the three categories.
  const paper = [...ids.filter((q) => q.category === PARTY).slice(0, 4), ...ids.filter((q) => q.category === RULES).slice(0, 3), ...ids.filter((q) => q.category === HISTORY).slice(0, 3)];
  const secretary = await userId(tx, 'secretary');
  const exam = await tx.insertInto('exam').values({
    orgId: branch.id, orgPath: sql<string>`${branch.path}::ltree` as unknown as string, kind: 'exam', title: '党章党规知识测试（第四季度）',
    instructions: '共10题，每题10分，60分合格；限时30分钟，可作答2次，取最高分。到时未交卷的，系统按已保存的答案自动交卷。',
    paperMode: 'fixed', pointsPerQuestion: 10, timeLimitMinutes: 30, opensAt: shanghaiInstant(context.today, '00:00'), closesAt: shanghaiInstant(addDays(context.today, 14), '22:00'),
    passMark: 60, attemptsAllowed: 2, status: 'published', createdBy: secretary,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('examQuestion').values(paper.map((q, position) => ({ examId: exam.id, position, questionId: q.id }))).execute();

  // A city-wide contest next week: the same ten questions for everyone, 20 seconds each.
  const contestPaper = ids.filter((q) => !paper.includes(q)).slice(0, 10);
  const opensAt = shanghaiInstant(addDays(context.today, 7), '20:00');
  const contest = await tx.insertInto('exam').values({
    orgId: root.id, orgPath: sql<string>`${root.path}::ltree` as unknown as string, kind: 'contest', title: '“红船精神”党史党章知识竞赛',
    instructions: '竞赛准时开始，所有人按同一顺序作答同一套题，每题限时20秒，超时不能作答；按得分排名，得分相同按用时排名。',
    paperMode: 'fixed', pointsPerQuestion: 10, secondsPerQuestion: 20, opensAt, closesAt: new Date(opensAt.getTime() + contestPaper.length * 20_000),
    passMark: 0, attemptsAllowed: 1, leaderboard: false, status: 'published', createdBy: author,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('examQuestion').values(contestPaper.map((q, position) => ({ examId: contest.id, position, questionId: q.id }))).execute();
  return {};
}
