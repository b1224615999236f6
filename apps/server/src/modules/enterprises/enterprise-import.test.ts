import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, makeUscc, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { multipart } from '../../test/matrix';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let session: Session;
let city: ReturnType<typeof as>;
let n = 0;
const uscc = () => makeUscc(`91330483MA6${String(++n).padStart(6, '0')}`);

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  session = await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username);
  city = as(t.app, session);
});
afterAll(() => t.close());

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(url: string, fields: Record<string, string>, content: Buffer) {
  const body = multipart(fields, { name: '名录.xlsx', content });
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
}
const count = async (townOrgId: number) => Number((await t.db.selectFrom('enterprise').select((eb) => eb.fn.countAll().as('n')).where('townOrgId', '=', townOrgId).executeTakeFirstOrThrow()).n);

describe('importing the registry', () => {
  it('reports every bad row (row, column, value, reason) before writing, then writes all-or-nothing or valid rows only', async () => {
    const town = await t.given.org({ parentId: tree.city.id, kind: 'workCommittee', isTown: true });
    const dupCode = uscc();
    const existing = uscc();
    await t.db.insertInto('enterprise').values({ uscc: existing, name: '名录里已有的公司', townOrgId: town.id }).execute();
    const file = await xlsx([
      ['统一社会信用代码*', '单位名称*', '企业类别', '从业人数', '经营状态', '状态原因', '落户日期'],
      [dupCode, '好公司甲', '商务平台', 30, '正常经营', '', addDays(todayInShanghai(), -10)],
      ['91330483MA2B3C4D50', '校验位错的公司', '', 12, '', '', ''],
      [dupCode, '同码公司', '', 15, '', '', ''],
      [existing, '重复登记', '', 15, '', '', ''],
      [uscc(), '人数写错', '', '三十', '', '', ''],
      [uscc(), '关门没原因', '', 20, '已注销/关闭', '', ''],
      [uscc(), '好公司乙', '社交媒体', 8, '', '', '2019-01-01'],
    ]);
    const report = (await upload('/api/enterprises/import', { townOrgId: String(town.id), mode: 'check' }, file)).json();
    expect(report).toMatchObject({ total: 7, valid: 2, committed: false, created: 0 });
    expect(report.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [3, '统一社会信用代码'], [4, '统一社会信用代码'], [5, '统一社会信用代码'], [6, '从业人数'], [7, '状态原因'],
    ]);
    expect(report.issues[1].reason).toContain('第2行');
    expect(report.issues[2].reason).toContain('名录里已有的公司');
    expect(report.issues[3].value).toBe('三十');
    expect(await count(town.id)).toBe(1);

    const all = (await upload('/api/enterprises/import', { townOrgId: String(town.id), mode: 'all' }, file)).json();
    expect(all).toMatchObject({ committed: false, created: 0 });
    expect(await count(town.id)).toBe(1);

    const some = (await upload('/api/enterprises/import', { townOrgId: String(town.id), mode: 'validOnly' }, file)).json();
    expect(some).toMatchObject({ committed: true, created: 2 });
    const rows = await t.db.selectFrom('enterprise').select(['id', 'name', 'kindCode', 'inDenominator']).where('townOrgId', '=', town.id).orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['名录里已有的公司', '好公司乙', '好公司甲'].sort());
    // Only the company settled within 90 days gets a survey task.
    const tasks = await t.db.selectFrom('surveyTask as s').innerJoin('enterprise as e', 'e.id', 's.enterpriseId').select('e.name').where('s.townOrgId', '=', town.id).execute();
    expect(tasks.map((x) => x.name)).toEqual(['好公司甲']);
  });

  it('refuses a sheet without the required columns and a town outside the caller\'s scope', async () => {
    const noCols = await upload('/api/enterprises/import', { townOrgId: String(tree.townA.id) }, await xlsx([['名称', '人数'], ['某公司', 3]]));
    expect(noCols.statusCode).toBe(400);
    expect(noCols.json().message).toContain('统一社会信用代码');
    const other = await t.given.org({ kind: 'workCommittee', isTown: true });
    const out = await upload('/api/enterprises/import', { townOrgId: String(other.id) }, await xlsx([['统一社会信用代码', '单位名称'], [uscc(), '某公司']]));
    expect(out.statusCode).toBe(404);
  });

  it('refuses a file that is not an .xlsx, and a zip that would unpack far beyond a registry\'s size', async () => {
    const text = await upload('/api/enterprises/import', { townOrgId: String(tree.townA.id) }, Buffer.from('统一社会信用代码,单位名称\n'));
    expect(text.statusCode).toBe(400);
    expect(text.json().details.issues[0].path).toBe('file');
    // A central directory that declares one 3 GB entry: refused before anything is unpacked.
    const cd = Buffer.alloc(46 + 1);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt32LE(3_000_000_000, 24);
    cd.writeUInt16LE(1, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(cd.length, 12);
    eocd.writeUInt32LE(0, 16);
    const bomb = await upload('/api/enterprises/import', { townOrgId: String(tree.townA.id) }, Buffer.concat([cd, eocd]));
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().message).toContain('过大');
  });

  it('gives a template whose own example row imports nothing', async () => {
    const res = await city.get('/api/enterprises/import/template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['企业名录', '填写说明']);
    const report = (await upload('/api/enterprises/import', { townOrgId: String(tree.townA.id), mode: 'check' }, res.rawPayload)).json();
    expect(report).toMatchObject({ total: 1, valid: 0, issues: [] });
  });
});

