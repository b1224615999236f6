import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { AccessLog, CreateMemberBody, MemberDetail, MemberIdParams, MemberList, MemberListQuery, RevealBody, RevealResponse, UpdateMemberBody } from './member.schemas';
import { createMemberService } from './member.service';

const tags = ['members'];

export function memberRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createMemberService(ctx);
  return async (app) => {
    app.get('/api/members', {
      config: { access: 'member.read' },
      schema: { operationId: 'listMembers', tags, summary: 'The roster in scope: search, filter, sort, paginate (personal data masked)', querystring: MemberListQuery, response: { 200: MemberList, ...errorResponses } },
    }, async (request) => service.list(accessOf(request), request.query));

    app.get('/api/members/:id', {
      config: { access: 'member.read' },
      schema: { operationId: 'getMember', tags, summary: 'One member (masked); the view is recorded', params: MemberIdParams, response: { 200: MemberDetail, ...errorResponses } },
    }, async (request) => service.detail(accessOf(request), request.params.id));

    app.post('/api/members', {
      config: { access: 'member.write' },
      schema: { operationId: 'createMember', tags, summary: 'Add a member', body: CreateMemberBody, response: { 201: z.object({ id: z.number().int() }), ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.create(accessOf(request), request.body) }));

    app.patch('/api/members/:id', {
      config: { access: 'member.write' },
      schema: { operationId: 'updateMember', tags, summary: 'Edit a member (optimistic version check)', params: MemberIdParams, body: UpdateMemberBody, response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } },
    }, async (request) => {
      await service.update(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.post('/api/members/:id/reveal', {
      config: { access: 'member.reveal' },
      schema: { operationId: 'revealMemberField', tags, summary: 'Show the full ID number or phone; audited each time', params: MemberIdParams, body: RevealBody, response: { 200: RevealResponse, ...errorResponses } },
    }, async (request) => service.reveal(accessOf(request), request.params.id, request.body.field));

    app.get('/api/members/:id/access-log', {
      config: { access: 'member.read' },
      schema: { operationId: 'getMemberAccessLog', tags, summary: 'Who viewed, revealed, exported or changed this record', params: MemberIdParams, response: { 200: AccessLog, ...errorResponses } },
    }, async (request) => service.accessLog(accessOf(request), request.params.id));
  };
}
