import { sql } from 'kysely';
import { addDays, makeFictionalName, type CarrierKind, type CoverageMode } from '@hongyun/shared';
import type { Tx } from '../db/database';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { TONGXIANG_TOWNS, UsccFactory } from './places';
import { Random } from './random';

// The demo registry: every demo company gets a kind, a carrier (a named park, building, maker
// space or feature town of its town — fictional but plausible), staff, dates, contacts with
// invented names, and a coverage mode that agrees with the demo organisations: a company's own
// branch → standalone, a joint branch → joint, the town's fallback branch → fallback. A few
// extra companies show what the registry must also hold: closed and shell companies (out of the
// denominator), lead-built and industry-linked ones, work-only coverage, and an uncovered
// company where 3+ members work (so "should build its own organisation" is suggested).

const SEED = 20261127;

/** A kind the deployment added (kinds are data; the four national ones are built in). */
const DIGITAL_TECH = { code: 'digitalTech', name: '数字技术服务' };

const CARRIERS: Record<string, [CarrierKind, string][]> = {
  'TX-WZ': [['industrialPark', '乌镇互联网创新发展试验区'], ['featureTown', '乌镇互联网特色小镇'], ['makerSpace', '乌镇青年互联网创客中心'], ['commercialBuilding', '乌镇会展中心商务楼']],
  'TX-PY': [['industrialPark', '濮院时尚产业园'], ['commercialBuilding', '濮院毛衫城电商大厦'], ['featureTown', '濮院时尚古镇']],
  'TX-WT': [['industrialPark', '桐乡经济开发区数字经济产业园'], ['commercialBuilding', '梧桐庆丰路商务大厦'], ['makerSpace', '梧桐众创空间']],
};
/** Towns not listed above get one park of their own. */
const defaultCarriers = (short: string): [CarrierKind, string][] => [['industrialPark', `${short}数字经济产业园`]];

/** The uncovered companies that stay uncovered (the others are kept by their town's fallback branch). */
const STAY_UNCOVERED: Record<string, { work?: 'liaison' | 'instructor' | 'union' }> = {
  '桐乡市乌镇云朵直播科技有限公司': {},
  '濮院快针电子商务有限公司': { work: 'liaison' },
  '桐乡市梧桐小满网络科技有限公司': { work: 'instructor' },
  '桐乡市凤鸣知了网络科技有限公司': { work: 'union' },
};
/** Members who work at 云朵直播 while their party ties stay with their former employer's branch (口袋党员). */
const POCKET = { company: '桐乡市乌镇云朵直播科技有限公司', fromOrgCode: 'TX-WZ-011', count: 4 };

interface Extra {
  town: string;
  name: string;
  staff: number;
  status?: 'closed' | 'shell' | 'suspended' | 'movedOut';
  reason?: string;
  mode?: CoverageMode;
  /** leadBuilt: the lead company; industryLinked: the organisation's code. */
  via?: string;
  settledDaysAgo?: number;
  work?: 'liaison' | 'instructor';
  fixedPremises?: boolean;
}

const EXTRAS: Extra[] = [
  { town: 'TX-WZ', name: '乌镇数智云链供应链科技有限公司', staff: 45, mode: 'leadBuilt', via: '浙江乌镇数智云计算有限公司' },
  { town: 'TX-WZ', name: '乌镇数智算力运维服务有限公司', staff: 28, mode: 'leadBuilt', via: '浙江乌镇数智云计算有限公司' },
  { town: 'TX-WZ', name: '桐乡市乌镇晓渡网络科技有限公司', staff: 16, settledDaysAgo: 12 },
  { town: 'TX-WZ', name: '乌镇星禾电子商务有限公司', staff: 6 },
  { town: 'TX-WZ', name: '乌镇蓝岸文化传媒有限公司', staff: 0, status: 'shell', reason: '2026年排查：注册地址无实际经营，无员工' },
  { town: 'TX-PY', name: '濮院时尚设计云平台有限公司', staff: 38, mode: 'industryLinked', via: 'TX-PY-001' },
  { town: 'TX-PY', name: '濮院羊绒云仓物流有限公司', staff: 60, mode: 'leadBuilt', via: '桐乡市濮院毛衫直播电商有限公司' },
  { town: 'TX-PY', name: '桐乡市濮院绒线直播科技有限公司', staff: 22, settledDaysAgo: 40, work: 'liaison' },
  { town: 'TX-PY', name: '桐乡市濮院织里网络销售有限公司', staff: 14, status: 'closed', reason: '2026-08-15 已注销' },
  { town: 'TX-WT', name: '桐乡市梧桐晨曦信息技术有限公司', staff: 33, work: 'instructor' },
  { town: 'TX-WT', name: '桐乡市梧桐极维软件有限公司', staff: 19, status: 'movedOut', reason: '2026-06 迁往杭州市余杭区' },
  { town: 'TX-FM', name: '桐乡市凤鸣启途教育科技有限公司', staff: 12, status: 'suspended', reason: '2026-09 起停业整顿' },
  { town: 'TX-CF', name: '桐乡市崇福皮草严选电子商务有限公司', staff: 25, fixedPremises: false },
];

