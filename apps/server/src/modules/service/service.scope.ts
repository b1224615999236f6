import { sql, type Expression, type SqlBool } from 'kysely';
import type { Access, RolePermissions } from '../../platform/access';
import { isWithin } from '../../platform/access';
import type { Permission } from '../../platform/permissions';

/**
 * Who reaches which service record (visits, requests, pairs) with a permission. Three kinds
 * of grant reach differently, so `access.paths` alone is not enough:
 * - a town or city grant reaches every company of its subtree (by the company's town);
 * - a cadre grant (联系企业干部) reaches only the companies currently paired with the cadre in
 *   its subtree, and the records the cadre wrote;
 * - a department grant (联席会议成员单位) reaches only requests routed to its department.
 */
export interface ServiceScope {
  userId: number;
  townPaths: string[];
  cadrePaths: string[];
  departmentIds: number[];
}

export function serviceScope(access: Access, rolePermissions: RolePermissions, permission: Permission): ServiceScope {
  const holding = access.actor.grants.filter((g) => rolePermissions.get(g.role)?.has(permission));
  return {
    userId: access.actor.userId,
    townPaths: holding.filter((g) => g.role !== 'cadre' && g.departmentId == null).map((g) => g.orgPath),
    cadrePaths: holding.filter((g) => g.role === 'cadre').map((g) => g.orgPath),
    // Filtered to grants with a department just before.
    departmentIds: holding.filter((g) => g.departmentId != null).map((g) => g.departmentId as number),
  };
}

const within = (column: string, roots: string[]) =>
  roots.length ? sql<SqlBool>`${sql.ref(column)} <@ array[${sql.join(roots)}]::ltree[]` : sql<SqlBool>`false`;

/** Columns of the row being filtered: the company's town path and id, and optionally its department and author. */
export interface ScopeColumns {
  townPath: string;
  enterpriseId: string;
  departmentId?: string;
  ownerId?: string;
}

/** The SQL condition of a scope over a query's columns (one condition, no extra round trip). */
export function scopeCondition(scope: ServiceScope, cols: ScopeColumns): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (scope.townPaths.length) parts.push(within(cols.townPath, scope.townPaths));
  if (scope.cadrePaths.length) {
    const paired = sql<SqlBool>`exists (select 1 from cadre_assignment ca where ca.enterprise_id = ${sql.ref(cols.enterpriseId)} and ca.user_id = ${scope.userId} and ca.ended_on is null)`;
    const own = cols.ownerId ? sql<SqlBool>` or ${sql.ref(cols.ownerId)} = ${scope.userId}` : sql``;
    parts.push(sql<SqlBool>`(${within(cols.townPath, scope.cadrePaths)} and (${paired}${own}))`);
  }
  if (scope.departmentIds.length && cols.departmentId) parts.push(sql<SqlBool>`${sql.ref(cols.departmentId)} = any(${scope.departmentIds}::bigint[])`);
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The facts of one record that decide whether a scope reaches it. */
export interface ScopeFacts {
  townPath: string | null;
  /** The caller is currently paired with the record's company. */
  paired: boolean;
  departmentId?: number;
  ownerId?: number | null;
}

/** The same rule as `scopeCondition`, for one loaded record. */
export function reaches(scope: ServiceScope, facts: ScopeFacts): boolean {
  const path = facts.townPath;
  if (path && scope.townPaths.some((root) => isWithin(path, root))) return true;
  if (path && scope.cadrePaths.some((root) => isWithin(path, root)) && (facts.paired || (facts.ownerId != null && facts.ownerId === scope.userId))) return true;
  return facts.departmentId !== undefined && scope.departmentIds.includes(facts.departmentId);
}

/** Whether the scope reaches a company as a whole (not through one routed request). */
export function reachesCompany(scope: ServiceScope, townPath: string | null, paired: boolean): boolean {
  return reaches(scope, { townPath, paired });
}

/** The cities (root organisations) the caller works in with any of these permissions. */
export function citiesOf(access: Access, rolePermissions: RolePermissions, permissions: Permission[]): number[] {
  const roots = access.actor.grants
    .filter((g) => permissions.some((p) => rolePermissions.get(g.role)?.has(p)))
    .map((g) => Number(g.orgPath.split('.')[0]));
  return [...new Set(roots)];
}

/** The root (city) organisation of a path. */
export const cityOf = (path: string): number => Number(path.split('.')[0]);

/**
 * May the caller write a visit or request for this company? A town or city grant over it: yes;
 * a cadre grant over it: only while paired (else Forbidden with what to do); otherwise it is
 * out of scope (NotFound).
 */
export function writeAccessTo(scope: ServiceScope, townPath: string | null, paired: boolean): 'ok' | 'notPaired' | 'outOfScope' {
  if (!townPath) return 'outOfScope';
  if (scope.townPaths.some((root) => isWithin(townPath, root))) return 'ok';
  if (scope.cadrePaths.some((root) => isWithin(townPath, root))) return paired ? 'ok' : 'notPaired';
  return 'outOfScope';
}
