import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access } from '../../platform/access';
import { createTestApp, type TestApp } from '../../test/app';
import { createMemberExportService, type MemberExportService } from './member-export.service';
import { accessFor } from './member-import.fixtures';
import type { MemberExportInput } from './member-import.schemas';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let exporter: MemberExportService;
let members: { id: number; idNumber: string; name: string }[];

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  exporter = createMemberExportService(t.ctx);
  members = [
    await t.given.member({ orgId: tree.branchA.id, name: '导出甲', phone: '13912340001', keyPositions: ['manager'] }),
    await t.given.member({ orgId: tree.branchA.id, name: '导出乙', category: 'probationary' }),
  ];
  await t.given.member({ orgId: tree.branchB.id, name: '导出丙' });
});
afterAll(() => t.close());

const query = (q: Partial<MemberExportInput> = {}): MemberExportInput => ({ sort: 'name', order: 'asc', ...q });

/** Runs the export into memory and reads the workbook back with exceljs. */
async function exportRows(access: Access, q: Partial<MemberExportInput> = {}) {
  const plan = await exporter.plan(access, query(q));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const { rows } = await exporter.write(plan, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const values: string[][] = [];
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return { rows, header: values[0], data: values.slice(1), plan };
}

describe('exporting the roster', () => {
  it('writes the template columns plus the organisation, with ID numbers and phones masked, and audits every exported member', async () => {
    const secretary = await accessFor(t.ctx, t.given, 'orgAdmin', tree.branchA.id);
    const { rows, header, data } = await exportRows(secretary);
    expect(rows).toBe(2);
    expect(header.slice(0, 3)).toEqual(['姓名', '身份证号', '性别']);
    expect(header.slice(-2)).toEqual(['所在组织', '组织编码']);
    const first = Object.fromEntries(header.map((h, i) => [h, data[0][i]]));
    expect(first).toMatchObject({ 姓名: '导出乙', 人员类别: '预备党员', 所在组织: '甲镇某公司党支部' });
    const second = Object.fromEntries(header.map((h, i) => [h, data[1][i]]));
    expect(second).toMatchObject({ 姓名: '导出甲', 身份证号: `330483********${members[0].idNumber.slice(-4)}`, 手机号: '139****0001', 关键岗位: '管理层', 人员类别: '正式党员' });
    expect(JSON.stringify(data)).not.toContain(members[0].idNumber);
    expect(JSON.stringify(data)).not.toContain('13912340001');
    const entry = await t.db.selectFrom('auditLog').select(['id', 'detail', 'actorUserId']).where('action', '=', 'member.export').where('actorUserId', '=', secretary.actor.userId).executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ rows: 2, reveal: false, filters: { sort: 'name', order: 'asc' } });
    const subjects = await t.db.selectFrom('auditSubject').select('memberId').where('auditId', '=', entry.id).orderBy('memberId').execute();
    expect(subjects.map((s) => s.memberId)).toEqual(members.map((m) => m.id).sort((a, b) => a - b));
  });

  it('keeps a searched ID number out of the audit trail', async () => {
    const secretary = await accessFor(t.ctx, t.given, 'orgAdmin', tree.branchA.id);
    const { rows } = await exportRows(secretary, { q: members[0].idNumber });
    expect(rows).toBe(1);
    const entries = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'member.export').where('actorUserId', '=', secretary.actor.userId).execute();
    expect(JSON.stringify(entries)).not.toContain(members[0].idNumber);
    expect(JSON.stringify(entries)).toContain(`330483********${members[0].idNumber.slice(-4)}`);
  });

  it('reveals full values only with reveal=true and member.reveal over the whole range, and says so in the audit', async () => {
    const secretary = await accessFor(t.ctx, t.given, 'orgAdmin', tree.branchA.id);
    const { data, header } = await exportRows(secretary, { reveal: 'true' });
    const second = Object.fromEntries(header.map((h, i) => [h, data[1][i]]));
    expect(second).toMatchObject({ 身份证号: members[0].idNumber, 手机号: '13912340001' });
    const entry = await t.db.selectFrom('auditLog').select('detail').where('action', '=', 'member.export').where('actorUserId', '=', secretary.actor.userId).executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ reveal: true, rows: 2 });
  });

  it('refuses reveal to a role without member.reveal (403) and an organisation out of scope (404)', async () => {
    const coordinator = await accessFor(t.ctx, t.given, 'townCoordinator', tree.townA.id);
    await expect(exporter.plan(coordinator, query({ reveal: 'true' }))).rejects.toMatchObject({ statusCode: 403 });
    await expect(exporter.plan(coordinator, query({ orgId: tree.branchB.id }))).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses reveal when part of the exported range is outside the reveal scope, and allows it once narrowed', async () => {
    const user = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }, { role: 'orgAdmin', orgId: tree.branchA.id }]);
    const paths = await t.db.selectFrom('org').select(['id', 'path', 'name']).where('id', 'in', [tree.townA.id, tree.branchA.id]).execute();
    const access = new Access({
      userId: user.id, username: user.username, displayName: 'x', memberId: null, mustChangePassword: false, ip: '127.0.0.1',
      grants: paths.map((p, i) => ({ id: i + 1, role: p.id === tree.townA.id ? 'townCoordinator' : 'orgAdmin', orgId: p.id, orgPath: p.path, orgName: p.name })),
    }, t.ctx.rolePermissions());
    await expect(exporter.plan(access, query({ reveal: 'true' }))).rejects.toMatchObject({ statusCode: 403, code: 'REVEAL_OUT_OF_SCOPE' });
    const { rows } = await exportRows(access, { reveal: 'true', orgId: tree.branchA.id });
    expect(rows).toBe(2);
  });
});
