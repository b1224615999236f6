import { z } from 'zod';
import { AUDIENCE_KINDS, EXAM_KINDS, PAPER_MODES, PUBLISH_STATUSES, QUESTION_KINDS, QUESTION_STATUSES, ROLES } from '@hongyun/shared';

// The question bank, quick quizzes, exams and contests: the HTTP contract. Views meant for a
// member before they answer (QuestionForMember, quiz sessions, attempts in progress, the
// contest's current question) have no key or explanation field at all, so the serializer
// cannot send one even by mistake.

const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字符`);
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
const id = z.coerce.number().int().positive();

export const IdParams = z.object({ id });
export const AttemptParams = z.object({ id, attemptId: id });
export const SessionParams = z.object({ sessionId: z.uuid('答题记录编号不正确') });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });
export const VersionBody = z.strictObject({ version: z.number().int() });

export const OptionSchema = z.object({ key: z.string(), text: z.string() });
/** What a member sends: single 'B', multiple ['A','C'], judge true, fill ['…', '…'] (one per blank). */
export const MemberAnswerSchema = z.union([z.string().max(200), z.array(z.string().max(200)).max(10), z.boolean()], { error: '答案格式不正确' });
/** A stored key (organiser views only): ['B'], ['A','C'], [true], [['党章','中国共产党章程'], …]. */
const KeySchema = z.union([z.array(z.string()), z.array(z.boolean()), z.array(z.array(z.string()))]);

// ---------------------------------------------------------------------------
// Question bank
// ---------------------------------------------------------------------------

export const QuestionBody = z.strictObject({
  /** The organisation whose bank holds it; defaults to the caller's first one. */
  orgId: z.number().int().positive().optional(),
  kind: z.enum(QUESTION_KINDS, { error: '题型应为单选题、多选题、判断题或填空题' }),
  stem: text(1000, '题干'),
  options: z.array(z.strictObject({ key: z.string(), text: z.string().trim().max(300, '选项不能超过 300 个字符') })).max(8).default([]),
  answer: z.unknown(),
  explanation: z.string().trim().max(2000, '解析不能超过 2000 个字符').nullable().optional(),
  category: text(30, '分类'),
  difficulty: z.number().int().min(1, '难度为 1–5').max(5, '难度为 1–5').default(2),
  /** Send straight to review instead of keeping a draft. */
  submit: z.boolean().default(false),
});
export type QuestionInput = z.infer<typeof QuestionBody>;
export const UpdateQuestionBody = QuestionBody.omit({ orgId: true, submit: true }).extend({ version: z.number().int() });
export type UpdateQuestionInput = z.infer<typeof UpdateQuestionBody>;

/** Approve several pending questions at once (e.g. a reviewed import): all or nothing. */
export const ApproveQuestionsBody = z.strictObject({
  items: z.array(z.strictObject({ id: z.number().int().positive(), version: z.number().int() })).min(1, '请至少选择一道题').max(200, '一次最多审核 200 道题'),
});
export const ApproveQuestionsResult = z.object({ approved: z.number().int() });
export const ReviewQuestionBody = z.strictObject({
  decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
  note: z.string().trim().max(500, '意见不能超过 500 个字符').optional(),
  version: z.number().int(),
});

export const QuestionView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: z.enum(QUESTION_KINDS),
  stem: z.string(),
  options: z.array(OptionSchema),
  answer: KeySchema,
  answerText: z.string(),
  explanation: z.string().nullable(),
  category: z.string(),
  difficulty: z.number().int(),
  status: z.enum(QUESTION_STATUSES),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean(), retire: z.boolean() }),
});
export type QuestionViewT = z.infer<typeof QuestionView>;

export const QuestionFilter = z.object({
  status: z.enum(QUESTION_STATUSES).optional(),
  kind: z.enum(QUESTION_KINDS).optional(),
  category: z.string().trim().max(30).optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  q: z.string().trim().max(60).optional(),
});
export type QuestionFilterT = z.infer<typeof QuestionFilter>;
export const QuestionListQuery = QuestionFilter.extend({ page, pageSize });
export const QuestionList = z.object({ items: z.array(QuestionView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const CategoryList = z.object({ items: z.array(z.object({ category: z.string(), count: z.number().int() })) });

const ImportIssue = z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() });
export const QuestionImportReport = z.object({ total: z.number().int(), valid: z.number().int(), issues: z.array(ImportIssue), created: z.number().int(), committed: z.boolean() });
export const ImportFields = z.strictObject({
  orgId: z.coerce.number().int().positive('请选择题库所属组织').optional(),
  mode: z.enum(['check', 'all', 'validOnly']).default('check'),
});

/** Approved questions an exam at an organisation may use (organiser's picker; keys shown to organisers). */
export const PickerQuery = z.object({ orgId: id, category: z.string().trim().max(30).optional(), kind: z.enum(QUESTION_KINDS).optional(), q: z.string().trim().max(60).optional(), page, pageSize });
export const PickerList = z.object({
  items: z.array(z.object({ id: z.number().int(), kind: z.enum(QUESTION_KINDS), stem: z.string(), category: z.string(), difficulty: z.number().int(), answerText: z.string() })),
  total: z.number().int(),
  categories: z.array(z.object({ category: z.string(), count: z.number().int() })),
});

// ---------------------------------------------------------------------------
// Questions as a member sees them before answering: no key, no explanation.
// ---------------------------------------------------------------------------

export const QuestionForMember = z.object({
  id: z.number().int(),
  kind: z.enum(QUESTION_KINDS),
  stem: z.string(),
  options: z.array(OptionSchema),
  /** Fill-in: how many blanks to draw. */
  blanks: z.number().int(),
  category: z.string(),
});
export type QuestionForMemberT = z.infer<typeof QuestionForMember>;

/** After the member answered: whether it was right, the key and the explanation. */
export const Feedback = z.object({
  questionId: z.number().int(),
  correct: z.boolean(),
  answer: MemberAnswerSchema,
  key: KeySchema,
  keyText: z.string(),
  explanation: z.string().nullable(),
});

// ---------------------------------------------------------------------------
// 一键答题
// ---------------------------------------------------------------------------

export const StartQuizBody = z.strictObject({ categories: z.array(text(30, '分类')).max(20).optional() });
export const QuizSessionView = z.object({
  id: z.string(),
  startedAt: z.string(),
  categories: z.array(z.string()),
  passShare: z.number(),
  questions: z.array(QuestionForMember),
});
/** An unfinished quick quiz of today, to pick up where the member left off (null when there is none). */
export const CurrentQuiz = z.object({
  session: QuizSessionView.extend({
    answers: z.array(Feedback),
  }).nullable(),
});
export const QuizAnswerBody = z.strictObject({ questionId: z.number().int().positive(), answer: MemberAnswerSchema });
export const QuizAnswerResult = Feedback.extend({
  answered: z.number().int(),
  total: z.number().int(),
  finished: z.boolean(),
  result: z.object({ correct: z.number().int(), total: z.number().int(), passed: z.boolean() }).nullable(),
});
export const QuizHistory = z.object({
  items: z.array(z.object({
    id: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), categories: z.array(z.string()),
    total: z.number().int(), answered: z.number().int(), correct: z.number().int().nullable(), passed: z.boolean().nullable(),
  })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const PageQuery = z.object({ page, pageSize });

// ---------------------------------------------------------------------------
// Exams and contests (organiser)
// ---------------------------------------------------------------------------

const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-12-01T09:00:00+08:00' }).transform((s) => new Date(s));

export const ExamBody = z.strictObject({
  orgId: z.number().int().positive(),
  kind: z.enum(EXAM_KINDS, { error: '类型应为考试或竞赛' }),
  title: text(100, '名称'),
  instructions: z.string().trim().max(2000, '说明不能超过 2000 个字符').nullable().optional(),
  paperMode: z.enum(PAPER_MODES, { error: '组卷方式应为固定试卷、随机抽题或固定加随机' }),
  /** Fixed part of the paper, in order. */
  questionIds: z.array(z.number().int().positive()).max(200, '固定试题不超过 200 道').default([]),
  randomCount: z.number().int().min(0).max(200, '随机抽题不超过 200 道').default(0),
  randomCategories: z.array(text(30, '分类')).max(20).default([]),
  pointsPerQuestion: z.number().positive('每题分值应大于 0').max(100, '每题分值不超过 100').default(1),
  timeLimitMinutes: z.number().int().min(1, '时限至少 1 分钟').max(600, '时限不超过 600 分钟').nullable().optional(),
  secondsPerQuestion: z.number().int().min(5, '每题至少 5 秒').max(600, '每题不超过 600 秒').nullable().optional(),
  opensAt: instant,
  /** Ignored for contests: they close when their last question does. */
  closesAt: instant.optional(),
  passMark: z.number().min(0, '及格分不能为负').max(100000).default(0),
  attemptsAllowed: z.number().int().min(1, '至少允许 1 次').max(10, '最多 10 次').default(1),
  leaderboard: z.boolean().default(false),
  audience: z.strictObject({
    kind: z.enum(AUDIENCE_KINDS),
    /** For 'subtree': the organisation whose members take part (within the exam's). */
    orgId: z.number().int().positive().optional(),
    roles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
  }).default({ kind: 'all' }),
});
export type ExamInput = z.infer<typeof ExamBody>;
export const UpdateExamBody = ExamBody.omit({ orgId: true, kind: true }).extend({ version: z.number().int() });
export type UpdateExamInput = z.infer<typeof UpdateExamBody>;
export const LeaderboardBody = z.strictObject({ enabled: z.boolean(), version: z.number().int() });

const ExamSummaryFields = {
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: z.enum(EXAM_KINDS),
  title: z.string(),
  paperMode: z.enum(PAPER_MODES),
  status: z.enum(PUBLISH_STATUSES),
  opensAt: z.string(),
  closesAt: z.string(),
  timeLimitMinutes: z.number().int().nullable(),
  secondsPerQuestion: z.number().int().nullable(),
  questionCount: z.number().int(),
  pointsPerQuestion: z.number(),
  passMark: z.number(),
  attemptsAllowed: z.number().int(),
  leaderboard: z.boolean(),
  version: z.number().int(),
};
export const ExamSummary = z.object({ ...ExamSummaryFields, attempts: z.number().int(), passed: z.number().int() });
export const ExamListQuery = z.object({ kind: z.enum(EXAM_KINDS).optional(), status: z.enum(PUBLISH_STATUSES).optional(), q: z.string().trim().max(60).optional(), page, pageSize });
export const ExamList = z.object({ items: z.array(ExamSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ExamDetail = z.object({
  ...ExamSummaryFields,
  instructions: z.string().nullable(),
  randomCount: z.number().int(),
  randomCategories: z.array(z.string()),
  audience: z.object({ kind: z.enum(AUDIENCE_KINDS), orgId: z.number().int().nullable(), orgName: z.string().nullable(), roles: z.array(z.string()) }),
  questions: z.array(z.object({ position: z.number().int(), id: z.number().int(), kind: z.enum(QUESTION_KINDS), stem: z.string(), category: z.string(), status: z.enum(QUESTION_STATUSES), answerText: z.string() })),
  attempts: z.number().int(),
});
export type ExamDetailT = z.infer<typeof ExamDetail>;

export const ResultsQuery = z.object({ page, pageSize: z.coerce.number().int().min(1).max(500).default(50) });
export const ExamResults = z.object({
  items: z.array(z.object({
    rank: z.number().int().nullable(),
    attemptId: z.number().int(),
    memberId: z.number().int(),
    memberName: z.string(),
    orgName: z.string(),
    attemptNo: z.number().int(),
    startedAt: z.string(),
    submittedAt: z.string().nullable(),
    autoSubmitted: z.boolean(),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
    correct: z.number().int(),
    answered: z.number().int(),
    /** Contests: total answer time (the tiebreak). */
    timeMs: z.number().int().nullable(),
  })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  summary: z.object({ attempts: z.number().int(), submitted: z.number().int(), passed: z.number().int(), averageScore: z.number().nullable() }),
});
export const ExamAnalysis = z.object({
  submitted: z.number().int(),
  questions: z.array(z.object({
    questionId: z.number().int(),
    position: z.number().int().nullable(),
    kind: z.enum(QUESTION_KINDS),
    stem: z.string(),
    answerText: z.string(),
    answered: z.number().int(),
    correct: z.number().int(),
    correctRate: z.number().nullable(),
    /** Choices: option key → count; judge: '正确'/'错误' → count; fill: the most frequent wrong texts. */
    distribution: z.array(z.object({ value: z.string(), count: z.number().int() })),
  })),
});
export const AttemptReview = z.object({
  attemptId: z.number().int(),
  examId: z.number().int(),
  memberName: z.string(),
  attemptNo: z.number().int(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  autoSubmitted: z.boolean(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  items: z.array(z.object({
    questionId: z.number().int(), kind: z.enum(QUESTION_KINDS), stem: z.string(), options: z.array(OptionSchema), key: KeySchema, keyText: z.string(),
    answer: MemberAnswerSchema.nullable(), correct: z.boolean().nullable(), points: z.number(), answeredAt: z.string().nullable(), responseMs: z.number().int().nullable(),
  })),
});

// ---------------------------------------------------------------------------
// Exams and contests (member)
// ---------------------------------------------------------------------------

export const MyExamList = z.object({
  items: z.array(z.object({
    id: z.number().int(), kind: z.enum(EXAM_KINDS), title: z.string(), instructions: z.string().nullable(), orgName: z.string(),
    opensAt: z.string(), closesAt: z.string(), timeLimitMinutes: z.number().int().nullable(), secondsPerQuestion: z.number().int().nullable(),
    questionCount: z.number().int(), passMark: z.number(), attemptsAllowed: z.number().int(), attemptsUsed: z.number().int(),
    state: z.enum(['upcoming', 'open', 'closed']),
    openAttemptId: z.number().int().nullable(),
    bestScore: z.number().nullable(),
    passed: z.boolean().nullable(),
    /** My latest submitted attempt, so the list can say 已完成 with its score and open the result. */
    lastAttempt: z.object({ id: z.number().int(), score: z.number().nullable(), passed: z.boolean().nullable(), submittedAt: z.string(), autoSubmitted: z.boolean() }).nullable(),
  })),
});
export const AttemptAnswersBody = z.strictObject({
  answers: z.array(z.strictObject({ questionId: z.number().int().positive(), answer: MemberAnswerSchema })).min(1, '请至少作答一题').max(200),
});
export const SubmitBody = z.strictObject({
  answers: AttemptAnswersBody.shape.answers.optional(),
  /** Sent by the page itself when the countdown ran out (recorded as 自动交卷), not by the member's button. */
  auto: z.boolean().optional(),
});

/** An attempt as its member sees it: keys only once submitted and no attempt remains (or the exam closed). */
export const MyAttempt = z.object({
  id: z.number().int(),
  examId: z.number().int(),
  title: z.string(),
  attemptNo: z.number().int(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  remainingSeconds: z.number().int(),
  submittedAt: z.string().nullable(),
  autoSubmitted: z.boolean(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  passMark: z.number(),
  questions: z.array(QuestionForMember.extend({ position: z.number().int(), saved: MemberAnswerSchema.nullable() })),
  /** Present once the keys may be shown. */
  review: z.array(Feedback).nullable(),
});
export type MyAttemptT = z.infer<typeof MyAttempt>;

export const ContestCurrent = z.object({
  contestId: z.number().int(),
  title: z.string(),
  state: z.enum(['upcoming', 'open', 'ended']),
  questionCount: z.number().int(),
  secondsPerQuestion: z.number().int(),
  opensAt: z.string(),
  endsAt: z.string(),
  /** Seconds until the first question (upcoming). */
  startsInSeconds: z.number().int().nullable(),
  current: QuestionForMember.extend({ position: z.number().int(), remainingSeconds: z.number().int(), answered: z.boolean() }).nullable(),
  serverTime: z.string(),
});
export const ContestAnswerBody = z.strictObject({ position: z.number().int().min(0), answer: MemberAnswerSchema });
export const ContestAnswerAck = z.object({ accepted: z.literal(true), position: z.number().int() });
export const ContestResults = z.object({
  state: z.enum(['upcoming', 'open', 'ended']),
  leaderboardEnabled: z.boolean(),
  participants: z.number().int().nullable(),
  mine: z.object({ score: z.number(), correct: z.number().int(), timeMs: z.number().int(), rank: z.number().int().nullable() }).nullable(),
  /** Only when the organiser switched the leaderboard on; names as initials. */
  leaderboard: z.array(z.object({ rank: z.number().int(), initials: z.string(), orgName: z.string(), score: z.number(), timeMs: z.number().int() })).nullable(),
  /** After the end: each question with its key and the member's answer. */
  review: z.array(Feedback.extend({ position: z.number().int(), stem: z.string() }).omit({ answer: true }).extend({ answer: MemberAnswerSchema.nullable() })).nullable(),
});
