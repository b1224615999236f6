import { maskIdNumber, todayInShanghai } from '@hongyun/shared';
import type { DataCipher, SealedValue } from '../../platform/crypto';
import { EXAMPLE_MARK, ROSTER_COLUMNS, resolveHeader, type RosterValues } from './member-import.columns';
import type { JobErrorRow, MemberImportRepository, StagedConflict, StagedRow } from './member-import.repository';
import type { ImportMode } from './member-import.schemas';
import { cellScalar, checkRow, missingPartyGroupReason, type CheckedRow, type RowContext } from './member-import.rows';
import { personalDataColumns } from './member.rules';
import { readWorksheet, WorkbookProblem } from './member-import.xlsx';

// The two passes of an import. Validate reads the file once, reports every problem and stages
// the good rows, normalised, their personal data sealed as in `member`; it writes no member,
// keeping one database round in flight while it reads the next batch. Three things overlap:
// this thread reads and checks, a worker thread seals (DataCipher.sealMany, a third of the
// work when it ran here) and PostgreSQL looks up and stages. Commit re-checks in SQL what
// can have changed in the database since, then copies the stage into `member`: SQL alone, the
// file is not read again. Memory grows with the ID numbers seen, not with the sheet.

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
const GROUP_TITLE = ROSTER_COLUMNS.find((c) => c.key === 'partyGroupName')!.title;
/** Rows per database round of validation: a lookup and a staging batch. */
export const LOOKUP_BATCH = 2000;
/** Row numbers per insert of the commit (its progress steps). */
export const COMMIT_BATCH = 2000;

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

function registeredIssue(rowNumber: number, maskedIdNumber: string, where: string): JobErrorRow {
  return { rowNumber, columnName: ID_TITLE, value: maskedIdNumber, reason: `已在册：该身份证号已有在册党员记录（${where}），同一人只能有一条在册记录；如需转入请办理组织关系转接` };
}

/**
 * One database round in flight while the next batch is read and checked: the file keeps this
 * thread busy, the look-ups and staging keep PostgreSQL busy, and they overlap. Rounds run one
 * after another (they share one connection).
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

type ValidRow = Extract<CheckedRow, { ok: true }>;

/** A row waiting for its database round: the live-record lookup and, when valid, staging. */
interface Pending {
  rowNumber: number;
  idNumber: string;
  /** False for a row imported as history, which may sit beside a live record. */
  lookup: boolean;
  /** Null for a row with problems: looked up only so that 已在册 is reported too. */
  valid: ValidRow | null;
}

/**
 * Checks every row without writing members: cell formats, the member rules, party groups,
 * duplicates within the file (both rows reported) and live records already in the database.
 * Stages exactly the rows that pass (under `stageId`) for the commit.
 * Throws WorkbookProblem when the file or its header cannot be used at all.
 */
export async function validateFile(
  args: { file: string; target: ImportTarget; stageId: string },
  deps: { repo: MemberImportRepository; cipher: DataCipher },
  hooks: PassHooks,
): Promise<ValidationResult> {
  const { repo, cipher } = deps;
  const ctxBase = { today: todayInShanghai(), partyGroups: await repo.partyGroups(args.target.id) };
  const firstRowOf = new Map<string, number>();
  const reportedFirst = new Set<number>();
  /** Staged rows found later to share their ID number with another row: unstaged at the end. */
  const unstage: number[] = [];
  const errorRows = new Set<number>();
  const rounds = pipeline();
  let errors: JobErrorRow[] = [];
  let pending: Pending[] = [];
  let total = 0;

  const dispatch = async () => {
    const batch = pending;
    const found = errors;
    const processed = total;
    pending = [];
    errors = [];
    // Sealed on the worker while this thread reads on and the previous round is in PostgreSQL.
    const sealing = cipher.sealMany([...batch.map((p) => p.idNumber), ...batch.map((p) => p.valid?.prepared.phone ?? null)]);
    sealing.catch(() => undefined); // awaited in the round, after the round before it
    await rounds.next(async () => {
      const sealed = await sealing;
      const hashOf = (i: number) => sealed[i]!.hash;
      const lookups: number[] = [];
      batch.forEach((p, i) => p.lookup && lookups.push(i));
      const live = await repo.liveByIdHashes(lookups.map(hashOf));
      const registered = new Set<number>();
      if (live.length) {
        const byHash = new Map(live.map((f) => [f.idNumberHash.toString('hex'), f]));
        for (const i of lookups) {
          const hit = byHash.get(hashOf(i).toString('hex'));
          if (!hit) continue;
          const p = batch[i];
          found.push(registeredIssue(p.rowNumber, maskIdNumber(p.idNumber), hooks.describeOrg(hit)));
          errorRows.add(p.rowNumber);
          registered.add(p.rowNumber);
        }
      }
      const staged: StagedRow[] = [];
      batch.forEach((p, i) => {
        if (p.valid && !registered.has(p.rowNumber)) staged.push(stagedRow(p.rowNumber, p.valid, sealed[i]!, sealed[batch.length + i]));
      });
      await repo.stageRows(args.stageId, staged);
      if (found.length) await hooks.errors(found);
      await hooks.progress(processed);
    });
  };

  for await (const { rows, positions, date1904 } of rosterRows(args.file)) {
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
          unstage.push(first);
          errors.push(duplicateIssue(first, idNumber, row.number));
          errorRows.add(first);
        }
        continue;
      }
      firstRowOf.set(idNumber, row.number);
      const lookup = !checked.ok || checked.values.status !== 'history';
      if (!checked.ok && !lookup) continue;
      pending.push({ rowNumber: row.number, idNumber, lookup, valid: checked.ok ? checked : null });
      if (pending.length >= LOOKUP_BATCH || errors.length >= LOOKUP_BATCH) await dispatch();
    }
  }
  await dispatch();
  await rounds.settle();
  await repo.unstage(args.stageId, unstage);
  if (total === 0) throw new WorkbookProblem('表格中没有数据行：请在表头下方逐行填写党员信息（以“示例”开头的示例行不会导入）');
  return { totalRows: total, validRows: total - errorRows.size, errorRows: errorRows.size };
}

