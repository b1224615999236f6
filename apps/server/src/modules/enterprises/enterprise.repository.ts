import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

export function createEnterpriseRepository(db: Queryable) {
  /** Enterprises whose town is in scope, or that an organisation in scope is linked to. */
  const visible = (townScope: Expression<SqlBool>, orgScope: Expression<SqlBool>) =>
    sql<SqlBool>`(${townScope} or exists (select 1 from org_enterprise oe join org o on o.id = oe.org_id where oe.enterprise_id = e.id and ${orgScope}))`;

  return {
    async list(filter: { townScope: Expression<SqlBool>; orgScope: Expression<SqlBool>; q?: string; townOrgId?: number; page: number; pageSize: number }) {
      const base = db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .where(visible(filter.townScope, filter.orgScope))
        .$if(!!filter.q, (q) => q.where((eb) => eb.or([eb('e.name', 'like', `%${escapeLike(filter.q!)}%`), eb('e.uscc', '=', filter.q!.toUpperCase())])))
        .$if(!!filter.townOrgId, (q) => q.where('e.townOrgId', '=', filter.townOrgId!));
      const [items, count] = await Promise.all([
        base.select(['e.id', 'e.uscc', 'e.name', 'e.townOrgId', 't.name as townName']).orderBy('e.name').orderBy('e.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    getByUscc(uscc: string) {
      return db.selectFrom('enterprise').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
    },

    create(row: { uscc: string; name: string; townOrgId: number }) {
      return db.insertInto('enterprise').values(row).returning('id').executeTakeFirstOrThrow();
    },
  };
}
