import { z } from 'zod';
import { EDUCATION_LEVELS, GENDERS, KEY_POSITIONS, LEADERSHIP_POSTS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '@hongyun/shared';
import { compiledResponse } from '../../platform/serialize';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values))]).transform((v) => (Array.isArray(v) ? v : [v]));

export const MemberIdParams = z.object({ id: z.coerce.number().int().positive() });

export const MEMBER_SORTS = ['name', 'birthDate', 'joinedOn', 'confirmedOn', 'createdAt'] as const;

/** Filters shared by the roster list and its export. */
export const MemberFilter = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  category: csv(MEMBER_CATEGORIES).optional(),
  status: csv(MEMBER_STATUSES).optional(),
  keyPosition: csv(KEY_POSITIONS).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  standingMin: z.coerce.number().int().min(0).max(100).optional(),
  standingMax: z.coerce.number().int().min(0).max(100).optional(),
  isMobile: z.enum(['true', 'false']).optional(),
  sort: z.enum(MEMBER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MemberFilterInput = z.infer<typeof MemberFilter>;

export const MemberListQuery = MemberFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const MemberListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(GENDERS),
  birthDate: date,
  age: z.number().int(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  status: z.enum(MEMBER_STATUSES),
  keyPositions: z.array(z.enum(KEY_POSITIONS)),
  joinedOn: date.nullable(),
  confirmedOn: date.nullable(),
  standingYears: z.number().int(),
  employerName: z.string().nullable(),
  isMobile: z.boolean(),
});
export type MemberListItemView = z.infer<typeof MemberListItem>;

// The roster page is the busiest read: written by the compiled serializer (platform/serialize.ts).
export const MemberList = compiledResponse(z.object({
  items: z.array(MemberListItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
}));

export const MemberDetail = MemberListItem.extend({
  ethnicity: z.string().nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  employerEnterpriseId: z.number().int().nullable(),
  job: z.string().nullable(),
  partyGroupId: z.number().int().nullable(),
  partyGroupName: z.string().nullable(),
  appliedOn: date.nullable(),
  activistOn: date.nullable(),
  candidateOn: date.nullable(),
  isInHardship: z.boolean(),
  isPartyWorker: z.boolean(),
  posts: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), post: z.enum(LEADERSHIP_POSTS) })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), reveal: z.boolean() }),
});
export type MemberDetailView = z.infer<typeof MemberDetail>;

const memberFields = {
  orgId: z.number().int().positive(),
  partyGroupId: z.number().int().positive().nullable().optional(),
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不能超过 50 个字符'),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(30),
  gender: z.enum(GENDERS).optional(),
  ethnicity: optionalText(20).nullable().optional(),
  phone: optionalText(20).nullable().optional(),
  education: z.enum(EDUCATION_LEVELS).nullable().optional(),
  employerEnterpriseId: z.number().int().positive().nullable().optional(),
  employerName: optionalText(120).nullable().optional(),
  job: optionalText(60).nullable().optional(),
  keyPositions: z.array(z.enum(KEY_POSITIONS)).max(6).optional(),
  category: z.enum(MEMBER_CATEGORIES),
  status: z.enum(MEMBER_STATUSES).optional(),
  appliedOn: date.nullable().optional(),
  activistOn: date.nullable().optional(),
  candidateOn: date.nullable().optional(),
  joinedOn: date.nullable().optional(),
  confirmedOn: date.nullable().optional(),
  isMobile: z.boolean().optional(),
  isInHardship: z.boolean().optional(),
  isPartyWorker: z.boolean().optional(),
};

export const CreateMemberBody = z.strictObject(memberFields);
export type CreateMemberInput = z.infer<typeof CreateMemberBody>;

export const UpdateMemberBody = z.strictObject({
  ...Object.fromEntries(Object.entries(memberFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof memberFields]: z.ZodOptional<(typeof memberFields)[K]> },
  version: z.number().int(),
});
export type UpdateMemberInput = z.infer<typeof UpdateMemberBody>;

export const RevealBody = z.strictObject({ field: z.enum(['idNumber', 'phone']) });
export const RevealResponse = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

export const AccessLogItem = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  ip: z.string().nullable(),
});
export const AccessLog = z.object({ items: z.array(AccessLogItem), total: z.number().int() });
