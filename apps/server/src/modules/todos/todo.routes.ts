import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type SqlBool } from 'kysely';
import { accessOf, type AppContext } from '../../platform/context';
import { Unauthenticated } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import { complianceReminders } from '../compliance/compliance.reminders';

const tags = ['me'];
export const TodoView = z.object({
  /** Stored to-dos have an id; reminders computed from the rules (compliance deadlines) have none. */
  id: z.number().int().nullable(),
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type TodoViewT = z.infer<typeof TodoView>;
const TodoList = z.object({ items: z.array(TodoView) });

/** My open to-dos: what was asked of me (reply, minutes, leave to decide…) and the rules' reminders. */
export function todoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/me/todos', {
      config: { access: 'authenticated' },
      schema: { operationId: 'listMyTodos', tags, summary: 'My open to-dos, soonest due first', response: { 200: TodoList, ...errorResponses } },
    }, async (request) => {
      const actor = request.actor;
      if (!actor) throw new Unauthenticated();
      const mine = actor.memberId == null
        ? sql<SqlBool>`user_id = ${actor.userId}`
        : sql<SqlBool>`(user_id = ${actor.userId} or member_id = ${actor.memberId})`;
      const stored = await ctx.db.selectFrom('todo').select(['id', 'kind', 'title', 'link', 'dueOn', 'createdAt'])
        .where(mine).where('doneAt', 'is', null)
        .orderBy(sql`due_on nulls last`).orderBy('id').limit(200).execute();
      const computed = await complianceReminders(ctx, accessOf(request));
      const items: TodoViewT[] = [
        ...stored.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
        ...computed,
      ].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
      return { items };
    });
  };
}
