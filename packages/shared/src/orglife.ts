// Organisational life (组织生活): meeting kinds, replies and attendance, venues, the
// democratic appraisal's grades, and the rule settings they are judged by. Identifiers follow
// glossary.md ("Organisational life"); rules and sources are domain-rules.md §2.

import type { Label } from './enums';
import type { PeriodKind } from './dates';
import type { RuleSetting } from './settings';

export const MEETING_KINDS = [
  'generalMeeting',
  'committeeMeeting',
  'groupMeeting',
  'lecture',
  'themeDay',
  'lifeMeeting',
  'appraisalMeeting',
  'study',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_KIND_LABELS: Record<MeetingKind, Label> = {
  generalMeeting: { zh: '支部党员大会', en: 'General meeting' },
  committeeMeeting: { zh: '支委会', en: 'Committee meeting' },
  groupMeeting: { zh: '党小组会', en: 'Party group meeting' },
  lecture: { zh: '党课', en: 'Party lecture' },
  themeDay: { zh: '主题党日', en: 'Theme day' },
  lifeMeeting: { zh: '组织生活会', en: 'Life meeting' },
  appraisalMeeting: { zh: '民主评议会', en: 'Appraisal meeting' },
  study: { zh: '专题学习', en: 'Study session' },
};

/** Where a meeting takes place: in a room, online (网络e支部), or both. */
export const MEETING_MODES = ['offline', 'online', 'mixed'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];
export const MEETING_MODE_LABELS: Record<MeetingMode, Label> = {
  offline: { zh: '线下', en: 'In person' },
  online: { zh: '线上', en: 'Online' },
  mixed: { zh: '线上线下结合', en: 'In person and online' },
};

export const MEETING_STATUSES = ['planned', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** An invited member's answer before the meeting. */
export const MEETING_REPLIES = ['pending', 'attend', 'leave'] as const;
export type MeetingReply = (typeof MEETING_REPLIES)[number];
export const MEETING_REPLY_LABELS: Record<MeetingReply, Label> = {
  pending: { zh: '未回复', en: 'No reply' },
  attend: { zh: '参加', en: 'Attending' },
  leave: { zh: '请假', en: 'Leave requested' },
};

export const LEAVE_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, Label> = {
  requested: { zh: '待审批', en: 'Awaiting approval' },
  approved: { zh: '已准假', en: 'Approved' },
  rejected: { zh: '未准假', en: 'Rejected' },
};

/** What happened at the meeting. Sign-in is one way to record it, never a requirement. */
export const ATTENDANCES = ['unknown', 'present', 'online', 'excused', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
export const ATTENDANCE_LABELS: Record<Attendance, Label> = {
  unknown: { zh: '未记录', en: 'Not recorded' },
  present: { zh: '到会', en: 'Present' },
  online: { zh: '线上参加', en: 'Took part online' },
  excused: { zh: '请假', en: 'Excused' },
  absent: { zh: '缺席', en: 'Absent' },
};
export const SIGN_IN_METHODS = ['qr', 'marked', 'online'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Shared organisational-life bases (阵地) a meeting may book. */
export const VENUE_KINDS = ['serviceCenter', 'station', 'redSpace', 'other'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_KIND_LABELS: Record<VenueKind, Label> = {
  serviceCenter: { zh: '党群服务中心', en: 'Party-mass service centre' },
  station: { zh: '党群驿站', en: 'Party-mass station' },
  redSpace: { zh: '红创空间', en: 'Red maker space' },
  other: { zh: '其他阵地', en: 'Other venue' },
};

/** domain-rules §2.2: four grades by default. */
export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basicallyQualified', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, Label> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basicallyQualified: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

/**
 * A campaign's stages, in order: members study and write their 党性分析 and peer reviews
 * (`reviewing`), the committee proposes grades (`proposing`), the 党员大会 confirms them
 * (`confirmed`), the result is published and open to appeal (`published`), then closed.
 */
export const APPRAISAL_STAGES = ['reviewing', 'proposing', 'confirmed', 'published', 'closed'] as const;
export type AppraisalStage = (typeof APPRAISAL_STAGES)[number];
export const APPRAISAL_STAGE_LABELS: Record<AppraisalStage, Label> = {
  reviewing: { zh: '自评互评', en: 'Self and peer review' },
  proposing: { zh: '支委会提出评定意见', en: 'Committee proposal' },
  confirmed: { zh: '党员大会已审议', en: 'Confirmed by the general meeting' },
  published: { zh: '已公布（申诉期）', en: 'Published (appeal period)' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const EXEMPTION_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

// ---------------------------------------------------------------------------
// Required frequencies (a setting each, with its source)
// ---------------------------------------------------------------------------

/**
 * Which organisations a frequency applies to: every branch-level organisation, only those
 * with a 支部委员会 (a committee beyond a lone secretary), or only those with party groups.
 */
export type MeetingRuleScope = 'branch' | 'committee' | 'groups';

export interface MeetingFrequency {
  period: PeriodKind;
  /** Meetings required per period. */
  times: number;
  appliesTo: MeetingRuleScope;
}

/** The kinds with a required frequency; the others (民主评议会, 专题学习) count when held. */
export type RequiredMeetingKind = 'generalMeeting' | 'committeeMeeting' | 'groupMeeting' | 'lecture' | 'themeDay' | 'lifeMeeting';
export const REQUIRED_MEETING_KINDS: readonly RequiredMeetingKind[] = ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'lecture', 'themeDay', 'lifeMeeting'];

const BRANCH_RULES = '《中国共产党支部工作条例（试行）》';

/** domain-rules §2.1. Overridden per deployment by the `meetingRules` setting. */
export const DEFAULT_MEETING_RULES: Record<RequiredMeetingKind, RuleSetting<MeetingFrequency>> = {
  generalMeeting: { value: { period: 'quarter', times: 1, appliesTo: 'branch' }, citation: `${BRANCH_RULES}第十一条：支部党员大会一般每季度召开1次` },
  committeeMeeting: { value: { period: 'month', times: 1, appliesTo: 'committee' }, citation: `${BRANCH_RULES}第十二条：支部委员会会议一般每月召开1次` },
  groupMeeting: { value: { period: 'month', times: 1, appliesTo: 'groups' }, citation: `${BRANCH_RULES}第十三条：党小组会一般每月召开1次` },
  // The 条例 sets no branch-level frequency for 党课; quarterly is the most common local rule.
  lecture: { value: { period: 'quarter', times: 1, appliesTo: 'branch' }, citation: `${BRANCH_RULES}第十六条规定按时上党课；频次为多数地方的每季度1次（本平台默认值，可按本地要求调整）` },
  themeDay: { value: { period: 'month', times: 1, appliesTo: 'branch' }, citation: `${BRANCH_RULES}第十九条：每月相对固定1天开展主题党日` },
  lifeMeeting: { value: { period: 'year', times: 1, appliesTo: 'branch' }, citation: `${BRANCH_RULES}第十七条：组织生活会一般每年召开1次` },
};

/** Organisational-life thresholds beyond the frequencies. */
export const ORG_LIFE_SETTINGS = {
  minutesDueDays: { value: 3, citation: '会议结束后由记录人及时整理会议记录（期限为本平台默认值，可按本地要求调整）' },
  backdateDays: { value: 30, citation: '补录已召开的会议最多追溯的天数（本平台默认值，防止集中补造台账）' },
  signInRotateSeconds: { value: 30, citation: '签到二维码的刷新间隔（本平台默认值；签到从不是会议有效的条件）' },
  appealDays: { value: 7, citation: '民主评议结果公布后党员可提出申诉的天数（本平台默认值，可按本地要求调整）' },
  excellentMaxShare: { value: 1 / 3, citation: '民主评议党员：评为“优秀”的一般不超过党员总数的三分之一' },
} satisfies Record<string, RuleSetting<number>>;
