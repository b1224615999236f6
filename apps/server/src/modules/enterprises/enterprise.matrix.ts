import { makeUscc } from '@hongyun/shared';
import { m, next, pick, type MatrixPart } from '../../test/matrix';

/** Access-matrix entries for the enterprise registry's routes (see access-matrix.test.ts). */
export const enterpriseMatrix: MatrixPart = {
  'GET /api/enterprises': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/enterprises' }) },
  'POST /api/enterprises': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/enterprises', body: { uscc: makeUscc(`91330483MA3${String(next()).padStart(6, '0')}`), name: '矩阵科技有限公司', townOrgId: pick(tg, m.f.townA.id, m.f.townX.id) } }),
    // A grant below the town cannot register the town's enterprises.
    override: { orgAdmin: [403, 403] },
  },
};
