import { z } from 'zod';
import { ASSESSMENT_STATUSES, ORG_KINDS } from '@hongyun/shared';

const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const year = z.coerce.number().int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const ItemParams = z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

export const TemplateItemView = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  guidance: z.string().nullable(),
  /** The three items named by the founding document: their titles cannot be changed. */
  fixed: z.boolean(),
});

export const TemplateView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  revision: z.number().int(),
  items: z.array(TemplateItemView),
  assessmentCount: z.number().int(),
});
export type TemplateViewT = z.infer<typeof TemplateView>;

export const TemplateListQuery = z.object({ year: year.optional() });
export const TemplateList = z.object({ items: z.array(TemplateView) });

export const CreateTemplateBody = z.strictObject({
  year,
  /** The deployment's root organisation; defaults to the caller's only one. */
  orgId: z.number().int().positive().optional(),
});

export const UpdateTemplateBody = z.strictObject({
  title: trimmed(60).min(1, '请填写标准名称'),
  items: z
    .array(z.strictObject({ title: trimmed(60).min(1, '请填写条目名称'), guidance: trimmed(500).nullable().optional() }))
    .length(6, '“六个有”固定为 6 个条目'),
  revision: z.number().int(),
});
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateBody>;

export const RevisionBody = z.strictObject({ revision: z.number().int() });

// ---------------------------------------------------------------------------
// Assessments
// ---------------------------------------------------------------------------

export const AttachmentView = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentViewT = z.infer<typeof AttachmentView>;

export const AssessmentSummary = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  orgKind: z.enum(ORG_KINDS),
  templateId: z.number().int(),
  year: z.number().int(),
  status: z.enum(ASSESSMENT_STATUSES),
  stars: z.number().int().nullable(),
  claimedCount: z.number().int(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number().int(),
});

export const AssessmentListQuery = z.object({
  year: year.optional(),
  status: z.enum(ASSESSMENT_STATUSES).optional(),
  rootOrgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AssessmentListInput = z.infer<typeof AssessmentListQuery>;
export const AssessmentList = z.object({ items: z.array(AssessmentSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const AssessmentDetail = AssessmentSummary.extend({
  templateTitle: z.string(),
  templateVersion: z.number().int(),
  returnReason: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      title: z.string(),
      guidance: z.string().nullable(),
      claimed: z.boolean(),
      evidence: z.string().nullable(),
      accepted: z.boolean().nullable(),
      attachments: z.array(AttachmentView),
    }),
  ),
  /** What the caller may do now (the UI never re-implements the rules). */
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
});
export type AssessmentDetailT = z.infer<typeof AssessmentDetail>;

export const OpenAssessmentBody = z.strictObject({ orgId: z.number().int().positive(), year: year.optional() });

export const AnswersBody = z.strictObject({
  answers: z
    .array(z.strictObject({ itemId: z.number().int().positive(), claimed: z.boolean(), evidence: trimmed(2000).nullable().optional() }))
    .max(6),
  version: z.number().int(),
});
export type AnswersInput = z.infer<typeof AnswersBody>;

export const VersionBody = z.strictObject({ version: z.number().int() });

export const ReviewBody = z.strictObject({
  decision: z.enum(['accept', 'return']),
  items: z.array(z.strictObject({ itemId: z.number().int().positive(), accepted: z.boolean() })).max(6),
  reason: trimmed(500).nullable().optional(),
  version: z.number().int(),
});
export type ReviewInput = z.infer<typeof ReviewBody>;

// ---------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------

export const OverviewQuery = z.object({
  rootOrgId: z.coerce.number().int().positive(),
  year: year.optional(),
  status: z.enum([...ASSESSMENT_STATUSES, 'none']).optional(),
  /** Only accepted assessments rated this many stars (0–6), as the dashboard's per-star figures count them. */
  stars: z.coerce.number({ error: '星级应为 0–6 的整数' }).int('星级应为 0–6 的整数').min(0, '星级应为 0–6 的整数').max(6, '星级应为 0–6 的整数').optional(),
  /** Only organisations linked to a company in this carrier (park, building, …), as a carrier dashboard counts them. */
  carrierId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OverviewInput = z.infer<typeof OverviewQuery>;

export const Overview = z.object({
  year: z.number().int(),
  template: z.object({ id: z.number().int(), version: z.number().int(), title: z.string(), items: z.array(z.object({ position: z.number().int(), title: z.string() })) }).nullable(),
  rows: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      orgKind: z.enum(ORG_KINDS),
      assessmentId: z.number().int().nullable(),
      status: z.enum([...ASSESSMENT_STATUSES, 'none']),
      stars: z.number().int().nullable(),
      /** Positions (1–6) of the items accepted by the review. */
      metPositions: z.array(z.number().int()),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Over the whole subtree: organisations per status, and accepted ones per star count. */
  statusCounts: z.record(z.string(), z.number().int()),
  starCounts: z.array(z.object({ stars: z.number().int(), n: z.number().int() })),
  asOf: z.string(),
});
