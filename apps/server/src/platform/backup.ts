import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Database, Queryable } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { DataCipher } from './crypto';

// Whole-database logical backup in our own format: the embedded PostgreSQL ships no pg_dump
// and Debian's pg_dump refuses a newer server. A gzip'd JSON-lines file:
//   {"format":"hongyun-backup","version":1,createdAt,serverVersion,migrations,tables,keyCheck?}
//   {"table":"org","columns":[…],"rows":N}      then N lines, one row_to_json() per row
//   …                                            every public table, parents before children
//   {"end":true,"tables":T,"rows":R}             a missing trailer means a cut-off file
// All of it is read in ONE repeatable-read, read-only transaction: one consistent snapshot.

export const BACKUP_FORMAT = 'hongyun-backup';
export const BACKUP_VERSION = 1;

/** Said by the CLI on backup and restore: ID numbers are encrypted with the data key. */
export const DATA_KEY_WARNING =
  '注意：身份证号、手机号以数据密钥加密，恢复时必须使用同一个数据密钥（HONGYUN_DATA_KEY 或数据目录下的 data.key），请与备份文件分开妥善保管。\n' +
  'Note: ID numbers and phones are encrypted with the data key; restore needs the same key (HONGYUN_DATA_KEY or data/data.key). Keep it safe, apart from the backup.';

/** Kysely's own bookkeeping: rebuilt by the migrations on restore, never copied. */
const MIGRATION_TABLES = new Set(['schema_migration', 'schema_migration_lock']);
const FETCH_ROWS = 5000;
const INSERT_BYTES = 4 * 1024 * 1024;
const KEY_CHECK_INPUT = 'hongyun-backup/key-check/v1';

export interface BackupHeader {
  format: string;
  version: number;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables: string[];
  /** A keyed hash of a constant: equal only when the data key is the same (reveals nothing). */
  keyCheck?: string;
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Columns PostgreSQL computes (GENERATED ALWAYS AS … STORED): never inserted. */
  generated: string[];
  /** NOT NULL columns without a default: a backup must carry them. */
  required: string[];
  selfReferencing: boolean;
}

/** The restore's own error: the message says what to do. */
export class BackupError extends Error {}

function keyCheckOf(cipher: DataCipher | undefined): string | undefined {
  return cipher?.hash(KEY_CHECK_INPUT).toString('hex').slice(0, 32);
}

const ident = (name: string) => sql.id(name);

