// Scale data for benchmarks: a city (11 towns, ~5,000 enterprises with kinds, carriers, staff,
// operating statuses and coverage modes, 12 months of coverage snapshots, ~1,500 organisations,
// ~40,000 members) or a province of ten such cities. Written with multi-row INSERTs in one
// transaction, member batches built while the previous batch is being inserted.
//
// Only into an empty database (it throws otherwise): drop the database, migrate, then seed.

import { sql, type Insertable } from 'kysely';
import { addYears, isBranchLike, termDueDate, todayInShanghai, type MemberStatus } from '@hongyun/shared';
import type { Database, Tx } from '../db/database';
import type { MemberTable } from '../db/types';
import type { DataCipher } from '../platform/crypto';
import { termStartFor } from './leadership';
import { memberRow, PeopleFactory } from './people';
import { Random } from './random';
import { planCoverage, planScale, type Plan, type PlanCoverage, type PlanEnterprise } from './scale-plan';
import { writeCoverageHistory } from './demo-coverage';
import { assertEmpty, createAccounts, hashDemoPasswords, insertBatches, reserveOrgIds, type AccountSpec } from './write';

export type Scale = 'city' | 'province';

export interface ScaleResult {
  orgs: number;
  enterprises: number;
  members: number;
  seconds: number;
}

const SCALE_SEED = 20181107;
/** 28 columns × 2,000 rows stays under PostgreSQL's 65,535 parameters per statement. */
const MEMBER_BATCH = 2000;
const LEAVER_STATUS: readonly (readonly [MemberStatus, number])[] = [
  ['normal', 96.5], ['transferredOut', 1.5], ['history', 1.5], ['suspended', 0.3], ['expelled', 0.2],
];

interface Written {
  ids: number[];
  paths: string[];
  enterpriseIds: number[];
  groupIds: Map<number, number[]>;
}

/**
 * Seeds an empty database at city or province scale and runs ANALYZE. Accounts `admin`,
 * `city`, `town01`…`town11` (and `province` at province scale) use the password
 * `hongyun-demo`. Throws 'database already has data' when any organisation exists.
 */
export async function seedScale(
  db: Database,
  cipher: DataCipher,
  scale: Scale,
  onProgress: (msg: string) => void = () => {},
  options: { today?: string } = {},
): Promise<ScaleResult> {
  const started = performance.now();
  await assertEmpty(db);
  const today = options.today ?? todayInShanghai();
  const rng = new Random(SCALE_SEED);
  const plan = planScale(rng, today, scale === 'city' ? 1 : 10);
  const planned = plan.orgs.reduce((s, o) => s + o.members, 0);
  onProgress(`规划 / planned: ${plan.orgs.length} orgs, ${plan.enterprises.length} enterprises, ${planned} members`);
  const accounts = accountSpecs(plan, scale);
  const hashes = await hashDemoPasswords(accounts.length);

  const members = await db.transaction().execute(async (tx) => {
    await assertEmpty(tx);
    const written = await writeStructure(tx, plan, planCoverage(new Random(SCALE_SEED + 2), plan));
    onProgress(`组织与企业 / orgs and enterprises written (${elapsed(started)} s)`);
    const count = await writeMembers(tx, cipher, new Random(SCALE_SEED + 1), today, plan, written, (n) =>
      onProgress(`党员 / members: ${n} (${elapsed(started)} s)`));
    await writeLeadership(tx, plan, written, rng, today);
    onProgress(`班子 / leadership written (${elapsed(started)} s)`);
    onProgress(`三会一课 / meetings: ${await (await import('./scale-orglife')).writeOrgLife(tx, plan, written, today)} (${elapsed(started)} s)`);
    await createAccounts(tx, accounts.map((a) => ({ ...a, orgId: written.ids[a.orgId] })), hashes);
    await writeCoverageHistory(tx, today, 12);
    onProgress(`覆盖率月度快照 / 12 months of coverage snapshots (${elapsed(started)} s)`);
    return count;
  });
  await sql`analyze`.execute(db);
  onProgress(`ANALYZE done (${elapsed(started)} s)`);
  return { orgs: plan.orgs.length, enterprises: plan.enterprises.length, members, seconds: (performance.now() - started) / 1000 };
}

const elapsed = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** Accounts with org *indexes* into the plan (mapped to ids once the orgs exist). */
function accountSpecs(plan: Plan, scale: Scale): AccountSpec[] {
  const at = (i: number) => ({ orgId: i, orgName: plan.orgs[i].name });
  const accounts: AccountSpec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'sysadmin', ...at(plan.root) },
    { username: 'city', displayName: '市两新工委管理员', role: 'cityAdmin', ...at(plan.firstCity) },
  ];
  if (scale === 'province') accounts.push({ username: 'province', displayName: '省两新工委管理员', role: 'cityAdmin', ...at(plan.root) });
  plan.firstCityTowns.forEach((t, i) => {
    accounts.push({ username: `town${String(i + 1).padStart(2, '0')}`, displayName: `${plan.orgs[t].shortName}协调员`, role: 'townCoordinator', ...at(t) });
  });
  return accounts;
}

