import { makeUscc } from '@hongyun/shared';
import { m, next, pick, type MatrixPart, type Target } from '../../test/matrix';

/** A fresh company in town A (inside) or town X (outside) with an open survey task. */
async function openTask(target: Target) {
  const townOrgId = pick(target, m.f.townA.id, m.f.townX.id);
  const e = await m.t.db.insertInto('enterprise').values({ uscc: makeUscc(`91330483MA5${String(next()).padStart(6, '0')}`), name: `摸排矩阵企业${next()}`, townOrgId, staffCount: 20 }).returning('id').executeTakeFirstOrThrow();
  const s = await m.t.db.insertInto('surveyTask').values({ enterpriseId: e.id, townOrgId, dueOn: '2030-01-01', createdBy: null }).returning('id').executeTakeFirstOrThrow();
  return { enterpriseId: e.id, taskId: s.id };
}

const completion = { membersFound: 2, fullMembersFound: 1, staffCount: 30, investorPartyStatus: 'notMember', managerPartyStatus: 'member', willingness: 'willing', recommendedMode: 'joint', instructorProposed: '王指导', version: 1 };

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const surveyMatrix: MatrixPart = {
  // The list filters by scope: outside the caller's subtree it is empty, not refused.
  'GET /api/surveys': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/surveys' }) },
  'GET /api/surveys/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/surveys/${(await openTask(tg)).taskId}` }) },
  'POST /api/surveys/:id/complete': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/surveys/${(await openTask(tg)).taskId}/complete`, body: completion }) },
  'POST /api/surveys/:id/cancel': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/surveys/${(await openTask(tg)).taskId}/cancel`, body: { reason: '企业未实际落户' } }) },
  'GET /api/enterprises/:id/surveys': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/enterprises/${(await openTask(tg)).enterpriseId}/surveys` }) },
};
