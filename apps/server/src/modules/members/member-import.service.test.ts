import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { createTestApp, type TestApp } from '../../test/app';
import { ROSTER_COLUMNS, headerTitle } from './member-import.columns';
import { accessFor, removeRosters, validRow, writeRoster, type RosterRow } from './member-import.fixtures';
import { COMMIT_BATCH } from './member-import.passes';
import { createMemberImportRepository } from './member-import.repository';
import { createMemberImportService, type MemberImportService } from './member-import.service';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let service: MemberImportService;
let secretaryA: Access;
let secretaryB: Access;
let n = 0;
/** Row numbers distinct across the whole file, so tests never collide on ID numbers. */
const fresh = (overrides: RosterRow = {}) => validRow(++n, overrides);

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  service = createMemberImportService(t.ctx);
  secretaryA = await accessFor(t.ctx, t.given, 'orgAdmin', tree.branchA.id);
  secretaryB = await accessFor(t.ctx, t.given, 'orgAdmin', tree.branchB.id);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(t.ctx.config.dataDir, { recursive: true, force: true });
  removeRosters();
});

/** Uploads like the route does (copied into the uploads dir) and waits for validation. */
async function upload(file: string, access = secretaryA, orgId = tree.branchA.id) {
  const { jobId, file: stored } = service.newUpload();
  await service.saveUpload(fs.createReadStream(file), stored);
  const { done } = await service.startImport(access, { jobId, orgId, fileName: path.basename(file), file: stored });
  await done;
  return { jobId, job: await service.status(access, jobId) };
}

async function commit(jobId: string, mode: 'allOrNothing' | 'validOnly', access = secretaryA) {
  const { done } = await service.commit(access, jobId, mode);
  await done;
  return service.status(access, jobId);
}

const membersIn = async (orgId: number) => (await t.db.selectFrom('member').select(sql<number>`count(*)::int`.as('n')).where('orgId', '=', orgId).executeTakeFirstOrThrow()).n;
const errorsOf = async (jobId: string) => (await service.errors(secretaryA, jobId, 1, 500)).items;

