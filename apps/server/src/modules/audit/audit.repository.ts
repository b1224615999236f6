import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

export interface AuditSearch {
  scope: Expression<SqlBool>;
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** Calendar days in Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
}

export function createAuditRepository(db: Queryable) {
  function filtered(s: AuditSearch) {
    return db
      .selectFrom('auditLog as a')
      .where(s.scope)
      .$if(!!s.action, (b) => b.where('a.action', 'like', `${escapeLike(s.action!)}%`))
      .$if(!!s.actor, (b) => b.where('a.actorName', 'like', `%${escapeLike(s.actor!)}%`))
      .$if(!!s.targetType, (b) => b.where('a.targetType', '=', s.targetType!))
      .$if(!!s.targetId, (b) => b.where('a.targetId', '=', s.targetId!))
      .$if(!!s.from, (b) => b.where(sql<SqlBool>`a.at >= (${s.from}::date)::timestamp at time zone 'Asia/Shanghai'`))
      .$if(!!s.to, (b) => b.where(sql<SqlBool>`a.at < (${s.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`));
  }

  return {
    /** One page of entries, newest first, and the total. */
    async list(s: AuditSearch, page: number, pageSize: number) {
      const [items, count] = await Promise.all([
        filtered(s)
          .select(['a.id', 'a.at', 'a.actorName', 'a.action', 'a.targetType', 'a.targetId', 'a.ip', 'a.before', 'a.after', 'a.detail'])
          .orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        filtered(s).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },
  };
}
