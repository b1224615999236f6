import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/attachments';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid } from '../../platform/errors';
import { errorResponses, ErrorEnvelope } from '../../platform/http';
import { createMeetingAttendanceService } from './meeting-attendance.service';
import { createDiscussionService } from './meeting-discussion.service';
import { meetingMemberRoutes } from './meeting-member.routes';
import { createMeetingMinutesService } from './meeting-minutes.service';
import {
  AttachmentParams, AttachmentView, AttendanceBody, CancelBody, ConfirmBody, IdParams, IdResponse, LeaveDecisionBody, LeaveParams, MeetingDetail, MeetingList,
  MeetingListQuery, MinutesBody, Ok, PlanBody, PostBody, PostList, PostListQuery, SignInCode, UpdateBody, VoteBody, VoteView,
} from './meeting.schemas';
import { createMeetingService } from './meeting.service';

const tags = ['meetings'];
const ok = { ok: true as const };
const FileDownload = z.unknown().describe('the stored file (PDF, image, .docx or .xlsx)');

/**
 * Organisational-life meetings (三会一课, 主题党日, 组织生活会…) for secretaries and the levels
 * above: planning, leave decisions, attendance, the sign-in QR code, minutes, votes and the
 * online branch's threads. The member pages' routes are in meeting-member.routes.ts.
 */
