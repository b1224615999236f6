import { KEY_POSITION_LABELS, isValidDate, maskIdNumber, maskPhone, type KeyPosition, type MemberCategory } from '@hongyun/shared';
import { checkMember, type PreparedMember } from './member.rules';
import { ETHNICITY_SET, FLAG_NO, FLAG_YES, ROSTER_COLUMNS, type RosterColumn, type RosterValues } from './member-import.columns';

// One spreadsheet row → the values of one member, or the problems a user must fix, each with
// its column and the value as typed (ID numbers and phones masked). Pure: no database.

/** A problem in one cell (or a whole row when `column` is '整行'). */
export interface RowIssue {
  column: string;
  value: string | null;
  reason: string;
}

export interface RowContext {
  today: string;
  date1904: boolean;
  /** Party groups of the target organisation, name → id. */
  partyGroups: ReadonlyMap<string, number>;
}

export type CheckedRow =
  | { ok: true; values: RosterValues; prepared: PreparedMember; partyGroupId: number | null }
  | { ok: false; issues: RowIssue[]; /** The normalised ID number when it is valid, for duplicate checks. */ idNumber: string | null };

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const KEY_POSITION_BY_LABEL = new Map((Object.keys(KEY_POSITION_LABELS) as KeyPosition[]).map((k) => [KEY_POSITION_LABELS[k].zh, k]));
const COLUMN_BY_KEY = new Map(ROSTER_COLUMNS.map((c) => [c.key, c]));
const INVISIBLE = /[\s\u00a0\u3000\u200b-\u200d\ufeff]+/g;
const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's 1900 day 0, past its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_1900 = 25569;
const EXCEL_EPOCH_1904 = 24107;

/** A cell as read (xlsx reader or exceljs): the usable scalar, or why it cannot be used. */
export function cellScalar(value: unknown): Parsed<string | number | boolean | Date | null> {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: '单元格不是有效数字，请更正' };
  if (typeof value === 'boolean' || value instanceof Date) return { ok: true, value };
  if (typeof value === 'object') {
    // The object shapes exceljs and member-import.xlsx give cells; every field is checked below.
    const v = value as { error?: unknown; formula?: unknown; sharedFormula?: unknown; result?: unknown; richText?: { text?: string }[]; text?: unknown };
    if (v.error !== undefined) return { ok: false, reason: `单元格是错误值 ${String(v.error)}，请更正后重新上传` };
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) return { ok: false, reason: '单元格是公式但没有计算结果，请复制该列并“选择性粘贴为数值”后重新上传' };
      return cellScalar(v.result);
    }
    if (Array.isArray(v.richText)) return { ok: true, value: v.richText.map((r) => r.text ?? '').join('') };
    if (typeof v.text === 'string') return { ok: true, value: v.text };
  }
  return { ok: false, reason: '无法识别的单元格内容，请改为文字后重新上传' };
}

/** How the value appears in the error report: as typed, but never a full ID number or phone. */
export function shownValue(column: RosterColumn, value: unknown): string | null {
  const scalar = cellScalar(value);
  if (!scalar.ok) {
    if (typeof value !== 'object' || value === null) return String(value);
    return 'error' in value ? String(value.error) : '（公式）';
  }
  if (scalar.value === null) return null;
  const v = scalar.value;
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  if (column.kind === 'idNumber') return maskIdNumber(text.replace(INVISIBLE, ''));
  if (column.kind === 'phone') return maskPhone(text.replace(INVISIBLE, ''));
  // An ID number typed into the wrong column is masked there too.
  const safe = text.replace(/\d{14,17}[\dXx]/g, (m) => maskIdNumber(m));
  return safe.length > 100 ? `${safe.slice(0, 100)}…` : safe;
}

function text(v: string | number | boolean | Date, maxLength: number | undefined): Parsed<string | null> {
  if (typeof v === 'boolean' || v instanceof Date) return { ok: false, reason: '应填写文字' };
  const s = String(v).trim().replace(/\s+/g, ' ');
  // Characters, not UTF-16 units: counted only when the units could exceed the limit.
  if (maxLength && s.length > maxLength && [...s].length > maxLength) return { ok: false, reason: `不能超过 ${maxLength} 个字，请精简` };
  return { ok: true, value: s === '' ? null : s };
}

