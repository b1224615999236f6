import { maskIdNumber, maskPhone, todayInShanghai } from '@hongyun/shared';
import type { DataCipher } from '../../platform/crypto';
import { sealPersonalData } from './member.rules';
import { EXAMPLE_MARK, ROSTER_COLUMNS, resolveHeader, type RosterValues } from './member-import.columns';
import type { JobErrorRow, MemberImportRepository, MemberInsert } from './member-import.repository';
import { cellScalar, checkRow, type CheckedRow, type RowContext } from './member-import.rows';
import { readWorksheet, WorkbookProblem } from './member-import.xlsx';

// The two passes over an uploaded roster: validate (report every problem, write nothing) and
// commit (re-read, re-check against today's data, insert in batches). Both stream the file, so
// memory grows with the ID numbers seen, not with the sheet.

/** Where the members go. */
export interface ImportTarget {
  id: number;
  path: string;
}

export interface PassHooks {
  /** Rows read so far (validate) or inserted so far (commit). */
  progress(count: number): Promise<void>;
  errors(batch: JobErrorRow[]): Promise<void>;
  /** How an organisation holding an existing record is named to this user. */
  describeOrg(org: { orgName: string; orgPath: string }): string;
}

/** Sheets of our template that are not data. */
const AUXILIARY_SHEETS = ['填写说明', '选项'];
const ID_TITLE = ROSTER_COLUMNS.find((c) => c.key === 'idNumber')!.title;
export const LOOKUP_BATCH = 2000;
const MASKS = { id: maskIdNumber, phone: maskPhone };

interface DataRow {
  number: number;
  cells: unknown[];
}

/** The data rows of the roster sheet after its header; example and blank rows are skipped. */
async function* rosterRows(file: string): AsyncGenerator<{ rows: DataRow[]; positions: ReadonlyMap<keyof RosterValues, number>; date1904: boolean }> {
  let positions: ReadonlyMap<keyof RosterValues, number> | null = null;
  let sawAnything = false;
  for await (const { sheet, rows } of readWorksheet(file, { skipSheets: AUXILIARY_SHEETS })) {
    const data: DataRow[] = [];
    for (const row of rows) {
      if (isBlank(row.cells)) continue;
      sawAnything = true;
      if (!positions) {
        const titles = new Map<number, string>();
        row.cells.forEach((cell, i) => {
          const v = cellScalar(cell);
          if (v.ok && v.value !== null) titles.set(i, String(v.value));
        });
        const header = resolveHeader(titles);
        if (!header.ok) throw new WorkbookProblem(header.message);
        positions = header.positions;
        continue;
      }
      const name = row.cells[positions.get('name')!];
      if (typeof name === 'string' && name.trim().startsWith(EXAMPLE_MARK)) continue;
      data.push(row);
    }
    if (positions && data.length) yield { rows: data, positions, date1904: sheet.date1904 };
  }
  if (!sawAnything) throw new WorkbookProblem('工作表是空的：请在导入模板的第一个工作表中填写党员信息后上传');
}

function isBlank(cells: readonly unknown[]): boolean {
  for (const c of cells) {
    if (c === undefined || c === null) continue;
    if (typeof c === 'string' && c.trim() === '') continue;
    return false;
  }
  return true;
}

function issuesOf(rowNumber: number, checked: CheckedRow): JobErrorRow[] {
  return checked.ok ? [] : checked.issues.map((i) => ({ rowNumber, columnName: i.column, value: i.value, reason: i.reason }));
}

function duplicateIssue(rowNumber: number, idNumber: string, otherRow: number): JobErrorRow {
  return { rowNumber, columnName: ID_TITLE, value: maskIdNumber(idNumber), reason: `与第 ${otherRow} 行的身份证号重复，同一人只能导入一次；请删除重复的一行` };
}

function registeredIssue(rowNumber: number, idNumber: string, where: string): JobErrorRow {
  return { rowNumber, columnName: ID_TITLE, value: maskIdNumber(idNumber), reason: `已在册：该身份证号已有在册党员记录（${where}），同一人只能有一条在册记录；如需转入请办理组织关系转接` };
}

