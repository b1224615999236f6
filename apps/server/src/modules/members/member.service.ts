import {
  addYears, partyStandingYears, todayInShanghai, validateIdNumber, validatePhone, wholeYearsBetween,
  type EducationLevel, type Gender, type KeyPosition, type LeadershipPost, type MemberCategory, type MemberStatus, type OrgKind,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { lockOrgForWriting } from '../../platform/structure-lock';
import type { DataCipher } from '../../platform/crypto';
import { Conflict, Invalid, NotFound, invalidField } from '../../platform/errors';
import { createKeptValues, loadTogether } from '../../platform/kept';
import { createMemberRepository, type MemberSearch } from './member.repository';
import { checkMember, sealPersonalData } from './member.rules';
import type { CreateMemberInput, MemberDetailView, MemberFilterInput, MemberListItemView, UpdateMemberInput } from './member.schemas';

/** Actions that count as someone looking at a member's record ("who viewed my record"). */
export const RECORD_ACCESS_ACTIONS = ['member.view', 'member.reveal', 'member.export', 'member.update', 'member.create'];
const LIVE_STATUSES = ['normal', 'suspended'];

// Columns are constrained by check constraints to the enum values; the casts say so once.
type ListRow = { id: number; name: string; gender: string; birthDate: string; idNumberMasked: string; phoneMasked: string | null; orgId: number; category: string; status: string; keyPositions: string[]; joinedOn: string | null; confirmedOn: string | null; employerName: string | null; isMobile: boolean };
function toListItem(r: ListRow, orgName: string, today: string): MemberListItemView {
  return {
    id: r.id, name: r.name, gender: r.gender as Gender, birthDate: r.birthDate, age: wholeYearsBetween(r.birthDate, today),
    idNumberMasked: r.idNumberMasked, phoneMasked: r.phoneMasked, orgId: r.orgId, orgName,
    category: r.category as MemberCategory, status: r.status as MemberStatus, keyPositions: r.keyPositions as KeyPosition[],
    joinedOn: r.joinedOn, confirmedOn: r.confirmedOn, standingYears: partyStandingYears(r, today), employerName: r.employerName, isMobile: r.isMobile,
  };
}

export function createMemberService(deps: { db: Database; cipher: DataCipher }) {
  const { db, cipher } = deps;
  const repo = createMemberRepository(db);

  // An organisation's path and name change only when it moves or is renamed. Keeping them a few
  // seconds spares the roster page a round trip for the path of the subtree asked for, and its
  // statement a join for the names of the rows' organisations (a third of its cost in
  // PostgreSQL). Those missing from memory are read together, one query per page. A move or a
  // rename made by another process is seen within 10 seconds; a stale path cannot widen access,
  // because every row is also filtered by the caller's scope.
  const orgs = createKeptValues<{ path: string; name: string }>({ keepMs: 10_000, reloadAfterMs: 6_000, maxEntries: 50_000, followsTree: true });
  const loadOrgs = loadTogether(async (keys) => new Map((await repo.orgLabels(keys.map(Number))).map((o) => [String(o.id), { path: o.path, name: o.name }])));
  const orgOf = (id: number) => orgs.get(String(id), () => loadOrgs(String(id)));
  async function orgPath(id: number): Promise<string> {
    const org = await orgOf(id);
    if (!org) throw new NotFound();
    return org.path;
  }
  async function orgNamesOf(rows: readonly { orgId: number }[]): Promise<string[]> {
    const found = await Promise.all(rows.map((r) => orgOf(r.orgId)));
    return found.map((org, i) => {
      if (!org) throw new Error(`roster: organisation ${rows[i].orgId} of a member not found`);
      return org.name;
    });
  }

  /** Turns the roster filter into a scoped search; the subtree must be in scope. */
  async function toSearch(access: Access, f: MemberFilterInput): Promise<MemberSearch> {
    const today = todayInShanghai();
    const search: MemberSearch = { scope: access.paths('member.read'), sort: f.sort, order: f.order, categories: f.category, keyPositions: f.keyPosition };
    search.statuses = f.status ?? LIVE_STATUSES;
    if (f.orgId) {
      const path = await orgPath(f.orgId);
      access.assertInScope('member.read', path);
      search.subtreePath = path;
    }
    if (f.q) {
      const q = f.q.trim();
      const id = /^\d{17}[\dXx]$/.test(q) ? validateIdNumber(q, today) : null;
      const phone = /^\+?\d[\d -]{9,}$/.test(q) ? validatePhone(q) : null;
      if (id?.ok) search.idNumberHash = cipher.hash(id.value);
      else if (phone?.ok) search.phoneHash = cipher.hash(phone.value);
      else search.nameLike = { prefix: [...q].length <= 2, text: q };
    }
    // Age N means birthday passed N times: born in (today - (N+1) years, today - N years].
    if (f.ageMin !== undefined) search.birthBefore = addYears(today, -f.ageMin);
    if (f.ageMax !== undefined) search.birthAfter = addYears(today, -(f.ageMax + 1));
    if (f.standingMin !== undefined) search.confirmedBefore = addYears(today, -f.standingMin);
    if (f.standingMax !== undefined) search.confirmedAfter = addYears(today, -(f.standingMax + 1));
    if (f.isMobile) search.isMobile = f.isMobile === 'true';
    return search;
  }

  async function accessLogOf(memberId: number) {
    const { items, total } = await repo.accessLog(memberId, RECORD_ACCESS_ACTIONS, 200);
    return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), total };
  }

  async function toDetail(m: NonNullable<Awaited<ReturnType<typeof repo.getById>>>, abilities: MemberDetailView['abilities']): Promise<MemberDetailView> {
    const posts = await repo.posts(m.id);
    return {
      ...toListItem(m, m.orgName, todayInShanghai()),
      ethnicity: m.ethnicity, education: m.education as EducationLevel | null, employerEnterpriseId: m.employerEnterpriseId, job: m.job,
      partyGroupId: m.partyGroupId, partyGroupName: m.partyGroupName, appliedOn: m.appliedOn, activistOn: m.activistOn, candidateOn: m.candidateOn,
      isInHardship: m.isInHardship, isPartyWorker: m.isPartyWorker,
      posts: posts.map((p) => ({ orgId: p.orgId, orgName: p.orgName, post: p.post as LeadershipPost })),
      version: m.version, createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
      abilities,
    };
  }

  /** Loads a member the caller may act on with `permission`; NotFound otherwise. */
  async function loadInScope(access: Access, id: number, permission: 'member.read' | 'member.write' | 'member.reveal') {
    const m = await repo.getById(id);
    if (!m) throw new NotFound();
    access.assertInScope(permission, m.orgPath);
    return m;
  }

  /** The organisation a member may be placed in: live, not an office, in write scope. */
  async function placeableOrg(access: Access, orgId: number) {
    const org = await db.selectFrom('org').select(['id', 'path', 'kind', 'abolishedOn', 'name']).where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new NotFound();
    access.assertInScope('member.write', org.path);
    if (org.abolishedOn) invalidField('orgId', `${org.name}已撤销，不能再加入党员`);
    if ((org.kind as OrgKind) === 'office') invalidField('orgId', '工作机构不是党组织，请选择一个党支部');
    return org;
  }

  async function checkRefs(orgId: number, partyGroupId: number | null | undefined, employerId: number | null | undefined) {
    if (partyGroupId) {
      const g = await repo.partyGroupOf(partyGroupId);
      if (!g || g.orgId !== orgId) invalidField('partyGroupId', '党小组不属于所选组织');
    }
    if (employerId && !(await repo.enterprise(employerId))) invalidField('employerEnterpriseId', '工作单位不在企业名录中');
  }

  return {
    async list(access: Access, query: MemberFilterInput & { page: number; pageSize: number }) {
      const today = todayInShanghai();
      const { items, total } = await repo.list(await toSearch(access, query), query.page, query.pageSize);
      const orgNames = await orgNamesOf(items);
      return { items: items.map((r, i) => toListItem(r, orgNames[i], today)), total, page: query.page, pageSize: query.pageSize };
    },

    toSearch,

    /** A member's record, masked; the view is audited when someone else looks. */
    async detail(access: Access, id: number): Promise<MemberDetailView> {
      const m = await loadInScope(access, id, 'member.read');
      if (access.actor.memberId !== id) {
        await audit(db, access.actor, { action: 'member.view', targetType: 'member', targetId: id, orgPath: m.orgPath, subjects: [id] });
      }
      return toDetail(m, { edit: access.inScope('member.write', m.orgPath), reveal: access.inScope('member.reveal', m.orgPath) });
    },

    /**
     * The caller's own record in full (PIPL art. 45: a person may read their own data); not
     * audited as a view. NotFound when the account has no linked member.
     */
    async ownRecord(actor: Actor) {
      const m = actor.memberId ? await repo.getById(actor.memberId) : undefined;
      if (!m) throw new NotFound('您的账号未关联党员档案');
      return {
        ...(await toDetail(m, { edit: false, reveal: false })),
        idNumber: cipher.decrypt(m.idNumberCipher),
        phone: m.phoneCipher ? cipher.decrypt(m.phoneCipher) : null,
      };
    },

    /** The organisation the caller's own member record belongs to. */
    async ownOrgId(actor: Actor): Promise<number> {
      const m = actor.memberId ? await repo.getById(actor.memberId) : undefined;
      if (!m) throw new NotFound('您的账号未关联党员档案');
      return m.orgId;
    },

    /** Who viewed, revealed, exported or changed the caller's own record. */
    async ownAccessLog(actor: Actor) {
      if (!actor.memberId) throw new NotFound('您的账号未关联党员档案');
      return accessLogOf(actor.memberId);
    },

    /** Adds a member; ID number checked, encrypted and de-duplicated. */
    async create(access: Access, input: CreateMemberInput): Promise<number> {
      const org = await placeableOrg(access, input.orgId);
      const checked = checkMember(input, todayInShanghai());
      if (!checked.ok) throw new Invalid(`请更正：${checked.issues.map((i) => i.message).join('；')}`, checked.issues);
      await checkRefs(org.id, input.partyGroupId, input.employerEnterpriseId);
      const v = checked.value;
      return db.transaction().execute(async (tx) => {
        const r = createMemberRepository(tx);
        const now = await lockOrgForWriting(tx, org.id);
        if (!now || now.abolishedOn) invalidField('orgId', `${org.name}已撤销，不能再加入党员`);
        org.path = now.path;
        const sealed = sealPersonalData(cipher, v.idNumber, v.phone);
        const dup = await r.findLiveByIdHash(sealed.idNumberHash);
        if (dup) {
          const where = access.inScope('member.read', dup.orgPath) ? `（${dup.orgName}）` : '（在其他组织）';
          throw new Conflict('MEMBER_DUPLICATE', `该身份证号已登记${where}，同一人只能有一条在册记录；如需转入请办理组织关系转接`, { issues: [{ path: 'idNumber', message: '该身份证号已登记' }] });
        }
        const row = {
          orgId: org.id, orgPath: org.path, partyGroupId: input.partyGroupId ?? null, name: v.name, gender: v.gender, ethnicity: input.ethnicity ?? null,
          birthDate: v.birthDate, ...sealed, education: input.education ?? null, employerEnterpriseId: input.employerEnterpriseId ?? null,
          employerName: input.employerName ?? null, job: input.job ?? null, keyPositions: input.keyPositions ?? [], category: input.category,
          status: input.status ?? 'normal', appliedOn: input.appliedOn ?? null, activistOn: input.activistOn ?? null, candidateOn: input.candidateOn ?? null,
          joinedOn: input.joinedOn ?? null, confirmedOn: input.confirmedOn ?? null, isMobile: input.isMobile ?? false,
          isInHardship: input.isInHardship ?? false, isPartyWorker: input.isPartyWorker ?? false,
        };
        if (row.employerEnterpriseId && !row.employerName) row.employerName = (await r.enterprise(row.employerEnterpriseId))?.name ?? null;
        const { id } = await r.create(row);
        await audit(tx, access.actor, { action: 'member.create', targetType: 'member', targetId: id, orgPath: org.path, subjects: [id], after: publicFields(row) });
        return id;
      });
    },

    /** Edits a member; `version` guards against overwriting a concurrent edit. */
    async update(access: Access, id: number, input: UpdateMemberInput): Promise<void> {
      const m = await loadInScope(access, id, 'member.write');
      const { version, idNumber, phone, ...rest } = input;
      const targetOrg = input.orgId && input.orgId !== m.orgId ? await placeableOrg(access, input.orgId) : null;
      const merged = {
        name: rest.name ?? m.name,
        idNumber: idNumber ?? cipher.decrypt(m.idNumberCipher),
        phone: phone === undefined ? (m.phoneCipher ? cipher.decrypt(m.phoneCipher) : null) : phone,
        gender: rest.gender ?? undefined,
        category: rest.category ?? (m.category as MemberCategory),
        appliedOn: rest.appliedOn === undefined ? m.appliedOn : rest.appliedOn,
        activistOn: rest.activistOn === undefined ? m.activistOn : rest.activistOn,
        candidateOn: rest.candidateOn === undefined ? m.candidateOn : rest.candidateOn,
        joinedOn: rest.joinedOn === undefined ? m.joinedOn : rest.joinedOn,
        confirmedOn: rest.confirmedOn === undefined ? m.confirmedOn : rest.confirmedOn,
        keyPositions: rest.keyPositions ?? (m.keyPositions as KeyPosition[]),
      };
      const checked = checkMember(merged, todayInShanghai());
      if (!checked.ok) throw new Invalid(`请更正：${checked.issues.map((i) => i.message).join('；')}`, checked.issues);
      const orgId = targetOrg?.id ?? m.orgId;
      await checkRefs(orgId, rest.partyGroupId === undefined ? (targetOrg ? null : m.partyGroupId) : rest.partyGroupId, rest.employerEnterpriseId);
      const v = checked.value;
      const patch: Record<string, unknown> = { ...rest, name: v.name, gender: v.gender, birthDate: v.birthDate };
      delete patch.orgId;
      if (targetOrg) Object.assign(patch, { orgId: targetOrg.id, orgPath: targetOrg.path, partyGroupId: rest.partyGroupId ?? null });
      if (idNumber !== undefined || phone !== undefined) Object.assign(patch, sealPersonalData(cipher, v.idNumber, v.phone));
      await db.transaction().execute(async (tx) => {
        const r = createMemberRepository(tx);
        if (targetOrg) {
          const now = await lockOrgForWriting(tx, targetOrg.id);
          if (!now || now.abolishedOn) invalidField('orgId', `${targetOrg.name}已撤销，不能再加入党员`);
          patch.orgPath = now.path;
        }
        if (idNumber !== undefined) {
          const dup = await r.findLiveByIdHash(cipher.hash(v.idNumber));
          if (dup && dup.id !== id) throw new Conflict('MEMBER_DUPLICATE', '该身份证号已登记在另一条在册记录上', { issues: [{ path: 'idNumber', message: '该身份证号已登记' }] });
        }
        if (!(await r.update(id, version, patch))) throw new Conflict('STALE_VERSION', '该党员信息刚被其他人修改过，请刷新后再编辑');
        const before = publicFields(m);
        const after = publicFields({ ...m, ...patch });
        const changed = Object.fromEntries(Object.entries(after).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify((before as Record<string, unknown>)[k])));
        const was = Object.fromEntries(Object.keys(changed).map((k) => [k, (before as Record<string, unknown>)[k]]));
        await audit(tx, access.actor, { action: 'member.update', targetType: 'member', targetId: id, orgPath: (patch.orgPath as string) ?? m.orgPath, subjects: [id], before: was, after: changed });
      });
    },

    /** The full ID number or phone, for holders of the reveal permission; audited each time. */
    async reveal(access: Access, id: number, field: 'idNumber' | 'phone') {
      const m = await loadInScope(access, id, 'member.reveal');
      const sealed = field === 'idNumber' ? m.idNumberCipher : m.phoneCipher;
      const value = sealed ? cipher.decrypt(sealed) : null;
      await audit(db, access.actor, { action: 'member.reveal', targetType: 'member', targetId: id, orgPath: m.orgPath, subjects: [id], detail: { field } });
      return { field, value };
    },

    /** Who viewed, revealed, exported or changed this record (for administrators in scope). */
    async accessLog(access: Access, id: number) {
      await loadInScope(access, id, 'member.read');
      return accessLogOf(id);
    },
  };
}
export type MemberService = ReturnType<typeof createMemberService>;

/** The non-secret fields of a member row, for audit before/after (never ciphertexts). */
function publicFields(m: Record<string, unknown>) {
  const keys = ['orgId', 'partyGroupId', 'name', 'gender', 'ethnicity', 'birthDate', 'idNumberMasked', 'phoneMasked', 'education', 'employerEnterpriseId', 'employerName', 'job', 'keyPositions', 'category', 'status', 'appliedOn', 'activistOn', 'candidateOn', 'joinedOn', 'confirmedOn', 'isMobile', 'isInHardship', 'isPartyWorker'];
  return Object.fromEntries(keys.filter((k) => k in m).map((k) => [k, m[k]]));
}
