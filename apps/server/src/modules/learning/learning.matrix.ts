import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { ROLES, todayInShanghai, type Role } from '@hongyun/shared';
import { createAttachmentStore } from '../../platform/attachments';
import { m, multipart, pick, type Entry, type MatrixPart, type Target } from '../../test/matrix';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const year = Number(todayInShanghai().slice(0, 4));

/** Own-record routes: only the member login has a member record; it sees what is inside its city. */
const OWN: Entry['override'] = Object.fromEntries(ROLES.map((r): [Role, [number, number]] => [r, r === 'member' ? [200, 404] : [404, 404]]));
/** Own-record routes whose answer does not depend on a target (empty for accounts without a record, or 404). */
const NO_MEMBER_RECORD: Entry['override'] = Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]]));

const unit = (tg: Target) => pick(tg, m.f.unitA, m.f.unitX);
const city = (tg: Target) => pick(tg, m.f.city, m.f.otherCity);

/** A fresh course of the target's unit (administration) or city (what members see). */
async function course(tg: Target, opts: { status?: 'draft' | 'published'; at?: 'unit' | 'city' } = {}) {
  const org = opts.at === 'city' ? city(tg) : unit(tg);
  const status = opts.status ?? 'draft';
  const row = await m.t.db.insertInto('course').values({
    orgId: org.id, orgPath: sql<string>`${org.path}::ltree`, title: '矩阵课程', category: '红船党课', studyHours: 1, status, publishedAt: status === 'published' ? new Date() : null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function textChapter(courseId: number, quizQuestionId?: number) {
  const row = await m.t.db.insertInto('courseChapter').values({ courseId, position: 1, title: '第一章', kind: 'text', body: '<p>红船精神</p>', attachmentId: null, quizPassCount: quizQuestionId ? 1 : null })
    .returning('id').executeTakeFirstOrThrow();
  if (quizQuestionId) await m.t.db.insertInto('chapterQuizQuestion').values({ chapterId: row.id, questionId: quizQuestionId, position: 1 }).execute();
  return row.id;
}

async function pdfChapter(courseId: number, orgPath: string) {
  const store = createAttachmentStore(m.t.ctx.config.dataDir);
  const stored = await store.save(Readable.from([PDF]), '讲义.pdf');
  await store.keep(stored);
  const a = await m.t.db.insertInto('attachment').values({ ownerType: 'courseChapter', ownerId: courseId, ownerPart: null, orgPath: sql<string>`${orgPath}::ltree`, fileName: '讲义.pdf', contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 })
    .returning('id').executeTakeFirstOrThrow();
  const row = await m.t.db.insertInto('courseChapter').values({ courseId, position: 1, title: '讲义', kind: 'pdf', body: null, attachmentId: a.id }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function approvedQuestion(tg: Target) {
  const org = city(tg);
  const row = await m.t.db.insertInto('question').values({
    orgId: org.id, orgPath: sql<string>`${org.path}::ltree`, kind: 'judge', stem: '党员应当按期交纳党费。', options: sql<never>`'[]'::jsonb`, answer: sql`'[true]'::jsonb`, category: '党章党规', status: 'approved',
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A published course the member login may (inside) or may not (outside) study, with one text chapter. */
async function studyable(tg: Target, quiz = false) {
  const id = await course(tg, { status: 'published', at: 'city' });
  const q = quiz ? await approvedQuestion(tg) : undefined;
  return { id, chapterId: await textChapter(id, q), questionId: q };
}

/** A fresh class of the target's unit (entries reuse the fixture members: the matrix builds many, and test ID numbers are finite). */
async function trainingClass(tg: Target) {
  const org = unit(tg);
  const row = await m.t.db.insertInto('trainingClass').values({ orgId: org.id, orgPath: sql<string>`${org.path}::ltree`, title: '矩阵培训班', year, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, requiredHours: 8 })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function completed(classId: number, memberId: number) {
  await m.t.db.insertInto('classEnrolment').values({ classId, memberId, completedAt: new Date(), certificateNo: `MX${classId}-${memberId}` }).execute();
}

const courseBody = { title: '矩阵课程', category: '红船党课', studyHours: 1, audience: { kind: 'all' } };
const classBody = { title: '矩阵培训班', year, startsOn: `${year}-03-01`, endsOn: `${year}-06-30`, requiredHours: 8, courseIds: [] };

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const learningMatrix: MatrixPart = {
  // ---- courses (administration) ----
  'GET /api/courses': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/courses' }) },
  'POST /api/courses': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/courses', body: { orgId: unit(tg).id, ...courseBody } }) },
  'GET /api/courses/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/courses/${await course(tg)}` }) },
  'PUT /api/courses/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/courses/${await course(tg)}`, body: { version: 1, ...courseBody, title: '改过的课程' } }) },
  'POST /api/courses/:id/publish': {
    ok: 200,
    call: async (tg) => {
      const id = await course(tg);
      await textChapter(id);
      return { method: 'POST', url: `/api/courses/${id}/publish`, body: { version: 1 } };
    },
  },
  'POST /api/courses/:id/archive': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/courses/${await course(tg, { status: 'published' })}/archive`, body: { version: 1 } }) },
  'POST /api/courses/:id/chapters': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/courses/${await course(tg)}/chapters`, body: { version: 1, title: '第一章', body: '<p>开天辟地</p>' } }) },
  'POST /api/courses/:id/chapters/upload': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: `/api/courses/${await course(tg)}/chapters/upload`, raw: multipart({ version: '1', title: '讲义', kind: 'pdf' }, { name: '讲义.pdf', content: PDF, type: 'application/pdf' }) }),
  },
  'PUT /api/courses/:id/chapters/:chapterId': {
    ok: 200,
    call: async (tg) => {
      const id = await course(tg);
      return { method: 'PUT', url: `/api/courses/${id}/chapters/${await textChapter(id)}`, body: { version: 1, title: '改过的章节', body: '<p>敢为人先</p>' } };
    },
  },
  'DELETE /api/courses/:id/chapters/:chapterId': {
    ok: 200,
    call: async (tg) => {
      const id = await course(tg);
      return { method: 'DELETE', url: `/api/courses/${id}/chapters/${await textChapter(id)}?version=1` };
    },
  },
  'PUT /api/courses/:id/chapter-order': {
    ok: 200,
    call: async (tg) => {
      const id = await course(tg);
      return { method: 'PUT', url: `/api/courses/${id}/chapter-order`, body: { version: 1, chapterIds: [await textChapter(id)] } };
    },
  },

  'GET /api/courses/:id/quiz-questions': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/courses/${await course(tg)}/quiz-questions` }) },

  'GET /api/courses/:id/chapters/:chapterId/file': {
    ok: 200,
    call: async (tg) => {
      const id = await course(tg);
      return { method: 'GET', url: `/api/courses/${id}/chapters/${await pdfChapter(id, unit(tg).path)}/file` };
    },
  },

  // ---- the member's courses ----
  'GET /api/me/courses': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/courses' }) },
  'GET /api/me/courses/:id': { ok: 200, override: OWN, call: async (tg) => ({ method: 'GET', url: `/api/me/courses/${(await studyable(tg)).id}` }) },
  'GET /api/me/courses/:id/chapters/:chapterId': {
    ok: 200, override: OWN,
    call: async (tg) => {
      const c = await studyable(tg);
      return { method: 'GET', url: `/api/me/courses/${c.id}/chapters/${c.chapterId}` };
    },
  },
  'GET /api/me/courses/:id/chapters/:chapterId/media': {
    ok: 200, override: OWN,
    call: async (tg) => {
      const id = await course(tg, { status: 'published', at: 'city' });
      return { method: 'GET', url: `/api/me/courses/${id}/chapters/${await pdfChapter(id, city(tg).path)}/media` };
    },
  },
  'POST /api/me/courses/:id/chapters/:chapterId/quiz': {
    ok: 200, override: OWN,
    call: async (tg) => {
      const c = await studyable(tg, true);
      return { method: 'POST', url: `/api/me/courses/${c.id}/chapters/${c.chapterId}/quiz`, body: { answers: [{ questionId: c.questionId, answer: true }] } };
    },
  },

  // ---- online school classes ----
  'GET /api/classes': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/classes' }) },
  'POST /api/classes': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/classes', body: { orgId: unit(tg).id, ...classBody } }) },
  'GET /api/classes/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/classes/${await trainingClass(tg)}` }) },
  'PUT /api/classes/:id': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/classes/${await trainingClass(tg)}`, body: { version: 1, ...classBody, title: '改过的培训班' } }) },
  'POST /api/classes/:id/enrolments': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/classes/${await trainingClass(tg)}/enrolments`, body: { memberIds: [pick(tg, m.f.memberA, m.f.memberX).id] } }) },
  'POST /api/classes/:id/enrolments/bulk': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/classes/${await trainingClass(tg)}/enrolments/bulk`, body: { orgId: unit(tg).id } }) },
  'DELETE /api/classes/:id/enrolments/:memberId': {
    ok: 200,
    call: async (tg) => {
      const id = await trainingClass(tg);
      const member = pick(tg, m.f.memberA, m.f.memberX);
      await m.t.db.insertInto('classEnrolment').values({ classId: id, memberId: member.id }).execute();
      return { method: 'DELETE', url: `/api/classes/${id}/enrolments/${member.id}` };
    },
  },
  'GET /api/classes/:id/progress': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/classes/${await trainingClass(tg)}/progress` }) },
  'GET /api/classes/:id/certificates/:memberId': {
    ok: 200,
    call: async (tg) => {
      const id = await trainingClass(tg);
      const member = pick(tg, m.f.memberA, m.f.memberX);
      await completed(id, member.id);
      return { method: 'GET', url: `/api/classes/${id}/certificates/${member.id}` };
    },
  },
  'GET /api/me/classes': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/classes' }) },
  'GET /api/me/classes/:id/certificate': {
    ok: 200, override: OWN,
    call: async (tg) => {
      const id = await trainingClass(tg);
      // Inside: the member login completed this class; outside: a class it never joined.
      if (tg === 'in') await completed(id, m.f.me.id);
      return { method: 'GET', url: `/api/me/classes/${id}/certificate` };
    },
  },

  // ---- study hours ----
  'GET /api/me/study-hours': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/study-hours' }) },
  'GET /api/study-hours': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/study-hours?orgId=${pick(tg, m.f.branchA.id, m.f.branchX.id)}` }) },
};
