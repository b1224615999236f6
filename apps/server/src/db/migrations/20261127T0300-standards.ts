import { sql, type Kysely } from 'kysely';

// 六个有 templates: a draft is edited by several city staff, so it needs an optimistic
// revision of its own (`version` is the template's published version number, not a lock);
// and a deployment keeps at most one draft per year, so "the draft" is never ambiguous.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table standard_template add column revision integer not null default 1`.execute(db);
  await sql`create unique index standard_template_one_draft on standard_template (org_id, year) where published_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index standard_template_one_draft`.execute(db);
  await sql`alter table standard_template drop column revision`.execute(db);
}
