import { sql, type Kysely } from 'kysely';

// A roster total is the same for as long as no transaction that changed members has committed.
// `member_version.v` counts those commits, so a reader can tell in its own statement whether a
// total it already holds is still right (modules/members/member.repository.ts).
//
// The counter is raised when the transaction commits, not when it first writes: a statement
// trigger notes the transaction once in `member_version_pending`, and a deferred constraint
// trigger on that note raises the counter at commit. The counter's row is therefore locked
// only while a commit runs; a long import does not hold every other member edit back. A
// rolled-back transaction raises nothing. Changes of columns no total depends on (names,
// phones, dates) do not count.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table member_version (
      id boolean primary key default true check (id),
      v bigint not null default 0
    )`.execute(db);
  await sql`insert into member_version default values`.execute(db);
  await sql`create table member_version_pending (txid xid8 primary key)`.execute(db);
  await sql`
    create function member_version_note() returns trigger language plpgsql as $$
    begin
      insert into member_version_pending values (pg_current_xact_id()) on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger member_version_note
      after insert or update of org_id, org_path, category, status or delete or truncate on member
      for each statement execute function member_version_note()`.execute(db);
  await sql`
    create function member_version_bump() returns trigger language plpgsql as $$
    begin
      update member_version set v = v + 1 where id;
      delete from member_version_pending where txid = new.txid;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger member_version_bump after insert on member_version_pending
      deferrable initially deferred for each row execute function member_version_bump()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger member_version_note on member`.execute(db);
  await sql`drop table member_version_pending`.execute(db);
  await sql`drop table member_version`.execute(db);
  await sql`drop function member_version_note()`.execute(db);
  await sql`drop function member_version_bump()`.execute(db);
}
