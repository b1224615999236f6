import { validateUscc } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createEnterpriseRepository } from './enterprise.repository';

export function createEnterpriseService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createEnterpriseRepository(db);
  return {
    /** Enterprises visible to the caller, paginated. */
    list(access: Access, query: { q?: string; townOrgId?: number; page: number; pageSize: number }) {
      return repo.list({ townScope: access.filter('enterprise.read', 't.path'), orgScope: access.filter('enterprise.read', 'o.path'), ...query });
    },

    /** Registers an enterprise in a town in scope; the USCC must pass its checksum and be new. */
    async create(access: Access, input: { uscc: string; name: string; townOrgId: number }): Promise<number> {
      const checked = validateUscc(input.uscc);
      if (!checked.ok) invalidField('uscc', checked.message);
      const town = await db.selectFrom('org').select(['id', 'path', 'isTown']).where('id', '=', input.townOrgId).executeTakeFirst();
      if (!town) throw new NotFound();
      access.assertInScope('enterprise.write', town.path);
      if (!town.isTown) invalidField('townOrgId', '请选择企业所在的镇（街道）');
      return db.transaction().execute(async (tx) => {
        const r = createEnterpriseRepository(tx);
        const dup = await r.getByUscc(checked.value);
        if (dup) throw new Conflict('USCC_TAKEN', '该统一社会信用代码已登记，请在企业名录中查找', { issues: [{ path: 'uscc', message: '该代码已登记' }] });
        const { id } = await r.create({ uscc: checked.value, name: input.name, townOrgId: town.id });
        await audit(tx, access.actor, { action: 'enterprise.create', targetType: 'enterprise', targetId: id, orgPath: town.path, after: { uscc: checked.value, name: input.name, townOrgId: town.id } });
        return id;
      });
    },
  };
}
