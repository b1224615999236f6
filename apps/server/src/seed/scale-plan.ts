// The shape of a scale database, planned in memory before anything is written: cities,
// towns, enterprises, organisations and how many members each organisation holds.

import { addDays, addYears, CARRIER_KINDS, daysBetween, type CarrierKind, type CoverageMode, type OperatingStatus, type OrgKind } from '@hongyun/shared';
import type { TermState } from './demo-data';
import { EnterpriseNameFactory, fallbackBranchName, TONGXIANG_TOWNS, townOrgName, UsccFactory, type Profile, type TownInfo } from './places';
import type { Random } from './random';

export interface PlanOrg {
  parent: number | null;
  kind: OrgKind;
  name: string;
  code: string;
  isTown: boolean;
  shortName: string | null;
  founded: string;
  /** Linked enterprises (indexes into PlanEnterprise[]). */
  companies: number[];
  /** Enterprises the members work for (the fallback branch: the town's uncovered ones). */
  employers: number[];
  members: number;
  profile: Profile;
  partyGroups: number;
  /** null: no leadership (offices, and a few branches that have not elected one). */
  term: TermState | null;
  posts: 'committee' | 'secretary';
  /** A branch that has not elected the committee its size requires (a warning case). */
  noCommittee: boolean;
}

export interface PlanEnterprise {
  uscc: string;
  name: string;
  profile: Profile;
  town: number;
}

export interface Plan {
  orgs: PlanOrg[];
  enterprises: PlanEnterprise[];
  /** Org indexes: the root, the first city and its towns (for accounts). */
  root: number;
  firstCity: number;
  firstCityTowns: number[];
}

interface CityInfo {
  name: string;
  short: string;
  code: string;
  region: string;
}

/** Per city: the sizes the architecture names for the city-scale benchmark. */
const PER_CITY = { enterprises: 5000, orgs: 1500, members: 40000 };

const CITIES: readonly CityInfo[] = [
  { name: '桐乡市', short: '桐乡', code: 'TX', region: '330483' },
  { name: '海宁市', short: '海宁', code: 'HN', region: '330481' },
  { name: '平湖市', short: '平湖', code: 'PH', region: '330482' },
  { name: '嘉善县', short: '嘉善', code: 'JS', region: '330421' },
  { name: '海盐县', short: '海盐', code: 'HY', region: '330424' },
  { name: '南湖区', short: '南湖', code: 'NH', region: '330402' },
  { name: '秀洲区', short: '秀洲', code: 'XZ', region: '330411' },
  { name: '德清县', short: '德清', code: 'DQ', region: '330521' },
  { name: '长兴县', short: '长兴', code: 'CX', region: '330522' },
  { name: '安吉县', short: '安吉', code: 'AJ', region: '330523' },
];
/** Invented town names for the cities after Tongxiang (province scale only). */
const TOWN_WORDS = [...'东西南北青白金银桃柳枫竹荷梅松石清新长双'].flatMap((a) => [...'湖塘浦港溪鹭桥杏源岸林里湾阳门河亭'].map((b) => a + b));
const DEPARTMENTS = ['研发中心', '运营中心', '市场中心', '技术部', '产品部', '客服中心', '内容中心', '安全中心', '数据中心', '综合管理部'];
const PARKS = ['数字经济产业园', '互联网创业园', '电商产业园', '众创空间', '科创园', '直播电商基地', '软件园', '大数据产业园'];
const CARRIERS = ['互联网小镇', '电商园', '众创空间', '商务楼宇', '直播基地', '科创园', '创业街区', '跨境电商园', '网商'];
const BUILDINGS = ['互联网大厦', '创新中心', '科技大楼', '电商大楼', '创业大厦'];
const TEMPORARY = ['互联网大会志愿服务', '电商节保障', '数字乡村项目', '直播助农项目'];

