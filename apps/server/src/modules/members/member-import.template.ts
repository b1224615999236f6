import ExcelJS from 'exceljs';
import { ETHNICITIES, REGION_CODE_TONGXIANG, makeIdNumber } from '@hongyun/shared';
import { EXAMPLE_MARK, FLAG_NO, FLAG_YES, LIST_SEPARATOR, ROSTER_COLUMNS, headerTitle, type RosterColumn, type RosterValues } from './member-import.columns';

export const ROSTER_SHEET = '党员信息';
export const TEMPLATE_FILE_NAME = '党员导入模板.xlsx';
/** Rows the template's drop-down lists and formats cover. */
const TEMPLATE_ROWS = 20_000;

// A fictional example (the row is skipped on import: its 姓名 starts with 示例).
const EXAMPLE: Record<keyof RosterValues, string> = {
  name: `${EXAMPLE_MARK}：张三`, idNumber: makeIdNumber(REGION_CODE_TONGXIANG, '1990-03-15', 1, 'male'), gender: '男', ethnicity: '汉族',
  phone: '13800000000', education: '大学本科', employerName: '桐乡示例网络科技有限公司', job: '后端工程师', keyPositions: `管理层${LIST_SEPARATOR}网络技术研发`,
  category: '正式党员', status: '正常', appliedOn: '2012-03-01', activistOn: '2012-09-01', candidateOn: '2013-06-01', joinedOn: '2014-06-20',
  confirmedOn: '2015-06-20', partyGroupName: '第一党小组', isMobile: FLAG_NO, isInHardship: FLAG_NO, isPartyWorker: FLAG_YES,
};

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function validationFor(column: RosterColumn, ethnicityRange: string): ExcelJS.DataValidation | null {
  const prompt = { showErrorMessage: true, errorStyle: 'warning' as const, errorTitle: column.title, error: column.help };
  if (column.choices) return { type: 'list', allowBlank: !column.required, formulae: [`"${[...column.choices.keys()].join(',')}"`], ...prompt };
  if (column.kind === 'flag') return { type: 'list', allowBlank: true, formulae: [`"${FLAG_YES},${FLAG_NO}"`], ...prompt };
  if (column.kind === 'ethnicity') return { type: 'list', allowBlank: true, formulae: [ethnicityRange], ...prompt };
  if (column.kind === 'idNumber') return { type: 'textLength', operator: 'equal', allowBlank: false, formulae: [18], ...prompt };
  return null;
}

/**
 * The import template: the roster sheet (header, one example row, drop-down lists, text format
 * for ID numbers and phones), a 填写说明 sheet and a hidden sheet holding the long lists.
 */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '红云';
  const sheet = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('填写说明');
  const lists = wb.addWorksheet('选项', { state: 'veryHidden' });

  lists.getCell('A1').value = '民族';
  ETHNICITIES.forEach((e, i) => (lists.getCell(`A${i + 2}`).value = e));
  const ethnicityRange = `'选项'!$A$2:$A$${ETHNICITIES.length + 1}`;

  sheet.columns = ROSTER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerTitle(c);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = c.help;
  });
  header.height = 22;
  const example = sheet.getRow(2);
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = example.getCell(i + 1);
    cell.value = EXAMPLE[c.key];
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  });
  // exceljs 4 has Worksheet.dataValidations (range keys included) but its typings omit it.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  ROSTER_COLUMNS.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    // Text format keeps Excel from turning 18-digit ID numbers into 3.30483E+17.
    if (c.kind === 'idNumber' || c.kind === 'phone') sheet.getColumn(i + 1).numFmt = '@';
    if (c.kind === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
    const validation = validationFor(c, ethnicityRange);
    if (validation) validations.add(range, validation);
  });

  guide.columns = [{ width: 18 }, { width: 10 }, { width: 90 }];
  const notes = [
    '填写说明',
    `1. 在“${ROSTER_SHEET}”工作表中每行填写一名党员；第一行是列标题，请勿修改、删除或调换；带 * 的列必须填写。`,
    `2. 第二行是示例（姓名以“${EXAMPLE_MARK}”开头的行不会导入），可以保留或删除。`,
    '3. 身份证号、手机号两列已设为文本格式；从其他表格粘贴时请“选择性粘贴为数值”，不要让身份证号变成科学计数法。',
    '4. 日期写作 YYYY-MM-DD（如 2015-03-01），也可使用 Excel 日期格式；2015/3/1、2015年3月1日 同样可以识别。',
    '5. 同一身份证号在文件中只能出现一次；已在本平台在册的党员不能重复导入，如需转入请办理组织关系转接。',
    '6. 上传后系统先逐行校验并列出问题（行号、列名、原因），确认后再导入；可以选择“全部正确才导入”或“仅导入正确行”。',
  ];
  notes.forEach((text, i) => {
    const row = guide.getRow(i + 1);
    row.getCell(1).value = text;
    guide.mergeCells(i + 1, 1, i + 1, 3);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  const top = notes.length + 2;
  const titles = guide.getRow(top);
  ['列名', '是否必填', '填写要求与可选值'].forEach((t, i) => (titles.getCell(i + 1).value = t));
  titles.font = { bold: true };
  ROSTER_COLUMNS.forEach((c, i) => {
    const row = guide.getRow(top + 1 + i);
    row.getCell(1).value = c.title;
    row.getCell(2).value = c.required ? '必填' : '选填';
    row.getCell(3).value = c.help;
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