/** Public tables in foreign-key order (referenced before referencing), read from the catalog. */
async function publicTables(db: Queryable): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const { rows: columns } = await sql<{ table: string; column: string; generated: boolean; required: boolean }>`
    select c.relname as table, a.attname as column, a.attgenerated <> '' as generated,
           a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = '' as required
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const { rows: refs } = await sql<{ child: string; parent: string }>`
    select distinct ch.relname as child, pa.relname as parent
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid join pg_namespace chn on chn.oid = ch.relnamespace
    join pg_class pa on pa.oid = k.confrelid join pg_namespace pan on pan.oid = pa.relnamespace
    where k.contype = 'f' and chn.nspname = 'public' and pan.nspname = 'public'`.execute(db);

  const names = tables.map((t) => t.name).filter((n) => !MIGRATION_TABLES.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of refs) if (r.child !== r.parent) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) {
      const stuck = names.filter((n) => !placed.has(n));
      throw new BackupError(`foreign keys form a cycle between ${stuck.join(', ')}; the backup format cannot order them`);
    }
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered.map((name) => ({
    name,
    columns: columns.filter((c) => c.table === name && !c.generated).map((c) => c.column),
    generated: columns.filter((c) => c.table === name && c.generated).map((c) => c.column),
    required: columns.filter((c) => c.table === name && c.required).map((c) => c.column),
    selfReferencing: refs.some((r) => r.child === name && r.parent === name),
  }));
}

async function appliedMigrations(db: Queryable): Promise<string[]> {
  const exists = await sql<{ ok: boolean }>`select to_regclass('public.schema_migration') is not null as ok`.execute(db);
  if (!exists.rows[0].ok) return [];
  const { rows } = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Writes a consistent logical backup of every public table to `file` (gzip'd JSON lines),
 * atomically (a temporary file renamed at the end). Pass the data cipher to record a key check
 * that restore compares, so a restore with the wrong data key is refused.
 */
export async function backupDatabase(db: Database, file: string, options: { cipher?: DataCipher } = {}): Promise<{ tables: number; rows: number }> {
  const temporary = `${file}.partial`;
  let tables = 0;
  let rows = 0;
  try {
    await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
      const infos = await publicTables(tx);
      const { rows: version } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), serverVersion: version[0].v,
        migrations: await appliedMigrations(tx), tables: infos.map((t) => t.name), keyCheck: keyCheckOf(options.cipher),
      };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const t of infos) {
          const { rows: count } = await sql<{ n: number }>`select count(*)::int8 as n from ${ident(t.name)}`.execute(tx);
          yield `${JSON.stringify({ table: t.name, columns: t.columns, rows: count[0].n })}\n`;
          const cursor = `backup_${tables}`;
          await sql`declare ${ident(cursor)} no scroll cursor for select row_to_json(t)::text as j from ${ident(t.name)} t`.execute(tx);
          let written = 0;
          for (;;) {
            const { rows: batch } = await sql<{ j: string }>`fetch forward ${sql.raw(String(FETCH_ROWS))} from ${ident(cursor)}`.execute(tx);
            if (batch.length === 0) break;
            written += batch.length;
            yield `${batch.map((r) => r.j).join('\n')}\n`;
          }
          await sql`close ${ident(cursor)}`.execute(tx);
          if (written !== count[0].n) throw new BackupError(`table ${t.name}: counted ${count[0].n} rows but read ${written}`);
          tables++;
          rows += written;
        }
        yield `${JSON.stringify({ end: true, tables, rows })}\n`;
      }
      await pipeline(lines(), zlib.createGzip({ level: 6 }), fs.createWriteStream(temporary, { mode: 0o600 }));
    });
    await fs.promises.rename(temporary, file);
    return { tables, rows };
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}

/** The backup's lines as text; gzip errors become a BackupError that says so. */
async function* backupLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) if (line !== '') yield line;
  } catch (error) {
    throw new BackupError(`备份文件无法读取（不是 gzip 或已损坏）/ unreadable backup: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    reader.close();
    input.destroy();
  }
}

function parseLine<T>(line: string | undefined, what: string): T {
  try {
    if (line === undefined) throw new Error('missing');
    return JSON.parse(line) as T;
  } catch {
    throw new BackupError(`备份文件格式不正确（${what}），文件可能已损坏 / malformed backup (${what})`);
  }
}

async function isEmptyTarget(db: Queryable): Promise<boolean> {
  const { rows } = await sql<{ org: boolean; users: boolean }>`
    select to_regclass('public.org') is not null as org, to_regclass('public.app_user') is not null as users`.execute(db);
  if (rows[0].org && (await sql`select 1 from org limit 1`.execute(db)).rows.length) return false;
  if (rows[0].users && (await sql`select 1 from app_user limit 1`.execute(db)).rows.length) return false;
  return true;
}

async function insertRows(tx: Queryable, table: string, columns: string[], rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const list = sql.join(columns.map(ident));
  await sql`insert into ${ident(table)} (${list}) overriding system value
            select ${list} from json_populate_recordset(null::${ident(table)}, ${`[${rows.join(',')}]`}::json)`.execute(tx);
}

/** Moves every identity/serial sequence past the largest restored value. */
async function resetSequences(tx: Queryable): Promise<void> {
  const { rows } = await sql<{ table: string; column: string; seq: string }>`
    select c.relname as table, a.attname as column, pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null`.execute(tx);
  for (const r of rows) {
    await sql`select setval(${r.seq}::regclass, coalesce((select max(${ident(r.column)}) from ${ident(r.table)}), 0) + 1, false)`.execute(tx);
  }
}

/**
 * Restores a backup into an empty database (no organisations, no accounts): migrates to the
 * code's schema (refusing a backup from newer code), empties what the migrations seeded, then
 * inserts every table's rows in ONE transaction and moves the sequences. Refuses a backup
 * made with another data key when both sides know the cipher.
 */
