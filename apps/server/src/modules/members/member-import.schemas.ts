import { z } from 'zod';
import { MemberFilter } from './member.schemas';

export const IMPORT_MODES = ['allOrNothing', 'validOnly'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_JOB_STATUSES = ['validating', 'validated', 'importing', 'done', 'failed', 'cancelled'] as const;

/** The form fields sent with the uploaded file (multipart, so checked after the upload). */
export const ImportUploadFields = z.strictObject({
  orgId: z.coerce.number({ error: '请选择导入到哪个组织' }).int().positive('请选择导入到哪个组织'),
});

export const ImportAccepted = z.object({ jobId: z.uuid() });

export const ImportJobParams = z.object({ id: z.uuid('导入任务编号不正确') });

export const ImportJob = z.object({
  id: z.uuid(),
  status: z.enum(IMPORT_JOB_STATUSES),
  fileName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  importedRows: z.number().int(),
  mode: z.enum(IMPORT_MODES).nullable(),
  /** Why the job failed or was sent back (zh-CN, says what to do). */
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof ImportJob>;

export const ImportErrorsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const ImportErrorList = z.object({
  items: z.array(z.object({ rowNumber: z.number().int(), column: z.string(), value: z.string().nullable(), reason: z.string() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ImportCommitBody = z.strictObject({ mode: z.enum(IMPORT_MODES) });

/** The roster filters plus `reveal=true` for full ID numbers and phones (member.reveal needed). */
export const MemberExportQuery = MemberFilter.extend({
  reveal: z.enum(['true', 'false']).optional(),
});
export type MemberExportInput = z.infer<typeof MemberExportQuery>;

/** A binary .xlsx body (documented only; Fastify sends buffers and streams unserialised). */
export const XlsxDownload = z.unknown().describe('.xlsx workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)');