/** Plans `cities` cities (1: Tongxiang as the root; more: under a province root). */
export function planScale(rng: Random, today: string, cities: number): Plan {
  const orgs: PlanOrg[] = [];
  const enterprises: PlanEnterprise[] = [];
  const usccs = new UsccFactory(rng);
  const names = new EnterpriseNameFactory(rng);
  const founded = (after = '2012-01-01') => addDays(after, rng.int(0, Math.max(0, daysBetween(after, addYears(today, -1)))));
  const add: TownContext['add'] = (o) =>
    orgs.push({ isTown: false, shortName: null, companies: [], employers: [], members: 0, profile: 'tech', partyGroups: 0, posts: 'committee', noCommittee: false, ...o }) - 1;

  const root = cities === 1
    ? -1
    : add({ parent: null, kind: 'workCommittee', name: '浙江省委两新工委', code: 'ZJ', founded: '2011-07-01', term: 'current', shortName: '省两新工委' });
  let firstCity = -1;
  let firstCityTowns: number[] = [];
  for (let c = 0; c < cities; c++) {
    const city = CITIES[c];
    const cityIndex = add({ parent: root === -1 ? null : root, kind: 'workCommittee', name: `${city.name}委两新工委`, code: city.code, founded: '2012-06-28', term: 'current', shortName: `${city.short}两新工委` });
    if (c === 0) {
      firstCity = cityIndex;
      add({ parent: cityIndex, kind: 'office', name: '互联网经济发展办公室', code: `${city.code}-HLW`, founded: '2015-03-01', term: null });
      add({ parent: cityIndex, kind: 'office', name: '世界互联网大会承办工作委员会', code: `${city.code}-WIC`, founded: '2014-09-15', term: null });
    }
    const towns = c === 0 ? TONGXIANG_TOWNS : inventTowns(rng, city);
    const weightSum = towns.reduce((s, t) => s + t.weight, 0);
    const townIndexes: number[] = [];
    for (const town of towns) {
      const share = town.weight / weightSum;
      const t = add({ parent: cityIndex, kind: 'workCommittee', name: townOrgName(town), code: town.code, founded: founded('2014-01-01'), term: 'current', isTown: true, shortName: town.short + town.level });
      townIndexes.push(t);
      const first = enterprises.length;
      for (let i = 0; i < Math.round(PER_CITY.enterprises * share); i++) {
        const { name, profile } = names.next(town.short, city.name);
        enterprises.push({ uscc: usccs.next(city.region), name, profile, town: t });
      }
      planTown(rng, { orgs, enterprises, add, founded, today }, town, t, first, Math.round((PER_CITY.orgs - 14) * share));
    }
    if (c === 0) firstCityTowns = townIndexes;
  }
  scaleMembers(orgs, PER_CITY.members * cities);
  return { orgs, enterprises, root: root === -1 ? firstCity : root, firstCity, firstCityTowns };
}

function inventTowns(rng: Random, city: CityInfo): TownInfo[] {
  return rng.sample(TOWN_WORDS, 11).map((short, i) => ({
    code: `${city.code}-T${String(i + 1).padStart(2, '0')}`,
    short,
    level: i < 4 ? '街道' : '镇',
    weight: rng.int(3, 20),
  }));
}

interface TownContext {
  orgs: PlanOrg[];
  enterprises: PlanEnterprise[];
  add: (o: Pick<PlanOrg, 'parent' | 'kind' | 'name' | 'code' | 'founded' | 'term'> & Partial<PlanOrg>) => number;
  founded: (after?: string) => string;
  today: string;
}

