import ExcelJS from 'exceljs';

// Spreadsheets every import and export shares: the media type, reading an uploaded workbook
// whole into plain text rows (registry-sized files: the roster's 100,000-row reader streams),
// a zip-bomb check, and a plain export workbook. Column lists and row checks stay with their
// modules.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A template's example row starts with this; such rows are skipped on import. */
export const EXAMPLE_MARK = '（示例，请删除本行）';

/** A problem found in one cell of an upload: which row and column, what was there, why it is wrong. */
export interface RowIssue { row: number; column: string; value: string; reason: string }
export type CellValues = Record<string, string>;
export interface SheetRow { row: number; values: CellValues }
/** What readSheet needs of a column: the key it fills and the header titles that name it. */
export interface SheetColumn { key: string; title: string; aliases?: string[] }

/** Plain text of a cell: rich text, formulas' cached results, hyperlinks and dates included. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v).trim();
}

/** A file of 10,000 rows unpacks to a few MB; anything far larger is refused unread (zip bombs). */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * The total unpacked size an .xlsx (a zip) declares in its central directory, or null when it
 * is not a readable zip. Zip64 entries (sizes over 4 GB) count as too large.
 */
export function declaredUnpackedSize(buf: Buffer): number | null {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return total;
}

/**
 * Reads the first sheet that is not the instruction sheet: row 1 is the header, matched to
 * columns by title (a trailing * and spaces ignored). Returns the rows and the header problems.
 */
export async function readSheet(buffer: Buffer, columns: SheetColumn[], required: string[]) {
  const unpacked = declaredUnpackedSize(buffer);
  if (unpacked === null) return { rows: [] as SheetRow[], problem: '无法读取该文件，请上传 .xlsx 格式的表格（可用模板填写后上传）' };
  if (unpacked > MAX_UNPACKED_BYTES) return { rows: [] as SheetRow[], problem: '文件解压后过大，请拆分后再上传' };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings ask for an ArrayBuffer; it reads a Node Buffer as well.
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { rows: [] as SheetRow[], problem: '无法读取该文件，请上传 .xlsx 格式的表格（可用模板填写后上传）' };
  }
  const ws = wb.worksheets.find((s) => s.name !== '填写说明');
  if (!ws) return { rows: [] as SheetRow[], problem: '表格中没有数据工作表' };
  const byTitle = new Map<string, string>();
  for (const c of columns) for (const t of [c.title, ...(c.aliases ?? [])]) byTitle.set(t, c.key);
  const index = new Map<number, string>();
  ws.getRow(1).eachCell((cell, col) => {
    const key = byTitle.get(cellText(cell.value).replace(/[*＊\s]/g, ''));
    if (key) index.set(col, key);
  });
  const present = new Set(index.values());
  const missing = required.filter((k) => !present.has(k)).map((k) => columns.find((c) => c.key === k)!.title);
  if (missing.length) return { rows: [] as SheetRow[], problem: `第1行缺少必需的列：${missing.join('、')}。请使用导入模板` };
  const rows: SheetRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const values: CellValues = {};
    for (const [col, key] of index) values[key] = cellText(r.getCell(col).value);
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: n, values });
  });
  return { rows, problem: null };
}

/** A workbook of rows under the given headers (exports). */
export async function workbookOf(sheet: string, headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => { c.width = 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
