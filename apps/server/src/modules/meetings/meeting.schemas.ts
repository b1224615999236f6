import { z } from 'zod';
import { ATTENDANCES, LEAVE_STATUSES, MEETING_KINDS, MEETING_MODES, MEETING_REPLIES, MEETING_STATUSES, MEMBER_CATEGORIES, SIGN_IN_METHODS } from '@hongyun/shared';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-11-20T14:00:00+08:00' });
const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const id = z.number().int().positive();
const int = z.number().int();
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const LeaveParams = z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });
export const AttachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });
export const IdResponse = z.object({ id: int });
export const Ok = z.object({ ok: z.literal(true) });

const Person = z.object({ id: int, name: z.string() });
const Guest = z.strictObject({ name: trimmed(30).min(1, '请填写列席人员姓名'), note: trimmed(100).nullable().optional() });

// ---------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------

const meetingFields = {
  kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
  title: trimmed(100).min(1, '请填写会议名称'),
  /** 议题: what the meeting is to discuss or study, in order. */
  topics: z.array(trimmed(200).min(1, '议题不能为空')).min(1, '请至少填写一项议题').max(20, '议题最多 20 项'),
  startsAt: instant,
  endsAt: instant,
  mode: z.enum(MEETING_MODES, { error: '请选择线下、线上或线上线下结合' }),
  place: trimmed(200).nullable().optional(),
  venueId: id.nullable().optional(),
  onlineLink: trimmed(500).nullable().optional(),
  hostMemberId: id,
  recorderMemberId: id,
  /** 党课: the lecturer, a member of the organisation or (from outside) a name. */
  lecturerMemberId: id.nullable().optional(),
  lecturerName: trimmed(30).nullable().optional(),
  /** 党小组会: the party group that meets. */
  partyGroupId: id.nullable().optional(),
  /** Members of the organisation invited beyond those the kind invites. */
  extraInviteeIds: z.array(id).max(500).optional(),
  /** 列席: people who attend without being members here. */
  guests: z.array(Guest).max(50, '列席人员最多 50 人').optional(),
};

export const PlanBody = z.strictObject({ orgId: id, ...meetingFields });
export type PlanInput = z.infer<typeof PlanBody>;

export const UpdateBody = z.strictObject({ ...meetingFields, version: int });
export type UpdateInput = z.infer<typeof UpdateBody>;

export const CancelBody = z.strictObject({ reason: trimmed(500).min(2, '请填写取消原因（至少 2 个字）'), version: int });

// ---------------------------------------------------------------------------
// Lists and details
// ---------------------------------------------------------------------------

export const MeetingListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  from: date.optional(),
  to: date.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  q: z.string().trim().max(60).optional(),
  ...page,
});
export type MeetingListInput = z.infer<typeof MeetingListQuery>;

export const MINUTES_STATES = ['none', 'recorded', 'confirmed'] as const;

export const AttendanceCounts = z.object({
  invited: int,
  /** Replied that they will attend. */
  attending: int,
  /** Asked for leave and still awaiting a decision. */
  leaveRequested: int,
  /** Took part: in the room or online. */
  present: int,
  online: int,
});

export const MeetingSummary = z.object({
  id: int,
  orgId: int,
  orgName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(MEETING_MODES),
  place: z.string().nullable(),
  venueName: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  counts: AttendanceCounts,
  minutesState: z.enum(MINUTES_STATES),
  minutesDueOn: date,
  /** Minutes not confirmed and past their due date. */
  minutesOverdue: z.boolean(),
});
export const MeetingList = z.object({ items: z.array(MeetingSummary), total: int, page: int, pageSize: int });

export const AttendeeView = z.object({
  memberId: int,
  name: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  reply: z.enum(MEETING_REPLIES),
  repliedAt: z.string().nullable(),
  leaveReason: z.string().nullable(),
  leaveStatus: z.enum(LEAVE_STATUSES).nullable(),
  leaveDecidedAt: z.string().nullable(),
  attendance: z.enum(ATTENDANCES),
  signInMethod: z.enum(SIGN_IN_METHODS).nullable(),
  signedInAt: z.string().nullable(),
});