/** The organisations of one town, linked to its enterprises from `first` on, about `budget` of them. */
function planTown(rng: Random, ctx: TownContext, town: TownInfo, townIndex: number, first: number, budget: number): void {
  const { orgs, enterprises, add, founded } = ctx;
  let nextCompany = first;
  const townEnd = enterprises.length;
  const company = () => (nextCompany < townEnd ? nextCompany++ : null);
  let seq = 0;
  const code = () => `${town.code}-${String(++seq).padStart(4, '0')}`;
  const counters = new Map<string, number>();
  const numbered = (base: string) => {
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return n === 1 ? base : `${base}${String.fromCharCode(64 + Math.min(n, 26))}区`;
  };
  const term = (): TermState => rng.weighted([['current', 87], ['dueSoon', 7], ['overdue', 6]] as const);
  const branch = (parent: number, name: string, companies: number[], size: number, kind: OrgKind = 'branch', after?: string) => {
    const e = companies.length ? enterprises[companies[0]] : null;
    return add({
      parent, kind, name, code: code(), founded: founded(after), companies, employers: companies, members: size,
      profile: e?.profile ?? rng.pick(['tech', 'media', 'commerce'] as const),
      term: rng.chance(0.02) ? null : term(),
      noCommittee: rng.chance(0.05),
    });
  };

  const start = orgs.length;
  while (orgs.length - start < budget) {
    const e = company();
    if (e === null) break;
    const name = enterprises[e].name;
    const kind = rng.weighted([['branch', 79], ['joint', 14], ['generalBranch', 4], ['committee', 3]] as const);
    if (kind === 'branch') {
      branch(townIndex, `${name}党支部`, [e], standaloneSize(rng));
    } else if (kind === 'joint') {
      const units = [e];
      for (let n = rng.weighted([[2, 3], [3, 4], [4, 3], [5, 2], [6, 1], [7, 1]] as const); units.length < n;) {
        const more = company();
        if (more === null) break;
        units.push(more);
      }
      branch(townIndex, `${numbered(town.short + rng.pick(CARRIERS))}联合党支部`, units, rng.int(3, 15), 'jointBranch');
    } else {
      const ownCompany = rng.chance(0.5);
      const title = ownCompany ? name : numbered(town.short + rng.pick(kind === 'committee' ? PARKS : BUILDINGS));
      const parent = add({ parent: townIndex, kind, name: `${title}${kind === 'committee' ? '党委' : '党总支'}`, code: code(), founded: founded(), companies: ownCompany ? [e] : [], term: term() });
      const children = kind === 'committee' ? rng.int(3, 8) : rng.int(2, 4);
      const depts = rng.sample(DEPARTMENTS, children);
      for (let i = 0; i < children; i++) {
        const size = kind === 'committee' ? rng.int(15, 60) : rng.int(8, 30);
        if (ownCompany) {
          branch(parent, `${name}${depts[i]}党支部`, [e], size, 'branch', orgs[parent].founded);
        } else {
          const child = i === 0 ? e : company();
          if (child === null) break;
          branch(parent, `${enterprises[child].name}党支部`, [child], size, 'branch', orgs[parent].founded);
        }
      }
    }
  }
  const uncovered = Array.from({ length: townEnd - nextCompany }, (_, i) => nextCompany + i);
  const fallback = add({ parent: townIndex, kind: 'branch', name: fallbackBranchName(town), code: `${town.code}-0000`, founded: founded('2017-01-01'), term: 'current', members: rng.int(10, 40), profile: 'commerce' });
  orgs[fallback].employers = rng.sample(uncovered, 40);
  const temporary = branch(townIndex, `${town.short}${rng.pick(TEMPORARY)}临时党支部`, [], rng.int(5, 20), 'temporaryBranch');
  orgs[temporary].founded = addDays(ctx.today, -rng.int(30, 300));
}

/** Most company branches are small; a few are large; some are too small for a branch. */
function standaloneSize(rng: Random): number {
  if (rng.chance(0.03)) return rng.int(1, 2);
  const [min, max] = rng.weighted([[[3, 6], 35], [[7, 15], 40], [[16, 35], 18], [[36, 60], 6], [[61, 120], 1]] as const);
  return rng.int(min, max);
}

/**
 * Stretches the sizes of branches with ≥ 3 members so the total is about `target`; tiny
 * branches keep their 1–2 members (the "too few full members" cases). Sets committee posts
 * and party groups from the final sizes.
 */
function scaleMembers(orgs: PlanOrg[], target: number): void {
  const tiny = orgs.reduce((s, o) => s + (o.members > 0 && o.members < 3 ? o.members : 0), 0);
  const stretchable = orgs.reduce((s, o) => s + (o.members >= 3 ? o.members : 0), 0);
  const factor = stretchable ? (target - tiny) / stretchable : 1;
  for (const o of orgs) {
    if (o.members >= 3) o.members = Math.max(3, Math.round(o.members * factor));
    if (o.members > 0) {
      // 支部工作条例 ch. 6: ≥ 7 full members need a committee; a few branches lack one.
      o.posts = o.members >= 7 && !o.noCommittee ? 'committee' : 'secretary';
      o.partyGroups = o.members >= 30 ? Math.min(6, Math.floor(o.members / 12)) : 0;
    }
  }
}

// ---------------------------------------------------------------------------
// Coverage attributes (drawn from their own generator, so the organisations and members
// planned above stay exactly as they were)
// ---------------------------------------------------------------------------

export interface PlanCarrier {
  town: number;
  kind: CarrierKind;
  name: string;
}

export interface PlanCoverage {
  kind: string;
  /** Index into carriers, or null outside any carrier. */
  carrier: number | null;
  staff: number | null;
  status: OperatingStatus;
  fixedPremises: boolean;
  mode: CoverageMode;
  /** Plan org index of the covering organisation (standalone, joint, industry-linked, fallback). */
  coverageOrg: number | null;
  /** Plan enterprise index of the lead company (lead-built). */
  lead: number | null;
  instructor: boolean;
  union: boolean;
  youthLeague: boolean;
}

