import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';

/**
 * Where a figure is counted: the towns whose companies count (enterprises are scoped by their
 * town), optionally one carrier, and the organisation subtrees for organisation and member
 * figures. Built by the service from the caller's grants; the repository only applies it.
 */
export interface CoverageScope {
  townIds: number[];
  /** Companies without a town count only for viewers at the root of the tree. */
  includeNoTown: boolean;
  carrierId: number | null;
  orgRoots: string[];
}

export interface CellRow {
  inDenominator: boolean;
  coverageMode: string;
  workMeasure: boolean;
  n: number;
}

export type GroupBy = 'town' | 'carrier' | 'kind' | 'sizeBand';
const GROUP_COLUMN: Record<GroupBy, string> = { town: 'town_org_id', carrier: 'carrier_id', kind: 'kind_code', sizeBand: 'size_band' };

/** The live member statuses (they count in headcounts and structure rules). */
export const LIVE_MEMBER = sql<SqlBool>`m.status in ('normal', 'suspended')`;

/** The kept cells (or snapshot rows) inside the scope; the columns are the same in both tables. */
export function cellScope(s: CoverageScope, alias: string): RawBuilder<SqlBool> {
  const c = (name: string) => sql.ref(`${alias}.${name}`);
  const town = s.includeNoTown
    ? sql<SqlBool>`(${c('town_org_id')} = any(${s.townIds}::bigint[]) or ${c('town_org_id')} = 0)`
    : sql<SqlBool>`${c('town_org_id')} = any(${s.townIds}::bigint[])`;
  return s.carrierId === null ? town : sql<SqlBool>`${town} and ${c('carrier_id')} = ${s.carrierId}`;
}

/** Enterprises (alias `e`) inside the scope. */
export function enterpriseScope(s: CoverageScope): RawBuilder<SqlBool> {
  const town = s.includeNoTown
    ? sql<SqlBool>`(e.town_org_id = any(${s.townIds}::bigint[]) or e.town_org_id is null)`
    : sql<SqlBool>`e.town_org_id = any(${s.townIds}::bigint[])`;
  return s.carrierId === null ? town : sql<SqlBool>`${town} and e.carrier_id = ${s.carrierId}`;
}

/** Organisations (alias `o`) inside the scope: the subtrees, or those linked to the carrier's companies. */
export function orgScope(s: CoverageScope): RawBuilder<SqlBool> {
  if (s.orgRoots.length === 0) return sql<SqlBool>`false`;
  const subtree = sql<SqlBool>`o.path <@ array[${sql.join(s.orgRoots)}]::ltree[]`;
  if (s.carrierId === null) return subtree;
  return sql<SqlBool>`${subtree} and exists (select 1 from org_enterprise oe join enterprise ce on ce.id = oe.enterprise_id where oe.org_id = o.id and ce.carrier_id = ${s.carrierId})`;
}

