import { z } from 'zod';
import { APPRAISAL_GRADES, APPRAISAL_STAGES, MEMBER_CATEGORIES } from '@hongyun/shared';

const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const year = z.coerce.number({ error: '年度应为整数' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const grade = z.enum(APPRAISAL_GRADES, { error: '等次应为 优秀/合格/基本合格/不合格 之一' });
const version = z.number({ error: '请提供版本号（version）' }).int();

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const AppealParams = z.object({ id: z.coerce.number().int().positive(), appealId: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });
export const VersionBody = z.strictObject({ version });

/** Counts per grade: peer ballots of one member, or the published result of a campaign. */
export const GradeCounts = z.object({ excellent: z.number().int(), qualified: z.number().int(), basicallyQualified: z.number().int(), unqualified: z.number().int() });

// ---------------------------------------------------------------------------
// The secretary's side
// ---------------------------------------------------------------------------

export const CreateCampaignBody = z.strictObject({
  orgId: z.number({ error: '请选择党组织' }).int().positive(),
  year,
  title: trimmed(100).min(1, '请填写评议名称'),
  studyMaterials: trimmed(5000).nullable().optional(),
  reviewDueOn: date,
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignBody>;

export const CampaignListQuery = z.object({
  year: year.optional(),
  stage: z.enum(APPRAISAL_STAGES).optional(),
  /** Only campaigns of this organisation and those below it. */
  orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CampaignListInput = z.infer<typeof CampaignListQuery>;

export const CampaignSummary = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  title: z.string(),
  stage: z.enum(APPRAISAL_STAGES),
  reviewDueOn: z.string(),
  appealUntil: z.string().nullable(),
  participantCount: z.number().int(),
  /** Participants who handed in the self-review and reviewed every other participant. */
  finishedCount: z.number().int(),
  openAppealCount: z.number().int(),
  version: z.number().int(),
});
export const CampaignList = z.object({ items: z.array(CampaignSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ParticipantView = z.object({
  memberId: z.number().int(),
  name: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  selfSubmittedAt: z.string().nullable(),
  selfGrade: grade.nullable(),
  selfAnalysis: z.string().nullable(),
  /** Peers this member has reviewed, of those they should. */
  reviewsDone: z.number().int(),
  reviewsExpected: z.number().int(),
  finished: z.boolean(),
  /**
   * What peers said of this member, without who said it: counts per grade and the comments in
   * a neutral (alphabetical) order. Null while reviews are still coming in (watching counts
   * change next to the progress list would name the author), and when too few ballots came in.
   */
  peerResult: z.object({ ballots: z.number().int(), counts: GradeCounts, comments: z.array(z.string()) }).nullable(),
  /** Ballots received; shown so the committee knows why peerResult is missing. */
  ballotsReceived: z.number().int().nullable(),
  proposedGrade: grade.nullable(),
  proposedReason: z.string().nullable(),
  finalGrade: grade.nullable(),
});

export const AppealView = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  name: z.string(),
  reason: z.string(),
  status: z.enum(['open', 'upheld', 'changed']),
  decision: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const CampaignDetail = CampaignSummary.extend({
  studyMaterials: z.string().nullable(),
  publishedAt: z.string().nullable(),
  confirmedMeeting: z.object({ id: z.number().int(), title: z.string(), startsAt: z.string() }).nullable(),
  /** The most participants who may be rated 优秀 (orgLife.excellentMaxShare of them, rounded down). */
  excellentMax: z.number().int(),
  participants: z.array(ParticipantView),
  appeals: z.array(AppealView),
  /** Counts of final grades as published to the organisation (no names). */
  publishedCounts: GradeCounts.nullable(),
  abilities: z.object({
    remind: z.boolean(), closeReview: z.boolean(), propose: z.boolean(), confirm: z.boolean(), publish: z.boolean(), decideAppeals: z.boolean(), close: z.boolean(),
  }),
});
export type CampaignDetailT = z.infer<typeof CampaignDetail>;

export const RemindResult = z.object({ reminded: z.number().int(), alreadyReminded: z.number().int() });

export const ProposalBody = z.strictObject({
  grades: z.array(z.strictObject({ memberId: z.number().int().positive(), grade, reason: trimmed(500).nullable().optional() })).max(500),
  version,
});
export type ProposalInput = z.infer<typeof ProposalBody>;

export const ConfirmBody = z.strictObject({ meetingId: z.number({ error: '请选择审议评定结果的支部党员大会' }).int().positive(), version });

export const DecideAppealBody = z.strictObject({
  status: z.enum(['upheld', 'changed'], { error: '处理结果应为 维持原等次（upheld） 或 改变等次（changed）' }),
  grade: grade.optional(),
  decision: trimmed(1000).min(2, '请填写复核意见'),
});
export type DecideAppealInput = z.infer<typeof DecideAppealBody>;

// ---------------------------------------------------------------------------
// The member's side
// ---------------------------------------------------------------------------

export const MyCampaignSummary = z.object({
  id: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  title: z.string(),
  stage: z.enum(APPRAISAL_STAGES),
  reviewDueOn: z.string(),
  appealUntil: z.string().nullable(),
  selfSubmitted: z.boolean(),
  reviewed: z.number().int(),
  toReview: z.number().int(),
  finished: z.boolean(),
  /** My final grade, once published. */
  myGrade: grade.nullable(),
});
export const MyCampaignList = z.object({ items: z.array(MyCampaignSummary) });

export const MyCampaign = MyCampaignSummary.extend({
  studyMaterials: z.string().nullable(),
  publishedAt: z.string().nullable(),
  self: z.object({ selfAnalysis: z.string().nullable(), selfGrade: grade.nullable(), submittedAt: z.string().nullable() }),
  myCategory: z.enum(MEMBER_CATEGORIES),
  /** The others to review, and whether I have (never what anyone gave). */
  peers: z.array(z.object({ memberId: z.number().int(), name: z.string(), category: z.enum(MEMBER_CATEGORIES), reviewed: z.boolean() })),
  /** Counts of final grades published to the organisation; null before publication. */
  result: z.object({ participantCount: z.number().int(), counts: GradeCounts }).nullable(),
  appeal: z.object({ reason: z.string(), status: z.enum(['open', 'upheld', 'changed']), decision: z.string().nullable(), createdAt: z.string(), decidedAt: z.string().nullable() }).nullable(),
  abilities: z.object({ editSelf: z.boolean(), review: z.boolean(), appeal: z.boolean() }),
});
export type MyCampaignT = z.infer<typeof MyCampaign>;

export const SelfReviewBody = z.strictObject({
  selfAnalysis: trimmed(5000).min(20, '党性分析请至少写 20 个字，对照合格党员标准和入党誓词谈谈自己'),
  selfGrade: grade,
});
export type SelfReviewInput = z.infer<typeof SelfReviewBody>;

export const PeerReviewBody = z.strictObject({
  reviews: z
    .array(z.strictObject({ memberId: z.number().int().positive(), grade, comment: trimmed(500).nullable().optional() }))
    .min(1, '请至少评议一名党员')
    .max(500),
});
export type PeerReviewInput = z.infer<typeof PeerReviewBody>;
export const PeerReviewResult = z.object({ reviewed: z.number().int(), toReview: z.number().int(), finished: z.boolean() });

export const AppealBody = z.strictObject({ reason: trimmed(1000).min(2, '请写明申诉理由') });

export const History = z.object({
  items: z.array(z.object({ year: z.number().int(), grade, orgName: z.string(), campaignId: z.number().int() })),
});
