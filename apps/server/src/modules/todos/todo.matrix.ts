import type { MatrixPart } from '../../test/matrix';

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const todoMatrix: MatrixPart = {
  // Everyone signed in has a to-do list of their own; there is nothing outside to reach.
  'GET /api/me/todos': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/todos' }) },
};
