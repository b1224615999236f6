import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Access, RolePermissions } from './access';
import type { DataCipher } from './crypto';
import { Unauthenticated } from './errors';

/** What modules are built from; each module takes only the parts it uses. */
export interface AppContext {
  db: Database;
  cipher: DataCipher;
  config: Config;
  rolePermissions(): RolePermissions;
  reloadRolePermissions(): Promise<void>;
}

/** The caller's access object; routes with a non-public rule always have one. */
export function accessOf(request: FastifyRequest): Access {
  if (!request.access) throw new Unauthenticated();
  return request.access;
}

export async function loadRolePermissions(db: Database): Promise<RolePermissions> {
  const rows = await db.selectFrom('rolePermission').select(['role', 'permission']).execute();
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!map.has(r.role)) map.set(r.role, new Set());
    map.get(r.role)!.add(r.permission);
  }
  return map;
}
