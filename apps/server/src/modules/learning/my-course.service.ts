import { sql, type Expression, type SqlBool } from 'kysely';
import { answerProblem, blanksOf, isCorrect, todayInShanghai, type ChapterKind, type QuestionKind } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';
import type { Actor } from '../../platform/access';
import { createAttachmentStore } from '../../platform/attachments';
import { NotFound, invalidField } from '../../platform/errors';
import { recordOutcomes } from '../points/outcomes';
import { openRange } from './chapter-files';
import { createCourseRepository, type CourseRepository } from './course.repository';
import type { QuizAnswersInput } from './learning.schemas';
import { recordStudyHours } from './study-hours';

/**
 * The courses a member may see: published, under the course's organisation (for a course of
 * the deployment's root that is everyone), and within its audience (a subtree, or one of the
 * member's account roles).
 */
function visibleTo(memberPath: string, roles: string[]): Expression<SqlBool> {
  return sql<SqlBool>`(c.status = 'published' and ${memberPath}::ltree <@ c.org_path and (
    c.audience_kind = 'all'
    or (c.audience_kind = 'subtree' and ${memberPath}::ltree <@ c.audience_path)
    or (c.audience_kind = 'role' and c.audience_roles && ${roles}::text[])))`;
}

type Member = NonNullable<Awaited<ReturnType<CourseRepository['member']>>>;
type Chapter = Awaited<ReturnType<CourseRepository['chaptersOf']>>[number];

/**
 * A member's learning: the server records what it delivered (text sent, file bytes served,
 * quiz checked) and nothing the client reports; time spent is never measured (policy.md).
 */
