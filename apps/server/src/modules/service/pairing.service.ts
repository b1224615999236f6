import { todayInShanghai } from '@hongyun/shared';
import type { Database } from '../../db/database';
import { isWithin, type Access, type RolePermissions } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { scopeCondition, serviceScope, writeAccessTo, type ServiceScope } from './service.scope';
import { createServiceRepository } from './service.repository';
import type { CreateVisitInput } from './service.schemas';

const NOT_PAIRED = () => new Forbidden('CADRE_NOT_PAIRED', '该企业不是您当前联系的企业，请联系镇（街道）协调员分配后再登记');

/** Checks that the caller may write a visit or request for a company; returns the company. */
export async function companyForWriting(repo: ReturnType<typeof createServiceRepository>, scope: ServiceScope, enterpriseId: number) {
  const company = await repo.enterprise(enterpriseId, scope.userId);
  if (!company) throw new NotFound();
  const verdict = writeAccessTo(scope, company.townPath, company.paired);
  if (verdict === 'outOfScope') throw new NotFound();
  if (verdict === 'notPaired') throw NOT_PAIRED();
  // 'ok' is only answered for a company with a town path.
  return company as typeof company & { townPath: string };
}

/** 百名干部走千企: cadres paired with companies (a town or the city pairs them) and their visits. */
export function createPairingService(deps: { db: Database; rolePermissions(): RolePermissions }) {
  const { db } = deps;
  const repo = createServiceRepository(db);
  const scopeOf = (access: Access, p: Parameters<typeof serviceScope>[2]) => serviceScope(access, deps.rolePermissions(), p);

  return {
    /** Accounts holding a cadre grant inside the caller's pairing scope. */
    listCadres(access: Access, query: { q?: string; page: number; pageSize: number }) {
      return repo.listCadres({ scope: access.filter('cadre.assign', 'o.path'), ...query });
    },

    /**
     * Pairs a cadre with companies in the caller's scope; each company must lie where the
     * cadre's grant reaches. Pairs already in force are kept (counted, not duplicated).
     */
    async assign(access: Access, input: { userId: number; enterpriseIds: number[] }) {
      const ids = [...new Set(input.enterpriseIds)];
      const companies = await repo.enterprises(ids);
      if (companies.length !== ids.length || companies.some((c) => !c.townPath || !access.inScope('cadre.assign', c.townPath))) {
        throw new NotFound('所选企业不存在或不在您的管理范围内');
      }
      const cadre = await repo.cadre(input.userId);
      if (!cadre) throw new NotFound('所选账号不存在');
      if (cadre.cadrePaths.length === 0) invalidField('userId', `${cadre.displayName}还不是联系干部，请先在账号管理中为其授予"联系干部"角色`);
      if (cadre.disabledAt) invalidField('userId', `${cadre.displayName}的账号已停用`);
      const outside = companies.filter((c) => !cadre.cadrePaths.some((root) => isWithin(c.townPath!, root)));
      if (outside.length) invalidField('enterpriseIds', `${outside.map((c) => c.name).join('、')}不在${cadre.displayName}的联系范围内，请选择其所在镇（街道）的企业`);
      const today = todayInShanghai();
      const created = await db.transaction().execute(async (tx) => {
        const rows = await createServiceRepository(tx).assign(input.userId, ids, access.actor.userId, today);
        for (const row of rows) {
          const company = companies.find((c) => c.id === row.enterpriseId)!;
          await audit(tx, access.actor, { action: 'cadre.assign', targetType: 'cadreAssignment', targetId: row.id, orgPath: company.townPath, after: { userId: input.userId, enterpriseId: row.enterpriseId, assignedOn: today } });
        }
        return rows.length;
      });
      return { assigned: created, alreadyAssigned: ids.length - created };
    },

    /** Ends a pair (the cadre no longer serves the company); its visits stay. */
    async end(access: Access, id: number, endedOn: string | undefined) {
      const pair = await repo.assignment(id);
      if (!pair) throw new NotFound();
      access.assertInScope('cadre.assign', pair.townPath);
      if (pair.endedOn) throw new Conflict('ASSIGNMENT_ENDED', '该联系关系已结束');
      const today = todayInShanghai();
      const on = endedOn ?? today;
      if (on > today) invalidField('endedOn', '结束日期不能晚于今天');
      if (on < pair.assignedOn) invalidField('endedOn', `结束日期不能早于分配日期 ${pair.assignedOn}`);
      await db.transaction().execute(async (tx) => {
        if (!(await createServiceRepository(tx).endAssignment(id, on))) throw new Conflict('ASSIGNMENT_ENDED', '该联系关系刚被其他人结束，请刷新');
        await audit(tx, access.actor, { action: 'cadre.unassign', targetType: 'cadreAssignment', targetId: id, orgPath: pair.townPath, before: { endedOn: null }, after: { endedOn: on, userId: pair.userId, enterpriseId: pair.enterpriseId } });
      });
    },

    /** Pairs by cadre or by company within the caller's service scope (a cadre: their own). */
    async listAssignments(access: Access, query: { userId?: number; enterpriseId?: number; includeEnded?: 'true' | 'false'; page: number; pageSize: number }) {
      const scope = scopeOf(access, 'service.read');
      const visit = scopeOf(access, 'visit.write');
      const { items, total } = await repo.listAssignments({
        scope: scopeCondition(scope, { townPath: 't.path', enterpriseId: 'a.enterpriseId', ownerId: 'a.userId' }),
        userId: query.userId, enterpriseId: query.enterpriseId, includeEnded: query.includeEnded === 'true', page: query.page, pageSize: query.pageSize,
      });
      return {
        items: items.map(({ townPath, ...a }) => {
          const live = a.endedOn === null;
          const mine = a.userId === access.actor.userId;
          return {
            ...a,
            abilities: {
              end: live && !!townPath && access.inScope('cadre.assign', townPath),
              visit: live && writeAccessTo(visit, townPath, mine) === 'ok',
            },
          };
        }),
        total, page: query.page, pageSize: query.pageSize,
      };
    },

    /** Logs a visit by the caller; a cadre only to a company currently paired with them. */
    async logVisit(access: Access, input: CreateVisitInput): Promise<number> {
      const company = await companyForWriting(repo, scopeOf(access, 'visit.write'), input.enterpriseId);
      if (input.visitedOn > todayInShanghai()) invalidField('visitedOn', '走访日期不能晚于今天，请登记已经完成的走访');
      return db.transaction().execute(async (tx) => {
        const row = { enterpriseId: company.id, cadreUserId: access.actor.userId, visitedOn: input.visitedOn, peopleMet: input.peopleMet, topics: input.topics, followUps: input.followUps || null };
        const { id } = await createServiceRepository(tx).createVisit(row);
        await audit(tx, access.actor, { action: 'visit.create', targetType: 'visit', targetId: id, orgPath: company.townPath, after: row });
        return id;
      });
    },

    async listVisits(access: Access, query: { enterpriseId?: number; cadreUserId?: number; from?: string; to?: string; page: number; pageSize: number }) {
      const scope = scopeOf(access, 'service.read');
      const { items, total } = await repo.listVisits({ scope: scopeCondition(scope, { townPath: 't.path', enterpriseId: 'v.enterpriseId', ownerId: 'v.cadreUserId' }), ...query });
      return { items: items.map(visitView), total, page: query.page, pageSize: query.pageSize };
    },
  };
}

export function visitView<T extends { createdAt: Date }>(v: T) {
  return { ...v, createdAt: v.createdAt.toISOString() };
}
