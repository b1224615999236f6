import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createDepartmentService } from './department.service';
import { createPairingService } from './pairing.service';
import { createRequestService } from './request.service';
import {
  AssignBody, AssignmentList, AssignmentListQuery, AssignResult, CadreList, CadreListQuery, CreateDepartmentBody, CreateRequestBody, CreateVisitBody,
  DepartmentList, DepartmentListQuery, EndAssignmentBody, EnterpriseService, IdParams, IdResponse, Ok, RequestCounts, RequestDetail, RequestList,
  RequestListQuery, SatisfactionBody, TransitionBody, UpdateDepartmentBody, VersionBody, VisitList, VisitListQuery,
} from './service.schemas';

const tags = ['service'];
const ok = { ok: true as const };

/** The joint conference and 百名干部走千企: departments, cadre pairs, visits, requests. */
export function serviceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const departments = createDepartmentService(ctx);
  const pairing = createPairingService(ctx);
  const requests = createRequestService(ctx);
  return async (app) => {
    // Readable with either permission; the service narrows to the caller's cities (or department).
    app.get('/api/departments', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listDepartments', tags, summary: 'Departments of the joint conference in the caller\'s cities', querystring: DepartmentListQuery, response: { 200: DepartmentList, ...errorResponses } },
    }, async (request) => ({ items: await departments.list(accessOf(request), request.query.includeAbolished === 'true') }));

    app.post('/api/departments', {
      config: { access: 'department.manage' },
      schema: { operationId: 'createDepartment', tags, summary: 'Add a department to a city\'s joint conference', body: CreateDepartmentBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await departments.create(accessOf(request), request.body) }));

    app.patch('/api/departments/:id', {
      config: { access: 'department.manage' },
      schema: { operationId: 'updateDepartment', tags, summary: 'Edit a department (version-checked)', params: IdParams, body: UpdateDepartmentBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await departments.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/departments/:id/abolish', {
      config: { access: 'department.manage' },
      schema: { operationId: 'abolishDepartment', tags, summary: 'Abolish a department without open requests; it is kept', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await departments.abolish(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.get('/api/cadres', {
      config: { access: 'cadre.assign' },
      schema: { operationId: 'listCadres', tags, summary: 'Cadre accounts the caller may pair with companies', querystring: CadreListQuery, response: { 200: CadreList, ...errorResponses } },
    }, async (request) => ({ ...(await pairing.listCadres(accessOf(request), request.query)), page: request.query.page, pageSize: request.query.pageSize }));

    app.get('/api/cadre-assignments', {
      config: { access: 'service.read' },
      schema: { operationId: 'listCadreAssignments', tags, summary: 'Cadre–company pairs by cadre or by company', querystring: AssignmentListQuery, response: { 200: AssignmentList, ...errorResponses } },
    }, async (request) => pairing.listAssignments(accessOf(request), request.query));

    app.post('/api/cadre-assignments', {
      config: { access: 'cadre.assign' },
      schema: { operationId: 'assignCadre', tags, summary: 'Pair a cadre with companies', body: AssignBody, response: { 201: AssignResult, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await pairing.assign(accessOf(request), request.body)));

    app.post('/api/cadre-assignments/:id/end', {
      config: { access: 'cadre.assign' },
      schema: { operationId: 'endCadreAssignment', tags, summary: 'End a cadre–company pair', params: IdParams, body: EndAssignmentBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await pairing.end(accessOf(request), request.params.id, request.body.endedOn);
      return ok;
    });

    app.get('/api/visits', {
      config: { access: 'service.read' },
      schema: { operationId: 'listVisits', tags, summary: 'Visits to companies in scope', querystring: VisitListQuery, response: { 200: VisitList, ...errorResponses } },
    }, async (request) => pairing.listVisits(accessOf(request), request.query));

    app.post('/api/visits', {
      config: { access: 'visit.write' },
      schema: { operationId: 'logVisit', tags, summary: 'Log a visit to a company', body: CreateVisitBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await pairing.logVisit(accessOf(request), request.body) }));

    app.get('/api/requests', {
      config: { access: 'service.read' },
      schema: { operationId: 'listRequests', tags, summary: 'Requests in scope, overdue first', querystring: RequestListQuery, response: { 200: RequestList, ...errorResponses } },
    }, async (request) => requests.list(accessOf(request), request.query));

    app.get('/api/requests/counts', {
      config: { access: 'service.read' },
      schema: { operationId: 'countRequests', tags, summary: 'Request counts in scope (open, overdue, resolved, mean days to resolve)', response: { 200: RequestCounts, ...errorResponses } },
    }, async (request) => requests.counts(accessOf(request)));

    app.get('/api/requests/:id', {
      config: { access: 'service.read' },
      schema: { operationId: 'getRequest', tags, summary: 'One request with its timeline and the caller\'s possible steps', params: IdParams, response: { 200: RequestDetail, ...errorResponses } },
    }, async (request) => requests.detail(accessOf(request), request.params.id));

    app.post('/api/requests', {
      config: { access: 'request.write' },
      schema: { operationId: 'raiseRequest', tags, summary: 'Raise a company\'s request and route it to a department', body: CreateRequestBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await requests.raise(accessOf(request), request.body) }));

    app.post('/api/requests/:id/status', {
      config: { access: 'request.handle' },
      schema: { operationId: 'transitionRequest', tags, summary: 'Accept, start, resolve or decline a request (version-checked)', params: IdParams, body: TransitionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await requests.transition(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/requests/:id/satisfaction', {
      config: { access: 'request.write' },
      schema: { operationId: 'rateRequest', tags, summary: 'Record the company\'s satisfaction with a resolved request', params: IdParams, body: SatisfactionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await requests.rate(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.get('/api/enterprises/:id/service', {
      config: { access: 'service.read' },
      schema: { operationId: 'getEnterpriseService', tags, summary: 'A company\'s cadres, visits and requests (一企一册)', params: IdParams, response: { 200: EnterpriseService, ...errorResponses } },
    }, async (request) => requests.ledger(accessOf(request), request.params.id));
  };
}
