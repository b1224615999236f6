import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { OPERATING_STATUSES } from '@hongyun/shared';
import { accessOf, type AppContext } from '../../platform/context';
import { AppError, Invalid, parseFormFields } from '../../platform/errors';
import { ErrorEnvelope, errorResponses } from '../../platform/http';
import { contentDisposition as attachment } from '../../platform/attachments';
import { XLSX_MIME } from '../../platform/xlsx';
import { registryTemplate } from './enterprise-import.sheet';
import { createEnterpriseImportService } from './enterprise-import.service';
import { EnterpriseFilterQuery } from './enterprise.schemas';

const tags = ['enterprises'];
const XlsxDownload = z.unknown().describe('.xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)');
const Issue = z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() });
const ImportReport = z.object({ total: z.number().int(), valid: z.number().int(), issues: z.array(Issue), created: z.number().int(), committed: z.boolean() });
const ReconcileReport = z.object({
  total: z.number().int(),
  issues: z.array(Issue),
  applied: z.boolean(),
  added: z.array(z.object({ row: z.number().int(), uscc: z.string(), name: z.string(), staffCount: z.number().int().nullable(), operatingStatus: z.enum(OPERATING_STATUSES), survey: z.boolean() })),
  changed: z.array(z.object({ id: z.number().int(), uscc: z.string(), name: z.string(), changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })) })),
  gone: z.array(z.object({ id: z.number().int(), uscc: z.string(), name: z.string() })),
});
const ImportFields = z.strictObject({ townOrgId: z.coerce.number().int().positive('请选择镇（街道）'), mode: z.enum(['check', 'all', 'validOnly']).default('check') });
const ReconcileFields = z.strictObject({
  townOrgId: z.coerce.number().int().positive('请选择镇（街道）'),
  apply: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  goneReason: z.string().trim().max(200).optional(),
});
const uploadResponses = { ...errorResponses, 413: ErrorEnvelope, 415: ErrorEnvelope };

/** Reads a multipart upload whole (registry files are small): the file and the text fields, checked. */
async function readUpload<T extends z.ZodType>(request: FastifyRequest, schema: T): Promise<{ fields: z.infer<T>; buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以文件表单（multipart/form-data）上传 .xlsx 文件');
  const raw: Record<string, string> = {};
  let buffer: Buffer | null = null;
  let fileName = '';
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new Invalid(`不支持的字段：${part.fieldname}，文件请放在 file 字段`, [{ path: part.fieldname, message: '不支持的字段' }]);
      }
      fileName = part.filename;
      buffer = await part.toBuffer();
    } else {
      raw[part.fieldname] = String(part.value);
    }
  }
  const fields = parseFormFields(schema, raw);
  if (!buffer) throw new Invalid('请选择要上传的 .xlsx 文件', [{ path: 'file', message: '请选择文件' }]);
  return { fields, buffer, fileName };
}

/** Registry import (with its row report), reconciliation against an extract, and export. */
export function enterpriseImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createEnterpriseImportService(ctx);
  return async (app) => {
    app.get('/api/enterprises/import/template', {
      config: { access: 'enterprise.write' },
      schema: { operationId: 'getEnterpriseImportTemplate', tags, summary: 'The registry import template (.xlsx with a 填写说明 sheet)', produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (_request, reply) => reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('企业名录导入模板.xlsx')).send(await registryTemplate()));

    app.post('/api/enterprises/import', {
      config: { access: 'enterprise.write' },
      schema: {
        operationId: 'importEnterprises', tags, consumes: ['multipart/form-data'],
        summary: 'Upload a registry .xlsx for a town (multipart: file, townOrgId, mode=check|all|validOnly); row report first, writes only when asked',
        response: { 200: ImportReport, ...uploadResponses },
      },
    }, async (request) => {
      const { fields, buffer, fileName } = await readUpload(request, ImportFields);
      return service.importRegistry(accessOf(request), { ...fields, buffer, fileName });
    });

    app.post('/api/enterprises/reconcile', {
      config: { access: 'enterprise.write' },
      schema: {
        operationId: 'reconcileEnterprises', tags, consumes: ['multipart/form-data'],
        summary: 'Compare a registry extract with a town\'s registry (new / changed / gone); apply=true writes it',
        response: { 200: ReconcileReport, ...uploadResponses },
      },
    }, async (request) => {
      const { fields, buffer, fileName } = await readUpload(request, ReconcileFields);
      return service.reconcile(accessOf(request), { ...fields, buffer, fileName });
    });

    app.get('/api/enterprises/export', {
      config: { access: 'enterprise.read' },
      schema: { operationId: 'exportEnterprises', tags, summary: 'The filtered registry as .xlsx', querystring: EnterpriseFilterQuery, produces: [XLSX_MIME], response: { 200: XlsxDownload, ...errorResponses } },
    }, async (request, reply) => {
      const body = await service.exportRegistry(accessOf(request), request.query);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment('企业名录.xlsx')).send(body);
    });
  };
}