/** A valid row as staged: normalised values, the ID number and phone sealed as in `member`. */
function stagedRow(rowNumber: number, row: ValidRow, id: SealedValue, phone: SealedValue | null): StagedRow {
  const { values: v, prepared: p } = row;
  return {
    rowNumber, partyGroupName: row.partyGroupId === null ? null : v.partyGroupName,
    name: p.name, gender: p.gender, ethnicity: v.ethnicity, birthDate: p.birthDate,
    ...personalDataColumns(p, { id, phone }),
    education: v.education, employerName: v.employerName, job: v.job, keyPositions: v.keyPositions,
    // checkRow reports a row without 人员类别, so a valid row has one.
    category: v.category!, status: v.status, appliedOn: v.appliedOn, activistOn: v.activistOn, candidateOn: v.candidateOn,
    joinedOn: v.joinedOn, confirmedOn: v.confirmedOn, isMobile: v.isMobile, isInHardship: v.isInHardship, isPartyWorker: v.isPartyWorker,
  };
}

export interface CommitResult {
  ids: number[];
  /** Problems found now that validation did not see (data changed since). */
  newErrors: JobErrorRow[];
  newErrorRows: number;
}

/** The stage no longer holds the rows validation counted (swept, or a database crash). */
export class StageMissing extends Error {
  constructor() {
    super('the staged rows of this import are missing');
  }
}

/**
 * Imports the `expectedRows` rows `validateFile` staged under `stageId`, on `repo` (the caller's
 * transaction, holding the target organisation). First re-checks what can have changed in the
 * database since validation: a person registered meanwhile, a party group gone. (Dates were
 * checked against a day no later than today, and a date valid then is valid now.) Those rows
 * come back as `newErrors`; with allOrNothing nothing is inserted then and the caller aborts.
 * Otherwise they leave the stage, and the rest is copied into `member` in row order, a range of
 * row numbers per statement. Throws StageMissing when the stage no longer holds `expectedRows`.
 */
export async function commitStaged(
  args: { stageId: string; expectedRows: number; target: ImportTarget; mode: ImportMode },
  deps: { repo: MemberImportRepository },
  hooks: Pick<PassHooks, 'progress' | 'describeOrg'>,
): Promise<CommitResult> {
  const { repo } = deps;
  const { stageId, target } = args;
  if ((await repo.stageSize(stageId)) !== args.expectedRows) throw new StageMissing();
  const conflicts = await repo.stagedConflicts(stageId, target.id);
  const newErrors = conflicts.map((c) => conflictIssue(c, hooks.describeOrg));
  const result = { ids: [] as number[], newErrors, newErrorRows: conflicts.length };
  if (conflicts.length && args.mode === 'allOrNothing') return result;
  await repo.unstage(stageId, conflicts.map((c) => c.rowNumber));

  const range = await repo.stagedRowRange(stageId);
  for (let first = range?.first ?? 0; range && first <= range.last; first += COMMIT_BATCH) {
    result.ids.push(...(await repo.insertStaged(stageId, target, { first, last: Math.min(first + COMMIT_BATCH - 1, range.last) })));
    await hooks.progress(result.ids.length);
  }
  if (result.ids.length !== args.expectedRows - conflicts.length) throw new StageMissing();
  return result;
}

function conflictIssue(c: StagedConflict, describeOrg: PassHooks['describeOrg']): JobErrorRow {
  if (c.orgName !== null && c.orgPath !== null) return registeredIssue(c.rowNumber, c.idNumberMasked, describeOrg({ orgName: c.orgName, orgPath: c.orgPath }));
  // Only a row naming a party group is staged with one, so a conflict without a record names it.
  const group = c.partyGroupName!;
  return { rowNumber: c.rowNumber, columnName: GROUP_TITLE, value: group, reason: missingPartyGroupReason(group) };
}
