import type { MeetingKind } from '@hongyun/shared';

// The words of the meetings demo (seed/demo-meetings.ts): themes, topics, lectures and minutes
// as a branch secretary of an internet company would write them.

/** Per month: the theme day's title, then its topics. */
export const THEME_DAYS: string[][] = [
  ['重温入党誓词 开启新年新征程', '集体重温入党誓词', '党员谈新年工作打算'],
  ['新春走访慰问困难职工', '走访慰问困难职工家庭', '交流“我为群众办实事”清单'],
  ['学雷锋志愿服务进社区', '到共建社区开展网络安全知识宣传', '为社区老人讲解手机防诈骗'],
  ['清明祭英烈 赓续红色血脉', '参观桐乡革命烈士纪念馆', '撰写观后感'],
  ['青年党员话担当', '青年党员座谈', '结合研发攻坚谈岗位作用'],
  ['党纪学习教育专题学习', '学习《中国共产党纪律处分条例》', '观看警示教育片并讨论'],
  ['喜迎“七一” 党员亮身份', '为党员佩戴党徽、设立党员先锋岗', '表彰年度优秀党员'],
  ['网络安全宣传进企业', '学习网络安全法和数据安全法', '开展内部钓鱼邮件演练复盘'],
  ['“红船精神”主题学习', '赴嘉兴南湖开展现场教学', '交流学习体会'],
  ['服务世界互联网大会志愿动员', '部署大会期间志愿服务和网络保障任务', '党员认领志愿岗位'],
  ['学习贯彻党的创新理论', '集中学习理论文章', '结合企业发展谈落实举措'],
  ['年终总结 承诺践诺', '党员对照年初承诺逐一报告践诺情况', '征求群众对支部工作的意见'],
];

export const COMMITTEE_TOPICS = [
  '研究本月主题党日活动安排', '讨论发展党员工作进展', '研究党费收缴和使用情况', '研究“党员先锋岗”设置',
  '讨论入党积极分子培养考察情况', '研究与共建社区结对活动', '研究支部学习计划', '分析党员思想状况',
];

export const GROUP_TOPICS = ['学习近期重要讲话精神', '交流本月学习心得', '讨论党员先锋岗作用发挥', '开展谈心谈话'];

/** One lecture per quarter. */
export const LECTURES = ['以高质量党建引领企业高质量发展', '弘扬“红船精神” 争做数字经济先锋', '网络空间治理与党员责任', '从“千万工程”看为民情怀'];

export const OUTSIDE_LECTURERS = ['乌镇镇党委委员 沈建国', '市委党校讲师 朱文清', '市两新工委组织员 陈丽华'];

export const LEAVE_REASONS = ['在外地出差（客户现场部署）', '家中老人住院需陪护', '参加公司年度述职', '身体不适就医', '参加外地行业展会'];

/** [login, days before today, text] for the branch's online thread. */
export const THREAD_POSTS: [string, number, string][] = [
  ['secretary', 26, '本月学习材料已上传到支部群，请大家在主题党日前完成自学。'],
  ['member', 25, '收到。出差在外的同志可以线上参加吗？'],
  ['secretary', 25, '可以，会议选“线上线下结合”，在手机上点“线上参会”即可，会议记录里会注明线上参加。'],
  ['member', 12, '分享一下：这次网络安全演练暴露出弱口令问题，建议各部门自查。'],
  ['secretary', 4, '年度民主评议党员工作即将开始，请大家提前准备党性分析材料。'],
];

const KIND_SENTENCE: Record<MeetingKind, string> = {
  generalMeeting: '支部召开党员大会',
  committeeMeeting: '支部委员会召开会议',
  groupMeeting: '党小组召开会议',
  lecture: '支部组织党员上党课',
  themeDay: '支部开展主题党日活动',
  lifeMeeting: '支部召开年度组织生活会',
  appraisalMeeting: '支部召开民主评议党员大会',
  study: '支部组织专题学习',
};

const NUMBERS = ['一', '二', '三', '四', '五'];

interface MinutesInputMeeting {
  kind: MeetingKind;
  date: string;
  topics: string[];
  host: { name: string };
  lecturer?: { member?: { name: string }; name?: string };
  vote?: { item: string };
}

/** Minutes a recorder would write: who came (and who joined online), each topic, and what was decided. */
export function minutesFor(p: MinutesInputMeeting, attendees: { name: string; attendance: string }[]): { content: string; decisions: string } {
  const present = attendees.filter((a) => a.attendance === 'present' || a.attendance === 'online');
  const online = attendees.filter((a) => a.attendance === 'online');
  const excused = attendees.filter((a) => a.attendance === 'excused');
  const absent = attendees.filter((a) => a.attendance === 'absent');
  const [y, m, d] = p.date.split('-').map(Number);
  const lines = [
    `${y}年${m}月${d}日，${KIND_SENTENCE[p.kind]}，由${p.host.name}同志主持。`,
    `应到${attendees.length}人，实到${present.length}人${online.length ? `（其中${online.map((a) => a.name).join('、')}同志线上参加）` : ''}` +
      `${excused.length ? `；${excused.map((a) => a.name).join('、')}同志请假` : ''}${absent.length ? `；${absent.map((a) => a.name).join('、')}同志缺席` : ''}。`,
  ];
  if (p.lecturer) lines.push(`${p.lecturer.member?.name ?? p.lecturer.name}以“${p.topics[0]}”为题讲授党课，结合公司业务发展和身边党员事迹，讲得生动具体。`);
  p.topics.forEach((topic, i) => lines.push(`${NUMBERS[i] ?? i + 1}、${topic}。与会党员逐一发言，${i === 0 ? '大家结合岗位实际谈了认识和打算' : '围绕落实提出了具体意见'}。`));
  if (p.vote) lines.push(`会议听取了入党介绍人和支委会的审查情况介绍，经充分讨论后以无记名投票方式进行表决。`);
  const decisions = p.vote
    ? `1. 表决事项：${p.vote.item}，表决结果见表决记录，报上级党委审批。\n2. 由组织委员负责整理材料，一周内报送。`
    : `1. ${p.topics[0]}的相关要求由支部委员分工落实。\n2. 下次会议通报落实情况。`;
  return { content: lines.join('\n'), decisions };
}
