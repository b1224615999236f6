import crypto from 'node:crypto';
import { maskPhone, validatePhone, type Role } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { DataCipher } from '../../platform/crypto';
import type { Access, RolePermissions } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { forgetSessionsOf } from '../../platform/session';
import type { Permission } from '../../platform/permissions';
import { hashPassword } from '../auth/auth.service';
import { createUserRepository } from './user.repository';
import type { CreateUserInput, GrantInputT, UserViewT } from './user.schemas';

/** An initial password that is easy to read out: 12 characters without look-alikes. */
export function makeInitialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  return 'Hy-' + [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export function createUserService(deps: { db: Database; cipher: DataCipher; rolePermissions(): RolePermissions }) {
  const { db } = deps;
  const repo = createUserRepository(db);

  /**
   * May the caller give `role` at `orgPath`? Only inside their user.write scope, and only a
   * role whose every permission the caller holds there (no one grants more than they have).
   */
  function canGrant(access: Access, role: string, orgPath: string): boolean {
    if (!access.inScope('user.write', orgPath)) return false;
    if (role === 'sysadmin' && !access.hasRole('sysadmin')) return false;
    const needed = deps.rolePermissions().get(role) ?? new Set<string>();
    return [...needed].every((p) => access.inScope(p as Permission, orgPath));
  }

  /** Loads an account the caller may manage: every grant it holds must be grantable by them. */
  async function loadManageable(access: Access, id: number) {
    const user = await repo.getById(id);
    if (!user) throw new NotFound();
    const grants = await repo.grantsOf([id]);
    // An account without grants belongs to whoever holds a root; otherwise to its grants' scopes.
    const visible = grants.length === 0 ? access.isGlobal('user.read') : grants.some((g) => access.inScope('user.read', g.orgPath));
    if (!visible) throw new NotFound();
    if (user.id === access.actor.userId) throw new Conflict('SELF_MANAGEMENT', '不能在此修改自己的账号，请使用"修改密码"');
    if (!grants.every((g) => canGrant(access, g.role, g.orgPath))) throw new Conflict('OUTRANKED', '该账号拥有您无权授予的角色或范围，请联系上级管理员处理');
    if (user.memberId) {
      // Resetting the password of a member's account gives its holder the member's full record.
      const m = await repo.member(user.memberId);
      if (!m || !access.inScope('member.reveal', m.orgPath)) throw new Conflict('OUTRANKED', '该账号关联党员档案，需要"查看完整个人信息"权限才能管理，请联系该党员所在组织的书记');
    }
    return { user, grants };
  }

  async function checkGrants(access: Access, grants: GrantInputT[], memberId: number | null | undefined) {
    const orgs = new Map((await repo.orgs(grants.map((g) => g.orgId))).map((o) => [o.id, o]));
    const departments = new Map((await repo.departments(grants.flatMap((g) => (g.departmentId ? [g.departmentId] : [])))).map((d) => [d.id, d]));
    grants.forEach((g, i) => {
      const org = orgs.get(g.orgId);
      if (!org || !access.inScope('user.read', org.path)) throw new NotFound('所选组织不存在或不在您的管理范围内');
      if (org.abolishedOn) invalidField(`grants.${i}.orgId`, `${org.name}已撤销`);
      if (!canGrant(access, g.role, org.path)) invalidField(`grants.${i}.role`, '您无权在该组织授予此角色');
      if (g.role === 'member' && !memberId) invalidField(`grants.${i}.role`, '党员角色需要关联一名党员');
      // A department user works for one department of the joint conference of the grant's city.
      if (g.role === 'department') {
        const dept = g.departmentId ? departments.get(g.departmentId) : undefined;
        if (!g.departmentId) invalidField(`grants.${i}.departmentId`, '联席会议成员单位角色需要选择所在的成员单位');
        if (!dept || dept.abolishedOn || dept.cityPath !== org.path.split('.')[0]) {
          invalidField(`grants.${i}.departmentId`, '所选成员单位不存在、已撤销或不属于该组织所在的市，请重新选择');
        }
      } else if (g.departmentId) invalidField(`grants.${i}.departmentId`, '只有"联席会议成员单位"角色需要选择成员单位');
    });
    return orgs;
  }

  return {
    async list(access: Access, query: { q?: string; page: number; pageSize: number }) {
      const all = access.isGlobal('user.read');
      const { items, total } = await repo.list({ scope: access.filter('user.read', 'o.path'), withoutGrants: all, ...query });
      const grants = await repo.grantsOf(items.map((u) => u.id));
      const now = new Date();
      const views: UserViewT[] = items.map((u) => {
        const mine = grants.filter((g) => g.userId === u.id);
        const shown = mine.filter((g) => access.inScope('user.read', g.orgPath));
        return {
          id: u.id, username: u.username, displayName: u.displayName, phoneMasked: u.phoneMasked,
          memberId: u.memberId, memberName: u.memberOrgPath && access.inScope('member.read', u.memberOrgPath) ? u.memberName : null, mustChangePassword: u.mustChangePassword,
          locked: !!u.lockedUntil && u.lockedUntil > now, disabled: !!u.disabledAt, lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
          grants: shown.map((g) => ({ id: g.id, role: g.role as Role, orgId: g.orgId, orgName: g.orgName, departmentId: g.departmentId, departmentName: g.departmentName })),
          hiddenGrants: mine.length - shown.length,
          abilities: { manage: u.id !== access.actor.userId && mine.every((g) => canGrant(access, g.role, g.orgPath)) && (mine.length > 0 || all) },
        };
      });
      return { items: views, total, page: query.page, pageSize: query.pageSize };
    },

    /** Creates an account with an initial password the user must change at first login. */
    async create(access: Access, input: CreateUserInput) {
      let phone: string | null = null;
      if (input.phone) {
        const p = validatePhone(input.phone);
        if (!p.ok) invalidField('phone', p.message);
        phone = p.value;
      }
      if (input.memberId) {
        const m = await repo.member(input.memberId);
        if (!m || !access.inScope('member.read', m.orgPath)) throw new NotFound('所选党员不存在或不在您的管理范围内');
        // The member will read their own record in full through this account: whoever sets the
        // first password could too, so linking needs the same permission as revealing it.
        if (!access.inScope('member.reveal', m.orgPath)) invalidField('memberId', '为党员开通账号需要"查看完整个人信息"权限，请联系该党员所在组织的书记或市两新工委');
      }
      await checkGrants(access, input.grants, input.memberId);
      const initialPassword = makeInitialPassword();
      const passwordHash = await hashPassword(initialPassword);
      const id = await db.transaction().execute(async (tx) => {
        const r = createUserRepository(tx);
        const taken = await r.exists(input.username, phone ? deps.cipher.hash(phone) : null);
        if (taken) {
          const field = taken.username === input.username ? 'username' : 'phone';
          throw new Conflict('USER_EXISTS', field === 'username' ? '用户名已被使用' : '该手机号已绑定其他账号', { issues: [{ path: field, message: '已被使用' }] });
        }
        if (input.memberId) {
          const linked = await tx.selectFrom('appUser').select('id').where('memberId', '=', input.memberId).executeTakeFirst();
          if (linked) invalidField('memberId', '该党员已有账号');
        }
        const { id } = await r.create({ username: input.username, displayName: input.displayName, phoneHash: phone ? deps.cipher.hash(phone) : null, phoneMasked: phone ? maskPhone(phone) : null, memberId: input.memberId ?? null, passwordHash });
        await r.addGrants(id, input.grants);
        await audit(tx, access.actor, { action: 'user.create', targetType: 'user', targetId: id, subjects: input.memberId ? [input.memberId] : undefined, after: { username: input.username, displayName: input.displayName, memberId: input.memberId ?? null, grants: input.grants } });
        return id;
      });
      return { id, initialPassword };
    },

    async update(access: Access, id: number, input: { displayName?: string; phone?: string | null; disabled?: boolean }) {
      const { user } = await loadManageable(access, id);
      let phone = input.phone;
      if (phone) {
        const p = validatePhone(phone);
        if (!p.ok) invalidField('phone', p.message);
        phone = p.value;
        const holder = await repo.byPhone(deps.cipher.hash(phone));
        if (holder && holder.id !== id) invalidField('phone', '该手机号已绑定其他账号');
      }
      await db.transaction().execute(async (tx) => {
        const r = createUserRepository(tx);
        await r.update(id, {
          ...(input.displayName ? { displayName: input.displayName } : {}),
          ...(phone !== undefined ? { phoneHash: phone ? deps.cipher.hash(phone) : null, phoneMasked: phone ? maskPhone(phone) : null } : {}),
          ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
        });
        if (input.disabled) await r.endSessions(id);
        await audit(tx, access.actor, { action: 'user.update', targetType: 'user', targetId: id, before: { displayName: user.displayName, phone: user.phoneMasked, disabled: !!user.disabledAt }, after: { ...input, ...(phone ? { phone: maskPhone(phone) } : {}) } });
      });
      forgetSessionsOf(id);
    },

    /** Sets a new initial password, unlocks the account and ends its sessions. */
    async resetPassword(access: Access, id: number) {
      const { user } = await loadManageable(access, id);
      const initialPassword = makeInitialPassword();
      const passwordHash = await hashPassword(initialPassword);
      await db.transaction().execute(async (tx) => {
        const r = createUserRepository(tx);
        await r.update(id, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
        await r.endSessions(id);
        await audit(tx, access.actor, { action: 'user.resetPassword', targetType: 'user', targetId: id, subjects: user.memberId ? [user.memberId] : undefined });
      });
      forgetSessionsOf(id);
      return { initialPassword };
    },

    async addGrant(access: Access, id: number, grant: GrantInputT) {
      const { user } = await loadManageable(access, id);
      await checkGrants(access, [grant], user.memberId);
      const grantId = await db.transaction().execute(async (tx) => {
        const row = await createUserRepository(tx).addGrant(id, grant.role, grant.orgId, grant.departmentId ?? null);
        if (!row) throw new Conflict('GRANT_EXISTS', '该账号已有此授权');
        await audit(tx, access.actor, { action: 'user.grant.add', targetType: 'user', targetId: id, after: grant });
        return row.id;
      });
      forgetSessionsOf(id);
      return grantId;
    },

    async removeGrant(access: Access, id: number, grantId: number) {
      const { grants } = await loadManageable(access, id);
      const grant = grants.find((g) => g.id === grantId);
      if (!grant) throw new NotFound();
      await db.transaction().execute(async (tx) => {
        await createUserRepository(tx).removeGrant(grantId);
        await audit(tx, access.actor, { action: 'user.grant.remove', targetType: 'user', targetId: id, before: { role: grant.role, orgId: grant.orgId, departmentId: grant.departmentId } });
      });
      forgetSessionsOf(id);
    },

    roles() {
      return [...deps.rolePermissions().entries()].map(([role, perms]) => ({ role: role as Role, permissions: [...perms].sort() }));
    },
  };
}
