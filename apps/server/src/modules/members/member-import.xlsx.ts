import { Attributes, XmlScanner, decodeXmlText, isSpace, rawText, scanXml, type XmlHandler } from './member-import.xml';
import { NOT_XLSX, WorkbookProblem, entryBytes, readZipDirectory, type ZipEntry } from './member-import.zip';

export { WorkbookProblem, notXlsxMessage, sniffFile } from './member-import.zip';

// A small streaming reader for the cell values of one .xlsx worksheet. exceljs' WorkbookReader
// reads ~16,000 rows/s of a 20-column roster here (6.3 s per 100,000 rows, most of it building
// Row/Cell objects and garbage collection), too slow for the 10,000 rows/s target of an import.
// This reader takes the zip's central directory from the file on disk, inflates only the
// parts it needs and scans their XML bytes (member-import.xml.ts): only cell values become
// strings. ~0.8 s per 100,000 rows here, including inflating.
// exceljs still writes every workbook (template, export).

/** A cell's value as stored: text, number, boolean, or a marker for what cannot be used. */
export type RawCell = string | number | boolean | { error: string } | { formula: string; result?: string | number | boolean };

export interface RawRow {
  /** The row number Excel shows (1-based). */
  number: number;
  /** Values by 1-based column position; holes are empty cells. */
  cells: RawCell[];
}

