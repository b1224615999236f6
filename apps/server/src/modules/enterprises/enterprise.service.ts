import { isValidDate, todayInShanghai, validateUscc, type CarrierKind, type CoverageMode, type MemberCategory, type OperatingStatus, type OrgKind, type PartyStatus, type SizeBand } from '@hongyun/shared';
import { sql } from 'kysely';
import type { Database, Queryable, Tx } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { openSurveyTask } from '../surveys/survey.service';
import { isCoverable, resolveCoverage, writeCoverage } from './enterprise.coverage';
import { createEnterpriseRepository, type EnterpriseRepository } from './enterprise.repository';
import type { CoverageInput, CreateEnterpriseInput, EnterpriseDetailView, EnterpriseFilter, UpdateEnterpriseInput } from './enterprise.schemas';

type Row = NonNullable<Awaited<ReturnType<EnterpriseRepository['getById']>>>;

/** The registry columns shown in lists (the database's check constraints admit only these values). */
export function listView(r: Pick<Row, 'id' | 'uscc' | 'name' | 'townOrgId' | 'townName' | 'carrierId' | 'carrierName' | 'kindCode' | 'kindName' | 'staffCount' | 'sizeBand' | 'operatingStatus' | 'coverageMode' | 'inDenominator' | 'workMeasure'> & { memberCount: number }) {
  return {
    id: r.id, uscc: r.uscc, name: r.name, townOrgId: r.townOrgId, townName: r.townName, carrierId: r.carrierId, carrierName: r.carrierName,
    kindCode: r.kindCode, kindName: r.kindName, staffCount: r.staffCount, sizeBand: r.sizeBand as SizeBand, operatingStatus: r.operatingStatus as OperatingStatus,
    coverageMode: r.coverageMode as CoverageMode, inDenominator: r.inDenominator, workMeasure: r.workMeasure, memberCount: r.memberCount,
  };
}

