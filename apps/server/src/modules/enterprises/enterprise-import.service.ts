import { COVERAGE_MODE_LABELS, OPERATING_STATUS_LABELS, PARTY_STATUS_LABELS, addDays, todayInShanghai, type CoverageMode, type OperatingStatus, type PartyStatus } from '@hongyun/shared';
import type { Database, Tx } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, invalidField } from '../../platform/errors';
import { EXAMPLE_MARK, readSheet, workbookOf, type RowIssue, type SheetRow } from '../../platform/xlsx';
import { EXTRACT_KEYS, REGISTRY_COLUMNS, parseRow, type Lookups } from './enterprise-import.sheet';
import { createEnterpriseRepository, type EnterpriseInsert, type EnterpriseRepository } from './enterprise.repository';
import type { EnterpriseFilter } from './enterprise.schemas';
import { openSurveyIfNeeded, pickAudited, writableTown } from './enterprise.service';

/** 三同步 applies to newcomers: imported companies settled within this many days get a survey task. */
const SURVEY_WINDOW_DAYS = 90;
const MAX_ROWS = 10_000;
const EXPORT_LIMIT = 50_000;
/** Fields a reconciliation compares (what a market-regulation extract carries). */
const COMPARED = ['name', 'operatingStatus', 'address', 'staffCount', 'foundedOn'] as const;
const EXTRACT_COLUMNS = REGISTRY_COLUMNS.filter((c) => EXTRACT_KEYS.includes(c.key));

type Values = Record<string, unknown> & { uscc: string; name: string };

async function lookups(r: EnterpriseRepository, townOrgId: number, today: string): Promise<Lookups> {
  const kinds = new Map<string, string>();
  for (const k of await r.listKinds()) kinds.set(k.name, k.code).set(k.code, k.code);
  const carriers = new Map((await r.carriersOfTown(townOrgId)).map((c) => [c.name, c.id] as [string, number]));
  return { kinds, carriers, today };
}

/** Rows parsed and checked; a USCC seen twice in the file is refused on its second row. */
function checkRows(rows: SheetRow[], columns: typeof REGISTRY_COLUMNS, look: Lookups) {
  const issues: RowIssue[] = [];
  const valid: { row: number; values: Values }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.values.name?.startsWith(EXAMPLE_MARK)) continue;
    const parsed = parseRow(r, columns, look);
    const uscc = parsed.values.uscc as string | undefined;
    if (uscc && seen.has(uscc)) parsed.issues.push({ row: r.row, column: '统一社会信用代码', value: uscc, reason: `与第${seen.get(uscc)}行重复，同一企业只填一行` });
    else if (uscc) seen.set(uscc, r.row);
    if (parsed.issues.length) issues.push(...parsed.issues);
    else valid.push({ row: r.row, values: parsed.values as Values });
  }
  return { issues, valid };
}

/** The status reason a record needs when it is not operating and the file says nothing. */
const reasonFor = (v: Values, today: string) => (v.operatingStatus && v.operatingStatus !== 'operating' ? (v.statusReason as string | undefined) ?? `依据登记名录比对（${today}）` : null);
const settledRecently = (v: Values, today: string) => {
  const settled = (v.settledOn ?? v.foundedOn) as string | undefined;
  return !!settled && settled >= addDays(today, -SURVEY_WINDOW_DAYS);
};

