import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '@hongyun/shared';
import { ROSTER_COLUMNS, resolveHeader, type RosterValues } from './member-import.columns';
import { checkRow, parseDate, type RowContext } from './member-import.rows';
import { buildTemplate } from './member-import.template';
import { readWorksheet, sniffFile, WorkbookProblem, type RawRow } from './member-import.xlsx';

const TODAY = '2026-11-26';
const ctx: RowContext = { today: TODAY, date1904: false, partyGroups: new Map([['第一党小组', 7]]) };
const positions = new Map(ROSTER_COLUMNS.map((c, i) => [c.key, i + 1])) as ReadonlyMap<keyof RosterValues, number>;
const id = makeIdNumber('330483', '1990-03-15', 12, 'male');

function cells(values: Partial<Record<keyof RosterValues, unknown>>): unknown[] {
  const out: unknown[] = [];
  ROSTER_COLUMNS.forEach((c, i) => (out[i + 1] = values[c.key]));
  return out;
}
const base = { name: '李四', idNumber: id, category: '正式党员', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' };

async function readAll(file: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const chunk of readWorksheet(file, { skipSheets: ['填写说明', '选项'] })) rows.push(...chunk.rows);
  return rows;
}

describe('roster header', () => {
  it('accepts the template titles with their * marks and ignores the export-only columns', () => {
    const titles = new Map([[1, '姓名*'], [2, ' 身份证号 * '], [3, '人员类别（必填）'], [4, '入党日期*'], [5, '所在组织']]);
    expect(resolveHeader(titles).ok).toBe(true);
  });

  it('names missing, unknown and misspelt columns in one message', () => {
    const result = resolveHeader(new Map([[1, '姓名'], [2, '身分证号'], [3, '人员类别'], [4, '爱好']]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('缺少必填列 “身份证号”、“入党日期”');
    expect(result.message).toContain('“身分证号”（是否应为“身份证号”？）');
    expect(result.message).toContain('“爱好”');
  });
});

describe('one roster row', () => {
  it('maps Chinese labels to the stored values and derives gender and birth date from the ID', () => {
    const r = checkRow(cells({ ...base, status: '正常', education: '大学本科', keyPositions: '管理层，网络技术研发', isMobile: '是', partyGroupName: '第一党小组', ethnicity: '汉' }), positions, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.values).toMatchObject({ category: 'full', status: 'normal', education: 'bachelor', keyPositions: ['manager', 'rnd'], isMobile: true, ethnicity: '汉族' });
    expect(r.prepared).toMatchObject({ gender: 'male', birthDate: '1990-03-15', idNumber: id });
    expect(r.partyGroupId).toBe(7);
  });

  it('refuses an ID number stored as a number and tells the user to use text format, masking the value', () => {
    const r = checkRow(cells({ ...base, idNumber: 330483199003150000 }), positions, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ column: '身份证号', value: '330483********0000', reason: expect.stringContaining('请将身份证号列设置为文本格式') }]);
  });

  it('reports a bad checksum on the ID column with the masked value', () => {
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const r = checkRow(cells({ ...base, idNumber: bad }), positions, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ column: '身份证号', value: `330483********${bad.slice(-4)}`, reason: '身份证号校验位不正确，请核对最后一位' }]);
    expect(JSON.stringify(r.issues)).not.toContain(bad);
  });

  it('masks an ID number typed into another column in the report', () => {
    const r = checkRow(cells({ ...base, name: `张${id}` }), positions, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ column: '姓名', value: `张330483********${id.slice(-4)}` });
  });

  it('reads rich text, formula results, Date objects and Excel serial dates', () => {
    const r = checkRow(cells({
      ...base,
      name: { richText: [{ text: '李' }, { text: '四' }] },
      category: { formula: 'IF(1,"正式党员","")', result: '正式党员' },
      joinedOn: new Date(Date.UTC(2015, 6, 1)),
      confirmedOn: 42552, // 2016-07-01
    }), positions, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.values).toMatchObject({ name: '李四', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' });
  });

  it('explains a formula without a cached result and an error cell', () => {
    const r = checkRow(cells({ ...base, job: { formula: 'A1' }, employerName: { error: '#N/A' } }), positions, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.column).sort()).toEqual(['工作单位', '工作岗位']);
    expect(r.issues.find((i) => i.column === '工作岗位')?.reason).toContain('选择性粘贴为数值');
  });

  it('rejects HTML or SQL in a name through the shared name rule', () => {
    const r = checkRow(cells({ ...base, name: "<script>x</script>'; drop table member;--" }), positions, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ column: '姓名', reason: expect.stringContaining('姓名只能包含') });
  });

  it('lists the allowed values for an unknown category, key position and flag', () => {
    const r = checkRow(cells({ ...base, category: '党员', keyPositions: '程序员', isInHardship: '可能' }), positions, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.find((i) => i.column === '人员类别')?.reason).toBe('应为以下之一：正式党员、预备党员');
    expect(r.issues.find((i) => i.column === '关键岗位')?.reason).toContain('“程序员”不是关键岗位');
    expect(r.issues.find((i) => i.column === '困难党员')?.reason).toContain('“是”或“否”');
  });

  it('reports a party group the organisation does not have and a probationary member with a confirmation date', () => {
    const r = checkRow(cells({ ...base, category: '预备党员', partyGroupName: '第九党小组' }), positions, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.column).sort()).toEqual(['党小组', '转正日期']);
  });

  it('asks for the name and category when they are empty', () => {
    const r = checkRow(cells({ idNumber: id, joinedOn: '2015-07-01' }), positions, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.reason)).toEqual(expect.arrayContaining(['请填写姓名', '请填写人员类别：正式党员 或 预备党员']));
  });
});

