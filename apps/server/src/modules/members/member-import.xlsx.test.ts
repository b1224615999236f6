import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorksheet, type RawRow, type SheetInfo } from './member-import.xlsx';

// The xlsx reader on XML spelt the ways other writers spell it (namespace prefixes, single
// quotes, spaces around '=', CDATA, comments, phonetic runs), in a sheet large enough that the
// reader's 256 KB chunks cut tags, values and UTF-8 characters in two.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-xlsx-scan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A zip of stored (uncompressed) entries; the CRC is left 0, which the reader does not check. */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function sheetRow(n: number): string {
  return (
    `<x:row r="${n}">` +
    `<x:c r="A${n}" t="s"><x:v>${n % 3}</x:v></x:c>` +
    `<x:c r = 'B${n}' t='inlineStr'><x:is><x:t>第${n}行·${'长'.repeat(n % 7)}</x:t></x:is></x:c>` +
    `<x:c r="C${n}" s="3"><x:v>${n}.5</x:v></x:c>` +
    `<x:c r="D${n}" t="b"><x:v>1</x:v></x:c><!-- a <comment> -->` +
    `<x:c r="E${n}" t="str"><x:f>A1&amp;"x"</x:f><x:v>甲&lt;${n}</x:v></x:c>` +
    `<x:c r="F${n}" t="e"><x:v>#N/A</x:v></x:c>` +
    `<x:c r="G${n}"/>` +
    `</x:row>`
  );
}

async function readAll(file: string): Promise<{ rows: RawRow[]; sheet: SheetInfo | null }> {
  const rows: RawRow[] = [];
  let sheet: SheetInfo | null = null;
  for await (const chunk of readWorksheet(file, { skipSheets: ['填写说明'] })) {
    rows.push(...chunk.rows);
    sheet = chunk.sheet;
  }
  return { rows, sheet };
}

describe('the xlsx reader on other writers’ XML', () => {
  it('reads every cell of a sheet cut into chunks mid-tag, mid-value and mid-character', async () => {
    const count = 6000;
    const file = path.join(dir, 'prefixed.xlsx');
    fs.writeFileSync(file, storedZip({
      '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${REL}/package"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<?xml version="1.0"?><x:workbook ${NS} xmlns:r="${REL}"><x:workbookPr date1904='1'/><x:sheets>` +
        `<x:sheet name="填写说明" sheetId="1" r:id="rId3"/><x:sheet name="党员 &amp; 信息" sheetId="2" r:id="rId1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${REL}/package">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<x:sst ${NS}><x:si><x:t>甲 &amp; 乙</x:t></x:si>` +
        `<x:si><x:r><x:t>富</x:t></x:r><x:r><x:t xml:space="preserve">文本 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ふ</x:t></x:rPh></x:si>` +
        `<x:si><x:t><![CDATA[<原样> & 不转义]]></x:t></x:si></x:sst>`,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><x:worksheet ${NS}><x:sheetData>${Array.from({ length: count }, (_, i) => sheetRow(i + 1)).join('\n')}</x:sheetData></x:worksheet>`,
      'xl/worksheets/sheet2.xml': `<x:worksheet ${NS}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>说明</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
    }));
    expect(fs.statSync(file).size).toBeGreaterThan(3 * 256 * 1024);

    const { rows, sheet } = await readAll(file);
    expect(sheet).toEqual({ name: '党员 & 信息', date1904: true });
    expect(rows).toHaveLength(count);
    const shared = ['甲 & 乙', '富文本 ', '<原样> & 不转义'];
    rows.forEach((row, i) => {
      const n = i + 1;
      expect(row.number).toBe(n);
      expect(row.cells.slice(1)).toEqual([shared[n % 3], `第${n}行·${'长'.repeat(n % 7)}`, n + 0.5, true, { formula: 'A1&"x"', result: `甲<${n}` }, { error: '#N/A' }]);
    });
  });
});
