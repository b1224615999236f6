import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { CreateUserBody, CreatedUser, GrantInput, GrantParams, InitialPassword, RoleList, UpdateUserBody, UserIdParams, UserList, UserListQuery } from './user.schemas';
import { createUserService } from './user.service';

const Ok = z.object({ ok: z.literal(true) });
const tags = ['accounts'];

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createUserService(ctx);
  return async (app) => {
    app.get('/api/users', {
      config: { access: 'user.read' },
      schema: { operationId: 'listUsers', tags, summary: 'Accounts with grants in scope', querystring: UserListQuery, response: { 200: UserList, ...errorResponses } },
    }, async (request) => service.list(accessOf(request), request.query));

    app.post('/api/users', {
      config: { access: 'user.write' },
      schema: { operationId: 'createUser', tags, summary: 'Create an account; returns its one-time initial password', body: CreateUserBody, response: { 201: CreatedUser, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await service.create(accessOf(request), request.body)));

    app.patch('/api/users/:id', {
      config: { access: 'user.write' },
      schema: { operationId: 'updateUser', tags, summary: 'Edit, disable or enable an account', params: UserIdParams, body: UpdateUserBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.update(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.post('/api/users/:id/reset-password', {
      config: { access: 'user.write' },
      schema: { operationId: 'resetUserPassword', tags, summary: 'Administrator reset: a new initial password, sessions ended', params: UserIdParams, response: { 200: InitialPassword, ...errorResponses } },
    }, async (request) => service.resetPassword(accessOf(request), request.params.id));

    app.post('/api/users/:id/grants', {
      config: { access: 'user.write' },
      schema: { operationId: 'addUserGrant', tags, summary: 'Grant a role on an organisation subtree', params: UserIdParams, body: GrantInput, response: { 201: z.object({ id: z.number().int() }), ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.addGrant(accessOf(request), request.params.id, request.body) }));

    app.delete('/api/users/:id/grants/:grantId', {
      config: { access: 'user.write' },
      schema: { operationId: 'removeUserGrant', tags, summary: 'Remove a grant', params: GrantParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.removeGrant(accessOf(request), request.params.id, request.params.grantId);
      return { ok: true as const };
    });

    app.get('/api/roles', {
      config: { access: 'user.read' },
      schema: { operationId: 'listRoles', tags, summary: 'Roles and their permissions (data)', response: { 200: RoleList, ...errorResponses } },
    }, async () => ({ items: service.roles() }));
  };
}
