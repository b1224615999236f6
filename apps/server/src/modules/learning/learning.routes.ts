import { z } from 'zod';
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/attachments';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid, Unauthenticated, parseFormFields } from '../../platform/errors';
import { errorResponses, ErrorEnvelope } from '../../platform/http';
import type { RangeReply } from './chapter-files';
import { createClassService } from './class.service';
import { createCourseService } from './course.service';
import {
  BulkEnrolBody, BulkEnrolResult, Certificate, ChapterParams, ClassDetail, ClassList, ClassListQuery, ClassProgress, ClassProgressQuery, CourseDetail, CourseList, CourseListQuery, CreateChapterBody,
  CreateClassBody, CreateCourseBody, EnrolBody, EnrolResult, IdParams, IdResponse, MemberParams, MyChapterView, MyClasses, MyCourseDetail, MyCourseList, MyCourseListQuery,
  MyStudyHours, Ok, OrgStudyHours, OrgStudyHoursQuery, QuizAnswersBody, QuizQuestionPickerList, QuizQuestionPickerQuery, QuizResult, ReorderBody, StudyHoursYearQuery, UpdateChapterBody, UpdateClassBody, UpdateCourseBody,
  UploadChapterFields, VersionBody,
} from './learning.schemas';
import { createMyCourseService } from './my-course.service';

const tags = ['learning'];
const ok = { ok: true as const };
const FileBytes = z.unknown().describe('the chapter file (PDF, video or audio), whole or the requested byte range');

function actorOf(request: FastifyRequest) {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}

