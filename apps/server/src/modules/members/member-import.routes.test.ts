import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import ExcelJS from 'exceljs';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../platform/context';
import { installErrorHandling, requireAccessDeclarations } from '../../platform/http';
import { installSessions } from '../../platform/session';
import { authRoutes } from '../auth/auth.routes';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { removeRosters, validRow, writeRoster } from './member-import.fixtures';
import { memberImportRoutes } from './member-import.routes';

// The routes over HTTP on an app built like app.ts (sessions, CSRF, multipart limit, error
// envelope) with these routes registered, whether or not app.ts registers them yet.

let t: TestApp;
let app: FastifyInstance;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let secretary: Session;
let plainMember: Session;

async function buildImportApp(ctx: AppContext): Promise<FastifyInstance> {
  const a = Fastify({ bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  a.setValidatorCompiler(validatorCompiler);
  a.setSerializerCompiler(serializerCompiler);
  installErrorHandling(a);
  requireAccessDeclarations(a, []);
  await a.register(cookie);
  await a.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10 } });
  installSessions(a, ctx.db, ctx.rolePermissions);
  await a.register(authRoutes(ctx));
  await a.register(memberImportRoutes(ctx));
  await a.ready();
  return a;
}

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer };

function form(parts: Part[]) {
  const boundary = `----hongyun${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = 'filename' in p ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    const type = 'filename' in p ? '\r\nContent-Type: application/octet-stream' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push('filename' in p ? p.content : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(session: Session, parts: Part[]) {
  const { payload, contentType } = form(parts);
  return app.inject({ method: 'POST', url: '/api/members/import', payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType } });
}

async function waitFor(session: Session, jobId: string, statuses: string[]) {
  for (let i = 0; i < 200; i++) {
    const res = await as(app, session).get(`/api/import-jobs/${jobId}`);
    if (statuses.includes(res.json().status)) return res.json();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${jobId} never reached ${statuses.join('/')}`);
}

const uploadsDir = () => path.join(t.ctx.config.dataDir, 'uploads');
const leftovers = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []);
/** Upload files that appeared since `before` (another test's finished job may remove its own). */
const newFiles = (before: string[]) => leftovers().filter((f) => !before.includes(f));

beforeAll(async () => {
  t = await createTestApp();
  app = await buildImportApp(t.ctx);
  tree = await t.given.tree();
  secretary = await login(app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }])).username);
  const me = await t.given.member({ orgId: tree.branchA.id });
  plainMember = await login(app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: me.id })).username);
});
afterAll(async () => {
  await app.close();
  await t.close();
  fs.rmSync(t.ctx.config.dataDir, { recursive: true, force: true });
  removeRosters();
});

