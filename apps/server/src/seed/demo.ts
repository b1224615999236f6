// The demo database: Tongxiang's internet-industry party organisations (see demo-data.ts),
// about 350 invented members, leadership terms, party groups and six login accounts.

import type { Insertable } from 'kysely';
import { addDays, addMonths, addYears, isBranchLike, todayInShanghai, type OrgKind } from '@hongyun/shared';
import type { Database, Tx } from '../db/database';
import type { OrgTable } from '../db/types';
import type { DataCipher } from '../platform/crypto';
import { DEMO_ACCOUNT_BRANCH, DEMO_TOWNS, OFFICES, ROOT, type OrgSpec } from './demo-data';
import { pickPosts, termStartFor, writeLeadership, type LeaderPick } from './leadership';
import { fallbackBranchName, TONGXIANG_TOWNS, townOrgName, UsccFactory, type Profile } from './places';
import { memberRow, PeopleFactory, type Person } from './people';
import { Random } from './random';
import { assertEmpty, createAccounts, hashDemoPasswords, insertBatches, reserveOrgIds, type Login } from './write';
import { seedCoverageDemo } from './demo-coverage';
import { seedEnterpriseDemo } from './demo-enterprises';
import { seedServiceDemo } from './demo-service';
import { seedStandardsDemo } from './demo-standards';
import { seedVenuesDemo } from './demo-venues';
import { seedMeetingsDemo } from './demo-meetings';
import { seedAppraisalDemo } from './demo-appraisal';
import { seedPointsDemo } from './demo-points';
import { seedLearningDemo } from './demo-learning';
import { seedQuizDemo } from './demo-quiz';

interface Node {
  spec: OrgSpec;
  parent: number | null;
  townCode: string | null;
  isTown: boolean;
  shortName: string | null;
  /** Companies this organisation's members work for (fallback: the town's uncovered ones). */
  employers: string[];
}

interface Seated {
  node: number;
  person: Person;
  rank: 'secretary' | 'head' | 'member';
  live: boolean;
  id?: number;
}

/** The fixed seed: the demo is the same on every run (for the same `today`). */
const DEMO_SEED = 20180514;

/**
 * Fills an empty database with the demo city in one transaction and returns the logins
 * (password `hongyun-demo`). Throws 'database already has data' when any organisation exists.
 */
export async function seedDemo(db: Database, cipher: DataCipher, options: { today?: string } = {}): Promise<{ logins: Login[] }> {
  await assertEmpty(db);
  const today = options.today ?? todayInShanghai();
  const hashes = await hashDemoPasswords(6);
  const rng = new Random(DEMO_SEED);
  return db.transaction().execute(async (tx) => {
    await assertEmpty(tx);
    const nodes = demoTree();
    const ids = await reserveOrgIds(tx, nodes.length);
    const paths: string[] = [];
    nodes.forEach((n, i) => paths.push(n.parent === null ? String(ids[i]) : `${paths[n.parent]}.${ids[i]}`));
    await insertBatches(tx, 'org', nodes.map((n, i) => orgRow(n, ids[i], paths[i], n.parent === null ? null : ids[n.parent])));

    const enterpriseIds = await insertEnterprises(tx, nodes, ids, rng);
    const groupIds = await insertPartyGroups(tx, nodes, ids);
    const seated = await insertMembers(tx, cipher, rng, today, { nodes, ids, paths, enterpriseIds, groupIds });

    const picks = leadershipPicks(nodes, paths, seated, rng, today);
    await writeLeadership(tx, picks.map((p) => ({ ...p, orgId: ids[p.node] })));

    const byCode = (code: string) => nodes.findIndex((n) => n.spec.code === code);
    const branch = byCode(DEMO_ACCOUNT_BRANCH);
    const secretary = seated.find((s) => s.node === branch && s.rank === 'secretary')!;
    const holders = new Set(picks.filter((p) => p.node === branch).flatMap((p) => p.posts.map((x) => x.memberId)));
    const plain = seated.find((s) => s.node === branch && s.rank === 'member' && s.live && s.person.category === 'full' && !holders.has(s.id!))!;
    const at = (i: number) => ({ orgId: ids[i], orgName: nodes[i].spec.name });
    const logins = await createAccounts(tx, [
      { username: 'admin', displayName: '系统管理员', role: 'sysadmin', ...at(0) },
      { username: 'city', displayName: '市两新工委管理员', role: 'cityAdmin', ...at(0) },
      { username: 'wuzhen', displayName: '乌镇镇协调员', role: 'townCoordinator', ...at(byCode('TX-WZ')) },
      { username: 'puyuan', displayName: '濮院镇协调员', role: 'townCoordinator', ...at(byCode('TX-PY')) },
      { username: 'secretary', displayName: secretary.person.name, role: 'orgAdmin', memberId: secretary.id, ...at(branch) },
      { username: 'member', displayName: plain.person.name, role: 'member', memberId: plain.id, ...at(branch) },
    ], hashes);
    const context = { today, passwordHash: hashes[0] };
    for (const seedArea of [seedEnterpriseDemo, seedCoverageDemo, seedStandardsDemo, seedServiceDemo, seedVenuesDemo, seedMeetingsDemo, seedAppraisalDemo, seedPointsDemo, seedLearningDemo, seedQuizDemo]) {
      const added = await seedArea(tx, context);
      logins.push(...(added.logins ?? []));
    }
    return { logins };
  });
}

