import {
  BUILTIN_ENTERPRISE_KINDS,
  KEY_POSITION_LABELS,
  KEY_POSITIONS,
  MEMBER_CATEGORIES,
  MEMBER_CATEGORY_LABELS,
  OPERATING_STATUS_LABELS,
  OPERATING_STATUSES,
  ORG_KIND_LABELS,
  ORG_KINDS,
  addDays,
  coverageDefinition,
  todayInShanghai,
  type CoverageCounts,
  type CoverageRate,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { createCoverageRepository, type CellRow, type CoverageScope } from './coverage.repository';
import { coverageSettings, enterpriseLink, link, resolveScope, type ResolvedScope } from './coverage.scope';
import { countRows, createCoverageService, drillRates, modeBreakdown, rateDefinitions } from './coverage.service';
import { createDashboardRepository } from './dashboard.repository';
import { DashboardResponse, type DashboardView } from './dashboard.schemas';

type Figure = DashboardView['companies']['total'];
const LIVE_TEXT = '在册党员（党籍状态为正常或停止党籍），来自党员花名册';
/** Key-position counts scan members; they are reused per scope for this long (their as-of time is shown). */
const KEY_POSITION_CACHE_MS = 60_000;
const SURVEY_SOON_DAYS = 7;

/**
 * The assembled answer per scope, shared for a few seconds: twenty viewers of the same city
 * page then cost one computation, and every figure still shows the moment it was read.
 */
const ANSWER_CACHE_MS = 5_000;
const TOWNS_CACHE_MS = 60_000;
const MAX_STALE_MS = 30_000;

type Entry<T> = { at: string; until: number; value: Promise<T>; refreshing?: boolean };
export type Cache<T> = Map<string, Entry<T>>;

/**
 * The cached entry for `key`, or a new one whose computation concurrent callers share. While
 * an expired entry's successor is computed, others get the expired one (each figure carries
 * the moment it was read), so viewers never queue behind a recomputation.
 */
export function shared<T>(cache: Cache<T>, key: string, ms: number, compute: () => Promise<T>): { at: string; value: Promise<T> } {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && (hit.until > now || hit.refreshing)) return hit;
  const entry: Entry<T> = { at: new Date(now).toISOString(), until: now + ms, value: compute() };
  if (cache.size > 1000) cache.clear();
  // The caller who finds the answer expired waits for the new one; viewers arriving meanwhile
  // get the recently expired answer instead of queueing behind the computation.
  if (hit && now - hit.until < MAX_STALE_MS) {
    hit.refreshing = true;
    entry.value.then(() => cache.set(key, entry), () => (hit.refreshing = false));
    return entry;
  }
  // A failure is not kept: the next caller tries again.
  entry.value.catch(() => cache.delete(key));
  cache.set(key, entry);
  return entry;
}

/** A count (no rate) with its definition, read time and drill-down. */
const count = (value: number | null, definition: string, asOf: string, drill: string | null): Figure =>
  ({ value, numerator: null, denominator: null, definition, asOf, drill, denominatorDrill: null });

function groupSums(rows: (CellRow & { key: string })[]): Map<string, CellRow[]> {
  const groups = new Map<string, CellRow[]>();
  for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  return groups;
}

const totalOf = (rows: CellRow[]) => rows.reduce((s, r) => s + r.n, 0);

