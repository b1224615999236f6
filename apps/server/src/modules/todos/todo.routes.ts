import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessOf, type AppContext } from '../../platform/context';
import { Unauthenticated } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import { complianceReminders } from '../compliance/compliance.reminders';
import { openTodosOf } from './todo.repository';
import { TodoList, type TodoViewT } from './todo.schemas';

const tags = ['me'];

/** My open to-dos: what was asked of me (reply, minutes, leave to decide…) and the rules' reminders. */
export function todoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/me/todos', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyTodos', tags, summary: 'My open to-dos, soonest due first', response: { 200: TodoList, ...errorResponses } },
    }, async (request) => {
      const actor = request.actor;
      if (!actor) throw new Unauthenticated();
      const stored = await openTodosOf(ctx.db, actor);
      const computed = await complianceReminders(ctx, accessOf(request));
      const items: TodoViewT[] = [
        ...stored.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
        ...computed,
      ].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
      return { items };
    });
  };
}
