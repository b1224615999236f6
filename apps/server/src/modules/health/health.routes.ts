import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ status: z.enum(['up', 'down']), version: z.string().nullable(), latencyMs: z.number().nullable() }),
  time: z.string(),
});

export function healthRoutes(ctx: Pick<AppContext, 'db'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/health', {
      config: { access: 'public' },
      schema: { operationId: 'getHealth', tags: ['system'], summary: 'Service and database health', response: { 200: Health, 503: Health } },
    }, async (_request, reply) => {
      const started = performance.now();
      try {
        const { rows } = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(ctx.db);
        return { status: 'ok' as const, database: { status: 'up' as const, version: rows[0].version, latencyMs: Math.round((performance.now() - started) * 10) / 10 }, time: new Date().toISOString() };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, database: { status: 'down' as const, version: null, latencyMs: null }, time: new Date().toISOString() });
      }
    });
  };
}
