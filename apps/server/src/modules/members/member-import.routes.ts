import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid, parseFormFields } from '../../platform/errors';
import { errorResponses, ErrorEnvelope } from '../../platform/http';
import { createMemberExportService } from './member-export.service';
import {
  ImportAccepted, ImportCommitBody, ImportErrorList, ImportErrorsQuery, ImportJob, ImportJobParams, ImportUploadFields, MemberExportQuery, XlsxDownload,
} from './member-import.schemas';
import { createMemberImportService } from './member-import.service';
import { contentDisposition as attachment } from '../../platform/attachments';
import { XLSX_MIME } from '../../platform/xlsx';
import { TEMPLATE_FILE_NAME } from './member-import.template';

const tags = ['members'];

/** Import of the roster from .xlsx, its jobs and error reports, and the roster export. */
export function memberImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const imports = createMemberImportService(ctx);
  const exports = createMemberExportService(ctx);
  return async (app) => {
    app.get('/api/members/import/template', {
      config: { access: 'member.import' },
      schema: { operationId: 'getMemberImportTemplate', tags, summary: 'The .xlsx import template (columns, one example row, 填写说明 sheet)', produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (_request, reply) => {
      const body = await imports.template();
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(TEMPLATE_FILE_NAME)).send(body);
    });

    app.post('/api/members/import', {
      config: { access: 'member.import' },
      schema: {
        operationId: 'uploadMemberImport', tags, consumes: ['multipart/form-data'],
        summary: 'Upload a roster .xlsx (multipart: `file`, `orgId`); validation runs in the background',
        response: { 202: ImportAccepted, ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope, 429: ErrorEnvelope },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传 .xlsx 文件');
      const access = accessOf(request);
      const { jobId, file } = imports.newUpload();
      let fileName: string | null = null;
      const fields: Record<string, string> = {};
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
            }
            fileName = part.filename;
            await imports.saveUpload(part.file, file);
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        const { orgId } = parseFormFields(ImportUploadFields, fields);
        if (!fileName) throw new Invalid('请选择要上传的 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
        const { done } = await imports.startImport(access, { jobId, orgId, fileName, file });
        done.catch((error: unknown) => request.log.error({ err: error, jobId }, 'member import validation failed'));
        return reply.status(202).send({ jobId });
      } catch (error) {
        await imports.removeUpload(file);
        throw error;
      }
    });

    app.get('/api/import-jobs/:id', {
      config: { access: 'member.import' },
      schema: { operationId: 'getImportJob', tags, summary: 'Progress and counts of an import job', params: ImportJobParams, response: { 200: ImportJob, ...errorResponses } },
    }, async (request) => imports.status(accessOf(request), request.params.id));

    app.get('/api/import-jobs/:id/errors', {
      config: { access: 'member.import' },
      schema: { operationId: 'listImportJobErrors', tags, summary: 'The row report: row, column, value (ID numbers masked), reason', params: ImportJobParams, querystring: ImportErrorsQuery, response: { 200: ImportErrorList, ...errorResponses } },
    }, async (request) => imports.errors(accessOf(request), request.params.id, request.query.page, request.query.pageSize));

    app.post('/api/import-jobs/:id/commit', {
      config: { access: 'member.import' },
      schema: { operationId: 'commitImportJob', tags, summary: 'Import a validated job (allOrNothing | validOnly) in one transaction, in the background', params: ImportJobParams, body: ImportCommitBody, response: { 202: ImportAccepted, ...errorResponses, 429: ErrorEnvelope } },
    }, async (request, reply) => {
      const { done } = await imports.commit(accessOf(request), request.params.id, request.body.mode);
      done.catch((error: unknown) => request.log.error({ err: error, jobId: request.params.id }, 'member import commit failed'));
      return reply.status(202).send({ jobId: request.params.id });
    });

    app.get('/api/members/export', {
      config: { access: 'member.export' },
      schema: { operationId: 'exportMembers', tags, summary: 'The roster in scope as .xlsx (masked unless reveal=true with member.reveal); audited', produces: [XLSX_MIME], querystring: MemberExportQuery, response: { 200: XlsxDownload, ...errorResponses } },
    }, async (request, reply) => {
      const plan = await exports.plan(accessOf(request), request.query);
      const body = new PassThrough();
      exports.write(plan, body).catch((error: unknown) => {
        request.log.error({ err: error }, 'member export failed');
        body.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(plan.fileName)).header('cache-control', 'no-store').send(body);
    });
  };
}
