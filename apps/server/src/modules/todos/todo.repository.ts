import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../platform/access';

/** The open to-dos addressed to an account or to the member it is linked to, soonest due first. */
export function openTodosOf(db: Queryable, actor: Pick<Actor, 'userId' | 'memberId'>) {
  const mine = actor.memberId == null
    ? sql<SqlBool>`user_id = ${actor.userId}`
    : sql<SqlBool>`(user_id = ${actor.userId} or member_id = ${actor.memberId})`;
  return db.selectFrom('todo').select(['id', 'kind', 'title', 'link', 'dueOn', 'createdAt'])
    .where(mine).where('doneAt', 'is', null).where(sql<SqlBool>`(shows_from is null or shows_from <= now())`)
    .orderBy(sql`due_on nulls last`).orderBy('id').limit(200).execute();
}
