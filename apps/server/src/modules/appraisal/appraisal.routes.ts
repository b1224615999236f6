import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createMemberAppraisalService } from './appraisal-member.service';
import {
  AppealBody, AppealParams, CampaignDetail, CampaignList, CampaignListQuery, ConfirmBody, CreateCampaignBody, DecideAppealBody, History, IdParams, IdResponse, MyCampaign,
  MyCampaignList, Ok, PeerReviewBody, PeerReviewResult, ProposalBody, RemindResult, SelfReviewBody, VersionBody,
} from './appraisal.schemas';
import { createAppraisalService } from './appraisal.service';

const tags = ['appraisal'];
const ok = { ok: true as const };

/** 民主评议党员: the secretary's campaign routes and the member's own forms under /api/me. */
export function appraisalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const campaigns = createAppraisalService(ctx);
  const mine = createMemberAppraisalService(ctx);
  return async (app) => {
    app.get('/api/appraisals', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'listAppraisals', tags, summary: 'Appraisal campaigns in the caller\'s scope, newest year first', querystring: CampaignListQuery, response: { 200: CampaignList, ...errorResponses } },
    }, async (request) => campaigns.list(accessOf(request), request.query));

    app.post('/api/appraisals', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'createAppraisal', tags, summary: 'Open a branch\'s appraisal of a year; its live members take part', body: CreateCampaignBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await campaigns.create(accessOf(request), request.body) }));

    app.get('/api/appraisals/:id', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'getAppraisal', tags, summary: 'Progress, anonymous peer-review aggregates, proposal, result and appeals', params: IdParams, response: { 200: CampaignDetail, ...errorResponses } },
    }, async (request) => campaigns.detail(accessOf(request), request.params.id));

    app.post('/api/appraisals/:id/remind', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'remindAppraisal', tags, summary: 'Remind (to-do) the participants who have not finished; once per person', params: IdParams, response: { 200: RemindResult, ...errorResponses } },
    }, async (request) => campaigns.remind(accessOf(request), request.params.id));

    app.post('/api/appraisals/:id/close-review', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'closeAppraisalReview', tags, summary: 'End the self- and peer-review stage', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.closeReview(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.put('/api/appraisals/:id/proposal', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'saveAppraisalProposal', tags, summary: 'The committee\'s proposed grade for every participant', params: IdParams, body: ProposalBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.propose(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/appraisals/:id/confirm', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'confirmAppraisal', tags, summary: 'Record the general meeting that confirmed the proposal', params: IdParams, body: ConfirmBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.confirm(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/appraisals/:id/publish', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'publishAppraisal', tags, summary: 'Publish counts per grade to the organisation and open the appeal period', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.publish(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.post('/api/appraisals/:id/appeals/:appealId/decide', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'decideAppraisalAppeal', tags, summary: 'Uphold a grade or change it in answer to an appeal', params: AppealParams, body: DecideAppealBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.decideAppeal(accessOf(request), request.params.id, request.params.appealId, request.body);
      return ok;
    });

    app.post('/api/appraisals/:id/close', {
      config: { access: 'appraisal.manage' },
      schema: { operationId: 'closeAppraisal', tags, summary: 'Close after the appeal period and write the members\' history', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await campaigns.close(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.get('/api/me/appraisals', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyAppraisals', tags: ['me', ...tags], summary: 'The appraisals I take part in, with my progress', response: { 200: MyCampaignList, ...errorResponses } },
    }, async (request) => mine.listMine(accessOf(request).actor));

    app.get('/api/me/appraisals/:id', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyAppraisal', tags: ['me', ...tags], summary: 'Study materials, my self-review, whom I still review, the published result and my appeal', params: IdParams, response: { 200: MyCampaign, ...errorResponses } },
    }, async (request) => mine.mine(accessOf(request).actor, request.params.id));

    app.put('/api/me/appraisals/:id/self', {
      config: { access: 'authenticated' },
      schema: { operationId: 'saveMySelfReview', tags: ['me', ...tags], summary: 'My 党性分析 and self grade (until the review stage ends)', params: IdParams, body: SelfReviewBody, response: { 200: PeerReviewResult, ...errorResponses } },
    }, async (request) => mine.saveSelf(accessOf(request).actor, request.params.id, request.body));

    app.post('/api/me/appraisals/:id/peer-reviews', {
      config: { access: 'authenticated' },
      schema: { operationId: 'submitMyPeerReviews', tags: ['me', ...tags], summary: 'Rate other participants, once each; stored without my name', params: IdParams, body: PeerReviewBody, response: { 200: PeerReviewResult, ...errorResponses } },
    }, async (request) => mine.review(accessOf(request).actor, request.params.id, request.body));

    app.post('/api/me/appraisals/:id/appeal', {
      config: { access: 'authenticated' },
      schema: { operationId: 'appealMyAppraisal', tags: ['me', ...tags], summary: 'Appeal my published grade, once, within the appeal period', params: IdParams, body: AppealBody, response: { 201: Ok, ...errorResponses } },
    }, async (request, reply) => {
      await mine.appeal(accessOf(request).actor, request.params.id, request.body.reason);
      return reply.status(201).send(ok);
    });

    app.get('/api/me/appraisal-history', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyAppraisalHistory', tags: ['me', ...tags], summary: 'My final appraisal grades by year', response: { 200: History, ...errorResponses } },
    }, async (request) => mine.history(accessOf(request).actor));
  };
}
