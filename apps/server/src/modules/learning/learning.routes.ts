import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';

export function learningRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
