import ExcelJS from 'exceljs';
import { OPTION_KEYS, QUESTION_KIND_LABELS, QUESTION_STATUSES, keyText, type QuestionKind } from '@hongyun/shared';
import { EXAMPLE_MARK, readSheet, type RowIssue, type SheetColumn, type SheetRow } from '../../platform/xlsx';
import type { QuestionRow } from './question.repository';

// The question-bank spreadsheet: one row per question. Reading is the shared reader
// (platform/xlsx.ts: header matched by title, zip-bomb guard); the cells are parsed here.

interface QuestionColumn extends SheetColumn { required?: boolean; max?: number; help: string }
type Columns = QuestionColumn[];
const OPTION_COLUMNS = OPTION_KEYS.map((k) => ({ key: `option${k}`, title: `选项${k}`, max: 300, help: k < 'C' ? '选择题至少填写选项A、B' : '' }));
export const QUESTION_COLUMNS: Columns = [
  { key: 'kind', title: '题型', required: true, help: '单选题、多选题、判断题或填空题' },
  { key: 'category', title: '分类', required: true, max: 30, help: '如：党章、准则条例、党史；一键答题可按分类抽题' },
  { key: 'difficulty', title: '难度', help: '1–5 的整数，留空为 2' },
  { key: 'stem', title: '题干', required: true, max: 1000, help: '填空题用“____”标出每个空' },
  ...OPTION_COLUMNS,
  { key: 'answer', title: '正确答案', required: true, help: '单选填一个字母（B）；多选填多个字母（ACD）；判断填“正确”或“错误”；填空每个空之间用“；”分隔，同一空的多个可接受答案用“|”分隔' },
  { key: 'explanation', title: '解析', max: 2000, help: '答题后显示给党员，建议注明出处' },
];
const SHEET = '题目';
const KIND_BY_TEXT = new Map<string, QuestionKind>(
  Object.entries(QUESTION_KIND_LABELS).flatMap(([k, l]) => [[l.zh, k], [k, k], [l.zh.replace('题', ''), k]] as [string, QuestionKind][]),
);
const TRUE_WORDS = new Set(['正确', '对', '是', '√', 'true', 'T', 'Y']);
const FALSE_WORDS = new Set(['错误', '错', '否', '×', 'false', 'F', 'N']);

export interface ParsedQuestion {
  kind: QuestionKind;
  stem: string;
  options: { key: string; text: string }[];
  answer: unknown;
  explanation: string | null;
  category: string;
  difficulty: number;
}

/** Reads the workbook's rows (the template's example row skipped); a header problem comes back as `problem`. */
export async function readQuestionSheet(buffer: Buffer): Promise<{ rows: SheetRow[]; problem: string | null }> {
  const { rows, problem } = await readSheet(buffer, QUESTION_COLUMNS, ['kind', 'category', 'stem', 'answer']);
  return { rows: rows.filter((r) => !r.values.stem?.startsWith(EXAMPLE_MARK)), problem };
}

/**
 * One row's cells turned into question content, or the row's problems (row, column, value,
 * why). The content is checked again as a whole by the service (options fit the key).
 */