export function createMyCourseService(deps: { db: Database; dataDir: string }) {
  const { db } = deps;
  const repo = createCourseRepository(db);
  const store = createAttachmentStore(deps.dataDir);

  async function memberOf(actor: Actor): Promise<Member> {
    const member = actor.memberId ? await repo.member(actor.memberId) : undefined;
    if (!member) throw new NotFound('您的账号未关联党员信息');
    return member;
  }
  const rolesOf = (actor: Actor) => [...new Set(actor.grants.map((g) => g.role))];

  async function courseFor(actor: Actor, courseId: number) {
    const member = await memberOf(actor);
    const course = await repo.visibleCourse(courseId, visibleTo(member.orgPath, rolesOf(actor)));
    if (!course) throw new NotFound();
    return { member, course };
  }

  async function chapterFor(actor: Actor, courseId: number, chapterId: number) {
    const { member, course } = await courseFor(actor, courseId);
    const chapters = await repo.chaptersOf(courseId);
    const chapter = chapters.find((ch) => ch.id === chapterId);
    if (!chapter) throw new NotFound('该章节不属于本课程');
    return { member, course, chapter };
  }

  /**
   * Applies one piece of progress and its consequences in one transaction, serialised per
   * member and course so two chapters finishing at once still complete the course, and the
   * course completes (hours credited, outcome recorded) exactly once.
   */
  async function advance(member: Member, course: { id: number; title: string; studyHours: string }, chapter: Chapter, change: (r: CourseRepository) => Promise<void>) {
    return db.transaction().execute(async (tx) => {
      const r = createCourseRepository(tx);
      await r.lockProgress(member.id, course.id);
      await change(r);
      const chapterCompleted = await r.completeChapterIfDone(member.id, chapter.id, chapter.quizPassCount != null);
      const allDone = chapterCompleted && (await r.allChaptersComplete(member.id, course.id));
      if (allDone) await completeCourse(tx, r, member, course);
      return { chapterCompleted, courseCompleted: allDone || !!(await r.completionOf(member.id, course.id)) };
    });
  }

  /** The course's completion and its effects; nothing when it was already completed. */
  async function completeCourse(tx: Queryable, r: CourseRepository, member: Member, course: { id: number; title: string; studyHours: string }) {
    if (!(await r.insertCompletion(member.id, course.id))) return;
    const today = todayInShanghai();
    await recordStudyHours(tx, [{ memberId: member.id, year: Number(today.slice(0, 4)), hours: Number(course.studyHours), sourceType: 'course', sourceId: course.id, title: course.title }]);
    await recordOutcomes(tx, [{ kind: 'courseCompleted', memberId: member.id, orgPath: member.orgPath, sourceType: 'course', sourceId: course.id, title: `完成课程：${course.title}`, occurredOn: today }]);
  }

  function progressView(p: { deliveredAt: Date | null; quizPassedAt: Date | null; completedAt: Date | null } | undefined, hasQuiz: boolean) {
    return { delivered: !!p?.deliveredAt, quizPassed: hasQuiz ? !!p?.quizPassedAt : null, completed: !!p?.completedAt };
  }

  function chapterSummary(ch: Chapter, p: Parameters<typeof progressView>[0]) {
    return {
      id: ch.id, position: ch.position, title: ch.title, kind: ch.kind as ChapterKind, hasQuiz: ch.quizPassCount != null,
      file: ch.attachmentId ? { contentType: ch.contentType!, sizeBytes: ch.sizeBytes! } : null,
      progress: progressView(p, ch.quizPassCount != null),
    };
  }

  return {
    /** Published courses visible to me, newest first, with my progress. */
    async list(actor: Actor, q: { category?: string; page: number; pageSize: number }) {
      if (!actor.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const member = await memberOf(actor);
      const data = await repo.visibleCourses({ visible: visibleTo(member.orgPath, rolesOf(actor)), memberId: member.id, ...q });
      return {
        items: data.items.map((c) => ({
          id: c.id, title: c.title, category: c.category, summary: c.summary, lecturer: c.lecturer, studyHours: Number(c.studyHours),
          chapterCount: Number(c.chapterCount ?? 0), completedChapters: Number(c.completedChapters ?? 0), completedAt: c.completedAt?.toISOString() ?? null,
        })),
        total: data.total, page: q.page, pageSize: q.pageSize,
      };
    },

    /** One course with its chapters and my progress; no content and never a quiz key. */
    async detail(actor: Actor, courseId: number) {
      const { member, course } = await courseFor(actor, courseId);
      const chapters = await repo.chaptersOf(courseId);
      const [progress, completion] = await Promise.all([repo.progressOf(member.id, chapters.map((c) => c.id)), repo.completionOf(member.id, courseId)]);
      const views = chapters.map((ch) => chapterSummary(ch, progress.find((p) => p.chapterId === ch.id)));
      return {
        id: course.id, title: course.title, category: course.category, summary: course.summary, lecturer: course.lecturer, studyHours: Number(course.studyHours),
        chapterCount: chapters.length, completedChapters: views.filter((v) => v.progress.completed).length, completedAt: completion?.completedAt.toISOString() ?? null,
        chapters: views,
      };
    },

    /** A chapter with its quiz questions (no keys); for a text chapter its content, which marks it delivered (not on HEAD, which sends no content). */
    async chapter(actor: Actor, courseId: number, chapterId: number, head = false) {
      const { member, course, chapter } = await chapterFor(actor, courseId, chapterId);
      let courseCompleted: boolean;
      if (chapter.kind === 'text' && !head) {
        ({ courseCompleted } = await advance(member, course, chapter, (r) => r.markDelivered(member.id, chapter.id)));
      } else {
        courseCompleted = !!(await repo.completionOf(member.id, courseId));
      }
      const [progress] = await repo.progressOf(member.id, [chapter.id]);
      const questions = chapter.quizPassCount != null ? await repo.quizQuestionsOf(chapter.id) : [];
      return {
        ...chapterSummary(chapter, progress),
        body: chapter.kind === 'text' ? chapter.body : null,
        quiz: chapter.quizPassCount != null ? { passCount: chapter.quizPassCount, questions: questions.map((q) => ({ id: q.id, kind: q.kind as QuestionKind, stem: q.stem, options: q.options, blanks: blanksOf(q.kind as QuestionKind, q.answer) })) } : null,
        courseCompleted,
      };
    },

    /**
     * The chapter's file, whole or one byte range (RFC 9110 range requests). The bytes served
     * are added to what this member was delivered; when they cover the file the chapter is
     * delivered. A HEAD request delivers nothing.
     */
    async media(actor: Actor, courseId: number, chapterId: number, rangeHeader: string | undefined, head: boolean) {
      const { member, course, chapter } = await chapterFor(actor, courseId, chapterId);
      if (chapter.kind === 'text' || !chapter.sha256 || chapter.sizeBytes == null) throw new NotFound('该章节没有文件');
      const reply = openRange(store, { sha256: chapter.sha256, sizeBytes: chapter.sizeBytes, contentType: chapter.contentType!, fileName: chapter.fileName! }, rangeHeader);
      if (reply.status !== 416 && !head) await advance(member, course, chapter, (r) => r.addDelivered(member.id, chapter.id, reply.start, reply.end + 1, reply.size));
      return reply;
    },

    /** Checks a chapter quiz on the server; the key and explanations come back only now. */
    async answerQuiz(actor: Actor, courseId: number, chapterId: number, input: QuizAnswersInput) {
      const { member, course, chapter } = await chapterFor(actor, courseId, chapterId);
      if (chapter.quizPassCount == null) throw new NotFound('该章节没有小测');
      const questions = await repo.quizQuestionsOf(chapter.id);
      const given = new Map<number, QuizAnswersInput['answers'][number]['answer']>();
      input.answers.forEach((a, i) => {
        const q = questions.find((x) => x.id === a.questionId);
        if (!q) invalidField(`answers.${i}.questionId`, '该题不属于本章节的小测，请刷新后重新作答');
        if (given.has(a.questionId)) invalidField(`answers.${i}.questionId`, '同一道题只能作答一次');
        // Shape first (a choice among the options, one text per blank), so a malformed answer is refused rather than marked wrong.
        const kind = q.kind as QuestionKind;
        const problem = answerProblem(kind, q.options, blanksOf(kind, q.answer), a.answer);
        if (problem) invalidField(`answers.${i}.answer`, `第 ${questions.indexOf(q) + 1} 题：${problem}`);
        given.set(a.questionId, a.answer);
      });
      const missing = questions.filter((q) => !given.has(q.id));
      if (missing.length) invalidField('answers', `还有 ${missing.length} 道题未作答，请全部作答后再提交`);
      const results = questions.map((q) => ({ questionId: q.id, correct: isCorrect(q.kind as QuestionKind, q.answer, given.get(q.id)!), answer: q.answer, explanation: q.explanation }));
      const correct = results.filter((r) => r.correct).length;
      const passed = correct >= chapter.quizPassCount;
      const outcome = passed
        ? await advance(member, course, chapter, (r) => r.markQuizPassed(member.id, chapter.id))
        : { chapterCompleted: !!(await repo.progressOf(member.id, [chapter.id]))[0]?.completedAt, courseCompleted: !!(await repo.completionOf(member.id, courseId)) };
      return { correct, total: questions.length, passCount: chapter.quizPassCount, passed, results, ...outcome };
    },
  };
}
