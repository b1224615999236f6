import { sql, type Kysely } from 'kysely';

// A to-do can wait until it makes sense: the minutes of a meeting are asked for once the
// meeting has begun, not from the day it is planned.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table todo add column shows_from timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table todo drop column shows_from`.execute(db);
}
