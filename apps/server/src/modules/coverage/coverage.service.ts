import {
  COVERAGE_MODE_LABELS,
  COVERAGE_MODES,
  COVERAGE_RATE_DEFINITIONS,
  COVERAGE_RATES,
  COVERAGE_SUGGESTION_RULES,
  DEFAULT_RULE_SETTINGS,
  SIZE_BAND_LABELS,
  countCells,
  coverageDefinition,
  coverageFigures,
  suggestionRule,
  type CoverageCell,
  type CoverageCounts,
  type CoverageMode,
  type SizeBand,
} from '@hongyun/shared';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { createCoverageRepository, type CellRow, type CoverageScope } from './coverage.repository';
import type { RatesQueryInput, SuggestionsQueryInput } from './coverage.schemas';
import { coverageSettings, enterpriseLink, link, resolveScope, type ResolvedScope } from './coverage.scope';

const cell = (r: CellRow): CoverageCell => ({ inDenominator: r.inDenominator, mode: r.coverageMode as CoverageMode, workMeasure: r.workMeasure, n: r.n });
export const countRows = (rows: CellRow[]): CoverageCounts => countCells(rows.map(cell));

/** The three rates of some counts, plain (trend points). */
export function plainRates(c: CoverageCounts) {
  const [organisation, standalone, work] = coverageFigures(c).map(({ numerator, denominator, value }) => ({ numerator, denominator, value }));
  return { organisation, standalone, work };
}

/** The three rates with the enterprise-list addresses behind numerator and denominator. */
export function drillRates(c: CoverageCounts, scope: Pick<ResolvedScope, 'town' | 'carrierId'>, narrow: Record<string, string | number | undefined> = {}) {
  const base = { ...narrow, inDenominator: 'true' };
  const rates = plainRates(c);
  const denominatorDrill = enterpriseLink(scope, base);
  return {
    organisation: { ...rates.organisation, numeratorDrill: enterpriseLink(scope, { ...base, organised: 'true' }), denominatorDrill },
    standalone: { ...rates.standalone, numeratorDrill: enterpriseLink(scope, { ...base, coverageMode: 'standalone' }), denominatorDrill },
    work: { ...rates.work, numeratorDrill: enterpriseLink(scope, { ...base, workCovered: 'true' }), denominatorDrill },
  };
}

/** Companies in the denominator per mode ("none" = not organised), each drillable. */
export function modeBreakdown(c: CoverageCounts, scope: Pick<ResolvedScope, 'town' | 'carrierId'>) {
  return COVERAGE_MODES.map((mode) => ({
    mode,
    label: COVERAGE_MODE_LABELS[mode].zh,
    n: mode === 'none' ? c.denominator - c.organised : c[mode],
    drill: enterpriseLink(scope, { inDenominator: 'true', coverageMode: mode }),
  }));
}

export function rateDefinitions(minStaff: number) {
  return COVERAGE_RATES.map((rate) => ({
    rate,
    label: COVERAGE_RATE_DEFINITIONS[rate].label.zh,
    numerator: COVERAGE_RATE_DEFINITIONS[rate].numerator.zh,
    definition: coverageDefinition(rate, minStaff),
    citation: COVERAGE_RATE_DEFINITIONS[rate].citation,
  }));
}

