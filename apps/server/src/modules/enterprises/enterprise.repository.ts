import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Queryable } from '../../db/database';
import type { EnterpriseTable } from '../../db/types';
import { escapeLike } from '../../platform/sql';
import type { EnterpriseFilter } from './enterprise.schemas';

/** Member statuses that count as "on the roster" (the organisation module uses the same). */
const LIVE = sql<SqlBool>`m.status in ('normal', 'suspended')`;

export type EnterpriseInsert = Insertable<EnterpriseTable>;
export type EnterprisePatch = Updateable<EnterpriseTable>;

/** One list row: the registry's columns plus names and the employed-member count. */
const LIST_COLUMNS = [
  'e.id', 'e.uscc', 'e.name', 'e.townOrgId', sql<string | null>`coalesce(t.short_name, t.name)`.as('townName'), 'e.carrierId', 'c.name as carrierName', 'e.kindCode', 'k.name as kindName',
  'e.staffCount', 'e.sizeBand', 'e.operatingStatus', 'e.coverageMode', 'e.inDenominator', 'e.workMeasure',
] as const;

export function createEnterpriseRepository(db: Queryable) {
  /** Enterprises whose town is in scope, or that an organisation in scope is linked to. */
  const visible = (townScope: Expression<SqlBool>, orgScope: Expression<SqlBool>) =>
    sql<SqlBool>`(${townScope} or exists (select 1 from org_enterprise oe join org o on o.id = oe.org_id where oe.enterprise_id = e.id and ${orgScope}))`;
  const hasMembers = sql<SqlBool>`exists (select 1 from member m where m.employer_enterprise_id = e.id and ${LIVE})`;

  /** The filtered, visible enterprises (joined with town, carrier and kind). */
  function filtered(scope: { townScope: Expression<SqlBool>; orgScope: Expression<SqlBool> }, f: EnterpriseFilter) {
    return db
      .selectFrom('enterprise as e')
      .leftJoin('org as t', 't.id', 'e.townOrgId')
      .leftJoin('carrier as c', 'c.id', 'e.carrierId')
      .leftJoin('enterpriseKind as k', 'k.code', 'e.kindCode')
      .where(visible(scope.townScope, scope.orgScope))
      .$if(!!f.q, (q) => q.where((eb) => eb.or([eb('e.name', 'like', `%${escapeLike(f.q!)}%`), eb('e.uscc', '=', f.q!.toUpperCase())])))
      .$if(!!f.townOrgId, (q) => q.where('e.townOrgId', '=', f.townOrgId!))
      .$if(!!f.carrierId, (q) => q.where('e.carrierId', '=', f.carrierId!))
      .$if(!!f.kindCode, (q) => q.where('e.kindCode', '=', f.kindCode!))
      .$if(!!f.sizeBand, (q) => q.where('e.sizeBand', '=', f.sizeBand!))
      .$if(!!f.operatingStatus, (q) => q.where('e.operatingStatus', '=', f.operatingStatus!))
      .$if(!!f.coverageMode?.length, (q) => q.where('e.coverageMode', 'in', f.coverageMode!))
      .$if(f.organised !== undefined, (q) => q.where('e.coverageMode', f.organised ? '<>' : '=', 'none'))
      .$if(f.workCovered !== undefined, (q) =>
        q.where(f.workCovered ? sql<SqlBool>`(e.coverage_mode <> 'none' or e.work_measure)` : sql<SqlBool>`(e.coverage_mode = 'none' and not e.work_measure)`))
      .$if(f.inDenominator !== undefined, (q) => q.where('e.inDenominator', '=', f.inDenominator!))
      .$if(f.hasMembers !== undefined, (q) => q.where(f.hasMembers ? hasMembers : sql<SqlBool>`not ${hasMembers}`));
  }

  const memberCount = sql<number>`(select count(*)::int from member m where m.employer_enterprise_id = e.id and ${LIVE})`;

  return {
    async list(scope: { townScope: Expression<SqlBool>; orgScope: Expression<SqlBool> }, f: EnterpriseFilter & { page: number; pageSize: number }) {
      const base = filtered(scope, f);
      const [items, count] = await Promise.all([
        base.select([...LIST_COLUMNS, memberCount.as('memberCount')]).orderBy('e.name').orderBy('e.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** Every matching row with all registry columns, for the export (capped by the caller). */
    exportRows(scope: { townScope: Expression<SqlBool>; orgScope: Expression<SqlBool> }, f: EnterpriseFilter, limit: number) {
      return filtered(scope, f)
        .selectAll('e')
        .select(['t.name as townName', 'c.name as carrierName', 'k.name as kindName', memberCount.as('memberCount'),
          sql<string | null>`(select o.name from org o where o.id = e.coverage_org_id)`.as('coverageOrgName')])
        .orderBy('e.name').orderBy('e.id').limit(limit).execute();
    },

    /** One enterprise with its town's path and the names of its town, carrier and kind. */
    getById(id: number) {
      return db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .leftJoin('carrier as c', 'c.id', 'e.carrierId')
        .leftJoin('enterpriseKind as k', 'k.code', 'e.kindCode')
        .selectAll('e')
        .select(['t.name as townName', sql<string | null>`t.path::text`.as('townPath'), 'c.name as carrierName', 'k.name as kindName'])
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks the row for a coverage or status change (two writers see each other's result). */
    lockById(id: number) {
      return db.selectFrom('enterprise').select(['id', 'version', 'coverageMode', 'coverageOrgId', 'leadEnterpriseId', 'operatingStatus']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** Paths of the organisations linked to an enterprise (for visibility through a link). */
    linkedOrgPaths(id: number) {
      return db.selectFrom('orgEnterprise as oe').innerJoin('org as o', 'o.id', 'oe.orgId').select(sql<string>`o.path::text`.as('path')).where('oe.enterpriseId', '=', id).execute();
    },

    getByUscc(uscc: string) {
      return db.selectFrom('enterprise as e').leftJoin('org as t', 't.id', 'e.townOrgId')
        .select(['e.id', 'e.name', sql<string | null>`t.path::text`.as('townPath')]).where('e.uscc', '=', uscc).executeTakeFirst();
    },

    /** Existing enterprises among these USCCs (import de-duplication). */
    byUsccs(usccs: string[]) {
      if (usccs.length === 0) return Promise.resolve([]);
      return db.selectFrom('enterprise').selectAll().where('uscc', 'in', usccs).execute();
    },

    /** The enterprises of a town still on the registry (reconciliation's "gone" side). */
    ofTown(townOrgId: number) {
      return db.selectFrom('enterprise').selectAll().where('townOrgId', '=', townOrgId).where('goneOn', 'is', null).execute();
    },

    create(row: EnterpriseInsert) {
      return db.insertInto('enterprise').values(row).returning('id').executeTakeFirstOrThrow();
    },

    /** Applies a patch when `version` is current; false when someone else edited first. */
    async update(id: number, version: number, patch: EnterprisePatch): Promise<boolean> {
      const r = await db.updateTable('enterprise').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() })
        .where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Writes a coverage without a version check (the caller holds the row lock or acts for an organisation). */
    async setCoverage(ids: number[], c: { coverageMode: string; coverageOrgId: number | null; leadEnterpriseId: number | null }) {
      if (ids.length) await db.updateTable('enterprise').set({ ...c, version: sql`version + 1`, updatedAt: new Date() }).where('id', 'in', ids).execute();
    },

    async link(orgId: number, enterpriseId: number) {
      await db.insertInto('orgEnterprise').values({ orgId, enterpriseId }).onConflict((oc) => oc.doNothing()).execute();
    },

    async unlink(orgId: number, enterpriseId: number) {
      await db.deleteFrom('orgEnterprise').where('orgId', '=', orgId).where('enterpriseId', '=', enterpriseId).execute();
    },

    /** Companies whose coverage runs through this lead company (龙头领建). */
    chain(leadId: number) {
      return db.selectFrom('enterprise').select(['id', 'name']).where('leadEnterpriseId', '=', leadId).orderBy('name').execute();
    },

    /** Companies an organisation covers (any mode), for abolition. */
    coveredBy(orgId: number) {
      return db.selectFrom('enterprise').select(['id', 'name', 'coverageMode', 'coverageOrgId', 'leadEnterpriseId', sql<string | null>`(select t.path::text from org t where t.id = enterprise.town_org_id)`.as('townPath')]).where('coverageOrgId', '=', orgId).forUpdate().execute();
    },

    /** Enterprises among `ids` with their coverage and status (organisation create). */
    forCoverage(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('enterprise').select(['id', 'name', 'coverageMode', 'coverageOrgId', 'leadEnterpriseId', 'operatingStatus', 'goneOn', sql<string | null>`(select t.path::text from org t where t.id = enterprise.town_org_id)`.as('townPath')]).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    },

    /** Live members employed there, counted by category. */
    async memberCounts(id: number) {
      const rows = await db.selectFrom('member as m').select(['m.category', sql<number>`count(*)::int`.as('n')])
        .where('m.employerEnterpriseId', '=', id).where(LIVE).groupBy('m.category').execute();
      const full = rows.find((r) => r.category === 'full')?.n ?? 0;
      const probationary = rows.find((r) => r.category === 'probationary')?.n ?? 0;
      return { total: full + probationary, full, probationary };
    },

    /** Live members employed there inside the caller's member scope (names only). */
    members(id: number, scope: Expression<SqlBool>) {
      return db.selectFrom('member as m').innerJoin('org as o', 'o.id', 'm.orgId')
        .select(['m.id', 'm.name', 'm.category', 'o.name as orgName'])
        .where('m.employerEnterpriseId', '=', id).where(LIVE).where(scope).orderBy('m.name').limit(200).execute();
    },

    linkedOrgs(id: number) {
      return db.selectFrom('orgEnterprise as oe').innerJoin('org as o', 'o.id', 'oe.orgId')
        .select(['o.id', 'o.name', 'o.kind', 'o.abolishedOn']).where('oe.enterpriseId', '=', id).orderBy('o.name').execute();
    },

    getOrg(id: number) {
      return db.selectFrom('org').select(['id', 'name', 'kind', 'isTown', sql<string>`path::text`.as('path'), 'abolishedOn']).where('id', '=', id).executeTakeFirst();
    },

    /** Enterprises linked to an organisation. */
    linkedEnterprises(orgId: number) {
      return db.selectFrom('orgEnterprise as oe').innerJoin('enterprise as e', 'e.id', 'oe.enterpriseId').select(['e.id', 'e.name']).where('oe.orgId', '=', orgId).orderBy('e.id').execute();
    },

    listKinds() {
      return db.selectFrom('enterpriseKind').select(['code', 'name', 'position', 'builtin']).orderBy('position').orderBy('code').execute();
    },

    getKind(code: string) {
      return db.selectFrom('enterpriseKind').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
    },

    kindByCodeOrName(code: string, name: string) {
      return db.selectFrom('enterpriseKind').select(['code', 'name']).where((eb) => eb.or([eb('code', '=', code), eb('name', '=', name)])).executeTakeFirst();
    },

    async createKind(code: string, name: string) {
      const { next } = await db.selectFrom('enterpriseKind').select(sql<number>`coalesce(max(position), 0)::int + 1`.as('next')).executeTakeFirstOrThrow();
      await db.insertInto('enterpriseKind').values({ code, name, position: next }).execute();
    },

    listCarriers(scope: Expression<SqlBool>, townOrgId?: number) {
      return db.selectFrom('carrier as c').innerJoin('org as t', 't.id', 'c.townOrgId')
        .select(['c.id', 'c.kind', 'c.name', 'c.townOrgId', 't.name as townName', 'c.address',
          sql<number>`(select count(*)::int from enterprise e where e.carrier_id = c.id)`.as('enterpriseCount')])
        .where(scope)
        .$if(!!townOrgId, (q) => q.where('c.townOrgId', '=', townOrgId!))
        .orderBy('t.name').orderBy('c.name').execute();
    },

    getCarrier(id: number) {
      return db.selectFrom('carrier as c').innerJoin('org as t', 't.id', 'c.townOrgId')
        .select(['c.id', 'c.kind', 'c.name', 'c.townOrgId', 'c.address', sql<string>`t.path::text`.as('townPath')]).where('c.id', '=', id).executeTakeFirst();
    },

    carriersOfTown(townOrgId: number) {
      return db.selectFrom('carrier').select(['id', 'name']).where('townOrgId', '=', townOrgId).execute();
    },

    createCarrier(row: { kind: string; name: string; townOrgId: number; address: string | null }) {
      return db.insertInto('carrier').values(row).returning('id').executeTakeFirstOrThrow();
    },

    async updateCarrier(id: number, patch: { kind?: string; name?: string; address?: string | null }) {
      await db.updateTable('carrier').set({ ...patch, updatedAt: new Date() }).where('id', '=', id).execute();
    },

    /** A positive whole-number setting (e.g. 'coverage.jointBranchMaxUnits'), or the national default. */
    async countSetting(key: string, fallback: number): Promise<number> {
      const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
      const n = Number(row?.value);
      return row && Number.isInteger(n) && n > 0 ? n : fallback;
    },
  };
}
export type EnterpriseRepository = ReturnType<typeof createEnterpriseRepository>;