/** Full-width digits and letters (common in pasted Chinese text) to ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function idNumber(v: string | number | boolean | Date): Parsed<string> {
  if (typeof v === 'number') {
    return { ok: false, reason: '身份证号被保存成了数字，Excel 会改写为科学计数法并丢失末尾几位；请将身份证号列设置为文本格式，重新填写身份证号后上传' };
  }
  if (typeof v !== 'string') return { ok: false, reason: '应填写 18 位身份证号' };
  return { ok: true, value: halfWidth(v.replace(INVISIBLE, '')) };
}

function phone(v: string | number | boolean | Date): Parsed<string | null> {
  if (typeof v === 'number') return Number.isInteger(v) ? { ok: true, value: String(v) } : { ok: false, reason: '手机号应为 11 位数字' };
  if (typeof v !== 'string') return { ok: false, reason: '手机号应为 11 位数字' };
  const s = halfWidth(v.replace(INVISIBLE, ''));
  return { ok: true, value: s === '' ? null : s };
}

function excelSerialToDate(serial: number, date1904: boolean): string {
  const ms = Math.round((Math.floor(serial) - (date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900)) * MS_PER_DAY);
  return new Date(ms).toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** Dates as Excel serials, Date objects, 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日' or 'YYYYMMDD'. */
export function parseDate(v: string | number | boolean | Date, date1904: boolean): Parsed<string> {
  const bad = { ok: false as const, reason: '日期无法识别，请写作 YYYY-MM-DD（如 2015-03-01）或设置为 Excel 日期格式' };
  let iso: string | null = null;
  if (typeof v === 'string' && ISO_DATE.test(v)) {
    iso = v; // the common case, without the normalising below
  } else if (v instanceof Date) {
    iso = Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  } else if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) iso = `${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6, 8)}`;
    else if (v >= 1 && v < 2958466) iso = excelSerialToDate(v, date1904);
  } else if (typeof v === 'string') {
    const s = halfWidth(v.trim());
    const m = DATE_TEXT.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (m) iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  }
  if (!iso || !isValidDate(iso)) return bad;
  if (iso < '1900-01-01') return { ok: false, reason: '日期早于 1900 年，请核对' };
  return { ok: true, value: iso };
}

function choice(column: RosterColumn, v: string | number | boolean | Date): Parsed<string> {
  const label = typeof v === 'string' ? v.replace(INVISIBLE, '') : '';
  const value = column.choices?.get(label);
  if (value) return { ok: true, value };
  return { ok: false, reason: `应为以下之一：${[...(column.choices?.keys() ?? [])].join('、')}` };
}

function ethnicity(v: string | number | boolean | Date): Parsed<string> {
  const s = typeof v === 'string' ? v.replace(INVISIBLE, '') : '';
  if (ETHNICITY_SET.has(s)) return { ok: true, value: s };
  if (ETHNICITY_SET.has(`${s}族`)) return { ok: true, value: `${s}族` };
  return { ok: false, reason: '民族应填写 56 个民族的全称之一，如“汉族”“回族”' };
}

function keyPositions(v: string | number | boolean | Date): Parsed<KeyPosition[]> {
  if (typeof v !== 'string') return { ok: false, reason: '关键岗位应填写岗位名称' };
  const labels = v.split(/[、，,；;/\s]+/).filter(Boolean);
  const unknown = labels.filter((l) => !KEY_POSITION_BY_LABEL.has(l));
  if (unknown.length) return { ok: false, reason: `“${unknown.join('、')}”不是关键岗位；可选：${[...KEY_POSITION_BY_LABEL.keys()].join('、')}，多个用“、”分隔` };
  return { ok: true, value: [...new Set(labels.map((l) => KEY_POSITION_BY_LABEL.get(l)!))] };
}

function flag(v: string | number | boolean | Date): Parsed<boolean> {
  if (typeof v === 'boolean') return { ok: true, value: v };
  const s = typeof v === 'string' ? v.replace(INVISIBLE, '') : '';
  if (s === FLAG_YES) return { ok: true, value: true };
  if (s === FLAG_NO || s === '') return { ok: true, value: false };
  return { ok: false, reason: `应填写“${FLAG_YES}”或“${FLAG_NO}”` };
}

function parseCell(column: RosterColumn, v: string | number | boolean | Date, date1904: boolean): Parsed<unknown> {
  switch (column.kind) {
    case 'name':
    case 'text':
      return text(v, column.maxLength);
    case 'idNumber':
      return idNumber(v);
    case 'phone':
      return phone(v);
    case 'choice':
      return choice(column, v);
    case 'ethnicity':
      return ethnicity(v);
    case 'keyPositions':
      return keyPositions(v);
    case 'date':
      return parseDate(v, date1904);
    case 'flag':
      return flag(v);
  }
}

