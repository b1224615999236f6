import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { RatesQuery, RatesResponse, ScopeQuery, SuggestionsQuery, SuggestionsResponse, TrendResponse } from './coverage.schemas';
import { createCoverageService } from './coverage.service';
import { DashboardResponse, type DashboardView } from './dashboard.schemas';
import { createDashboardService } from './dashboard.service';

const tags = ['coverage'];

export function coverageRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createCoverageService(ctx);
  const dashboard = createDashboardService(ctx);
  return async (app) => {
    app.get('/api/coverage/rates', {
      config: { access: 'coverage.read' },
      schema: { operationId: 'getCoverageRates', tags, summary: 'Coverage rates in scope, overall and per town / carrier / kind / size band, with definitions', querystring: RatesQuery, response: { 200: RatesResponse, ...errorResponses } },
    }, async (request) => service.rates(accessOf(request), request.query));

    app.get('/api/coverage/trend', {
      config: { access: 'coverage.read' },
      schema: { operationId: 'getCoverageTrend', tags, summary: 'Monthly coverage rates from the month-end snapshots, plus the running month', querystring: ScopeQuery, response: { 200: TrendResponse, ...errorResponses } },
    }, async (request) => service.trend(accessOf(request), request.query));

    app.get('/api/coverage/suggestions', {
      config: { access: 'coverage.read' },
      schema: { operationId: 'listCoverageSuggestions', tags, summary: 'Suggested actions: companies that should build their own organisation, members without coverage, joint branches over the unit limit', querystring: SuggestionsQuery, response: { 200: SuggestionsResponse, ...errorResponses } },
    }, async (request) => service.suggestions(accessOf(request), request.query));

    app.get('/api/dashboard', {
      config: { access: 'coverage.read' },
      schema: { operationId: 'getDashboard', tags, summary: 'The city dashboard (数据驾驶舱) in one answer: every figure with definition, as-of time and drill-down', querystring: ScopeQuery, response: { 200: DashboardResponse, ...errorResponses } },
    }, async (request, reply) => {
      const json = await dashboard.dashboardJson(accessOf(request), request.query);
      // Text is sent as it is (Fastify serialises objects only); the service checked it against DashboardResponse when it was computed.
      return reply.type('application/json; charset=utf-8').send(json as unknown as DashboardView);
    });
  };
}
