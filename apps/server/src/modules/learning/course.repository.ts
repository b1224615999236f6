import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

/** Courses, chapters and the member's server-seen progress: SQL only, no rules. */
export function createCourseRepository(db: Queryable) {
  const courseColumns = [
    'c.id', 'c.orgId', 'o.name as orgName', sql<string>`c.org_path::text`.as('orgPath'), 'c.title', 'c.category', 'c.summary', 'c.lecturer',
    'c.studyHours', 'c.status', 'c.publishedAt', 'c.version', 'c.audienceKind', sql<string | null>`c.audience_path::text`.as('audiencePath'), 'c.audienceRoles',
  ] as const;

  return {
    org(id: number) {
      return db.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path'), 'abolishedOn']).where('id', '=', id).executeTakeFirst();
    },

    orgByPath(path: string) {
      return db.selectFrom('org').select(['id', 'name']).where(sql<SqlBool>`path = ${path}::ltree`).executeTakeFirst();
    },

    async listCourses(q: { scope: Expression<SqlBool>; status?: string; category?: string; q?: string; page: number; pageSize: number }) {
      let base = db.selectFrom('course as c').innerJoin('org as o', 'o.id', 'c.orgId').where(q.scope);
      if (q.status) base = base.where('c.status', '=', q.status);
      if (q.category) base = base.where('c.category', '=', q.category);
      if (q.q) base = base.where('c.title', 'like', `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      const [items, total] = await Promise.all([
        base.select([...courseColumns,
          (eb) => eb.selectFrom('courseChapter').select((e) => e.fn.countAll<number>().as('n')).whereRef('courseId', '=', 'c.id').as('chapterCount'),
          (eb) => eb.selectFrom('courseCompletion').select((e) => e.fn.countAll<number>().as('n')).whereRef('courseId', '=', 'c.id').as('completedCount'),
        ]).orderBy('c.updatedAt', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    getCourse(id: number) {
      return db.selectFrom('course as c').innerJoin('org as o', 'o.id', 'c.orgId').select([...courseColumns,
        (eb) => eb.selectFrom('courseCompletion').select((e) => e.fn.countAll<number>().as('n')).whereRef('courseId', '=', 'c.id').as('completedCount'),
      ]).where('c.id', '=', id).executeTakeFirst();
    },

    /** The course row locked for the rest of the transaction (edits are serialised per course). */
    lockCourse(id: number) {
      return db.selectFrom('course as c').innerJoin('org as o', 'o.id', 'c.orgId').select(courseColumns).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
    },

    insertCourse(row: { orgId: number; orgPath: string; title: string; category: string; summary: string | null; lecturer: string | null; studyHours: number; audienceKind: string; audiencePath: string | null; audienceRoles: string[]; createdBy: number }) {
      return db.insertInto('course').values({ ...row, orgPath: sql<string>`${row.orgPath}::ltree`, audiencePath: row.audiencePath === null ? null : sql<string>`${row.audiencePath}::ltree` })
        .returning('id').executeTakeFirstOrThrow();
    },

    /** Writes the changes and bumps the version; the caller has locked and version-checked the row. */
    async updateCourse(id: number, patch: { title?: string; category?: string; summary?: string | null; lecturer?: string | null; studyHours?: number; audienceKind?: string; audiencePath?: string | null; audienceRoles?: string[]; status?: string; publishedAt?: Date | null }) {
      const { audiencePath, ...rest } = patch;
      await db.updateTable('course').set({
        ...rest,
        ...(audiencePath === undefined ? {} : { audiencePath: audiencePath === null ? null : sql<string>`${audiencePath}::ltree` }),
        version: sql<number>`version + 1`, updatedAt: sql<Date>`now()`,
      }).where('id', '=', id).execute();
    },

    chaptersOf(courseId: number) {
      return db.selectFrom('courseChapter as ch').leftJoin('attachment as a', 'a.id', 'ch.attachmentId')
        .select(['ch.id', 'ch.courseId', 'ch.position', 'ch.title', 'ch.kind', 'ch.body', 'ch.quizPassCount', 'ch.attachmentId', 'a.fileName', 'a.contentType', 'a.sizeBytes', 'a.sha256'])
        .where('ch.courseId', '=', courseId).orderBy('ch.position').execute();
    },

    quizQuestionIdsOf(chapterIds: number[]) {
      if (chapterIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('chapterQuizQuestion').select(['chapterId', 'questionId']).where('chapterId', 'in', chapterIds).orderBy('chapterId').orderBy('position').execute();
    },

    /** The chapter's quiz questions with their keys, in order (for checking answers on the server). */
    quizQuestionsOf(chapterId: number) {
      return db.selectFrom('chapterQuizQuestion as cq').innerJoin('question as q', 'q.id', 'cq.questionId')
        .select(['q.id', 'q.kind', 'q.stem', 'q.options', 'q.answer', 'q.explanation'])
        .where('cq.chapterId', '=', chapterId).orderBy('cq.position').execute();
    },

    /** Approved questions of the deployment rooted at `root` a chapter quiz may use, newest first (keys included: for course managers only). */
    async usableQuestions(root: string, f: { q?: string; category?: string; ids?: number[] }, page: number, pageSize: number) {
      const base = db.selectFrom('question').where('status', '=', 'approved').where(sql<SqlBool>`org_path <@ ${root}::ltree`)
        .$if(!!f.ids, (x) => x.where('id', 'in', f.ids!))
        .$if(!!f.category, (x) => x.where('category', '=', f.category!))
        .$if(!!f.q, (x) => x.where('stem', 'ilike', `%${escapeLike(f.q!)}%`));
      const [items, count] = await Promise.all([
        base.select(['id', 'kind', 'stem', 'category', 'answer']).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },

    questionCategories(root: string) {
      return db.selectFrom('question').select('category').distinct().where('status', '=', 'approved').where(sql<SqlBool>`org_path <@ ${root}::ltree`)
        .orderBy('category').execute().then((rows) => rows.map((r) => r.category));
    },

    /** Of the given question ids, those approved and belonging to the deployment rooted at `root`. */
    approvedQuestionIds(ids: number[], root: string) {
      return db.selectFrom('question').select('id').where('id', 'in', ids).where('status', '=', 'approved')
        .where(sql<SqlBool>`org_path <@ ${root}::ltree`).execute().then((rows) => rows.map((r) => r.id));
    },

    async insertChapter(row: { courseId: number; title: string; kind: string; body: string | null; attachmentId: number | null }) {
      const { next } = await db.selectFrom('courseChapter').select(sql<number>`coalesce(max(position), 0) + 1`.as('next')).where('courseId', '=', row.courseId).executeTakeFirstOrThrow();
      return db.insertInto('courseChapter').values({ ...row, position: next }).returning('id').executeTakeFirstOrThrow();
    },

    updateChapter(id: number, patch: { title?: string; body?: string | null; quizPassCount?: number | null; attachmentId?: number | null }) {
      return db.updateTable('courseChapter').set(patch).where('id', '=', id).execute();
    },

    async setQuizQuestions(chapterId: number, questionIds: number[]) {
      await db.deleteFrom('chapterQuizQuestion').where('chapterId', '=', chapterId).execute();
      if (questionIds.length) await db.insertInto('chapterQuizQuestion').values(questionIds.map((questionId, i) => ({ chapterId, questionId, position: i + 1 }))).execute();
    },

    async removeChapter(id: number) {
      await db.deleteFrom('chapterQuizQuestion').where('chapterId', '=', id).execute();
      await db.deleteFrom('chapterProgress').where('chapterId', '=', id).execute();
      await db.deleteFrom('courseChapter').where('id', '=', id).execute();
    },

    /** Renumbers chapters in the given order (two steps: positions are unique per course). */
    async reorderChapters(courseId: number, ids: number[]) {
      await db.updateTable('courseChapter').set({ position: sql<number>`-position` }).where('courseId', '=', courseId).execute();
      for (const [i, id] of ids.entries()) await db.updateTable('courseChapter').set({ position: i + 1 }).where('id', '=', id).execute();
    },

    insertAttachment(row: { ownerId: number; orgPath: string; fileName: string; contentType: string; sizeBytes: number; sha256: Buffer; uploadedBy: number }) {
      return db.insertInto('attachment').values({ ...row, ownerType: 'courseChapter', ownerPart: null, orgPath: sql<string>`${row.orgPath}::ltree` }).returning('id').executeTakeFirstOrThrow();
    },

    attachmentSha(id: number) {
      return db.selectFrom('attachment').select('sha256').where('id', '=', id).executeTakeFirst();
    },

    removeAttachment(id: number) {
      return db.deleteFrom('attachment').where('id', '=', id).execute();
    },

    async lockFile(sha256: Buffer) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${sha256.toString('hex')}, 0))`.execute(db);
    },

    async isShaReferenced(sha256: Buffer) {
      return !!(await db.selectFrom('attachment').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst());
    },

    // ---- the member's side --------------------------------------------------------------

    member(id: number) {
      return db.selectFrom('member').select(['id', 'name', 'orgId', sql<string>`org_path::text`.as('orgPath'), 'status']).where('id', '=', id).executeTakeFirst();
    },

    async visibleCourses(q: { visible: Expression<SqlBool>; memberId: number; category?: string; page: number; pageSize: number }) {
      let base = db.selectFrom('course as c').where(q.visible);
      if (q.category) base = base.where('c.category', '=', q.category);
      const [items, total] = await Promise.all([
        base.leftJoin('courseCompletion as cc', (j) => j.onRef('cc.courseId', '=', 'c.id').on('cc.memberId', '=', q.memberId))
          .select(['c.id', 'c.title', 'c.category', 'c.summary', 'c.lecturer', 'c.studyHours', 'cc.completedAt',
            (eb) => eb.selectFrom('courseChapter').select((e) => e.fn.countAll<number>().as('n')).whereRef('courseId', '=', 'c.id').as('chapterCount'),
            (eb) => eb.selectFrom('courseChapter as ch').innerJoin('chapterProgress as p', 'p.chapterId', 'ch.id').select((e) => e.fn.countAll<number>().as('n'))
              .whereRef('ch.courseId', '=', 'c.id').where('p.memberId', '=', q.memberId).where('p.completedAt', 'is not', null).as('completedChapters'),
          ])
          .orderBy('c.publishedAt', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    visibleCourse(id: number, visible: Expression<SqlBool>) {
      return db.selectFrom('course as c').select(['c.id', 'c.title', 'c.category', 'c.summary', 'c.lecturer', 'c.studyHours', sql<string>`c.org_path::text`.as('orgPath')])
        .where('c.id', '=', id).where(visible).executeTakeFirst();
    },

    progressOf(memberId: number, chapterIds: number[]) {
      if (chapterIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('chapterProgress').select(['chapterId', 'deliveredAt', 'quizPassedAt', 'completedAt']).where('memberId', '=', memberId).where('chapterId', 'in', chapterIds).execute();
    },

    completionOf(memberId: number, courseId: number) {
      return db.selectFrom('courseCompletion').select('completedAt').where('memberId', '=', memberId).where('courseId', '=', courseId).executeTakeFirst();
    },

    /** Serialises progress changes of one member in one course until the transaction ends. */
    async lockProgress(memberId: number, courseId: number) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`courseProgress:${memberId}:${courseId}`}, 0))`.execute(db);
    },

    /** Adds delivered bytes [start, endExclusive) and marks the chapter delivered once they cover [0, size). */
    async addDelivered(memberId: number, chapterId: number, start: number, endExclusive: number, size: number) {
      const range = sql`int8multirange(int8range(${start}::int8, ${endExclusive}::int8))`;
      await db.insertInto('chapterProgress').values({ memberId, chapterId, delivered: sql<string>`${range}` })
        .onConflict((oc) => oc.columns(['memberId', 'chapterId']).doUpdateSet({ delivered: sql<string>`chapter_progress.delivered + ${range}` })).execute();
      await db.updateTable('chapterProgress').set({ deliveredAt: sql<Date>`now()` })
        .where('memberId', '=', memberId).where('chapterId', '=', chapterId).where('deliveredAt', 'is', null)
        .where(sql<SqlBool>`delivered @> int8range(0, ${size}::int8)`).execute();
    },

    async markDelivered(memberId: number, chapterId: number) {
      await db.insertInto('chapterProgress').values({ memberId, chapterId, deliveredAt: sql<Date>`now()` })
        .onConflict((oc) => oc.columns(['memberId', 'chapterId']).doUpdateSet({ deliveredAt: sql<Date>`coalesce(chapter_progress.delivered_at, now())` })).execute();
    },

    async markQuizPassed(memberId: number, chapterId: number) {
      await db.insertInto('chapterProgress').values({ memberId, chapterId, quizPassedAt: sql<Date>`now()` })
        .onConflict((oc) => oc.columns(['memberId', 'chapterId']).doUpdateSet({ quizPassedAt: sql<Date>`coalesce(chapter_progress.quiz_passed_at, now())` })).execute();
    },

    /** Marks the chapter complete when delivered and, where it has a quiz, passed. Returns whether it is complete. */
    async completeChapterIfDone(memberId: number, chapterId: number, hasQuiz: boolean) {
      await db.updateTable('chapterProgress').set({ completedAt: sql<Date>`now()` })
        .where('memberId', '=', memberId).where('chapterId', '=', chapterId).where('completedAt', 'is', null).where('deliveredAt', 'is not', null)
        .$if(hasQuiz, (qb) => qb.where('quizPassedAt', 'is not', null)).execute();
      const row = await db.selectFrom('chapterProgress').select('completedAt').where('memberId', '=', memberId).where('chapterId', '=', chapterId).executeTakeFirst();
      return !!row?.completedAt;
    },

    async allChaptersComplete(memberId: number, courseId: number) {
      const row = await db.selectFrom('courseChapter as ch')
        .leftJoin('chapterProgress as p', (j) => j.onRef('p.chapterId', '=', 'ch.id').on('p.memberId', '=', memberId))
        .select([(eb) => eb.fn.countAll<number>().as('total'), sql<number>`count(p.completed_at)`.as('done')])
        .where('ch.courseId', '=', courseId).executeTakeFirstOrThrow();
      return Number(row.total) > 0 && Number(row.total) === Number(row.done);
    },

    /** Inserts the completion; false when it already existed (so its effects happen once). */
    async insertCompletion(memberId: number, courseId: number) {
      const row = await db.insertInto('courseCompletion').values({ memberId, courseId }).onConflict((oc) => oc.doNothing()).returning('memberId').executeTakeFirst();
      return !!row;
    },
  };
}
export type CourseRepository = ReturnType<typeof createCourseRepository>;
