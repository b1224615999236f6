import { todayInShanghai } from '@hongyun/shared';
import { fresh, m, pick, type MatrixPart, type Target } from '../../test/matrix';

const month = () => todayInShanghai().slice(0, 7);

/** A fresh branch with a requested exemption of this month's 主题党日 (asked by nobody in the matrix). */
async function exemption(target: Target) {
  const branch = await fresh.branch(target);
  const row = await m.t.db.insertInto('complianceExemption').values({ orgId: branch.id, orgPath: branch.path, kind: 'themeDay', periodKey: month(), reason: '企业搬迁，本月暂停活动' })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const complianceMatrix: MatrixPart = {
  'GET /api/compliance/orgs/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/compliance/orgs/${pick(tg, m.f.branchA.id, m.f.branchX.id)}` }) },
  // The secretary's grant is unit A: roll up under it (inside) or under the other city's unit.
  'GET /api/compliance/rollup': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/compliance/rollup?rootOrgId=${pick(tg, m.f.unitA.id, m.f.unitX.id)}` }) },
  'GET /api/compliance/orgs/:id/ledger': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/compliance/orgs/${pick(tg, m.f.branchA.id, m.f.branchX.id)}/ledger` }) },
  'GET /api/compliance/orgs/:id/ledger.xlsx': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/compliance/orgs/${pick(tg, m.f.branchA.id, m.f.branchX.id)}/ledger.xlsx` }) },
  // The list filters by scope: outside the caller's subtree it is empty, not refused.
  'GET /api/compliance/exemptions': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/compliance/exemptions?status=requested' }) },
  'POST /api/compliance/exemptions': {
    ok: 201,
    call: async (tg) => ({ method: 'POST', url: '/api/compliance/exemptions', body: { orgId: (await fresh.branch(tg)).id, kind: 'themeDay', periodKey: month(), reason: '企业搬迁，本月暂停活动' } }),
  },
  'POST /api/compliance/exemptions/:id/decide': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/compliance/exemptions/${await exemption(tg)}/decide`, body: { decision: 'approved', note: '同意' } }) },
};