export async function restoreDatabase(db: Database, file: string, options: { cipher?: DataCipher } = {}): Promise<{ tables: number; rows: number }> {
  const lines = backupLines(file);
  const next = async () => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
  };
  let header: Partial<BackupHeader>;
  try {
    header = parseLine<Partial<BackupHeader>>(await next(), 'header');
  } catch {
    throw new BackupError('这不是红云备份文件 / not a Hongyun backup file');
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('这不是红云备份文件 / not a Hongyun backup file');
  if (header.version !== BACKUP_VERSION) throw new BackupError(`备份格式版本 ${header.version} 不受支持，请使用相同版本的红云恢复 / unsupported backup version`);
  const ownCheck = keyCheckOf(options.cipher);
  if (header.keyCheck && ownCheck && header.keyCheck !== ownCheck) {
    throw new BackupError('数据密钥与备份时不同，恢复后身份证号将无法解密；请设置备份时的 HONGYUN_DATA_KEY 或 data.key 后重试 / the data key differs from the backup\'s');
  }
  if (!(await isEmptyTarget(db))) {
    throw new BackupError('目标数据库不是空库（已有组织或账号），为避免覆盖数据已拒绝恢复；请换用一个新的空数据库 / the target database is not empty');
  }
  await migrateToLatest(db);
  const applied = await appliedMigrations(db);
  const unknown = (header.migrations ?? []).filter((m) => !applied.includes(m));
  if (unknown.length) {
    throw new BackupError(`备份来自更新版本的红云（包含本程序不认识的数据库升级 ${unknown.join(', ')}），请升级程序后再恢复 / the backup is from newer code`);
  }

  let tables = 0;
  let total = 0;
  await db.transaction().execute(async (tx) => {
    const infos = new Map((await publicTables(tx)).map((t) => [t.name, t]));
    const restored = (header.tables ?? []).filter((t) => infos.has(t));
    // Rows arrive as they were, rollups included: user triggers must not fire a second time.
    // They are off before the first delete, so no trigger event is pending when tables change.
    for (const t of restored) await sql`alter table ${ident(t)} disable trigger user`.execute(tx);
    // Only migrations wrote to the empty target: clear their seed rows (e.g. role_permission).
    for (const t of [...restored].reverse()) await sql`delete from ${ident(t)}`.execute(tx);

    for (;;) {
      const text = await next();
      if (text === undefined) throw new BackupError('备份文件不完整（缺少结束标记），可能在写入时中断 / the backup file is cut off');
      const marker = parseLine<{ table?: string; columns?: string[]; rows?: number; end?: boolean }>(text, 'table marker');
      if (marker.end === true) break;
      if (typeof marker.table !== 'string' || !Array.isArray(marker.columns) || typeof marker.rows !== 'number') {
        throw new BackupError('备份文件格式不正确（表标记）/ malformed table marker');
      }
      const info = infos.get(marker.table);
      if (!info) throw new BackupError(`备份中的表 ${marker.table} 在当前数据库结构中不存在 / unknown table`);
      const missing = marker.columns.filter((c) => !info.columns.includes(c) && !info.generated.includes(c));
      if (missing.length) throw new BackupError(`表 ${marker.table} 缺少备份中的列 ${missing.join(', ')}，备份与本程序的数据库结构不一致 / unknown columns`);
      const absent = info.required.filter((c) => !marker.columns!.includes(c));
      if (absent.length) throw new BackupError(`备份中表 ${marker.table} 没有必填列 ${absent.join(', ')}，备份与本程序的数据库结构不一致，请用生成该备份的程序版本恢复 / the backup lacks required columns`);
      const columns = marker.columns.filter((c) => !info.generated.includes(c));
      let batch: string[] = [];
      let bytes = 0;
      for (let i = 0; i < marker.rows; i++) {
        const row = await next();
        if (row === undefined) throw new BackupError(`表 ${marker.table} 应有 ${marker.rows} 行，文件在第 ${i} 行处中断 / truncated`);
        batch.push(row);
        bytes += row.length;
        // A self-referencing table goes in as one statement: its foreign key is checked at the statement's end.
        if (!info.selfReferencing && bytes >= INSERT_BYTES) {
          await insertRows(tx, marker.table, columns, batch);
          batch = [];
          bytes = 0;
        }
      }
      await insertRows(tx, marker.table, columns, batch);
      tables++;
      total += marker.rows;
    }
    if ((await next()) !== undefined) throw new BackupError('备份文件在结束标记之后还有内容 / data after the end marker');
    for (const t of restored) await sql`alter table ${ident(t)} enable trigger user`.execute(tx);
    await resetSequences(tx);
  });
  return { tables, rows: total };
}
