import { z } from 'zod';
import { CARRIER_KINDS, COVERAGE_MODES, MEMBER_CATEGORIES, OPERATING_STATUSES, ORG_KINDS, PARTY_STATUSES, SIZE_BANDS } from '@hongyun/shared';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const phone = trimmed(30).regex(/^[0-9+\-() ]*$/, '电话只能包含数字、空格和 +-()');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });

// ---------------------------------------------------------------------------
// Kinds and carriers
// ---------------------------------------------------------------------------

export const EnterpriseKindView = z.object({ code: z.string(), name: z.string(), position: z.number().int(), builtin: z.boolean() });
export const EnterpriseKindList = z.object({ items: z.array(EnterpriseKindView) });
export const CreateKindBody = z.strictObject({
  code: z.string().trim().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '类别代码以字母开头，只能包含字母和数字，最长 40 位'),
  name: trimmed(40).min(1, '请填写类别名称'),
});

export const CarrierView = z.object({
  id: z.number().int(),
  kind: z.enum(CARRIER_KINDS),
  name: z.string(),
  townOrgId: z.number().int(),
  townName: z.string(),
  address: z.string().nullable(),
  enterpriseCount: z.number().int(),
});
export const CarrierListQuery = z.object({ townOrgId: z.coerce.number().int().positive().optional() });
export const CarrierList = z.object({ items: z.array(CarrierView) });
export const CreateCarrierBody = z.strictObject({
  kind: z.enum(CARRIER_KINDS),
  name: trimmed(100).min(1, '请填写载体名称'),
  townOrgId: z.number().int().positive(),
  address: trimmed(200).optional(),
});
export const UpdateCarrierBody = z.strictObject({
  kind: z.enum(CARRIER_KINDS).optional(),
  name: trimmed(100).min(1, '请填写载体名称').optional(),
  address: trimmed(200).nullable().optional(),
});

// ---------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------

/** The registry fields a user types (party presence is derived, never typed). */
const EnterpriseFields = {
  name: trimmed(120).min(1, '请填写单位名称'),
  kindCode: z.string().trim().max(40).nullable().optional(),
  carrierId: z.number().int().positive().nullable().optional(),
  address: trimmed(200).nullable().optional(),
  staffCount: z.number().int('从业人数应为整数').min(0, '从业人数不能为负数').max(10_000_000).nullable().optional(),
  foundedOn: date.nullable().optional(),
  settledOn: date.nullable().optional(),
  operatingStatus: z.enum(OPERATING_STATUSES).optional(),
  statusReason: trimmed(200).nullable().optional(),
  hasFixedPremises: z.boolean().optional(),
  investorPartyStatus: z.enum(PARTY_STATUSES).optional(),
  managerPartyStatus: z.enum(PARTY_STATUSES).optional(),
  hrContactName: trimmed(50).nullable().optional(),
  hrContactPhone: phone.nullable().optional(),
  liaisonName: trimmed(50).nullable().optional(),
  liaisonPhone: phone.nullable().optional(),
  instructorName: trimmed(50).nullable().optional(),
  instructorPhone: phone.nullable().optional(),
  hasUnion: z.boolean().optional(),
  hasYouthLeague: z.boolean().optional(),
};

export const CreateEnterpriseBody = z.strictObject({
  uscc: z.string().trim().min(1, '请填写统一社会信用代码').max(18, '统一社会信用代码为 18 位'),
  townOrgId: z.number().int().positive(),
  ...EnterpriseFields,
});
export type CreateEnterpriseInput = z.infer<typeof CreateEnterpriseBody>;

export const UpdateEnterpriseBody = z.strictObject({
  version: z.number().int(),
  townOrgId: z.number().int().positive().optional(),
  ...EnterpriseFields,
  name: EnterpriseFields.name.optional(),
});
export type UpdateEnterpriseInput = z.infer<typeof UpdateEnterpriseBody>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !(values as readonly string[]).includes(p));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `不支持的取值：${bad.join('、')}` });
    return parts as T[number][];
  });