export const MinutesVersionView = z.object({
  revision: int,
  content: z.string(),
  decisions: z.string().nullable(),
  reason: z.string().nullable(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
});

export const MinutesView = z.object({
  content: z.string(),
  decisions: z.string().nullable(),
  revision: int,
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** Every confirmed text and each correction with its reason, oldest first. */
  versions: z.array(MinutesVersionView),
});

export const AttachmentView = z.object({ id: int, fileName: z.string(), contentType: z.string(), sizeBytes: int, createdAt: z.string() });
export type AttachmentViewT = z.infer<typeof AttachmentView>;

export const VoteView = z.object({
  id: int,
  position: int,
  item: z.string(),
  subject: Person.nullable(),
  entitled: int,
  present: int,
  yes: int,
  no: int,
  abstain: int,
  quorumMet: z.boolean(),
  passed: z.boolean(),
  recordedAt: z.string(),
});

const VenueBookingView = z.object({ venueId: int, name: z.string(), address: z.string(), bookingId: int.nullable() });

const meetingCore = {
  id: int,
  orgId: int,
  orgName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  topics: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(MEETING_MODES),
  place: z.string().nullable(),
  venue: VenueBookingView.nullable(),
  onlineLink: z.string().nullable(),
  host: Person.nullable(),
  recorder: Person.nullable(),
  lecturer: z.object({ memberId: int.nullable(), name: z.string() }).nullable(),
  partyGroup: Person.nullable(),
  guests: z.array(z.object({ name: z.string(), note: z.string().nullable() })),
  status: z.enum(MEETING_STATUSES),
  cancelledReason: z.string().nullable(),
  minutesDueOn: date,
};

export const MeetingDetail = z.object({
  ...meetingCore,
  createdByName: z.string().nullable(),
  version: int,
  counts: AttendanceCounts,
  attendees: z.array(AttendeeView),
  minutesState: z.enum(MINUTES_STATES),
  minutesOverdue: z.boolean(),
  minutes: MinutesView.nullable(),
  /** Members who took part online (网络e支部), shown as such with the minutes. */
  onlineParticipants: z.array(Person),
  attachments: z.array(AttachmentView),
  votes: z.array(VoteView),
  /** For a 党员大会: who has a vote now (live full members) and how many of them took part. */
  voters: z.object({ entitled: int, present: int }).nullable(),
  /** What the caller may do now (the UI never re-implements the rules). */
  abilities: z.object({
    canEdit: z.boolean(),
    canCancel: z.boolean(),
    canDecideLeave: z.boolean(),
    canMarkAttendance: z.boolean(),
    canShowSignInCode: z.boolean(),
    canRecordMinutes: z.boolean(),
    canConfirm: z.boolean(),
    canVote: z.boolean(),
    canPost: z.boolean(),
    canHidePosts: z.boolean(),
  }),
});
export type MeetingDetailT = z.infer<typeof MeetingDetail>;

// ---------------------------------------------------------------------------
// Replies, leave, attendance, sign-in
// ---------------------------------------------------------------------------

export const LeaveDecisionBody = z.strictObject({
  decision: z.enum(['approved', 'rejected'], { error: '请选择准假或不准假' }),
  note: trimmed(200).nullable().optional(),
});

export const AttendanceBody = z.strictObject({
  entries: z.array(z.strictObject({ memberId: id, attendance: z.enum(ATTENDANCES, { error: '请选择到会、线上参加、缺席、请假或未记录' }) }))
    .min(1, '请至少登记一名党员的到会情况').max(500),
});

export const SignInCode = z.object({
  token: z.string(),
  /** The address the QR code encodes (the member app's sign-in page). */
  url: z.string(),
  expiresAt: z.string(),
  rotateSeconds: int,
});

export const ReplyBody = z.strictObject({
  reply: z.enum(['attend', 'leave'], { error: '请选择参加或请假' }),
  reason: trimmed(200).nullable().optional(),
});

export const SignInBody = z.strictObject({ token: z.string().trim().min(1, '请扫描会议现场的签到二维码').max(100) });

export const JoinOnlineResult = z.object({ onlineLink: z.string().nullable(), attendance: z.enum(ATTENDANCES) });

// ---------------------------------------------------------------------------
// Minutes and votes
// ---------------------------------------------------------------------------

export const MinutesBody = z.strictObject({
  content: trimmed(20000).min(1, '请填写会议记录内容'),
  decisions: trimmed(5000).nullable().optional(),
  /** The revision the editor started from (required once minutes exist). */
  revision: int.optional(),
  /** Why confirmed minutes are corrected (required after confirmation). */
  reason: trimmed(500).nullable().optional(),
});
export type MinutesInput = z.infer<typeof MinutesBody>;

export const ConfirmBody = z.strictObject({ revision: int });

export const VoteBody = z.strictObject({
  item: trimmed(200).min(1, '请填写表决事项'),
  subjectMemberId: id.nullable().optional(),
  yes: z.number().int('票数应为整数').min(0, '票数不能为负'),
  no: z.number().int('票数应为整数').min(0, '票数不能为负'),
  abstain: z.number().int('票数应为整数').min(0, '票数不能为负'),
});
export type VoteInput = z.infer<typeof VoteBody>;

// ---------------------------------------------------------------------------
// The online branch's threads (网络e支部)
// ---------------------------------------------------------------------------

export const PostListQuery = z.object({
  /** Omitted: the last page, where the newest posts are. */
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
});
export const PostBody = z.strictObject({ body: trimmed(2000).min(1, '请输入内容') });

export const PostView = z.object({
  id: int,
  authorName: z.string(),
  /** The caller wrote it. */
  mine: z.boolean(),
  body: z.string(),
  hidden: z.boolean(),
  createdAt: z.string(),
});
export type PostViewT = z.infer<typeof PostView>;
export const PostList = z.object({
  /** Oldest first (newest last), as a conversation reads. */
  items: z.array(PostView),
  total: int,
  page: int,
  pageSize: int,
  canHide: z.boolean(),
});

// ---------------------------------------------------------------------------
// Member pages (/m)
// ---------------------------------------------------------------------------

export const MyMeetingListQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming'), ...page });

const MyPart = z.object({
  reply: z.enum(MEETING_REPLIES),
  leaveReason: z.string().nullable(),
  leaveStatus: z.enum(LEAVE_STATUSES).nullable(),
  attendance: z.enum(ATTENDANCES),
  signInMethod: z.enum(SIGN_IN_METHODS).nullable(),
  signedInAt: z.string().nullable(),
});

export const MyMeetingSummary = z.object({
  id: int,
  orgName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(MEETING_MODES),
  place: z.string().nullable(),
  venueName: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  mine: MyPart,
  minutesConfirmed: z.boolean(),
});
export const MyMeetingList = z.object({ items: z.array(MyMeetingSummary), total: int, page: int, pageSize: int });

export const MyMeetingDetail = z.object({
  ...meetingCore,
  mine: MyPart,
  counts: AttendanceCounts,
  /** Confirmed minutes; the recorder also sees the draft. */
  minutes: MinutesView.omit({ versions: true }).nullable(),
  /** With confirmed minutes: who was present, online, excused or absent (no leave reasons). */
  attendance: z.array(z.object({ name: z.string(), attendance: z.enum(ATTENDANCES) })),
  onlineParticipants: z.array(Person),
  attachments: z.array(AttachmentView),
  votes: z.array(VoteView),
  abilities: z.object({
    canReply: z.boolean(),
    canSignIn: z.boolean(),
    canJoinOnline: z.boolean(),
    canRecordMinutes: z.boolean(),
    canPost: z.boolean(),
  }),
});
export type MyMeetingDetailT = z.infer<typeof MyMeetingDetail>;
