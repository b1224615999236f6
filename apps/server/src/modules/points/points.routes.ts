import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createAppealService } from './appeal.service';
import { createLedgerService } from './ledger.service';
import {
  AppealBody, AppealList, AppealListQuery, AwardBody, AwardResult, CreateRulebookBody, DecideAppealBody, DecideEntryBody, EntryList, EntryListQuery, IdParams, IdResponse,
  MemberReport, MyPoints, MyRulebook, Ok, OrgMembers, OrgMembersQuery, OrgPoints, OrgReport, RecomputeQuery, RecomputeResult, ReverseBody, RevisionBody, RulebookList,
  RulebookView, UpdateRulebookBody, YearQuery,
} from './points.schemas';
import { createRulebookService } from './rulebook.service';
import { createStandingService } from './standing.service';

const tags = ['points'];
const ok = { ok: true as const };

/** 积分制考评: the rulebook, the ledger (awards, approvals, reversals), appeals, indices and the yearly 体检报告. */
export function pointsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const rulebooks = createRulebookService(ctx);
  const ledger = createLedgerService(ctx);
  const appeals = createAppealService(ctx);
  const standing = createStandingService(ctx);
  return async (app) => {
    // ----- rulebook ------------------------------------------------------------------------
    app.get('/api/points/rulebooks', {
      config: { access: 'points.manage' },
      schema: { operationId: 'listPointsRulebooks', tags, summary: 'The deployment\'s points rulebooks (every year and version), newest first', querystring: YearQuery, response: { 200: RulebookList, ...errorResponses } },
    }, async (request) => rulebooks.list(accessOf(request), request.query.year));

    app.get('/api/points/rulebooks/:id', {
      config: { access: 'points.manage' },
      schema: { operationId: 'getPointsRulebook', tags, summary: 'One rulebook version with its rules', params: IdParams, response: { 200: RulebookView, ...errorResponses } },
    }, async (request) => rulebooks.get(accessOf(request), request.params.id));

    app.post('/api/points/rulebooks', {
      config: { access: 'points.manage' },
      schema: { operationId: 'createPointsRulebook', tags, summary: 'Start a draft version of a year (copied from the newest, else the default rulebook)', body: CreateRulebookBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await rulebooks.create(accessOf(request), request.body) }));

    app.put('/api/points/rulebooks/:id', {
      config: { access: 'points.manage' },
      schema: { operationId: 'updatePointsRulebook', tags, summary: 'Edit a draft rulebook (revision-checked; published versions are frozen)', params: IdParams, body: UpdateRulebookBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await rulebooks.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/points/rulebooks/:id/publish', {
      config: { access: 'points.manage' },
      schema: { operationId: 'publishPointsRulebook', tags, summary: 'Publish a draft: frozen, in force for its year from today on', params: IdParams, body: RevisionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await rulebooks.publish(accessOf(request), request.params.id, request.body.revision);
      return ok;
    });

    app.get('/api/me/rulebook', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyRulebook', tags, summary: 'The published rulebook of a year (default: this year), readable by every member', querystring: YearQuery, response: { 200: MyRulebook, ...errorResponses } },
    }, async (request) => rulebooks.mine(accessOf(request).actor, request.query.year));

    // ----- ledger --------------------------------------------------------------------------
    app.get('/api/points/entries', {
      config: { access: 'points.read' },
      schema: { operationId: 'listPointsEntries', tags, summary: 'Ledger entries of an organisation\'s subtree, newest first', querystring: EntryListQuery, response: { 200: EntryList, ...errorResponses } },
    }, async (request) => ledger.list(accessOf(request), request.query));

    app.post('/api/points/entries', {
      config: { access: 'points.award' },
      schema: { operationId: 'awardPoints', tags, summary: 'Award (or deduct) points under an awarded rule, with evidence where the rule needs it', body: AwardBody, response: { 201: AwardResult, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send(await ledger.award(accessOf(request), request.body)));

    app.post('/api/points/entries/:id/decide', {
      config: { access: 'points.approve' },
      schema: { operationId: 'decidePointsEntry', tags, summary: 'Approve or reject a pending award (never one\'s own)', params: IdParams, body: DecideEntryBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await ledger.decide(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/points/entries/:id/reverse', {
      config: { access: 'points.approve' },
      schema: { operationId: 'reversePointsEntry', tags, summary: 'Reverse an active entry: a negative twin, once (nothing is deleted)', params: IdParams, body: ReverseBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await ledger.reverse(accessOf(request), request.params.id, request.body.reason) }));

    // ----- appeals -------------------------------------------------------------------------
    app.post('/api/me/points/appeals', {
      config: { access: 'authenticated' },
      schema: { operationId: 'createPointsAppeal', tags, summary: 'Appeal one of my entries (one open appeal per entry) or my year\'s points', body: AppealBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await appeals.create(accessOf(request).actor, request.body) }));

    app.get('/api/points/appeals', {
      config: { access: 'points.approve' },
      schema: { operationId: 'listPointsAppeals', tags, summary: 'Appeals under an organisation, open ones first', querystring: AppealListQuery, response: { 200: AppealList, ...errorResponses } },
    }, async (request) => appeals.list(accessOf(request), request.query));

    app.post('/api/points/appeals/:id/decide', {
      config: { access: 'points.approve' },
      schema: { operationId: 'decidePointsAppeal', tags, summary: 'Decide an appeal: upheld with a reason, or corrected (reversal and/or corrected entry)', params: IdParams, body: DecideAppealBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await appeals.decide(accessOf(request), request.params.id, request.body);
      return ok;
    });

    // ----- indices and reports ---------------------------------------------------------------
    app.get('/api/me/points', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyPoints', tags, summary: 'My index, stars, breakdown, entries with source and rule version, and my appeals', querystring: YearQuery, response: { 200: MyPoints, ...errorResponses } },
    }, async (request) => standing.mine(accessOf(request).actor, request.query.year));

    app.get('/api/me/points/report', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyPointsReport', tags, summary: 'My yearly 体检报告, generated from the records', querystring: YearQuery, response: { 200: MemberReport, ...errorResponses } },
    }, async (request) => standing.myReport(accessOf(request).actor, request.query.year));

    app.get('/api/points/orgs/:id', {
      config: { access: 'points.read' },
      schema: { operationId: 'getOrgPoints', tags, summary: 'An organisation\'s index and its sub-organisations\' (by name, never ranked)', params: IdParams, querystring: YearQuery, response: { 200: OrgPoints, ...errorResponses } },
    }, async (request) => standing.org(accessOf(request), request.params.id, request.query.year));

    app.get('/api/points/orgs/:id/members', {
      config: { access: 'points.read' },
      schema: { operationId: 'listOrgMemberIndices', tags, summary: 'Members\' indices of an organisation\'s subtree, by name (by value only where the deployment enables it)', params: IdParams, querystring: OrgMembersQuery, response: { 200: OrgMembers, ...errorResponses } },
    }, async (request) => standing.members(accessOf(request), request.params.id, request.query));

    app.get('/api/points/orgs/:id/report', {
      config: { access: 'points.read' },
      schema: { operationId: 'getOrgPointsReport', tags, summary: 'An organisation\'s yearly 体检报告, generated from the records', params: IdParams, querystring: YearQuery, response: { 200: OrgReport, ...errorResponses } },
    }, async (request) => standing.orgReport(accessOf(request), request.params.id, request.query.year));

    app.post('/api/points/recompute', {
      config: { access: 'points.manage' },
      schema: { operationId: 'recomputePointsIndices', tags, summary: 'Recompute a year\'s member and organisation indices of the caller\'s deployment', querystring: RecomputeQuery, response: { 200: RecomputeResult, ...errorResponses } },
    }, async (request) => standing.recompute(accessOf(request), request.query.year));
  };
}
