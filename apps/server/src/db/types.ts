import type { ColumnType, Generated } from 'kysely';

// Row types of the schema in migrations/, in the camelCase Kysely's CamelCasePlugin maps to.
type Id = ColumnType<number, never, never>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** ltree travels as text. */
type Ltree = string;

export interface SettingTable {
  key: string;
  value: unknown;
  updatedAt: UpdatedAt;
}

export interface OrgTable {
  id: Generated<number>;
  parentId: number | null;
  path: Ltree;
  kind: string;
  isTown: Generated<boolean>;
  name: string;
  shortName: string | null;
  code: string;
  foundedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  abolishedOn: string | null;
  abolishedReason: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface EnterpriseTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  townOrgId: number | null;
  kindCode: string | null;
  carrierId: number | null;
  address: string | null;
  staffCount: number | null;
  foundedOn: string | null;
  settledOn: string | null;
  operatingStatus: Generated<string>;
  hasFixedPremises: Generated<boolean>;
  statusReason: string | null;
  goneOn: string | null;
  goneReason: string | null;
  investorPartyStatus: Generated<string>;
  managerPartyStatus: Generated<string>;
  hrContactName: string | null;
  hrContactPhone: string | null;
  liaisonName: string | null;
  liaisonPhone: string | null;
  instructorName: string | null;
  instructorPhone: string | null;
  hasUnion: Generated<boolean>;
  hasYouthLeague: Generated<boolean>;
  coverageMode: Generated<string>;
  coverageOrgId: number | null;
  leadEnterpriseId: number | null;
  /** Kept by a trigger (实体运营 rule with the staff-threshold setting). */
  inDenominator: ColumnType<boolean, never, never>;
  sizeBand: ColumnType<string, never, never>;
  workMeasure: ColumnType<boolean, never, never>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface EnterpriseKindTable {
  code: string;
  name: string;
  position: Generated<number>;
  builtin: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface CarrierTable {
  id: Generated<number>;
  kind: string;
  name: string;
  townOrgId: number;
  address: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** Kept by statement triggers on enterprise; `0` / `''` stand for "no town / carrier / kind". */
export interface CoverageCountTable {
  townOrgId: number;
  carrierId: number;
  kindCode: string;
  sizeBand: string;
  inDenominator: boolean;
  coverageMode: string;
  workMeasure: boolean;
  n: number;
}

export interface CoverageSnapshotTable extends CoverageCountTable {
  month: string;
  takenAt: CreatedAt;
}

export interface DepartmentTable {
  id: Generated<number>;
  orgId: number;
  name: string;
  duties: string | null;
  contactName: string | null;
  contactPhone: string | null;
  position: Generated<number>;
  abolishedOn: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SurveyTaskTable {
  id: Generated<number>;
  enterpriseId: number;
  townOrgId: number;
  dueOn: string;
  status: Generated<string>;
  createdBy: number | null;
  createdAt: CreatedAt;
  completedAt: Date | null;
  completedBy: number | null;
  membersFound: number | null;
  fullMembersFound: number | null;
  staffCount: number | null;
  investorPartyStatus: string | null;
  managerPartyStatus: string | null;
  willingness: string | null;
  recommendedMode: string | null;
  instructorProposed: string | null;
  notes: string | null;
  cancelReason: string | null;
  version: Generated<number>;
}

export interface StandardTemplateTable {
  id: Generated<number>;
  orgId: number;
  year: number;
  version: Generated<number>;
  title: string;
  publishedAt: Date | null;
  createdAt: CreatedAt;
  /** Optimistic lock of a draft's edits (migration 20261127T0300). */
  revision: Generated<number>;
}

export interface StandardItemTable {
  id: Generated<number>;
  templateId: number;
  position: number;
  title: string;
  guidance: string | null;
}

export interface StandardAssessmentTable {
  id: Generated<number>;
  templateId: number;
  orgId: number;
  orgPath: Ltree;
  status: Generated<string>;
  submittedAt: Date | null;
  submittedBy: number | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  returnReason: string | null;
  stars: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface StandardAnswerTable {
  assessmentId: number;
  itemId: number;
  claimed: Generated<boolean>;
  evidence: string | null;
  accepted: boolean | null;
}

export interface AttachmentTable {
  id: Generated<number>;
  ownerType: string;
  ownerId: number;
  ownerPart: number | null;
  orgPath: Ltree;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: Buffer;
  uploadedBy: number | null;
  createdAt: CreatedAt;
}

export interface CadreAssignmentTable {
  id: Generated<number>;
  userId: number;
  enterpriseId: number;
  assignedBy: number | null;
  assignedOn: string;
  endedOn: string | null;
  createdAt: CreatedAt;
}

export interface VisitTable {
  id: Generated<number>;
  enterpriseId: number;
  cadreUserId: number;
  visitedOn: string;
  peopleMet: string;
  topics: string;
  followUps: string | null;
  createdAt: CreatedAt;
}

export interface EnterpriseRequestTable {
  id: Generated<number>;
  enterpriseId: number;
  visitId: number | null;
  raisedBy: number | null;
  raisedVia: string;
  category: string;
  title: string;
  detail: string | null;
  departmentId: number;
  status: Generated<string>;
  dueOn: string;
  acceptedAt: Date | null;
  closedAt: Date | null;
  resolution: string | null;
  declinedReason: string | null;
  satisfaction: number | null;
  satisfactionNote: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface EnterpriseRequestEventTable {
  id: Generated<number>;
  requestId: number;
  at: CreatedAt;
  actorUserId: number | null;
  actorName: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
}

export interface OrgEnterpriseTable {
  orgId: number;
  enterpriseId: number;
}

export interface PartyGroupTable {
  id: Generated<number>;
  orgId: number;
  name: string;
  createdAt: CreatedAt;
}

export interface MemberTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  partyGroupId: number | null;
  name: string;
  gender: string;
  ethnicity: string | null;
  birthDate: string;
  idNumberCipher: Buffer;
  idNumberHash: Buffer;
  idNumberMasked: string;
  phoneCipher: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  education: string | null;
  employerEnterpriseId: number | null;
  employerName: string | null;
  job: string | null;
  keyPositions: ColumnType<string[], string[] | undefined, string[]>;
  category: string;
  status: Generated<string>;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  isMobile: Generated<boolean>;
  isInHardship: Generated<boolean>;
  isPartyWorker: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface LeadershipTable {
  id: Generated<number>;
  orgId: number;
  termStart: string;
  termDue: string | null;
  isCurrent: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface LeadershipPostTable {
  id: Generated<number>;
  leadershipId: number;
  memberId: number;
  post: string;
  appointedOn: string;
  dismissedOn: string | null;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  /** Keyed hash of the login phone (lookup only); the full number is never stored. */
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  passwordHash: string;
  memberId: number | null;
  mustChangePassword: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  passwordChangedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: CreatedAt;
}

export interface RolePermissionTable {
  role: string;
  permission: string;
}

export interface UserGrantTable {
  id: Generated<number>;
  userId: number;
  role: string;
  orgId: number;
  /** Set exactly for the department role: the joint-conference department the user works for. */
  departmentId: number | null;
  createdAt: CreatedAt;
}

export interface SessionTable {
  tokenHash: Buffer;
  userId: number;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: CreatedAt;
  lastSeenAt: ColumnType<Date, Date | undefined, Date>;
  expiresAt: Date;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  orgPath: Ltree | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditSubjectTable {
  memberId: number;
  auditId: number;
}

export interface ImportJobTable {
  id: Generated<string>;
  userId: number;
  orgId: number;
  kind: Generated<string>;
  fileName: string;
  filePath: string;
  status: Generated<string>;
  mode: string | null;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  validRows: Generated<number>;
  errorRows: Generated<number>;
  importedRows: Generated<number>;
  failure: string | null;
  createdAt: CreatedAt;
  finishedAt: Date | null;
}

export interface ImportJobErrorTable {
  jobId: string;
  rowNumber: number;
  columnName: string;
  value: string | null;
  reason: string;
}

/** Validated import rows awaiting the commit (no ciphertexts); see 20261127T0100-import-staging. */
export interface ImportStagingTable {
  stageId: string;
  rowNumber: number;
  partyGroupName: string | null;
  name: string;
  gender: string;
  ethnicity: string | null;
  birthDate: string;
  idNumberHash: Buffer;
  idNumberMasked: string;
  /** Sealed as in `member` (20261130T0200-import-staging-sealed). */
  idNumberCipher: Buffer;
  phoneCipher: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  education: string | null;
  employerName: string | null;
  job: string | null;
  keyPositions: string[];
  category: string;
  status: string;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  isMobile: boolean;
  isInHardship: boolean;
  isPartyWorker: boolean;
  stagedAt: CreatedAt;
}

export interface OrgMemberCountTable {
  orgId: number;
  orgPath: Ltree;
  category: string;
  status: string;
  n: number;
}

// Commits that changed members, for knowing a roster total is still current (20261130T0000-member-version).
export interface MemberVersionTable {
  id: Generated<boolean>;
  v: Generated<number>;
}

// Organisational life (20261128T0000-orglife).

export interface VenueTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  kind: string;
  name: string;
  address: string;
  capacity: number;
  /** [{ weekday: 1–7 (Monday = 1), opens: 'HH:MM', closes: 'HH:MM' }] */
  openingHours: ColumnType<OpeningHours[], OpeningHours[] | undefined, OpeningHours[]>;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
  closedAt: Date | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface MeetingGuest {
  name: string;
  note?: string | null;
}

export interface MeetingTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  partyGroupId: number | null;
  kind: string;
  title: string;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  place: string | null;
  venueId: number | null;
  onlineLink: string | null;
  hostMemberId: number | null;
  recorderMemberId: number | null;
  lecturerMemberId: number | null;
  lecturerName: string | null;
  guests: ColumnType<MeetingGuest[], MeetingGuest[] | undefined, MeetingGuest[]>;
  status: Generated<string>;
  cancelledReason: string | null;
  minutesDueOn: string;
  signInSecret: Buffer | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface VenueBookingTable {
  id: Generated<number>;
  venueId: number;
  meetingId: number;
  orgPath: Ltree;
  /** A tstzrange literal, e.g. '[2026-11-20 14:00+08,2026-11-20 16:00+08)'. */
  during: string;
  bookedBy: number | null;
  cancelledAt: Date | null;
  createdAt: CreatedAt;
}

export interface MeetingAttendeeTable {
  meetingId: number;
  memberId: number;
  reply: Generated<string>;
  repliedAt: Date | null;
  leaveReason: string | null;
  leaveStatus: string | null;
  leaveDecidedBy: number | null;
  leaveDecidedAt: Date | null;
  attendance: Generated<string>;
  signedInAt: Date | null;
  signInMethod: string | null;
}

export interface MeetingMinutesTable {
  meetingId: number;
  content: string;
  decisions: string | null;
  revision: Generated<number>;
  recordedBy: number | null;
  recordedAt: CreatedAt;
  confirmedBy: number | null;
  confirmedAt: Date | null;
}

export interface MeetingMinutesVersionTable {
  meetingId: number;
  revision: number;
  content: string;
  decisions: string | null;
  reason: string | null;
  changedBy: number | null;
  changedAt: CreatedAt;
}

export interface MeetingVoteTable {
  id: Generated<number>;
  meetingId: number;
  position: number;
  item: string;
  subjectMemberId: number | null;
  entitled: number;
  present: number;
  yes: number;
  no: number;
  abstain: number;
  quorumMet: boolean;
  passed: boolean;
  recordedBy: number | null;
  recordedAt: CreatedAt;
}

export interface DiscussionPostTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  meetingId: number | null;
  authorUserId: number;
  authorMemberId: number | null;
  body: string;
  hiddenAt: Date | null;
  hiddenBy: number | null;
  createdAt: CreatedAt;
}

export interface ComplianceExemptionTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  kind: string;
  /** '2026-11' (month), '2026-Q4' (quarter) or '2026' (year), as periodOf() keys them. */
  periodKey: string;
  reason: string;
  status: Generated<string>;
  requestedBy: number | null;
  requestedAt: CreatedAt;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

export interface TodoTable {
  id: Generated<number>;
  userId: number | null;
  memberId: number | null;
  orgPath: Ltree | null;
  kind: string;
  title: string;
  link: string | null;
  dueOn: string | null;
  sourceType: string;
  sourceId: number;
  doneAt: Date | null;
  /** Hidden from its person until then (null: at once). */
  showsFrom: Date | null;
  createdAt: CreatedAt;
}

export interface AppraisalCampaignTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  year: number;
  title: string;
  studyMaterials: string | null;
  stage: Generated<string>;
  reviewDueOn: string;
  confirmedMeetingId: number | null;
  publishedAt: Date | null;
  appealUntil: string | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AppraisalParticipantTable {
  campaignId: number;
  memberId: number;
  category: string;
  selfAnalysis: string | null;
  selfGrade: string | null;
  selfSubmittedAt: Date | null;
  proposedGrade: string | null;
  proposedReason: string | null;
  finalGrade: string | null;
}

export interface AppraisalPeerReceiptTable {
  campaignId: number;
  reviewerMemberId: number;
  reviewedMemberId: number;
}

export interface AppraisalPeerBallotTable {
  id: Generated<string>;
  campaignId: number;
  reviewedMemberId: number;
  grade: string;
  comment: string | null;
}

export interface AppraisalAppealTable {
  id: Generated<number>;
  campaignId: number;
  memberId: number;
  reason: string;
  status: Generated<string>;
  decision: string | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: CreatedAt;
}

export interface MemberAppraisalTable {
  memberId: number;
  year: number;
  grade: string;
  campaignId: number;
  orgName: string;
  recordedAt: CreatedAt;
}

// Learning and points (20261128T0200-learning-points).

interface Audience {
  audienceKind: Generated<string>;
  audiencePath: Ltree | null;
  audienceRoles: ColumnType<string[], string[] | undefined, string[]>;
}

export interface CourseTable extends Audience {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  title: string;
  category: string;
  summary: string | null;
  lecturer: string | null;
  /** numeric: read as a string by node-postgres. */
  studyHours: ColumnType<string, number | string | undefined, number | string>;
  status: Generated<string>;
  publishedAt: Date | null;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface CourseChapterTable {
  id: Generated<number>;
  courseId: number;
  position: number;
  title: string;
  kind: string;
  body: string | null;
  attachmentId: number | null;
  quizPassCount: number | null;
}

export interface ChapterQuizQuestionTable {
  chapterId: number;
  questionId: number;
  position: number;
}

export interface ChapterProgressTable {
  memberId: number;
  chapterId: number;
  /** int8multirange of delivered byte ranges, as text ('{[0,1024)}'). */
  delivered: ColumnType<string, string | undefined, string>;
  deliveredAt: Date | null;
  quizPassedAt: Date | null;
  completedAt: Date | null;
}

export interface CourseCompletionTable {
  memberId: number;
  courseId: number;
  completedAt: CreatedAt;
}

export interface TrainingClassTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  title: string;
  year: number;
  startsOn: string;
  endsOn: string;
  requiredHours: ColumnType<string, number | string | undefined, number | string>;
  status: Generated<string>;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
}

export interface ClassCourseTable {
  classId: number;
  courseId: number;
  position: number;
}

export interface ClassEnrolmentTable {
  classId: number;
  memberId: number;
  enrolledAt: CreatedAt;
  completedAt: Date | null;
  certificateNo: string | null;
}

export interface StudyHoursEntryTable {
  id: Generated<number>;
  memberId: number;
  year: number;
  hours: ColumnType<string, number | string, number | string>;
  sourceType: string;
  sourceId: number;
  title: string;
  recordedAt: CreatedAt;
}

export interface QuestionTable {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  kind: string;
  stem: string;
  /** [{ key: 'A', text: '…' }] for choice questions; [] otherwise. */
  options: ColumnType<{ key: string; text: string }[], { key: string; text: string }[] | undefined, { key: string; text: string }[]>;
  /** The key: option keys (['A'] or ['A','C']), [true|false] for judge, accepted texts per blank for fill. */
  answer: unknown;
  explanation: string | null;
  category: string;
  difficulty: Generated<number>;
  status: Generated<string>;
  createdBy: number | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface QuizSessionTable {
  id: Generated<string>;
  memberId: number;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  questionIds: number[];
  startedAt: CreatedAt;
  finishedAt: Date | null;
  correct: number | null;
  passed: boolean | null;
}

export interface QuizAnswerTable {
  sessionId: string;
  questionId: number;
  answer: unknown;
  correct: boolean;
  answeredAt: CreatedAt;
}

export interface ExamTable extends Audience {
  id: Generated<number>;
  orgId: number;
  orgPath: Ltree;
  kind: string;
  title: string;
  instructions: string | null;
  paperMode: string;
  randomCount: Generated<number>;
  randomCategories: ColumnType<string[], string[] | undefined, string[]>;
  pointsPerQuestion: ColumnType<string, number | string | undefined, number | string>;
  timeLimitMinutes: number | null;
  secondsPerQuestion: number | null;
  opensAt: Date;
  closesAt: Date;
  passMark: ColumnType<string, number | string | undefined, number | string>;
  attemptsAllowed: Generated<number>;
  leaderboard: Generated<boolean>;
  status: Generated<string>;
  createdBy: number | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ExamQuestionTable {
  examId: number;
  position: number;
  questionId: number;
}

export interface ExamAttemptTable {
  id: Generated<number>;
  examId: number;
  memberId: number;
  attemptNo: number;
  questionIds: number[];
  startedAt: CreatedAt;
  deadlineAt: Date;
  submittedAt: Date | null;
  autoSubmitted: Generated<boolean>;
  score: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  passed: boolean | null;
}

export interface ExamAnswerTable {
  attemptId: number;
  questionId: number;
  answer: unknown;
  correct: boolean;
  points: ColumnType<string, number | string, number | string>;
  answeredAt: CreatedAt;
  responseMs: number | null;
}

export interface OutcomeTable {
  id: Generated<number>;
  kind: string;
  memberId: number;
  orgPath: Ltree;
  sourceType: string;
  sourceId: number;
  title: string;
  occurredOn: string;
  recordedAt: CreatedAt;
}

export interface PointsRulebookTable {
  id: Generated<number>;
  orgId: number;
  year: number;
  version: number;
  title: string;
  publishedAt: Date | null;
  revision: Generated<number>;
  createdBy: number | null;
  createdAt: CreatedAt;
}

export interface PointsRuleTable {
  id: Generated<number>;
  rulebookId: number;
  code: string;
  position: number;
  category: string;
  item: string;
  description: string | null;
  points: ColumnType<string, number | string, number | string>;
  capDay: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  capMonth: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  capYear: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  onceOnly: Generated<boolean>;
  earnMode: string;
  outcomeKind: string | null;
  evidenceRequired: Generated<boolean>;
  awardRoles: ColumnType<string[], string[] | undefined, string[]>;
  approveRoles: ColumnType<string[], string[] | undefined, string[]>;
  validFrom: string | null;
  validTo: string | null;
}

export interface PointsEntryTable {
  id: Generated<number>;
  memberId: number;
  orgPath: Ltree;
  ruleId: number;
  ruleCode: string;
  year: number;
  points: ColumnType<string, number | string, number | string>;
  occurredOn: string;
  sourceType: string;
  sourceId: number;
  reason: string | null;
  evidence: string | null;
  status: Generated<string>;
  awardedBy: number | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  reversalOf: number | null;
  createdAt: CreatedAt;
}

export interface PointsAppealTable {
  id: Generated<number>;
  entryId: number | null;
  memberId: number;
  orgPath: Ltree;
  year: number;
  reason: string;
  status: Generated<string>;
  decision: string | null;
  decidedBy: number | null;
  decidedAt: Date | null;
  createdAt: CreatedAt;
}

export interface MemberIndexTable {
  memberId: number;
  year: number;
  orgPath: Ltree;
  value: ColumnType<string, number | string, number | string>;
  stars: number;
  breakdown: unknown;
  computedAt: CreatedAt;
}

export interface OrgIndexTable {
  orgId: number;
  year: number;
  orgPath: Ltree;
  value: ColumnType<string, number | string, number | string>;
  stars: number;
  breakdown: unknown;
  computedAt: CreatedAt;
}

export interface DB {
  setting: SettingTable;
  org: OrgTable;
  enterprise: EnterpriseTable;
  orgEnterprise: OrgEnterpriseTable;
  partyGroup: PartyGroupTable;
  member: MemberTable;
  orgMemberCount: OrgMemberCountTable;
  memberVersion: MemberVersionTable;
  leadership: LeadershipTable;
  leadershipPost: LeadershipPostTable;
  appUser: AppUserTable;
  rolePermission: RolePermissionTable;
  userGrant: UserGrantTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  auditSubject: AuditSubjectTable;
  importJob: ImportJobTable;
  importJobError: ImportJobErrorTable;
  importStaging: ImportStagingTable;
  enterpriseKind: EnterpriseKindTable;
  carrier: CarrierTable;
  coverageCount: CoverageCountTable;
  coverageSnapshot: CoverageSnapshotTable;
  department: DepartmentTable;
  surveyTask: SurveyTaskTable;
  standardTemplate: StandardTemplateTable;
  standardItem: StandardItemTable;
  standardAssessment: StandardAssessmentTable;
  standardAnswer: StandardAnswerTable;
  attachment: AttachmentTable;
  cadreAssignment: CadreAssignmentTable;
  visit: VisitTable;
  enterpriseRequest: EnterpriseRequestTable;
  enterpriseRequestEvent: EnterpriseRequestEventTable;
  venue: VenueTable;
  meeting: MeetingTable;
  venueBooking: VenueBookingTable;
  meetingAttendee: MeetingAttendeeTable;
  meetingMinutes: MeetingMinutesTable;
  meetingMinutesVersion: MeetingMinutesVersionTable;
  meetingVote: MeetingVoteTable;
  discussionPost: DiscussionPostTable;
  complianceExemption: ComplianceExemptionTable;
  todo: TodoTable;
  appraisalCampaign: AppraisalCampaignTable;
  appraisalParticipant: AppraisalParticipantTable;
  appraisalPeerReceipt: AppraisalPeerReceiptTable;
  appraisalPeerBallot: AppraisalPeerBallotTable;
  appraisalAppeal: AppraisalAppealTable;
  memberAppraisal: MemberAppraisalTable;
  course: CourseTable;
  courseChapter: CourseChapterTable;
  chapterQuizQuestion: ChapterQuizQuestionTable;
  chapterProgress: ChapterProgressTable;
  courseCompletion: CourseCompletionTable;
  trainingClass: TrainingClassTable;
  classCourse: ClassCourseTable;
  classEnrolment: ClassEnrolmentTable;
  studyHoursEntry: StudyHoursEntryTable;
  question: QuestionTable;
  quizSession: QuizSessionTable;
  quizAnswer: QuizAnswerTable;
  exam: ExamTable;
  examQuestion: ExamQuestionTable;
  examAttempt: ExamAttemptTable;
  examAnswer: ExamAnswerTable;
  outcome: OutcomeTable;
  pointsRulebook: PointsRulebookTable;
  pointsRule: PointsRuleTable;
  pointsEntry: PointsEntryTable;
  pointsAppeal: PointsAppealTable;
  memberIndex: MemberIndexTable;
  orgIndex: OrgIndexTable;
}
