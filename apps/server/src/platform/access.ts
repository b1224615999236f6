import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from '@hongyun/shared';
import { Forbidden, NotFound } from './errors';
import type { Permission } from './permissions';

export interface Grant {
  id: number;
  role: Role;
  orgId: number;
  orgPath: string;
  orgName: string;
  /** The joint-conference department of a department-role grant (null for other roles). */
  departmentId?: number | null;
}

/** Who is calling: the account, its grants, and where the request came from. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  memberId: number | null;
  mustChangePassword: boolean;
  grants: Grant[];
  ip: string;
}

/** Role → permissions, loaded from the `role_permission` table. */
export type RolePermissions = ReadonlyMap<string, ReadonlySet<string>>;

/** True when `path` lies in the subtree rooted at `root` (ltree `<@` semantics). */
export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root + '.');
}

/**
 * Data scope in one place (architecture rule 2). Every list, read, write and export asks this
 * object: which subtrees does a permission reach, is this organisation inside one, and what
 * SQL filter restricts a query to them. Out of scope is "not found", never "forbidden".
 */
export class Access {
  private readonly cache = new Map<string, string[]>();

  constructor(
    readonly actor: Actor,
    private readonly rolePermissions: RolePermissions,
  ) {}

  /** The subtree roots (ltree paths) where the actor holds `permission`, minimal set. */
  paths(permission: Permission): string[] {
    const cached = this.cache.get(permission);
    if (cached) return cached;
    const roots = this.actor.grants
      .filter((g) => this.rolePermissions.get(g.role)?.has(permission))
      .map((g) => g.orgPath)
      .sort((a, b) => a.length - b.length);
    const minimal: string[] = [];
    for (const root of roots) if (!minimal.some((m) => isWithin(root, m))) minimal.push(root);
    this.cache.set(permission, minimal);
    return minimal;
  }

  can(permission: Permission): boolean {
    return this.paths(permission).length > 0;
  }

  /** Throws Forbidden when the permission is held nowhere (the route is not for this role). */
  require(permission: Permission): void {
    if (!this.can(permission)) throw new Forbidden();
  }

  inScope(permission: Permission, orgPath: string): boolean {
    return this.paths(permission).some((root) => isWithin(orgPath, root));
  }

  /** Throws NotFound when `orgPath` is outside every subtree holding `permission`. */
  assertInScope(permission: Permission, orgPath: string | null | undefined): void {
    if (!orgPath || !this.inScope(permission, orgPath)) throw new NotFound();
  }

  /** A WHERE condition restricting `column` (an ltree) to the permission's subtrees. */
  filter(permission: Permission, column: string): Expression<SqlBool> {
    const roots = this.paths(permission);
    if (roots.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`${sql.ref(column)} <@ array[${sql.join(roots)}]::ltree[]`;
  }

  /** Whether the actor holds a role at the root of the whole tree (sees global records). */
  isGlobal(permission: Permission): boolean {
    return this.paths(permission).some((p) => !p.includes('.'));
  }

  hasRole(role: Role): boolean {
    return this.actor.grants.some((g) => g.role === role);
  }

  /**
   * The departments whose items a department-role user may handle with this permission (their
   * grants' departments); empty for everyone else. Department items are narrowed by these
   * as well as by the grant's organisation.
   */
  departmentIds(permission: Permission): number[] {
    return this.actor.grants
      .filter((g) => g.departmentId != null && this.rolePermissions.get(g.role)?.has(permission))
      .map((g) => g.departmentId as number);
  }

  /** True when every grant holding this permission is a department grant (items narrow to departments). */
  onlyAsDepartment(permission: Permission): boolean {
    const holding = this.actor.grants.filter((g) => this.rolePermissions.get(g.role)?.has(permission));
    return holding.length > 0 && holding.every((g) => g.departmentId != null);
  }
}

/** Permissions the actor holds anywhere, for the UI to show or hide actions. */
export function abilitiesOf(actor: Actor, rolePermissions: RolePermissions): string[] {
  const all = new Set<string>();
  for (const g of actor.grants) for (const p of rolePermissions.get(g.role) ?? []) all.add(p);
  return [...all].sort();
}
