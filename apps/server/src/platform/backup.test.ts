import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createTestApp, type TestApp } from '../test/app';
import { createEmptyDatabase, type TestDatabase } from '../test/db';
import { audit } from './audit';
import { BACKUP_FORMAT, backupDatabase, restoreDatabase } from './backup';
import { createDataCipher } from './crypto';

let t: TestApp;
let file: string;
let member: { id: number; idNumber: string };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-backup-'));
const empties: TestDatabase[] = [];

async function emptyDatabase(): Promise<TestDatabase> {
  const d = await createEmptyDatabase();
  empties.push(d);
  return d;
}

async function counts(db: Database): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'schema_migration%' order by 1`.execute(db);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.id(r.name)}`.execute(db)).rows[0].n);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  const tree = await t.given.tree();
  member = await t.given.member({ orgId: tree.branchA.id, phone: '13912345678', keyPositions: ['manager', 'rnd'] });
  await t.given.member({ orgId: tree.branchB.id, category: 'probationary' });
  const user = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
  await t.db.insertInto('partyGroup').values({ orgId: tree.branchA.id, name: '第一党小组' }).execute();
  await audit(t.db, { userId: user.id, displayName: '备份测试', ip: '127.0.0.1' }, { action: 'member.view', targetType: 'member', targetId: member.id, subjects: [member.id], detail: { note: '含"引号"与\\反斜杠' } });
  // A child created before its parent exists in the id order: the self-reference must still restore.
  const late = await t.given.org({ parentId: tree.city.id, kind: 'generalBranch', name: '后建总支' });
  await t.db.updateTable('org').set({ parentId: late.id, path: sql`${late.path}::ltree || ${String(tree.branchA.id)}` }).where('id', '=', tree.branchA.id).execute();
  file = path.join(dir, 'hongyun.backup.gz');
});
afterAll(async () => {
  for (const d of empties) await d.drop();
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every table into an empty database, ID numbers still decrypting with the same key', async () => {
    const made = await backupDatabase(t.db, file, { cipher: t.ctx.cipher });
    const source = await counts(t.db);
    expect(made.rows).toBe(Object.values(source).reduce((a, b) => a + b, 0));
    const header = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0]);
    const applied = await sql<{ name: string }>`select name from schema_migration order by name`.execute(t.db);
    expect(header).toMatchObject({ format: BACKUP_FORMAT, version: 1, migrations: applied.rows.map((r) => r.name) });
    expect(header.tables.indexOf('org')).toBeLessThan(header.tables.indexOf('member'));
    expect(header.tables.indexOf('member')).toBeLessThan(header.tables.indexOf('leadership_post'));

    const target = await emptyDatabase();
    const restored = await restoreDatabase(target.db, file, { cipher: t.ctx.cipher });
    expect(restored).toEqual(made);
    expect(await counts(target.db)).toEqual(source);

    const row = await target.db.selectFrom('member').select(['idNumberCipher', 'idNumberHash', 'phoneCipher', 'keyPositions', 'birthDate']).where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(t.ctx.cipher.decrypt(row.idNumberCipher)).toBe(member.idNumber);
    expect(row.idNumberHash.equals(t.ctx.cipher.hash(member.idNumber))).toBe(true);
    expect(t.ctx.cipher.decrypt(row.phoneCipher!)).toBe('13912345678');
    expect(row).toMatchObject({ keyPositions: ['manager', 'rnd'], birthDate: '1995-06-15' });
    const note = await target.db.selectFrom('auditLog').select('detail').where('action', '=', 'member.view').executeTakeFirstOrThrow();
    expect(note.detail).toEqual({ note: '含"引号"与\\反斜杠' });
    const perms = await target.db.selectFrom('rolePermission').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(perms.n).toBe(source.role_permission);

    // Rollups kept by triggers come back as they were: the triggers did not count the rows again.
    const rollup = (db: Database) => sql`select org_id, category, status, n from org_member_count order by 1, 2, 3`.execute(db).then((r) => r.rows);
    expect(await rollup(target.db)).toEqual(await rollup(t.db));
    const total = async () => Number((await sql<{ n: number }>`select coalesce(sum(n), 0) as n from org_member_count`.execute(target.db)).rows[0].n);
    const before = await total();
    await sql`insert into member (org_id, org_path, name, gender, birth_date, id_number_cipher, id_number_hash, id_number_masked, category, joined_on, confirmed_on)
              select org_id, org_path, name, gender, birth_date, id_number_cipher, sha256(id_number_hash), id_number_masked, category, joined_on, confirmed_on
              from member where id = ${member.id}`.execute(target.db);
    expect(await total()).toBe(before + 1);

    // Sequences moved past the restored ids: new rows get fresh ids.
    const maxMember = await target.db.selectFrom('member').select(sql<number>`max(id)`.as('m')).executeTakeFirstOrThrow();
    const { id } = await target.db.insertInto('auditLog').values({ action: 'x', targetType: 'y' }).returning('id').executeTakeFirstOrThrow();
    expect(id).toBeGreaterThan(0);
    const next = await sql<{ v: number }>`select nextval(pg_get_serial_sequence('member', 'id'))::int8 as v`.execute(target.db);
    expect(next.rows[0].v).toBeGreaterThan(maxMember.m);
  });

  it('refuses a target that already has organisations or accounts', async () => {
    await expect(restoreDatabase(t.db, file)).rejects.toThrow(/不是空库/);
  });

  it('refuses to restore with another data key', async () => {
    const target = await emptyDatabase();
    await expect(restoreDatabase(target.db, file, { cipher: createDataCipher(crypto.randomBytes(32)) })).rejects.toThrow(/数据密钥与备份时不同/);
  });

  it('writes nothing from a cut-off file', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(dir, 'cut.gz');
    fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n')));
    const target = await emptyDatabase();
    await expect(restoreDatabase(target.db, cut)).rejects.toThrow(/不完整|中断/);
    expect((await target.db.selectFrom('org').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(0);
  });

  it('refuses a backup from newer code and a file that is not a backup', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]);
    const newer = path.join(dir, 'newer.gz');
    fs.writeFileSync(newer, zlib.gzipSync([JSON.stringify({ ...header, migrations: [...header.migrations, '20991231T0000-future'] }), ...lines.slice(1)].join('\n')));
    await expect(restoreDatabase((await emptyDatabase()).db, newer)).rejects.toThrow(/20991231T0000-future/);
    const junk = path.join(dir, 'junk.gz');
    fs.writeFileSync(junk, 'not gzip');
    await expect(restoreDatabase((await emptyDatabase()).db, junk)).rejects.toThrow(/红云备份文件|无法读取/);
  });
});