/** Root, offices, towns and their organisations, parents before children. */
function demoTree(): Node[] {
  const nodes: Node[] = [];
  const add = (n: Node) => nodes.push(n) - 1;
  const root = add({ spec: { kind: 'workCommittee', name: ROOT.name, code: ROOT.code, founded: ROOT.founded, leadership: 'committee' }, parent: null, townCode: null, isTown: false, shortName: ROOT.shortName, employers: [] });
  for (const o of OFFICES) add({ spec: { kind: 'office', name: o.name, code: o.code, founded: o.founded }, parent: root, townCode: null, isTown: false, shortName: null, employers: [] });
  for (const info of TONGXIANG_TOWNS) {
    const town = DEMO_TOWNS.find((t) => t.code === info.code);
    const t = add({ spec: { kind: 'workCommittee', name: townOrgName(info), code: info.code, founded: '2016-01-01', leadership: 'committee' }, parent: root, townCode: info.code, isTown: true, shortName: info.short + info.level, employers: [] });
    const walk = (spec: OrgSpec, parent: number) => {
      const i = add({ spec: { ...spec, code: `${info.code}-${spec.code}` }, parent, townCode: info.code, isTown: false, shortName: null, employers: spec.companies ?? [] });
      for (const child of spec.children ?? []) walk(child, i);
    };
    for (const spec of town?.orgs ?? []) walk(spec, t);
    if (town?.fallback) {
      const spec: OrgSpec = { kind: 'branch', name: fallbackBranchName(info), code: `${info.code}-090`, founded: town.fallback.founded, members: town.fallback.members, profile: 'commerce', leadership: 'secretary' };
      add({ spec, parent: t, townCode: info.code, isTown: false, shortName: null, employers: town.uncovered ?? [] });
    }
  }
  return nodes;
}

function orgRow(n: Node, id: number, path: string, parentId: number | null): Insertable<OrgTable> {
  return { id, parentId, path, kind: n.spec.kind, isTown: n.isTown, name: n.spec.name, shortName: n.shortName, code: n.spec.code, foundedOn: n.spec.founded };
}

/** Every company named in the demo (linked or not yet covered), registered in its town. */
async function insertEnterprises(tx: Tx, nodes: Node[], ids: number[], rng: Random): Promise<Map<string, number>> {
  const uscc = new UsccFactory(rng);
  const byName = new Map<string, number>();
  for (const town of DEMO_TOWNS) {
    const townIndex = nodes.findIndex((n) => n.spec.code === town.code);
    const names = new Set([...nodes.filter((n) => n.townCode === town.code).flatMap((n) => n.spec.companies ?? []), ...(town.uncovered ?? [])]);
    if (names.size === 0) continue;
    const rows = await tx.insertInto('enterprise')
      .values([...names].map((name) => ({ uscc: uscc.next(), name, townOrgId: ids[townIndex] })))
      .returning(['id', 'name']).execute();
    for (const r of rows) byName.set(r.name, r.id);
  }
  const links = nodes.flatMap((n, i) => (n.spec.companies ?? []).map((name) => ({ orgId: ids[i], enterpriseId: byName.get(name)! })));
  await insertBatches(tx, 'orgEnterprise', links);
  return byName;
}

async function insertPartyGroups(tx: Tx, nodes: Node[], ids: number[]): Promise<Map<number, number[]>> {
  const rows = nodes.flatMap((n, i) => (n.spec.groups ?? []).map((name) => ({ orgId: ids[i], name })));
  const byOrg = new Map<number, number[]>();
  if (rows.length === 0) return byOrg;
  const inserted = await tx.insertInto('partyGroup').values(rows).returning(['id', 'orgId']).execute();
  inserted.sort((a, b) => a.id - b.id);
  for (const g of inserted) byOrg.set(g.orgId, [...(byOrg.get(g.orgId) ?? []), g.id]);
  return byOrg;
}

