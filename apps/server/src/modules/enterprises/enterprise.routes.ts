import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import {
  CarrierList, CarrierListQuery, CoverageBody, CoverageResult, CreateCarrierBody, CreateEnterpriseBody, CreateKindBody, EnterpriseDetail, EnterpriseKindList,
  EnterpriseList, EnterpriseListQuery, IdParams, IdResponse, Ok, UpdateCarrierBody, UpdateEnterpriseBody,
} from './enterprise.schemas';
import { createEnterpriseService } from './enterprise.service';
import { enterpriseImportRoutes } from './enterprise-import.routes';

const tags = ['enterprises'];

export function enterpriseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createEnterpriseService(ctx);
  return async (app) => {
    app.get('/api/enterprise-kinds', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'listEnterpriseKinds', tags, summary: 'Enterprise kinds (built-in and added by the deployment)', response: { 200: EnterpriseKindList, ...errorResponses } },
    }, async () => ({ items: await service.kinds() }));

    app.post('/api/enterprise-kinds', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'createEnterpriseKind', tags, summary: 'Add an enterprise kind (enterprise.write at a town or above)', body: CreateKindBody, response: { 201: Ok, ...errorResponses } },
    }, async (request, reply) => {
      await service.createKind(accessOf(request), request.body);
      return reply.status(201).send({ ok: true as const });
    });

    app.get('/api/carriers', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'listCarriers', tags, summary: 'Carriers (parks, buildings, maker spaces, feature towns) of towns in scope', querystring: CarrierListQuery, response: { 200: CarrierList, ...errorResponses } },
    }, async (request) => ({ items: await service.carriers(accessOf(request), request.query.townOrgId) }));

    app.post('/api/carriers', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'createCarrier', tags, summary: 'Add a carrier to a town', body: CreateCarrierBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.createCarrier(accessOf(request), request.body) }));

    app.patch('/api/carriers/:id', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'updateCarrier', tags, summary: 'Edit a carrier', params: IdParams, body: UpdateCarrierBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.updateCarrier(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.get('/api/enterprises', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'listEnterprises', tags, summary: 'Enterprises in scope: search, filters (the dashboard drill-down uses them), pages', querystring: EnterpriseListQuery, response: { 200: EnterpriseList, ...errorResponses } },
    }, async (request) => ({ ...(await service.list(accessOf(request), request.query)), page: request.query.page, pageSize: request.query.pageSize }));

    app.post('/api/enterprises', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'createEnterprise', tags, summary: 'Register an enterprise (USCC checksum-validated, unique); opens its survey task', body: CreateEnterpriseBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await service.create(accessOf(request), request.body) }));

    await app.register(enterpriseImportRoutes(ctx));

    app.get('/api/enterprises/:id', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'getEnterprise', tags, summary: 'One company\'s ledger (一企一册): fields and derived party presence', params: IdParams, response: { 200: EnterpriseDetail, ...errorResponses } },
    }, async (request) => service.detail(accessOf(request), request.params.id));

    app.patch('/api/enterprises/:id', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'updateEnterprise', tags, summary: 'Edit a registry record (version-checked)', params: IdParams, body: UpdateEnterpriseBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.update(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.put('/api/enterprises/:id/coverage', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'setEnterpriseCoverage', tags, summary: 'Set the coverage mode (checked against the organisations and companies it names)', params: IdParams, body: CoverageBody, response: { 200: CoverageResult, ...errorResponses } },
    }, async (request) => service.setCoverage(accessOf(request), request.params.id, request.body));
  };
}
