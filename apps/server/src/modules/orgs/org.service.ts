import { DEFAULT_RULE_SETTINGS, ORG_KIND_INFO, partyStandingYears, structureWarnings, termDueDate, todayInShanghai, type LeadershipPost, type OrgKind, type StructureWarning } from '@hongyun/shared';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { forgetWhatFollowsTheTree } from '../../platform/kept';
import { currentOrg, lockOrgForWriting, lockStructure } from '../../platform/structure-lock';
import { Conflict, Invalid, NotFound, invalidField } from '../../platform/errors';
import { coverByNewOrganisation, uncoverByAbolishedOrganisation, uncoverUnlinked } from '../enterprises/enterprise.coverage';
import { createOrgRepository, type OrgRepository, type OrgRow } from './org.repository';
import type { CreateOrgInput, LeadershipInput, OrgDetailView, UpdateOrgInput } from './org.schemas';

const pickWarning = (w: StructureWarning) => ({ code: w.code, severity: w.severity, message: w.message, messageEn: w.messageEn, citation: w.citation });

/** The structure rules applied to one organisation's kept inputs (detail and list alike). */
function warningsOf(r: Awaited<ReturnType<OrgRepository['structureInputs']>>[number], today: string) {
  return structureWarnings(
    {
      kind: r.kind as OrgKind,
      fullMemberCount: r.fullMemberCount,
      memberCount: r.memberCount,
      // A committee (支委会) means at least three posts held in the current term.
      hasCommittee: r.postCount >= 3,
      linkedUnitCount: r.linkedUnitCount,
      termDueOn: r.termDue,
      secretaryStandingYears: r.hasSecretary ? partyStandingYears({ joinedOn: r.secretaryJoinedOn, confirmedOn: r.secretaryConfirmedOn }, today) : null,
      abolished: false,
    },
    today,
  ).map(pickWarning);
}

/** Fields of an organisation worth keeping in an audit entry. */
function snapshot(o: Partial<OrgRow>) {
  const { id, parentId, path, kind, name, shortName, code, foundedOn, contactName, contactPhone, address, abolishedOn, abolishedReason } = o;
  return { id, parentId, path, kind, name, shortName, code, foundedOn, contactName, contactPhone, address, abolishedOn, abolishedReason };
}

