// Write helpers shared by the demo and scale generators: empty-database guard, id
// reservation, batched multi-row inserts and login accounts.

import { sql, type Insertable } from 'kysely';
import { ROLE_LABELS, type Role } from '@hongyun/shared';
import type { Database, Tx } from '../db/database';
import type { DB } from '../db/types';
import { hashPassword } from '../modules/auth/auth.service';

/** The password of every seeded account (demo and benchmark databases only). */
export const DEMO_PASSWORD = 'hongyun-demo';

/** Seeds only go into an empty database; a second run must not mix into real data. */
export async function assertEmpty(db: Database): Promise<void> {
  const any = await db.selectFrom('org').select('id').limit(1).executeTakeFirst();
  if (any) throw new Error('database already has data');
}

/**
 * Takes `n` ids from the org id sequence in one round trip, so an organisation's path
 * (parent path + its own id) is known before it is inserted.
 */
export async function reserveOrgIds(tx: Tx, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('org', 'id'))::int8 as id from generate_series(1, ${n}::int)`.execute(tx);
  return rows.map((r) => r.id);
}

/** Multi-row INSERTs of at most `size` rows each (PostgreSQL allows 65,535 parameters). */
export async function insertBatches<T extends keyof DB & string>(tx: Tx, table: T, rows: Insertable<DB[T]>[], size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    // Kysely cannot narrow a generic table's Insertable; the rows are typed by the caller.
    await tx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

export interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgName: string;
  memberId?: number | null;
}

export interface Login {
  username: string;
  role: string;
  org: string;
}

/** Hashes the demo password once per account (argon2id), before any transaction opens. */
export async function hashDemoPasswords(n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, () => hashPassword(DEMO_PASSWORD)));
}

/**
 * Creates the accounts with one grant each. `mustChangePassword` is off: these accounts
 * exist for demonstrations and benchmarks, never for production data.
 */
export async function createAccounts(tx: Tx, accounts: AccountSpec[], hashes: string[]): Promise<Login[]> {
  if (accounts.length === 0) return [];
  if (hashes.length < accounts.length) throw new Error('one password hash per account is needed');
  const users = await tx
    .insertInto('appUser')
    .values(accounts.map((a, i) => ({
      username: a.username,
      displayName: a.displayName,
      passwordHash: hashes[i],
      memberId: a.memberId ?? null,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    })))
    .returning(['id', 'username'])
    .execute();
  const idOf = new Map(users.map((u) => [u.username, u.id]));
  await tx
    .insertInto('userGrant')
    .values(accounts.map((a) => ({ userId: idOf.get(a.username)!, role: a.role, orgId: a.orgId })))
    .execute();
  return accounts.map((a) => ({ username: a.username, role: ROLE_LABELS[a.role].zh, org: a.orgName }));
}
