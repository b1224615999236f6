import ExcelJS from 'exceljs';
import { makeUscc } from '@hongyun/shared';
import { m, multipart, next, pick, type MatrixPart, type Target } from '../../test/matrix';

const uscc = () => makeUscc(`91330483MA3${String(next()).padStart(6, '0')}`);

/** A fresh company in town A (linked to branch A, so the unit's org admin sees it) or town X. */
async function enterprise(target: Target) {
  const { id } = await m.t.db.insertInto('enterprise').values({ uscc: uscc(), name: `矩阵企业${next()}`, townOrgId: pick(target, m.f.townA.id, m.f.townX.id) }).returning('id').executeTakeFirstOrThrow();
  await m.t.db.insertInto('orgEnterprise').values({ orgId: pick(target, m.f.branchA.id, m.f.branchX.id), enterpriseId: id }).execute();
  return id;
}

async function carrier(target: Target) {
  const { id } = await m.t.db.insertInto('carrier').values({ kind: 'industrialPark', name: `矩阵园区${next()}`, townOrgId: pick(target, m.f.townA.id, m.f.townX.id) }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A registry sheet with one new company (checked only: mode=check writes nothing). */
async function sheet() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.addRow(['统一社会信用代码', '单位名称', '从业人数']);
  ws.addRow([uscc(), `导入矩阵企业${next()}`, 12]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Access-matrix entries for the enterprise registry's routes (see access-matrix.test.ts).
 * Writes need enterprise.write over the company's town: the org admin's grant (a unit inside
 * the town) holds none, so it gets 403 everywhere, like the roles without the permission.
 */
export const enterpriseMatrix: MatrixPart = {
  'GET /api/enterprise-kinds': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/enterprise-kinds' }) },
  'POST /api/enterprise-kinds': {
    ok: 201, unscoped: true,
    call: async () => { const n = next(); return { method: 'POST', url: '/api/enterprise-kinds', body: { code: `matrixKind${n}`, name: `矩阵类别${n}` } }; },
  },
  'GET /api/carriers': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/carriers' }) },
  'POST /api/carriers': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/carriers', body: { kind: 'commercialBuilding', name: `矩阵大厦${next()}`, townOrgId: pick(tg, m.f.townA.id, m.f.townX.id) } }),
  },
  'PATCH /api/carriers/:id': { ok: 200, call: async (tg) => ({ method: 'PATCH', url: `/api/carriers/${await carrier(tg)}`, body: { address: '园区路1号' } }) },
  'GET /api/enterprises': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/enterprises?organised=false&inDenominator=true' }) },
  'POST /api/enterprises': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/enterprises', body: { uscc: uscc(), name: '矩阵科技有限公司', townOrgId: pick(tg, m.f.townA.id, m.f.townX.id) } }),
  },
  'GET /api/enterprises/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/enterprises/${await enterprise(tg)}` }) },
  'PATCH /api/enterprises/:id': { ok: 200, call: async (tg) => ({ method: 'PATCH', url: `/api/enterprises/${await enterprise(tg)}`, body: { version: 1, staffCount: 25 } }) },
  'PUT /api/enterprises/:id/coverage': { ok: 200, call: async (tg) => ({ method: 'PUT', url: `/api/enterprises/${await enterprise(tg)}/coverage`, body: { version: 1, mode: 'none' } }) },
  'GET /api/enterprises/import/template': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/enterprises/import/template' }) },
  'POST /api/enterprises/import': {
    ok: 200,
    call: async (tg) => ({ method: 'POST', url: '/api/enterprises/import', raw: multipart({ townOrgId: String(pick(tg, m.f.townA.id, m.f.townX.id)), mode: 'check' }, { name: '名录.xlsx', content: await sheet() }) }),
  },
  'POST /api/enterprises/reconcile': {
    ok: 200,
    call: async (tg) => ({ method: 'POST', url: '/api/enterprises/reconcile', raw: multipart({ townOrgId: String(pick(tg, m.f.townA.id, m.f.townX.id)) }, { name: '登记名录.xlsx', content: await sheet() }) }),
  },
  'GET /api/enterprises/export': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/enterprises/export' }) },
};
