import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentDisposition } from '../../platform/attachments';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid } from '../../platform/errors';
import { errorResponses, ErrorEnvelope } from '../../platform/http';
import {
  AnswersBody, AssessmentDetail, AssessmentList, AssessmentListQuery, AttachmentView, CreateTemplateBody, IdParams, IdResponse, ItemParams, Ok, OpenAssessmentBody, Overview,
  OverviewQuery, ReviewBody, RevisionBody, TemplateList, TemplateListQuery, TemplateView, UpdateTemplateBody, VersionBody,
} from './standard.schemas';
import { createStandardAttachmentService } from './standard-attachment.service';
import { createStandardTemplateService } from './standard-template.service';
import { createStandardService } from './standard.service';

const tags = ['standards'];
const FileDownload = z.unknown().describe('the stored file (PDF, image, .docx or .xlsx)');
const ok = { ok: true as const };

/** 六个有: templates (city), self-assessments (organisations), reviews (towns), overview and evidence files. */
export function standardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const templates = createStandardTemplateService(ctx);
  const assessments = createStandardService(ctx);
  const files = createStandardAttachmentService({ db: ctx.db, dataDir: ctx.config.dataDir });
  return async (app) => {
    app.get('/api/standard-templates', {
      config: { access: 'standard.manage' },
      schema: { operationId: 'listStandardTemplates', tags, summary: 'The deployment\'s 六个有 templates, newest first', querystring: TemplateListQuery, response: { 200: TemplateList, ...errorResponses } },
    }, async (request) => ({ items: await templates.list(accessOf(request), request.query.year) }));

    app.get('/api/standard-templates/:id', {
      config: { access: 'standard.manage' },
      schema: { operationId: 'getStandardTemplate', tags, summary: 'One template with its six items', params: IdParams, response: { 200: TemplateView, ...errorResponses } },
    }, async (request) => templates.get(accessOf(request), request.params.id));

    app.post('/api/standard-templates', {
      config: { access: 'standard.manage' },
      schema: { operationId: 'createStandardTemplate', tags, summary: 'Start a new draft version of a year (copied from the newest, else the default)', body: CreateTemplateBody, response: { 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => reply.status(201).send({ id: await templates.create(accessOf(request), request.body) }));

    app.put('/api/standard-templates/:id', {
      config: { access: 'standard.manage' },
      schema: { operationId: 'updateStandardTemplate', tags, summary: 'Edit a draft template (published ones are frozen)', params: IdParams, body: UpdateTemplateBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await templates.update(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/standard-templates/:id/publish', {
      config: { access: 'standard.manage' },
      schema: { operationId: 'publishStandardTemplate', tags, summary: 'Publish (freeze) a draft template', params: IdParams, body: RevisionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await templates.publish(accessOf(request), request.params.id, request.body.revision);
      return ok;
    });

    app.post('/api/standard-assessments', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'openStandardAssessment', tags, summary: 'Open (or find) an organisation\'s assessment of a year', body: OpenAssessmentBody, response: { 200: IdResponse, 201: IdResponse, ...errorResponses } },
    }, async (request, reply) => {
      const { id, created } = await assessments.open(accessOf(request), request.body);
      return reply.status(created ? 201 : 200).send({ id });
    });

    app.get('/api/standard-assessments', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'listStandardAssessments', tags, summary: 'Assessments the caller fills in or reviews (submitted first)', querystring: AssessmentListQuery, response: { 200: AssessmentList, ...errorResponses } },
    }, async (request) => assessments.list(accessOf(request), request.query));

    app.get('/api/standard-assessments/:id', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'getStandardAssessment', tags, summary: 'One assessment with items, evidence, files and abilities', params: IdParams, response: { 200: AssessmentDetail, ...errorResponses } },
    }, async (request) => assessments.detail(accessOf(request), request.params.id));

    app.put('/api/standard-assessments/:id/answers', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'saveStandardAnswers', tags, summary: 'Save claims and evidence text (draft or returned)', params: IdParams, body: AnswersBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await assessments.saveAnswers(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.post('/api/standard-assessments/:id/submit', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'submitStandardAssessment', tags, summary: 'Submit for the town\'s review', params: IdParams, body: VersionBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await assessments.submit(accessOf(request), request.params.id, request.body.version);
      return ok;
    });

    app.post('/api/standard-assessments/:id/review', {
      config: { access: 'standard.review' },
      schema: { operationId: 'reviewStandardAssessment', tags, summary: 'Accept (stars = items accepted) or return with a reason', params: IdParams, body: ReviewBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await assessments.review(accessOf(request), request.params.id, request.body);
      return ok;
    });

    app.get('/api/standards/overview', {
      config: { access: 'standard.review' },
      schema: { operationId: 'getStandardsOverview', tags, summary: 'Who meets which standard under an organisation, with counts by stars', querystring: OverviewQuery, response: { 200: Overview, ...errorResponses } },
    }, async (request) => assessments.overview(accessOf(request), request.query));

    app.post('/api/standard-assessments/:id/items/:itemId/attachments', {
      config: { access: 'standard.assess' },
      schema: {
        operationId: 'uploadStandardAttachment', tags, consumes: ['multipart/form-data'], params: ItemParams,
        summary: 'Upload an optional evidence file (multipart field `file`: PDF, JPG/PNG, .docx, .xlsx)',
        response: { 201: AttachmentView, ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传附件');
      const part = await request.file();
      if (!part) throw new Invalid('请选择要上传的文件', [{ path: 'file', message: '请选择文件' }]);
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
      }
      const view = await files.upload(accessOf(request), request.params.id, request.params.itemId, { stream: part.file, fileName: part.filename });
      return reply.status(201).send(view);
    });

    app.get('/api/standard-attachments/:id', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'downloadStandardAttachment', tags, summary: 'Download an evidence file', params: IdParams, produces: ['application/octet-stream'], response: { 200: FileDownload, ...errorResponses } },
    }, async (request, reply) => {
      const f = await files.download(accessOf(request), request.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-length', String(f.sizeBytes))
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(f.stream);
    });

    app.delete('/api/standard-attachments/:id', {
      config: { access: 'standard.assess' },
      schema: { operationId: 'deleteStandardAttachment', tags, summary: 'Delete an evidence file (draft or returned assessments)', params: IdParams, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      await files.remove(accessOf(request), request.params.id);
      return ok;
    });
  };
}