/** The month `n` months before `month` ('YYYY-MM'). */
export function monthBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month (YYYY-MM) of an instant in Asia/Shanghai. */
export function monthInShanghai(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export function createCoverageService(deps: { db: Database }) {
  const repo = createCoverageRepository(deps.db);

  /** Names of the groups a rates table shows (towns, carriers, kinds, size bands). */
  async function groupNames(groupBy: RatesQueryInput['groupBy'], keys: string[], scope: ResolvedScope): Promise<Map<string, string>> {
    if (groupBy === 'town') {
      const names = new Map(scope.towns.map((t) => [String(t.id), t.name]));
      if (scope.town) names.set(String(scope.town.id), scope.town.name);
      names.set('0', '未填写镇（街道）');
      return names;
    }
    if (groupBy === 'carrier') {
      const rows = await repo.carrierNames(keys.map(Number).filter((k) => k > 0));
      return new Map([['0', '不在载体内'], ...rows.map((r): [string, string] => [String(r.id), r.name])]);
    }
    if (groupBy === 'kind') return new Map([['', '未分类'], ...(await repo.kinds()).map((k): [string, string] => [k.code, k.name])]);
    return new Map(Object.entries(SIZE_BAND_LABELS).map(([k, l]) => [k, l.zh]));
  }

  /** The enterprise-list filter that selects one group. */
  function groupFilter(groupBy: RatesQueryInput['groupBy'], key: string): Record<string, string> {
    if (groupBy === 'town') return { townOrgId: key };
    if (groupBy === 'carrier') return { carrierId: key };
    if (groupBy === 'kind') return { kindCode: key };
    return { sizeBand: key };
  }

  return {
    /** Trend points of an already resolved scope (the dashboard's trend). */
    trendPoints: (scope: CoverageScope, now: Date, live?: CellRow[]) => trendPoints(scope, now, live),

    /** Overall rates and rates per group within the caller's scope, from the kept cells. */
    async rates(access: Access, q: RatesQueryInput) {
      const scope = await resolveScope(repo, access, q);
      const settings = await coverageSettings(repo);
      const rows = await repo.totalsBy(scope, q.groupBy, { kindCode: q.kindCode, sizeBand: q.sizeBand });
      const groups = new Map<string, CellRow[]>();
      for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
      const names = await groupNames(q.groupBy, [...groups.keys()], scope);
      const narrow = { kindCode: q.kindCode, sizeBand: q.sizeBand };
      const overall = countRows(rows);
      const ordered = q.groupBy === 'town' ? [...scope.towns.map((t) => String(t.id)), ...[...groups.keys()].filter((k) => !scope.towns.some((t) => String(t.id) === k))] : [...groups.keys()].sort();
      return {
        groupBy: q.groupBy,
        overall: drillRates(overall, scope, narrow),
        rows: [...new Set(ordered)].filter((k) => groups.has(k) || q.groupBy === 'town').map((key) => {
          const c = countRows(groups.get(key) ?? []);
          // "No town / no carrier / no kind" groups have no list filter of their own: drill to the whole scope.
          const filter = key === '' || key === '0' ? {} : groupFilter(q.groupBy, key);
          return { key, name: names.get(key) ?? (q.groupBy === 'sizeBand' ? SIZE_BAND_LABELS[key as SizeBand]?.zh ?? key : key), ...drillRates(c, scope, { ...narrow, ...filter }) };
        }),
        byMode: modeBreakdown(overall, scope),
        definitions: rateDefinitions(settings.minStaff),
        asOf: new Date().toISOString(),
      };
    },

    /** Month-end values from the snapshots (last 12 months) plus the running month. */
    async trend(access: Access, q: { townOrgId?: number; carrierId?: number }, now = new Date()) {
      const scope = await resolveScope(repo, access, q);
      const settings = await coverageSettings(repo);
      const points = await trendPoints(scope, now);
      return { points, definitions: rateDefinitions(settings.minStaff), asOf: now.toISOString() };
    },

    /** One page of a suggested-action list, each row with the numbers that put it there. */
    async suggestions(access: Access, q: SuggestionsQueryInput) {
      const scope = await resolveScope(repo, access, { townOrgId: q.townOrgId });
      const settings = await coverageSettings(repo);
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const threshold = q.kind === 'jointOverLimit' ? settings.jointBranchMaxUnits : settings.branchMinFullMembers;
      const citation = q.kind === 'jointOverLimit' ? DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.citation
        : q.kind === 'buildOwn' ? DEFAULT_RULE_SETTINGS.branchMinFullMembers.citation : COVERAGE_RATE_DEFINITIONS.work.citation;
      let items;
      let total = 0;
      if (q.kind === 'jointOverLimit') {
        const rows = await repo.jointBranchesOver(scope, settings.jointBranchMaxUnits, page);
        total = rows[0]?.total ?? 0;
        items = rows.map((r) => ({ id: r.id, name: r.name, uscc: null, townName: null, coverageMode: null, workMeasure: null, fullMembers: null, members: null, units: r.units, link: `/orgs/${r.id}` }));
      } else {
        const having = q.kind === 'buildOwn'
          ? sql<SqlBool>`e.coverage_mode <> 'standalone' and mc.full_members >= ${settings.branchMinFullMembers}`
          : sql<SqlBool>`e.coverage_mode = 'none' and not e.work_measure and mc.members > 0`;
        const rows = await repo.companiesWithMembers(scope, having, page);
        total = rows[0]?.total ?? 0;
        items = rows.map((r) => ({
          id: r.id, name: r.name, uscc: r.uscc, townName: r.townName, coverageMode: r.coverageMode as CoverageMode, workMeasure: r.workMeasure,
          fullMembers: r.fullMembers, members: r.members, units: null, link: `/enterprises/${r.id}`,
        }));
      }
      return {
        kind: q.kind,
        label: COVERAGE_SUGGESTION_RULES[q.kind].label.zh,
        rule: suggestionRule(q.kind, threshold),
        citation,
        threshold,
        items,
        total,
        page: q.page,
        pageSize: q.pageSize,
        asOf: new Date().toISOString(),
      };
    },
  };

  /** Past months from the snapshots; the running month from `live` cells when the caller has them. */
  async function trendPoints(scope: CoverageScope, now: Date, live?: CellRow[]) {
    const current = monthInShanghai(now);
    const from = `${monthBefore(current, 12)}-01`;
    const [snapshots, cells] = await Promise.all([pastTrend(scope, from), live ?? repo.totals(scope)]);
    return [...snapshots, { month: current, current: true, ...plainRates(countRows(cells)) }];
  }

  /** Past months never change once taken: kept per scope until a new month's snapshot may exist. */
  async function pastTrend(scope: CoverageScope, from: string) {
    const key = `${from}|${scope.townIds.join(',')}|${scope.includeNoTown}|${scope.carrierId}`;
    const hit = trendCache.get(key);
    if (hit && hit.until > Date.now()) return hit.points;
    const rows = await repo.snapshotTotals(scope, from);
    const byMonth = new Map<string, CellRow[]>();
    for (const r of rows) byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r]);
    const points = [...byMonth.entries()].map(([month, cells]) => ({ month, current: false, ...plainRates(countRows(cells)) }));
    if (trendCache.size > 500) trendCache.clear();
    trendCache.set(key, { points, until: Date.now() + TREND_CACHE_MS });
    return points;
  }
}

/** How long past months of a trend are reused (a snapshot is taken once, early in a month). */
const TREND_CACHE_MS = 5 * 60_000;
const trendCache = new Map<string, { points: { month: string; current: boolean; organisation: ReturnType<typeof plainRates>['organisation']; standalone: ReturnType<typeof plainRates>['standalone']; work: ReturnType<typeof plainRates>['work'] }[]; until: number }>();

/** Forgets cached trends (after a snapshot is written, and in tests). */
export function forgetTrendCache(): void {
  trendCache.clear();
}
