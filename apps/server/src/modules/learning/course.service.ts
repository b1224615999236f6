import type { Readable } from 'node:stream';
import { keyText, type AudienceKind, type ChapterKind, type PublishStatus, type QuestionKind } from '@hongyun/shared';
import type { Database } from '../../db/database';
import { isWithin, type Access } from '../../platform/access';
import { cleanFileName, createAttachmentStore } from '../../platform/attachments';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { chapterFileType, openRange, saveChapterFile } from './chapter-files';
import { createCourseRepository, type CourseRepository } from './course.repository';
import { sanitizeHtml, textOf } from './html-sanitize';
import type { AudienceInput, CourseDetailT, CourseListInput, CreateChapterInput, CreateCourseInput, UpdateChapterInput, UpdateCourseInput } from './learning.schemas';

type Locked = NonNullable<Awaited<ReturnType<CourseRepository['lockCourse']>>>;

/** Cleans rich text; refuses text that is empty once cleaned. */
export function cleanBody(field: string, html: string): string {
  const clean = sanitizeHtml(html);
  if (!textOf(clean)) invalidField(field, '章节正文不能为空，请填写学习内容');
  return clean;
}

/** Courses of 红船党课 and the online school: drafting, chapters, publishing (course.manage, in scope). */
export function createCourseService(deps: { db: Database; dataDir: string }) {
  const { db } = deps;
  const repo = createCourseRepository(db);
  const store = createAttachmentStore(deps.dataDir);

  /** The audience as stored; a subtree must lie under the course's organisation. */
  async function audienceOf(r: CourseRepository, a: AudienceInput, coursePath: string) {
    if (a.kind === 'subtree') {
      if (!a.orgId) invalidField('audience.orgId', '请选择可见的组织');
      const org = await r.org(a.orgId);
      if (!org || !isWithin(org.path, coursePath)) invalidField('audience.orgId', '可见范围只能是课程所属组织或其下级组织');
      return { audienceKind: 'subtree', audiencePath: org.path, audienceRoles: [] as string[] };
    }
    if (a.kind === 'role') {
      if (!a.roles?.length) invalidField('audience.roles', '请至少选择一个可见的角色');
      return { audienceKind: 'role', audiencePath: null, audienceRoles: [...new Set(a.roles)] };
    }
    return { audienceKind: 'all', audiencePath: null, audienceRoles: [] as string[] };
  }

  async function lockForEdit(r: CourseRepository, access: Access, id: number, version: number): Promise<Locked> {
    const c = await r.lockCourse(id);
    if (!c) throw new NotFound();
    access.assertInScope('course.manage', c.orgPath);
    if (c.status === 'archived') throw new Conflict('COURSE_ARCHIVED', '课程已归档，不能再修改');
    if (c.version !== version) throw new Conflict('STALE_VERSION', '该课程刚被其他人修改过，请刷新后再编辑');
    return c;
  }

  function requireDraft(c: Locked) {
    if (c.status !== 'draft') throw new Conflict('COURSE_PUBLISHED', '课程已发布，章节的增删、顺序和小测不能再改（可修改标题和正文）；如需调整请新建课程');
  }

  /** Checks a chapter quiz: approved questions of this deployment, a pass count within the count. */
  async function checkQuiz(r: CourseRepository, quiz: { questionIds: number[]; passCount: number }, coursePath: string) {
    const ids = [...new Set(quiz.questionIds)];
    if (ids.length !== quiz.questionIds.length) invalidField('quiz.questionIds', '小测中有重复的题目');
    const approved = new Set(await r.approvedQuestionIds(ids, coursePath.split('.')[0]));
    const bad = ids.findIndex((q) => !approved.has(q));
    if (bad >= 0) invalidField(`quiz.questionIds.${bad}`, '只能选择题库中已审核通过的题目');
    if (quiz.passCount > ids.length) invalidField('quiz.passCount', `及格题数不能超过题目数（${ids.length}）`);
    return ids;
  }

  return {
    async list(access: Access, q: CourseListInput) {
      const page = await repo.listCourses({ scope: access.filter('course.manage', 'c.org_path'), ...q });
      return { items: page.items.map(summaryOf), total: page.total, page: q.page, pageSize: q.pageSize };
    },

    /** One course with its chapters (quiz question ids, never answers) and what the caller may do. */
    /** Approved questions of the course's deployment for its chapter quizzes (course.manage over the course). */
    async quizQuestions(access: Access, id: number, f: { q?: string; category?: string; ids?: string; page: number; pageSize: number }) {
      const c = await repo.getCourse(id);
      if (!c || !access.inScope('course.manage', c.orgPath)) throw new NotFound();
      // The same pool checkQuiz accepts: approved questions of the deployment (the root of the course's path).
      const root = c.orgPath.split('.')[0];
      const ids = f.ids ? f.ids.split(',').map(Number) : undefined;
      const [page, categories] = await Promise.all([repo.usableQuestions(root, { q: f.q, category: f.category, ids }, f.page, f.pageSize), repo.questionCategories(root)]);
      return {
        items: page.items.map((x) => ({ id: x.id, kind: x.kind as QuestionKind, stem: x.stem, category: x.category, answerText: keyText(x.kind as QuestionKind, x.answer) })),
        total: page.total,
        categories,
      };
    },

    async detail(access: Access, id: number): Promise<CourseDetailT> {
      const c = await repo.getCourse(id);
      if (!c || !access.inScope('course.manage', c.orgPath)) throw new NotFound();
      const chapters = await repo.chaptersOf(id);
      const quizzes = await repo.quizQuestionIdsOf(chapters.map((ch) => ch.id));
      const audienceOrg = c.audiencePath ? await repo.orgByPath(c.audiencePath) : undefined;
      return {
        ...summaryOf({ ...c, chapterCount: chapters.length }),
        summary: c.summary,
        audience: { kind: c.audienceKind as AudienceKind, orgId: audienceOrg?.id ?? null, orgName: audienceOrg?.name ?? null, roles: c.audienceRoles },
        chapters: chapters.map((ch) => ({
          id: ch.id, position: ch.position, title: ch.title, kind: ch.kind as ChapterKind, body: ch.body,
          file: ch.attachmentId ? { id: ch.attachmentId, fileName: ch.fileName!, contentType: ch.contentType!, sizeBytes: ch.sizeBytes! } : null,
          quiz: ch.quizPassCount ? { passCount: ch.quizPassCount, questionIds: quizzes.filter((q) => q.chapterId === ch.id).map((q) => q.questionId) } : null,
        })),
        abilities: { edit: c.status !== 'archived', editChapters: c.status === 'draft', publish: c.status === 'draft' && chapters.length > 0, archive: c.status !== 'archived' },
      };
    },

    async create(access: Access, input: CreateCourseInput): Promise<number> {
      const org = await repo.org(input.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('course.manage', org.path);
      if (org.abolishedOn) invalidField('orgId', '该组织已撤销，不能再开设课程');
      return db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const audience = await audienceOf(r, input.audience, org.path);
        const row = { orgId: org.id, orgPath: org.path, title: input.title, category: input.category, summary: input.summary || null, lecturer: input.lecturer || null, studyHours: input.studyHours, ...audience, createdBy: access.actor.userId };
        const { id } = await r.insertCourse(row);
        await audit(tx, access.actor, { action: 'course.create', targetType: 'course', targetId: id, orgPath: org.path, after: row });
        return id;
      });
    },

    async update(access: Access, id: number, input: UpdateCourseInput) {
      await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, id, input.version);
        const audience = await audienceOf(r, input.audience, c.orgPath);
        // Once members study a published course, its credited hours stay what they were promised.
        if (c.status !== 'draft' && Number(c.studyHours) !== input.studyHours) invalidField('studyHours', '课程发布后学时不能再修改，以免已完成的党员学时不一致');
        const patch = { title: input.title, category: input.category, summary: input.summary || null, lecturer: input.lecturer || null, studyHours: input.studyHours, ...audience };
        await r.updateCourse(id, patch);
        await audit(tx, access.actor, { action: 'course.update', targetType: 'course', targetId: id, orgPath: c.orgPath, before: { title: c.title, category: c.category, audienceKind: c.audienceKind, audiencePath: c.audiencePath, audienceRoles: c.audienceRoles }, after: patch });
      });
    },

    /** Publishes a draft: at least one chapter, each with content. */
    async publish(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, id, version);
        requireDraft(c);
        const chapters = await r.chaptersOf(id);
        if (chapters.length === 0) invalidField('chapters', '课程至少需要一个章节才能发布');
        await r.updateCourse(id, { status: 'published', publishedAt: new Date() });
        await audit(tx, access.actor, { action: 'course.publish', targetType: 'course', targetId: id, orgPath: c.orgPath, before: { status: c.status }, after: { status: 'published', chapters: chapters.length } });
      });
    },

    /** Archives a course: members no longer see it; completions and study hours stay. */
    async archive(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, id, version);
        await r.updateCourse(id, { status: 'archived' });
        await audit(tx, access.actor, { action: 'course.archive', targetType: 'course', targetId: id, orgPath: c.orgPath, before: { status: c.status }, after: { status: 'archived' } });
      });
    },

    /** Adds a text chapter (sanitized rich text) to a draft, optionally with a short quiz. */
    async addTextChapter(access: Access, courseId: number, input: CreateChapterInput): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, courseId, input.version);
        requireDraft(c);
        const body = cleanBody('body', input.body);
        const questionIds = input.quiz ? await checkQuiz(r, input.quiz, c.orgPath) : [];
        const { id } = await r.insertChapter({ courseId, title: input.title, kind: 'text', body, attachmentId: null });
        if (input.quiz) {
          await r.setQuizQuestions(id, questionIds);
          await r.updateChapter(id, { quizPassCount: input.quiz.passCount });
        }
        await r.updateCourse(courseId, {});
        await audit(tx, access.actor, { action: 'course.addChapter', targetType: 'course', targetId: courseId, orgPath: c.orgPath, after: { chapterId: id, kind: 'text', title: input.title, quiz: input.quiz ?? null } });
        return id;
      });
    },

    /**
     * Adds a PDF, video or audio chapter with its file. The course is checked before the bytes
     * are read and again (locked) once they have arrived; a refused upload leaves nothing.
     */
    async addFileChapter(access: Access, courseId: number, fields: { version: number; title: string; kind: Exclude<ChapterKind, 'text'> }, file: { stream: Readable; fileName: string }): Promise<number> {
      const fileName = cleanFileName(file.fileName);
      try {
        const c = await repo.getCourse(courseId);
        if (!c || !access.inScope('course.manage', c.orgPath)) throw new NotFound();
        requireDraft(c);
        chapterFileType(fields.kind, fileName);
      } catch (error) {
        file.stream.resume();
        throw error;
      }
      const stored = await saveChapterFile(deps.dataDir, fields.kind, file.stream, fileName);
      try {
        return await db.transaction().execute(async (tx) => {
          const r = createCourseRepository(tx);
          const c = await lockForEdit(r, access, courseId, fields.version);
          requireDraft(c);
          const attachment = await r.insertAttachment({ ownerId: courseId, orgPath: c.orgPath, fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, uploadedBy: access.actor.userId });
          const { id } = await r.insertChapter({ courseId, title: fields.title, kind: fields.kind, body: null, attachmentId: attachment.id });
          await r.updateCourse(courseId, {});
          await audit(tx, access.actor, { action: 'course.addChapter', targetType: 'course', targetId: courseId, orgPath: c.orgPath, after: { chapterId: id, kind: fields.kind, title: fields.title, fileName, sizeBytes: stored.sizeBytes } });
          await r.lockFile(stored.sha256);
          await store.keep(stored);
          return id;
        });
      } finally {
        await store.discard(stored);
      }
    },

    /** Edits a chapter: title and text always (until archived); the quiz only while the course is a draft. */
    async updateChapter(access: Access, courseId: number, chapterId: number, input: UpdateChapterInput) {
      await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, courseId, input.version);
        const ch = (await r.chaptersOf(courseId)).find((x) => x.id === chapterId);
        if (!ch) throw new NotFound('该章节不属于本课程');
        const patch: { title: string; body?: string | null; quizPassCount?: number | null } = { title: input.title };
        if (input.body != null) {
          if (ch.kind !== 'text') invalidField('body', '只有图文章节有正文');
          patch.body = cleanBody('body', input.body);
        }
        if (input.quiz !== undefined) {
          requireDraft(c);
          const ids = input.quiz ? await checkQuiz(r, input.quiz, c.orgPath) : [];
          await r.setQuizQuestions(chapterId, ids);
          patch.quizPassCount = input.quiz?.passCount ?? null;
        }
        await r.updateChapter(chapterId, patch);
        await r.updateCourse(courseId, {});
        await audit(tx, access.actor, { action: 'course.updateChapter', targetType: 'course', targetId: courseId, orgPath: c.orgPath, before: { chapterId, title: ch.title }, after: { chapterId, ...patch, quiz: input.quiz } });
      });
    },

    /** Removes a chapter of a draft; its file goes when nothing else refers to the bytes. */
    async removeChapter(access: Access, courseId: number, chapterId: number, version: number) {
      const sha = await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, courseId, version);
        requireDraft(c);
        const ch = (await r.chaptersOf(courseId)).find((x) => x.id === chapterId);
        if (!ch) throw new NotFound('该章节不属于本课程');
        await r.removeChapter(chapterId);
        if (ch.attachmentId) await r.removeAttachment(ch.attachmentId);
        const rest = (await r.chaptersOf(courseId)).map((x) => x.id);
        if (rest.length) await r.reorderChapters(courseId, rest);
        await r.updateCourse(courseId, {});
        await audit(tx, access.actor, { action: 'course.removeChapter', targetType: 'course', targetId: courseId, orgPath: c.orgPath, before: { chapterId, title: ch.title, kind: ch.kind, fileName: ch.fileName } });
        return ch.sha256;
      });
      if (sha) {
        await db.transaction().execute(async (tx) => {
          const r = createCourseRepository(tx);
          await r.lockFile(sha);
          if (!(await r.isShaReferenced(sha))) await store.remove(sha);
        });
      }
    },

    /** A chapter's file for the course's managers to check (whole or one byte range; no progress is recorded). */
    async chapterFile(access: Access, courseId: number, chapterId: number, rangeHeader: string | undefined) {
      const c = await repo.getCourse(courseId);
      if (!c || !access.inScope('course.manage', c.orgPath)) throw new NotFound();
      const ch = (await repo.chaptersOf(courseId)).find((x) => x.id === chapterId);
      if (!ch?.sha256 || ch.sizeBytes == null) throw new NotFound('该章节没有文件');
      return openRange(store, { sha256: ch.sha256, sizeBytes: ch.sizeBytes, contentType: ch.contentType!, fileName: ch.fileName! }, rangeHeader);
    },

    /** Puts a draft's chapters in the given order (every chapter exactly once). */
    async reorderChapters(access: Access, courseId: number, chapterIds: number[], version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createCourseRepository(tx);
        const c = await lockForEdit(r, access, courseId, version);
        requireDraft(c);
        const current = (await r.chaptersOf(courseId)).map((x) => x.id);
        const same = chapterIds.length === current.length && new Set(chapterIds).size === current.length && chapterIds.every((x) => current.includes(x));
        if (!same) invalidField('chapterIds', '章节顺序应包含本课程的全部章节且不重复，请刷新后重试');
        await r.reorderChapters(courseId, chapterIds);
        await r.updateCourse(courseId, {});
        await audit(tx, access.actor, { action: 'course.reorderChapters', targetType: 'course', targetId: courseId, orgPath: c.orgPath, before: { chapterIds: current }, after: { chapterIds } });
      });
    },
  };
}

function summaryOf(c: { id: number; orgId: number; orgName: string; title: string; category: string; lecturer: string | null; studyHours: string; status: string; publishedAt: Date | null; chapterCount: number | null; completedCount: number | null; version: number }) {
  return {
    id: c.id, orgId: c.orgId, orgName: c.orgName, title: c.title, category: c.category, lecturer: c.lecturer, studyHours: Number(c.studyHours),
    status: c.status as PublishStatus, publishedAt: c.publishedAt?.toISOString() ?? null, chapterCount: Number(c.chapterCount ?? 0), completedCount: Number(c.completedCount ?? 0), version: c.version,
  };
}
