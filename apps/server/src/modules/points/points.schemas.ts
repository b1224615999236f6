import { z } from 'zod';
import { APPEAL_STATUSES, EARN_MODES, OUTCOME_KINDS, POINTS_CATEGORIES, POINTS_ENTRY_STATUSES, POINTS_RULE_ROLES, isValidDate } from '@hongyun/shared';

const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const year = z.coerce.number().int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');
const date = z.string().refine(isValidDate, '日期格式应为 YYYY-MM-DD');
const points = z.number({ error: '请填写分值' }).min(-100, '分值不能小于 -100').max(100, '分值不能超过 100');
const cap = z.number().positive('上限应大于 0').max(10000, '上限不能超过 10000').nullable().optional();
const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50) };

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });
export const YearQuery = z.object({ year: year.optional() });

// ----- rulebook ------------------------------------------------------------------------

export const RuleBody = z.strictObject({
  code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.-]{0,39}$/, '编码以字母开头，只含字母、数字、点和短横线，至多 40 个字符'),
  category: z.enum(POINTS_CATEGORIES, { error: '类别不正确' }),
  item: trimmed(100).min(1, '请填写积分项目'),
  description: trimmed(500).nullable().optional(),
  points: points.refine((v) => v !== 0, '分值不能为 0'),
  capDay: cap,
  capMonth: cap,
  capYear: cap,
  onceOnly: z.boolean().default(false),
  earnMode: z.enum(EARN_MODES, { error: '计分方式应为自动或评定' }),
  outcomeKind: z.enum(OUTCOME_KINDS, { error: '自动计分的依据不正确' }).nullable().optional(),
  evidenceRequired: z.boolean().default(false),
  awardRoles: z.array(z.enum(POINTS_RULE_ROLES, { error: '角色不正确' })).max(4).default([]),
  approveRoles: z.array(z.enum(POINTS_RULE_ROLES, { error: '角色不正确' })).max(4).default([]),
  validFrom: date.nullable().optional(),
  validTo: date.nullable().optional(),
});
export type RuleBodyT = z.infer<typeof RuleBody>;

export const RuleView = z.object({
  id: z.number().int(),
  code: z.string(),
  position: z.number().int(),
  category: z.enum(POINTS_CATEGORIES),
  item: z.string(),
  description: z.string().nullable(),
  points: z.number(),
  capDay: z.number().nullable(),
  capMonth: z.number().nullable(),
  capYear: z.number().nullable(),
  onceOnly: z.boolean(),
  earnMode: z.enum(EARN_MODES),
  outcomeKind: z.enum(OUTCOME_KINDS).nullable(),
  evidenceRequired: z.boolean(),
  awardRoles: z.array(z.string()),
  approveRoles: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export type RuleViewT = z.infer<typeof RuleView>;

export const RulebookView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  revision: z.number().int(),
  rules: z.array(RuleView),
});
export type RulebookViewT = z.infer<typeof RulebookView>;
export const RulebookList = z.object({ items: z.array(RulebookView.omit({ rules: true }).extend({ ruleCount: z.number().int() })) });
export const CreateRulebookBody = z.strictObject({ year: z.number().int().min(2000, '年度不正确').max(2100, '年度不正确'), orgId: z.number().int().positive().optional() });
export const UpdateRulebookBody = z.strictObject({
  title: trimmed(60).min(1, '请填写积分规则名称'),
  rules: z.array(RuleBody).min(1, '至少需要一条规则').max(100, '规则不能超过 100 条'),
  revision: z.number().int(),
});
export type UpdateRulebookInput = z.infer<typeof UpdateRulebookBody>;
export const RevisionBody = z.strictObject({ revision: z.number().int() });
export const MyRulebook = z.object({ year: z.number().int(), rulebook: RulebookView.nullable() });

// ----- ledger ----------------------------------------------------------------------------

