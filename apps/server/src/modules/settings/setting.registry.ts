import { z } from 'zod';
import { sql } from 'kysely';
import { DEFAULT_MEETING_RULES, DEFAULT_RULE_SETTINGS, ORG_LIFE_SETTINGS, REQUIRED_MEETING_KINDS, type RequiredMeetingKind, LEARNING_SETTINGS, POINTS_SETTINGS, todayInShanghai } from '@hongyun/shared';
import { refreshMemberIndex, refreshOrgIndex } from '../points/points-index';
import type { Queryable } from '../../db/database';

/**
 * The rule settings a deployment may change (architecture rule 7). Each names the key its
 * readers look up in the `setting` table, the national or platform default with its legal
 * basis, how a new value is checked, and what must follow a change.
 */
export interface SettingSpec {
  key: string;
  group: 'coverage' | 'service' | 'orgLife' | 'learning';
  /** zh-CN name shown to administrators. */
  label: string;
  unit: string | null;
  defaultValue: unknown;
  citation: string;
  schema: z.ZodType;
  /** How the settings page edits it: a whole number, a share (0–1), on/off, a list of numbers, the meeting frequencies. */
  input: 'integer' | 'share' | 'switch' | 'list' | 'meetingRules';
  /** Work a change needs beyond storing it (runs in the same transaction). */
  afterChange?: (db: Queryable) => Promise<void>;
}

const wholeNumber = (max: number) => z.number({ error: '请填写整数' }).int('请填写整数').min(1, '至少为 1').max(max, `不能超过 ${max}`);

const frequency = z.object({
  period: z.enum(['month', 'quarter', 'year'], { error: '周期应为每月、每季度或每年' }),
  times: z.number().int('次数应为整数').min(1, '每个周期至少 1 次').max(10, '每个周期不超过 10 次'),
});

