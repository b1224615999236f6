import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createMeetingAttendanceService } from './meeting-attendance.service';
import { createDiscussionService } from './meeting-discussion.service';
import { createMeetingMemberService } from './meeting-member.service';
import { IdParams, IdResponse, JoinOnlineResult, MyMeetingDetail, MyMeetingList, MyMeetingListQuery, Ok, PostBody, PostList, PostListQuery, ReplyBody, SignInBody } from './meeting.schemas';

const tags = ['me'];
const ok = { ok: true as const };

/**
 * The member pages' meetings (/m): my meetings, replies and leave, signing in by the QR code,
 * joining online, minutes once confirmed, and the online branch's threads. Every route acts
 * on the caller's own member record; an account without one has no meetings (empty lists,
 * 404 for a single meeting).
 */
export function meetingMemberRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const mine = createMeetingMemberService(ctx);
  const attendance = createMeetingAttendanceService(ctx);
  const discussion = createDiscussionService(ctx);
  return async (app) => {
    app.get('/api/me/meetings', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyMeetings', tags, summary: 'My meetings, upcoming (soonest first) or past (latest first)', querystring: MyMeetingListQuery, response: { 200: MyMeetingList, ...errorResponses } },
    }, async (request) => mine.list(accessOf(request).actor, request.query));

    app.get('/api/me/meetings/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyMeeting', tags, summary: 'A meeting I am invited to, with my reply and attendance', params: IdParams, response: { 200: MyMeetingDetail, ...errorResponses } },
    }, async (request) => mine.detail(accessOf(request).actor, request.params.id));

    app.post('/api/me/meetings/:id/reply', {
      config: { access: 'authenticated' },
      schema: { operationId: 'replyToMeeting', tags, summary: 'Reply: attend, or ask for leave with a reason', params: IdParams, body: ReplyBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await attendance.reply(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/me/meetings/:id/sign-in', {
      config: { access: 'authenticated' },
      schema: { operationId: 'signInToMeeting', tags, summary: 'Sign in with the code of the QR screen (optional; never required)', params: IdParams, body: SignInBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await attendance.signIn(accessOf(request), request.params.id, request.body.token);
      return ok;
    });

    app.post('/api/me/meetings/:id/join-online', {
      config: { access: 'authenticated' },
      schema: { operationId: 'joinMeetingOnline', tags, summary: 'Take part online (网络e支部): recorded as online attendance', params: IdParams, response: { 200: JoinOnlineResult, ...errorResponses } },
    }, async (request) => attendance.joinOnline(accessOf(request), request.params.id));

    app.get('/api/me/meetings/:id/posts', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyMeetingPosts', tags, summary: 'The discussion thread of a meeting I am invited to', params: IdParams, querystring: PostListQuery, response: { 200: PostList, ...errorResponses } },
    }, async (request) => discussion.listMyMeetingPosts(accessOf(request).actor, request.params.id, request.query));

    app.post('/api/me/meetings/:id/posts', {
      config: { access: 'authenticated' },
      schema: { operationId: 'createMyMeetingPost', tags, summary: 'Post in a meeting\'s thread', params: IdParams, body: PostBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await discussion.postToMyMeeting(accessOf(request).actor, request.params.id, request.body.body) }));

    app.get('/api/me/thread', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyThread', tags, summary: 'My organisation\'s online-branch thread, newest last', querystring: PostListQuery, response: { 200: PostList, ...errorResponses } },
    }, async (request) => discussion.listMyThread(accessOf(request).actor, request.query));

    app.post('/api/me/thread', {
      config: { access: 'authenticated' },
      schema: { operationId: 'createMyThreadPost', tags, summary: 'Post in my organisation\'s thread', body: PostBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await discussion.postToMyThread(accessOf(request).actor, request.body.body) }));
  };
}