/** Organisations, enterprises, their links and party groups. */
async function writeStructure(tx: Tx, plan: Plan, cov: ReturnType<typeof planCoverage>): Promise<Written> {
  const ids = await reserveOrgIds(tx, plan.orgs.length);
  const paths: string[] = [];
  plan.orgs.forEach((o, i) => paths.push(o.parent === null ? String(ids[i]) : `${paths[o.parent]}.${ids[i]}`));
  await insertBatches(tx, 'org', plan.orgs.map((o, i) => ({
    id: ids[i], parentId: o.parent === null ? null : ids[o.parent], path: paths[i], kind: o.kind, isTown: o.isTown,
    name: o.name, shortName: o.shortName, code: o.code, foundedOn: o.founded,
  })), 2000);

  const carrierIds: number[] = [];
  for (let i = 0; i < cov.carriers.length; i += 2000) {
    const rows = cov.carriers.slice(i, i + 2000).map((c) => ({ kind: c.kind, name: c.name, townOrgId: ids[c.town] }));
    for (const r of await tx.insertInto('carrier').values(rows).returning('id').execute()) carrierIds.push(r.id);
  }
  const byUscc = new Map<string, number>();
  for (let i = 0; i < plan.enterprises.length; i += 2000) {
    const rows = plan.enterprises.slice(i, i + 2000).map((e, k) => enterpriseRow(e, cov.coverage[i + k], ids, carrierIds));
    for (const r of await tx.insertInto('enterprise').values(rows).returning(['id', 'uscc']).execute()) byUscc.set(r.uscc, r.id);
  }
  const enterpriseIds = plan.enterprises.map((e) => byUscc.get(e.uscc)!);
  // Lead-built companies name their lead company, known only now: one statement for all.
  const led = cov.coverage.flatMap((c, i) => (c.lead === null ? [] : [[enterpriseIds[i], enterpriseIds[c.lead]] as const]));
  if (led.length) {
    await sql`update enterprise e set coverage_mode = 'leadBuilt', lead_enterprise_id = x.lead
      from unnest(${led.map((l) => l[0])}::bigint[], ${led.map((l) => l[1])}::bigint[]) as x(id, lead) where e.id = x.id`.execute(tx);
  }
  const links = plan.orgs.flatMap((o, i) => o.companies.map((c) => ({ orgId: ids[i], enterpriseId: enterpriseIds[c] })));
  await insertBatches(tx, 'orgEnterprise', links, 10000);

  const groupRows = plan.orgs.flatMap((o, i) => Array.from({ length: o.partyGroups }, (_, g) => ({ orgId: ids[i], name: `第${g + 1}党小组` })));
  const groupIds = new Map<number, number[]>();
  for (let i = 0; i < groupRows.length; i += 10000) {
    const inserted = await tx.insertInto('partyGroup').values(groupRows.slice(i, i + 10000)).returning(['id', 'orgId']).execute();
    for (const g of inserted) groupIds.set(g.orgId, [...(groupIds.get(g.orgId) ?? []), g.id]);
  }
  return { ids, paths, enterpriseIds, groupIds };
}

/** An enterprise row with its planned kind, carrier, staff, status and coverage (lead-built is set afterwards). */
function enterpriseRow(e: PlanEnterprise, c: PlanCoverage, ids: number[], carrierIds: number[]) {
  const mode = c.mode === 'leadBuilt' ? 'none' : c.mode;
  return {
    uscc: e.uscc, name: e.name, townOrgId: ids[e.town], kindCode: c.kind, carrierId: c.carrier === null ? null : carrierIds[c.carrier],
    staffCount: c.staff, operatingStatus: c.status, hasFixedPremises: c.fixedPremises,
    statusReason: c.status === 'operating' ? null : '年度排查核实',
    coverageMode: mode, coverageOrgId: c.coverageOrg === null ? null : ids[c.coverageOrg],
    instructorName: c.instructor ? '党建指导员' : null, hasUnion: c.union, hasYouthLeague: c.youthLeague,
  };
}

/**
 * Members in batches; the next batch (with its encryption) is built while PostgreSQL inserts
 * the previous one, so both cores work. Returns the number written.
 */
