import { m, pick, type MatrixPart } from '../../test/matrix';

// Every coverage view takes a town: inside is the callers' town A, outside the other city's
// town X (404 like a town that does not exist). Only roles holding coverage.read get past 403.
const town = (tg: 'in' | 'out') => pick(tg, m.f.townA.id, m.f.townX.id);

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const coverageMatrix: MatrixPart = {
  'GET /api/coverage/rates': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/coverage/rates?groupBy=carrier&townOrgId=${town(tg)}` }) },
  'GET /api/coverage/trend': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/coverage/trend?townOrgId=${town(tg)}` }) },
  'GET /api/coverage/suggestions': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/coverage/suggestions?kind=buildOwn&townOrgId=${town(tg)}` }) },
  'GET /api/dashboard': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/dashboard?townOrgId=${town(tg)}` }) },
};