const CARRIER_NAMES: Record<CarrierKind, readonly string[]> = {
  makerSpace: ['众创空间', '创客中心', '青年创业港'],
  industrialPark: ['数字经济产业园', '电商产业园', '软件园'],
  commercialBuilding: ['互联网大厦', '科技大楼', '商务中心'],
  featureTown: ['互联网小镇', '直播电商小镇'],
};
const KINDS_BY_PROFILE: Record<Profile, readonly (readonly [string, number])[]> = {
  tech: [['commercePlatform', 40], ['socialMedia', 25], ['newsPortal', 10], ['onlineMerchants', 25]],
  media: [['newsPortal', 45], ['socialMedia', 45], ['commercePlatform', 10]],
  commerce: [['onlineMerchants', 60], ['commercePlatform', 40]],
};
const STATUS_SHARES: readonly (readonly [OperatingStatus, number])[] = [['operating', 88], ['suspended', 3], ['closed', 4], ['movedOut', 2], ['shell', 3]];

/**
 * Kinds, carriers (4–6 named places per town), staff, operating status and coverage modes
 * with the shares a survey of a city's internet firms shows: companies linked to their own
 * organisation are standalone, those of a joint branch joint; of the rest about two in five
 * sit under the town's fallback branch, some are lead-built or industry-linked, and the
 * others are uncovered (a third of them reached by an instructor, union or league).
 */
export function planCoverage(rng: Random, plan: Plan): { carriers: PlanCarrier[]; coverage: PlanCoverage[] } {
  const carriers: PlanCarrier[] = [];
  const townCarriers = new Map<number, number[]>();
  for (const [i, o] of plan.orgs.entries()) {
    if (!o.isTown) continue;
    const kinds = [...CARRIER_KINDS, ...rng.sample(CARRIER_KINDS, rng.int(0, 2))];
    const short = o.shortName?.replace(/(街道|镇)$/, '') ?? o.name.slice(0, 2);
    const used = new Set<string>();
    townCarriers.set(i, kinds.map((kind) => {
      let name = `${short}${rng.pick(CARRIER_NAMES[kind])}`;
      while (used.has(name)) name += '二期';
      used.add(name);
      return carriers.push({ town: i, kind, name }) - 1;
    }));
  }
  // The organisation each company is linked to first (parents come before children in the plan).
  const coveredBy = new Map<number, number>();
  const fallbackOf = new Map<number, number>();
  const industryOf = new Map<number, number>();
  const standaloneIn = new Map<number, number[]>();
  for (const [i, o] of plan.orgs.entries()) {
    if (o.code.endsWith('-0000') && o.parent !== null) fallbackOf.set(o.parent, i);
    if (o.kind === 'committee' && o.companies.length === 0 && o.parent !== null && !industryOf.has(o.parent)) industryOf.set(o.parent, i);
    for (const c of o.companies) if (!coveredBy.has(c)) coveredBy.set(c, i);
  }
  const coverage = plan.enterprises.map((e, idx): PlanCoverage => {
    const org = coveredBy.get(idx);
    const status = rng.weighted(STATUS_SHARES);
    const carrierList = townCarriers.get(e.town) ?? [];
    const base = {
      kind: rng.weighted(KINDS_BY_PROFILE[e.profile]),
      carrier: carrierList.length && rng.chance(0.75) ? rng.pick(carrierList) : null,
      status,
      fixedPremises: rng.chance(0.97),
      lead: null,
      instructor: false,
      union: rng.chance(0.15),
      youthLeague: rng.chance(0.08),
    };
    if (org !== undefined) {
      const joint = plan.orgs[org].kind === 'jointBranch';
      if (!joint) standaloneIn.set(e.town, [...(standaloneIn.get(e.town) ?? []), idx]);
      return { ...base, staff: joint ? rng.int(8, 120) : rng.int(30, 800), mode: joint ? 'joint' : 'standalone', coverageOrg: org };
    }
    const staff = rng.chance(0.02) ? null : rng.weighted([[[1, 9], 22], [[10, 49], 50], [[50, 299], 25], [[300, 1200], 3]] as const);
    const mode = rng.weighted([['fallback', 40], ['leadBuilt', 8], ['industryLinked', 6], ['none', 46]] as const);
    const fallback = fallbackOf.get(e.town) ?? null;
    const common = { ...base, staff: staff === null ? null : rng.int(staff[0], staff[1]) };
    if (mode === 'fallback' && fallback !== null) return { ...common, mode, coverageOrg: fallback };
    if (mode === 'industryLinked' && industryOf.has(e.town)) return { ...common, mode, coverageOrg: industryOf.get(e.town)! };
    const leads = standaloneIn.get(e.town) ?? [];
    if (mode === 'leadBuilt' && leads.length) return { ...common, mode, coverageOrg: null, lead: rng.pick(leads) };
    return { ...common, mode: 'none', coverageOrg: null, instructor: rng.chance(0.3) };
  });
  return { carriers, coverage };
}
