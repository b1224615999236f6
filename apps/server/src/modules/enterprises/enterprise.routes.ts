import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { CreateEnterpriseBody, EnterpriseList, EnterpriseListQuery } from './enterprise.schemas';
import { createEnterpriseService } from './enterprise.service';

const tags = ['enterprises'];

export function enterpriseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createEnterpriseService(ctx);
  return async (app) => {
    app.get('/api/enterprises', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'listEnterprises', tags, summary: 'Enterprises in scope (minimal registry)', querystring: EnterpriseListQuery, response: { 200: EnterpriseList, ...errorResponses } },
    }, async (request) => ({ ...(await service.list(accessOf(request), request.query)), page: request.query.page, pageSize: request.query.pageSize }));

    app.post('/api/enterprises', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'createEnterprise', tags, summary: 'Register an enterprise (USCC checksum-validated)', body: CreateEnterpriseBody, response: { 201: z.object({ id: z.number().int() }), ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.create(accessOf(request), request.body) }));
  };
}
