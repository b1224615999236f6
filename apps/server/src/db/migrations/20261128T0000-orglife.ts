import { sql, type Kysely } from 'kysely';

// Organisational life: meetings (三会一课, 主题党日, 组织生活会, 民主评议会) with their
// invitees, replies, leave, attendance, minutes (versioned after confirmation) and votes;
// shared venues with bookings that never overlap; the online branch's discussion threads;
// exemptions from a period's required meetings; to-dos; and the democratic appraisal, whose
// peer grades are stored apart from who gave them.
const KINDS = `'generalMeeting','committeeMeeting','groupMeeting','lecture','themeDay','lifeMeeting','appraisalMeeting','study'`;
const REQUIRED_KINDS = `'generalMeeting','committeeMeeting','groupMeeting','lecture','themeDay','lifeMeeting'`;
const GRADES = `'excellent','qualified','basicallyQualified','unqualified'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The permissions this migration introduces, as they stood when it was written.
  const added: Record<string, string[]> = {
    sysadmin: ['meeting.read', 'meeting.write', 'venue.manage', 'compliance.read', 'compliance.exempt', 'appraisal.manage'],
    cityAdmin: ['meeting.read', 'meeting.write', 'venue.manage', 'compliance.read', 'compliance.exempt', 'appraisal.manage'],
    townCoordinator: ['meeting.read', 'meeting.write', 'venue.manage', 'compliance.read', 'compliance.exempt', 'appraisal.manage'],
    orgAdmin: ['meeting.read', 'meeting.write', 'compliance.read', 'appraisal.manage'],
  };
  const rows = Object.entries(added).flatMap(([role, perms]) => perms.map((p) => sql`(${role}, ${p})`));
  await sql`insert into role_permission (role, permission) values ${sql.join(rows)} on conflict do nothing`.execute(db);

  await sql`create extension if not exists btree_gist`.execute(db);

  await sql`
    create table venue (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      kind text not null check (kind in ('serviceCenter','station','redSpace','other')),
      name text not null check (length(name) between 1 and 60),
      address text not null check (length(address) between 1 and 200),
      capacity integer not null check (capacity between 1 and 10000),
      opening_hours jsonb not null default '[]',
      contact_name text,
      contact_phone text,
      note text,
      closed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, name)
    )`.execute(db);
  await sql`create index venue_org_path on venue using gist (org_path)`.execute(db);

  await sql`
    create table meeting (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      party_group_id bigint references party_group(id),
      kind text not null check (kind in (${sql.raw(KINDS)})),
      title text not null check (length(title) between 1 and 100),
      topics jsonb not null default '[]',
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      mode text not null check (mode in ('offline','online','mixed')),
      place text,
      venue_id bigint references venue(id),
      online_link text,
      host_member_id bigint references member(id),
      recorder_member_id bigint references member(id),
      lecturer_member_id bigint references member(id),
      lecturer_name text,
      guests jsonb not null default '[]',
      status text not null default 'planned' check (status in ('planned','cancelled')),
      cancelled_reason text,
      minutes_due_on date not null,
      sign_in_secret bytea,
      created_by bigint references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at),
      check (status <> 'cancelled' or cancelled_reason is not null)
    )`.execute(db);
  await sql`create index meeting_org_path on meeting using gist (org_path)`.execute(db);
  await sql`create index meeting_org_starts on meeting (org_id, starts_at)`.execute(db);
  await sql`create index meeting_starts on meeting (starts_at)`.execute(db);

  // One live booking per venue and moment: the exclusion constraint refuses an overlap even
  // when two secretaries commit the same slot at the same instant.
  await sql`
    create table venue_booking (
      id bigint generated always as identity primary key,
      venue_id bigint not null references venue(id),
      meeting_id bigint not null references meeting(id),
      org_path ltree not null,
      during tstzrange not null,
      booked_by bigint references app_user(id),
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      constraint venue_booking_no_overlap exclude using gist (venue_id with =, during with &&) where (cancelled_at is null)
    )`.execute(db);
  await sql`create unique index venue_booking_one_per_meeting on venue_booking (meeting_id) where cancelled_at is null`.execute(db);

  await sql`
    create table meeting_attendee (
      meeting_id bigint not null references meeting(id),
      member_id bigint not null references member(id),
      reply text not null default 'pending' check (reply in ('pending','attend','leave')),
      replied_at timestamptz,
      leave_reason text,
      leave_status text check (leave_status in ('requested','approved','rejected')),
      leave_decided_by bigint references app_user(id),
      leave_decided_at timestamptz,
      attendance text not null default 'unknown' check (attendance in ('unknown','present','online','excused','absent')),
      signed_in_at timestamptz,
      sign_in_method text check (sign_in_method in ('qr','marked','online')),
      primary key (meeting_id, member_id),
      check ((reply = 'leave') = (leave_status is not null)),
      check (reply <> 'leave' or leave_reason is not null)
    )`.execute(db);
  await sql`create index meeting_attendee_member on meeting_attendee (member_id)`.execute(db);

  await sql`
    create table meeting_minutes (
      meeting_id bigint primary key references meeting(id),
      content text not null,
      decisions text,
      revision integer not null default 1,
      recorded_by bigint references app_user(id),
      recorded_at timestamptz not null default now(),
      confirmed_by bigint references app_user(id),
      confirmed_at timestamptz
    )`.execute(db);
  // Every confirmed text, and each correction after confirmation with its reason.
  await sql`
    create table meeting_minutes_version (
      meeting_id bigint not null references meeting(id),
      revision integer not null,
      content text not null,
      decisions text,
      reason text,
      changed_by bigint references app_user(id),
      changed_at timestamptz not null default now(),
      primary key (meeting_id, revision)
    )`.execute(db);

  await sql`
    create table meeting_vote (
      id bigint generated always as identity primary key,
      meeting_id bigint not null references meeting(id),
      position integer not null,
      item text not null check (length(item) between 1 and 200),
      subject_member_id bigint references member(id),
      entitled integer not null check (entitled >= 0),
      present integer not null check (present >= 0 and present <= entitled),
      yes integer not null check (yes >= 0),
      no integer not null check (no >= 0),
      abstain integer not null check (abstain >= 0),
      quorum_met boolean not null,
      passed boolean not null,
      recorded_by bigint references app_user(id),
      recorded_at timestamptz not null default now(),
      unique (meeting_id, position),
      check (yes + no + abstain <= present),
      check (quorum_met or not passed)
    )`.execute(db);

  // The online branch: a thread per meeting (meeting_id set) and one per organisation.
  await sql`
    create table discussion_post (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      meeting_id bigint references meeting(id),
      author_user_id bigint not null references app_user(id),
      author_member_id bigint references member(id),
      body text not null check (length(body) between 1 and 2000),
      hidden_at timestamptz,
      hidden_by bigint references app_user(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index discussion_post_thread on discussion_post (org_id, meeting_id, id)`.execute(db);

  await sql`
    create table compliance_exemption (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      kind text not null check (kind in (${sql.raw(REQUIRED_KINDS)})),
      period_key text not null check (period_key ~ '^[0-9]{4}(-[0-9]{2}|-Q[1-4])?$'),
      reason text not null check (length(reason) between 2 and 500),
      status text not null default 'requested' check (status in ('requested','approved','rejected')),
      requested_by bigint references app_user(id),
      requested_at timestamptz not null default now(),
      decided_by bigint references app_user(id),
      decided_at timestamptz,
      decision_note text,
      check ((status = 'requested') = (decided_at is null))
    )`.execute(db);
  await sql`create unique index compliance_exemption_live on compliance_exemption (org_id, kind, period_key) where status <> 'rejected'`.execute(db);
  await sql`create index compliance_exemption_path on compliance_exemption using gist (org_path)`.execute(db);

  // To-dos for a person: a user account, or a member (who may log in later). One per source.
  await sql`
    create table todo (
      id bigint generated always as identity primary key,
      user_id bigint references app_user(id),
      member_id bigint references member(id),
      org_path ltree,
      kind text not null,
      title text not null,
      link text,
      due_on date,
      source_type text not null,
      source_id bigint not null,
      done_at timestamptz,
      created_at timestamptz not null default now(),
      check (user_id is not null or member_id is not null)
    )`.execute(db);
  await sql`create unique index todo_once on todo (kind, source_type, source_id, coalesce(user_id, 0), coalesce(member_id, 0))`.execute(db);
  await sql`create index todo_user_open on todo (user_id) where done_at is null`.execute(db);
  await sql`create index todo_member_open on todo (member_id) where done_at is null`.execute(db);

  await sql`
    create table appraisal_campaign (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      year integer not null check (year between 2000 and 2100),
      title text not null check (length(title) between 1 and 100),
      study_materials text,
      stage text not null default 'reviewing' check (stage in ('reviewing','proposing','confirmed','published','closed')),
      review_due_on date not null,
      confirmed_meeting_id bigint references meeting(id),
      published_at timestamptz,
      appeal_until date,
      created_by bigint references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_id, year)
    )`.execute(db);
  await sql`create index appraisal_campaign_path on appraisal_campaign using gist (org_path)`.execute(db);

  await sql`
    create table appraisal_participant (
      campaign_id bigint not null references appraisal_campaign(id),
      member_id bigint not null references member(id),
      category text not null check (category in ('full','probationary')),
      self_analysis text,
      self_grade text check (self_grade in (${sql.raw(GRADES)})),
      self_submitted_at timestamptz,
      proposed_grade text check (proposed_grade in (${sql.raw(GRADES)})),
      proposed_reason text,
      final_grade text check (final_grade in (${sql.raw(GRADES)})),
      primary key (campaign_id, member_id),
      check (category = 'full' or proposed_grade is distinct from 'excellent'),
      check (category = 'full' or final_grade is distinct from 'excellent')
    )`.execute(db);

  // Peer review, split so that no row links a grade to the person who gave it: a receipt says
  // that A reviewed B (for progress and "once only"), a ballot holds B's grade and comment
  // with a random id and no time or author.
  await sql`
    create table appraisal_peer_receipt (
      campaign_id bigint not null references appraisal_campaign(id),
      reviewer_member_id bigint not null references member(id),
      reviewed_member_id bigint not null references member(id),
      primary key (campaign_id, reviewer_member_id, reviewed_member_id),
      check (reviewer_member_id <> reviewed_member_id)
    )`.execute(db);
  await sql`
    create table appraisal_peer_ballot (
      id uuid primary key default gen_random_uuid(),
      campaign_id bigint not null references appraisal_campaign(id),
      reviewed_member_id bigint not null references member(id),
      grade text not null check (grade in (${sql.raw(GRADES)})),
      comment text check (length(comment) <= 500)
    )`.execute(db);
  await sql`create index appraisal_peer_ballot_reviewed on appraisal_peer_ballot (campaign_id, reviewed_member_id)`.execute(db);

  await sql`
    create table appraisal_appeal (
      id bigint generated always as identity primary key,
      campaign_id bigint not null references appraisal_campaign(id),
      member_id bigint not null references member(id),
      reason text not null check (length(reason) between 2 and 1000),
      status text not null default 'open' check (status in ('open','upheld','changed')),
      decision text,
      decided_by bigint references app_user(id),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index appraisal_appeal_once on appraisal_appeal (campaign_id, member_id)`.execute(db);

  // A member's appraisal history: kept with the member, whichever organisation they move to.
  await sql`
    create table member_appraisal (
      member_id bigint not null references member(id),
      year integer not null,
      grade text not null check (grade in (${sql.raw(GRADES)})),
      campaign_id bigint not null references appraisal_campaign(id),
      org_name text not null,
      recorded_at timestamptz not null default now(),
      primary key (member_id, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['member_appraisal', 'appraisal_appeal', 'appraisal_peer_ballot', 'appraisal_peer_receipt', 'appraisal_participant', 'appraisal_campaign', 'todo', 'compliance_exemption', 'discussion_post', 'meeting_vote', 'meeting_minutes_version', 'meeting_minutes', 'meeting_attendee', 'venue_booking', 'meeting', 'venue']) {
    await sql`drop table ${sql.table(t)}`.execute(db);
  }
  await sql`delete from role_permission where permission in ('meeting.read','meeting.write','venue.manage','compliance.read','compliance.exempt','appraisal.manage')`.execute(db);
}