/**
 * One database round in flight while the next batch is read and checked: the file and the
 * crypto keep this process busy, the inserts keep PostgreSQL busy, and on two cores they overlap.
 * Rounds run one after another (they share one connection or transaction).
 */
function pipeline() {
  let inflight: Promise<void> | null = null;
  return {
    /** Waits for the round in flight, then starts `round`. */
    async next(round: () => Promise<void>) {
      await this.settle();
      const started = round();
      // Marked handled now; the rejection is rethrown by the next settle().
      started.catch(() => undefined);
      inflight = started;
    },
    async settle() {
      const current = inflight;
      inflight = null;
      if (current) await current;
    },
  };
}

export interface ValidationResult {
  totalRows: number;
  validRows: number;
  errorRows: number;
}

/**
 * Checks every row without writing members: cell formats, the member rules, party groups,
 * duplicates within the file (both rows reported) and live records already in the database.
 * Throws WorkbookProblem when the file or its header cannot be used at all.
 */
export async function validateFile(file: string, target: ImportTarget, deps: { repo: MemberImportRepository; cipher: DataCipher }, hooks: PassHooks): Promise<ValidationResult> {
  const ctxBase = { today: todayInShanghai(), partyGroups: await deps.repo.partyGroups(target.id) };
  const firstRowOf = new Map<string, number>();
  const reportedFirst = new Set<number>();
  const errorRows = new Set<number>();
  const rounds = pipeline();
  let errors: JobErrorRow[] = [];
  let lookups: { rowNumber: number; idNumber: string }[] = [];
  let total = 0;

  const dispatch = async () => {
    const batch = lookups;
    const found = errors;
    const processed = total;
    const hashes = batch.map((l) => deps.cipher.hash(l.idNumber));
    lookups = [];
    errors = [];
    await rounds.next(async () => {
      const live = await deps.repo.liveByIdHashes(hashes);
      if (live.length) {
        const byHash = new Map(live.map((f) => [f.idNumberHash.toString('hex'), f]));
        batch.forEach((l, i) => {
          const hit = byHash.get(hashes[i].toString('hex'));
          if (!hit) return;
          found.push(registeredIssue(l.rowNumber, l.idNumber, hooks.describeOrg(hit)));
          errorRows.add(l.rowNumber);
        });
      }
      if (found.length) await hooks.errors(found);
      await hooks.progress(processed);
    });
  };

  for await (const { rows, positions, date1904 } of rosterRows(file)) {
    const ctx: RowContext = { ...ctxBase, date1904 };
    for (const row of rows) {
      total++;
      const checked = checkRow(row.cells, positions, ctx);
      if (!checked.ok) {
        errors.push(...issuesOf(row.number, checked));
        errorRows.add(row.number);
      }
      const idNumber = checked.ok ? checked.prepared.idNumber : checked.idNumber;
      if (!idNumber) continue;
      const first = firstRowOf.get(idNumber);
      if (first !== undefined) {
        errors.push(duplicateIssue(row.number, idNumber, first));
        errorRows.add(row.number);
        if (!reportedFirst.has(first)) {
          reportedFirst.add(first);
          errors.push(duplicateIssue(first, idNumber, row.number));
          errorRows.add(first);
        }
        continue;
      }
      firstRowOf.set(idNumber, row.number);
      if (!checked.ok || checked.values.status !== 'history') lookups.push({ rowNumber: row.number, idNumber });
      if (lookups.length >= LOOKUP_BATCH || errors.length >= LOOKUP_BATCH) await dispatch();
    }
  }
  await dispatch();
  await rounds.settle();
  if (total === 0) throw new WorkbookProblem('表格中没有数据行：请在表头下方逐行填写党员信息（以“示例”开头的示例行不会导入）');
  return { totalRows: total, validRows: total - errorRows.size, errorRows: errorRows.size };
}

