import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { createAuditRepository, type AuditSearch } from './audit.repository';

export function createAuditService(deps: { db: Database }) {
  const repo = createAuditRepository(deps.db);
  return {
    /**
     * The audit trail of the caller's scope. Entries without an organisation (logins,
     * accounts) belong to whoever holds a root of the tree.
     */
    async list(access: Access, query: Omit<AuditSearch, 'scope'> & { page: number; pageSize: number }) {
      const { page, pageSize, ...filters } = query;
      const scope = access.isGlobal('audit.read') ? sql<SqlBool>`true` : access.filter('audit.read', 'a.org_path');
      const { items, total } = await repo.list({ scope, ...filters }, page, pageSize);
      return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), total, page, pageSize };
    },
  };
}
