import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors';
import type { Permission } from './permissions';

/** What a route demands before its handler runs; every /api route must declare one. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const DUPLICATE_MESSAGES: Record<string, string> = {
  member_id_number_live: '该身份证号已登记，同一人只能有一条在册记录',
  org_code_key: '组织编码已被使用，请换一个',
  enterprise_uscc_key: '该统一社会信用代码已登记',
  app_user_username_key: '用户名已被使用',
  leadership_one_current: '该组织的本届班子刚被其他人登记，请刷新后查看',
};

/** The one error envelope (architecture rule 5). */
export const ErrorEnvelope = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});
z.globalRegistry.add(ErrorEnvelope, { id: 'ErrorEnvelope' });

/** Standard error responses every route documents. */
export const errorResponses = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

function send(reply: FastifyReply, request: FastifyRequest, statusCode: number, code: string, message: string, details?: unknown) {
  return reply.status(statusCode).send({ statusCode, code, message, ...(details === undefined ? {} : { details }), requestId: request.id });
}

/**
 * Turns every thrown thing into the envelope; never leaks a stack trace or SQL. Unknown
 * addresses outside /api go to `pageFallback` (the web app) when one is given.
 */
export function installErrorHandling(app: FastifyInstance, pageFallback?: (request: FastifyRequest, reply: FastifyReply) => unknown): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode === 429) {
        const after = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (after) reply.header('retry-after', String(after));
      }
      return send(reply, request, error.statusCode, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const keys = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [];
        const path = [error.validationContext, where, ...(keys.length ? [keys.join(',')] : [])].filter(Boolean).join('.');
        const message = keys.length ? `不支持的字段：${keys.join('、')}，请删除后重试` : v.message;
        return { path, message };
      });
      return send(reply, request, 400, 'VALIDATION_FAILED', `请求内容不正确：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, request, 500, 'INTERNAL', '服务器内部错误，请稍后重试');
    }
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '23505') {
      // A unique constraint caught what the service's check raced past (two people at once).
      const constraint = String((error as { constraint?: unknown }).constraint ?? '');
      const message = DUPLICATE_MESSAGES[constraint] ?? '该记录已存在（可能刚被其他人提交），请刷新后核对';
      return send(reply, request, 409, 'DUPLICATE', message, { constraint });
    }
    if (pgCode === '40001' || pgCode === '40P01') {
      return send(reply, request, 409, 'CONCURRENT_UPDATE', '与其他人的操作同时发生，请重试');
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return send(reply, request, 413, 'PAYLOAD_TOO_LARGE', '上传的内容过大，请拆分后再上传');
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以 JSON 或文件表单提交');
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code?.startsWith('FST_ERR_CTP') ? 'MALFORMED_BODY' : 'BAD_REQUEST';
      return send(reply, request, fe.statusCode, code, '请求格式不正确，请检查后重试');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'INTERNAL', '服务器内部错误，请稍后重试');
  });

  app.setNotFoundHandler((request, reply) => {
    if (pageFallback && request.method === 'GET' && !request.url.startsWith('/api/')) return pageFallback(request, reply);
    return send(reply, request, 404, 'NOT_FOUND', '未找到该地址');
  });
}

/** Refuses to start when an /api route forgets to say who may call it. */
export function requireAccessDeclarations(app: FastifyInstance, registry: { method: string; url: string; access: RouteAccess }[]): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') registry.push({ method, url: route.url, access });
  });
}