export interface CommitResult {
  ids: number[];
  /** Problems found now that validation did not see (data changed since). */
  newErrors: JobErrorRow[];
  newErrorRows: number;
}

type ValidRow = Extract<CheckedRow, { ok: true }>;

/**
 * Re-reads the file and inserts every row that is not in `skipRows` and still passes every
 * check, in batches, on `repo` (the caller's transaction). Rows that fail now are returned as
 * `newErrors` and not inserted; the caller decides whether that aborts the transaction.
 */
export async function commitFile(
  file: string,
  target: ImportTarget,
  skipRows: ReadonlySet<number>,
  deps: { repo: MemberImportRepository; cipher: DataCipher },
  hooks: Pick<PassHooks, 'progress' | 'describeOrg'>,
): Promise<CommitResult> {
  const ctxBase = { today: todayInShanghai(), partyGroups: await deps.repo.partyGroups(target.id) };
  const seen = new Map<string, number>();
  const newErrors: JobErrorRow[] = [];
  const newErrorRows = new Set<number>();
  const ids: number[] = [];
  const rounds = pipeline();
  let batch: { rowNumber: number; row: ValidRow }[] = [];

  const dispatch = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    const inserts = current.map(({ row }) => toInsert(target, row, deps.cipher));
    const lookup = inserts.filter((m) => m.status !== 'history').map((m) => m.idNumberHash);
    await rounds.next(async () => {
      const registered = new Map((await deps.repo.liveByIdHashes(lookup)).map((f) => [f.idNumberHash.toString('hex'), f]));
      const keep = inserts.filter((m, i) => {
        const hit = m.status !== 'history' ? registered.get(m.idNumberHash.toString('hex')) : undefined;
        if (!hit) return true;
        const { rowNumber, row } = current[i];
        newErrors.push(registeredIssue(rowNumber, row.prepared.idNumber, hooks.describeOrg(hit)));
        newErrorRows.add(rowNumber);
        return false;
      });
      ids.push(...(await deps.repo.insertMembers(keep)));
      await hooks.progress(ids.length);
    });
  };

  for await (const { rows, positions, date1904 } of rosterRows(file)) {
    const ctx: RowContext = { ...ctxBase, date1904 };
    for (const row of rows) {
      if (skipRows.has(row.number)) continue;
      const checked = checkRow(row.cells, positions, ctx);
      if (!checked.ok) {
        newErrors.push(...issuesOf(row.number, checked));
        newErrorRows.add(row.number);
        continue;
      }
      const first = seen.get(checked.prepared.idNumber);
      if (first !== undefined) {
        newErrors.push(duplicateIssue(row.number, checked.prepared.idNumber, first));
        newErrorRows.add(row.number);
        continue;
      }
      seen.set(checked.prepared.idNumber, row.number);
      batch.push({ rowNumber: row.number, row: checked });
      if (batch.length >= LOOKUP_BATCH) await dispatch();
    }
  }
  await dispatch();
  await rounds.settle();
  return { ids, newErrors, newErrorRows: newErrorRows.size };
}

/** The member row for a checked spreadsheet row: personal data encrypted, hashed and masked. */
function toInsert(target: ImportTarget, row: ValidRow, cipher: DataCipher): MemberInsert {
  const { values: v, prepared: p } = row;
  return {
    orgId: target.id, orgPath: target.path, partyGroupId: row.partyGroupId, name: p.name, gender: p.gender, ethnicity: v.ethnicity,
    birthDate: p.birthDate, ...sealPersonalData(cipher, p.idNumber, p.phone, MASKS), education: v.education, employerEnterpriseId: null,
    employerName: v.employerName, job: v.job, keyPositions: v.keyPositions,
    // checkRow reports a row without 人员类别, so a valid row has one.
    category: v.category!, status: v.status, appliedOn: v.appliedOn, activistOn: v.activistOn, candidateOn: v.candidateOn,
    joinedOn: v.joinedOn, confirmedOn: v.confirmedOn, isMobile: v.isMobile, isInHardship: v.isInHardship, isPartyWorker: v.isPartyWorker,
  };
}