/** The list's filters; the dashboard's drill-down links use these names exactly. */
export const EnterpriseFilterQuery = z.object({
  q: z.string().trim().max(60).optional(),
  townOrgId: z.coerce.number().int().positive().optional(),
  carrierId: z.coerce.number().int().positive().optional(),
  kindCode: z.string().trim().max(40).optional(),
  sizeBand: z.enum(SIZE_BANDS).optional(),
  operatingStatus: z.enum(OPERATING_STATUSES).optional(),
  coverageMode: csv(COVERAGE_MODES).optional(),
  organised: bool.optional(),
  workCovered: bool.optional(),
  inDenominator: bool.optional(),
  hasMembers: bool.optional(),
});
export type EnterpriseFilter = z.infer<typeof EnterpriseFilterQuery>;

export const EnterpriseListQuery = EnterpriseFilterQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const EnterpriseView = z.object({
  id: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  townOrgId: z.number().int().nullable(),
  townName: z.string().nullable(),
  carrierId: z.number().int().nullable(),
  carrierName: z.string().nullable(),
  kindCode: z.string().nullable(),
  kindName: z.string().nullable(),
  staffCount: z.number().int().nullable(),
  sizeBand: z.enum(SIZE_BANDS),
  operatingStatus: z.enum(OPERATING_STATUSES),
  coverageMode: z.enum(COVERAGE_MODES),
  inDenominator: z.boolean(),
  workMeasure: z.boolean(),
  memberCount: z.number().int(),
});
export const EnterpriseList = z.object({ items: z.array(EnterpriseView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const OrgRef = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), abolished: z.boolean() });

export const EnterpriseDetail = EnterpriseView.extend({
  address: z.string().nullable(),
  foundedOn: date.nullable(),
  settledOn: date.nullable(),
  statusReason: z.string().nullable(),
  hasFixedPremises: z.boolean(),
  goneOn: date.nullable(),
  goneReason: z.string().nullable(),
  investorPartyStatus: z.enum(PARTY_STATUSES),
  managerPartyStatus: z.enum(PARTY_STATUSES),
  hrContactName: z.string().nullable(),
  hrContactPhone: z.string().nullable(),
  liaisonName: z.string().nullable(),
  liaisonPhone: z.string().nullable(),
  instructorName: z.string().nullable(),
  instructorPhone: z.string().nullable(),
  hasUnion: z.boolean(),
  hasYouthLeague: z.boolean(),
  version: z.number().int(),
  /** Derived from the roster and the organisations, never typed. */
  presence: z.object({
    members: z.object({ total: z.number().int(), full: z.number().int(), probationary: z.number().int() }),
    /** The members the caller may see (names only; no ID numbers or phones). */
    memberList: z.array(z.object({ id: z.number().int(), name: z.string(), category: z.enum(MEMBER_CATEGORIES), orgName: z.string() })),
    coverageOrg: OrgRef.nullable(),
    leadEnterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    linkedOrgs: z.array(OrgRef),
    /** Companies this one builds for (龙头领建). */
    chain: z.array(z.object({ id: z.number().int(), name: z.string() })),
  }),
  abilities: z.object({ edit: z.boolean() }),
});
export type EnterpriseDetailView = z.infer<typeof EnterpriseDetail>;

export const CoverageBody = z.strictObject({
  mode: z.enum(COVERAGE_MODES),
  orgId: z.number().int().positive().nullable().optional(),
  leadEnterpriseId: z.number().int().positive().nullable().optional(),
  version: z.number().int(),
});
export type CoverageInput = z.infer<typeof CoverageBody>;
export const CoverageResult = z.object({ ok: z.literal(true), warnings: z.array(z.object({ code: z.string(), message: z.string() })) });
export const Ok = z.object({ ok: z.literal(true) });
