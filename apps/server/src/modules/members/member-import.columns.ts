import {
  EDUCATION_LEVEL_LABELS, ETHNICITIES, GENDER_LABELS, KEY_POSITION_LABELS, MEMBER_CATEGORY_LABELS, MEMBER_STATUS_LABELS,
  type EducationLevel, type Gender, type KeyPosition, type Label, type MemberCategory, type MemberStatus,
} from '@hongyun/shared';

// The roster spreadsheet's columns, defined once: the template, the importer and the export
// all read this list, so a column renamed here is renamed everywhere.

/** The values one roster row carries, keyed as in the member schemas. */
export interface RosterValues {
  name: string;
  idNumber: string;
  gender: Gender | null;
  ethnicity: string | null;
  phone: string | null;
  education: EducationLevel | null;
  employerName: string | null;
  job: string | null;
  keyPositions: KeyPosition[];
  category: MemberCategory | null;
  status: MemberStatus;
  appliedOn: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  partyGroupName: string | null;
  isMobile: boolean;
  isInHardship: boolean;
  isPartyWorker: boolean;
}

export type ColumnKind = 'name' | 'idNumber' | 'phone' | 'text' | 'ethnicity' | 'choice' | 'keyPositions' | 'date' | 'flag';

export interface RosterColumn {
  key: keyof RosterValues;
  title: string;
  required: boolean;
  kind: ColumnKind;
  /** For 'choice': Chinese label → stored value. */
  choices?: ReadonlyMap<string, string>;
  maxLength?: number;
  /** What the 填写说明 sheet says about the column. */
  help: string;
  width: number;
}

const choices = <K extends string>(labels: Record<K, Label>): ReadonlyMap<string, K> =>
  new Map((Object.keys(labels) as K[]).map((k) => [labels[k].zh, k]));
const zhList = (labels: Record<string, Label>) => Object.values(labels).map((l) => l.zh);

/** The character that separates several key positions in one cell. */
export const LIST_SEPARATOR = '、';
export const FLAG_YES = '是';
export const FLAG_NO = '否';
/** A row whose 姓名 cell starts with this word is the template's example and is skipped. */
export const EXAMPLE_MARK = '示例';

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: 'name', title: '姓名', required: true, kind: 'name', maxLength: 50, width: 12, help: '按身份证填写；少数民族姓名中的间隔号写作“·”。' },
  { key: 'idNumber', title: '身份证号', required: true, kind: 'idNumber', width: 22, help: '18 位公民身份号码，末位可为 X。本列必须是“文本”格式：以数字格式保存的身份证号会被 Excel 改成科学计数法并丢失末尾数字。' },
  { key: 'gender', title: '性别', required: false, kind: 'choice', choices: choices(GENDER_LABELS), width: 6, help: '男 或 女；可留空，留空时按身份证号第 17 位确定；填写时须与身份证号一致。' },
  { key: 'ethnicity', title: '民族', required: false, kind: 'ethnicity', maxLength: 20, width: 10, help: '填写全称，如“汉族”“回族”；“汉”“回”等简称会自动补全。' },
  { key: 'phone', title: '手机号', required: false, kind: 'phone', width: 14, help: '11 位大陆手机号，可留空。' },
  { key: 'education', title: '学历', required: false, kind: 'choice', choices: choices(EDUCATION_LEVEL_LABELS), width: 12, help: `可选：${zhList(EDUCATION_LEVEL_LABELS).join('、')}；可留空。` },
  { key: 'employerName', title: '工作单位', required: false, kind: 'text', maxLength: 120, width: 24, help: '所在企业的全称，可留空。' },
  { key: 'job', title: '工作岗位', required: false, kind: 'text', maxLength: 60, width: 14, help: '如“后端工程师”“内容审核”，可留空。' },
  { key: 'keyPositions', title: '关键岗位', required: false, kind: 'keyPositions', width: 20, help: `可选：${zhList(KEY_POSITION_LABELS).join('、')}；多个用“、”或“，”分隔；不在关键岗位可留空。` },
  { key: 'category', title: '人员类别', required: true, kind: 'choice', choices: choices(MEMBER_CATEGORY_LABELS), width: 10, help: '正式党员 或 预备党员。' },
  { key: 'status', title: '党籍状态', required: false, kind: 'choice', choices: choices(MEMBER_STATUS_LABELS), width: 10, help: `可选：${zhList(MEMBER_STATUS_LABELS).join('、')}；留空即“正常”。` },
  { key: 'appliedOn', title: '申请入党日期', required: false, kind: 'date', width: 13, help: '日期写作 YYYY-MM-DD（如 2015-03-01），或使用 Excel 日期格式；申请时应年满十八岁。' },
  { key: 'activistOn', title: '确定积极分子日期', required: false, kind: 'date', width: 13, help: '不早于申请入党日期。' },
  { key: 'candidateOn', title: '确定发展对象日期', required: false, kind: 'date', width: 13, help: '不早于确定积极分子日期。' },
  { key: 'joinedOn', title: '入党日期', required: true, kind: 'date', width: 13, help: '支部大会通过为预备党员的日期，不早于确定发展对象日期。' },
  { key: 'confirmedOn', title: '转正日期', required: false, kind: 'date', width: 13, help: '正式党员必填，预备党员必须留空；不早于入党日期。' },
  { key: 'partyGroupName', title: '党小组', required: false, kind: 'text', maxLength: 50, width: 12, help: '导入组织下已建立的党小组名称，可留空。' },
  { key: 'isMobile', title: '流动党员', required: false, kind: 'flag', width: 9, help: '是 或 否；留空即“否”。' },
  { key: 'isInHardship', title: '困难党员', required: false, kind: 'flag', width: 9, help: '是 或 否；留空即“否”。' },
  { key: 'isPartyWorker', title: '党务工作者', required: false, kind: 'flag', width: 10, help: '是 或 否；留空即“否”。' },
];

