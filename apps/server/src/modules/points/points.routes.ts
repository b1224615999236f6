import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';

export function pointsRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