export function meetingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const meetings = createMeetingService(ctx);
  const attendance = createMeetingAttendanceService(ctx);
  const minutes = createMeetingMinutesService({ db: ctx.db, dataDir: ctx.config.dataDir });
  const discussion = createDiscussionService(ctx);
  return async (app) => {
    await app.register(meetingMemberRoutes(ctx));

    app.get('/api/meetings', {
      config: { access: 'meeting.read' },
      schema: { operationId: 'listMeetings', tags, summary: 'Meetings in scope, newest first, with counts and the minutes\' state', querystring: MeetingListQuery, response: { 200: MeetingList, ...errorResponses } },
    }, async (request) => meetings.list(accessOf(request), request.query));

    app.post('/api/meetings', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'planMeeting', tags, summary: 'Plan a meeting: invitees computed, venue booked, to-dos sent', body: PlanBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await meetings.plan(accessOf(request), request.body) }));

    app.get('/api/meetings/:id', {
      config: { access: 'meeting.read' },
      schema: { operationId: 'getMeeting', tags, summary: 'One meeting: attendees, minutes with versions, votes, files and abilities', params: IdParams, response: { 200: MeetingDetail, ...errorResponses } },
    }, async (request) => meetings.detail(accessOf(request), request.params.id));

    app.put('/api/meetings/:id', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'updateMeeting', tags, summary: 'Edit a planned meeting (version-checked; re-books the venue when moved)', params: IdParams, body: UpdateBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await meetings.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/meetings/:id/cancel', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'cancelMeeting', tags, summary: 'Cancel a planned meeting with a reason (frees the venue)', params: IdParams, body: CancelBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await meetings.cancel(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/meetings/:id/leave/:memberId', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'decideMeetingLeave', tags, summary: 'Approve or reject a member\'s leave request', params: LeaveParams, body: LeaveDecisionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await attendance.decideLeave(accessOf(request), request.params.id, request.params.memberId, request.body);
      return ok;
    });

    app.put('/api/meetings/:id/attendance', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'markMeetingAttendance', tags, summary: 'Record who took part (invitees only)', params: IdParams, body: AttendanceBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await attendance.markAttendance(accessOf(request), request.params.id, request.body.entries);
      return ok;
    });

    app.post('/api/meetings/:id/sign-in-code', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'getMeetingSignInCode', tags, summary: 'The current rotating sign-in code for the QR screen', params: IdParams, response: { 200: SignInCode, ...errorResponses } },
    }, async (request) => attendance.signInCode(accessOf(request), request.params.id));

    app.put('/api/meetings/:id/minutes', {
      // The recorder may be a member without admin rights: the service checks recorder or meeting.write.
      config: { access: 'authenticated' },
      schema: { operationId: 'saveMeetingMinutes', tags, summary: 'Record or correct the minutes (a reason is required after confirmation)', params: IdParams, body: MinutesBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await minutes.save(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/meetings/:id/minutes/confirm', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'confirmMeetingMinutes', tags, summary: 'Confirm the minutes (the meeting then counts as held)', params: IdParams, body: ConfirmBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await minutes.confirm(accessOf(request), request.params.id, request.body.revision);
      return ok;
    });

    app.post('/api/meetings/:id/votes', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'recordMeetingVote', tags, summary: 'Record a vote at a 党员大会 (quorum and result computed)', params: IdParams, body: VoteBody, response: { 201: VoteView, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await minutes.vote(accessOf(request), request.params.id, request.body)));

    app.get('/api/meetings/:id/attachments', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMeetingAttachments', tags, summary: 'Files with the minutes', params: IdParams, response: { 200: z.object({ items: z.array(AttachmentView) }), ...errorResponses } },
    }, async (request) => ({ items: await minutes.listFiles(accessOf(request), request.params.id) }));

    app.post('/api/meetings/:id/attachments', {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'uploadMeetingAttachment', tags, consumes: ['multipart/form-data'], params: IdParams,
        summary: 'Upload an optional file with the minutes (multipart field `file`: PDF, JPG/PNG, .docx, .xlsx)',
        response: { 201: AttachmentView, ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传附件');
      const part = await request.file();
      if (!part) throw new Invalid('请选择要上传的文件', [{ path: 'file', message: '请选择文件' }]);
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
      }
      return reply.status(201).send(await minutes.upload(accessOf(request), request.params.id, { stream: part.file, fileName: part.filename }));
    });

    app.get('/api/meetings/:id/attachments/:attachmentId', {
      config: { access: 'authenticated' },
      schema: { operationId: 'downloadMeetingAttachment', tags, summary: 'Download a file of the minutes', params: AttachmentParams, produces: ['application/octet-stream'], response: { 200: FileDownload, ...errorResponses } },
    }, async (request, reply) => {
      const f = await minutes.download(accessOf(request), request.params.id, request.params.attachmentId);
      return reply.header('content-type', f.contentType).header('content-length', String(f.sizeBytes))
        .header('content-disposition', contentDisposition(f.fileName)).header('x-content-type-options', 'nosniff').send(f.stream);
    });

    app.delete('/api/meetings/:id/attachments/:attachmentId', {
      config: { access: 'authenticated' },
      schema: { operationId: 'deleteMeetingAttachment', tags, summary: 'Delete a file of unconfirmed minutes', params: AttachmentParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await minutes.remove(accessOf(request), request.params.id, request.params.attachmentId);
      return ok;
    });

    app.get('/api/meetings/:id/posts', {
      config: { access: 'meeting.read' },
      schema: { operationId: 'listMeetingPosts', tags, summary: 'The meeting\'s discussion thread, newest last', params: IdParams, querystring: PostListQuery, response: { 200: PostList, ...errorResponses } },
    }, async (request) => discussion.listMeetingPosts(accessOf(request), request.params.id, request.query));

    app.post('/api/meetings/:id/posts', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'createMeetingPost', tags, summary: 'Post in the meeting\'s thread', params: IdParams, body: PostBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await discussion.postToMeeting(accessOf(request), request.params.id, request.body.body) }));

    app.get('/api/orgs/:id/posts', {
      config: { access: 'meeting.read' },
      schema: { operationId: 'listOrgPosts', tags, summary: 'The organisation\'s online-branch thread, newest last', params: IdParams, querystring: PostListQuery, response: { 200: PostList, ...errorResponses } },
    }, async (request) => discussion.listOrgPosts(accessOf(request), request.params.id, request.query));

    app.post('/api/orgs/:id/posts', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'createOrgPost', tags, summary: 'Post in the organisation\'s thread', params: IdParams, body: PostBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await discussion.postToOrg(accessOf(request), request.params.id, request.body.body) }));

    app.post('/api/discussion-posts/:id/hide', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'hideDiscussionPost', tags, summary: 'Hide a post (shown as hidden by an administrator)', params: IdParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await discussion.hide(accessOf(request), request.params.id);
      return ok;
    });
  };
}