export function createEnterpriseImportService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createEnterpriseRepository(db);

  async function read(buffer: Buffer, columns: typeof REGISTRY_COLUMNS) {
    const { rows, problem } = await readSheet(buffer, columns, ['uscc', 'name']);
    if (problem) invalidField('file', problem);
    if (rows.length > MAX_ROWS) invalidField('file', `一次最多导入 ${MAX_ROWS} 行，请拆分文件`);
    return rows;
  }

  /** Creates one company from checked values, opens its survey when it settled recently, audits it. */
  async function createOne(tx: Tx, access: Access, town: { id: number; path: string }, v: Values, today: string, source: string) {
    const r = createEnterpriseRepository(tx);
    const row = { ...v, townOrgId: town.id, statusReason: reasonFor(v, today) } as EnterpriseInsert;
    const { id } = await r.create(row);
    const surveyTaskId = settledRecently(v, today) ? await openSurveyIfNeeded(tx, { id, townOrgId: town.id, operatingStatus: v.operatingStatus as string | undefined }, access.actor.userId, today) : null;
    await audit(tx, access.actor, { action: 'enterprise.create', targetType: 'enterprise', targetId: id, orgPath: town.path, after: pickAudited(row), detail: { source, ...(surveyTaskId ? { surveyTaskId } : {}) } });
    return id;
  }

  return {
    /**
     * Checks every row (row, column, value, reason) before anything is written; then, unless
     * `mode` is 'check', writes in one transaction: 'all' only when every row is valid,
     * 'validOnly' the valid rows. USCCs already registered are refused, never overwritten.
     */
    async importRegistry(access: Access, input: { townOrgId: number; mode: 'check' | 'all' | 'validOnly'; buffer: Buffer; fileName: string }) {
      const town = await writableTown(repo, access, input.townOrgId);
      const today = todayInShanghai();
      const rows = await read(input.buffer, REGISTRY_COLUMNS);
      const { issues, valid } = checkRows(rows, REGISTRY_COLUMNS, await lookups(repo, town.id, today));
      const known = new Map((await repo.byUsccs(valid.map((v) => v.values.uscc))).map((e) => [e.uscc, e.name]));
      const fresh = valid.filter((v) => {
        const name = known.get(v.values.uscc);
        if (name) issues.push({ row: v.row, column: '统一社会信用代码', value: v.values.uscc, reason: `已登记为"${name}"，如需修改请在企业名录中编辑` });
        return !name;
      });
      issues.sort((a, b) => a.row - b.row);
      const report = { total: rows.length, valid: fresh.length, issues, created: 0, committed: false };
      if (input.mode === 'check' || fresh.length === 0 || (input.mode === 'all' && issues.length > 0)) return report;
      await db.transaction().execute(async (tx) => {
        for (const v of fresh) await createOne(tx, access, town, v.values, today, `import:${input.fileName}`);
        await audit(tx, access.actor, { action: 'enterprise.import', targetType: 'org', targetId: town.id, orgPath: town.path, detail: { fileName: input.fileName, mode: input.mode, created: fresh.length, skipped: issues.length } });
      });
      return { ...report, created: fresh.length, committed: true };
    },

    /**
     * Compares a registry extract for a town with the registry: new (not registered), changed
     * (which fields), gone (registered, not in the extract). With `apply`, in one transaction:
     * new ones are created (survey tasks only for those settled within 90 days), changed ones
     * updated, gone ones get gone_on + gone_reason and so leave the denominator.
     */
    async reconcile(access: Access, input: { townOrgId: number; apply: boolean; goneReason?: string; buffer: Buffer; fileName: string }) {
      const town = await writableTown(repo, access, input.townOrgId);
      const today = todayInShanghai();
      const rows = await read(input.buffer, EXTRACT_COLUMNS);
      const { issues, valid } = checkRows(rows, EXTRACT_COLUMNS, await lookups(repo, town.id, today));
      const existing = new Map((await repo.byUsccs(valid.map((v) => v.values.uscc))).map((e) => [e.uscc, e]));
      const added: { row: number; values: Values; survey: boolean }[] = [];
      const changed: { id: number; uscc: string; name: string; version: number; changes: { field: string; from: unknown; to: unknown }[] }[] = [];
      for (const v of valid) {
        const e = existing.get(v.values.uscc);
        if (!e) {
          added.push({ ...v, survey: (v.values.operatingStatus ?? 'operating') === 'operating' && settledRecently(v.values, today) });
          continue;
        }
        if (e.townOrgId !== town.id) {
          issues.push({ row: v.row, column: '统一社会信用代码', value: e.uscc, reason: `"${e.name}"登记在其他镇（街道），请由市级管理员核实后调整` });
          continue;
        }
        const changes: { field: string; from: unknown; to: unknown }[] = COMPARED.filter((k) => v.values[k] !== undefined && v.values[k] !== e[k]).map((k) => ({ field: k, from: e[k], to: v.values[k] }));
        if (e.goneOn) changes.push({ field: 'goneOn', from: e.goneOn, to: null });
        if (changes.length) changed.push({ id: e.id, uscc: e.uscc, name: e.name, version: e.version, changes });
      }
      const inExtract = new Set(valid.map((v) => v.values.uscc));
      const gone = (await repo.ofTown(town.id)).filter((e) => !inExtract.has(e.uscc)).map((e) => ({ id: e.id, uscc: e.uscc, name: e.name, version: e.version }));
      issues.sort((a, b) => a.row - b.row);
      const result = {
        total: rows.length, issues, applied: false,
        added: added.map((a) => ({ row: a.row, uscc: a.values.uscc, name: a.values.name, staffCount: (a.values.staffCount as number | undefined) ?? null, operatingStatus: ((a.values.operatingStatus as OperatingStatus | undefined) ?? 'operating'), survey: a.survey })),
        changed: changed.map(({ version: _v, ...c }) => ({ ...c, changes: c.changes.map((x) => ({ field: x.field, from: x.from === null || x.from === undefined ? null : String(x.from), to: x.to === null ? null : String(x.to) })) })),
        gone: gone.map(({ version: _v, ...g }) => g),
      };
      if (!input.apply) return result;
      const goneReason = input.goneReason?.trim() || `登记名录比对（${input.fileName}）中已无该企业`;
      await db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        for (const a of added) await createOne(tx, access, town, a.values, today, `reconcile:${input.fileName}`);
        for (const c of changed) {
          const patch = Object.fromEntries(c.changes.map((x) => [x.field, x.to]));
          if (patch.operatingStatus) patch.statusReason = patch.operatingStatus === 'operating' ? null : `依据登记名录比对（${today}）`;
          if ('goneOn' in patch) patch.goneReason = null;
          if (!(await r.update(c.id, c.version, patch))) throw new Conflict('STALE_VERSION', `${c.name}刚被其他人修改过，请重新比对`);
          await audit(tx, access.actor, { action: 'enterprise.update', targetType: 'enterprise', targetId: c.id, orgPath: town.path, before: Object.fromEntries(c.changes.map((x) => [x.field, x.from])), after: patch, detail: { source: `reconcile:${input.fileName}` } });
        }
        for (const g of gone) {
          if (!(await r.update(g.id, g.version, { goneOn: today, goneReason }))) throw new Conflict('STALE_VERSION', `${g.name}刚被其他人修改过，请重新比对`);
          await audit(tx, access.actor, { action: 'enterprise.gone', targetType: 'enterprise', targetId: g.id, orgPath: town.path, before: { goneOn: null }, after: { goneOn: today, goneReason }, detail: { source: `reconcile:${input.fileName}` } });
        }
        await audit(tx, access.actor, { action: 'enterprise.reconcile', targetType: 'org', targetId: town.id, orgPath: town.path, detail: { fileName: input.fileName, added: added.length, changed: changed.length, gone: gone.length } });
      });
      return { ...result, applied: true };
    },

    /** The current filter's companies as .xlsx (capped), audited with the filter used. */
    async exportRegistry(access: Access, filter: EnterpriseFilter): Promise<Buffer> {
      const scope = { townScope: access.filter('enterprise.read', 't.path'), orgScope: access.filter('enterprise.read', 'o.path') };
      const rows = await repo.exportRows(scope, filter, EXPORT_LIMIT);
      const flag = (b: boolean) => (b ? '是' : '否');
      const headers = ['所在镇（街道）', ...REGISTRY_COLUMNS.map((c) => c.title), '覆盖方式', '覆盖党组织', '在册党员', '计入覆盖率分母', '移出名录日期', '移出原因'];
      const body = rows.map((e) => [
        e.townName, e.uscc, e.name, e.kindName, e.carrierName, e.address, e.staffCount, e.foundedOn, e.settledOn,
        OPERATING_STATUS_LABELS[e.operatingStatus as OperatingStatus].zh, e.statusReason, flag(e.hasFixedPremises),
        PARTY_STATUS_LABELS[e.investorPartyStatus as PartyStatus].zh, PARTY_STATUS_LABELS[e.managerPartyStatus as PartyStatus].zh,
        e.hrContactName, e.hrContactPhone, e.liaisonName, e.liaisonPhone, e.instructorName, e.instructorPhone, flag(e.hasUnion), flag(e.hasYouthLeague),
        COVERAGE_MODE_LABELS[e.coverageMode as CoverageMode].zh, e.coverageOrgName, e.memberCount, flag(e.inDenominator), e.goneOn, e.goneReason,
      ]);
      await audit(db, access.actor, { action: 'enterprise.export', targetType: 'enterprise', orgPath: access.paths('enterprise.read')[0] ?? null, detail: { filter, rows: rows.length } });
      return workbookOf('企业名录', headers, body);
    },
  };
}