describe('dates', () => {
  it.each([
    ['2015-03-01', '2015-03-01'], ['2015/3/1', '2015-03-01'], ['2015.3.1', '2015-03-01'], ['2015年3月1日', '2015-03-01'], ['20150301', '2015-03-01'],
    [20150301, '2015-03-01'], [42064, '2015-03-01'],
  ])('reads %s', (input, expected) => {
    expect(parseDate(input, false)).toEqual({ ok: true, value: expected });
  });

  it('counts serials from 1904 when the workbook says so', () => {
    expect(parseDate(40602, true)).toEqual({ ok: true, value: '2015-03-01' });
  });

  it('refuses impossible dates', () => {
    expect(parseDate('2015-02-30', false).ok).toBe(false);
    expect(parseDate('下个月', false).ok).toBe(false);
  });
});

describe('the xlsx reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-xlsx-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads shared strings, inline strings, rich text, numbers, booleans, formulas and errors as exceljs wrote them', async () => {
    for (const streaming of [false, true]) {
      const file = path.join(dir, `cells-${streaming}.xlsx`);
      const values: ExcelJS.CellValue[] = ['文字 & <符号>', { richText: [{ text: '富', font: { bold: true } }, { text: '文本' }] }, 42.5, true, { formula: 'A1&"x"', result: '文字x' }, { error: '#N/A' }, new Date(Date.UTC(2020, 0, 2))];
      if (streaming) {
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
        const ws = wb.addWorksheet('党员信息');
        ws.addRow(values).commit();
        await wb.commit();
      } else {
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet('党员信息').addRow(values);
        await wb.xlsx.writeFile(file);
      }
      const [row] = await readAll(file);
      expect(row.number).toBe(1);
      expect(row.cells.slice(1, 7)).toEqual(['文字 & <符号>', '富文本', 42.5, true, { formula: 'A1&"x"', result: '文字x' }, { error: '#N/A' }]);
      expect(parseDate(row.cells[7] as number, false)).toEqual({ ok: true, value: '2020-01-02' });
    }
  });

  it('reads the template: the roster sheet, not the 填写说明 sheet', async () => {
    const file = path.join(dir, 'template.xlsx');
    fs.writeFileSync(file, await buildTemplate());
    const rows = await readAll(file);
    expect(rows[0].cells[1]).toBe('姓名*');
    expect(String(rows[1].cells[1])).toMatch(/^示例/);
  });

  it('recognises non-zip files and refuses a damaged zip with a message', async () => {
    const text = path.join(dir, 'roster.csv');
    fs.writeFileSync(text, '姓名,身份证号\n');
    expect(await sniffFile(text)).toBe('other');
    const broken = path.join(dir, 'broken.xlsx');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(await sniffFile(broken)).toBe('zip');
    await expect(readAll(broken)).rejects.toBeInstanceOf(WorkbookProblem);
  });
});
