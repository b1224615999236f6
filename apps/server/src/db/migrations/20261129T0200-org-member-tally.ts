import { sql, type Kysely } from 'kysely';

// The roster's total for a subtree is a sum over its organisations. org_member_count keeps a
// row per organisation × category × status (a town: some 700 rows, of which a filter keeps
// half); this tally keeps one row per organisation with a column per category × status, so the
// same total reads half the rows and filters none. Kept by statement-level triggers like the
// counts (the lists below are frozen with this migration).
const CATEGORIES = ['full', 'probationary'];
const STATUSES = ['normal', 'suspended', 'transferredOut', 'expelled', 'history'];
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COMBOS = CATEGORIES.flatMap((c) => STATUSES.map((s) => ({ c, s, col: `${c}_${snake(s)}` })));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    create table org_member_tally (
      org_id bigint primary key references org(id),
      org_path ltree not null,
      ${COMBOS.map((x) => `${x.col} integer not null default 0`).join(',\n      ')}
    )`).execute(db);
  await sql`create index org_member_tally_path on org_member_tally using gist (org_path)`.execute(db);

  const counts = (sign: string) => COMBOS.map((x) => `${sign}count(*) filter (where category = '${x.c}' and status = '${x.s}')`).join(', ');
  const cols = COMBOS.map((x) => x.col).join(', ');
  const add = COMBOS.map((x) => `${x.col} = org_member_tally.${x.col} + excluded.${x.col}`).join(', ');
  await sql.raw(`
    create function org_member_tally_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into org_member_tally (org_id, org_path, ${cols})
          select org_id, (array_agg(org_path))[1], ${counts('-')} from old_rows group by org_id
          on conflict (org_id) do update set ${add};
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        -- The new rows carry the organisation's current path (a moved subtree updates it).
        insert into org_member_tally (org_id, org_path, ${cols})
          select org_id, (array_agg(org_path))[1], ${counts('')} from new_rows group by org_id
          on conflict (org_id) do update set ${add}, org_path = excluded.org_path;
      end if;
      return null;
    end $$`).execute(db);
  await sql`create trigger member_tally_insert after insert on member referencing new table as new_rows for each statement execute function org_member_tally_apply()`.execute(db);
  await sql`create trigger member_tally_update after update on member referencing old table as old_rows new table as new_rows for each statement execute function org_member_tally_apply()`.execute(db);
  await sql`create trigger member_tally_delete after delete on member referencing old table as old_rows for each statement execute function org_member_tally_apply()`.execute(db);
  await sql.raw(`
    insert into org_member_tally (org_id, org_path, ${cols})
    select org_id, (array_agg(org_path))[1], ${counts('')} from member group by org_id`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger member_tally_insert on member`.execute(db);
  await sql`drop trigger member_tally_update on member`.execute(db);
  await sql`drop trigger member_tally_delete on member`.execute(db);
  await sql`drop function org_member_tally_apply()`.execute(db);
  await sql`drop table org_member_tally`.execute(db);
}
