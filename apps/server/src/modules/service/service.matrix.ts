import { makeUscc } from '@hongyun/shared';
import { m, next, pick, type MatrixPart, type Target } from '../../test/matrix';

// Inside targets are companies of town A, paired with the matrix's cadre and with requests
// routed to department A (the department user's); outside ones live in the other city with
// department X. Every call builds fresh rows so each role meets the same state.

async function company(target: Target, paired = true) {
  const n = next();
  const e = await m.t.db.insertInto('enterprise')
    .values({ uscc: makeUscc(`91330483MA4${String(n).padStart(6, '0')}`), name: `矩阵服务企业${n}`, townOrgId: pick(target, m.f.townA.id, m.f.townX.id) })
    .returning('id').executeTakeFirstOrThrow();
  if (paired) await pair(e.id);
  return e.id;
}

async function pair(enterpriseId: number) {
  return (await m.t.db.insertInto('cadreAssignment').values({ userId: m.f.users.cadre, enterpriseId, assignedOn: '2026-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
}

async function request(target: Target, fields: { status?: string; raisedBy?: number } = {}) {
  const enterpriseId = await company(target);
  const r = await m.t.db.insertInto('enterpriseRequest').values({
    enterpriseId, visitId: null, raisedBy: fields.raisedBy ?? null, raisedVia: 'liaison', category: 'staffing', title: '招工难', detail: null,
    departmentId: pick(target, m.f.departmentA.id, m.f.departmentX.id), dueOn: '2026-12-31', status: fields.status ?? 'new',
  }).returning('id').executeTakeFirstOrThrow();
  return { id: r.id, enterpriseId };
}

async function department(target: Target) {
  return (await m.t.db.insertInto('department').values({ orgId: pick(target, m.f.city.id, m.f.otherCity.id), name: `矩阵成员单位${next()}` }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const serviceMatrix: MatrixPart = {
  'GET /api/departments': {
    ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/departments' }),
    // Declared 'authenticated' because either service.read or department.manage opens it; the service refuses the rest.
    override: { orgAdmin: [403, 403], member: [403, 403] },
  },
  'POST /api/departments': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/departments', body: { orgId: pick(tg, m.f.city.id, m.f.otherCity.id), name: `新成员单位${next()}`, duties: '指导企业党建' } }) },
  'PATCH /api/departments/:id': { ok: 200, call: async (tg) => ({ method: 'PATCH', url: `/api/departments/${await department(tg)}`, body: { version: 1, duties: '统筹协调' } }) },
  'POST /api/departments/:id/abolish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/departments/${await department(tg)}/abolish`, body: { version: 1 } }) },
  'GET /api/cadres': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/cadres' }) },
  'GET /api/cadre-assignments': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/cadre-assignments' }) },
  'POST /api/cadre-assignments': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/cadre-assignments', body: { userId: m.f.users.cadre, enterpriseIds: [await company(tg, false)] } }),
  },
  'POST /api/cadre-assignments/:id/end': {
    ok: 200,
    call: async (tg) => ({ method: 'POST', url: `/api/cadre-assignments/${await pair(await company(tg, false))}/end`, body: {} }),
  },
  'GET /api/visits': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/visits' }) },
  'POST /api/visits': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/visits', body: { enterpriseId: await company(tg), visitedOn: '2026-01-05', peopleMet: '王总（总经理）', topics: '用工需求' } }),
  },
  'GET /api/requests': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/requests?overdue=true' }) },
  'GET /api/requests/counts': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/requests/counts' }) },
  'GET /api/requests/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/requests/${(await request(tg)).id}` }) },
  'POST /api/requests': {
    ok: 201,
    call: async (tg) => ({
      method: 'POST', url: '/api/requests',
      body: { enterpriseId: await company(tg), raisedVia: 'liaison', category: 'staffing', title: '招聘技术人员', departmentId: pick(tg, m.f.departmentA.id, m.f.departmentX.id) },
    }),
  },
  'POST /api/requests/:id/status': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/requests/${(await request(tg)).id}/status`, body: { version: 1, status: 'accepted' } }) },
  'POST /api/requests/:id/satisfaction': {
    ok: 200,
    // Raised by the cadre, so the cadre may rate it as its raiser; towns and the city by their grant.
    call: async (tg) => ({ method: 'POST', url: `/api/requests/${(await request(tg, { status: 'resolved', raisedBy: m.f.users.cadre })).id}/satisfaction`, body: { version: 1, satisfaction: 5 } }),
  },
  'GET /api/enterprises/:id/service': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/enterprises/${(await request(tg)).enterpriseId}/service` }) },
};