/** Sends a file reply: a 206 slice with Content-Range, the whole file, or 416 naming the size. */
function sendRange(request: FastifyRequest, reply: FastifyReply, f: RangeReply, head: boolean) {
  reply.header('accept-ranges', 'bytes').header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
  if (f.status === 416) {
    return reply.status(416).header('content-range', `bytes */${f.size}`)
      .send({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', message: '请求的范围超出了文件大小', requestId: request.id });
  }
  reply.status(f.status).header('content-type', f.contentType).header('content-length', String(f.end - f.start + 1))
    .header('content-disposition', contentDisposition(f.fileName, 'inline'));
  if (f.status === 206) reply.header('content-range', `bytes ${f.start}-${f.end}/${f.size}`);
  return reply.send(head ? '' : fs.createReadStream(f.file, { start: f.start, end: f.end }));
}

/** 红船党课 and the online party school: courses, the member's learning, classes and study hours. */
export function learningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const courses = createCourseService({ db: ctx.db, dataDir: ctx.config.dataDir });
  const mine = createMyCourseService({ db: ctx.db, dataDir: ctx.config.dataDir });
  const classes = createClassService({ db: ctx.db });
  return async (app) => {
    // ---- courses (administration) -------------------------------------------------------
    app.get('/api/courses', {
      config: { access: 'course.manage' },
      schema: { operationId: 'listCourses', tags, summary: 'Courses of the caller\'s subtree, recently changed first', querystring: CourseListQuery, response: { 200: CourseList, ...errorResponses } },
    }, async (request) => courses.list(accessOf(request), request.query));

    app.post('/api/courses', {
      config: { access: 'course.manage' },
      schema: { operationId: 'createCourse', tags, summary: 'Draft a course (title, category, lecturer, study hours, audience)', body: CreateCourseBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await courses.create(accessOf(request), request.body) }));

    app.get('/api/courses/:id', {
      config: { access: 'course.manage' },
      schema: { operationId: 'getCourse', tags, summary: 'One course with its chapters and what the caller may do', params: IdParams, response: { 200: CourseDetail, ...errorResponses } },
    }, async (request) => courses.detail(accessOf(request), request.params.id));

    app.put('/api/courses/:id', {
      config: { access: 'course.manage' },
      schema: { operationId: 'updateCourse', tags, summary: 'Edit a course (study hours only while a draft)', params: IdParams, body: UpdateCourseBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/courses/:id/publish', {
      config: { access: 'course.manage' },
      schema: { operationId: 'publishCourse', tags, summary: 'Publish a draft course to its audience', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.publish(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.post('/api/courses/:id/archive', {
      config: { access: 'course.manage' },
      schema: { operationId: 'archiveCourse', tags, summary: 'Archive a course (members no longer see it; hours earned stay)', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.archive(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.post('/api/courses/:id/chapters', {
      config: { access: 'course.manage' },
      schema: { operationId: 'addTextChapter', tags, summary: 'Add a rich-text chapter (sanitized) to a draft, optionally with a short quiz', params: IdParams, body: CreateChapterBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await courses.addTextChapter(accessOf(request), request.params.id, request.body) }));

    app.post('/api/courses/:id/chapters/upload', {
      config: { access: 'course.manage' },
      schema: {
        operationId: 'addFileChapter', tags, consumes: ['multipart/form-data'], params: IdParams,
        summary: 'Add a PDF, video (.mp4/.webm) or audio (.mp3/.m4a) chapter to a draft (multipart: `version`, `title`, `kind`, then `file`)',
        response: { 201: IdResponse, ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传章节文件');
      const part = await request.file();
      if (!part) throw new Invalid('请选择要上传的文件', [{ path: 'file', message: '请选择文件' }]);
      const raw: Record<string, string> = {};
      for (const [name, value] of Object.entries(part.fields)) {
        const v = Array.isArray(value) ? value[0] : value;
        if (v && v.type === 'field') raw[name] = String(v.value);
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
      }
      let fields;
      try {
        fields = parseFormFields(UploadChapterFields, raw);
      } catch (error) {
        part.file.resume();
        throw error;
      }
      const id = await courses.addFileChapter(accessOf(request), request.params.id, fields, { stream: part.file, fileName: part.filename });
      return reply.status(201).send({ id });
    });

    app.put('/api/courses/:id/chapters/:chapterId', {
      config: { access: 'course.manage' },
      schema: { operationId: 'updateChapter', tags, summary: 'Edit a chapter\'s title, text, or (draft only) its quiz', params: ChapterParams, body: UpdateChapterBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.updateChapter(accessOf(request), request.params.id, request.params.chapterId, request.body);
      return ok;
    });

    app.delete('/api/courses/:id/chapters/:chapterId', {
      config: { access: 'course.manage' },
      schema: { operationId: 'removeChapter', tags, summary: 'Remove a chapter of a draft (with its file)', params: ChapterParams, querystring: z.object({ version: z.coerce.number().int() }), response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.removeChapter(accessOf(request), request.params.id, request.params.chapterId, request.query.version);
      return ok;
    });

    app.put('/api/courses/:id/chapter-order', {
      config: { access: 'course.manage' },
      schema: { operationId: 'reorderChapters', tags, summary: 'Put a draft\'s chapters in order', params: IdParams, body: ReorderBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await courses.reorderChapters(accessOf(request), request.params.id, request.body.chapterIds, request.body.version);
      return ok;
    });

    app.get('/api/courses/:id/quiz-questions', {
      config: { access: 'course.manage' },
      schema: { operationId: 'listCourseQuizQuestions', tags, summary: 'Approved questions of the course\'s deployment a chapter quiz may use (with keys, for its managers)', params: IdParams, querystring: QuizQuestionPickerQuery, response: { 200: QuizQuestionPickerList, ...errorResponses } },
    }, async (request) => courses.quizQuestions(accessOf(request), request.params.id, request.query));

    app.get('/api/courses/:id/chapters/:chapterId/file', {
      config: { access: 'course.manage' },
      schema: {
        operationId: 'getChapterFile', tags, params: ChapterParams, produces: ['application/octet-stream'],
        summary: 'A chapter\'s file for its managers to check, with range requests (records no progress)',
        response: { 200: FileBytes, 206: FileBytes, ...errorResponses, 416: ErrorEnvelope },
      },
    }, async (request, reply) => sendRange(request, reply, await courses.chapterFile(accessOf(request), request.params.id, request.params.chapterId, request.headers.range), request.method === 'HEAD'));

    // ---- the member's courses -----------------------------------------------------------
    app.get('/api/me/courses', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyCourses', tags, summary: 'Published courses I may study, with my progress (empty without a member record)', querystring: MyCourseListQuery, response: { 200: MyCourseList, ...errorResponses } },
    }, async (request) => mine.list(actorOf(request), request.query));

    app.get('/api/me/courses/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyCourse', tags, summary: 'A course\'s chapters with my progress', params: IdParams, response: { 200: MyCourseDetail, ...errorResponses } },
    }, async (request) => mine.detail(actorOf(request), request.params.id));

    app.get('/api/me/courses/:id/chapters/:chapterId', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyChapter', tags, summary: 'A chapter: text content (delivering it marks it delivered) and quiz questions without keys', params: ChapterParams, response: { 200: MyChapterView, ...errorResponses } },
    }, async (request) => mine.chapter(actorOf(request), request.params.id, request.params.chapterId, request.method === 'HEAD'));

    app.get('/api/me/courses/:id/chapters/:chapterId/media', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'getMyChapterMedia', tags, params: ChapterParams, produces: ['application/octet-stream'],
        summary: 'The chapter\'s file with HTTP range requests; the bytes served count towards the chapter being delivered',
        response: { 200: FileBytes, 206: FileBytes, ...errorResponses, 416: ErrorEnvelope },
      },
    }, async (request, reply) => {
      const head = request.method === 'HEAD';
      return sendRange(request, reply, await mine.media(actorOf(request), request.params.id, request.params.chapterId, request.headers.range, head), head);
    });

    app.post('/api/me/courses/:id/chapters/:chapterId/quiz', {
      config: { access: 'authenticated' },
      schema: { operationId: 'answerChapterQuiz', tags, summary: 'Answer a chapter\'s quiz; checked on the server, the key comes back only now', params: ChapterParams, body: QuizAnswersBody, response: { 200: QuizResult, ...errorResponses } },
    }, async (request) => mine.answerQuiz(actorOf(request), request.params.id, request.params.chapterId, request.body));

    // ---- online school classes ----------------------------------------------------------
    app.get('/api/classes', {
      config: { access: 'course.manage' },
      schema: { operationId: 'listClasses', tags, summary: 'Online-school classes of the caller\'s subtree', querystring: ClassListQuery, response: { 200: ClassList, ...errorResponses } },
    }, async (request) => classes.list(accessOf(request), request.query));

    app.post('/api/classes', {
      config: { access: 'course.manage' },
      schema: { operationId: 'createClass', tags, summary: 'Open a class (organisation, year, dates, required hours, courses)', body: CreateClassBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await classes.create(accessOf(request), request.body) }));

    app.get('/api/classes/:id', {
      config: { access: 'course.manage' },
      schema: { operationId: 'getClass', tags, summary: 'One class with its courses', params: IdParams, response: { 200: ClassDetail, ...errorResponses } },
    }, async (request) => classes.detail(accessOf(request), request.params.id));

    app.put('/api/classes/:id', {
      config: { access: 'course.manage' },
      schema: { operationId: 'updateClass', tags, summary: 'Edit a class (or close it)', params: IdParams, body: UpdateClassBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await classes.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/classes/:id/enrolments', {
      config: { access: 'course.manage' },
      schema: { operationId: 'enrolInClass', tags, summary: 'Enrol members of the class organisation\'s subtree', params: IdParams, body: EnrolBody, response: { 200: EnrolResult, ...errorResponses } },
    }, async (request) => classes.enrol(accessOf(request), request.params.id, request.body.memberIds));

    app.post('/api/classes/:id/enrolments/bulk', {
      config: { access: 'course.manage' },
      schema: { operationId: 'bulkEnrolInClass', tags, summary: 'Enrol every member in the register of an organisation\'s subtree, or a pasted list of names; reports those skipped', params: IdParams, body: BulkEnrolBody, response: { 200: BulkEnrolResult, ...errorResponses } },
    }, async (request) => classes.bulkEnrol(accessOf(request), request.params.id, request.body));

    app.delete('/api/classes/:id/enrolments/:memberId', {
      config: { access: 'course.manage' },
      schema: { operationId: 'unenrolFromClass', tags, summary: 'Remove an enrolment that has not completed', params: MemberParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await classes.unenrol(accessOf(request), request.params.id, request.params.memberId);
      return ok;
    });

    app.get('/api/classes/:id/progress', {
      config: { access: 'course.manage' },
      schema: { operationId: 'getClassProgress', tags, summary: 'Each enrolled member\'s hours of the class year against the requirement, by name', params: IdParams, querystring: ClassProgressQuery, response: { 200: ClassProgress, ...errorResponses } },
    }, async (request) => classes.progress(accessOf(request), request.params.id, request.query));

    app.get('/api/classes/:id/certificates/:memberId', {
      config: { access: 'course.manage' },
      schema: { operationId: 'getClassCertificate', tags, summary: 'A completed member\'s certificate, for a printable page', params: MemberParams, response: { 200: Certificate, ...errorResponses } },
    }, async (request) => classes.certificate(accessOf(request), request.params.id, request.params.memberId));

    app.get('/api/me/classes', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyClasses', tags, summary: 'Classes I am enrolled in, with my hours and certificate', response: { 200: MyClasses, ...errorResponses } },
    }, async (request) => classes.mine(actorOf(request)));

    app.get('/api/me/classes/:id/certificate', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyClassCertificate', tags, summary: 'My certificate of a class I completed, for a printable page', params: IdParams, response: { 200: Certificate, ...errorResponses } },
    }, async (request) => classes.myCertificate(actorOf(request), request.params.id));

    // ---- study hours --------------------------------------------------------------------
    app.get('/api/me/study-hours', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyStudyHours', tags, summary: 'My study-hours ledger of a year against the requirement', querystring: StudyHoursYearQuery, response: { 200: MyStudyHours, ...errorResponses } },
    }, async (request) => classes.myStudyHours(actorOf(request), request.query.year));

    app.get('/api/study-hours', {
      config: { access: 'member.read' },
      schema: { operationId: 'listStudyHours', tags, summary: 'Members of a subtree: hours against the requirement, by name (a to-do list, not a ranking)', querystring: OrgStudyHoursQuery, response: { 200: OrgStudyHours, ...errorResponses } },
    }, async (request) => classes.orgStudyHours(accessOf(request), request.query));
  };
}