/** The kind a company's name suggests. */
function kindOf(name: string): string {
  if (/新闻|传媒|文化/.test(name)) return 'newsPortal';
  if (/社交|云课|教育|设计/.test(name)) return 'socialMedia';
  if (/直播|电子商务|电商|网络销售|跨境|供应链|针织|毛衫|服饰|裘皮|毛皮|化纤/.test(name)) return 'onlineMerchants';
  if (/会展|物流|农旅|民宿|平台/.test(name)) return 'commercePlatform';
  return DIGITAL_TECH.code;
}

export async function seedEnterpriseDemo(tx: Tx, ctx: AreaSeedContext): Promise<AreaSeedResult> {
  const rng = new Random(SEED);
  const person = () => makeFictionalName(() => rng.next());
  const phone = () => `1${rng.pick(['35', '58', '37', '87', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  await tx.insertInto('enterpriseKind').values({ ...DIGITAL_TECH, position: 5 }).execute();

  const orgs = await tx.selectFrom('org').select(['id', 'code', 'kind', 'isTown', sql<string>`path::text`.as('path')]).execute();
  const orgByCode = new Map(orgs.map((o) => [o.code, o]));
  const townOf = new Map<number, string>(orgs.filter((o) => o.isTown).map((o) => [o.id, o.code]));

  // Carriers of every town.
  const carriersByTown = new Map<string, number[]>();
  for (const town of TONGXIANG_TOWNS) {
    const list = CARRIERS[town.code] ?? defaultCarriers(town.short);
    const rows = await tx.insertInto('carrier').values(list.map(([kind, name]) => ({ kind, name, townOrgId: orgByCode.get(town.code)!.id, address: `桐乡市${town.short}${town.level}${name}` })))
      .returning('id').execute();
    carriersByTown.set(town.code, rows.map((r) => r.id));
  }

  // The demo companies with the organisations they are linked to.
  const companies = await tx.selectFrom('enterprise').select(['id', 'name', 'townOrgId']).orderBy('id').execute();
  const links = await tx.selectFrom('orgEnterprise as oe').innerJoin('org as o', 'o.id', 'oe.orgId')
    .select(['oe.enterpriseId', 'o.id', 'o.kind', 'o.foundedOn', sql<number>`nlevel(o.path)`.as('depth')]).execute();
  const fallbackOf = (townCode: string) => orgByCode.get(`${townCode}-090`);
  const byName = new Map<string, number>();
  const fallbackLinks: { orgId: number; enterpriseId: number }[] = [];

  for (const c of companies) {
    byName.set(c.name, c.id);
    const townCode = townOf.get(c.townOrgId ?? 0) ?? '';
    const own = links.filter((l) => l.enterpriseId === c.id).sort((a, b) => Number(a.kind === 'temporaryBranch') - Number(b.kind === 'temporaryBranch') || a.depth - b.depth);
    // A temporary branch (e.g. for an event) is never a company's own organisation of record.
    const joint = own.find((l) => l.kind === 'jointBranch');
    const lead = own.find((l) => ['committee', 'generalBranch', 'branch', 'temporaryBranch'].includes(l.kind));
    const stay = STAY_UNCOVERED[c.name];
    const fallback = !joint && !lead && !stay ? fallbackOf(townCode) : undefined;
    const mode: CoverageMode = joint ? 'joint' : lead ? 'standalone' : fallback ? 'fallback' : 'none';
    if (fallback) fallbackLinks.push({ orgId: fallback.id, enterpriseId: c.id });
    const built = lead?.foundedOn ?? joint?.foundedOn ?? '2019-06-01';
    const founded = addDays(built, -rng.int(200, 1500));
    const staff = lead ? rng.int(40, 420) : rng.int(10, 60);
    await tx.updateTable('enterprise').set({
      kindCode: kindOf(c.name), carrierId: rng.chance(0.85) ? rng.pick(carriersByTown.get(townCode) ?? [null]) : null,
      address: `桐乡市${TONGXIANG_TOWNS.find((t) => t.code === townCode)?.short ?? ''}${rng.pick(['振兴路', '子夜路', '濮院大道', '庆丰路', '复兴路', '环城路'])}${rng.int(1, 399)}号`,
      staffCount: c.name === '浙江乌镇数智云计算有限公司' ? 1260 : staff, foundedOn: founded, settledOn: addDays(founded, rng.int(0, 120)),
      investorPartyStatus: lead ? rng.pick(['member', 'notMember', 'unknown'] as const) : 'unknown', managerPartyStatus: lead ? 'member' : rng.pick(['notMember', 'unknown'] as const),
      hrContactName: person(), hrContactPhone: phone(),
      liaisonName: mode !== 'none' || stay?.work === 'liaison' ? person() : null, liaisonPhone: mode !== 'none' || stay?.work === 'liaison' ? phone() : null,
      ...(mode === 'joint' || mode === 'fallback' || stay?.work === 'instructor' ? { instructorName: person(), instructorPhone: phone() } : {}),
      hasUnion: staff >= 50 || stay?.work === 'union', hasYouthLeague: lead !== undefined && staff >= 100,
      coverageMode: mode, coverageOrgId: joint?.id ?? lead?.id ?? fallback?.id ?? null,
    }).where('id', '=', c.id).execute();
  }
  if (fallbackLinks.length) await tx.insertInto('orgEnterprise').values(fallbackLinks).onConflict((oc) => oc.doNothing()).execute();

  // Members who work at an uncovered company: with ≥ 3 full members it should build its own.
  const pocket = await tx.selectFrom('member').select('id').where('orgId', '=', orgByCode.get(POCKET.fromOrgCode)!.id)
    .where('category', '=', 'full').where('status', '=', 'normal').orderBy('id', 'desc').limit(POCKET.count).execute();
  await tx.updateTable('member').set({ employerEnterpriseId: byName.get(POCKET.company)!, employerName: POCKET.company }).where('id', 'in', pocket.map((m) => m.id)).execute();

  await insertExtras(tx, ctx, rng, { orgByCode, byName, carriersByTown, person, phone });
  return {};
}

/** The extra companies (statuses and modes the linked demo companies do not show). */
async function insertExtras(tx: Tx, ctx: AreaSeedContext, rng: Random, at: {
  orgByCode: Map<string, { id: number }>; byName: Map<string, number>; carriersByTown: Map<string, number[]>; person: () => string; phone: () => string;
}) {
  const existing = await tx.selectFrom('enterprise').select(['id', 'uscc', 'coverageOrgId']).execute();
  const used = new Set(existing.map((e) => e.uscc));
  const usccs = new UsccFactory(rng);
  for (const x of EXTRAS) {
    let uscc = usccs.next();
    while (used.has(uscc)) uscc = usccs.next();
    const leadId = x.mode === 'leadBuilt' ? at.byName.get(x.via!)! : null;
    const industryOrg = x.mode === 'industryLinked' ? at.orgByCode.get(x.via!)!.id : null;
    const coverageOrgId = leadId ? existing.find((e) => e.id === leadId)!.coverageOrgId : industryOrg;
    const settled = x.settledDaysAgo !== undefined ? addDays(ctx.today, -x.settledDaysAgo) : addDays(ctx.today, -rng.int(400, 2400));
    const { id } = await tx.insertInto('enterprise').values({
      uscc, name: x.name, townOrgId: at.orgByCode.get(x.town)!.id, kindCode: kindOf(x.name), carrierId: rng.pick(at.carriersByTown.get(x.town) ?? [null]),
      address: `${x.name.slice(0, 5)}路${rng.int(1, 200)}号`, staffCount: x.staff, foundedOn: addDays(settled, -rng.int(0, 300)), settledOn: settled,
      operatingStatus: x.status ?? 'operating', statusReason: x.reason ?? null, hasFixedPremises: x.fixedPremises ?? true,
      hrContactName: at.person(), hrContactPhone: at.phone(),
      liaisonName: x.mode || x.work === 'liaison' ? at.person() : null, liaisonPhone: x.mode || x.work === 'liaison' ? at.phone() : null,
      instructorName: x.work === 'instructor' ? at.person() : null, instructorPhone: x.work === 'instructor' ? at.phone() : null,
      hasUnion: x.staff >= 50, coverageMode: x.mode ?? 'none', coverageOrgId, leadEnterpriseId: leadId,
    }).returning('id').executeTakeFirstOrThrow();
    if (industryOrg) await tx.insertInto('orgEnterprise').values({ orgId: industryOrg, enterpriseId: id }).execute();
    at.byName.set(x.name, id);
  }
}
