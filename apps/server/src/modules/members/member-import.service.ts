import type { AuditActor } from '../../platform/audit';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { OrgKind } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { lockOrgForWriting } from '../../platform/structure-lock';
import { audit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { Conflict, Invalid, NotFound, TooManyRequests, invalidField } from '../../platform/errors';
import { ROSTER_COLUMNS } from './member-import.columns';
import { commitStaged, StageMissing, validateFile, type CommitResult, type ImportTarget, type PassHooks } from './member-import.passes';
import { createMemberImportRepository, type MemberImportRepository } from './member-import.repository';
import type { ImportJobView, ImportMode } from './member-import.schemas';
import { buildTemplate } from './member-import.template';
import { WorkbookProblem, notXlsxMessage, sniffFile } from './member-import.xlsx';

const COLUMN_ORDER = ROSTER_COLUMNS.map((c) => c.title);
const INTERNAL_VALIDATE = '校验时发生内部错误，请稍后重新上传；如反复出现请联系系统管理员';
const INTERNAL_IMPORT = '导入时发生内部错误，未写入任何数据；请稍后重试，如反复出现请联系系统管理员';
/** Background jobs one process runs at once: each holds a connection and up to ~50 MB of row state. */
const MAX_RUNNING_JOBS = 3;
const STAGE_MISSING = '该文件的校验结果已失效，未写入任何数据；请重新上传文件';
const RACED_DUPLICATE = '导入期间有人录入了文件中某位党员的身份证号，未写入任何数据；请重新上传文件校验';

/** The organisation members may be imported into; NotFound out of scope, Invalid when unusable. */
export async function importableOrg(repo: MemberImportRepository, access: Access, orgId: number) {
  const org = await repo.targetOrg(orgId);
  if (!org) throw new NotFound();
  access.assertInScope('member.import', org.path);
  if (org.abolishedOn) invalidField('orgId', `${org.name}已撤销，不能再导入党员`);
  if ((org.kind as OrgKind) === 'office') invalidField('orgId', '工作机构不是党组织，请选择一个党支部');
  return org;
}

/** How an organisation holding an existing record is named to this user (never out of scope). */
export function orgDescriber(access: Access): PassHooks['describeOrg'] {
  return (o) => (access.inScope('member.read', o.orgPath) ? `所在组织：${o.orgName}` : '在其他组织');
}

/** A validation that failed after the file was checked: the data changed since. */
export class ChangedSinceValidation extends Error {
  constructor(readonly result: CommitResult) {
    super('rows changed since validation');
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/** What a failed commit tells the user; null for an unexpected error (logged by the caller). */
function commitFailure(error: unknown): string | null {
  if (error instanceof WorkbookProblem) return error.message;
  if (error instanceof StageMissing) return STAGE_MISSING;
  if (isUniqueViolation(error)) return RACED_DUPLICATE;
  return null;
}

/**
 * Imports the rows validation staged under `stageId` in ONE transaction with the audit entry,
 * holding the structure lock shared and the target organisation FOR SHARE; then drops the
 * stage. Throws ChangedSinceValidation (nothing written) when `mode` is allOrNothing and a row
 * cannot be imported now, StageMissing when the stage lacks rows validation counted.
 */
export async function commitInTransaction(
  db: Database,
  args: { stageId: string; expectedRows: number; fileName: string; target: ImportTarget; skippedRows: number; mode: ImportMode; actor: AuditActor; jobId: string | null },
  hooks: Pick<PassHooks, 'progress' | 'describeOrg'>,
  finish: (tx: MemberImportRepository, result: CommitResult) => Promise<void>,
): Promise<CommitResult> {
  const committed = await db.transaction().execute(async (tx) => {
    const repo = createMemberImportRepository(tx);
    const now = await lockOrgForWriting(tx, args.target.id);
    if (!now || now.abolishedOn) throw new Conflict('ORG_ABOLISHED', '目标组织已撤销，未导入任何数据');
    const target = { ...args.target, path: now.path };
    const result = await commitStaged({ stageId: args.stageId, expectedRows: args.expectedRows, target, mode: args.mode }, { repo }, hooks);
    if (args.mode === 'allOrNothing' && result.newErrors.length) throw new ChangedSinceValidation(result);
    await finish(repo, result);
    await audit(tx, args.actor, {
      action: 'member.import', targetType: 'importJob', targetId: args.jobId, orgPath: target.path, subjects: result.ids,
      detail: { fileName: args.fileName, mode: args.mode, importedRows: result.ids.length, skippedRows: args.skippedRows + result.newErrorRows },
    });
    return result;
  });
  // Outside the transaction: the import is in and the job done whether or not this succeeds
  // (the sweep removes what a failure leaves), and it keeps a 100,000-row delete off the
  // import's critical path.
  await createMemberImportRepository(db).unstage(args.stageId).catch(() => undefined);
  return committed;
}

/** How long a validated upload waits for its confirmation before it is cancelled. */
const ABANDONED_AFTER = '24 hours';

export function createMemberImportService(ctx: Pick<AppContext, 'db' | 'cipher' | 'config'>) {
  const { db, cipher } = ctx;
  const repo = createMemberImportRepository(db);
  const uploadsDir = path.join(ctx.config.dataDir, 'uploads');

  let running = 0;

  /**
   * Runs `work` holding the job's lock on its own connection (a restarted server finds the lock
   * gone); resolves once `work` calls ready(). At most MAX_RUNNING_JOBS at once (429 beyond).
   */
  async function inBackground(jobId: string, work: (lockedDb: Database, ready: () => void) => Promise<void>): Promise<{ done: Promise<void> }> {
    if (running >= MAX_RUNNING_JOBS) throw new TooManyRequests('正在处理的导入较多，请稍后再试', 30);
    running++;
    let ready!: () => void;
    const locked = new Promise<void>((resolve) => (ready = resolve));
    const done = db
      .connection()
      .execute(async (conn) => {
        const lockRepo = createMemberImportRepository(conn);
        if (!(await lockRepo.tryLockJob(jobId))) throw new Conflict('IMPORT_NOT_READY', '该文件正在处理中，请勿重复提交');
        try {
          await work(conn, ready);
        } finally {
          await lockRepo.unlockJob(jobId);
        }
      })
      .finally(() => running--);
    await Promise.race([locked, done]);
    return { done };
  }

  async function visibleJob(access: Access, id: string) {
    const job = await repo.getJob(id);
    if (!job) throw new NotFound('未找到该导入任务，或您无权查看');
    access.assertInScope('member.import', job.orgPath);
    return job;
  }

  async function removeUpload(file: string) {
    await fs.promises.rm(file, { force: true });
  }

  /**
   * Validates on the job's own connection (no transaction: progress is visible at once), staging
   * the good rows under the job's id. The upload is deleted when validation ends either way:
   * the commit copies the stage and never reads the file again.
   */
  async function validateJob(conn: Database, access: Access, jobId: string, file: string, target: ImportTarget) {
    const own = createMemberImportRepository(conn);
    try {
      await own.sweepStaging();
      const result = await validateFile({ file, target, stageId: jobId }, { repo: own, cipher }, {
        progress: (n) => own.setProcessed(jobId, n),
        errors: (batch) => own.addErrors(jobId, batch),
        describeOrg: orgDescriber(access),
      });
      await own.finishValidation(jobId, result);
    } catch (error) {
      await own.fail(jobId, error instanceof WorkbookProblem ? error.message : INTERNAL_VALIDATE);
      await own.unstage(jobId);
      if (!(error instanceof WorkbookProblem)) throw error;
    } finally {
      await removeUpload(file);
    }
  }

  function toView(job: NonNullable<Awaited<ReturnType<typeof repo.getJob>>>): ImportJobView {
    // status and mode are held to these values by the table's check constraints.
    return {
      id: job.id, status: job.status as ImportJobView['status'], fileName: job.fileName, orgId: job.orgId, orgName: job.orgName,
      totalRows: job.totalRows, processedRows: job.processedRows, validRows: job.validRows, errorRows: job.errorRows, importedRows: job.importedRows,
      mode: job.mode as ImportMode | null, failure: job.failure, createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }

  return {
    template: buildTemplate,

    /** Where an upload is stored while its job lives: `<dataDir>/uploads/<jobId>.xlsx`. */
    newUpload(): { jobId: string; file: string } {
      const jobId = crypto.randomUUID();
      return { jobId, file: path.join(uploadsDir, `${jobId}.xlsx`) };
    },

    /** Streams an upload to disk (mode 0600); a multipart size overrun rejects and leaves nothing. */
    async saveUpload(stream: Readable, file: string): Promise<void> {
      await fs.promises.mkdir(uploadsDir, { recursive: true, mode: 0o700 });
      try {
        await pipeline(stream, fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
      } catch (error) {
        await removeUpload(file);
        throw error;
      }
    },

    removeUpload,

    /**
     * Checks the target organisation and the file, records the job and starts validating in the
     * background. `done` settles when validation ends (the route does not wait for it).
     */
    async startImport(access: Access, args: { jobId: string; orgId: number; fileName: string; file: string }): Promise<{ jobId: string; done: Promise<void> }> {
      try {
        const org = await importableOrg(repo, access, args.orgId);
        const kind = await sniffFile(args.file);
        if (kind !== 'zip' || !/\.xlsx$/i.test(args.fileName)) {
          throw new Invalid(kind === 'zip' ? '只能上传 .xlsx 格式的 Excel 文件，请使用导入模板' : notXlsxMessage(kind), [{ path: 'file', message: '文件格式不正确' }], 'UNSUPPORTED_FILE');
        }
        await repo.createJob({ id: args.jobId, userId: access.actor.userId, orgId: org.id, fileName: args.fileName.slice(0, 200), filePath: args.file });
        const target = { id: org.id, path: org.path };
        const { done } = await inBackground(args.jobId, async (conn, ready) => {
          ready();
          await validateJob(conn, access, args.jobId, args.file, target);
        });
        return { jobId: args.jobId, done };
      } catch (error) {
        await removeUpload(args.file);
        throw error;
      }
    },

    /** The job's progress; a job left running by a stopped server is marked failed here. */
    async status(access: Access, id: string): Promise<ImportJobView> {
      let job = await visibleJob(access, id);
      if (job.status === 'validating' || job.status === 'importing') {
        const reason = job.status === 'validating' ? '服务在校验过程中重启，校验未完成；请重新上传文件' : '服务在导入过程中重启，导入未完成，未写入任何数据；请重新上传文件';
        if (await repo.failIfOrphaned(id, reason)) job = (await repo.getJob(id))!;
      }
      return toView(job);
    },

    async errors(access: Access, id: string, page: number, pageSize: number) {
      await visibleJob(access, id);
      const { items, total } = await repo.listErrors(id, COLUMN_ORDER, page, pageSize);
      return { items: items.map((e) => ({ rowNumber: e.rowNumber, column: e.columnName, value: e.value, reason: e.reason })), total, page, pageSize };
    },

    /**
     * Cancels uploads validated but never confirmed within a day: their staged rows (personal
     * data waiting for a decision) are removed. Returns how many were cancelled.
     */
    async expireAbandoned(): Promise<number> {
      let cancelled = 0;
      for (const job of await repo.abandonedJobs(ABANDONED_AFTER)) {
        if (!(await repo.expire(job.id, '上传后超过 24 小时未确认导入，已自动取消并删除校验暂存的数据；如需导入请重新上传'))) continue;
        await repo.unstage(job.id);
        await removeUpload(job.filePath); // only an upload validated by an earlier version is left
        cancelled++;
      }
      return cancelled;
    },

    /**
     * Imports a validated job in one transaction. Refuses (409) unless the job is `validated`,
     * and for allOrNothing when any row has a problem; a second concurrent commit is refused.
     */
    async commit(access: Access, id: string, mode: ImportMode): Promise<{ done: Promise<void> }> {
      const job = await visibleJob(access, id);
      if (job.status !== 'validated') {
        const why: Record<string, string> = {
          validating: '文件还在校验中，请等校验完成后再导入',
          importing: '该文件正在导入，请勿重复提交',
          done: '该文件已经导入完成，请勿重复导入',
          failed: '该导入任务已失败，请重新上传文件',
          cancelled: '该导入任务已取消，请重新上传文件',
        };
        throw new Conflict('IMPORT_NOT_READY', why[job.status] ?? '该导入任务当前不能导入');
      }
      if (mode === 'allOrNothing' && job.errorRows > 0) {
        throw new Conflict('IMPORT_HAS_ERRORS', `有 ${job.errorRows} 行存在问题，“全部正确才导入”不能进行；请按错误报告改正后重新上传，或选择“仅导入正确行”`);
      }
      if (job.validRows === 0) throw new Conflict('IMPORT_NOTHING_VALID', '文件中没有可以导入的正确行，请按错误报告改正后重新上传');
      const org = await importableOrg(repo, access, job.orgId);
      const target = { id: org.id, path: org.path };
      const describeOrg = orgDescriber(access);
      const { done } = await inBackground(id, async (conn, ready) => {
        if (!(await createMemberImportRepository(conn).claimForCommit(id, mode))) {
          throw new Conflict('IMPORT_NOT_READY', '该文件正在导入或已经导入，请勿重复提交');
        }
        ready();
        try {
          const stage = { stageId: id, expectedRows: job.validRows, skippedRows: job.errorRows };
          await commitInTransaction(conn, { ...stage, fileName: job.fileName, target, mode, actor: access.actor, jobId: id }, {
            progress: (n) => repo.setImported(id, n),
            describeOrg,
          }, async (tx, result) => {
            await tx.addErrors(id, result.newErrors);
            await tx.completeImport(id, result.ids.length, { validRows: job.validRows - result.newErrorRows, errorRows: job.errorRows + result.newErrorRows });
          });
        } catch (error) {
          if (error instanceof ChangedSinceValidation) {
            const { newErrors, newErrorRows } = error.result;
            await repo.addErrors(id, newErrors);
            // Those rows are in the error report now; validOnly imports the rest.
            await repo.unstage(id, newErrors.map((e) => e.rowNumber));
            await repo.reopen(id, { validRows: job.validRows - newErrorRows, errorRows: job.errorRows + newErrorRows },
              `校验之后数据有变化：${newErrorRows} 行现在不能导入（见错误报告），未写入任何数据；请改正后重新上传，或选择“仅导入正确行”`);
            return;
          }
          const failure = commitFailure(error);
          await repo.fail(id, failure ?? INTERNAL_IMPORT);
          await repo.unstage(id);
          // Validation deletes the upload; one validated by an earlier version may still be there.
          await removeUpload(job.filePath);
          if (failure === null) throw error;
        }
      });
      return { done };
    },
  };
}
export type MemberImportService = ReturnType<typeof createMemberImportService>;
