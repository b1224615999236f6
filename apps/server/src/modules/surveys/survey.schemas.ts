import { z } from 'zod';
import { COVERAGE_MODES, OPERATING_STATUSES, PARTY_STATUSES, SURVEY_STATUSES, SURVEY_WILLINGNESS } from '@hongyun/shared';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const count = (label: string) => z.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大，请核对`);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

const DUE_WITHIN_DAYS = '到期天数应为 1–366 的整数';

export const SurveyListQuery = z.object({
  status: z.enum(SURVEY_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Open tasks due from today up to this many days ahead (not yet overdue): the dashboard's "due soon". */
  dueWithinDays: z.coerce.number({ error: DUE_WITHIN_DAYS }).int(DUE_WITHIN_DAYS).min(1, DUE_WITHIN_DAYS).max(366, DUE_WITHIN_DAYS).optional(),
  townOrgId: z.coerce.number().int().positive().optional(),
  /** Companies in one carrier (park, building, …): a carrier dashboard's drill-down. */
  carrierId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SurveyListInput = z.infer<typeof SurveyListQuery>;

export const SurveyView = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  uscc: z.string(),
  operatingStatus: z.enum(OPERATING_STATUSES),
  /** The registry's current staff count (the survey form starts from it). */
  companyStaffCount: z.number().int().nullable(),
  townOrgId: z.number().int(),
  townName: z.string(),
  dueOn: date,
  status: z.enum(SURVEY_STATUSES),
  /** Days until the due date (negative: overdue by that many days); null once closed. */
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  membersFound: z.number().int().nullable(),
  fullMembersFound: z.number().int().nullable(),
  staffCount: z.number().int().nullable(),
  investorPartyStatus: z.enum(PARTY_STATUSES).nullable(),
  managerPartyStatus: z.enum(PARTY_STATUSES).nullable(),
  willingness: z.enum(SURVEY_WILLINGNESS).nullable(),
  recommendedMode: z.enum(COVERAGE_MODES).nullable(),
  instructorProposed: z.string().nullable(),
  notes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
});
export type SurveyViewT = z.infer<typeof SurveyView>;

export const SurveyCounts = z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int(), cancelled: z.number().int() });

export const SurveyList = z.object({
  items: z.array(SurveyView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: SurveyCounts,
  /** Overdue open tasks per town in scope (not narrowed by the filters): who is behind. */
  overdueByTown: z.array(z.object({ townOrgId: z.number().int(), townName: z.string(), n: z.number().int() })),
  /** The date "overdue" was judged against (Asia/Shanghai). */
  today: date,
});

export const EnterpriseSurveyList = z.object({ items: z.array(SurveyView), today: date });

export const CompleteSurveyBody = z.strictObject({
  membersFound: count('发现党员数'),
  fullMembersFound: count('正式党员数'),
  staffCount: count('从业人数'),
  investorPartyStatus: z.enum(PARTY_STATUSES, { error: '请选择出资人政治面貌' }),
  managerPartyStatus: z.enum(PARTY_STATUSES, { error: '请选择主要管理者政治面貌' }),
  willingness: z.enum(SURVEY_WILLINGNESS, { error: '请选择企业组建意愿' }),
  recommendedMode: z.enum(COVERAGE_MODES, { error: '请选择建议的覆盖方式' }),
  instructorProposed: trimmed(50).nullable().optional(),
  notes: trimmed(2000).nullable().optional(),
  version: z.number().int(),
});
export type CompleteSurveyInput = z.infer<typeof CompleteSurveyBody>;

export const CancelSurveyBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写取消原因（至少 2 个字）').max(200, '不能超过 200 个字符'),
  version: z.number().int().optional(),
});
export type CancelSurveyInput = z.infer<typeof CancelSurveyBody>;

export const Ok = z.object({ ok: z.literal(true) });
