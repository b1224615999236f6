// Learning (党课, 网上党校), the question bank, quick quizzes, exams and contests, outcomes and
// points (积分制考评). Identifiers follow glossary.md ("Learning, points, engagement"); the
// constraints (no study-time scoring, no default rankings) are policy.md's.

import type { Label } from './enums';
import type { RuleSetting } from './settings';

export const CHAPTER_KINDS = ['text', 'pdf', 'video', 'audio'] as const;
export type ChapterKind = (typeof CHAPTER_KINDS)[number];
export const CHAPTER_KIND_LABELS: Record<ChapterKind, Label> = {
  text: { zh: '图文', en: 'Text' },
  pdf: { zh: 'PDF 文档', en: 'PDF' },
  video: { zh: '视频', en: 'Video' },
  audio: { zh: '音频', en: 'Audio' },
};

/** Who may see a course or take an exam: everyone in the deployment, a subtree, or some roles. */
export const AUDIENCE_KINDS = ['all', 'subtree', 'role'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const PUBLISH_STATUSES = ['draft', 'published', 'archived'] as const;
export type PublishStatus = (typeof PUBLISH_STATUSES)[number];

export const QUESTION_KINDS = ['single', 'multiple', 'judge', 'fill'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, Label> = {
  single: { zh: '单选题', en: 'Single choice' },
  multiple: { zh: '多选题', en: 'Multiple choice' },
  judge: { zh: '判断题', en: 'True or false' },
  fill: { zh: '填空题', en: 'Fill in the blank' },
};

/** A question is used only once approved: drafts are reviewed by a second person. */
export const QUESTION_STATUSES = ['draft', 'pending', 'approved', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const EXAM_KINDS = ['exam', 'contest'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const PAPER_MODES = ['fixed', 'random', 'mixed'] as const;
export type PaperMode = (typeof PAPER_MODES)[number];
export const PAPER_MODE_LABELS: Record<PaperMode, Label> = {
  fixed: { zh: '固定试卷', en: 'Fixed paper' },
  random: { zh: '随机抽题', en: 'Random paper' },
  mixed: { zh: '固定加随机', en: 'Fixed and random' },
};

/**
 * Verified outcomes that may earn points automatically. Each is recorded once per member and
 * source (the `outcome` table), by the module where it happens; the points module turns
 * outcomes into ledger entries by the year's published rules.
 */
export const OUTCOME_KINDS = ['meetingAttended', 'courseCompleted', 'quizPassed', 'examPassed', 'volunteerAccepted'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_LABELS: Record<OutcomeKind, Label> = {
  meetingAttended: { zh: '参加组织生活', en: 'Attended a meeting' },
  courseCompleted: { zh: '完成课程学习', en: 'Completed a course' },
  quizPassed: { zh: '一键答题达标', en: 'Passed a quick quiz' },
  examPassed: { zh: '考试合格', en: 'Passed an exam' },
  volunteerAccepted: { zh: '志愿服务项目验收', en: 'Volunteer project accepted' },
};

export const POINTS_CATEGORIES = ['orgLife', 'learning', 'volunteer', 'pioneer', 'other'] as const;
export type PointsCategory = (typeof POINTS_CATEGORIES)[number];
export const POINTS_CATEGORY_LABELS: Record<PointsCategory, Label> = {
  orgLife: { zh: '组织生活', en: 'Organisational life' },
  learning: { zh: '学习教育', en: 'Learning' },
  volunteer: { zh: '志愿服务', en: 'Volunteering' },
  pioneer: { zh: '先锋作用', en: 'Pioneer role' },
  other: { zh: '其他', en: 'Other' },
};

/** How a rule's points are earned: from a recorded outcome, or awarded by a person with evidence. */
export const EARN_MODES = ['auto', 'award'] as const;
export type EarnMode = (typeof EARN_MODES)[number];

/** A ledger entry: awards needing approval wait as pending; nothing is deleted, only reversed. */
export const POINTS_ENTRY_STATUSES = ['pending', 'active', 'rejected', 'reversed'] as const;
export type PointsEntryStatus = (typeof POINTS_ENTRY_STATUSES)[number];

const TRAINING_PLAN = '《2019—2023年全国党员教育培训工作规划》';

/** Learning and points thresholds (settings; domain-rules §6 and the training plan). */
export const LEARNING_SETTINGS = {
  memberStudyHours: { value: 32, citation: `${TRAINING_PLAN}：党员每年集中学习培训一般不少于32学时` },
  leaderStudyHours: { value: 56, citation: `${TRAINING_PLAN}：基层党组织书记和班子成员每年集中学习培训不少于56学时` },
  quizQuestions: { value: 5, citation: '一键答题每次抽取的题目数（本平台默认值）' },
  quizPassShare: { value: 0.8, citation: '一键答题答对比例达到该值计为达标（本平台默认值）' },
  rankingsEnabled: { value: 0, citation: '中央网信委《关于防治“指尖上的形式主义”的若干意见》等：不得搞积分排名；个人排名默认关闭（0 = 关闭）' },
} satisfies Record<string, RuleSetting<number>>;

/** Where study hours (学时) come from: a completed course, an attended 党课, a class's training, other. */
export const STUDY_HOURS_SOURCES = ['course', 'lecture', 'class', 'manual'] as const;
export type StudyHoursSource = (typeof STUDY_HOURS_SOURCES)[number];
export const STUDY_HOURS_SOURCE_LABELS: Record<StudyHoursSource, Label> = {
  course: { zh: '课程学习', en: 'Course' },
  lecture: { zh: '参加党课', en: 'Party lecture attended' },
  class: { zh: '培训班集中培训', en: 'Class training' },
  manual: { zh: '其他学习培训', en: 'Other training' },
};

/** An online-school class (培训班) takes enrolments while open. */
export const CLASS_STATUSES = ['open', 'closed'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
