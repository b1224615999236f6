import { z } from 'zod';
import { LEADERSHIP_POSTS, ORG_KINDS, STRUCTURE_WARNING_CODES } from '@hongyun/shared';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

export const OrgIdParams = z.object({ id: z.coerce.number().int().positive() });

export const OrgNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string(),
  isTown: z.boolean(),
  abolished: z.boolean(),
  memberCount: z.number().int(),
});

export const TreeQuery = z.object({ includeAbolished: z.enum(['true', 'false']).optional() });
export const TreeResponse = z.object({ nodes: z.array(OrgNode) });

export const Warning = z.object({
  code: z.enum(STRUCTURE_WARNING_CODES),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  messageEn: z.string(),
  citation: z.string(),
});

export const LeadershipView = z.object({
  id: z.number().int(),
  termStart: date,
  termDue: date.nullable(),
  posts: z.array(z.object({ id: z.number().int(), post: z.enum(LEADERSHIP_POSTS), memberId: z.number().int(), memberName: z.string(), appointedOn: date })),
});

export const EnterpriseRef = z.object({ id: z.number().int(), uscc: z.string(), name: z.string() });

export const OrgDetail = OrgNode.extend({
  parent: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  path: z.array(z.object({ id: z.number().int(), name: z.string() })),
  foundedOn: date.nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  abolishedOn: date.nullable(),
  abolishedReason: z.string().nullable(),
  version: z.number().int(),
  enterprises: z.array(EnterpriseRef),
  counts: z.object({ members: z.number().int(), full: z.number().int(), probationary: z.number().int(), children: z.number().int() }),
  leadership: LeadershipView.nullable(),
  partyGroups: z.array(z.object({ id: z.number().int(), name: z.string(), memberCount: z.number().int() })),
  warnings: z.array(Warning),
  abilities: z.object({ edit: z.boolean(), move: z.boolean(), abolish: z.boolean(), addChild: z.boolean() }),
});
export type OrgDetailView = z.infer<typeof OrgDetail>;

export const CreateOrgBody = z.strictObject({
  parentId: z.number().int().positive(),
  kind: z.enum(ORG_KINDS),
  name: trimmed(100).min(1, '请填写组织名称'),
  shortName: trimmed(40).optional(),
  code: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, '组织编码只能包含字母、数字和连字符，最长 40 位'),
  isTown: z.boolean().optional(),
  foundedOn: date.optional(),
  contactName: trimmed(50).optional(),
  contactPhone: trimmed(30).optional(),
  address: trimmed(200).optional(),
  enterpriseIds: z.array(z.number().int().positive()).max(50).optional(),
});
export type CreateOrgInput = z.infer<typeof CreateOrgBody>;

export const UpdateOrgBody = z.strictObject({
  version: z.number().int(),
  kind: z.enum(ORG_KINDS).optional(),
  name: trimmed(100).min(1, '请填写组织名称').optional(),
  shortName: trimmed(40).nullable().optional(),
  code: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, '组织编码只能包含字母、数字和连字符，最长 40 位').optional(),
  foundedOn: date.nullable().optional(),
  contactName: trimmed(50).nullable().optional(),
  contactPhone: trimmed(30).nullable().optional(),
  address: trimmed(200).nullable().optional(),
  enterpriseIds: z.array(z.number().int().positive()).max(50).optional(),
});
export type UpdateOrgInput = z.infer<typeof UpdateOrgBody>;

export const AbolishBody = z.strictObject({
  abolishedOn: date,
  reason: trimmed(200).min(2, '请填写撤销原因'),
});

export const MoveBody = z.strictObject({ newParentId: z.number().int().positive() });

export const LeadershipBody = z.strictObject({
  termStart: date,
  posts: z.array(z.strictObject({ memberId: z.number().int().positive(), post: z.enum(LEADERSHIP_POSTS) })).max(15),
});
export type LeadershipInput = z.infer<typeof LeadershipBody>;

export const PartyGroupBody = z.strictObject({ name: trimmed(50).min(1, '请填写党小组名称') });
export const IdResponse = z.object({ id: z.number().int() });

export const WarningsQuery = z.object({ rootId: z.coerce.number().int().positive().optional() });
export const WarningsResponse = z.object({
  items: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), kind: z.enum(ORG_KINDS), warnings: z.array(Warning) })),
  asOf: z.string(),
});