export function createDashboardService(deps: { db: Database }, options: { answerCacheMs?: number } = {}) {
  const answerCacheMs = options.answerCacheMs ?? ANSWER_CACHE_MS;
  const coverageRepo = createCoverageRepository(deps.db);
  const repo = createDashboardRepository(deps.db);
  const coverage = createCoverageService(deps);
  const keyPositionCache: Cache<{ position: string; n: number }[]> = new Map();
  const townCache: Cache<Awaited<ReturnType<typeof coverageRepo.townsWithin>>> = new Map();
  const answerCache: Cache<{ view: DashboardView; json: string }> = new Map();
  // Town lists change only when a town is founded or abolished: shared for a minute.
  const scopeRepo = { ...coverageRepo, townsWithin: (roots: string[]) => shared(townCache, roots.join(','), TOWNS_CACHE_MS, () => coverageRepo.townsWithin(roots)).value };

  /** Key positions per scope, shared by concurrent viewers for a minute. */
  const keyPositions = (s: CoverageScope) => shared(keyPositionCache, `${s.orgRoots.join(',')}|${s.carrierId}`, KEY_POSITION_CACHE_MS, () => repo.membersByKeyPosition(s));

  /** Rates as dashboard figures (definition with the rule's source; drill to numerator and denominator). */
  function rateFigures(c: CoverageCounts, scope: ResolvedScope, minStaff: number, asOf: string, narrow: Record<string, string | number | undefined> = {}) {
    const rates = drillRates(c, scope, narrow);
    const figure = (rate: CoverageRate): Figure => {
      const r = rates[rate];
      return { value: r.value, numerator: r.numerator, denominator: r.denominator, definition: coverageDefinition(rate, minStaff), asOf, drill: r.numeratorDrill, denominatorDrill: r.denominatorDrill };
    };
    return { organisation: figure('organisation'), standalone: figure('standalone'), work: figure('work') };
  }

  /** The organisation the member and organisation drill-downs open (the town, or the single grant root). */
  function scopeOrgId(access: Access, scope: ResolvedScope): number | undefined {
    if (scope.town) return scope.town.id;
    if (scope.orgRoots.length !== 1) return undefined;
    return access.actor.grants.find((g) => g.orgPath === scope.orgRoots[0])?.orgId;
  }

  return {
    /** Every figure of the dashboard for the caller's scope (or one town / carrier inside it), in one answer. */
    async dashboard(access: Access, q: { townOrgId?: number; carrierId?: number }, now = new Date()): Promise<DashboardView> {
      return (await answer(access, q, now)).view;
    },

    /**
     * The same answer as JSON text, checked against DashboardResponse once when computed:
     * viewers sharing a cached answer then cost no schema walk and no serialisation each.
     */
    async dashboardJson(access: Access, q: { townOrgId?: number; carrierId?: number }): Promise<string> {
      return (await answer(access, q, new Date())).json;
    },
  };

  async function answer(access: Access, q: { townOrgId?: number; carrierId?: number }, now: Date) {
    const scope = await resolveScope(scopeRepo, access, q);
    const orgId = scopeOrgId(access, scope);
    const key = `${scope.townIds.join(',')}|${scope.includeNoTown}|${scope.carrierId}|${scope.orgRoots.join(',')}|${orgId}`;
    const build = async () => {
      const view = DashboardResponse.parse(await compute(scope, orgId, now));
      return { view, json: JSON.stringify(view) };
    };
    return answerCacheMs > 0 ? shared(answerCache, key, answerCacheMs, build).value : build();
  }

  /** All figures of one scope; every figure's asOf is the moment it was read. */
  async function compute(scope: ResolvedScope, orgId: number | undefined, now: Date): Promise<DashboardView> {
    const asOf = now.toISOString();
    const today = todayInShanghai(now);
    const year = Number(today.slice(0, 4));
    const childLevel = scope.carrier ? null : scope.town ? 'carrier' : 'town';
    const kp = keyPositions(scope);
    const cells = coverageRepo.totalsByKindAnd(scope, childLevel);
    const [settings, { byKind: byKindCells, byOther: childCells }, kinds, byStatus, orgKinds, categories, positions, stars, surveys, requests, trend] = await Promise.all([
      coverageSettings(coverageRepo),
      cells,
      coverageRepo.kinds(),
      repo.companiesByStatus(scope),
      repo.orgsByKind(scope),
      repo.membersByCategory(scope),
      kp.value,
      repo.starsOfYear(scope, year),
      repo.surveys(scope, today, addDays(today, SURVEY_SOON_DAYS)),
      repo.requests(scope, today),
      cells.then((c) => coverage.trendPoints(scope, now, c.byKind)),
    ]);
    const counts = countRows(byKindCells);
    const kindGroups = groupSums(byKindCells);
    const kindNames = new Map<string, string>([['', '未分类'], ...kinds.map((k): [string, string] => [k.code, k.name])]);
    const townOrgId = scope.town?.id;
    // Lists other than the registry narrow to a carrier too, so a carrier's figures drill to exactly its records.
    const carrierId = scope.carrierId ?? undefined;
    const children = childLevel ? await childRows(childLevel, groupSums(childCells), scope) : null;
    const categoryTotal = categories.reduce((s, r) => s + r.n, 0);
    const orgTotal = orgKinds.reduce((s, r) => s + r.n, 0);
    const assessed = stars.reduce((s, r) => s + r.n, 0);
    return {
      scope: { level: scope.carrier ? 'carrier' : scope.town ? 'town' : 'all', town: scope.town && { id: scope.town.id, name: scope.town.name }, carrier: scope.carrier },
      asOf,
      companies: {
        total: count(totalOf(byKindCells), '登记在册的互联网企业（含停业、注销、迁出、空壳等各种经营状态），按企业所在镇（街道）统计', asOf, enterpriseLink(scope)),
        inDenominator: count(counts.denominator, `实体运营企业（覆盖率分母）：正常经营、有固定场所、从业人员不少于${settings.minStaff}人且仍在登记名录中`, asOf, enterpriseLink(scope, { inDenominator: 'true' })),
        byKind: [...kindGroups.entries()].sort((a, b) => totalOf(b[1]) - totalOf(a[1])).map(([key, rows]) => ({
          key, label: kindNames.get(key) ?? BUILTIN_ENTERPRISE_KINDS[key]?.zh ?? key,
          figure: count(totalOf(rows), '该类型的登记企业（各种经营状态）', asOf, key ? enterpriseLink(scope, { kindCode: key }) : enterpriseLink(scope)),
        })),
        byStatus: OPERATING_STATUSES.map((status) => ({
          key: status, label: OPERATING_STATUS_LABELS[status].zh,
          figure: count(byStatus.find((r) => r.status === status)?.n ?? 0, `经营状态为“${OPERATING_STATUS_LABELS[status].zh}”的登记企业`, asOf, enterpriseLink(scope, { operatingStatus: status })),
        })),
      },
      coverage: {
        ...rateFigures(counts, scope, settings.minStaff, asOf),
        byMode: modeBreakdown(counts, scope),
        children,
        trend,
        definitions: rateDefinitions(settings.minStaff),
      },
      orgs: {
        total: count(orgTotal, scope.carrier ? '与该载体内企业关联、未撤销的党组织' : '范围内未撤销的党组织（含党委、党总支、党支部、联合党支部、临时党支部和工作机构）', asOf, orgId ? `/orgs/${orgId}` : '/orgs'),
        byKind: ORG_KINDS.filter((k) => orgKinds.some((r) => r.kind === k)).map((k) => ({
          key: k, label: ORG_KIND_LABELS[k].zh,
          figure: count(orgKinds.find((r) => r.kind === k)!.n, `类别为“${ORG_KIND_LABELS[k].zh}”的未撤销党组织`, asOf, orgId ? `/orgs/${orgId}` : '/orgs'),
        })),
      },
      members: {
        total: count(categoryTotal, scope.carrier ? `${LIVE_TEXT}；载体范围内按党员所在工作单位统计` : LIVE_TEXT, asOf, link('/members', { orgId })),
        byCategory: MEMBER_CATEGORIES.map((c) => ({
          key: c, label: MEMBER_CATEGORY_LABELS[c].zh,
          figure: count(categories.find((r) => r.category === c)?.n ?? 0, `${LIVE_TEXT}中的${MEMBER_CATEGORY_LABELS[c].zh}`, asOf, link('/members', { orgId, category: c })),
        })),
        byKeyPosition: KEY_POSITIONS.map((p) => ({
          key: p, label: KEY_POSITION_LABELS[p].zh,
          figure: count(positions.find((r) => r.position === p)?.n ?? 0, `在册党员中在企业担任“${KEY_POSITION_LABELS[p].zh}”岗位的人数（一人可有多个岗位；每分钟更新）`, kp.at, link('/members', { orgId, keyPosition: p })),
        })),
      },
      standards: {
        year,
        assessed: count(assessed, `${year}年度“六个有”评定经镇（街道）审核通过的党组织`, asOf, link('/standards', { tab: 'overview', year, status: 'accepted', townOrgId, carrierId })),
        byStars: stars.map((r) => ({
          key: String(r.stars), label: `${r.stars}星`,
          figure: count(r.n, `${year}年度“六个有”评定审核通过且评为${r.stars}星的党组织`, asOf, link('/standards', { tab: 'overview', year, status: 'accepted', stars: r.stars, townOrgId, carrierId })),
        })),
      },
      surveys: {
        open: count(surveys.open, '尚未完成的排查摸底任务（三同步：企业落户即排查）', asOf, link('/surveys', { status: 'open', townOrgId, carrierId })),
        dueSoon: count(surveys.dueSoon, `${SURVEY_SOON_DAYS}天内到期、尚未完成的排查摸底任务`, asOf, link('/surveys', { dueWithinDays: SURVEY_SOON_DAYS, townOrgId, carrierId })),
        overdue: count(surveys.overdue, '已过截止日期仍未完成的排查摸底任务', asOf, link('/surveys', { overdue: 'true', townOrgId, carrierId })),
      },
      requests: {
        open: count(requests.open, '待受理、已受理和办理中的企业诉求', asOf, link('/requests', { open: 'true', townOrgId, carrierId })),
        resolved: count(requests.resolved, '已办结的企业诉求（不含不予受理）', asOf, link('/requests', { status: 'resolved', townOrgId, carrierId })),
        overdue: count(requests.overdue, '尚未办结且已超过办理期限的企业诉求', asOf, link('/requests', { overdue: 'true', townOrgId, carrierId })),
        avgDaysToResolve: count(requests.avgDays === null ? null : Number(requests.avgDays), '已办结诉求从提出到办结的平均天数（无已办结诉求时显示“—”）', asOf, link('/requests', { status: 'resolved', townOrgId, carrierId })),
      },
    };
  }

  /** Rates per town (whole scope) or per carrier (one town), for the bar chart. */
  async function childRows(level: 'town' | 'carrier', groups: Map<string, CellRow[]>, scope: ResolvedScope) {
    let entries: { id: number; name: string }[];
    if (level === 'town') {
      entries = scope.towns.map((t) => ({ id: t.id, name: t.shortName ?? t.name }));
    } else {
      const carriers = await coverageRepo.carrierNames([...groups.keys()].map(Number).filter((k) => k > 0));
      entries = [...carriers.map((c) => ({ id: c.id, name: c.name })), ...(groups.has('0') ? [{ id: 0, name: '不在载体内' }] : [])];
    }
    return {
      level,
      rows: entries.map((e) => ({
        id: e.id,
        name: e.name,
        ...drillRates(countRows(groups.get(String(e.id)) ?? []), scope, e.id === 0 ? {} : level === 'town' ? { townOrgId: e.id } : { carrierId: e.id }),
      })),
    };
  }
}