export function createCoverageRepository(db: Queryable) {
  return {
    /** Towns (is_town, not abolished) inside the given subtrees, by name. */
    async townsWithin(roots: string[]) {
      if (roots.length === 0) return [];
      return db.selectFrom('org as o').select(['o.id', 'o.name', 'o.shortName', sql<string>`o.path::text`.as('path')])
        .where('o.isTown', '=', true).where('o.abolishedOn', 'is', null)
        .where(sql<SqlBool>`o.path <@ array[${sql.join(roots)}]::ltree[]`)
        .orderBy('o.code').execute();
    },

    getTown(id: number) {
      return db.selectFrom('org').select(['id', 'name', 'shortName', sql<string>`path::text`.as('path'), 'isTown']).where('id', '=', id).executeTakeFirst();
    },

    getCarrier(id: number) {
      return db.selectFrom('carrier').select(['id', 'name', 'kind', 'townOrgId']).where('id', '=', id).executeTakeFirst();
    },

    /** The kept cells of the scope summed by the facts a rate needs. */
    async totals(s: CoverageScope): Promise<CellRow[]> {
      const { rows } = await sql<CellRow>`
        select c.in_denominator, c.coverage_mode, c.work_measure, sum(c.n)::int as n
        from coverage_count c where ${cellScope(s, 'c')} and c.n <> 0
        group by 1, 2, 3`.execute(db);
      return rows;
    },

    /** The kept cells of the scope summed per group value (town id, carrier id, kind code or size band). */
    async totalsBy(s: CoverageScope, groupBy: GroupBy, narrow: { kindCode?: string; sizeBand?: string } = {}) {
      const { rows } = await sql<CellRow & { key: string }>`
        select ${sql.ref(`c.${GROUP_COLUMN[groupBy]}`)}::text as key, c.in_denominator, c.coverage_mode, c.work_measure, sum(c.n)::int as n
        from coverage_count c
        where ${cellScope(s, 'c')} and c.n <> 0
          ${narrow.kindCode === undefined ? sql`` : sql`and c.kind_code = ${narrow.kindCode}`}
          ${narrow.sizeBand === undefined ? sql`` : sql`and c.size_band = ${narrow.sizeBand}`}
        group by 1, 2, 3, 4`.execute(db);
      return rows;
    },

    /**
     * One pass over the kept cells of the scope: sums per kind and per town or carrier (the
     * dashboard's two breakdowns; the overall figure is the sum of either).
     */
    async totalsByKindAnd(s: CoverageScope, other: 'town' | 'carrier' | null) {
      const otherColumn = other ? sql.ref(`c.${GROUP_COLUMN[other]}`) : sql`null::bigint`;
      const { rows } = await sql<CellRow & { kind: string | null; other: string | null }>`
        select c.kind_code as kind, ${otherColumn}::text as other, c.in_denominator, c.coverage_mode, c.work_measure, sum(c.n)::int as n
        from coverage_count c where ${cellScope(s, 'c')} and c.n <> 0
        group by grouping sets ((c.kind_code, c.in_denominator, c.coverage_mode, c.work_measure)
          ${other ? sql`, (${otherColumn}, c.in_denominator, c.coverage_mode, c.work_measure)` : sql``})`.execute(db);
      return {
        byKind: rows.filter((r) => r.kind !== null).map((r) => ({ ...r, key: r.kind! })),
        byOther: other ? rows.filter((r) => r.kind === null).map((r) => ({ ...r, key: r.other ?? '0' })) : [],
      };
    },

    /** Month-end snapshots of the scope, summed per month (oldest first). */
    async snapshotTotals(s: CoverageScope, fromMonth: string) {
      const { rows } = await sql<CellRow & { month: string }>`
        select to_char(c.month, 'YYYY-MM') as month, c.in_denominator, c.coverage_mode, c.work_measure, sum(c.n)::int as n
        from coverage_snapshot c
        where c.month >= ${fromMonth}::date and ${cellScope(s, 'c')}
        group by 1, 2, 3, 4 order by 1`.execute(db);
      return rows;
    },

    carrierNames(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('carrier').select(['id', 'name', 'townOrgId']).where('id', 'in', ids).execute();
    },

    kinds() {
      return db.selectFrom('enterpriseKind').select(['code', 'name']).orderBy('position').orderBy('code').execute();
    },

    /** Setting values by key (jsonb), for the thresholds a figure or rule uses. */
    async settings(keys: string[]): Promise<Map<string, unknown>> {
      const rows = await db.selectFrom('setting').select(['key', 'value']).where('key', 'in', keys).execute();
      return new Map(rows.map((r) => [r.key, r.value]));
    },

    /**
     * Operating companies in scope with their live employed members (full and all), filtered
     * by a condition on those counts and the company's mode; one page plus the total.
     */
    async companiesWithMembers(s: CoverageScope, having: RawBuilder<SqlBool>, page: { limit: number; offset: number }) {
      const { rows } = await sql<{ id: number; uscc: string; name: string; townOrgId: number | null; townName: string | null; coverageMode: string; workMeasure: boolean; fullMembers: number; members: number; total: number }>`
        select e.id, e.uscc, e.name, e.town_org_id, t.name as town_name, e.coverage_mode, e.work_measure, mc.full_members, mc.members, count(*) over ()::int as total
        from enterprise e
        left join org t on t.id = e.town_org_id
        cross join lateral (
          select count(*) filter (where m.category = 'full')::int as full_members, count(*)::int as members
          from member m where m.employer_enterprise_id = e.id and ${LIVE_MEMBER}
        ) mc
        where ${enterpriseScope(s)} and e.operating_status = 'operating' and e.gone_on is null and ${having}
        order by mc.full_members desc, mc.members desc, e.name, e.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      return rows;
    },

    /** Live joint branches in scope linked to more than `maxUnits` companies; one page plus the total. */
    async jointBranchesOver(s: CoverageScope, maxUnits: number, page: { limit: number; offset: number }) {
      const { rows } = await sql<{ id: number; name: string; path: string; units: number; total: number }>`
        select o.id, o.name, o.path::text as path, u.units, count(*) over ()::int as total
        from org o
        cross join lateral (select count(*)::int as units from org_enterprise oe where oe.org_id = o.id) u
        where o.kind = 'jointBranch' and o.abolished_on is null and ${orgScope(s)} and u.units > ${maxUnits}
        order by u.units desc, o.name, o.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      return rows;
    },
  };
}
export type CoverageRepository = ReturnType<typeof createCoverageRepository>;
