import { sql, type Kysely } from 'kysely';

// Member import: the rows a validation found good, normalised, waiting for the commit, which
// copies them into `member` with one `insert … select` per batch. What is staged is what the
// commit needs to re-check (the ID number's keyed hash, its mask) and the plain roster values.
// The encrypted columns are not staged: the commit encrypts from the upload while PostgreSQL
// inserts the previous batch, where on two cores it costs no time, whereas encrypting during
// validation made validation ~3 s slower per 100,000 rows (measured).
// `stage_id` is the import job's id (or a command-line run's own id), so no foreign key: a
// finished job's rows are deleted by the import itself, and rows left by a crash are swept.
// Unlogged: scratch data that skips the write-ahead log. A crash empties it and replicas never
// see it; the commit then finds fewer rows than validation counted and asks for a re-upload.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table import_staging (
      stage_id uuid not null,
      row_number integer not null,
      -- Resolved to an id at commit, so a party group that went away since is reported, not lost.
      party_group_name text,
      name text not null,
      gender text not null,
      ethnicity text,
      birth_date date not null,
      id_number_hash bytea not null,
      id_number_masked text not null,
      education text,
      employer_name text,
      job text,
      key_positions text[] not null,
      category text not null,
      status text not null,
      applied_on date,
      activist_on date,
      candidate_on date,
      joined_on date,
      confirmed_on date,
      is_mobile boolean not null,
      is_in_hardship boolean not null,
      is_party_worker boolean not null,
      staged_at timestamptz not null default now(),
      primary key (stage_id, row_number)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_staging`.execute(db);
}