export function createOrgService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createOrgRepository(db);

  /** Loads an organisation the caller may act on with `permission`; NotFound otherwise. */
  async function loadInScope(access: Access, id: number, permission: Parameters<Access['inScope']>[0] = 'org.read') {
    const org = await repo.getById(id);
    if (!org) throw new NotFound();
    access.assertInScope(permission, org.path);
    return org;
  }

  return {
    /** The organisations the caller can see, flat, ordered by path (parents before children). */
    async tree(access: Access, includeAbolished: boolean) {
      const rows = await repo.listTree(access.filter('org.read', 'o.path'), includeAbolished);
      const visible = new Set(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        // A grant's root shows as a root even when it has a parent the caller cannot see.
        parentId: r.parentId !== null && visible.has(r.parentId) ? r.parentId : null,
        kind: r.kind as OrgKind,
        name: r.name,
        shortName: r.shortName,
        code: r.code,
        isTown: r.isTown,
        abolished: r.abolishedOn !== null,
        memberCount: r.memberCount,
      }));
    },

    /** One organisation with leadership, counts, enterprises and computed warnings. */
    async detail(access: Access, id: number): Promise<OrgDetailView> {
      const org = await loadInScope(access, id);
      const [ancestors, counts, enterprises, leadership, partyGroups, [inputs]] = await Promise.all([
        repo.ancestors(org.path),
        repo.counts(id),
        repo.enterprises(id),
        repo.currentLeadership(id),
        repo.partyGroups(id),
        repo.structureInputs(sql<SqlBool>`o.id = ${id}`),
      ]);
      const posts = leadership ? await repo.leadershipPosts(leadership.id) : [];
      const visibleAncestors = ancestors.filter((a) => access.inScope('org.read', a.path));
      const parent = visibleAncestors.find((a) => a.id === org.parentId) ?? null;
      const warnings = inputs ? warningsOf(inputs, todayInShanghai()) : [];
      const live = org.abolishedOn === null;
      return {
        id: org.id,
        parentId: parent?.id ?? null,
        parent: parent ? { id: parent.id, name: parent.name } : null,
        path: visibleAncestors.map((a) => ({ id: a.id, name: a.name })),
        kind: org.kind as OrgKind,
        name: org.name,
        shortName: org.shortName,
        code: org.code,
        isTown: org.isTown,
        abolished: !live,
        memberCount: counts.members,
        foundedOn: org.foundedOn,
        contactName: org.contactName,
        contactPhone: org.contactPhone,
        address: org.address,
        abolishedOn: org.abolishedOn,
        abolishedReason: org.abolishedReason,
        version: org.version,
        enterprises,
        counts,
        leadership: leadership
          // The column's check constraint admits only LEADERSHIP_POSTS values.
          ? { ...leadership, posts: posts.map((p) => ({ id: p.id, post: p.post as LeadershipPost, memberId: p.memberId, memberName: p.memberName, appointedOn: p.appointedOn })) }
          : null,
        partyGroups: partyGroups.map((g) => ({ id: g.id, name: g.name, memberCount: g.memberCount ?? 0 })),
        warnings,
        abilities: {
          edit: live && access.inScope('org.write', org.path),
          addChild: live && access.inScope('org.write', org.path) && !ORG_KIND_INFO[org.kind as OrgKind].isBranchLike,
          abolish: live && access.inScope('org.write', org.path) && org.parentId !== null,
          move: live && access.inScope('org.move', org.path) && org.parentId !== null,
        },
      };
    },

    /**
     * A member's own organisation with its committee (no scope check: the caller belongs to
     * it). NotFound when it does not exist.
     */
    async ownOrganisation(orgId: number) {
      const org = await repo.getById(orgId);
      if (!org) throw new NotFound();
      const [leadership, counts] = await Promise.all([repo.currentLeadership(org.id), repo.counts(org.id)]);
      const posts = leadership ? await repo.leadershipPosts(leadership.id) : [];
      return {
        org: { id: org.id, name: org.name, kind: org.kind as OrgKind, contactName: org.contactName, contactPhone: org.contactPhone, address: org.address },
        // The column's check constraint admits only LEADERSHIP_POSTS values.
        leadership: leadership ? { ...leadership, posts: posts.map((p) => ({ id: p.id, post: p.post as LeadershipPost, memberId: p.memberId, memberName: p.memberName, appointedOn: p.appointedOn })) } : null,
        memberCount: counts.members,
      };
    },

    /** Structure warnings for every live organisation in scope (under `rootId` if given). */
    async warnings(access: Access, rootId?: number) {
      let scope = access.filter('org.read', 'o.path');
      if (rootId) {
        const root = await loadInScope(access, rootId);
        scope = sql<SqlBool>`${scope} and o.path <@ ${root.path}::ltree`;
      }
      const rows = await repo.structureInputs(scope);
      const today = todayInShanghai();
      return rows
        .map((r) => ({
          orgId: r.id,
          orgName: r.name,
          kind: r.kind as OrgKind,
          warnings: warningsOf(r, today),
        }))
        .filter((r) => r.warnings.length > 0);
    },

    /** Creates an organisation under a parent in scope. Throws Conflict on a duplicate code. */
    async create(access: Access, input: CreateOrgInput): Promise<number> {
      const parent = await loadInScope(access, input.parentId, 'org.write');
      if (parent.abolishedOn) invalidField('parentId', '上级组织已撤销，不能在其下新建组织');
      if (ORG_KIND_INFO[parent.kind as OrgKind].isBranchLike) invalidField('parentId', '党支部下不能再设立党组织，请选择党委、党工委或党总支作为上级');
      return db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        const now = await lockOrgForWriting(tx, parent.id);
        if (!now || now.abolishedOn) invalidField('parentId', '上级组织已撤销，不能在其下新建组织');
        parent.path = now.path;
        if (await r.getByCode(input.code)) throw new Conflict('ORG_CODE_TAKEN', `组织编码 ${input.code} 已被使用，请换一个`, { issues: [{ path: 'code', message: '组织编码已被使用' }] });
        await checkEnterprises(r, access, input.enterpriseIds);
        const id = await r.nextId();
        const row = {
          id, parentId: parent.id, path: `${parent.path}.${id}`, kind: input.kind, isTown: input.isTown ?? false, name: input.name,
          shortName: input.shortName || null, code: input.code, foundedOn: input.foundedOn ?? null,
          contactName: input.contactName || null, contactPhone: input.contactPhone || null, address: input.address || null,
        };
        await r.create(row);
        if (input.enterpriseIds?.length) {
          await r.replaceEnterprises(id, input.enterpriseIds);
          // The new organisation covers its linked companies at once (standalone or joint).
          await coverByNewOrganisation(tx, access.actor, { id, kind: input.kind }, input.enterpriseIds);
        }
        await audit(tx, access.actor, { action: 'org.create', targetType: 'org', targetId: id, orgPath: row.path, after: { ...snapshot(row), enterpriseIds: input.enterpriseIds ?? [] } });
        return id;
      });
    },

    /** Edits an organisation; `version` guards against overwriting someone else's edit. */
    async update(access: Access, id: number, input: UpdateOrgInput): Promise<void> {
      const org = await loadInScope(access, id, 'org.write');
      if (org.abolishedOn) throw new Conflict('ORG_ABOLISHED', '该组织已撤销，不能再修改');
      const { version, enterpriseIds, ...patch } = input;
      await db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        if (patch.code && patch.code !== org.code && (await r.getByCode(patch.code))) {
          throw new Conflict('ORG_CODE_TAKEN', `组织编码 ${patch.code} 已被使用，请换一个`, { issues: [{ path: 'code', message: '组织编码已被使用' }] });
        }
        if (!(await r.update(id, version, patch))) throw new Conflict('STALE_VERSION', '该组织刚被其他人修改过，请刷新后再编辑');
        let before: unknown = snapshot(org);
        if (enterpriseIds) {
          await checkEnterprises(r, access, enterpriseIds, id);
          const old = await r.enterprises(id);
          await r.replaceEnterprises(id, enterpriseIds);
          // Coverage follows the links: unlinked companies lose it, newly linked uncovered ones gain it.
          await uncoverUnlinked(tx, access.actor, id, old.map((e) => e.id).filter((e) => !enterpriseIds.includes(e)));
          await coverByNewOrganisation(tx, access.actor, { id, kind: org.kind }, enterpriseIds, 'org.link');
          before = { ...snapshot(org), enterpriseIds: old.map((e) => e.id) };
        }
        await audit(tx, access.actor, { action: 'org.update', targetType: 'org', targetId: id, orgPath: org.path, before, after: { ...patch, ...(enterpriseIds ? { enterpriseIds } : {}) } });
      });
      if (patch.name !== undefined && patch.name !== org.name) forgetWhatFollowsTheTree(); // grants and roster pages show the name
    },

    /** Abolishes (撤销) an empty organisation; it is kept with its history, never deleted. */
    async abolish(access: Access, id: number, input: { abolishedOn: string; reason: string }): Promise<void> {
      const org = await loadInScope(access, id, 'org.write');
      if (org.abolishedOn) throw new Conflict('ORG_ABOLISHED', '该组织已撤销');
      if (org.parentId === null) throw new Invalid('不能撤销根组织');
      if (input.abolishedOn > todayInShanghai()) invalidField('abolishedOn', '撤销日期不能晚于今天');
      await db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        // Locked so a member or child added at the same moment waits, then sees it abolished.
        await currentOrg(tx, id);
        const live = await r.liveContents(id);
        if (live.members > 0 || live.children > 0) {
          throw new Conflict('ORG_NOT_EMPTY', `该组织还有 ${live.members} 名党员、${live.children} 个下级组织，请先转移后再撤销`, live);
        }
        if (!(await r.update(id, org.version, { abolishedOn: input.abolishedOn, abolishedReason: input.reason }))) {
          throw new Conflict('STALE_VERSION', '该组织刚被其他人修改过，请刷新后再操作');
        }
        // An abolished organisation covers nobody any more.
        await uncoverByAbolishedOrganisation(tx, access.actor, id);
        await audit(tx, access.actor, { action: 'org.abolish', targetType: 'org', targetId: id, orgPath: org.path, before: { abolishedOn: null }, after: input });
      });
      forgetWhatFollowsTheTree(); // grants on an abolished organisation lapse
    },

    /** Moves a subtree under a new parent; everyone's scope follows the path. */
    async move(access: Access, id: number, newParentId: number): Promise<{ orgs: number; members: number }> {
      const org = await loadInScope(access, id, 'org.move');
      const parent = await loadInScope(access, newParentId, 'org.move');
      if (org.parentId === null) throw new Invalid('不能移动根组织');
      if (parent.path === org.path || parent.path.startsWith(org.path + '.')) invalidField('newParentId', '不能把组织移到它自己或它的下级组织之下');
      if (parent.abolishedOn) invalidField('newParentId', '目标上级组织已撤销');
      if (ORG_KIND_INFO[parent.kind as OrgKind].isBranchLike) invalidField('newParentId', '党支部下不能再设立党组织');
      if (parent.id === org.parentId) invalidField('newParentId', '该组织已在此上级组织之下');
      const moved = await db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        // Two moves at once could otherwise each pass the cycle check on stale paths.
        await lockStructure(tx);
        const [nowOrg, nowParent] = [await currentOrg(tx, id), await currentOrg(tx, parent.id)];
        if (!nowOrg || !nowParent) throw new NotFound();
        if (nowParent.path === nowOrg.path || nowParent.path.startsWith(nowOrg.path + '.')) invalidField('newParentId', '不能把组织移到它自己或它的下级组织之下');
        if (nowParent.abolishedOn) invalidField('newParentId', '目标上级组织已撤销');
        org.path = nowOrg.path;
        parent.path = nowParent.path;
        const size = await r.subtreeSize(org.path);
        await r.moveSubtree(org.path, parent.path, id, parent.id);
        await audit(tx, access.actor, {
          action: 'org.move', targetType: 'org', targetId: id, orgPath: `${parent.path}.${id}`,
          before: { parentId: org.parentId, path: org.path }, after: { parentId: parent.id, path: `${parent.path}.${id}` }, detail: size,
        });
        return size;
      });
      forgetWhatFollowsTheTree(); // grants and kept paths follow the subtree
      return moved;
    },

    /** Records a new term (换届) with its posts; the due date follows the kind's term length. */
    async startTerm(access: Access, id: number, input: LeadershipInput): Promise<number> {
      const org = await loadInScope(access, id, 'org.write');
      if (org.abolishedOn) throw new Conflict('ORG_ABOLISHED', '该组织已撤销');
      if (org.kind === 'office') invalidField('termStart', '工作机构不设班子');
      if (input.termStart > todayInShanghai()) invalidField('termStart', '任期开始日期不能晚于今天');
      await checkPosts(org.path, input.posts);
      const termDue = termDueDate(org.kind as OrgKind, input.termStart, DEFAULT_RULE_SETTINGS);
      return db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        const before = await r.currentLeadership(id);
        const { id: leadershipId } = await r.startTerm(id, input.termStart, termDue);
        await r.addPosts(leadershipId, input.posts, input.termStart);
        await audit(tx, access.actor, { action: 'org.leadership.term', targetType: 'org', targetId: id, orgPath: org.path, before: before ?? null, after: { termStart: input.termStart, termDue, posts: input.posts } });
        return leadershipId;
      });
    },

    /** Replaces the posts of the current term: removed holders are dismissed today. */
    async updatePosts(access: Access, id: number, posts: LeadershipInput['posts']): Promise<void> {
      const org = await loadInScope(access, id, 'org.write');
      const leadership = await repo.currentLeadership(id);
      if (!leadership) throw new Conflict('NO_CURRENT_TERM', '该组织还没有本届班子，请先登记换届');
      await checkPosts(org.path, posts);
      const today = todayInShanghai();
      await db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        const current = await r.leadershipPosts(leadership.id);
        const key = (p: { memberId: number; post: string }) => `${p.memberId}:${p.post}`;
        const wanted = new Set(posts.map(key));
        const have = new Set(current.map(key));
        await r.dismissPosts(current.filter((p) => !wanted.has(key(p))).map((p) => p.id), today);
        await r.addPosts(leadership.id, posts.filter((p) => !have.has(key(p))), today);
        await audit(tx, access.actor, { action: 'org.leadership.posts', targetType: 'org', targetId: id, orgPath: org.path, before: current.map((p) => ({ memberId: p.memberId, post: p.post })), after: posts });
      });
    },

    async createPartyGroup(access: Access, id: number, name: string): Promise<number> {
      const org = await loadInScope(access, id, 'org.write');
      if (!ORG_KIND_INFO[org.kind as OrgKind].isBranchLike) invalidField('name', '党小组只能设在党支部下');
      return db.transaction().execute(async (tx) => {
        const r = createOrgRepository(tx);
        const existing = await r.partyGroups(id);
        if (existing.some((g) => g.name === name)) throw new Conflict('PARTY_GROUP_EXISTS', `党小组"${name}"已存在`);
        const { id: groupId } = await r.createPartyGroup(id, name);
        await audit(tx, access.actor, { action: 'org.partyGroup.create', targetType: 'partyGroup', targetId: groupId, orgPath: org.path, after: { orgId: id, name } });
        return groupId;
      });
    },
  };

  /** Linkable: an enterprise of a town in the caller's scope, or one the org already links. */
  async function checkEnterprises(r: ReturnType<typeof createOrgRepository>, access: Access, ids: number[] | undefined, orgId: number | null = null) {
    if (!ids?.length) return;
    const rows = await r.enterprisesForLinking(ids, orgId);
    const usable = new Set(rows.filter((e) => e.linked || (e.townPath && access.inScope('enterprise.read', e.townPath))).map((e) => e.id));
    if (ids.some((i) => !usable.has(i))) invalidField('enterpriseIds', '所选关联单位不存在或不在您的管理范围内，请从企业名录中选择');
  }

  async function checkPosts(path: string, posts: LeadershipInput['posts']) {
    if (posts.filter((p) => p.post === 'secretary').length > 1) invalidField('posts', '一个班子只能有一名书记');
    const seen = new Set<string>();
    for (const p of posts) {
      const k = `${p.memberId}:${p.post}`;
      if (seen.has(k)) invalidField('posts', '同一职务不能重复登记同一人');
      seen.add(k);
    }
    const ids = [...new Set(posts.map((p) => p.memberId))];
    const found = new Set((await repo.membersWithin(path, ids)).map((m) => m.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length) invalidField('posts', '班子成员必须是本组织（或其下级组织）的在册党员');
  }
}
export type OrgService = ReturnType<typeof createOrgService>;