describe('the import template', () => {
  it('downloads as 党员导入模板.xlsx with the roster and 填写说明 sheets', async () => {
    const res = await as(app, secretary).get('/api/members/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员导入模板.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '填写说明', '选项']);
    expect(wb.getWorksheet('党员信息')!.getRow(1).getCell(2).value).toBe('身份证号*');
  });

  it('is refused to a member without the import permission', async () => {
    expect((await as(app, plainMember).get('/api/members/import/template')).statusCode).toBe(403);
  });
});

describe('uploading', () => {
  it('accepts an .xlsx with 202 and a job id, then validates, reports and imports it', async () => {
    const rows = [validRow(9001, { name: '接口甲' }), validRow(9002, { name: '接口乙', phone: '12345' })];
    const file = fs.readFileSync(await writeRoster(rows));
    const res = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'file', filename: '名册.xlsx', content: file }]);
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    const job = await waitFor(secretary, jobId, ['validated', 'failed']);
    expect(job).toMatchObject({ status: 'validated', fileName: '名册.xlsx', orgId: tree.branchA.id, orgName: '甲镇某公司党支部', totalRows: 2, validRows: 1, errorRows: 1, mode: null });
    const errors = await as(app, secretary).get(`/api/import-jobs/${jobId}/errors?page=1&pageSize=10`);
    expect(errors.json()).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ rowNumber: 3, column: '手机号', value: '*****', reason: expect.any(String) }] });
    expect((await as(app, secretary).post(`/api/import-jobs/${jobId}/commit`, { mode: 'allOrNothing' })).statusCode).toBe(409);
    expect((await as(app, secretary).post(`/api/import-jobs/${jobId}/commit`, { mode: 'validOnly', force: true })).json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('force') });
    expect((await as(app, secretary).post(`/api/import-jobs/${jobId}/commit`, { mode: 'validOnly' })).statusCode).toBe(202);
    expect(await waitFor(secretary, jobId, ['done', 'failed'])).toMatchObject({ status: 'done', importedRows: 1, mode: 'validOnly' });
  });

  it('refuses a file that is not an xlsx by its content, whatever its name, keeping nothing', async () => {
    const before = leftovers();
    const res = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'file', filename: 'roster.xlsx', content: Buffer.from('姓名,身份证号\n') }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_FILE', message: expect.stringContaining('.xlsx') });
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const old = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'file', filename: 'roster.xls', content: xls }]);
    expect(old.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('旧版 .xls') });
    const docx = fs.readFileSync(await writeRoster([validRow(9003)]));
    expect((await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'file', filename: 'roster.docx', content: docx }])).statusCode).toBe(400);
    expect(newFiles(before)).toEqual([]);
  });

  it('answers 413 to a file over the upload limit and keeps nothing of it', async () => {
    const before = leftovers();
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(t.ctx.config.maxUploadBytes + 1024)]);
    const res = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'file', filename: 'big.xlsx', content: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(newFiles(before)).toEqual([]);
  });

  it('rejects unknown fields, a missing organisation and a missing file with 400', async () => {
    const file = fs.readFileSync(await writeRoster([validRow(9004)]));
    const unknown = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'mode', value: 'all' }, { name: 'file', filename: 'r.xlsx', content: file }]);
    expect(unknown.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('不支持的字段：mode') });
    const noOrg = await upload(secretary, [{ name: 'file', filename: 'r.xlsx', content: file }]);
    expect(noOrg.json()).toMatchObject({ statusCode: 400, details: { issues: [expect.objectContaining({ path: 'orgId' })] } });
    const noFile = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }]);
    expect(noFile.json()).toMatchObject({ statusCode: 400, details: { issues: [{ path: 'file', message: '请选择文件' }] } });
    const wrongField = await upload(secretary, [{ name: 'orgId', value: String(tree.branchA.id) }, { name: 'attachment', filename: 'r.xlsx', content: file }]);
    expect(wrongField.statusCode).toBe(400);
  });

  it('answers 404 for an organisation out of scope and 415 for a JSON body', async () => {
    const file = fs.readFileSync(await writeRoster([validRow(9005)]));
    expect((await upload(secretary, [{ name: 'orgId', value: String(tree.branchB.id) }, { name: 'file', filename: 'r.xlsx', content: file }])).statusCode).toBe(404);
    expect((await as(app, secretary).post('/api/members/import', { orgId: tree.branchA.id })).statusCode).toBe(415);
  });

  it('validates the job id', async () => {
    expect((await as(app, secretary).get('/api/import-jobs/not-a-uuid')).statusCode).toBe(400);
    expect((await as(app, secretary).get(`/api/import-jobs/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('exporting', () => {
  it('streams 党员名册-YYYYMMDD.xlsx and refuses the member role', async () => {
    const res = await as(app, secretary).get('/api/members/export?category=full');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C-\d{8}\.xlsx/);
    expect(res.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBeGreaterThan(1);
    expect((await as(app, plainMember).get('/api/members/export')).statusCode).toBe(403);
    expect((await as(app, secretary).get(`/api/members/export?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });
});
