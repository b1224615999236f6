// Fills the server's own import template with rows, as a person would in Excel.

import ExcelJS from 'exceljs';
import { normaliseTitle } from '../../apps/server/src/modules/members/member-import.columns';
import type { Person } from './fixtures';

/** Column title (without '*') → the value a person would type; others stay empty. */
function rowFor(p: Person): Record<string, string> {
  return {
    姓名: p.name,
    身份证号: p.idNumber,
    民族: '汉族',
    学历: '大学本科',
    工作单位: '乌镇青禾测试科技有限公司',
    工作岗位: '后端工程师',
    人员类别: '正式党员',
    入党日期: '2016-07-01',
    转正日期: '2017-07-01',
  };
}

/**
 * Reads the template (.xlsx bytes), finds the header row on the first sheet that has 姓名 and
 * 身份证号, drops the example rows below it and writes one row per person. The ID number goes in
 * as a string, i.e. a text cell, as the template asks.
 */
export async function fillTemplate(template: Buffer, people: Person[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer); // exceljs' typings lag Node's Buffer
  let found: { sheet: ExcelJS.Worksheet; row: number; columns: Map<string, number> } | null = null;
  book.eachSheet((sheet) => {
    if (found) return;
    for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !found; r++) {
      const columns = new Map<string, number>();
      sheet.getRow(r).eachCell((cell, col) => columns.set(normaliseTitle(String(cell.text ?? '')), col));
      if (columns.has('姓名') && columns.has('身份证号')) found = { sheet, row: r, columns };
    }
  });
  if (!found) throw new Error('the import template has no sheet with a 姓名 and 身份证号 header');
  const { sheet, row: headerRow, columns } = found as { sheet: ExcelJS.Worksheet; row: number; columns: Map<string, number> };
  if (sheet.rowCount > headerRow) sheet.spliceRows(headerRow + 1, sheet.rowCount - headerRow);
  people.forEach((p, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    for (const [title, value] of Object.entries(rowFor(p))) {
      const col = columns.get(title);
      if (col === undefined) throw new Error(`the import template has no column ${title}`);
      row.getCell(col).value = value;
    }
    row.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