export function parseQuestionRow(r: SheetRow): { value: ParsedQuestion | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const v = (k: string) => (r.values[k] ?? '').trim();
  const bad = (column: string, value: string, reason: string) => issues.push({ row: r.row, column, value, reason });
  const kind = KIND_BY_TEXT.get(v('kind'));
  if (!v('kind')) bad('题型', '', '请填写题型');
  else if (!kind) bad('题型', v('kind'), '题型应为单选题、多选题、判断题或填空题');
  for (const c of QUESTION_COLUMNS) {
    const value = v(c.key);
    if (c.required && !value && c.key !== 'kind') bad(c.title, '', `请填写${c.title}`);
    if (c.max && value.length > c.max) bad(c.title, value.slice(0, 50), `不能超过 ${c.max} 个字符`);
  }
  let difficulty = 2;
  if (v('difficulty')) {
    difficulty = Number(v('difficulty'));
    if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5) bad('难度', v('difficulty'), '难度应为 1–5 的整数');
  }
  const options: { key: string; text: string }[] = [];
  let gap = false;
  for (const k of OPTION_KEYS) {
    const text = v(`option${k}`);
    if (!text) gap = true;
    else if (gap) bad(`选项${k}`, text, '选项请从 A 起连续填写，中间不要留空');
    else options.push({ key: k, text });
  }
  const raw = v('answer');
  let answer: unknown = null;
  if (kind && raw) {
    if (kind === 'single') answer = [raw.toUpperCase()];
    else if (kind === 'multiple') answer = [...raw.toUpperCase().replace(/[\s,，、;；]/g, '')];
    else if (kind === 'judge') {
      if (TRUE_WORDS.has(raw)) answer = [true];
      else if (FALSE_WORDS.has(raw)) answer = [false];
      else bad('正确答案', raw, '判断题的答案请填写“正确”或“错误”');
    } else {
      answer = raw.split(/[；;]/).map((blank) => blank.split(/[|｜]/).map((a) => a.trim()).filter(Boolean));
    }
  }
  if (issues.length || !kind) return { value: null, issues };
  return { value: { kind, stem: v('stem'), options: kind === 'single' || kind === 'multiple' ? options : [], answer, explanation: v('explanation') || null, category: v('category'), difficulty }, issues };
}

/** The import template: the question sheet with an example of each kind and a 填写说明 sheet. */
export async function questionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = QUESTION_COLUMNS.map((c) => ({ header: c.required ? `${c.title}*` : c.title, key: c.key, width: c.key === 'stem' || c.key === 'explanation' ? 40 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ kind: '单选题', category: '党章', difficulty: 1, stem: `${EXAMPLE_MARK}党的最高领导机关是____。`, optionA: '党的全国代表大会和它所产生的中央委员会', optionB: '中央政治局', optionC: '中央纪律检查委员会', answer: 'A', explanation: '《中国共产党章程》第十条。' });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', key: 'title', width: 14 }, { header: '是否必填', key: 'required', width: 10 }, { header: '填写要求', key: 'help', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of QUESTION_COLUMNS) help.addRow({ title: c.title, required: c.required ? '必填' : '', help: c.help });
  help.addRow({});
  help.addRow({ title: '说明', help: '上传后先逐行检查并列出问题（行号、列、填写值、原因），确认后才写入；可选择“全部无误才导入”或“只导入无误的行”。导入的题目为“待审核”，审核通过后才会用于答题和考试。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STATUS_TEXT: Record<(typeof QUESTION_STATUSES)[number], string> = { draft: '草稿', pending: '待审核', approved: '已启用', retired: '已停用' };

/** The bank as a workbook in the import layout (plus status and organisation), so an export re-imports. */
export async function questionWorkbook(rows: QuestionRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = [...QUESTION_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.key === 'stem' || c.key === 'explanation' ? 40 : 14 })), { header: '状态', key: 'status', width: 10 }, { header: '所属组织', key: 'org', width: 24 }];
  ws.getRow(1).font = { bold: true };
  for (const q of rows) {
    const kind = q.kind as QuestionKind;
    const answer = kind === 'judge' ? keyText(kind, q.answer) : kind === 'fill' ? (q.answer as string[][]).map((b) => b.join('|')).join('；') : (q.answer as string[]).join('');
    ws.addRow({
      kind: QUESTION_KIND_LABELS[kind].zh, category: q.category, difficulty: q.difficulty, stem: q.stem,
      ...Object.fromEntries(q.options.map((o) => [`option${o.key}`, o.text])), answer, explanation: q.explanation ?? '',
      status: STATUS_TEXT[q.status as keyof typeof STATUS_TEXT] ?? q.status, org: q.orgName,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