/** Why a row naming a party group the target organisation does not have cannot be imported. */
export function missingPartyGroupReason(name: string): string {
  return `该组织下没有名为“${name}”的党小组，请先在组织页面建立党小组，或留空`;
}

const EMPTY: RosterValues = {
  name: '', idNumber: '', gender: null, ethnicity: null, phone: null, education: null, employerName: null, job: null, keyPositions: [],
  category: null, status: 'normal', appliedOn: null, activistOn: null, candidateOn: null, joinedOn: null, confirmedOn: null,
  partyGroupName: null, isMobile: false, isInHardship: false, isPartyWorker: false,
};

/** Reports `reason` for the cell of `key`, showing the value as typed. */
function addIssue(issues: RowIssue[], broken: Set<string>, cells: readonly unknown[], positions: ReadonlyMap<keyof RosterValues, number>, key: keyof RosterValues, reason: string): void {
  const column = COLUMN_BY_KEY.get(key)!;
  const position = positions.get(key);
  issues.push({ column: column.title, value: shownValue(column, position === undefined ? undefined : cells[position]), reason });
  broken.add(key);
}

/**
 * Checks one row: each cell by its column, then the member rules shared with the form
 * (`checkMember`), then the party group. `cells` are by 1-based column position.
 * Runs for every row of an import (100,000 in the benchmark), hence no closures or
 * per-cell wrapper objects for plain text and numbers.
 */
export function checkRow(cells: readonly unknown[], positions: ReadonlyMap<keyof RosterValues, number>, ctx: RowContext): CheckedRow {
  const values: Record<string, unknown> = { ...EMPTY };
  const issues: RowIssue[] = [];
  const broken = new Set<string>();
  for (const [key, position] of positions) {
    const column = COLUMN_BY_KEY.get(key)!;
    const cell = cells[position];
    let parsed: Parsed<unknown>;
    if (cell === undefined || cell === null || cell === '') continue;
    if (typeof cell === 'string' || (typeof cell === 'number' && Number.isFinite(cell))) {
      parsed = parseCell(column, cell, ctx.date1904);
    } else {
      const scalar = cellScalar(cell);
      if (!scalar.ok) parsed = scalar;
      else if (scalar.value === null || scalar.value === '') continue;
      else parsed = parseCell(column, scalar.value, ctx.date1904);
    }
    if (parsed.ok) {
      if (parsed.value !== null) values[key] = parsed.value;
    } else {
      broken.add(key);
      issues.push({ column: column.title, value: shownValue(column, cell), reason: parsed.reason });
    }
  }
  // Record<string, unknown> was filled key by key from RosterValues' own parsers.
  const v = values as unknown as RosterValues;
  if (!v.name && !broken.has('name')) addIssue(issues, broken, cells, positions, 'name', '请填写姓名');
  if (!v.category && !broken.has('category')) addIssue(issues, broken, cells, positions, 'category', '请填写人员类别：正式党员 或 预备党员');

  const checked = checkMember(
    {
      name: v.name, idNumber: v.idNumber, gender: v.gender ?? undefined, phone: v.phone,
      // An unknown category has been reported above; '' matches neither category rule.
      category: (v.category ?? '') as MemberCategory,
      appliedOn: v.appliedOn, activistOn: v.activistOn, candidateOn: v.candidateOn, joinedOn: v.joinedOn, confirmedOn: v.confirmedOn,
      keyPositions: v.keyPositions,
    },
    ctx.today,
  );
  if (!checked.ok) {
    for (const i of checked.issues) {
      const key = i.path as keyof RosterValues;
      if (broken.has(key) || (key === 'name' && !v.name)) continue;
      addIssue(issues, broken, cells, positions, key, i.message);
    }
  }
  let partyGroupId: number | null = null;
  if (v.partyGroupName && !broken.has('partyGroupName')) {
    partyGroupId = ctx.partyGroups.get(v.partyGroupName) ?? null;
    if (partyGroupId === null) addIssue(issues, broken, cells, positions, 'partyGroupName', missingPartyGroupReason(v.partyGroupName));
  }
  if (issues.length || !checked.ok) {
    const idOk = !broken.has('idNumber') && !(checked.ok === false && checked.issues.some((i) => i.path === 'idNumber'));
    return { ok: false, issues, idNumber: idOk && v.idNumber ? v.idNumber.toUpperCase() : null };
  }
  return { ok: true, values: v, prepared: checked.value, partyGroupId };
}
