import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { errorResponses } from '../../platform/http';
import { escapeLike } from '../enterprises/enterprise.repository';

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
  return async (app) => {
    app.get('/api/audit', {
      config: { access: 'audit.read' },
      schema: {
        operationId: 'listAudit', tags: ['audit'], summary: 'The audit trail of the caller\'s scope, newest first', querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...errorResponses },
      },
    }, async (request) => {
      const access = accessOf(request);
      const q = request.query;
      // Entries without an organisation (logins, accounts) belong to whoever holds the root.
      const scope = access.isGlobal('audit.read') ? sql<SqlBool>`true` : access.filter('audit.read', 'a.org_path');
      const base = ctx.db
        .selectFrom('auditLog as a')
        .where(scope)
        .$if(!!q.action, (b) => b.where('a.action', 'like', `${escapeLike(q.action!)}%`))
        .$if(!!q.actor, (b) => b.where('a.actorName', 'like', `%${escapeLike(q.actor!)}%`))
        .$if(!!q.targetType, (b) => b.where('a.targetType', '=', q.targetType!))
        .$if(!!q.targetId, (b) => b.where('a.targetId', '=', q.targetId!))
        .$if(!!q.from, (b) => b.where(sql<SqlBool>`a.at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'`))
        .$if(!!q.to, (b) => b.where(sql<SqlBool>`a.at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`));
      const [items, count] = await Promise.all([
        base.select(['a.id', 'a.at', 'a.actorName', 'a.action', 'a.targetType', 'a.targetId', 'a.ip', 'a.before', 'a.after', 'a.detail'])
          .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), total: count.n, page: q.page, pageSize: q.pageSize };
    });
  };
}
