import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

export function createUserRepository(db: Queryable) {
  return {
    /** Accounts holding a grant inside `scope`, plus accounts with no grant when `withoutGrants`. */
    async list(filter: { scope: Expression<SqlBool>; withoutGrants: boolean; q?: string; page: number; pageSize: number }) {
      const base = db
        .selectFrom('appUser as u')
        .leftJoin('member as m', 'm.id', 'u.memberId')
        .where((eb) => eb.or([
          eb.exists(eb.selectFrom('userGrant as g').innerJoin('org as o', 'o.id', 'g.orgId').select('g.id').whereRef('g.userId', '=', 'u.id').where(filter.scope)),
          ...(filter.withoutGrants ? [eb.not(eb.exists(eb.selectFrom('userGrant as g').select('g.id').whereRef('g.userId', '=', 'u.id')))] : []),
        ]))
        .$if(!!filter.q, (q) => q.where((eb) => eb.or([eb('u.username', 'like', `%${escapeLike(filter.q!.toLowerCase())}%`), eb('u.displayName', 'like', `%${escapeLike(filter.q!)}%`)])));
      const [items, count] = await Promise.all([
        base
          .select(['u.id', 'u.username', 'u.displayName', 'u.phoneMasked', 'u.memberId', 'm.name as memberName', sql<string | null>`m.org_path::text`.as('memberOrgPath'), 'u.mustChangePassword', 'u.lockedUntil', 'u.disabledAt', 'u.lastLoginAt'])
          .orderBy('u.username')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    grantsOf(userIds: number[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('userGrant as g')
        .innerJoin('org as o', 'o.id', 'g.orgId')
        .leftJoin('department as d', 'd.id', 'g.departmentId')
        .select(['g.id', 'g.userId', 'g.role', 'g.orgId', 'o.name as orgName', sql<string>`o.path::text`.as('orgPath'), 'g.departmentId', 'd.name as departmentName'])
        .where('g.userId', 'in', userIds)
        .orderBy('g.id')
        .execute();
    },

    getById(id: number) {
      return db.selectFrom('appUser').select(['id', 'username', 'displayName', 'phoneMasked', 'memberId', 'disabledAt']).where('id', '=', id).executeTakeFirst();
    },

    exists(username: string, phoneHash: Buffer | null) {
      return db
        .selectFrom('appUser')
        .select(['username'])
        .where((eb) => eb.or([eb('username', '=', username), ...(phoneHash ? [eb('phoneHash', '=', phoneHash)] : [])]))
        .executeTakeFirst();
    },

    /** The account already holding this phone, if any. */
    byPhone(phoneHash: Buffer) {
      return db.selectFrom('appUser').select('id').where('phoneHash', '=', phoneHash).executeTakeFirst();
    },

    create(row: { username: string; displayName: string; phoneHash: Buffer | null; phoneMasked: string | null; memberId: number | null; passwordHash: string }) {
      return db.insertInto('appUser').values({ ...row, mustChangePassword: true }).returning('id').executeTakeFirstOrThrow();
    },

    update(id: number, patch: { displayName?: string; phoneHash?: Buffer | null; phoneMasked?: string | null; disabledAt?: Date | null; passwordHash?: string; mustChangePassword?: boolean; failedLogins?: number; lockedUntil?: Date | null }) {
      return db.updateTable('appUser').set(patch).where('id', '=', id).execute();
    },

    /** Several grants of a new account in one statement. */
    async addGrants(userId: number, grants: { role: string; orgId: number; departmentId?: number }[]) {
      if (grants.length) await db.insertInto('userGrant').values(grants.map((g) => ({ userId, role: g.role, orgId: g.orgId, departmentId: g.departmentId ?? null }))).onConflict((oc) => oc.columns(['userId', 'role', 'orgId']).doNothing()).execute();
    },

    addGrant(userId: number, role: string, orgId: number, departmentId: number | null = null) {
      return db.insertInto('userGrant').values({ userId, role, orgId, departmentId }).onConflict((oc) => oc.columns(['userId', 'role', 'orgId']).doNothing()).returning('id').executeTakeFirst();
    },

    removeGrant(id: number) {
      return db.deleteFrom('userGrant').where('id', '=', id).execute();
    },

    endSessions(userId: number) {
      return db.deleteFrom('session').where('userId', '=', userId).execute();
    },

    orgs(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('org').select(['id', sql<string>`path::text`.as('path'), 'name', 'abolishedOn']).where('id', 'in', ids).execute();
    },

    /** Departments with their city's id (the root of the organisation's path). */
    departments(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('department as d').innerJoin('org as o', 'o.id', 'd.orgId')
        .select(['d.id', 'd.name', 'd.abolishedOn', sql<string>`o.path::text`.as('cityPath')]).where('d.id', 'in', ids).execute();
    },

    member(id: number) {
      return db.selectFrom('member').select(['id', 'orgId', sql<string>`org_path::text`.as('orgPath'), 'name']).where('id', '=', id).executeTakeFirst();
    },
  };
}
