import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { makeIdNumber, type Role } from '@hongyun/shared';
import { Access, type Actor } from '../../platform/access';
import type { AppContext } from '../../platform/context';
import { ROSTER_COLUMNS, headerTitle, type RosterValues } from './member-import.columns';

// Test data for the import and export tests: roster workbooks written with exceljs, and the
// Access of an account with one grant. Used by *.test.ts only.

export type RosterRow = Partial<Record<keyof RosterValues, ExcelJS.CellValue>>;

/** A valid row; distinct `n` (0..9999) give distinct ID numbers and phones. */
export function validRow(n: number, overrides: RosterRow = {}): RosterRow {
  const birth = `${1970 + Math.floor(n / 500)}-05-1${n % 10}`;
  return {
    name: '王小明', idNumber: makeIdNumber('330483', birth, n % 500, n % 2 ? 'male' : 'female'), phone: `1391234${String(n).padStart(4, '0')}`,
    category: '正式党员', joinedOn: '2015-07-01', confirmedOn: '2016-07-01', keyPositions: '管理层、网络技术研发', isMobile: '否', ...overrides,
  };
}

const rosterDir = path.join(os.tmpdir(), `hongyun-roster-${process.pid}`);

/** Removes the workbooks writeRoster wrote (call in afterAll). */
export function removeRosters(): void {
  fs.rmSync(rosterDir, { recursive: true, force: true });
}

/** Writes a roster workbook; `titles` defaults to the template's header. */
export async function writeRoster(rows: RosterRow[], options: { titles?: string[]; dir?: string; name?: string; example?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('党员信息');
  const titles = options.titles ?? ROSTER_COLUMNS.map(headerTitle);
  sheet.addRow(titles);
  if (options.example) sheet.addRow(['示例：张三', '330483199003150011']);
  for (const r of rows) sheet.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? null));
  fs.mkdirSync(rosterDir, { recursive: true });
  const dir = options.dir ?? fs.mkdtempSync(path.join(rosterDir, 'r-'));
  const file = path.join(dir, options.name ?? 'roster.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** The Access of a real account (import jobs reference app_user) with one grant. */
export async function accessFor(ctx: AppContext, given: { user(grants: { role: Role; orgId: number }[]): Promise<{ id: number; username: string }> }, role: Role, orgId: number): Promise<Access> {
  const user = await given.user([{ role, orgId }]);
  const org = await ctx.db.selectFrom('org').select(['path', 'name']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: `用户${user.username}`, memberId: null, mustChangePassword: false, ip: '127.0.0.1',
    grants: [{ id: 1, role, orgId, orgPath: org.path, orgName: org.name }],
  };
  return new Access(actor, ctx.rolePermissions());
}
