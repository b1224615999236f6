import { sql, type Kysely } from 'kysely';

// Roster speed: indexes that serve "a subtree, one category, ordered by name, first page",
// and member counts per organisation × category × status (with the organisation's path) kept
// up to date by statement-level
// triggers, so a page's total is a sum over organisations instead of a count over members.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Covering: the subtree and status filters are checked in the index, heap reads only for the page.
  await sql`create index member_category_name on member (category, name, id) include (org_path, status)`.execute(db);
  await sql`create index member_name_order on member (name, id)`.execute(db);

  await sql`
    create table org_member_count (
      org_id bigint not null references org(id),
      org_path ltree not null,
      category text not null,
      status text not null,
      n integer not null,
      primary key (org_id, category, status)
    )`.execute(db);
  await sql`create index org_member_count_path on org_member_count using gist (org_path)`.execute(db);

  await sql`
    create function org_member_count_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into org_member_count (org_id, org_path, category, status, n)
          select org_id, org_path, category, status, -count(*) from old_rows group by 1, 2, 3, 4
          on conflict (org_id, category, status) do update set n = org_member_count.n + excluded.n;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        -- The new rows carry the organisation's current path (a moved subtree updates it).
        insert into org_member_count (org_id, org_path, category, status, n)
          select org_id, org_path, category, status, count(*) from new_rows group by 1, 2, 3, 4
          on conflict (org_id, category, status) do update set n = org_member_count.n + excluded.n, org_path = excluded.org_path;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger member_count_insert after insert on member referencing new table as new_rows for each statement execute function org_member_count_apply()`.execute(db);
  await sql`create trigger member_count_update after update on member referencing old table as old_rows new table as new_rows for each statement execute function org_member_count_apply()`.execute(db);
  await sql`create trigger member_count_delete after delete on member referencing old table as old_rows for each statement execute function org_member_count_apply()`.execute(db);
  await sql`
    insert into org_member_count (org_id, org_path, category, status, n)
    select org_id, org_path, category, status, count(*) from member group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger member_count_insert on member`.execute(db);
  await sql`drop trigger member_count_update on member`.execute(db);
  await sql`drop trigger member_count_delete on member`.execute(db);
  await sql`drop function org_member_count_apply()`.execute(db);
  await sql`drop table org_member_count`.execute(db);
  await sql`drop index member_category_name`.execute(db);
  await sql`drop index member_name_order`.execute(db);
}
