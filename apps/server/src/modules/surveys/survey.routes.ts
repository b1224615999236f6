import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { CancelSurveyBody, CompleteSurveyBody, EnterpriseSurveyList, IdParams, Ok, SurveyList, SurveyListQuery, SurveyView } from './survey.schemas';
import { createSurveyService } from './survey.service';

const tags = ['surveys'];

export function surveyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createSurveyService(ctx);
  return async (app) => {
    app.get('/api/surveys', {
      config: { access: 'survey.write' },
      schema: { operationId: 'listSurveys', tags, summary: 'Survey tasks (排查摸底) in scope with open/overdue counts', querystring: SurveyListQuery, response: { 200: SurveyList, ...errorResponses } },
    }, async (request) => service.list(accessOf(request), request.query));

    app.get('/api/surveys/:id', {
      config: { access: 'survey.write' },
      schema: { operationId: 'getSurvey', tags, summary: 'One survey task', params: IdParams, response: { 200: SurveyView, ...errorResponses } },
    }, async (request) => service.get(accessOf(request), request.params.id));

    app.post('/api/surveys/:id/complete', {
      config: { access: 'survey.write' },
      schema: { operationId: 'completeSurvey', tags, summary: 'Complete a survey; writes its findings onto the company', params: IdParams, body: CompleteSurveyBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.complete(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.post('/api/surveys/:id/cancel', {
      config: { access: 'survey.write' },
      schema: { operationId: 'cancelSurvey', tags, summary: 'Cancel an open survey task with a reason', params: IdParams, body: CancelSurveyBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await service.cancel(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });

    app.get('/api/enterprises/:id/surveys', {
      config: { access: 'survey.write' },
      schema: { operationId: 'listEnterpriseSurveys', tags, summary: 'A company\'s survey tasks (its ledger tab)', params: IdParams, response: { 200: EnterpriseSurveyList, ...errorResponses } },
    }, async (request) => service.forEnterprise(accessOf(request), request.params.id));
  };
}
