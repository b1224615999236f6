import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import type { ImportStagingTable } from '../../db/types';
import { binaryArray } from './member-import.pgarray';

/** One validated row as staged for the commit: normalised values, personal data sealed as in `member`. */
export type StagedRow = Omit<ImportStagingTable, 'stageId' | 'stagedAt'>;

/** A staged row that can no longer be imported: its person is registered now, or its party group is gone. */
export interface StagedConflict {
  rowNumber: number;
  idNumberMasked: string;
  partyGroupName: string | null;
  /** Where the person is registered now; null when only the party group is missing. */
  orgName: string | null;
  orgPath: string | null;
}

export interface JobErrorRow {
  rowNumber: number;
  columnName: string;
  value: string | null;
  reason: string;
}

export type ImportJobStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed' | 'cancelled';

/** Advisory-lock namespace of import jobs ('HYJB'); the second key is the job id's hash. */
const JOB_LOCK_SPACE = 0x48594a42;
const ERROR_BATCH = 5000;

type WireType = 'int4' | 'text' | 'date' | 'text[]' | 'bytea' | 'bool';
type WireValue = string | number | boolean | Buffer | null;

/**
 * Columns of a batch that travels as one binary array parameter per column, unnested: one
 * statement per 2,000 rows, hand-written SQL (the query builder would bind 54,000 parameters,
 * and the text form of arrays cost more than the spreadsheet's parsing, see pgarray).
 */
type BatchColumns<R> = readonly (readonly [column: string, type: WireType, value: (r: R) => WireValue])[];

/** import_staging's columns in insert order. */
const STAGED_COLUMNS: BatchColumns<StagedRow> = [
  ['row_number', 'int4', (r) => r.rowNumber], ['party_group_name', 'text', (r) => r.partyGroupName],
  ['name', 'text', (r) => r.name], ['gender', 'text', (r) => r.gender], ['ethnicity', 'text', (r) => r.ethnicity], ['birth_date', 'date', (r) => r.birthDate],
  ['id_number_hash', 'bytea', (r) => r.idNumberHash], ['id_number_masked', 'text', (r) => r.idNumberMasked],
  ['id_number_cipher', 'bytea', (r) => r.idNumberCipher],
  ['phone_cipher', 'bytea', (r) => r.phoneCipher], ['phone_hash', 'bytea', (r) => r.phoneHash], ['phone_masked', 'text', (r) => r.phoneMasked],
  ['education', 'text', (r) => r.education], ['employer_name', 'text', (r) => r.employerName], ['job', 'text', (r) => r.job],
  // A text[] per row cannot travel inside an array of arrays (unnest would flatten it): as a literal.
  ['key_positions', 'text[]', (r) => `{${r.keyPositions.join(',')}}`],
  ['category', 'text', (r) => r.category], ['status', 'text', (r) => r.status],
  ['applied_on', 'date', (r) => r.appliedOn], ['activist_on', 'date', (r) => r.activistOn], ['candidate_on', 'date', (r) => r.candidateOn],
  ['joined_on', 'date', (r) => r.joinedOn], ['confirmed_on', 'date', (r) => r.confirmedOn],
  ['is_mobile', 'bool', (r) => r.isMobile], ['is_in_hardship', 'bool', (r) => r.isInHardship], ['is_party_worker', 'bool', (r) => r.isPartyWorker],
];

/** `unnest(…) as t(columns)` over a batch, dates and text[] sent as text and cast back. */
function unnestBatch<R>(columns: BatchColumns<R>, rows: readonly R[], alias: string) {
  const arrays = columns.map(([, type, value]) => {
    const wire = type === 'date' || type === 'text[]' ? 'text' : type;
    return sql`${binaryArray(wire, rows.map(value))}::${sql.raw(wire)}[]`;
  });
  return sql`unnest(${sql.join(arrays)}) as ${sql.raw(alias)}(${sql.raw(columns.map(([c]) => c).join(', '))})`;
}

/** The columns as selected from an unnestBatch, casting back what travelled as text. */
function castBack<R>(columns: BatchColumns<R>, alias: string) {
  return sql.raw(columns.map(([c, type]) => (type === 'date' || type === 'text[]' ? `${alias}.${c}::${type}` : `${alias}.${c}`)).join(', '));
}

const STAGED_INSERT = sql.raw(STAGED_COLUMNS.map(([c]) => c).join(', '));
/** Member columns taken from the staged row as they are (org and party group are resolved at commit). */
const COPIED = STAGED_COLUMNS.map(([c]) => c).filter((c) => c !== 'row_number' && c !== 'party_group_name');
const MEMBER_INSERT = sql.raw(COPIED.join(', '));
const MEMBER_SELECT = sql.raw(COPIED.map((c) => `s.${c}`).join(', '));
/** Staged rows older than this whose job is no longer open (or that belong to no job) are swept. */
const STAGING_TTL = '1 day';

