import { z } from 'zod';
import { sql } from 'kysely';
import { DEFAULT_MEETING_RULES, DEFAULT_RULE_SETTINGS, ORG_LIFE_SETTINGS, REQUIRED_MEETING_KINDS, type RequiredMeetingKind } from '@hongyun/shared';
import type { Queryable } from '../../db/database';

/**
 * The rule settings a deployment may change (architecture rule 7). Each names the key its
 * readers look up in the `setting` table, the national or platform default with its legal
 * basis, how a new value is checked, and what must follow a change.
 */
export interface SettingSpec {
  key: string;
  group: 'coverage' | 'service' | 'orgLife';
  /** zh-CN name shown to administrators. */
  label: string;
  unit: string | null;
  defaultValue: unknown;
  citation: string;
  schema: z.ZodType;
  /** Work a change needs beyond storing it (runs in the same transaction). */
  afterChange?: (db: Queryable) => Promise<void>;
}

const wholeDays = (max: number) => z.number({ error: '请填写整数' }).int('请填写整数').min(1, '至少为 1').max(max, `不能超过 ${max}`);

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
    key: 'coverageMinStaff', group: 'coverage', label: '纳入覆盖率统计的最少从业人员数', unit: '人',
    defaultValue: DEFAULT_RULE_SETTINGS.coverageMinStaff.value, citation: DEFAULT_RULE_SETTINGS.coverageMinStaff.citation,
    schema: wholeDays(100000),
    // The denominator flag is set by a row trigger that reads this setting: touch every row.
    afterChange: async (db) => {
      await sql`update enterprise set in_denominator = in_denominator`.execute(db);
    },
  },
  {
    key: 'jointBranchMaxUnits', group: 'coverage', label: '联合党支部一般覆盖单位数上限', unit: '家',
    defaultValue: DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.value, citation: DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.citation,
    schema: wholeDays(50),
  },
  {
    key: 'survey.dueDays', group: 'coverage', label: '新落户企业排查摸底期限', unit: '天',
    defaultValue: DEFAULT_RULE_SETTINGS.surveyDueDays.value, citation: DEFAULT_RULE_SETTINGS.surveyDueDays.citation,
    schema: wholeDays(365),
  },
  {
    key: 'request.dueDays', group: 'service', label: '企业诉求办结期限', unit: '天',
    defaultValue: DEFAULT_RULE_SETTINGS.requestDueDays.value, citation: DEFAULT_RULE_SETTINGS.requestDueDays.citation,
    schema: wholeDays(365),
  },
  {
    key: 'meetingRules', group: 'orgLife', label: '三会一课等组织生活的召开频次', unit: null,
    defaultValue: Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, { period: DEFAULT_MEETING_RULES[k].value.period, times: DEFAULT_MEETING_RULES[k].value.times }])),
    citation: REQUIRED_MEETING_KINDS.map((k) => DEFAULT_MEETING_RULES[k].citation).join('；'),
    schema: meetingRulesSchema,
  },
  {
    key: 'orgLife.minutesDueDays', group: 'orgLife', label: '会后整理会议记录的期限', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.minutesDueDays.value, citation: ORG_LIFE_SETTINGS.minutesDueDays.citation,
    schema: wholeDays(30),
  },
  {
    key: 'orgLife.backdateDays', group: 'orgLife', label: '补录已召开会议最多追溯', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.backdateDays.value, citation: ORG_LIFE_SETTINGS.backdateDays.citation,
    schema: wholeDays(366),
  },
  {
    key: 'orgLife.signInRotateSeconds', group: 'orgLife', label: '签到二维码刷新间隔', unit: '秒',
    defaultValue: ORG_LIFE_SETTINGS.signInRotateSeconds.value, citation: ORG_LIFE_SETTINGS.signInRotateSeconds.citation,
    schema: z.number({ error: '请填写整数' }).int('请填写整数').min(10, '至少 10 秒').max(600, '不能超过 600 秒'),
  },
  {
    key: 'orgLife.appealDays', group: 'orgLife', label: '民主评议结果申诉期', unit: '天',
    defaultValue: ORG_LIFE_SETTINGS.appealDays.value, citation: ORG_LIFE_SETTINGS.appealDays.citation,
    schema: wholeDays(90),
  },
  {
    key: 'orgLife.excellentMaxShare', group: 'orgLife', label: '评为“优秀”的党员占比上限', unit: null,
    defaultValue: ORG_LIFE_SETTINGS.excellentMaxShare.value, citation: ORG_LIFE_SETTINGS.excellentMaxShare.citation,
    schema: z.number({ error: '请填写 0 到 1 之间的小数' }).gt(0, '应大于 0').max(1, '不能超过 1'),
  },
];

export function settingSpec(key: string): SettingSpec | undefined {
  return SETTINGS.find((s) => s.key === key);
}
