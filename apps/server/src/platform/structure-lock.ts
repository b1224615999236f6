import { sql } from 'kysely';
import type { Queryable } from '../db/database';

// One advisory lock guards the shape of the organisation tree. Moving a subtree takes it
// exclusively; every write that copies an organisation's path into another row (a child
// organisation, a member, an import) takes it shared and re-reads the path inside its own
// transaction, so no row can keep a path from before a concurrent move.
const STRUCTURE_LOCK = 0x48590001;

export interface LockedOrg {
  id: number;
  path: string;
  kind: string;
  parentId: number | null;
  abolishedOn: string | null;
}

/** Takes the structure lock shared and returns the organisation as it is now (or undefined). */
export async function lockOrgForWriting(tx: Queryable, orgId: number): Promise<LockedOrg | undefined> {
  await sql`select pg_advisory_xact_lock_shared(${STRUCTURE_LOCK})`.execute(tx);
  return currentOrg(tx, orgId, 'share');
}

/** Takes the structure lock exclusively (moving a subtree). */
export async function lockStructure(tx: Queryable): Promise<void> {
  await sql`select pg_advisory_xact_lock(${STRUCTURE_LOCK})`.execute(tx);
}

/**
 * The organisation row as it is now, locked: `update` for changing it (abolish, move), `share`
 * for writes that rely on it staying live (adding members or children to it).
 */
export function currentOrg(tx: Queryable, orgId: number, mode: 'update' | 'share' = 'update'): Promise<LockedOrg | undefined> {
  const query = tx
    .selectFrom('org')
    .select(['id', sql<string>`path::text`.as('path'), 'kind', 'parentId', 'abolishedOn'])
    .where('id', '=', orgId);
  return (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
}