export function createMemberImportRepository(db: Queryable) {
  const lockKey = (jobId: string) => sql`${JOB_LOCK_SPACE}::int4, (hashtext(${jobId}) & 2147483647)::int4`;

  return {
    /** The organisation an import targets, with what decides whether members may go there. */
    targetOrg(id: number) {
      return db.selectFrom('org').select(['id', 'name', 'path', 'kind', 'abolishedOn', 'code']).where('id', '=', id).executeTakeFirst();
    },

    targetOrgByCode(code: string) {
      return db.selectFrom('org').select(['id', 'name', 'path', 'kind', 'abolishedOn', 'code']).where('code', '=', code).executeTakeFirst();
    },

    async createJob(job: { id: string; userId: number; orgId: number; fileName: string; filePath: string }) {
      await db.insertInto('importJob').values(job).execute();
    },

    getJob(id: string) {
      return db
        .selectFrom('importJob as j')
        .innerJoin('org as o', 'o.id', 'j.orgId')
        .select([
          'j.id', 'j.userId', 'j.orgId', 'o.name as orgName', 'o.path as orgPath', 'j.fileName', 'j.filePath', 'j.status', 'j.mode',
          'j.totalRows', 'j.processedRows', 'j.validRows', 'j.errorRows', 'j.importedRows', 'j.failure', 'j.createdAt', 'j.finishedAt',
        ])
        .where('j.id', '=', id)
        .executeTakeFirst();
    },

    async setProcessed(id: string, processedRows: number) {
      await db.updateTable('importJob').set({ processedRows }).where('id', '=', id).execute();
    },

    async setImported(id: string, importedRows: number) {
      await db.updateTable('importJob').set({ importedRows }).where('id', '=', id).execute();
    },

    /** validating → validated with the counts. */
    async finishValidation(id: string, counts: { totalRows: number; validRows: number; errorRows: number }) {
      await db.updateTable('importJob').set({ ...counts, processedRows: counts.totalRows, status: 'validated', finishedAt: new Date() }).where('id', '=', id).where('status', '=', 'validating').execute();
    },

    /** The commit gate: only one caller moves a job from validated to importing. */
    async claimForCommit(id: string, mode: string): Promise<boolean> {
      const r = await db.updateTable('importJob').set({ status: 'importing', mode, importedRows: 0, failure: null, finishedAt: null }).where('id', '=', id).where('status', '=', 'validated').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async completeImport(id: string, importedRows: number, counts: { validRows: number; errorRows: number }) {
      await db.updateTable('importJob').set({ status: 'done', importedRows, ...counts, finishedAt: new Date() }).where('id', '=', id).execute();
    },

    /** importing → validated again (nothing was written), with fresh counts and why. */
    async reopen(id: string, counts: { validRows: number; errorRows: number }, failure: string) {
      await db.updateTable('importJob').set({ status: 'validated', importedRows: 0, ...counts, failure, finishedAt: new Date() }).where('id', '=', id).where('status', '=', 'importing').execute();
    },

    /** Validated jobs nobody confirmed within `age` (an interval such as '24 hours'). */
    async abandonedJobs(age: string) {
      return db.selectFrom('importJob').select(['id', 'filePath'])
        .where('status', '=', 'validated').where(sql<SqlBool>`created_at < now() - ${age}::interval`).execute();
    },

    /** validated → cancelled, unless a commit claimed the job first. */
    async expire(id: string, failure: string): Promise<boolean> {
      const r = await db.updateTable('importJob').set({ status: 'cancelled', failure, finishedAt: new Date() }).where('id', '=', id).where('status', '=', 'validated').executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** → failed; an import's transaction rolled back, so the progress it showed is reset. */
    async fail(id: string, failure: string) {
      await db.updateTable('importJob').set({ status: 'failed', failure, importedRows: 0, finishedAt: new Date() }).where('id', '=', id).where('status', 'in', ['validating', 'importing']).execute();
    },

    /** Marks a running job failed when no process holds its lock any more (a restart). */
    async failIfOrphaned(id: string, failure: string): Promise<boolean> {
      const r = await db
        .updateTable('importJob')
        .set({ status: 'failed', failure, importedRows: 0, finishedAt: new Date() })
        .where('id', '=', id)
        .where('status', 'in', ['validating', 'importing'])
        .where(sql<SqlBool>`not exists (
          select 1 from pg_locks l
          where l.locktype = 'advisory' and l.granted and l.objsubid = 2
            and l.database = (select oid from pg_database where datname = current_database())
            and l.classid = ${JOB_LOCK_SPACE}::int4::oid and l.objid = (hashtext(${id}) & 2147483647)::int4::oid)`)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Held (session level) by the process working on the job; call on a dedicated connection. */
    async tryLockJob(id: string): Promise<boolean> {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lockKey(id)}) as locked`.execute(db);
      return rows[0].locked;
    },

    async unlockJob(id: string) {
      await sql`select pg_advisory_unlock(${lockKey(id)})`.execute(db);
    },

    async addErrors(jobId: string, errors: JobErrorRow[]) {
      for (let i = 0; i < errors.length; i += ERROR_BATCH) {
        await db.insertInto('importJobError').values(errors.slice(i, i + ERROR_BATCH).map((e) => ({ jobId, ...e }))).execute();
      }
    },

    /** One page of the error report, in sheet order (row, then column as in the template). */
    async listErrors(jobId: string, columnOrder: string[], page: number, pageSize: number) {
      const [items, count] = await Promise.all([
        db
          .selectFrom('importJobError')
          .select(['rowNumber', 'columnName', 'value', 'reason'])
          .where('jobId', '=', jobId)
          .orderBy('rowNumber')
          .orderBy(sql`array_position(${columnOrder}::text[], column_name)`)
          .orderBy('reason')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        db.selectFrom('importJobError').select(sql<number>`count(*)::int`.as('n')).where('jobId', '=', jobId).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    async partyGroups(orgId: number): Promise<Map<string, number>> {
      const rows = await db.selectFrom('partyGroup').select(['id', 'name']).where('orgId', '=', orgId).execute();
      return new Map(rows.map((r) => [r.name, r.id]));
    },

    /** Live records among these ID-number hashes, with where they are registered. */
    liveByIdHashes(hashes: Buffer[]) {
      if (hashes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('member as m')
        .innerJoin('org as o', 'o.id', 'm.orgId')
        .select(['m.idNumberHash', 'o.name as orgName', 'o.path as orgPath'])
        // One binary parameter for the batch instead of 2,000 bound ones.
        .where('m.idNumberHash', '=', sql<Buffer>`any(${binaryArray('bytea', hashes)}::bytea[])`)
        .where('m.status', '<>', 'history')
        .execute();
    },

    /** Adds validated rows to the stage (one statement). */
    async stageRows(stageId: string, rows: StagedRow[]) {
      if (rows.length === 0) return;
      await sql`
        insert into import_staging (stage_id, ${STAGED_INSERT})
        select ${stageId}::uuid, ${castBack(STAGED_COLUMNS, 't')} from ${unnestBatch(STAGED_COLUMNS, rows, 't')}`.execute(db);
    },

    /** Drops the stage, or only the given rows of it. */
    async unstage(stageId: string, rowNumbers?: number[]) {
      if (rowNumbers?.length === 0) return;
      await db
        .deleteFrom('importStaging')
        .where('stageId', '=', stageId)
        .$if(rowNumbers !== undefined, (q) => q.where('rowNumber', '=', sql<number>`any(${rowNumbers}::int4[])`))
        .execute();
    },

    /** Removes what crashed runs left: rows of no open job, staged more than STAGING_TTL ago. */
    async sweepStaging() {
      await sql`
        delete from import_staging s
        where s.staged_at < now() - ${STAGING_TTL}::interval
          and not exists (select 1 from import_job j where j.id = s.stage_id and j.status in ('validating', 'validated', 'importing'))`.execute(db);
    },

    /** How many rows the stage holds. */
    async stageSize(stageId: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int4 as n from import_staging where stage_id = ${stageId}`.execute(db);
      return rows[0].n;
    },

    /**
     * Staged rows that cannot be imported now: their person has a live record (a row imported
     * as history never conflicts), or their party group no longer exists in `orgId`.
     */
    async stagedConflicts(stageId: string, orgId: number): Promise<StagedConflict[]> {
      const { rows } = await sql<StagedConflict>`
        select s.row_number, s.id_number_masked, s.party_group_name, o.name as org_name, o.path::text as org_path
        from import_staging s
        left join party_group g on g.org_id = ${orgId} and g.name = s.party_group_name
        left join member m on m.id_number_hash = s.id_number_hash and m.status <> 'history' and s.status <> 'history'
        left join org o on o.id = m.org_id
        where s.stage_id = ${stageId} and (m.id is not null or (s.party_group_name is not null and g.id is null))
        order by s.row_number`.execute(db);
      return rows;
    },

    /** The lowest and highest staged row numbers (null when the stage is empty). */
    async stagedRowRange(stageId: string): Promise<{ first: number; last: number } | null> {
      const { rows } = await sql<{ first: number | null; last: number | null }>`
        select min(row_number) as first, max(row_number) as last from import_staging where stage_id = ${stageId}`.execute(db);
      const { first, last } = rows[0];
      return first === null || last === null ? null : { first, last };
    },

    /**
     * Inserts into `member`, for the target organisation, the staged rows numbered `first` to
     * `last`, in row order. Returns the new ids. The rows go from the stage to the table without
     * coming back to Node.
     */
    async insertStaged(stageId: string, target: { id: number; path: string }, rows: { first: number; last: number }): Promise<number[]> {
      const { rows: inserted } = await sql<{ id: number }>`
        insert into member (org_id, org_path, party_group_id, ${MEMBER_INSERT})
        select ${target.id}::int8, ${target.path}::ltree, g.id, ${MEMBER_SELECT}
        from import_staging s
        left join party_group g on g.org_id = ${target.id} and g.name = s.party_group_name
        where s.stage_id = ${stageId} and s.row_number between ${rows.first} and ${rows.last}
        order by s.row_number
        returning id`.execute(db);
      return inserted.map((r) => r.id);
    },
  };
}
export type MemberImportRepository = ReturnType<typeof createMemberImportRepository>;
