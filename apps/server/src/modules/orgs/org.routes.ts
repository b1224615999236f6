import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { AbolishBody, CreateOrgBody, IdResponse, LeadershipBody, MoveBody, OrgDetail, OrgIdParams, PartyGroupBody, TreeQuery, TreeResponse, UpdateOrgBody, WarningsQuery, WarningsResponse } from './org.schemas';
import { createOrgService } from './org.service';

const Ok = z.object({ ok: z.literal(true) });
const tags = ['organizations'];

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createOrgService(ctx);
  return async (app) => {
    app.get('/api/orgs/tree', {
      config: { access: 'org.read' },
      schema: { operationId: 'getOrgTree', tags, summary: 'Organisations in the caller\'s scope, flat, parents first', querystring: TreeQuery, response: { 200: TreeResponse, ...errorResponses } },
    }, async (request) => ({ nodes: await service.tree(accessOf(request), request.query.includeAbolished === 'true') }));

    app.get('/api/orgs/warnings', {
      config: { access: 'org.read' },
      schema: { operationId: 'listOrgWarnings', tags, summary: 'Computed structure warnings of every organisation in scope', querystring: WarningsQuery, response: { 200: WarningsResponse, ...errorResponses } },
    }, async (request) => ({ items: await service.warnings(accessOf(request), request.query.rootId), asOf: new Date().toISOString() }));

    app.get('/api/orgs/:id', {
      config: { access: 'org.read' },
      schema: { operationId: 'getOrg', tags, summary: 'One organisation with leadership, counts and warnings', params: OrgIdParams, response: { 200: OrgDetail, ...errorResponses } },
    }, async (request) => service.detail(accessOf(request), request.params.id));

    app.post('/api/orgs', {
      config: { access: 'org.write' },
      schema: { operationId: 'createOrg', tags, summary: 'Create an organisation under a parent', body: CreateOrgBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.create(accessOf(request), request.body) }));

    app.patch('/api/orgs/:id', {
      config: { access: 'org.write' },
      schema: { operationId: 'updateOrg', tags, summary: 'Edit an organisation', params: OrgIdParams, body: UpdateOrgBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.update(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.post('/api/orgs/:id/abolish', {
      config: { access: 'org.write' },
      schema: { operationId: 'abolishOrg', tags, summary: 'Abolish (撤销) an empty organisation; it stays in history', params: OrgIdParams, body: AbolishBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.abolish(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.post('/api/orgs/:id/move', {
      config: { access: 'org.move' },
      schema: { operationId: 'moveOrg', tags, summary: 'Move a subtree under a new parent', params: OrgIdParams, body: MoveBody, response: { 200: z.object({ orgs: z.number().int(), members: z.number().int() }), ...errorResponses } },
    }, async (request) => service.move(accessOf(request), request.params.id, request.body.newParentId));

    app.post('/api/orgs/:id/leadership', {
      config: { access: 'org.write' },
      schema: { operationId: 'startLeadershipTerm', tags, summary: 'Record a new term (换届) with its posts', params: OrgIdParams, body: LeadershipBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.startTerm(accessOf(request), request.params.id, request.body) }));

    app.put('/api/orgs/:id/leadership/posts', {
      config: { access: 'org.write' },
      schema: { operationId: 'updateLeadershipPosts', tags, summary: 'Replace the posts of the current term', params: OrgIdParams, body: LeadershipBody.pick({ posts: true }), response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.updatePosts(accessOf(request), request.params.id, request.body.posts);
      return { ok: true as const };
    });

    app.post('/api/orgs/:id/party-groups', {
      config: { access: 'org.write' },
      schema: { operationId: 'createPartyGroup', tags, summary: 'Add a party group (党小组) to a branch', params: OrgIdParams, body: PartyGroupBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.createPartyGroup(accessOf(request), request.params.id, request.body.name) }));
  };
}
