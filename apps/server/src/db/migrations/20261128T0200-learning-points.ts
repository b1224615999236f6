import { sql, type Kysely } from 'kysely';

// Learning and points: courses with chapters and server-verified progress, online-school
// classes and a study-hours ledger; the question bank, quick quizzes, exams and contests with
// one attempt per rule enforced here; verified outcomes recorded once by the module where
// they happen; and the points rulebook (versioned per year), ledger, appeals and indices.
const AUDIENCE = `audience_kind text not null default 'all' check (audience_kind in ('all','subtree','role')),
      audience_path ltree,
      audience_roles text[] not null default '{}',
      check (audience_kind <> 'subtree' or audience_path is not null),
      check (audience_kind <> 'role' or cardinality(audience_roles) > 0)`;
const OUTCOMES = `'meetingAttended','courseCompleted','quizPassed','examPassed','volunteerAccepted'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const added: Record<string, string[]> = {
    sysadmin: ['course.manage', 'question.manage', 'question.review', 'exam.manage', 'points.manage', 'points.award', 'points.approve', 'points.read'],
    cityAdmin: ['course.manage', 'question.manage', 'question.review', 'exam.manage', 'points.manage', 'points.award', 'points.approve', 'points.read'],
    townCoordinator: ['course.manage', 'question.manage', 'exam.manage', 'points.award', 'points.approve', 'points.read'],
    orgAdmin: ['exam.manage', 'points.award', 'points.read'],
  };
  const rows = Object.entries(added).flatMap(([role, perms]) => perms.map((p) => sql`(${role}, ${p})`));
  await sql`insert into role_permission (role, permission) values ${sql.join(rows)} on conflict do nothing`.execute(db);

  // ---- Courses and the online school -------------------------------------------------------
  await sql.raw(`
    create table course (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      title text not null check (length(title) between 1 and 100),
      category text not null check (length(category) between 1 and 30),
      summary text,
      lecturer text,
      study_hours numeric(5,1) not null default 0 check (study_hours >= 0 and study_hours <= 100),
      ${AUDIENCE},
      status text not null default 'draft' check (status in ('draft','published','archived')),
      published_at timestamptz,
      created_by bigint references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`).execute(db);
  await sql`create index course_org_path on course using gist (org_path)`.execute(db);

  await sql`
    create table course_chapter (
      id bigint generated always as identity primary key,
      course_id bigint not null references course(id),
      position integer not null,
      title text not null check (length(title) between 1 and 100),
      kind text not null check (kind in ('text','pdf','video','audio')),
      body text,
      attachment_id bigint references attachment(id),
      quiz_pass_count integer check (quiz_pass_count >= 1),
      unique (course_id, position),
      check (kind = 'text' or attachment_id is not null or body is not null)
    )`.execute(db);
  // A chapter's optional short quiz: questions from the bank.
  await sql`
    create table chapter_quiz_question (
      chapter_id bigint not null references course_chapter(id),
      question_id bigint not null,
      position integer not null,
      primary key (chapter_id, question_id)
    )`.execute(db);

  // Progress is what the server saw: the byte ranges of a chapter's file it delivered to the
  // member (a multirange), the text it sent, the quiz it checked. No client-reported time.
  await sql`
    create table chapter_progress (
      member_id bigint not null references member(id),
      chapter_id bigint not null references course_chapter(id),
      delivered int8multirange not null default '{}',
      delivered_at timestamptz,
      quiz_passed_at timestamptz,
      completed_at timestamptz,
      primary key (member_id, chapter_id)
    )`.execute(db);
  await sql`
    create table course_completion (
      member_id bigint not null references member(id),
      course_id bigint not null references course(id),
      completed_at timestamptz not null default now(),
      primary key (member_id, course_id)
    )`.execute(db);

  await sql`
    create table training_class (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      title text not null check (length(title) between 1 and 100),
      year integer not null check (year between 2000 and 2100),
      starts_on date not null,
      ends_on date not null,
      required_hours numeric(5,1) not null default 0 check (required_hours >= 0),
      status text not null default 'open' check (status in ('open','closed')),
      created_by bigint references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    )`.execute(db);
  await sql`create index training_class_org_path on training_class using gist (org_path)`.execute(db);
  await sql`
    create table class_course (
      class_id bigint not null references training_class(id),
      course_id bigint not null references course(id),
      position integer not null,
      primary key (class_id, course_id)
    )`.execute(db);
  await sql`
    create table class_enrolment (
      class_id bigint not null references training_class(id),
      member_id bigint not null references member(id),
      enrolled_at timestamptz not null default now(),
      completed_at timestamptz,
      certificate_no text unique,
      primary key (class_id, member_id)
    )`.execute(db);

  // 学时: one row per member and source (a completed course, an attended 党课, a class).
  await sql`
    create table study_hours_entry (
      id bigint generated always as identity primary key,
      member_id bigint not null references member(id),
      year integer not null,
      hours numeric(5,1) not null check (hours > 0),
      source_type text not null check (source_type in ('course','lecture','class','manual')),
      source_id bigint not null,
      title text not null,
      recorded_at timestamptz not null default now(),
      unique (member_id, source_type, source_id)
    )`.execute(db);
  await sql`create index study_hours_member_year on study_hours_entry (member_id, year)`.execute(db);

  // ---- Question bank, quick quiz, exams and contests ----------------------------------------
  await sql`
    create table question (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      kind text not null check (kind in ('single','multiple','judge','fill')),
      stem text not null check (length(stem) between 1 and 1000),
      options jsonb not null default '[]',
      answer jsonb not null,
      explanation text,
      category text not null check (length(category) between 1 and 30),
      difficulty integer not null default 2 check (difficulty between 1 and 5),
      status text not null default 'draft' check (status in ('draft','pending','approved','retired')),
      created_by bigint references app_user(id),
      reviewed_by bigint references app_user(id),
      reviewed_at timestamptz,
      review_note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index question_org_path on question using gist (org_path)`.execute(db);
  await sql`create index question_approved_category on question (category) where status = 'approved'`.execute(db);
  await sql`alter table chapter_quiz_question add foreign key (question_id) references question(id)`.execute(db);

  await sql`
    create table quiz_session (
      id uuid primary key default gen_random_uuid(),
      member_id bigint not null references member(id),
      categories text[] not null default '{}',
      question_ids bigint[] not null,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      correct integer,
      passed boolean
    )`.execute(db);
  await sql`create index quiz_session_member on quiz_session (member_id, started_at desc)`.execute(db);
  await sql`
    create table quiz_answer (
      session_id uuid not null references quiz_session(id),
      question_id bigint not null references question(id),
      answer jsonb not null,
      correct boolean not null,
      answered_at timestamptz not null default now(),
      primary key (session_id, question_id)
    )`.execute(db);

  await sql.raw(`
    create table exam (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      org_path ltree not null,
      kind text not null check (kind in ('exam','contest')),
      title text not null check (length(title) between 1 and 100),
      instructions text,
      paper_mode text not null check (paper_mode in ('fixed','random','mixed')),
      random_count integer not null default 0 check (random_count >= 0),
      random_categories text[] not null default '{}',
      points_per_question numeric(5,1) not null default 1 check (points_per_question > 0),
      time_limit_minutes integer check (time_limit_minutes between 1 and 600),
      seconds_per_question integer check (seconds_per_question between 5 and 600),
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      pass_mark numeric(6,1) not null default 0,
      attempts_allowed integer not null default 1 check (attempts_allowed between 1 and 10),
      leaderboard boolean not null default false,
      ${AUDIENCE},
      status text not null default 'draft' check (status in ('draft','published','archived')),
      created_by bigint references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at > opens_at),
      check (kind <> 'contest' or seconds_per_question is not null)
    )`).execute(db);
  await sql`create index exam_org_path on exam using gist (org_path)`.execute(db);
  await sql`
    create table exam_question (
      exam_id bigint not null references exam(id),
      position integer not null,
      question_id bigint not null references question(id),
      primary key (exam_id, position),
      unique (exam_id, question_id)
    )`.execute(db);
  // One row per attempt; (exam, member, attempt_no) is unique and attempt_no is bounded by the
  // exam's attempts_allowed (checked by the inserting statement), so concurrent starts cannot
  // make a second attempt.
  await sql`
    create table exam_attempt (
      id bigint generated always as identity primary key,
      exam_id bigint not null references exam(id),
      member_id bigint not null references member(id),
      attempt_no integer not null check (attempt_no >= 1),
      question_ids bigint[] not null,
      started_at timestamptz not null default now(),
      deadline_at timestamptz not null,
      submitted_at timestamptz,
      auto_submitted boolean not null default false,
      score numeric(7,1),
      passed boolean,
      unique (exam_id, member_id, attempt_no)
    )`.execute(db);
  await sql`create index exam_attempt_member on exam_attempt (member_id)`.execute(db);
  await sql`
    create table exam_answer (
      attempt_id bigint not null references exam_attempt(id),
      question_id bigint not null references question(id),
      answer jsonb not null,
      correct boolean not null,
      points numeric(5,1) not null,
      answered_at timestamptz not null default now(),
      response_ms integer,
      primary key (attempt_id, question_id)
    )`.execute(db);

  // ---- Outcomes and points -----------------------------------------------------------------
  // A verified outcome, recorded once per kind, member and source by the module where it
  // happened (a confirmed meeting's attendance, a completed course, a passed quiz or exam).
  await sql`
    create table outcome (
      id bigint generated always as identity primary key,
      kind text not null check (kind in (${sql.raw(OUTCOMES)})),
      member_id bigint not null references member(id),
      org_path ltree not null,
      source_type text not null,
      source_id bigint not null,
      title text not null,
      occurred_on date not null,
      recorded_at timestamptz not null default now(),
      unique (kind, member_id, source_type, source_id)
    )`.execute(db);
  await sql`create index outcome_member on outcome (member_id, occurred_on)`.execute(db);

  await sql`
    create table points_rulebook (
      id bigint generated always as identity primary key,
      org_id bigint not null references org(id),
      year integer not null check (year between 2000 and 2100),
      version integer not null,
      title text not null,
      published_at timestamptz,
      revision integer not null default 1,
      created_by bigint references app_user(id),
      created_at timestamptz not null default now(),
      unique (org_id, year, version)
    )`.execute(db);
  await sql`create unique index points_rulebook_one_draft on points_rulebook (org_id, year) where published_at is null`.execute(db);

  await sql`
    create table points_rule (
      id bigint generated always as identity primary key,
      rulebook_id bigint not null references points_rulebook(id),
      code text not null check (code ~ '^[a-zA-Z][a-zA-Z0-9.-]{0,39}$'),
      position integer not null,
      category text not null check (category in ('orgLife','learning','volunteer','pioneer','other')),
      item text not null check (length(item) between 1 and 100),
      description text,
      points numeric(6,1) not null check (points <> 0),
      cap_day numeric(7,1) check (cap_day > 0),
      cap_month numeric(7,1) check (cap_month > 0),
      cap_year numeric(7,1) check (cap_year > 0),
      once_only boolean not null default false,
      earn_mode text not null check (earn_mode in ('auto','award')),
      outcome_kind text check (outcome_kind in (${sql.raw(OUTCOMES)})),
      evidence_required boolean not null default false,
      award_roles text[] not null default '{}',
      approve_roles text[] not null default '{}',
      valid_from date,
      valid_to date,
      unique (rulebook_id, code),
      check ((earn_mode = 'auto') = (outcome_kind is not null))
    )`.execute(db);

  // The ledger. Entries are never deleted: a reversal is a new entry pointing at the one it
  // cancels. An automatic entry is unique per rule code, member and source, so recording the
  // same outcome twice awards once.
  await sql`
    create table points_entry (
      id bigint generated always as identity primary key,
      member_id bigint not null references member(id),
      org_path ltree not null,
      rule_id bigint not null references points_rule(id),
      rule_code text not null,
      year integer not null,
      points numeric(6,1) not null,
      occurred_on date not null,
      source_type text not null,
      source_id bigint not null,
      reason text,
      evidence text,
      status text not null default 'active' check (status in ('pending','active','rejected','reversed')),
      awarded_by bigint references app_user(id),
      decided_by bigint references app_user(id),
      decided_at timestamptz,
      decision_note text,
      reversal_of bigint references points_entry(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index points_entry_once on points_entry (rule_code, member_id, source_type, source_id) where reversal_of is null and status <> 'rejected'`.execute(db);
  await sql`create unique index points_entry_one_reversal on points_entry (reversal_of) where reversal_of is not null`.execute(db);
  await sql`create index points_entry_member_year on points_entry (member_id, year)`.execute(db);
  await sql`create index points_entry_org_path on points_entry using gist (org_path)`.execute(db);

  await sql`
    create table points_appeal (
      id bigint generated always as identity primary key,
      entry_id bigint references points_entry(id),
      member_id bigint not null references member(id),
      org_path ltree not null,
      year integer not null,
      reason text not null check (length(reason) between 2 and 1000),
      status text not null default 'open' check (status in ('open','upheld','corrected')),
      decision text,
      decided_by bigint references app_user(id),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index points_appeal_open on points_appeal (entry_id, member_id) where status = 'open'`.execute(db);

  // Indices computed from the ledger in bulk (formula and stars are settings).
  await sql`
    create table member_index (
      member_id bigint not null references member(id),
      year integer not null,
      org_path ltree not null,
      value numeric(7,1) not null,
      stars integer not null check (stars between 0 and 5),
      breakdown jsonb not null,
      computed_at timestamptz not null default now(),
      primary key (member_id, year)
    )`.execute(db);
  await sql`create index member_index_org_path on member_index using gist (org_path)`.execute(db);
  await sql`
    create table org_index (
      org_id bigint not null references org(id),
      year integer not null,
      org_path ltree not null,
      value numeric(7,1) not null,
      stars integer not null check (stars between 0 and 5),
      breakdown jsonb not null,
      computed_at timestamptz not null default now(),
      primary key (org_id, year)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'org_index', 'member_index', 'points_appeal', 'points_entry', 'points_rule', 'points_rulebook', 'outcome',
    'exam_answer', 'exam_attempt', 'exam_question', 'exam', 'quiz_answer', 'quiz_session', 'study_hours_entry',
    'class_enrolment', 'class_course', 'training_class', 'course_completion', 'chapter_progress', 'chapter_quiz_question',
    'question', 'course_chapter', 'course',
  ]) {
    await sql`drop table ${sql.table(t)} cascade`.execute(db);
  }
  await sql`delete from role_permission where permission in ('course.manage','question.manage','question.review','exam.manage','points.manage','points.award','points.approve','points.read')`.execute(db);
}
