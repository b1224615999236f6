import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import type { MemberTable } from '../../db/types';

/** A member row ready to insert (what member.repository's create takes, minus generated columns). */
export type MemberInsert = Omit<MemberTable, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'isMobile' | 'isInHardship' | 'isPartyWorker' | 'keyPositions'> & {
  status: string;
  keyPositions: string[];
  isMobile: boolean;
  isInHardship: boolean;
  isPartyWorker: boolean;
};

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

/** Column, SQL type and value of each inserted member column, in insert order. */
const MEMBER_COLUMNS: readonly [string, string, (m: MemberInsert) => unknown][] = [
  ['org_id', 'int8', (m) => m.orgId], ['org_path', 'ltree', (m) => m.orgPath], ['party_group_id', 'int8', (m) => m.partyGroupId],
  ['name', 'text', (m) => m.name], ['gender', 'text', (m) => m.gender], ['ethnicity', 'text', (m) => m.ethnicity], ['birth_date', 'date', (m) => m.birthDate],
  ['id_number_cipher', 'bytea', (m) => m.idNumberCipher], ['id_number_hash', 'bytea', (m) => m.idNumberHash], ['id_number_masked', 'text', (m) => m.idNumberMasked],
  ['phone_cipher', 'bytea', (m) => m.phoneCipher], ['phone_hash', 'bytea', (m) => m.phoneHash], ['phone_masked', 'text', (m) => m.phoneMasked],
  ['education', 'text', (m) => m.education], ['employer_enterprise_id', 'int8', (m) => m.employerEnterpriseId], ['employer_name', 'text', (m) => m.employerName],
  ['job', 'text', (m) => m.job],
  // text[] per row cannot travel inside an array of arrays (unnest would flatten it): as a literal.
  ['key_positions', 'text', (m) => `{${m.keyPositions.join(',')}}`],
  ['category', 'text', (m) => m.category], ['status', 'text', (m) => m.status],
  ['applied_on', 'date', (m) => m.appliedOn], ['activist_on', 'date', (m) => m.activistOn], ['candidate_on', 'date', (m) => m.candidateOn],
  ['joined_on', 'date', (m) => m.joinedOn], ['confirmed_on', 'date', (m) => m.confirmedOn],
  ['is_mobile', 'bool', (m) => m.isMobile], ['is_in_hardship', 'bool', (m) => m.isInHardship], ['is_party_worker', 'bool', (m) => m.isPartyWorker],
];
const INSERT_COLUMNS = sql.raw(MEMBER_COLUMNS.map(([c]) => c).join(', '));
const SELECT_COLUMNS = sql.raw(MEMBER_COLUMNS.map(([c]) => (c === 'key_positions' ? 'key_positions::text[]' : c)).join(', '));

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

    async fail(id: string, failure: string) {
      await db.updateTable('importJob').set({ status: 'failed', failure, finishedAt: new Date() }).where('id', '=', id).where('status', 'in', ['validating', 'importing']).execute();
    },

    /** Marks a running job failed when no process holds its lock any more (a restart). */
    async failIfOrphaned(id: string, failure: string): Promise<boolean> {
      const r = await db
        .updateTable('importJob')
        .set({ status: 'failed', failure, finishedAt: new Date() })
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

    async errorRowNumbers(jobId: string): Promise<Set<number>> {
      const rows = await db.selectFrom('importJobError').select('rowNumber').distinct().where('jobId', '=', jobId).execute();
      return new Set(rows.map((r) => r.rowNumber));
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
        .where('m.idNumberHash', 'in', hashes)
        .where('m.status', '<>', 'history')
        .execute();
    },

    /** One multi-row insert: one array parameter per column, unnested; returns the new ids. */
    async insertMembers(rows: MemberInsert[]): Promise<number[]> {
      if (rows.length === 0) return [];
      const arrays = MEMBER_COLUMNS.map(([, type, value]) => sql`${rows.map(value)}::${sql.raw(type)}[]`);
      const { rows: ids } = await sql<{ id: number }>`
        insert into member (${INSERT_COLUMNS})
        select ${SELECT_COLUMNS} from unnest(${sql.join(arrays)}) as t(${INSERT_COLUMNS})
        returning id`.execute(db);
      return ids.map((r) => r.id);
    },
  };
}
export type MemberImportRepository = ReturnType<typeof createMemberImportRepository>;
