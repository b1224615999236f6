import type { MatrixPart } from '../../test/matrix';

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const settingMatrix: MatrixPart = {
  // Settings belong to the deployment, not to an organisation: inside and outside are the same.
  'GET /api/settings': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/settings' }) },
  'PUT /api/settings/:key': { ok: 200, unscoped: true, call: async () => ({ method: 'PUT', url: '/api/settings/orgLife.appealDays', body: { value: 7 } }) },
  'DELETE /api/settings/:key': { ok: 200, unscoped: true, call: async () => ({ method: 'DELETE', url: '/api/settings/orgLife.appealDays' }) },
};
