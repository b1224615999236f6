import { todayInShanghai } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, RolePermissions } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { citiesOf } from './service.scope';
import { createServiceRepository } from './service.repository';
import type { CreateDepartmentInput, UpdateDepartmentInput } from './service.schemas';

const nameTaken = (name: string) =>
  new Conflict('DEPARTMENT_NAME_TAKEN', `成员单位"${name}"已存在，请换一个名称`, { issues: [{ path: 'name', message: '该名称已被使用' }] });

/** 联席会议成员单位: the departments of a city's joint conference, kept when abolished. */
export function createDepartmentService(deps: { db: Database; rolePermissions(): RolePermissions }) {
  const { db } = deps;
  const repo = createServiceRepository(db);

  async function loadManageable(access: Access, id: number) {
    const dept = await repo.getDepartment(id);
    if (!dept) throw new NotFound();
    access.assertInScope('department.manage', dept.orgPath);
    return dept;
  }

  /** The city a new department joins: the one named, or the caller's only one. */
  async function cityFor(access: Access, orgId: number | undefined) {
    if (orgId === undefined) {
      const roots = citiesOf(access, deps.rolePermissions(), ['department.manage']);
      if (roots.length !== 1) invalidField('orgId', '您管理多个市的联席会议，请选择所属的市');
      orgId = roots[0];
    }
    const org = await repo.cityOrg(orgId);
    if (!org) throw new NotFound();
    access.assertInScope('department.manage', org.path);
    if (org.parentId !== null) invalidField('orgId', '成员单位属于市级联席会议，请选择市两新工委（根组织）');
    if (org.abolishedOn) invalidField('orgId', `${org.name}已撤销`);
    return org;
  }

  return {
    /**
     * The departments of the caller's cities (every role that routes or reads requests needs
     * them); a department user sees only their own department.
     */
    async list(access: Access, includeAbolished: boolean) {
      if (!access.can('service.read') && !access.can('department.manage')) throw new Forbidden();
      const permissions = deps.rolePermissions();
      const holding = access.actor.grants.filter((g) => ['service.read', 'department.manage'].some((p) => permissions.get(g.role)?.has(p)));
      const onlyAsDepartment = holding.length > 0 && holding.every((g) => g.departmentId != null);
      const rows = await repo.listDepartments({
        cityIds: citiesOf(access, permissions, ['service.read', 'department.manage']),
        // Every holding grant is a department grant here, so each carries its department.
        onlyIds: onlyAsDepartment ? holding.map((g) => g.departmentId as number) : null,
        includeAbolished,
        today: todayInShanghai(),
      });
      return rows.map(({ orgPath, ...d }) => ({ ...d, abilities: { edit: d.abolishedOn === null && access.inScope('department.manage', orgPath) } }));
    },

    /** Adds a department to a city's joint conference. Throws Conflict on a name already used there. */
    async create(access: Access, input: CreateDepartmentInput): Promise<number> {
      const city = await cityFor(access, input.orgId);
      return db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        if (await r.departmentByName(city.id, input.name)) throw nameTaken(input.name);
        const row = {
          orgId: city.id, name: input.name, duties: input.duties || null, contactName: input.contactName || null,
          contactPhone: input.contactPhone || null, position: input.position ?? 0,
        };
        const { id } = await r.createDepartment(row);
        await audit(tx, access.actor, { action: 'department.create', targetType: 'department', targetId: id, orgPath: city.path, after: row });
        return id;
      });
    },

    /** Edits a live department; `version` guards against overwriting someone else's edit. */
    async update(access: Access, id: number, input: UpdateDepartmentInput): Promise<void> {
      const dept = await loadManageable(access, id);
      if (dept.abolishedOn) throw new Conflict('DEPARTMENT_ABOLISHED', '该成员单位已撤销，不能再修改');
      const { version, ...patch } = input;
      await db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        if (patch.name && patch.name !== dept.name && (await r.departmentByName(dept.orgId, patch.name))) throw nameTaken(patch.name);
        if (!(await r.updateDepartment(id, version, patch))) throw new Conflict('STALE_VERSION', '该成员单位刚被其他人修改过，请刷新后再编辑');
        const { orgPath, ...before } = dept;
        await audit(tx, access.actor, { action: 'department.update', targetType: 'department', targetId: id, orgPath, before, after: patch });
      });
    },

    /**
     * Abolishes (撤销) a department; it stays with its history. Refused while requests routed to
     * it are still open: they would have no one to answer them.
     */
    async abolish(access: Access, id: number, version: number): Promise<void> {
      const dept = await loadManageable(access, id);
      if (dept.abolishedOn) throw new Conflict('DEPARTMENT_ABOLISHED', '该成员单位已撤销');
      await db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        // Locked: a request routed here at the same moment waits, then finds it abolished.
        await r.getDepartment(id, 'update');
        const open = await r.openRequestCount(id);
        if (open > 0) throw new Conflict('DEPARTMENT_HAS_OPEN_REQUESTS', `该成员单位还有 ${open} 件诉求未办结，请办结或转交后再撤销`, { open });
        const today = todayInShanghai();
        if (!(await r.updateDepartment(id, version, { abolishedOn: today }))) throw new Conflict('STALE_VERSION', '该成员单位刚被其他人修改过，请刷新后再操作');
        await audit(tx, access.actor, { action: 'department.abolish', targetType: 'department', targetId: id, orgPath: dept.orgPath, before: { abolishedOn: null }, after: { abolishedOn: today } });
      });
    },
  };
}
