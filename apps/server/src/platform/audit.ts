import { sql } from 'kysely';
import type { Queryable } from '../db/database';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  /** The organisation the record belongs to; scopes who may read the entry. */
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  /** Members whose personal record this touched (views, reveals, exports). */
  subjects?: number[];
}

/**
 * Writes one audit entry. Call it with the transaction of the write it records
 * (architecture rule 3), so the entry and the change commit or fail together.
 */
/** Who acted: an account, or the command line (no account, userId null). */
export type AuditActor = { userId: number | null; displayName: string; ip: string };

export async function audit(db: Queryable, actor: AuditActor | null, entry: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('auditLog')
    .values({
      actorUserId: actor?.userId ?? null,
      actorName: actor?.displayName ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId == null ? null : String(entry.targetId),
      orgPath: entry.orgPath ?? null,
      ip: actor?.ip ?? null,
      before: json(entry.before),
      after: json(entry.after),
      detail: json(entry.detail),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (entry.subjects && entry.subjects.length > 0) {
    await sql`
      insert into audit_subject (member_id, audit_id)
      select unnest(${[...new Set(entry.subjects)]}::bigint[]), ${row.id}::bigint`.execute(db);
  }
  return row.id;
}

function json(value: unknown) {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
