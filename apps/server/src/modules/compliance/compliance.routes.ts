import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/attachments';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createExemptionService } from './compliance-exemption.service';
import { XLSX_MIME } from '../../platform/xlsx';
import { createLedgerService } from './compliance-ledger.service';
import {
  DecideExemptionBody, ExemptionList, ExemptionListQuery, IdParams, IdResponse, Ledger, Ok, OrgCompliance, RequestExemptionBody, Rollup, RollupQuery, YearQuery, type RollupT,
} from './compliance.schemas';
import { createComplianceService } from './compliance.service';

const tags = ['compliance'];
const XlsxDownload = z.unknown().describe('.xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)');

/** Compliance computed from the rules: per organisation, rollups, exemptions and the 三会一课 ledger. */
export function complianceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const compliance = createComplianceService(ctx);
  const exemptions = createExemptionService(ctx);
  const ledgers = createLedgerService(ctx);
  return async (app) => {
    app.get('/api/compliance/orgs/:id', {
      config: { access: 'compliance.read' },
      schema: { operationId: 'getOrgCompliance', tags, summary: 'One organisation\'s grid (kind × period) for a year, with meetings, deadlines, exemptions and 换届 due date', params: IdParams, querystring: YearQuery, response: { 200: OrgCompliance, ...errorResponses } },
    }, async (request) => compliance.orgCompliance(accessOf(request), request.params.id, request.query.year));

    app.get('/api/compliance/rollup', {
      config: { access: 'compliance.read' },
      schema: { operationId: 'getComplianceRollup', tags, summary: 'Required / met / missed / due / exempt cells under an organisation, per direct child (by name, never ranked)', querystring: RollupQuery, response: { 200: Rollup, ...errorResponses } },
    }, async (request, reply) => {
      const json = await compliance.rollupJson(accessOf(request), request.query);
      // Text is sent as it is (Fastify serialises objects only); the service checked it against Rollup when it was computed.
      return reply.type('application/json; charset=utf-8').send(json as unknown as RollupT);
    });

    app.get('/api/compliance/orgs/:id/ledger', {
      config: { access: 'compliance.read' },
      schema: { operationId: 'getComplianceLedger', tags, summary: 'The 三会一课 ledger (台账) of a year: every meeting in date order with attendance, minutes and votes', params: IdParams, querystring: YearQuery, response: { 200: Ledger, ...errorResponses } },
    }, async (request) => ledgers.ledger(accessOf(request), request.params.id, request.query.year));

    app.get('/api/compliance/orgs/:id/ledger.xlsx', {
      config: { access: 'compliance.read' },
      schema: { operationId: 'exportComplianceLedger', tags, summary: 'The ledger as .xlsx (汇总 and 会议明细 sheets); audited', params: IdParams, querystring: YearQuery, produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (request, reply) => {
      const file = await ledgers.workbook(accessOf(request), request.params.id, request.query.year);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.buffer);
    });

    app.get('/api/compliance/exemptions', {
      config: { access: 'compliance.read' },
      schema: { operationId: 'listComplianceExemptions', tags, summary: 'Exemption requests the caller may see; waiting ones first (the approver\'s queue)', querystring: ExemptionListQuery, response: { 200: ExemptionList, ...errorResponses } },
    }, async (request) => exemptions.list(accessOf(request), request.query));

    app.post('/api/compliance/exemptions', {
      config: { access: 'meeting.write' },
      schema: { operationId: 'requestComplianceExemption', tags, summary: 'Ask to be excused from one required meeting of one period, with a reason', body: RequestExemptionBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await exemptions.request(accessOf(request), request.body) }));

    app.post('/api/compliance/exemptions/:id/decide', {
      config: { access: 'compliance.exempt' },
      schema: { operationId: 'decideComplianceExemption', tags, summary: 'Approve or reject (with a reason) an exemption, one level up', params: IdParams, body: DecideExemptionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await exemptions.decide(accessOf(request), request.params.id, request.body);
      return { ok: true as const };
    });
  };
}