/** Columns the export adds after the roster columns; the importer accepts and ignores them. */
export const EXPORT_ONLY_TITLES = ['所在组织', '组织编码'] as const;

/** The header cell as the template writes it: required columns carry a trailing '*'. */
export function headerTitle(column: RosterColumn): string {
  return column.required ? `${column.title}*` : column.title;
}

/** Drops the decorations people add to header cells: '*', '（必填）', spaces, line breaks. */
export function normaliseTitle(raw: string): string {
  return raw.replace(/[\s\u00a0\u3000]+/g, '').replace(/[*＊]/g, '').replace(/[(（](必填|选填)[)）]/g, '');
}

export const ETHNICITY_SET: ReadonlySet<string> = new Set(ETHNICITIES);

export type HeaderResult =
  | { ok: true; positions: ReadonlyMap<keyof RosterValues, number> }
  | { ok: false; message: string };

/**
 * Maps header cells (1-based positions) to columns. Unknown, repeated and missing required
 * titles fail the whole file with one message naming each of them; a near miss gets a
 * "did you mean" hint, since most unknown titles are typos of ours.
 */
export function resolveHeader(cells: ReadonlyMap<number, string>): HeaderResult {
  const byTitle = new Map(ROSTER_COLUMNS.map((c) => [c.title, c]));
  const ignored = new Set<string>(EXPORT_ONLY_TITLES);
  const positions = new Map<keyof RosterValues, number>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const [position, raw] of cells) {
    const title = normaliseTitle(raw);
    if (title === '') continue;
    if (ignored.has(title)) continue;
    const column = byTitle.get(title);
    if (!column) {
      const near = closestTitle(title);
      unknown.push(near ? `“${raw.trim()}”（是否应为“${near}”？）` : `“${raw.trim()}”`);
    } else if (positions.has(column.key)) {
      repeated.push(`“${column.title}”`);
    } else {
      positions.set(column.key, position);
    }
  }
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !positions.has(c.key)).map((c) => `“${c.title}”`);
  const problems: string[] = [];
  if (missing.length) problems.push(`缺少必填列 ${missing.join('、')}`);
  if (unknown.length) problems.push(`无法识别的列 ${unknown.join('、')}`);
  if (repeated.length) problems.push(`重复的列 ${repeated.join('、')}`);
  if (problems.length) {
    return { ok: false, message: `表头不正确：${problems.join('；')}。请使用导入模板，第一行保留模板的列标题后重新上传。` };
  }
  return { ok: true, positions };
}

function closestTitle(title: string): string | null {
  let best: { title: string; distance: number } | null = null;
  for (const c of ROSTER_COLUMNS) {
    const distance = editDistance(title, c.title);
    if (!best || distance < best.distance) best = { title: c.title, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.title.length / 3)) ? best.title : null;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}
