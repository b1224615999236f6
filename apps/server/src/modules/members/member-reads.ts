import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';

// Named reads other modules use instead of querying the member table themselves. The caller
// has already checked that `root` lies in its user's scope.

/** Ids of the members in the register (status normal) of a subtree. */
export async function liveMemberIdsUnder(db: Queryable, root: string): Promise<number[]> {
  const rows = await db.selectFrom('member').select('id').where(sql<SqlBool>`org_path <@ ${root}::ltree`).where('status', '=', 'normal').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Members in the register of a subtree whose name is one of `names` (exact match). */
export function liveMembersNamed(db: Queryable, root: string, names: string[]): Promise<{ id: number; name: string }[]> {
  if (names.length === 0) return Promise.resolve([]);
  return db.selectFrom('member').select(['id', 'name']).where(sql<SqlBool>`org_path <@ ${root}::ltree`).where('status', '=', 'normal').where('name', 'in', names).orderBy('id').execute();
}

/** These members' names, paths and statuses (any that exist; the caller checks scope). */
export function membersByIds(db: Queryable, ids: number[]): Promise<{ id: number; name: string; orgPath: string; status: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('member').select(['id', 'name', sql<string>`org_path::text`.as('orgPath'), 'status']).where('id', 'in', ids).execute();
}