/** People for every organisation that holds members; ids are filled in after the insert. */
async function insertMembers(
  tx: Tx, cipher: DataCipher, rng: Random, today: string,
  at: { nodes: Node[]; ids: number[]; paths: string[]; enterpriseIds: Map<string, number>; groupIds: Map<number, number[]> },
): Promise<Seated[]> {
  const people = new PeopleFactory(rng, today);
  const seated: Seated[] = [];
  const rows = at.nodes.flatMap((n, i) => {
    const count = n.spec.members ?? 0;
    if (count === 0) return [];
    const profile: Profile = n.spec.profile ?? 'tech';
    const groups = at.groupIds.get(at.ids[i]) ?? [];
    const leavers = [...Array(n.spec.leavers?.transferredOut ?? 0).fill('transferredOut'), ...Array(n.spec.leavers?.history ?? 0).fill('history')] as const;
    return Array.from({ length: count + leavers.length }, (_, k) => {
      const live = k < count;
      const rank = k === 0 ? 'secretary' : k === 1 && count >= 5 ? 'head' : 'member';
      const person = people.person({ profile, head: rank === 'head', ...personShape(n.spec, rank, k, count, rng, today) });
      if (rank === 'secretary') person.isPartyWorker = true;
      if (!live) person.status = leavers[k - count];
      seated.push({ node: i, person, rank, live });
      const employer = n.employers.length ? n.employers[k % n.employers.length] : null;
      return memberRow(cipher, person, {
        orgId: at.ids[i],
        orgPath: at.paths[i],
        partyGroupId: live && groups.length ? groups[k % groups.length] : null,
        employerEnterpriseId: employer ? at.enterpriseIds.get(employer) ?? null : null,
        employerName: employer ?? '个体网店经营者',
      });
    });
  });
  const byHash = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await tx.insertInto('member').values(rows.slice(i, i + 500)).returning(['id', 'idNumberHash', 'status']).execute();
    for (const r of inserted) byHash.set(r.idNumberHash.toString('hex') + r.status, r.id);
  }
  for (const s of seated) s.id = byHash.get(cipher.hash(s.person.idNumber).toString('hex') + s.person.status);
  return seated;
}

/** Secretaries long-standing (one fixture excepted); exact probationary counts where given. */
function personShape(spec: OrgSpec, rank: Seated['rank'], k: number, count: number, rng: Random, today: string) {
  if (rank === 'secretary') {
    // FIXTURE secretaryStandingShort: admitted 16 months ago, so confirmed 4 months ago.
    if (spec.newSecretary) return { joinedOn: addMonths(today, -16), ageRange: [26, 32] as const };
    return { joinedOn: addDays(addYears(today, -rng.int(4, 14)), -rng.int(0, 300)), ageRange: [34, 55] as const };
  }
  if (rank === 'head') return { joinedOn: addDays(addYears(today, -rng.int(2, 10)), -rng.int(0, 300)), ageRange: [32, 52] as const };
  if (spec.probationary === undefined) return {};
  return { category: k >= count - spec.probationary && k < count ? ('probationary' as const) : ('full' as const) };
}

/** Posts for every organisation except the working offices. */
function leadershipPicks(nodes: Node[], paths: string[], seated: Seated[], rng: Random, today: string): (LeaderPick & { node: number })[] {
  const used = new Set<number>();
  const picks: (LeaderPick & { node: number })[] = [];
  nodes.forEach((n, i) => {
    const kind: OrgKind = n.spec.kind;
    if (kind === 'office' || !n.spec.leadership) return;
    const termStart = termStartFor(kind, n.spec.term ?? 'current', n.spec.founded, rng, today);
    const own = seated.filter((s) => s.node === i && s.live);
    let posts;
    if (isBranchLike(kind) && own.length) {
      posts = pickPosts(own.map((s) => s.id!), n.spec.leadership);
    } else {
      // Committees above the branches are staffed from long-standing members of the subtree.
      const within = seated.filter((s) => s.live && s.person.category === 'full' && s.person.confirmedOn! <= addYears(today, -2)
        && (paths[s.node] + '.').startsWith(paths[i] + '.'));
      const fresh = within.filter((s) => !used.has(s.id!));
      const seats = kind === 'generalBranch' ? 4 : 5;
      const pool = rng.sample(fresh.length >= seats ? fresh : within, seats);
      pool.forEach((s) => used.add(s.id!));
      posts = pickPosts(pool.map((s) => s.id!), 'committee', seats);
    }
    picks.push({ node: i, kind, termStart, posts });
  });
  return picks;
}
