import { z } from 'zod';
import { AUDIENCE_KINDS, CHAPTER_KINDS, CLASS_STATUSES, PUBLISH_STATUSES, QUESTION_KINDS, ROLES, STUDY_HOURS_SOURCES } from '@hongyun/shared';

const text = (max: number, label: string) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字符`).nullable().optional();
const id = z.coerce.number().int().positive();
const year = z.coerce.number({ error: '年度应为数字' }).int('年度应为整数').min(2000, '年度不正确').max(2100, '年度不正确');
const hours = (label: string) => z.number({ error: `请填写${label}` }).min(0, `${label}不能为负数`).max(100, `${label}不能超过 100`)
  .refine((v) => Number.isInteger(v * 10), `${label}最多保留一位小数`);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const IdParams = z.object({ id });
export const ChapterParams = z.object({ id, chapterId: id });
export const MemberParams = z.object({ id, memberId: id });
export const IdResponse = z.object({ id: z.number().int() });
export const Ok = z.object({ ok: z.literal(true) });
export const VersionBody = z.strictObject({ version: z.number().int() });

// ---------------------------------------------------------------------------
// Courses (administration)
// ---------------------------------------------------------------------------

export const Audience = z.strictObject({
  kind: z.enum(AUDIENCE_KINDS, { error: '可见范围应为全部、某组织及下级或某些角色' }),
  /** The subtree's root organisation when kind = 'subtree'. */
  orgId: z.number().int().positive().nullable().optional(),
  roles: z.array(z.enum(ROLES, { error: '角色不正确' })).max(ROLES.length).optional(),
});
export type AudienceInput = z.infer<typeof Audience>;

const courseFields = {
  title: text(100, '课程名称'),
  category: text(30, '课程分类'),
  summary: optionalText(2000, '课程简介'),
  lecturer: optionalText(60, '主讲人'),
  studyHours: hours('学时'),
  audience: Audience,
};
export const CreateCourseBody = z.strictObject({ orgId: z.number().int().positive(), ...courseFields });
export type CreateCourseInput = z.infer<typeof CreateCourseBody>;
export const UpdateCourseBody = z.strictObject({ version: z.number().int(), ...courseFields });
export type UpdateCourseInput = z.infer<typeof UpdateCourseBody>;

export const CourseListQuery = z.object({
  status: z.enum(PUBLISH_STATUSES).optional(),
  category: z.string().trim().max(30).optional(),
  q: z.string().trim().max(60).optional(),
  page,
  pageSize,
});
export type CourseListInput = z.infer<typeof CourseListQuery>;

const AudienceView = z.object({ kind: z.enum(AUDIENCE_KINDS), orgId: z.number().int().nullable(), orgName: z.string().nullable(), roles: z.array(z.string()) });
export const CourseSummary = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  title: z.string(),
  category: z.string(),
  lecturer: z.string().nullable(),
  studyHours: z.number(),
  status: z.enum(PUBLISH_STATUSES),
  publishedAt: z.string().nullable(),
  chapterCount: z.number().int(),
  completedCount: z.number().int(),
  version: z.number().int(),
});
export const CourseList = z.object({ items: z.array(CourseSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const FileView = z.object({ id: z.number().int(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() });
export const AdminChapter = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(CHAPTER_KINDS),
  body: z.string().nullable(),
  file: FileView.nullable(),
  quiz: z.object({ passCount: z.number().int(), questionIds: z.array(z.number().int()) }).nullable(),
});
export const CourseDetail = CourseSummary.extend({
  summary: z.string().nullable(),
  audience: AudienceView,
  chapters: z.array(AdminChapter),
  abilities: z.object({ edit: z.boolean(), editChapters: z.boolean(), publish: z.boolean(), archive: z.boolean() }),
});
export type CourseDetailT = z.infer<typeof CourseDetail>;

const Quiz = z.strictObject({
  questionIds: z.array(z.number().int().positive()).min(1, '请至少选择 1 道题').max(10, '章节小测最多 10 道题'),
  passCount: z.number().int('及格题数应为整数').min(1, '及格题数至少为 1'),
});
export const CreateChapterBody = z.strictObject({
  version: z.number().int(),
  title: text(100, '章节标题'),
  /** Text chapters only; files come through the upload route. */
  body: z.string({ error: '请填写章节正文' }).max(200000, '章节正文过长，请拆分为多个章节'),
  quiz: Quiz.nullable().optional(),
});
export type CreateChapterInput = z.infer<typeof CreateChapterBody>;
export const UploadChapterFields = z.strictObject({
  version: z.coerce.number().int(),
  title: text(100, '章节标题'),
  kind: z.enum(['pdf', 'video', 'audio'], { error: '文件章节的类型应为 PDF、视频或音频' }),
});
export const UpdateChapterBody = z.strictObject({
  version: z.number().int(),
  title: text(100, '章节标题'),
  body: z.string().max(200000, '章节正文过长，请拆分为多个章节').nullable().optional(),
  /** Undefined leaves the quiz as it is; null removes it. */
  quiz: Quiz.nullable().optional(),
});
export type UpdateChapterInput = z.infer<typeof UpdateChapterBody>;
export const ReorderBody = z.strictObject({ version: z.number().int(), chapterIds: z.array(z.number().int().positive()).min(1) });

// ---------------------------------------------------------------------------
// Courses (the member's side)
// ---------------------------------------------------------------------------

const ChapterProgressView = z.object({ delivered: z.boolean(), quizPassed: z.boolean().nullable(), completed: z.boolean() });
export const MyCourseSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.string(),
  summary: z.string().nullable(),
  lecturer: z.string().nullable(),
  studyHours: z.number(),
  chapterCount: z.number().int(),
  completedChapters: z.number().int(),
  completedAt: z.string().nullable(),
});
export const QuizQuestionPickerQuery = z.object({
  q: z.string().trim().max(60).optional(),
  category: z.string().trim().max(30).optional(),
  /** Comma-separated ids: the questions already in a quiz, to show their stems. */
  ids: z.string().regex(/^\d+(,\d+){0,19}$/, '题目编号格式不正确').optional(),
  page,
  pageSize,
});
export const QuizQuestionPickerList = z.object({
  items: z.array(z.object({ id: z.number().int(), kind: z.enum(QUESTION_KINDS), stem: z.string(), category: z.string(), answerText: z.string() })),
  total: z.number().int(),
  categories: z.array(z.string()),
});

export const MyCourseListQuery = z.object({ category: z.string().trim().max(30).optional(), page, pageSize });
export const MyCourseList = z.object({ items: z.array(MyCourseSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const MyChapterSummary = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(CHAPTER_KINDS),
  hasQuiz: z.boolean(),
  file: z.object({ contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
  progress: ChapterProgressView,
});
export const MyCourseDetail = MyCourseSummary.extend({ chapters: z.array(MyChapterSummary) });

/** A question as the member sees it before answering: never its key or explanation. */
const QuizQuestionView = z.object({
  id: z.number().int(), kind: z.enum(QUESTION_KINDS), stem: z.string(), options: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Fill-in: how many blanks to draw (0 for other kinds); the accepted texts stay on the server. */
  blanks: z.number().int(),
});
export const MyChapterView = MyChapterSummary.extend({
  body: z.string().nullable(),
  quiz: z.object({ passCount: z.number().int(), questions: z.array(QuizQuestionView) }).nullable(),
  courseCompleted: z.boolean(),
});

const AnswerValue = z.union([z.string().max(200), z.boolean(), z.array(z.string().max(200)).max(20)]);
export const QuizAnswersBody = z.strictObject({
  answers: z.array(z.strictObject({ questionId: z.number().int().positive(), answer: AnswerValue })).min(1, '请作答后再提交').max(10),
});
export type QuizAnswersInput = z.infer<typeof QuizAnswersBody>;
export const QuizResult = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  passCount: z.number().int(),
  passed: z.boolean(),
  results: z.array(z.object({ questionId: z.number().int(), correct: z.boolean(), answer: z.unknown(), explanation: z.string().nullable() })),
  chapterCompleted: z.boolean(),
  courseCompleted: z.boolean(),
});

// ---------------------------------------------------------------------------
// Online school classes and study hours
// ---------------------------------------------------------------------------

const classFields = {
  title: text(100, '培训班名称'),
  year,
  startsOn: date,
  endsOn: date,
  requiredHours: hours('应修学时'),
  courseIds: z.array(z.number().int().positive()).max(50, '一个培训班最多 50 门课程').default([]),
};
export const CreateClassBody = z.strictObject({ orgId: z.number().int().positive(), ...classFields });
export type CreateClassInput = z.infer<typeof CreateClassBody>;
export const UpdateClassBody = z.strictObject({ version: z.number().int(), status: z.enum(CLASS_STATUSES, { error: '状态应为进行中或已结束' }).optional(), ...classFields });
export type UpdateClassInput = z.infer<typeof UpdateClassBody>;
export const ClassListQuery = z.object({ year: year.optional(), page, pageSize });
export const ClassSummary = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  title: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  requiredHours: z.number(),
  status: z.enum(CLASS_STATUSES),
  enrolledCount: z.number().int(),
  completedCount: z.number().int(),
  version: z.number().int(),
});
export const ClassList = z.object({ items: z.array(ClassSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ClassDetail = ClassSummary.extend({ courses: z.array(z.object({ id: z.number().int(), title: z.string(), studyHours: z.number(), status: z.enum(PUBLISH_STATUSES) })) });
export const EnrolBody = z.strictObject({ memberIds: z.array(z.number().int().positive()).min(1, '请选择要报名的党员').max(500, '一次最多报名 500 人') });
export const EnrolResult = z.object({ enrolled: z.number().int(), alreadyEnrolled: z.number().int() });
/** Bulk enrolment: every member in the register of an organisation's subtree, or a pasted list of names (one of the two). */
export const BulkEnrolBody = z.strictObject({
  orgId: z.number().int().positive().optional(),
  names: z.string().max(20000, '名单过长，请分批粘贴（一次最多 500 人）').optional(),
});
export type BulkEnrolInput = z.infer<typeof BulkEnrolBody>;
export const BulkEnrolResult = z.object({
  enrolled: z.number().int(),
  alreadyEnrolled: z.number().int(),
  /** Names of the pasted list that were not enrolled, each with why (not in the class organisation's subtree, or a shared name). */
  skipped: z.array(z.object({ name: z.string(), reason: z.enum(['notInScope', 'ambiguous']) })),
});
export const ClassProgressQuery = z.object({ incomplete: z.enum(['true', 'false']).optional(), page, pageSize });
export const ClassProgress = z.object({
  items: z.array(z.object({ memberId: z.number().int(), name: z.string(), orgName: z.string(), hours: z.number(), requiredHours: z.number(), completedAt: z.string().nullable(), certificateNo: z.string().nullable() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const Certificate = z.object({
  certificateNo: z.string(),
  memberName: z.string(),
  classTitle: z.string(),
  year: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  hours: z.number(),
  requiredHours: z.number(),
  completedOn: z.string(),
  issuingOrgName: z.string(),
});
export const MyClasses = z.object({
  items: z.array(z.object({ id: z.number().int(), title: z.string(), orgName: z.string(), year: z.number().int(), startsOn: z.string(), endsOn: z.string(), requiredHours: z.number(), hours: z.number(), completedAt: z.string().nullable(), certificateNo: z.string().nullable(), courses: z.array(z.object({ id: z.number().int(), title: z.string(), studyHours: z.number(), completed: z.boolean() })) })),
});

export const StudyHoursYearQuery = z.object({ year: year.optional() });
export const MyStudyHours = z.object({
  year: z.number().int(),
  total: z.number(),
  required: z.number(),
  leader: z.boolean(),
  requirementCitation: z.string(),
  entries: z.array(z.object({ id: z.number().int(), hours: z.number(), sourceType: z.enum(STUDY_HOURS_SOURCES), sourceId: z.number().int(), title: z.string(), recordedAt: z.string() })),
});
export const OrgStudyHoursQuery = z.object({ orgId: id, year: year.optional(), below: z.enum(['true', 'false']).optional(), page, pageSize });
export const OrgStudyHours = z.object({
  year: z.number().int(),
  memberRequired: z.number(),
  leaderRequired: z.number(),
  items: z.array(z.object({ memberId: z.number().int(), name: z.string(), orgName: z.string(), leader: z.boolean(), hours: z.number(), required: z.number(), met: z.boolean() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