/** Per kind { period, times }; who a rule applies to is fixed by the 条例 and not a setting. */
const meetingRulesSchema = z.object(
  Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, frequency])) as Record<RequiredMeetingKind, typeof frequency>,
);

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'coverageMinStaff', input: 'integer', group: 'coverage', label: '纳入覆盖率统计的最少从业人员数', unit: '人',
    defaultValue: DEFAULT_RULE_SETTINGS.coverageMinStaff.value, citation: DEFAULT_RULE_SETTINGS.coverageMinStaff.citation,
    schema: wholeNumber(100000),
    // The denominator flag is set by a row trigger that reads this setting: touch every row.
    afterChange: async (db) => {
      await sql`update enterprise set in_denominator = in_denominator`.execute(db);
    },
  },
  {
    key: 'jointBranchMaxUnits', input: 'integer', group: 'coverage', label: '联合党支部一般覆盖单位数上限', unit: '家',
    defaultValue: DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.value, citation: DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.citation,
    schema: wholeNumber(50),
  },
  {
    key: 'survey.dueDays', input: 'integer', group: 'coverage', label: '新落户企业排查摸底期限', unit: '天',
    defaultValue: DEFAULT_RULE_SETTINGS.surveyDueDays.value, citation: DEFAULT_RULE_SETTINGS.surveyDueDays.citation,
    schema: wholeNumber(365),
  },
  {
    key: 'request.dueDays', input: 'integer', group: 'service', label: '企业诉求办结期限', unit: '天',
    defaultValue: DEFAULT_RULE_SETTINGS.requestDueDays.value, citation: DEFAULT_RULE_SETTINGS.requestDueDays.citation,
    schema: wholeNumber(365),
  },
  {
    key: 'meetingRules', input: 'meetingRules', group: 'orgLife', label: '三会一课等组织生活的召开频次', unit: null,
    defaultValue: Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, { period: DEFAULT_MEETING_RULES[k].value.period, times: DEFAULT_MEETING_RULES[k].value.times }])),
    citation: REQUIRED_MEETING_KINDS.map((k) => DEFAULT_MEETING_RULES[k].citation).join('；'),
    schema: meetingRulesSchema,
  },
  {
    key: 'orgLife.minutesDueDays', input: 'integer', group: 'orgLife', label: '会后整理会议记录的期限', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.minutesDueDays.value, citation: ORG_LIFE_SETTINGS.minutesDueDays.citation,
    schema: wholeNumber(30),
  },
  {
    key: 'orgLife.backdateDays', input: 'integer', group: 'orgLife', label: '补录已召开会议最多追溯', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.backdateDays.value, citation: ORG_LIFE_SETTINGS.backdateDays.citation,
    schema: wholeNumber(366),
  },
  {
    key: 'orgLife.signInRotateSeconds', input: 'integer', group: 'orgLife', label: '签到二维码刷新间隔', unit: '秒',
    defaultValue: ORG_LIFE_SETTINGS.signInRotateSeconds.value, citation: ORG_LIFE_SETTINGS.signInRotateSeconds.citation,
    schema: z.number({ error: '请填写整数' }).int('请填写整数').min(10, '至少 10 秒').max(600, '不能超过 600 秒'),
  },
  {
    key: 'orgLife.appealDays', input: 'integer', group: 'orgLife', label: '民主评议结果申诉期', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.appealDays.value, citation: ORG_LIFE_SETTINGS.appealDays.citation,
    schema: wholeNumber(90),
  },
  {
    key: 'orgLife.excellentMaxShare', input: 'share', group: 'orgLife', label: '评为“优秀”的党员占比上限', unit: null,
    defaultValue: ORG_LIFE_SETTINGS.excellentMaxShare.value, citation: ORG_LIFE_SETTINGS.excellentMaxShare.citation,
    schema: z.number({ error: '请填写 0 到 1 之间的小数' }).gt(0, '应大于 0').max(1, '不能超过 1'),
  },
  {
    key: 'learning.memberStudyHours', input: 'integer', group: 'learning', label: '党员每年应完成的学习培训学时', unit: '学时',
    defaultValue: LEARNING_SETTINGS.memberStudyHours.value, citation: LEARNING_SETTINGS.memberStudyHours.citation,
    schema: wholeNumber(500),
  },
  {
    key: 'learning.leaderStudyHours', input: 'integer', group: 'learning', label: '书记和支委委员每年应完成的学习培训学时', unit: '学时',
    defaultValue: LEARNING_SETTINGS.leaderStudyHours.value, citation: LEARNING_SETTINGS.leaderStudyHours.citation,
    schema: wholeNumber(500),
  },
  {
    key: 'learning.quizQuestions', input: 'integer', group: 'learning', label: '一键答题每次抽取的题目数', unit: '题',
    defaultValue: LEARNING_SETTINGS.quizQuestions.value, citation: LEARNING_SETTINGS.quizQuestions.citation,
    schema: wholeNumber(50),
  },
  {
    key: 'learning.quizPassShare', input: 'share', group: 'learning', label: '一键答题达标的答对比例', unit: null,
    defaultValue: LEARNING_SETTINGS.quizPassShare.value, citation: LEARNING_SETTINGS.quizPassShare.citation,
    schema: z.number({ error: '请填写 0 到 1 之间的小数' }).gt(0, '应大于 0').max(1, '不能超过 1'),
  },
  {
    key: 'points.memberIndexBase', input: 'integer', group: 'learning', label: '党员先锋指数的基础分', unit: '分',
    defaultValue: POINTS_SETTINGS.memberIndexBase.value, citation: POINTS_SETTINGS.memberIndexBase.citation,
    schema: z.number({ error: '请填写整数' }).int('请填写整数').min(0, '不能小于 0').max(1000, '不能超过 1000'),
    // The stored indices of this year follow the new formula at once.
    afterChange: async (db) => {
      const year = Number(todayInShanghai().slice(0, 4));
      await refreshMemberIndex(db, year);
      await refreshOrgIndex(db, year);
    },
  },
  {
    key: 'points.starThresholds', input: 'list', group: 'learning', label: '先锋指数 1–5 星的分值', unit: '分',
    defaultValue: POINTS_SETTINGS.starThresholds.value, citation: POINTS_SETTINGS.starThresholds.citation,
    schema: z.array(z.number({ error: '请填写数字' }).min(0, '不能小于 0').max(1000, '不能超过 1000')).length(5, '请填写 5 个分值（1–5 星）')
      .refine((v) => v.every((x, i) => i === 0 || x >= v[i - 1]), '分值应从低到高排列'),
    afterChange: async (db) => {
      const year = Number(todayInShanghai().slice(0, 4));
      await refreshMemberIndex(db, year);
      await refreshOrgIndex(db, year);
    },
  },
  {
    key: 'points.rankingsEnabled', input: 'switch', group: 'learning', label: '允许按积分高低排列党员名单', unit: null,
    defaultValue: LEARNING_SETTINGS.rankingsEnabled.value, citation: LEARNING_SETTINGS.rankingsEnabled.citation,
    schema: z.union([z.literal(0), z.literal(1)], { error: '请填写 0（关闭）或 1（开启）' }),
  },
  {
    key: 'points.orgIndexMaxAgeMinutes', input: 'integer', group: 'learning', label: '组织先进指数重新汇总的间隔', unit: '分钟',
    defaultValue: POINTS_SETTINGS.orgIndexMaxAgeMinutes.value, citation: POINTS_SETTINGS.orgIndexMaxAgeMinutes.citation,
    schema: wholeNumber(1440),
  },
];

export function settingSpec(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key);
}