describe('validating an upload', () => {
  it('fails the job on a bad header, naming the columns, and writes nothing', async () => {
    const titles = ROSTER_COLUMNS.map(headerTitle).map((h) => (h === '身份证号*' ? '身分证号' : h));
    const { jobId, job } = await upload(await writeRoster([fresh()], { titles: [...titles, '备注'] }));
    expect(job.status).toBe('failed');
    expect(job.failure).toContain('缺少必填列 “身份证号”');
    expect(job.failure).toContain('“身分证号”（是否应为“身份证号”？）');
    expect(job.failure).toContain('“备注”');
    expect(await errorsOf(jobId)).toEqual([]);
  });

  it('reports a bad ID checksum with the Excel row, the column and the reason, masking the number', async () => {
    const good = fresh();
    const bad = fresh();
    const id = String(bad.idNumber);
    bad.idNumber = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const { jobId, job } = await upload(await writeRoster([good, bad], { example: true }));
    expect(job).toMatchObject({ status: 'validated', totalRows: 2, processedRows: 2, validRows: 1, errorRows: 1 });
    const errors = await errorsOf(jobId);
    // Row 1 is the header, row 2 the template's example (skipped): the bad row is Excel row 4.
    expect(errors).toEqual([{ rowNumber: 4, column: '身份证号', value: `330483********${String(bad.idNumber).slice(-4)}`, reason: '身份证号校验位不正确，请核对最后一位' }]);
    expect(JSON.stringify(errors)).not.toContain(String(bad.idNumber));
  });

  it('flags both rows of an ID number repeated in the file, each naming the other', async () => {
    const a = fresh();
    const { jobId, job } = await upload(await writeRoster([a, fresh(), { ...fresh(), idNumber: a.idNumber }]));
    expect(job).toMatchObject({ validRows: 1, errorRows: 2 });
    const errors = await errorsOf(jobId);
    expect(errors.map((e) => e.rowNumber)).toEqual([2, 4]);
    expect(errors[0].reason).toMatch(/^与第 4 行的身份证号重复/);
    expect(errors[1].reason).toMatch(/^与第 2 行的身份证号重复/);
    expect(errors.every((e) => e.value === `330483********${String(a.idNumber).slice(-4)}`)).toBe(true);
  });

  it('reports a person already registered as 已在册, naming the organisation only when in scope', async () => {
    const inA = await t.given.member({ orgId: tree.branchA.id });
    const inB = await t.given.member({ orgId: tree.branchB.id });
    const { jobId } = await upload(await writeRoster([fresh({ idNumber: inA.idNumber }), fresh({ idNumber: inB.idNumber }), fresh()]));
    const errors = await errorsOf(jobId);
    expect(errors).toHaveLength(2);
    expect(errors[0].reason).toMatch(/^已在册.*所在组织：甲镇某公司党支部/);
    expect(errors[1].reason).toMatch(/^已在册.*在其他组织/);
    expect(errors[1].reason).not.toContain('乙镇');
  });

  it('fails an empty sheet and a sheet with only the header, saying why', async () => {
    expect((await upload(await writeRoster([], { titles: [] }))).job).toMatchObject({ status: 'failed', failure: expect.stringContaining('工作表是空的') });
    expect((await upload(await writeRoster([], { example: true }))).job).toMatchObject({ status: 'failed', failure: expect.stringContaining('没有数据行') });
  });

  it('refuses a file that is not a zip before creating a job', async () => {
    const dir = fs.mkdtempSync(path.join(t.ctx.config.dataDir, 'x-'));
    const csv = path.join(dir, 'roster.xlsx');
    fs.writeFileSync(csv, '姓名,身份证号\n张三,330483199003150011\n');
    await expect(upload(csv)).rejects.toMatchObject({ statusCode: 400, code: 'UNSUPPORTED_FILE' });
  });

  it('hides a job from an administrator of another organisation (404)', async () => {
    const { jobId } = await upload(await writeRoster([fresh()]));
    await expect(service.status(secretaryB, jobId)).rejects.toMatchObject({ statusCode: 404 });
    await expect(service.commit(secretaryB, jobId, 'validOnly')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses an organisation out of import scope (404)', async () => {
    const file = await writeRoster([fresh()]);
    await expect(upload(file, secretaryA, tree.branchB.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('committing', () => {
  it('refuses allOrNothing when a row is bad, and writes nothing', async () => {
    const { jobId } = await upload(await writeRoster([fresh(), fresh({ category: '党员' })]));
    const before = await membersIn(tree.branchA.id);
    await expect(service.commit(secretaryA, jobId, 'allOrNothing')).rejects.toMatchObject({ statusCode: 409, code: 'IMPORT_HAS_ERRORS' });
    expect(await membersIn(tree.branchA.id)).toBe(before);
    expect((await service.status(secretaryA, jobId)).status).toBe('validated');
  });

  it('imports exactly the valid rows with validOnly, audited once with every imported member', async () => {
    const rows = [fresh({ name: '甲一' }), fresh({ name: '甲二', joinedOn: '明天' }), fresh({ name: '甲三' })];
    const { jobId } = await upload(await writeRoster(rows));
    const before = await membersIn(tree.branchA.id);
    const job = await commit(jobId, 'validOnly');
    expect(job).toMatchObject({ status: 'done', mode: 'validOnly', importedRows: 2, validRows: 2, errorRows: 1 });
    const names = (await t.db.selectFrom('member').select('name').where('name', 'in', ['甲一', '甲二', '甲三']).orderBy('name').execute()).map((m) => m.name);
    expect(names).toEqual(['甲一', '甲三']);
    expect(await membersIn(tree.branchA.id)).toBe(before + 2);
    const entries = await t.db.selectFrom('auditLog').select(['id', 'detail', 'actorUserId']).where('action', '=', 'member.import').where('targetId', '=', jobId).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0].detail).toMatchObject({ fileName: 'roster.xlsx', mode: 'validOnly', importedRows: 2, skippedRows: 1 });
    expect(entries[0].actorUserId).toBe(secretaryA.actor.userId);
    const subjects = await t.db.selectFrom('auditSubject as s').innerJoin('member as m', 'm.id', 's.memberId').select('m.name').where('s.auditId', '=', entries[0].id).orderBy('m.name').execute();
    expect(subjects.map((s) => s.name)).toEqual(['甲一', '甲三']);
    const stored = await t.db.selectFrom('member').select(['idNumberCipher', 'idNumberMasked', 'keyPositions', 'category']).where('name', '=', '甲一').executeTakeFirstOrThrow();
    expect(t.ctx.cipher.decrypt(stored.idNumberCipher)).toBe(rows[0].idNumber);
    expect(stored).toMatchObject({ keyPositions: ['manager', 'rnd'], category: 'full' });
    expect(fs.existsSync(path.join(t.ctx.config.dataDir, 'uploads', `${jobId}.xlsx`))).toBe(false);
  });

  it('writes nothing with allOrNothing when the data changed since validation, and reopens the job with the new problem', async () => {
    const a = fresh();
    const { jobId } = await upload(await writeRoster([fresh(), a, fresh()]));
    const before = await membersIn(tree.branchA.id);
    // Someone registers the second person between validation and import.
    await t.given.member({ orgId: tree.branchB.id, name: '抢先登记' }).then(async (m) => {
      await t.db.updateTable('member').set({ idNumberHash: t.ctx.cipher.hash(String(a.idNumber)) }).where('id', '=', m.id).execute();
    });
    const job = await commit(jobId, 'allOrNothing');
    expect(job).toMatchObject({ status: 'validated', importedRows: 0, validRows: 2, errorRows: 1, failure: expect.stringContaining('校验之后数据有变化') });
    expect(await membersIn(tree.branchA.id)).toBe(before);
    expect((await errorsOf(jobId)).map((e) => [e.rowNumber, e.reason.slice(0, 3)])).toEqual([[3, '已在册']]);
  });

  it('after a refused allOrNothing, imports the rest with validOnly and reports the new problem once', async () => {
    const a = fresh();
    const { jobId } = await upload(await writeRoster([fresh(), a, fresh()]));
    const before = await membersIn(tree.branchA.id);
    await t.given.member({ orgId: tree.branchB.id }).then((m) => t.db.updateTable('member').set({ idNumberHash: t.ctx.cipher.hash(String(a.idNumber)) }).where('id', '=', m.id).execute());
    expect(await commit(jobId, 'allOrNothing')).toMatchObject({ status: 'validated', validRows: 2, errorRows: 1 });
    expect(await commit(jobId, 'validOnly')).toMatchObject({ status: 'done', importedRows: 2, validRows: 2, errorRows: 1 });
    expect(await membersIn(tree.branchA.id)).toBe(before + 2);
    expect((await errorsOf(jobId)).map((e) => [e.rowNumber, e.reason.slice(0, 3)])).toEqual([[3, '已在册']]);
  });

  it('reports a row whose party group was removed after validation, and imports the others', async () => {
    const group = await t.db.insertInto('partyGroup').values({ orgId: tree.branchA.id, name: '临时党小组' }).returning('id').executeTakeFirstOrThrow();
    const { jobId } = await upload(await writeRoster([fresh({ name: '留下' }), fresh({ name: '无组', partyGroupName: '临时党小组' })]));
    await t.db.deleteFrom('partyGroup').where('id', '=', group.id).execute();
    expect(await commit(jobId, 'validOnly')).toMatchObject({ status: 'done', importedRows: 1, validRows: 1, errorRows: 1 });
    expect(await errorsOf(jobId)).toEqual([{ rowNumber: 3, column: '党小组', value: '临时党小组', reason: expect.stringContaining('没有名为“临时党小组”的党小组') }]);
    expect(await t.db.selectFrom('member').select('name').where('name', 'in', ['留下', '无组']).execute()).toEqual([{ name: '留下' }]);
  });

  it('deletes the upload once validated, stages the rows with their personal data sealed, and keeps nothing once imported', async () => {
    const rows = [fresh({ phone: '13912345678' }), fresh()];
    const { jobId } = await upload(await writeRoster(rows));
    expect(fs.existsSync(path.join(t.ctx.config.dataDir, 'uploads', `${jobId}.xlsx`))).toBe(false);
    const stagedRows = await t.db.selectFrom('importStaging').selectAll().where('stageId', '=', jobId).orderBy('rowNumber').execute();
    expect(stagedRows).toHaveLength(2);
    expect(t.ctx.cipher.decrypt(stagedRows[0].idNumberCipher)).toBe(String(rows[0].idNumber));
    expect(t.ctx.cipher.decrypt(stagedRows[0].phoneCipher!)).toBe('13912345678');
    expect(stagedRows[0]).toMatchObject({ idNumberHash: t.ctx.cipher.hash(String(rows[0].idNumber)), phoneHash: t.ctx.cipher.hash('13912345678'), phoneMasked: '139****5678' });
    // Nothing in the stage reads as the ID number or the phone in clear.
    expect(JSON.stringify(stagedRows)).not.toContain(String(rows[0].idNumber));
    expect(JSON.stringify(stagedRows)).not.toContain('13912345678');

    expect(await commit(jobId, 'allOrNothing')).toMatchObject({ status: 'done', importedRows: 2 });
    expect(await t.db.selectFrom('importStaging').select('rowNumber').where('stageId', '=', jobId).execute()).toEqual([]);
    const stored = await t.db.selectFrom('member').select(['phoneCipher', 'phoneMasked', 'idNumberCipher']).where('idNumberHash', '=', t.ctx.cipher.hash(String(rows[0].idNumber))).executeTakeFirstOrThrow();
    expect(t.ctx.cipher.decrypt(stored.phoneCipher!)).toBe('13912345678');
    expect(stored.phoneMasked).toBe('139****5678');
  });

  it('fails the job and writes nothing when its validated rows are no longer there', async () => {
    const { jobId } = await upload(await writeRoster([fresh(), fresh()]));
    const before = await membersIn(tree.branchA.id);
    await t.db.deleteFrom('importStaging').where('stageId', '=', jobId).execute();
    expect(await commit(jobId, 'allOrNothing')).toMatchObject({ status: 'failed', importedRows: 0, failure: expect.stringContaining('请重新上传文件') });
    expect(await membersIn(tree.branchA.id)).toBe(before);
  });

  it('imports exactly the rows validated, whatever is written at the upload\'s place afterwards', async () => {
    const kept = fresh({ name: '校验甲' });
    const { jobId } = await upload(await writeRoster([kept, fresh({ name: '校验乙' })]));
    fs.mkdirSync(path.join(t.ctx.config.dataDir, 'uploads'), { recursive: true });
    fs.copyFileSync(await writeRoster([fresh({ name: '冒名丙' })]), path.join(t.ctx.config.dataDir, 'uploads', `${jobId}.xlsx`));
    expect(await commit(jobId, 'allOrNothing')).toMatchObject({ status: 'done', importedRows: 2 });
    expect((await t.db.selectFrom('member').select('name').where('name', 'in', ['校验甲', '校验乙', '冒名丙']).orderBy('name').execute()).map((m) => m.name).sort())
      .toEqual(['校验乙', '校验甲'].sort());
  });

  it('imports once when the same job is committed twice at the same time', async () => {
    const rows = Array.from({ length: 30 }, () => fresh());
    const { jobId } = await upload(await writeRoster(rows));
    const before = await membersIn(tree.branchA.id);
    const results = await Promise.allSettled([service.commit(secretaryA, jobId, 'allOrNothing'), service.commit(secretaryA, jobId, 'allOrNothing')]);
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ statusCode: 409, code: 'IMPORT_NOT_READY' });
    await (accepted[0] as PromiseFulfilledResult<{ done: Promise<void> }>).value.done;
    expect(await membersIn(tree.branchA.id)).toBe(before + 30);
    await expect(service.commit(secretaryA, jobId, 'allOrNothing')).rejects.toMatchObject({ statusCode: 409 });
  });

  it('shows progress while the one transaction is open and nothing until it commits', async () => {
    const group = await t.db.insertInto('partyGroup').values({ orgId: tree.branchA.id, name: '进度党小组' }).returning('id').executeTakeFirstOrThrow();
    // The first batch's rows come first (data starts on the sheet's row 2); the rest name a party
    // group whose row the test holds locked, so the second batch waits on its foreign-key check
    // with the first batch inserted.
    const rows = [...Array.from({ length: COMMIT_BATCH }, () => fresh()), ...Array.from({ length: 50 }, () => fresh({ partyGroupName: '进度党小组' }))];
    const { jobId, job } = await upload(await writeRoster(rows));
    expect(job).toMatchObject({ status: 'validated', totalRows: COMMIT_BATCH + 50, processedRows: COMMIT_BATCH + 50, validRows: COMMIT_BATCH + 50 });
    const before = await membersIn(tree.branchA.id);
    const blocker = await t.db.startTransaction().execute();
    let done: Promise<void> = Promise.resolve();
    try {
      await sql`select id from party_group where id = ${group.id} for update`.execute(blocker);
      done = (await service.commit(secretaryA, jobId, 'allOrNothing')).done;
      let seen = await service.status(secretaryA, jobId);
      for (let i = 0; i < 200 && seen.importedRows < COMMIT_BATCH; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = await service.status(secretaryA, jobId);
      }
      expect(seen).toMatchObject({ status: 'importing', importedRows: COMMIT_BATCH });
      expect(await membersIn(tree.branchA.id)).toBe(before);
    } finally {
      await blocker.rollback().execute();
      await done;
    }
    expect(await service.status(secretaryA, jobId)).toMatchObject({ status: 'done', importedRows: COMMIT_BATCH + 50 });
    expect(await membersIn(tree.branchA.id)).toBe(before + COMMIT_BATCH + 50);
    // A row of the second batch, sealed at validation: it opens with the server's key.
    const last = rows[rows.length - 1];
    const stored = await t.db.selectFrom('member').select(['idNumberCipher', 'phoneCipher', 'phoneHash']).where('idNumberHash', '=', t.ctx.cipher.hash(String(last.idNumber))).executeTakeFirstOrThrow();
    expect(t.ctx.cipher.decrypt(stored.idNumberCipher)).toBe(String(last.idNumber));
    expect(t.ctx.cipher.decrypt(stored.phoneCipher!)).toBe(String(last.phone));
    expect(stored.phoneHash).toEqual(t.ctx.cipher.hash(String(last.phone)));
  });
});

describe('a server restart', () => {
  it('marks a job left validating as failed at its next status read', async () => {
    const repo = createMemberImportRepository(t.db);
    const id = service.newUpload().jobId;
    await repo.createJob({ id, userId: secretaryA.actor.userId, orgId: tree.branchA.id, fileName: 'lost.xlsx', filePath: '/nowhere/lost.xlsx' });
    expect(await service.status(secretaryA, id)).toMatchObject({ status: 'failed', failure: expect.stringContaining('服务在校验过程中重启') });
  });
});

describe('abandoned uploads', () => {
  it('cancels a validated upload left unconfirmed for a day, removing its staged rows, and keeps a recent one', async () => {
    const old = await upload(await writeRoster([fresh(), fresh()]));
    const recent = await upload(await writeRoster([fresh()]));
    await sql`update import_job set created_at = now() - interval '25 hours' where id = ${old.jobId}`.execute(t.db);
    const uploadOf = (id: string) => path.join(t.ctx.config.dataDir, 'uploads', `${id}.xlsx`);
    const staged = async (id: string) => (await t.db.selectFrom('importStaging').select(sql<number>`count(*)::int`.as('n')).where('stageId', '=', id).executeTakeFirstOrThrow()).n;

    expect(await service.expireAbandoned()).toBe(1);

    expect(await service.status(secretaryA, old.jobId)).toMatchObject({ status: 'cancelled', failure: expect.stringContaining('24 小时') });
    expect(fs.existsSync(uploadOf(old.jobId))).toBe(false);
    expect(await staged(old.jobId)).toBe(0);
    expect(await service.status(secretaryA, recent.jobId)).toMatchObject({ status: 'validated' });
    expect(fs.existsSync(uploadOf(recent.jobId))).toBe(false); // deleted once validated
    expect(await staged(recent.jobId)).toBe(1);
    await expect(service.commit(secretaryA, old.jobId, 'validOnly')).rejects.toMatchObject({ code: 'IMPORT_NOT_READY' });
  });
});