export interface SheetInfo {
  name: string;
  /** The workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
}

async function readXml(file: string, entries: Map<string, ZipEntry>, name: string, handler: XmlHandler): Promise<boolean> {
  const entry = entries.get(name);
  if (!entry) return false;
  await scanXml(entryBytes(file, entry), handler);
  return true;
}

// ---------------------------------------------------------------------------------------------
// workbook parts
// ---------------------------------------------------------------------------------------------

async function relationships(file: string, entries: Map<string, ZipEntry>, name: string): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  await readXml(file, entries, name, {
    open(tag, attrs) {
      if (tag !== 'Relationship') return;
      const id = attrs.get('Id');
      const target = attrs.get('Target');
      if (id && target) rels.set(id, { type: attrs.get('Type') ?? '', target });
    },
    close() {},
    text() {},
  });
  return rels;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

async function sharedStrings(file: string, entries: Map<string, ZipEntry>, part: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let current = '';
  let inText = false;
  let phonetic = 0;
  await readXml(file, entries, part, {
    open(tag, _attrs, selfClosing) {
      if (tag === 'si') current = '';
      else if (tag === 'rPh') phonetic++;
      else if (tag === 't' && !selfClosing) inText = phonetic === 0;
    },
    close(tag) {
      if (tag === 'si') strings.push(current);
      else if (tag === 'rPh') phonetic--;
      else if (tag === 't') inText = false;
    },
    text(buf, start, end, cdata) {
      if (inText) current += decodeXmlText(rawText(buf, start, end, cdata));
    },
  });
  return strings;
}

/**
 * Streams the rows of the workbook's first worksheet not named in `skipSheets`, in batches.
 * Throws WorkbookProblem (zh-CN message) for a file that is not a readable .xlsx.
 */
export async function* readWorksheet(file: string, options: { skipSheets?: readonly string[] } = {}): AsyncGenerator<{ sheet: SheetInfo; rows: RawRow[] }> {
  const entries = await readZipDirectory(file);
  const rootRels = await relationships(file, entries, '_rels/.rels');
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = officeDocument ? resolvePart('', officeDocument.target) : 'xl/workbook.xml';
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  const found = await readXml(file, entries, workbookPart, {
    open(tag, attrs) {
      if (tag === 'sheet') sheets.push({ name: attrs.get('name') ?? '', rid: attrs.get('r:id') ?? /\s[\w.-]+:id\s*=\s*["']([^"']*)/.exec(attrs.text())?.[1] ?? '' });
      else if (tag === 'workbookPr') date1904 = ['1', 'true'].includes(attrs.get('date1904') ?? '');
    },
    close() {},
    text() {},
  });
  if (!found) throw new WorkbookProblem(NOT_XLSX);
  const rels = await relationships(file, entries, relsOf(workbookPart));
  const sheet = sheets.find((s) => !options.skipSheets?.includes(s.name) && rels.get(s.rid)?.type.endsWith('/worksheet'));
  if (!sheet) throw new WorkbookProblem('工作簿中没有可读取的工作表，请使用导入模板填写后上传');
  const sharedPart = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'));
  const strings = await sharedStrings(file, entries, sharedPart && resolvePart(workbookPart, sharedPart.target));
  const sheetPart = resolvePart(workbookPart, rels.get(sheet.rid)!.target);
  const entry = entries.get(sheetPart);
  if (!entry) throw new WorkbookProblem(NOT_XLSX);
  const info: SheetInfo = { name: sheet.name, date1904 };

  const rows: RawRow[] = [];
  const scanner = new XmlScanner(new SheetParser(strings, rows));
  for await (const chunk of entryBytes(file, entry)) {
    scanner.feed(chunk);
    if (rows.length >= 500) yield { sheet: info, rows: rows.splice(0) };
  }
  if (rows.length) yield { sheet: info, rows: rows.splice(0) };
}

/** Collects cells of `<sheetData>` into rows; carries partial tags across chunks itself. */
class SheetParser implements XmlHandler {
  private row: RawRow | null = null;
  private lastRow = 0;
  private col = 0;
  private type = '';
  private value: string | null = null;
  /** A shared-string cell's index, read from the digits of its <v> without making a string. */
  private index = 0;
  private formula: string | null = null;
  private inline = '';
  private capture: 'v' | 'f' | 't' | null = null;
  private inInline = false;
  private phonetic = 0;

  constructor(private readonly strings: string[], private readonly out: RawRow[]) {}

  open(name: string, attrs: Attributes, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const at = attrs.valueAt('r');
        const r = at < 0 ? NaN : digitsAt(attrs, at, attrs.valueEnd);
        this.lastRow = r > 0 ? r : this.lastRow + 1;
        this.row = { number: this.lastRow, cells: [] };
        this.col = 0;
        break;
      }
      case 'c': {
        const at = attrs.valueAt('r');
        this.col = at < 0 ? this.col + 1 : columnNumber(attrs, at, attrs.valueEnd);
        this.type = cellType(attrs);
        this.value = null;
        this.index = 0;
        this.formula = null;
        this.inline = '';
        break;
      }
      case 'v':
        if (!selfClosing) this.capture = 'v';
        this.value = '';
        break;
      case 'f':
        this.formula = '';
        if (!selfClosing) this.capture = 'f';
        break;
      case 'is':
        this.inInline = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.capture = 't';
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture = null;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        if (this.row) {
          const value = this.cellValue();
          if (value !== undefined) this.row.cells[this.col] = value;
        }
        break;
      case 'row':
        if (this.row) this.out.push(this.row);
        this.row = null;
        break;
    }
  }

  text(buf: Buffer, start: number, end: number, cdata: boolean): void {
    if (this.capture === 'v' && this.type === 's') {
      // Digits (and the odd space) only; anything else makes the index unusable, as Number() would.
      for (let i = start; i < end; i++) {
        const c = buf[i];
        if (c >= 48 && c <= 57) this.index = this.index * 10 + (c - 48);
        else if (!isSpace(c)) this.index = NaN;
      }
    } else if (this.capture === 'v') {
      this.value += rawText(buf, start, end, cdata);
    } else if (this.capture === 'f') {
      this.formula += rawText(buf, start, end, cdata);
    } else if (this.capture === 't') {
      this.inline += decodeXmlText(rawText(buf, start, end, cdata));
    }
  }

  private cellValue(): RawCell | undefined {
    const v = this.value;
    let value: string | number | boolean | { error: string } | undefined;
    switch (this.type) {
      case 's':
        value = v === null ? undefined : this.strings[this.index];
        break;
      case 'inlineStr':
        value = this.inline;
        break;
      case 'str':
      case 'd':
        value = v === null ? undefined : decodeXmlText(v);
        break;
      case 'b':
        value = v === null ? undefined : v.trim() === '1' || v.trim() === 'true';
        break;
      case 'e':
        value = { error: v === null ? '#ERROR' : decodeXmlText(v) };
        break;
      default:
        value = v === null || v.trim() === '' ? undefined : Number(v);
    }
    if (this.formula !== null) {
      if (value !== undefined && typeof value === 'object') return value;
      return { formula: decodeXmlText(this.formula), result: value };
    }
    return value;
  }
}

/** A cell's `t` attribute ('n' when absent); the usual one-letter types without decoding. */
function cellType(attrs: Attributes): string {
  const at = attrs.valueAt('t');
  if (at < 0) return 'n';
  if (attrs.valueEnd - at === 1) {
    switch (attrs.byteAt(at)) {
      case 115: return 's';
      case 110: return 'n';
      case 98: return 'b';
      case 101: return 'e';
      case 100: return 'd';
    }
  }
  return attrs.get('t') ?? 'n';
}

/** The positive integer written at [start, end), or NaN. */
function digitsAt(attrs: Attributes, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = attrs.byteAt(i);
    if (c < 48 || c > 57) return NaN;
    n = n * 10 + (c - 48);
  }
  return end > start ? n : NaN;
}

/** 'AB12' → 28: the column letters at the start of a cell reference. */
function columnNumber(attrs: Attributes, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = attrs.byteAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}
