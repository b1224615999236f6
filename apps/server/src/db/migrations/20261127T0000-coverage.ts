import { sql, type Kysely } from 'kysely';

// Two-new coverage and enterprise service: the full enterprise registry (kinds as data,
// carriers, operating status, coverage mode), coverage counts kept per cell by a statement
// trigger and monthly snapshots of them, onboarding surveys (排查摸底), the 六个有 standards
// checklist, the joint conference's departments with their users, cadre–company pairs,
// visits and requests (诉求), and attachments. Two roles join: department and cadre.
const ROLES = `'sysadmin','cityAdmin','townCoordinator','orgAdmin','member','department','cadre'`;
const MODES = `'standalone','joint','leadBuilt','industryLinked','fallback','none'`;
const PARTY = `'member','notMember','unknown'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table role_permission drop constraint role_permission_role_check, add constraint role_permission_role_check check (role in (${ROLES}))`).execute(db);
  await sql.raw(`alter table user_grant drop constraint user_grant_role_check, add constraint user_grant_role_check check (role in (${ROLES}))`).execute(db);
  // The permissions this migration introduces, as they stood when it was written.
  const added: Record<string, string[]> = {
    sysadmin: ['coverage.read', 'survey.write', 'standard.assess', 'standard.review', 'standard.manage', 'department.manage', 'cadre.assign', 'visit.write', 'request.write', 'request.handle', 'service.read'],
    cityAdmin: ['coverage.read', 'survey.write', 'standard.assess', 'standard.review', 'standard.manage', 'department.manage', 'cadre.assign', 'visit.write', 'request.write', 'request.handle', 'service.read'],
    townCoordinator: ['coverage.read', 'survey.write', 'standard.assess', 'standard.review', 'cadre.assign', 'visit.write', 'request.write', 'service.read'],
    orgAdmin: ['standard.assess'],
    department: ['request.handle', 'service.read'],
    cadre: ['enterprise.read', 'visit.write', 'request.write', 'service.read'],
  };
  const rows = Object.entries(added).flatMap(([role, perms]) => perms.map((p) => sql`(${role}, ${p})`));
  await sql`insert into role_permission (role, permission) values ${sql.join(rows)} on conflict do nothing`.execute(db);

  await sql`
    create table enterprise_kind (
      code text primary key check (code ~ '^[a-zA-Z][a-zA-Z0-9]{0,39}$'),
      name text not null unique check (length(name) between 1 and 40),
      position integer not null default 0,
      builtin boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    insert into enterprise_kind (code, name, position, builtin) values
      ('newsPortal', '新闻门户', 1, true), ('socialMedia', '社交媒体', 2, true),
      ('commercePlatform', '商务平台', 3, true), ('onlineMerchants', '网商群体', 4, true)`.execute(db);

  await sql`
    create table carrier (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('makerSpace','industrialPark','commercialBuilding','featureTown')),
      name text not null check (length(name) between 1 and 100),
      town_org_id bigint not null references org(id),
      address text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (town_org_id, name)
    )`.execute(db);

  await sql`
    create table department (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      name text not null check (length(name) between 1 and 60),
      duties text,
      contact_name text,
      contact_phone text,
      position integer not null default 0,
      abolished_on date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, name)
    )`.execute(db);
  await sql`alter table user_grant add column department_id bigint references department(id)`.execute(db);
  await sql`alter table user_grant add constraint user_grant_department check ((role = 'department') = (department_id is not null))`.execute(db);

  await sql.raw(`
    alter table enterprise
      add column kind_code text references enterprise_kind(code),
      add column carrier_id bigint references carrier(id),
      add column address text,
      add column staff_count integer check (staff_count between 0 and 10000000),
      add column founded_on date,
      add column settled_on date,
      add column operating_status text not null default 'operating' check (operating_status in ('operating','suspended','closed','movedOut','shell')),
      add column has_fixed_premises boolean not null default true,
      add column status_reason text,
      add column gone_on date,
      add column gone_reason text,
      add column investor_party_status text not null default 'unknown' check (investor_party_status in (${PARTY})),
      add column manager_party_status text not null default 'unknown' check (manager_party_status in (${PARTY})),
      add column hr_contact_name text,
      add column hr_contact_phone text,
      add column liaison_name text,
      add column liaison_phone text,
      add column instructor_name text,
      add column instructor_phone text,
      add column has_union boolean not null default false,
      add column has_youth_league boolean not null default false,
      add column coverage_mode text not null default 'none' check (coverage_mode in (${MODES})),
      add column coverage_org_id bigint references org(id),
      add column lead_enterprise_id bigint references enterprise(id),
      add column in_denominator boolean not null default false,
      add column version integer not null default 1,
      add column size_band text generated always as (
        case when staff_count is null then 'unknown' when staff_count < 10 then 'under10'
             when staff_count < 50 then 'from10to49' when staff_count < 300 then 'from50to299' else 'from300' end) stored,
      add column work_measure boolean generated always as (
        instructor_name is not null or liaison_name is not null or has_union or has_youth_league) stored,
      add constraint enterprise_coverage_shape check (
        (coverage_mode = 'none' and coverage_org_id is null and lead_enterprise_id is null)
        or (coverage_mode = 'leadBuilt' and lead_enterprise_id is not null and lead_enterprise_id <> id)
        or (coverage_mode in ('standalone','joint','industryLinked','fallback') and coverage_org_id is not null and lead_enterprise_id is null))`).execute(db);
  await sql`create index enterprise_carrier on enterprise (carrier_id)`.execute(db);
  await sql`create index enterprise_coverage_org on enterprise (coverage_org_id)`.execute(db);
  await sql`create index enterprise_lead on enterprise (lead_enterprise_id)`.execute(db);

  // 实体运营 (policy.md): the staff threshold is the setting 'coverageMinStaff' (default 10, packages/shared settings.ts),
  // read on every write so imports, forms and seeds agree. A change of the setting is applied
  // by touching every row (`update enterprise set in_denominator = in_denominator`).
  await sql`
    create function enterprise_in_denominator() returns trigger language plpgsql as $$
    declare min_staff integer;
    begin
      select coalesce((select (value #>> '{}')::integer from setting where key = 'coverageMinStaff'), 10) into min_staff;
      new.in_denominator := new.operating_status = 'operating' and new.has_fixed_premises
        and new.staff_count is not null and new.staff_count >= min_staff and new.gone_on is null;
      return new;
    end $$`.execute(db);
  await sql`create trigger enterprise_denominator before insert or update on enterprise for each row execute function enterprise_in_denominator()`.execute(db);
  await sql`update enterprise set in_denominator = in_denominator`.execute(db);

  // Companies per cell (town × carrier × kind × size band × facts); a figure is a sum of cells.
  await sql`
    create table coverage_count (
      town_org_id bigint not null,
      carrier_id bigint not null,
      kind_code text not null,
      size_band text not null,
      in_denominator boolean not null,
      coverage_mode text not null,
      work_measure boolean not null,
      n integer not null,
      primary key (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure)
    )`.execute(db);
  // One statement per write, cells locked in key order (two writers never wait on each other crosswise).
  await sql`
    create function coverage_count_apply() returns trigger language plpgsql as $$
    begin
      insert into coverage_count (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n)
        select t, c, k, b, d, m, w, sum(delta)::integer from (
          select coalesce(town_org_id, 0) t, coalesce(carrier_id, 0) c, coalesce(kind_code, '') k, size_band b, in_denominator d, coverage_mode m, work_measure w, -1 delta
            from old_rows where tg_op in ('UPDATE', 'DELETE')
          union all
          select coalesce(town_org_id, 0), coalesce(carrier_id, 0), coalesce(kind_code, ''), size_band, in_denominator, coverage_mode, work_measure, 1
            from new_rows where tg_op in ('INSERT', 'UPDATE')
        ) x group by 1, 2, 3, 4, 5, 6, 7 having sum(delta) <> 0 order by 1, 2, 3, 4, 5, 6, 7
        on conflict (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure)
        do update set n = coverage_count.n + excluded.n;
      return null;
    end $$`.execute(db);
  // A transition table exists only where the trigger declares it: insert and delete get their own functions.
  await sql`
    create function coverage_count_insert() returns trigger language plpgsql as $$
    begin
      insert into coverage_count (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n)
        select coalesce(town_org_id, 0), coalesce(carrier_id, 0), coalesce(kind_code, ''), size_band, in_denominator, coverage_mode, work_measure, count(*)
        from new_rows group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
        on conflict (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure)
        do update set n = coverage_count.n + excluded.n;
      return null;
    end $$`.execute(db);
  await sql`
    create function coverage_count_delete() returns trigger language plpgsql as $$
    begin
      insert into coverage_count (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n)
        select coalesce(town_org_id, 0), coalesce(carrier_id, 0), coalesce(kind_code, ''), size_band, in_denominator, coverage_mode, work_measure, -count(*)
        from old_rows group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
        on conflict (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure)
        do update set n = coverage_count.n + excluded.n;
      return null;
    end $$`.execute(db);
  await sql`create trigger enterprise_coverage_insert after insert on enterprise referencing new table as new_rows for each statement execute function coverage_count_insert()`.execute(db);
  await sql`create trigger enterprise_coverage_update after update on enterprise referencing old table as old_rows new table as new_rows for each statement execute function coverage_count_apply()`.execute(db);
  await sql`create trigger enterprise_coverage_delete after delete on enterprise referencing old table as old_rows for each statement execute function coverage_count_delete()`.execute(db);
  await sql`
    insert into coverage_count (town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure, n)
    select coalesce(town_org_id, 0), coalesce(carrier_id, 0), coalesce(kind_code, ''), size_band, in_denominator, coverage_mode, work_measure, count(*)
    from enterprise group by 1, 2, 3, 4, 5, 6, 7`.execute(db);

  // The cells as they stood at the end of each month (taken in the first hour of the next).
  await sql`
    create table coverage_snapshot (
      month date not null check (extract(day from month) = 1),
      town_org_id bigint not null,
      carrier_id bigint not null,
      kind_code text not null,
      size_band text not null,
      in_denominator boolean not null,
      coverage_mode text not null,
      work_measure boolean not null,
      n integer not null,
      taken_at timestamptz not null default now(),
      primary key (month, town_org_id, carrier_id, kind_code, size_band, in_denominator, coverage_mode, work_measure)
    )`.execute(db);

  await sql.raw(`
    create table survey_task (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprise(id),
      town_org_id bigint not null references org(id),
      due_on date not null,
      status text not null default 'open' check (status in ('open','done','cancelled')),
      created_by bigint references app_user(id),
      created_at timestamptz not null default now(),
      completed_at timestamptz,
      completed_by bigint references app_user(id),
      members_found integer check (members_found >= 0),
      full_members_found integer check (full_members_found >= 0),
      staff_count integer check (staff_count >= 0),
      investor_party_status text check (investor_party_status in (${PARTY})),
      manager_party_status text check (manager_party_status in (${PARTY})),
      willingness text check (willingness in ('willing','undecided','unwilling')),
      recommended_mode text check (recommended_mode in (${MODES})),
      instructor_proposed text,
      notes text,
      cancel_reason text,
      version integer not null default 1,
      check (full_members_found <= members_found)
    )`).execute(db);
  await sql`create unique index survey_task_one_open on survey_task (enterprise_id) where status = 'open'`.execute(db);
  await sql`create index survey_task_town on survey_task (town_org_id, status, due_on)`.execute(db);

  await sql`
    create table standard_template (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      year integer not null check (year between 2000 and 2100),
      version integer not null default 1,
      title text not null,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      unique (org_id, year, version)
    )`.execute(db);
  await sql`
    create table standard_item (
      id bigint generated always as identity primary key,
      template_id bigint not null references standard_template(id),
      position integer not null,
      title text not null check (length(title) between 1 and 60),
      guidance text,
      unique (template_id, position)
    )`.execute(db);
  await sql`
    create table standard_assessment (
      id bigint generated always as identity primary key,
      template_id bigint not null references standard_template(id),
      org_id bigint not null references org(id),
      org_path ltree not null,
      status text not null default 'draft' check (status in ('draft','submitted','returned','accepted')),
      submitted_at timestamptz,
      submitted_by bigint references app_user(id),
      reviewed_at timestamptz,
      reviewed_by bigint references app_user(id),
      return_reason text,
      stars integer check (stars >= 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (template_id, org_id)
    )`.execute(db);
  await sql`create index standard_assessment_path on standard_assessment using gist (org_path)`.execute(db);
  await sql`
    create table standard_answer (
      assessment_id bigint not null references standard_assessment(id) on delete cascade,
      item_id bigint not null references standard_item(id),
      claimed boolean not null default false,
      evidence text,
      accepted boolean,
      primary key (assessment_id, item_id)
    )`.execute(db);

  // Uploaded files (evidence and later minutes): stored under the data directory by their hash.
  await sql`
    create table attachment (
      id bigint generated always as identity primary key,
      owner_type text not null,
      owner_id bigint not null,
      owner_part bigint,
      org_path ltree not null,
      file_name text not null,
      content_type text not null,
      size_bytes bigint not null,
      sha256 bytea not null,
      uploaded_by bigint references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index attachment_owner on attachment (owner_type, owner_id, owner_part)`.execute(db);

  await sql`
    create table cadre_assignment (
      id bigint generated always as identity primary key,
      user_id bigint not null references app_user(id),
      enterprise_id bigint not null references enterprise(id),
      assigned_by bigint references app_user(id),
      assigned_on date not null,
      ended_on date,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index cadre_assignment_current on cadre_assignment (user_id, enterprise_id) where ended_on is null`.execute(db);
  await sql`create index cadre_assignment_enterprise on cadre_assignment (enterprise_id)`.execute(db);

  await sql`
    create table visit (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprise(id),
      cadre_user_id bigint not null references app_user(id),
      visited_on date not null,
      people_met text not null,
      topics text not null,
      follow_ups text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index visit_enterprise on visit (enterprise_id, visited_on desc)`.execute(db);

  await sql`
    create table enterprise_request (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprise(id),
      visit_id bigint references visit(id),
      raised_by bigint references app_user(id),
      raised_via text not null check (raised_via in ('visit','liaison')),
      category text not null check (category in ('project','financing','staffing','policy','other')),
      title text not null check (length(title) between 1 and 100),
      detail text,
      department_id bigint not null references department(id),
      status text not null default 'new' check (status in ('new','accepted','inProgress','resolved','declined')),
      due_on date not null,
      accepted_at timestamptz,
      closed_at timestamptz,
      resolution text,
      declined_reason text,
      satisfaction integer check (satisfaction between 1 and 5),
      satisfaction_note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'declined' or declined_reason is not null)
    )`.execute(db);
  await sql`create index enterprise_request_enterprise on enterprise_request (enterprise_id, created_at desc)`.execute(db);
  await sql`create index enterprise_request_department on enterprise_request (department_id, status, due_on)`.execute(db);
  await sql`
    create table enterprise_request_event (
      id bigint generated always as identity primary key,
      request_id bigint not null references enterprise_request(id),
      at timestamptz not null default now(),
      actor_user_id bigint references app_user(id),
      actor_name text not null,
      from_status text,
      to_status text not null,
      note text
    )`.execute(db);
  await sql`create index enterprise_request_event_request on enterprise_request_event (request_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['enterprise_request_event', 'enterprise_request', 'visit', 'cadre_assignment', 'attachment', 'standard_answer', 'standard_assessment', 'standard_item', 'standard_template', 'survey_task', 'coverage_snapshot']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
  await sql`drop trigger enterprise_coverage_insert on enterprise`.execute(db);
  await sql`drop trigger enterprise_coverage_update on enterprise`.execute(db);
  await sql`drop trigger enterprise_coverage_delete on enterprise`.execute(db);
  await sql`drop trigger enterprise_denominator on enterprise`.execute(db);
  await sql`drop function coverage_count_apply(), coverage_count_insert(), coverage_count_delete(), enterprise_in_denominator()`.execute(db);
  await sql`drop table coverage_count`.execute(db);
  await sql.raw(`alter table enterprise drop constraint enterprise_coverage_shape, drop column size_band, drop column work_measure, ${[
    'kind_code', 'carrier_id', 'address', 'staff_count', 'founded_on', 'settled_on', 'operating_status', 'has_fixed_premises', 'status_reason', 'gone_on', 'gone_reason',
    'investor_party_status', 'manager_party_status', 'hr_contact_name', 'hr_contact_phone', 'liaison_name', 'liaison_phone', 'instructor_name', 'instructor_phone',
    'has_union', 'has_youth_league', 'coverage_mode', 'coverage_org_id', 'lead_enterprise_id', 'in_denominator', 'version',
  ].map((c) => `drop column ${c}`).join(', ')}`).execute(db);
  await sql`alter table user_grant drop constraint user_grant_department, drop column department_id`.execute(db);
  await sql`drop table department`.execute(db);
  await sql`drop table carrier`.execute(db);
  await sql`drop table enterprise_kind`.execute(db);
  await sql`delete from role_permission where role in ('department', 'cadre')`.execute(db);
}
