import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { Access, type Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { createMemberExportService } from './member-export.service';
import { validateFile } from './member-import.passes';
import { createMemberImportRepository, type JobErrorRow } from './member-import.repository';
import type { ImportMode } from './member-import.schemas';
import { ChangedSinceValidation, commitInTransaction, importableOrg, orgDescriber } from './member-import.service';
import { WorkbookProblem, notXlsxMessage, sniffFile } from './member-import.xlsx';

const REPORT_LIMIT = 50;
const PROGRESS_EVERY = 10_000;

/** Prints a progress line each time the count passes another PROGRESS_EVERY rows. */
function progressPrinter(label: string) {
  let printed = 0;
  return async (n: number) => {
    if (n - printed < PROGRESS_EVERY) return;
    printed = n - (n % PROGRESS_EVERY);
    console.log(`  ${label} ${n} 行 rows`);
  };
}

/** The CLI acts as a system administrator limited to the given subtrees; it has no account. */
function systemAccess(ctx: AppContext, paths: string[]): Access {
  const actor: Actor = {
    userId: 0, username: 'cli', displayName: 'CLI', memberId: null, mustChangePassword: false, ip: 'cli',
    grants: paths.map((orgPath, i) => ({ id: -1 - i, role: 'sysadmin', orgId: 0, orgPath, orgName: '' })),
  };
  return new Access(actor, ctx.rolePermissions());
}

// audit() writes `actor.userId ?? null`; audit_log.actor_user_id is nullable and the CLI has no account.
const CLI_AUDIT_ACTOR = { userId: null, displayName: 'CLI', ip: 'cli' };

/** Collects the row report: the first errors in full, then only a count. */
function reportCollector() {
  const shown: JobErrorRow[] = [];
  const rows = new Set<number>();
  let count = 0;
  return {
    rows,
    add(batch: JobErrorRow[]) {
      for (const e of batch) {
        count++;
        rows.add(e.rowNumber);
        if (shown.length < REPORT_LIMIT) shown.push(e);
      }
    },
    print() {
      if (count === 0) return;
      console.log(`\n问题清单 / problems (${rows.size} 行 rows, ${count} 项 issues):`);
      for (const e of shown.sort((a, b) => a.rowNumber - b.rowNumber)) console.log(`  第 ${e.rowNumber} 行 [${e.columnName}] ${e.value ?? ''} — ${e.reason}`);
      if (count > shown.length) console.log(`  … 另有 ${count - shown.length} 项未列出 / ${count - shown.length} more`);
    },
  };
}

/**
 * `hongyun import members FILE --org CODE [--mode all|valid]`: validates, then imports in one
 * transaction as the system, printing progress and the row report. Returns the exit code.
 */
export async function importMembersCli(ctx: AppContext, args: { file: string; orgCode: string; mode: ImportMode }): Promise<number> {
  const repo = createMemberImportRepository(ctx.db);
  const org = await repo.targetOrgByCode(args.orgCode);
  if (!org) {
    console.error(`找不到组织编码 ${args.orgCode} / no organisation with this code`);
    return 1;
  }
  const file = path.resolve(args.file);
  if (!fs.existsSync(file)) {
    console.error(`找不到文件 / file not found: ${file}`);
    return 1;
  }
  const access = systemAccess(ctx, [org.path]);
  const started = Date.now();
  const report = reportCollector();
  // The validated rows wait under this run's own id (the CLI has no job) until the commit.
  const stageId = crypto.randomUUID();
  try {
    await importableOrg(repo, access, org.id);
    const kind = await sniffFile(file);
    if (kind !== 'zip') throw new WorkbookProblem(notXlsxMessage(kind));
    const target = { id: org.id, path: org.path };
    const describeOrg = orgDescriber(access);
    console.log(`校验 / validating ${path.basename(file)} → ${org.name} (${org.code})`);
    const checked = await validateFile({ file, target, stageId }, { repo, cipher: ctx.cipher }, {
      progress: progressPrinter('已校验 / checked'),
      errors: async (batch) => report.add(batch),
      describeOrg,
    });
    console.log(`校验完成 / validated: ${checked.totalRows} 行 rows, ${checked.validRows} 正确 valid, ${checked.errorRows} 有问题 with problems`);
    if (checked.errorRows > 0 && args.mode === 'allOrNothing') {
      report.print();
      console.error('\n有问题的行，未导入任何数据；改正后重试，或使用 --mode valid 仅导入正确行 / nothing imported');
      return 1;
    }
    if (checked.validRows === 0) {
      report.print();
      console.error('\n没有可导入的正确行 / no valid rows');
      return 1;
    }
    const result = await commitInTransaction(ctx.db, {
      stageId, expectedRows: checked.validRows, skippedRows: checked.errorRows, fileName: path.basename(file), target, mode: args.mode, actor: CLI_AUDIT_ACTOR, jobId: null,
    }, {
      progress: progressPrinter('已写入 / inserted'),
      describeOrg,
    }, async () => undefined);
    report.add(result.newErrors);
    report.print();
    const seconds = (Date.now() - started) / 1000;
    console.log(`\n导入完成 / imported ${result.ids.length} 行 rows in ${seconds.toFixed(1)} s (${Math.round(checked.totalRows / seconds)} rows/s)`);
    return 0;
  } catch (error) {
    if (error instanceof ChangedSinceValidation) {
      report.add(error.result.newErrors);
      report.print();
      console.error('\n校验之后数据有变化，未导入任何数据 / data changed since validation; nothing imported');
      return 1;
    }
    if (error instanceof WorkbookProblem || error instanceof AppError) {
      console.error(`错误 / error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await repo.unstage(stageId);
  }
}

/**
 * `hongyun export members [--org CODE] --out FILE`: the roster (masked) as .xlsx, audited as
 * an export by 'CLI'. Returns the exit code.
 */
export async function exportMembersCli(ctx: AppContext, args: { orgCode?: string; out: string }): Promise<number> {
  const repo = createMemberImportRepository(ctx.db);
  let orgId: number | undefined;
  let paths: string[];
  if (args.orgCode) {
    const org = await repo.targetOrgByCode(args.orgCode);
    if (!org) {
      console.error(`找不到组织编码 ${args.orgCode} / no organisation with this code`);
      return 1;
    }
    orgId = org.id;
    paths = [org.path];
  } else {
    const roots = await ctx.db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('parentId', 'is', null).execute();
    paths = roots.map((r) => r.path);
  }
  const access = systemAccess(ctx, paths);
  const exporter = createMemberExportService(ctx);
  const plan = await exporter.plan(access, { orgId, sort: 'name', order: 'asc' });
  plan.actor = CLI_AUDIT_ACTOR;
  const out = path.resolve(args.out);
  const { rows } = await exporter.write(plan, fs.createWriteStream(out, { mode: 0o600 }));
  console.log(`导出完成 / exported ${rows} 行 rows (身份证号、手机号已脱敏 / ID numbers and phones masked) → ${out}`);
  return 0;
}
