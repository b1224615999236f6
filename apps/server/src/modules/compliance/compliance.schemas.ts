import { z } from 'zod';
import { COMPLIANCE_STATUSES, EXEMPTION_STATUSES, MEETING_KINDS, MEETING_MODES, ORG_KINDS, REQUIRED_MEETING_KINDS, type RequiredMeetingKind } from '@hongyun/shared';

const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const year = z.coerce.number({ error: '年度应为整数' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');
// The shared list is typed as a plain readonly array; zod wants a non-empty tuple.
const requiredKind = z.enum(REQUIRED_MEETING_KINDS as [RequiredMeetingKind, ...RequiredMeetingKind[]], { error: '请选择有召开频次要求的会议类型' });
const period = z.enum(['month', 'quarter', 'year']);

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });
export const YearQuery = z.object({ year: year.optional() });

export const Summary = z.object({
  required: z.number().int(),
  met: z.number().int(),
  due: z.number().int(),
  missed: z.number().int(),
  exempt: z.number().int(),
  upcoming: z.number().int(),
});
const KindSummary = Summary.extend({ kind: requiredKind });

export const RuleView = z.object({ kind: requiredKind, period, times: z.number().int(), citation: z.string() });

// ---------------------------------------------------------------------------
// One organisation
// ---------------------------------------------------------------------------

const CellMeeting = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  /** Counts for the cell (minutes confirmed); otherwise planned or awaiting confirmation. */
  held: z.boolean(),
});

export const ExemptionView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: requiredKind,
  periodKey: z.string(),
  periodLabel: z.string(),
  reason: z.string(),
  status: z.enum(EXEMPTION_STATUSES),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The caller may decide it now (compliance.exempt strictly above, not their own request). */
  canDecide: z.boolean(),
});
export type ExemptionViewT = z.infer<typeof ExemptionView>;

export const OrgCompliance = z.object({
  org: z.object({
    id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), foundedOn: z.string().nullable(), abolishedOn: z.string().nullable(),
    isBranchLike: z.boolean(), hasCommittee: z.boolean(), partyGroups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  }),
  year: z.number().int(),
  today: z.string(),
  rows: z.array(z.object({
    kind: requiredKind,
    partyGroupId: z.number().int().nullable(),
    partyGroupName: z.string().nullable(),
    period,
    times: z.number().int(),
    citation: z.string(),
    applies: z.boolean(),
    notApplicableReason: z.string().nullable(),
    cells: z.array(z.object({
      periodKey: z.string(), label: z.string(), start: z.string(), end: z.string(), required: z.number().int(), held: z.number().int(),
      status: z.enum(COMPLIANCE_STATUSES), daysLeft: z.number().int().nullable(),
      meetings: z.array(CellMeeting),
      /** A live (requested or approved) exemption of this kind and period. */
      exemption: z.object({ id: z.number().int(), status: z.enum(EXEMPTION_STATUSES) }).nullable(),
    })),
  })),
  summary: Summary,
  deadlines: z.array(z.object({ kind: requiredKind, partyGroupId: z.number().int().nullable(), periodKey: z.string(), dueOn: z.string(), daysLeft: z.number().int(), title: z.string() })),
  exemptions: z.array(ExemptionView),
  /** 换届: the current term's due date; overdue, or due within the reminder window (6 months by default). */
  reelection: z.object({ termStart: z.string(), termDue: z.string().nullable(), overdue: z.boolean(), dueSoon: z.boolean(), daysLeft: z.number().int().nullable(), reminderMonths: z.number().int() }).nullable(),
  abilities: z.object({ requestExemption: z.boolean() }),
  asOf: z.string(),
});
export type OrgComplianceT = z.infer<typeof OrgCompliance>;

// ---------------------------------------------------------------------------
// Rollup
// ---------------------------------------------------------------------------

export const RollupQuery = z.object({
  /** The organisation to roll up under; the caller's widest scope when omitted. */
  rootOrgId: z.coerce.number().int().positive().optional(),
  year: year.optional(),
  /** Only rows with an organisation that missed a period. */
  missedOnly: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type RollupInput = z.infer<typeof RollupQuery>;

const RollupRow = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  /** A branch-level organisation: drill down to its grid, not to another rollup. */
  isBranchLike: z.boolean(),
  /** Branch-level organisations counted. */
  branches: z.number().int(),
  /** Of them, those with at least one missed period this year. */
  orgsWithMissed: z.number().int(),
  summary: Summary,
  byKind: z.array(KindSummary),
});
export type RollupRowT = z.infer<typeof RollupRow>;

export const Rollup = z.object({
  root: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), parentId: z.number().int().nullable() }),
  year: z.number().int(),
  today: z.string(),
  rules: z.array(RuleView),
  total: RollupRow,
  /** Direct children holding branch-level organisations, by name (never ranked by score); one page. */
  rows: z.array(RollupRow),
  totalRows: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  asOf: z.string(),
});
export type RollupT = z.infer<typeof Rollup>;

// ---------------------------------------------------------------------------
// Exemptions
// ---------------------------------------------------------------------------

export const RequestExemptionBody = z.strictObject({
  orgId: z.number().int().positive(),
  kind: requiredKind,
  periodKey: z.string().trim().regex(/^\d{4}(-\d{2}|-Q[1-4])?$/, '期间格式应为 2026-11（月）、2026-Q4（季度）或 2026（年度）'),
  reason: trimmed(500).min(2, '请说明申请豁免的原因（至少 2 个字）'),
});
export type RequestExemptionInput = z.infer<typeof RequestExemptionBody>;

export const DecideExemptionBody = z.strictObject({
  decision: z.enum(['approved', 'rejected'], { error: '请选择同意或不同意' }),
  note: trimmed(500).nullable().optional(),
});
export type DecideExemptionInput = z.infer<typeof DecideExemptionBody>;

export const ExemptionListQuery = z.object({
  status: z.enum(EXEMPTION_STATUSES).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ExemptionListInput = z.infer<typeof ExemptionListQuery>;
export const ExemptionList = z.object({ items: z.array(ExemptionView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---------------------------------------------------------------------------
// Ledger (台账)
// ---------------------------------------------------------------------------

export const LedgerMeeting = z.object({
  id: z.number().int(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  topics: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(MEETING_MODES),
  /** The booked venue's name, else the place typed in; null for online meetings. */
  place: z.string().nullable(),
  partyGroupName: z.string().nullable(),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  lecturerName: z.string().nullable(),
  attendance: z.object({ invited: z.number().int(), present: z.number().int(), online: z.number().int(), excused: z.number().int(), absent: z.number().int(), unknown: z.number().int() }),
  minutes: z.object({ excerpt: z.string(), decisions: z.string().nullable(), confirmedAt: z.string().nullable() }).nullable(),
  votes: z.array(z.object({ item: z.string(), entitled: z.number().int(), present: z.number().int(), yes: z.number().int(), no: z.number().int(), abstain: z.number().int(), quorumMet: z.boolean(), passed: z.boolean() })),
  /** Counts towards compliance: minutes confirmed. */
  held: z.boolean(),
});
export type LedgerMeetingT = z.infer<typeof LedgerMeeting>;

export const Ledger = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS) }),
  year: z.number().int(),
  generatedAt: z.string(),
  meetings: z.array(LedgerMeeting),
  summary: Summary,
  byKind: z.array(KindSummary.extend({ period, times: z.number().int(), citation: z.string(), held: z.number().int() })),
});
export type LedgerT = z.infer<typeof Ledger>;