/** Fields kept in audit entries (contacts included: who changed a liaison matters). */
const AUDITED = [
  'uscc', 'name', 'townOrgId', 'kindCode', 'carrierId', 'address', 'staffCount', 'foundedOn', 'settledOn', 'operatingStatus', 'statusReason', 'hasFixedPremises',
  'goneOn', 'goneReason', 'investorPartyStatus', 'managerPartyStatus', 'hrContactName', 'hrContactPhone', 'liaisonName', 'liaisonPhone', 'instructorName',
  'instructorPhone', 'hasUnion', 'hasYouthLeague',
] as const;
export function pickAudited(o: Partial<Record<(typeof AUDITED)[number], unknown>>) {
  return Object.fromEntries(AUDITED.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/**
 * The references and rules of a registry record, shared by the form and the import: the kind
 * exists, the carrier is in the company's town, a company not operating says why, dates make
 * sense. Throws Invalid naming the field.
 */
export async function checkRecord(r: EnterpriseRepository, rec: { townOrgId: number; kindCode?: string | null; carrierId?: number | null; operatingStatus?: string; statusReason?: string | null; foundedOn?: string | null; settledOn?: string | null }, today: string) {
  if (rec.kindCode && !(await r.getKind(rec.kindCode))) invalidField('kindCode', '企业类别不存在，请从列表中选择');
  if (rec.carrierId) {
    const carrier = await r.getCarrier(rec.carrierId);
    if (!carrier || carrier.townOrgId !== rec.townOrgId) invalidField('carrierId', '所选载体不在企业所在的镇（街道），请重新选择');
  }
  if (rec.operatingStatus && rec.operatingStatus !== 'operating' && !rec.statusReason) invalidField('statusReason', '企业不在正常经营时，请填写原因（如注销日期、迁往何处）');
  for (const key of ['foundedOn', 'settledOn'] as const) {
    const d = rec[key];
    if (d && (!isValidDate(d) || d > today)) invalidField(key, key === 'foundedOn' ? '成立日期无效或晚于今天' : '落户日期无效或晚于今天');
  }
  if (rec.foundedOn && rec.settledOn && rec.settledOn < rec.foundedOn) invalidField('settledOn', '落户日期不能早于成立日期');
}

/** Refuses a USCC already registered, naming the company when the caller may see it. */
export async function assertNewUscc(r: EnterpriseRepository, access: Access, uscc: string) {
  const dup = await r.getByUscc(uscc);
  if (!dup) return;
  const visible = dup.townPath !== null && access.inScope('enterprise.read', dup.townPath);
  const message = visible ? `该统一社会信用代码已登记为"${dup.name}"，请在企业名录中查找并编辑` : '该统一社会信用代码已登记（由其他镇街管理），请联系市级管理员核实';
  throw new Conflict('USCC_TAKEN', message, { issues: [{ path: 'uscc', message }], ...(visible ? { existing: { id: dup.id, name: dup.name } } : {}) });
}

/** A town the caller may register companies in; NotFound / Invalid otherwise. */
export async function writableTown(r: EnterpriseRepository, access: Access, townOrgId: number) {
  const town = await r.getOrg(townOrgId);
  if (!town) throw new NotFound();
  access.assertInScope('enterprise.write', town.path);
  if (!town.isTown) invalidField('townOrgId', '请选择企业所在的镇（街道）');
  if (town.abolishedOn) invalidField('townOrgId', '该镇（街道）组织已撤销');
  return town;
}

/** 三同步: a company that settles opens a survey for its town (not for closed or shell companies). */
export async function openSurveyIfNeeded(tx: Tx, e: { id: number; townOrgId: number; operatingStatus?: string }, createdBy: number | null, today: string) {
  if ((e.operatingStatus ?? 'operating') !== 'operating') return null;
  return openSurveyTask(tx, { enterpriseId: e.id, townOrgId: e.townOrgId, createdBy, today });
}

export function createEnterpriseService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createEnterpriseRepository(db);
  const scopes = (access: Access) => ({ townScope: access.filter('enterprise.read', 't.path'), orgScope: access.filter('enterprise.read', 'o.path') });

  /** Loads an enterprise the caller may see (its town or a linked organisation in scope). */
  async function loadVisible(access: Access, id: number, q: Queryable = db) {
    const r = createEnterpriseRepository(q);
    const e = await r.getById(id);
    if (!e) throw new NotFound();
    if (e.townPath && access.inScope('enterprise.read', e.townPath)) return e;
    const links = await r.linkedOrgPaths(id);
    if (!links.some((l) => access.inScope('enterprise.read', l.path))) throw new NotFound();
    return e;
  }

  /** Loads an enterprise the caller may edit (write permission over its town). */
  async function loadWritable(access: Access, id: number, q: Queryable = db) {
    const e = await loadVisible(access, id, q);
    if (!e.townPath || !access.inScope('enterprise.write', e.townPath)) {
      access.require('enterprise.write');
      throw new NotFound();
    }
    return e;
  }

  return {
    /** Enterprises visible to the caller, filtered and paginated. */
    async list(access: Access, query: EnterpriseFilter & { page: number; pageSize: number }) {
      const { items, total } = await repo.list(scopes(access), query);
      return { items: items.map(listView), total };
    },

    /** One company's ledger page: its fields and its party presence, derived from the roster and the organisations. */
    async detail(access: Access, id: number): Promise<EnterpriseDetailView> {
      const e = await loadVisible(access, id);
      const [counts, members, linked, chain, coverageOrg, lead] = await Promise.all([
        repo.memberCounts(id),
        access.can('member.read') ? repo.members(id, access.filter('member.read', 'm.org_path')) : Promise.resolve([]),
        repo.linkedOrgs(id),
        repo.chain(id),
        e.coverageOrgId ? repo.getOrg(e.coverageOrgId) : Promise.resolve(undefined),
        e.leadEnterpriseId ? repo.getById(e.leadEnterpriseId) : Promise.resolve(undefined),
      ]);
      const orgRef = (o: { id: number; name: string; kind: string; abolishedOn: string | null }) => ({ id: o.id, name: o.name, kind: o.kind as OrgKind, abolished: o.abolishedOn !== null });
      return {
        ...listView({ ...e, memberCount: counts.total }),
        address: e.address, foundedOn: e.foundedOn, settledOn: e.settledOn, statusReason: e.statusReason, hasFixedPremises: e.hasFixedPremises,
        goneOn: e.goneOn, goneReason: e.goneReason,
        investorPartyStatus: e.investorPartyStatus as PartyStatus, managerPartyStatus: e.managerPartyStatus as PartyStatus,
        hrContactName: e.hrContactName, hrContactPhone: e.hrContactPhone, liaisonName: e.liaisonName, liaisonPhone: e.liaisonPhone,
        instructorName: e.instructorName, instructorPhone: e.instructorPhone, hasUnion: e.hasUnion, hasYouthLeague: e.hasYouthLeague,
        version: e.version,
        presence: {
          members: counts,
          memberList: members.map((m) => ({ id: m.id, name: m.name, category: m.category as MemberCategory, orgName: m.orgName })),
          coverageOrg: coverageOrg ? orgRef(coverageOrg) : null,
          leadEnterprise: lead ? { id: lead.id, name: lead.name } : null,
          linkedOrgs: linked.map(orgRef),
          chain,
        },
        abilities: { edit: !!e.townPath && access.inScope('enterprise.write', e.townPath) },
      };
    },

    /**
     * Registers an enterprise in a town in scope; the USCC must pass its checksum and be new.
     * An operating company gets its town's survey task (三同步) in the same transaction.
     */
    async create(access: Access, input: CreateEnterpriseInput): Promise<number> {
      const checked = validateUscc(input.uscc);
      if (!checked.ok) invalidField('uscc', checked.message);
      const town = await writableTown(repo, access, input.townOrgId);
      const today = todayInShanghai();
      return db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        await checkRecord(r, input, today);
        await assertNewUscc(r, access, checked.value);
        const row = { ...input, uscc: checked.value, townOrgId: town.id, statusReason: input.operatingStatus && input.operatingStatus !== 'operating' ? input.statusReason : null };
        const { id } = await r.create(row);
        const surveyTaskId = await openSurveyIfNeeded(tx, { id, townOrgId: town.id, operatingStatus: input.operatingStatus }, access.actor.userId, today);
        await audit(tx, access.actor, { action: 'enterprise.create', targetType: 'enterprise', targetId: id, orgPath: town.path, after: pickAudited(row), detail: surveyTaskId ? { surveyTaskId } : undefined });
        return id;
      });
    },

    /**
     * Edits a registry record; `version` guards against overwriting someone else's edit. A
     * company marked closed, moved out or shell loses its coverage in the same transaction.
     */
    async update(access: Access, id: number, input: UpdateEnterpriseInput): Promise<void> {
      const e = await loadWritable(access, id);
      const { version, ...patch } = input;
      const townOrgId = patch.townOrgId ?? e.townOrgId!;
      const town = patch.townOrgId && patch.townOrgId !== e.townOrgId ? await writableTown(repo, access, patch.townOrgId) : null;
      const status = patch.operatingStatus ?? e.operatingStatus;
      if (patch.operatingStatus === 'operating') patch.statusReason = null;
      const carrierId = patch.carrierId !== undefined ? patch.carrierId : e.carrierId;
      if (town && carrierId && patch.carrierId === undefined) invalidField('carrierId', '企业改到了其他镇（街道），请重新选择所在载体');
      await db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        await checkRecord(r, {
          townOrgId, kindCode: patch.kindCode, carrierId: patch.carrierId !== undefined ? patch.carrierId : null, operatingStatus: status,
          statusReason: patch.statusReason !== undefined ? patch.statusReason : e.statusReason,
          foundedOn: patch.foundedOn !== undefined ? patch.foundedOn : e.foundedOn, settledOn: patch.settledOn !== undefined ? patch.settledOn : e.settledOn,
        }, todayInShanghai());
        const locked = await r.lockById(id);
        if (!locked || locked.version !== version || !(await r.update(id, version, patch))) throw new Conflict('STALE_VERSION', '该企业刚被其他人修改过，请刷新后再编辑');
        if (!isCoverable(status, e.goneOn) && locked.coverageMode !== 'none') {
          // A closed company is covered by nobody (policy.md: it leaves the denominator too).
          await writeCoverage(tx, access.actor, { ...e, ...locked, coverageMode: locked.coverageMode as CoverageMode, townPath: town?.path ?? e.townPath, operatingStatus: status },
            { coverageMode: 'none', coverageOrgId: null, leadEnterpriseId: null }, null, { reason: 'enterprise.status', operatingStatus: status });
        }
        const before = pickAudited(Object.fromEntries(Object.keys(patch).map((k) => [k, e[k as keyof Row]])));
        await audit(tx, access.actor, { action: 'enterprise.update', targetType: 'enterprise', targetId: id, orgPath: town?.path ?? e.townPath, before, after: pickAudited(patch) });
      });
    },

    /** Sets a company's coverage mode after checking it against the data; returns warnings (e.g. a joint branch over its unit limit). */
    async setCoverage(access: Access, id: number, input: CoverageInput) {
      const e = await loadWritable(access, id);
      return db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        const locked = await r.lockById(id);
        if (!locked || locked.version !== input.version) throw new Conflict('STALE_VERSION', '该企业刚被其他人修改过，请刷新后再设置');
        const current = { ...e, ...locked, coverageMode: locked.coverageMode as CoverageMode };
        const { state, linkOrgId, warnings } = await resolveCoverage(r, access, current, input);
        await writeCoverage(tx, access.actor, current, state, linkOrgId);
        return { ok: true as const, warnings };
      });
    },

    kinds() {
      return repo.listKinds();
    },

    /**
     * Adds an enterprise kind for the whole deployment. Kinds are shared by every town, so only
     * a holder of enterprise.write at a town or above may add one (not a grant inside a town).
     */
    async createKind(access: Access, input: { code: string; name: string }) {
      access.require('enterprise.write');
      const roots = access.paths('enterprise.write');
      const { rows } = await sql<{ ok: boolean }>`select exists (select 1 from org where is_town and path <@ array[${sql.join(roots)}]::ltree[]) as ok`.execute(db);
      if (!rows[0]?.ok) throw new Forbidden('KIND_NEEDS_TOWN', '只有镇（街道）及以上的管理员可以新增企业类别');
      await db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        const dup = await r.kindByCodeOrName(input.code, input.name);
        if (dup) throw new Conflict('KIND_EXISTS', `企业类别"${dup.name}"（${dup.code}）已存在`, { issues: [{ path: dup.code === input.code ? 'code' : 'name', message: '已存在' }] });
        await r.createKind(input.code, input.name);
        await audit(tx, access.actor, { action: 'enterprise.kind.create', targetType: 'enterpriseKind', targetId: input.code, after: input });
      });
    },

    async carriers(access: Access, townOrgId?: number) {
      const rows = await repo.listCarriers(access.filter('enterprise.read', 't.path'), townOrgId);
      return rows.map((c) => ({ ...c, kind: c.kind as CarrierKind }));
    },

    /** Adds a carrier (a named park, building, maker space or feature town) to a town in scope. */
    async createCarrier(access: Access, input: { kind: string; name: string; townOrgId: number; address?: string }) {
      const town = await writableTown(repo, access, input.townOrgId);
      return db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        if ((await r.carriersOfTown(town.id)).some((c) => c.name === input.name)) invalidField('name', `${town.name}已有名为"${input.name}"的载体`);
        const row = { kind: input.kind, name: input.name, townOrgId: town.id, address: input.address || null };
        const { id } = await r.createCarrier(row);
        await audit(tx, access.actor, { action: 'carrier.create', targetType: 'carrier', targetId: id, orgPath: town.path, after: row });
        return id;
      });
    },

    async updateCarrier(access: Access, id: number, patch: { kind?: string; name?: string; address?: string | null }) {
      const carrier = await repo.getCarrier(id);
      if (!carrier) throw new NotFound();
      access.assertInScope('enterprise.write', carrier.townPath);
      await db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        if (patch.name && patch.name !== carrier.name && (await r.carriersOfTown(carrier.townOrgId)).some((c) => c.name === patch.name)) invalidField('name', `本镇已有名为"${patch.name}"的载体`);
        await r.updateCarrier(id, patch);
        const { kind, name, address } = carrier;
        await audit(tx, access.actor, { action: 'carrier.update', targetType: 'carrier', targetId: id, orgPath: carrier.townPath, before: { kind, name, address }, after: patch });
      });
    },
  };
}
export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