describe('reconciling with a registry extract', () => {
  it('lists new, changed and gone companies and applies them: gone ones leave the denominator with a reason', async () => {
    const town = await t.given.org({ parentId: tree.city.id, kind: 'workCommittee', isTown: true });
    const same = uscc();
    const moved = uscc();
    const vanished = uscc();
    await t.db.insertInto('enterprise').values([
      { uscc: same, name: '不变公司', townOrgId: town.id, staffCount: 20 },
      { uscc: moved, name: '改名前公司', townOrgId: town.id, staffCount: 20 },
      { uscc: vanished, name: '消失公司', townOrgId: town.id, staffCount: 50 },
    ]).execute();
    const fresh = uscc();
    const old = uscc();
    const file = await xlsx([
      ['统一社会信用代码', '企业名称', '登记状态', '从业人数', '成立日期'],
      [same, '不变公司', '存续', 20, ''],
      [moved, '改名后公司', '注销', 20, ''],
      [fresh, '新落户公司', '存续', 15, addDays(todayInShanghai(), -30)],
      [old, '老公司首次入册', '存续', 15, '2015-01-01'],
    ]);
    const preview = (await upload('/api/enterprises/reconcile', { townOrgId: String(town.id) }, file)).json();
    expect(preview.applied).toBe(false);
    expect(preview.added.map((a: { name: string; survey: boolean }) => [a.name, a.survey])).toEqual([['新落户公司', true], ['老公司首次入册', false]]);
    expect(preview.changed).toEqual([expect.objectContaining({ name: '改名前公司', changes: [{ field: 'name', from: '改名前公司', to: '改名后公司' }, { field: 'operatingStatus', from: 'operating', to: 'closed' }] })]);
    expect(preview.gone.map((g: { name: string }) => g.name)).toEqual(['消失公司']);
    expect(await count(town.id)).toBe(3);

    const applied = (await upload('/api/enterprises/reconcile', { townOrgId: String(town.id), apply: 'true', goneReason: '2026年11月市场监管名录中已无' }, file)).json();
    expect(applied.applied).toBe(true);
    const rows = await t.db.selectFrom('enterprise').select(['uscc', 'name', 'operatingStatus', 'inDenominator', 'goneOn', 'goneReason']).where('townOrgId', '=', town.id).execute();
    const by = new Map(rows.map((r) => [r.uscc, r]));
    expect(by.get(vanished)).toMatchObject({ inDenominator: false, goneReason: '2026年11月市场监管名录中已无', goneOn: todayInShanghai() });
    expect(by.get(moved)).toMatchObject({ name: '改名后公司', operatingStatus: 'closed', inDenominator: false });
    expect(by.get(fresh)).toMatchObject({ name: '新落户公司', inDenominator: true });
    const tasks = await t.db.selectFrom('surveyTask as s').innerJoin('enterprise as e', 'e.id', 's.enterpriseId').select('e.uscc').where('s.townOrgId', '=', town.id).execute();
    expect(tasks.map((x) => x.uscc)).toEqual([fresh]);
  });
});

describe('export', () => {
  it('exports the current filter as .xlsx', async () => {
    const town = await t.given.org({ parentId: tree.city.id, kind: 'workCommittee', isTown: true });
    await t.db.insertInto('enterprise').values([
      { uscc: uscc(), name: '导出甲公司', townOrgId: town.id, staffCount: 20 },
      { uscc: uscc(), name: '导出乙公司', townOrgId: town.id, staffCount: 3 },
    ]).execute();
    const res = await city.get(`/api/enterprises/export?townOrgId=${town.id}&inDenominator=true`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(3).value).toBe('导出甲公司');
  });
});
