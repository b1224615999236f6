import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';

export function quizRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async () => {};
}
