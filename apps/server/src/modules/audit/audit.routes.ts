import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { createAuditService } from './audit.service';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

const AuditQuery = z.object({
  action: z.string().trim().max(60).optional(),
  actor: z.string().trim().max(50).optional(),
  targetType: z.string().trim().max(30).optional(),
  targetId: z.string().trim().max(40).optional(),
  from: date.optional(),
  to: date.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const AuditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});

export function auditRoutes(ctx: Pick<AppContext, 'db'>): FastifyPluginAsyncZod {
  const service = createAuditService(ctx);
  return async (app) => {
    app.get('/api/audit', {
      config: { access: 'audit.read' },
      schema: {
        operationId: 'listAudit', tags: ['audit'], summary: 'The audit trail of the caller\'s scope, newest first', querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses },
      },
    }, async (request) => service.list(accessOf(request), request.query));
  };
}