async function writeMembers(
  tx: Tx, cipher: DataCipher, rng: Random, today: string, plan: Plan, w: Written, progress: (n: number) => void,
): Promise<number> {
  const people = new PeopleFactory(rng, today);
  let batch: Insertable<MemberTable>[] = [];
  let inFlight: Promise<unknown> = Promise.resolve();
  let total = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await inFlight;
    const p = tx.insertInto('member').values(rows).execute();
    p.catch(() => {}); // awaited on the next flush; this only keeps Node from calling it unhandled
    inFlight = p;
    total += rows.length;
    if (total % 20000 < rows.length) progress(total);
  };
  for (let i = 0; i < plan.orgs.length; i++) {
    const o = plan.orgs[i];
    const groups = w.groupIds.get(w.ids[i]) ?? [];
    for (let k = 0; k < o.members; k++) {
      const rank = k === 0 ? 'secretary' : k === 1 && o.members >= 5 ? 'head' : 'member';
      const person = people.person({
        profile: o.profile,
        head: rank === 'head',
        ...(rank === 'member' ? {} : { ageRange: [32, 55] as const, joinedOn: longAgo(rng, today, rank === 'secretary' ? 4 : 2) }),
      });
      if (rank === 'secretary') person.isPartyWorker = true;
      else if (rank === 'member') person.status = rng.weighted(LEAVER_STATUS);
      const live = person.status === 'normal' || person.status === 'suspended';
      const employer = o.employers.length ? o.employers[k % o.employers.length] : null;
      batch.push(memberRow(cipher, person, {
        orgId: w.ids[i],
        orgPath: w.paths[i],
        partyGroupId: live && groups.length ? groups[k % groups.length] : null,
        employerEnterpriseId: employer === null ? null : w.enterpriseIds[employer],
        employerName: employer === null ? null : plan.enterprises[employer].name,
      }));
      if (batch.length === MEMBER_BATCH) await flush();
    }
  }
  if (batch.length) await flush();
  await inFlight;
  progress(total);
  return total;
}

/** An admission date at least `minYears` ago (so the 党龄 is at least minYears − 1). */
function longAgo(rng: Random, today: string, minYears: number): string {
  const y = Number(today.slice(0, 4)) - rng.int(minYears, minYears + 10);
  return `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/**
 * One current term per organisation with a leadership; posts go to the longest-standing full
 * members of a branch, and to long-standing members drawn from the subtree for committees.
 */
async function writeLeadership(tx: Tx, plan: Plan, w: Written, rng: Random, today: string): Promise<void> {
  const terms = plan.orgs.flatMap((o, i) => {
    if (o.term === null || o.kind === 'office') return [];
    const termStart = termStartFor(o.kind, o.term, o.founded, rng, today);
    return [{ i, termStart }];
  });
  await insertBatches(tx, 'leadership', terms.map((t) => {
    const o = plan.orgs[t.i];
    return { orgId: w.ids[t.i], termStart: t.termStart, termDue: termDueDate(o.kind, t.termStart) };
  }), 5000);

  // The rows are not committed yet, so autovacuum has no statistics: without them the planner
  // scans all members once per committee (minutes at province scale instead of seconds).
  await sql`analyze member, org, leadership`.execute(tx);
  const seats = (i: number) => {
    const o = plan.orgs[i];
    if (!isBranchLike(o.kind)) return o.kind === 'generalBranch' ? 4 : 5;
    if (o.posts === 'secretary') return o.members >= 5 ? 2 : 1;
    return o.members >= 12 ? 5 : o.members >= 8 ? 4 : 3;
  };
  const branches = terms.filter((t) => isBranchLike(plan.orgs[t.i].kind));
  const upper = terms.filter((t) => !isBranchLike(plan.orgs[t.i].kind));
  const committee = (i: number) => plan.orgs[i].posts === 'committee';
  const titles = sql`case when x.committee then (array['secretary','organizationMember','publicityMember','disciplineMember','deputySecretary'])[p.rn]
                          else (array['secretary','deputySecretary'])[p.rn] end`;
  await sql`
    insert into leadership_post (leadership_id, member_id, post, appointed_on)
    select l.id, p.id, ${titles}, l.term_start
    from unnest(${branches.map((t) => w.ids[t.i])}::bigint[], ${branches.map((t) => seats(t.i))}::int[], ${branches.map((t) => committee(t.i))}::bool[]) as x(org_id, n, committee)
    join leadership l on l.org_id = x.org_id and l.is_current
    cross join lateral (
      select m.id, row_number() over (order by m.confirmed_on, m.id) as rn
      from member m
      where m.org_id = x.org_id and m.category = 'full' and m.status = 'normal'
      order by m.confirmed_on, m.id
      limit x.n
    ) p`.execute(tx);
  // Committees above branches: a spread of long-standing members (not always the same person).
  const cutoff = addYears(today, -3);
  await sql`
    insert into leadership_post (leadership_id, member_id, post, appointed_on)
    select l.id, p.id, (array['secretary','organizationMember','publicityMember','disciplineMember','deputySecretary'])[p.rn], l.term_start
    from unnest(${upper.map((t) => w.ids[t.i])}::bigint[], ${upper.map((t) => seats(t.i))}::int[]) as x(org_id, n)
    join leadership l on l.org_id = x.org_id and l.is_current
    join org o on o.id = x.org_id
    cross join lateral (
      select q.id, row_number() over (order by q.h) as rn
      from (select m.id, hashtext(m.id::text || ':' || x.org_id::text) as h
            from member m
            where m.org_path <@ o.path and m.category = 'full' and m.status = 'normal' and m.confirmed_on <= ${cutoff}::date
            order by h limit x.n) q
    ) p`.execute(tx);
}