export const EntryView = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  orgName: z.string().nullable(),
  ruleCode: z.string(),
  item: z.string(),
  category: z.enum(POINTS_CATEGORIES),
  year: z.number().int(),
  points: z.number(),
  occurredOn: z.string(),
  sourceType: z.string(),
  sourceId: z.number().int(),
  /** What it came from: the outcome's title, else the award's reason. */
  sourceTitle: z.string().nullable(),
  /** The rulebook version the entry was made under. */
  rulebookVersion: z.number().int(),
  reason: z.string().nullable(),
  evidence: z.string().nullable(),
  status: z.enum(POINTS_ENTRY_STATUSES),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  reversalOf: z.number().int().nullable(),
  createdAt: z.string(),
});
export type EntryViewT = z.infer<typeof EntryView>;
export const EntryListQuery = z.object({
  orgId: z.coerce.number().int().positive(),
  memberId: z.coerce.number().int().positive().optional(),
  year: year.optional(),
  status: z.enum(POINTS_ENTRY_STATUSES).optional(),
  ruleCode: z.string().trim().max(40).optional(),
  /** The period the entries occurred in (Asia/Shanghai dates, both ends included). */
  from: date.optional(),
  to: date.optional(),
  ...page,
});
export const EntryList = z.object({ items: z.array(EntryView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const AwardBody = z.strictObject({
  memberId: z.number().int().positive(),
  ruleCode: z.string().min(1, '请选择积分规则').max(40),
  /** Defaults to the rule's points; may be less, never more, never of the other sign. */
  points: points.optional(),
  occurredOn: date.optional(),
  reason: trimmed(500).min(2, '请填写加减分事由'),
  evidence: trimmed(2000).nullable().optional(),
});
export type AwardInput = z.infer<typeof AwardBody>;
export const AwardResult = z.object({ id: z.number().int(), status: z.enum(POINTS_ENTRY_STATUSES) });
export const DecideEntryBody = z.strictObject({ decision: z.enum(['approve', 'reject'], { error: '请选择通过或不通过' }), note: trimmed(500).nullable().optional() });
export const ReverseBody = z.strictObject({ reason: trimmed(500).min(2, '请填写冲销原因') });

// ----- appeals ---------------------------------------------------------------------------

export const AppealView = z.object({
  id: z.number().int(),
  entryId: z.number().int().nullable(),
  memberId: z.number().int(),
  memberName: z.string(),
  year: z.number().int(),
  reason: z.string(),
  status: z.enum(APPEAL_STATUSES),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  entryItem: z.string().nullable(),
  entryPoints: z.number().nullable(),
  entryOccurredOn: z.string().nullable(),
});
export type AppealViewT = z.infer<typeof AppealView>;
export const AppealListQuery = z.object({ orgId: z.coerce.number().int().positive(), year: year.optional(), status: z.enum(APPEAL_STATUSES).optional(), ...page });
export const AppealList = z.object({ items: z.array(AppealView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const AppealBody = z.strictObject({ entryId: z.number().int().positive().optional(), year: z.number().int().min(2000).max(2100).optional(), reason: trimmed(1000).min(2, '请写明申诉理由（至少 2 个字）') });
export const DecideAppealBody = z.strictObject({
  decision: z.enum(['upheld', 'corrected'], { error: '请选择维持或更正' }),
  reason: trimmed(1000).min(2, '请写明处理理由'),
  /** For "corrected": reverse the appealed entry. */
  reverseEntry: z.boolean().default(false),
  /** For "corrected": a corrected entry under a rule of the year's rulebook. */
  correction: z.strictObject({ ruleCode: z.string().min(1).max(40), points: points, occurredOn: date.optional() }).nullable().optional(),
});
export type DecideAppealInput = z.infer<typeof DecideAppealBody>;

// ----- indices and reports ---------------------------------------------------------------

export const Formulas = z.object({ member: z.string(), org: z.string(), stars: z.string(), base: z.number(), starThresholds: z.array(z.number()) });
const CategoryPoints = z.object({ category: z.enum(POINTS_CATEGORIES), points: z.number() });
export const MyPoints = z.object({
  year: z.number().int(),
  index: z.object({ value: z.number(), stars: z.number().int(), points: z.number() }),
  formulas: Formulas,
  byCategory: z.array(CategoryPoints),
  byRule: z.array(z.object({ ruleCode: z.string(), item: z.string(), category: z.enum(POINTS_CATEGORIES), points: z.number(), entries: z.number().int() })),
  entries: z.array(EntryView.extend({ appealable: z.boolean() })),
  appeals: z.array(AppealView),
});
export const OrgIndexView = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  orgKind: z.string(),
  value: z.number().nullable(),
  stars: z.number().int(),
  members: z.number().int(),
  activeMembers: z.number().int(),
  activeShare: z.number().nullable(),
});
export const OrgPoints = z.object({
  year: z.number().int(),
  org: OrgIndexView,
  /** Direct sub-organisations by name (never ranked). */
  children: z.array(OrgIndexView),
  formulas: Formulas,
  computedAt: z.string().nullable(),
  /** Whether the deployment allows ordering members by score (points.rankingsEnabled). */
  rankingsEnabled: z.boolean(),
});
export const OrgMembersQuery = z.object({ year: year.optional(), order: z.enum(['name', 'value']).default('name'), ...page });
export const OrgMembers = z.object({
  year: z.number().int(),
  items: z.array(z.object({ memberId: z.number().int(), name: z.string(), orgName: z.string(), value: z.number(), stars: z.number().int() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Never an assessment: points feed the appraisal as one input, and ordering by score is a deployment's choice. */
  notice: z.string(),
});
export const RecomputeQuery = z.object({ year: year.optional() });
export const RecomputeResult = z.object({ year: z.number().int(), members: z.number().int(), orgs: z.number().int(), ms: z.number().int() });

const OutcomeCount = z.object({ kind: z.enum(OUTCOME_KINDS), count: z.number().int() });
export const MemberReport = z.object({
  year: z.number().int(),
  member: z.object({ name: z.string(), orgName: z.string() }),
  index: z.object({ value: z.number(), stars: z.number().int(), points: z.number() }),
  formulas: Formulas,
  byCategory: z.array(CategoryPoints),
  outcomes: z.array(OutcomeCount),
  studyHours: z.object({ hours: z.number(), required: z.number(), records: z.number().int() }),
  appraisalGrade: z.string().nullable(),
  awards: z.array(z.object({ item: z.string(), points: z.number(), occurredOn: z.string(), reason: z.string().nullable() })),
  appeals: z.object({ open: z.number().int(), decided: z.number().int() }),
  generatedAt: z.string(),
});
export const OrgReport = z.object({
  year: z.number().int(),
  org: OrgIndexView,
  formulas: Formulas,
  byCategory: z.array(CategoryPoints),
  outcomes: z.array(OutcomeCount),
  studyHours: z.object({ hours: z.number(), members: z.number().int(), membersMeetingRequired: z.number().int(), required: z.number() }),
  appraisalGrades: z.array(z.object({ grade: z.string(), count: z.number().int() })),
  starCounts: z.array(z.object({ stars: z.number().int(), count: z.number().int() })),
  appeals: z.object({ open: z.number().int(), decided: z.number().int() }),
  generatedAt: z.string(),
});
