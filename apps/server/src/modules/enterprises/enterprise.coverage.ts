import { COVERAGE_MODE_LABELS, DEFAULT_RULE_SETTINGS, type CoverageMode, type OperatingStatus } from '@hongyun/shared';
import type { Tx } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit, type AuditActor } from '../../platform/audit';
import { Conflict, invalidField } from '../../platform/errors';
import { createEnterpriseRepository, type EnterpriseRepository } from './enterprise.repository';
import type { CoverageInput } from './enterprise.schemas';

// Coverage modes (policy.md, "Coverage definitions"; glossary: standalone / joint / lead-built /
// industry-linked / fallback). A mode is only ever written after it has been checked against
// the organisations and companies it names; nothing is written when a check fails.

/** Companies that have left the economy cannot be covered (they also leave the denominator). */
const UNCOVERABLE: readonly OperatingStatus[] = ['closed', 'movedOut', 'shell'];
export const isCoverable = (status: string, goneOn: string | null = null) => !UNCOVERABLE.includes(status as OperatingStatus) && goneOn === null;

/** Organisation kinds a company can build for itself (单独组建). */
const OWN_KINDS = ['committee', 'generalBranch', 'branch', 'temporaryBranch'];
/** Organisation kinds that may cover companies at all (a 工作机构 never does). */
const COVERING_KINDS = [...OWN_KINDS, 'jointBranch', 'workCommittee'];

export interface CoverageState {
  coverageMode: CoverageMode;
  coverageOrgId: number | null;
  leadEnterpriseId: number | null;
}

interface Current extends CoverageState {
  id: number;
  townOrgId: number | null;
  townPath: string | null;
  operatingStatus: string;
  goneOn: string | null;
}

export interface CoverageWarning {
  code: string;
  message: string;
}

/** The organisation a mode names: live, visible to the caller, of a kind that fits. */
async function liveOrg(r: EnterpriseRepository, access: Access, orgId: number | null | undefined) {
  if (!orgId) invalidField('orgId', '请选择覆盖该企业的党组织');
  const org = await r.getOrg(orgId);
  if (!org || !access.inScope('org.read', org.path)) invalidField('orgId', '所选党组织不存在或不在您的管理范围内');
  if (org.abolishedOn) invalidField('orgId', `${org.name}已撤销，不能用于覆盖企业，请选择现有的党组织`);
  if (!COVERING_KINDS.includes(org.kind)) invalidField('orgId', `${org.name}是工作机构，不能覆盖企业，请选择党委、党总支或党支部`);
  return org;
}

/**
 * Checks a requested mode against the data and returns the state to write, the organisation to
 * link in org_enterprise (if any) and warnings. Throws Invalid (field named) on a contradiction.
 */
export async function resolveCoverage(r: EnterpriseRepository, access: Access, e: Current, input: Omit<CoverageInput, 'version'>) {
  const warnings: CoverageWarning[] = [];
  const mode = input.mode;
  if (mode !== 'none' && !isCoverable(e.operatingStatus, e.goneOn)) {
    invalidField('mode', '该企业已注销、迁出、为空壳企业或已移出名录，只能设为"未覆盖"；如企业仍在经营，请先修改经营状态');
  }
  if (mode !== 'leadBuilt' && input.leadEnterpriseId) invalidField('leadEnterpriseId', '只有龙头领建需要选择龙头企业');
  if ((mode === 'none' || mode === 'leadBuilt') && input.orgId) invalidField('orgId', mode === 'none' ? '未覆盖的企业不关联党组织' : '龙头领建由龙头企业的党组织覆盖，无需另选党组织');

  if (mode === 'none') return { state: { coverageMode: mode, coverageOrgId: null, leadEnterpriseId: null } satisfies CoverageState, linkOrgId: null, warnings };

  if (mode === 'leadBuilt') {
    if (!input.leadEnterpriseId) invalidField('leadEnterpriseId', '请选择为本企业领建党组织的龙头企业');
    if (input.leadEnterpriseId === e.id) invalidField('leadEnterpriseId', '龙头企业不能是本企业自己');
    const lead = await r.getById(input.leadEnterpriseId);
    if (!lead || !lead.townPath || !access.inScope('enterprise.read', lead.townPath)) invalidField('leadEnterpriseId', '所选龙头企业不存在或不在您的管理范围内');
    if (lead.coverageMode !== 'standalone' || !lead.coverageOrgId) invalidField('leadEnterpriseId', `${lead.name}尚未单独组建党组织，龙头企业须先单独组建`);
    return { state: { coverageMode: mode, coverageOrgId: lead.coverageOrgId, leadEnterpriseId: lead.id } satisfies CoverageState, linkOrgId: null, warnings };
  }

  const org = await liveOrg(r, access, input.orgId);
  const linked = (await r.linkedEnterprises(org.id)).filter((x) => x.id !== e.id);
  if (mode === 'standalone') {
    if (!OWN_KINDS.includes(org.kind)) invalidField('orgId', `单独组建须选择本企业自己的党委、党总支或党支部；${org.name}是${org.kind === 'jointBranch' ? '联合党支部，请选择"联合组建"' : '党工委，请选择"兜底管理"或"行业连建"'}`);
    if (linked.length) invalidField('orgId', `${org.name}已关联${linked.slice(0, 3).map((x) => x.name).join('、')}${linked.length > 3 ? '等' : ''}企业；单独组建的党组织只覆盖本企业，多家企业共建请选择"联合组建"`);
  }
  if (mode === 'joint') {
    if (org.kind !== 'jointBranch') invalidField('orgId', `联合组建须选择联合党支部；${org.name}不是联合党支部`);
    const max = await r.countSetting('jointBranchMaxUnits', DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.value);
    if (linked.length + 1 > max) {
      warnings.push({ code: 'JOINT_BRANCH_TOO_MANY_UNITS', message: `${org.name}将覆盖 ${linked.length + 1} 家单位，超过一般不超过 ${max} 家的要求（${DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.citation}），请考虑拆分或单独组建` });
    }
  }
  if (mode === 'fallback') {
    if (!e.townPath || !(org.path === e.townPath || org.path.startsWith(e.townPath + '.'))) invalidField('orgId', `兜底管理须由企业所在镇（街道）的党组织承担；${org.name}不在本镇`);
  }
  return { state: { coverageMode: mode, coverageOrgId: org.id, leadEnterpriseId: null } satisfies CoverageState, linkOrgId: org.id, warnings };
}

/**
 * Writes a checked coverage: moves the org_enterprise link from the old covering organisation
 * to the new one, keeps a lead company's chain on its organisation, and audits before → after.
 * Throws Conflict when the company leads a chain and would stop being standalone.
 */
export async function writeCoverage(tx: Tx, actor: AuditActor, e: Current, next: CoverageState, linkOrgId: number | null, why: Record<string, unknown> = {}) {
  const r = createEnterpriseRepository(tx);
  const chain = await r.chain(e.id);
  if (chain.length && next.coverageMode !== 'standalone') {
    throw new Conflict('LEADS_A_CHAIN', `${chain.slice(0, 3).map((c) => c.name).join('、')}${chain.length > 3 ? '等' : ''} ${chain.length} 家企业由本企业龙头领建，请先调整它们的覆盖方式`, { chain });
  }
  const before: CoverageState = { coverageMode: e.coverageMode, coverageOrgId: e.coverageOrgId, leadEnterpriseId: e.leadEnterpriseId };
  // The link recorded for the old mode goes with it (a lead-built company was never linked).
  if (e.coverageOrgId && e.coverageMode !== 'leadBuilt' && e.coverageOrgId !== linkOrgId) await r.unlink(e.coverageOrgId, e.id);
  if (linkOrgId) await r.link(linkOrgId, e.id);
  await r.setCoverage([e.id], next);
  if (chain.length && next.coverageOrgId !== e.coverageOrgId) {
    await r.setCoverage(chain.map((c) => c.id), { coverageMode: 'leadBuilt', coverageOrgId: next.coverageOrgId, leadEnterpriseId: e.id });
  }
  await audit(tx, actor, { action: 'enterprise.coverage', targetType: 'enterprise', targetId: e.id, orgPath: e.townPath, before, after: next, detail: Object.keys(why).length ? why : undefined });
}

/**
 * An organisation created with linked companies covers them at once (POST /api/orgs), or linked later (PATCH): a
 * company's own committee / general branch / branch → standalone; a joint branch → joint for
 * each. Only companies not yet covered and still operating change; each change is audited.
 */
export async function coverByNewOrganisation(tx: Tx, actor: AuditActor, org: { id: number; kind: string }, enterpriseIds: number[], reason: 'org.create' | 'org.link' = 'org.create') {
  const own = ['committee', 'generalBranch', 'branch'].includes(org.kind) && enterpriseIds.length === 1;
  if (!own && org.kind !== 'jointBranch') return;
  const mode: CoverageMode = own ? 'standalone' : 'joint';
  const r = createEnterpriseRepository(tx);
  for (const e of await r.forCoverage(enterpriseIds)) {
    if (e.coverageMode !== 'none' || !isCoverable(e.operatingStatus, e.goneOn)) continue;
    const next: CoverageState = { coverageMode: mode, coverageOrgId: org.id, leadEnterpriseId: null };
    await r.setCoverage([e.id], next);
    await audit(tx, actor, {
      action: 'enterprise.coverage', targetType: 'enterprise', targetId: e.id, orgPath: e.townPath,
      before: { coverageMode: 'none', coverageOrgId: null, leadEnterpriseId: null }, after: next, detail: { reason, orgId: org.id, mode: COVERAGE_MODE_LABELS[mode].zh },
    });
  }
}

/** An abolished organisation covers nobody: its companies (and chains through it) go back to none, audited. */
export async function uncoverByAbolishedOrganisation(tx: Tx, actor: AuditActor, orgId: number) {
  await uncover(tx, actor, orgId, () => true, 'org.abolish');
}

/**
 * Companies unlinked from an organisation (PATCH /api/orgs with enterpriseIds) are no longer
 * covered by it: they, and the chains they lead through it, go back to none, audited.
 */
export async function uncoverUnlinked(tx: Tx, actor: AuditActor, orgId: number, unlinkedIds: number[]) {
  if (unlinkedIds.length === 0) return;
  const gone = new Set(unlinkedIds);
  await uncover(tx, actor, orgId, (e) => gone.has(e.id) || (e.leadEnterpriseId !== null && gone.has(e.leadEnterpriseId)), 'org.unlink');
}

async function uncover(tx: Tx, actor: AuditActor, orgId: number, which: (e: { id: number; leadEnterpriseId: number | null }) => boolean, reason: string) {
  const r = createEnterpriseRepository(tx);
  for (const e of (await r.coveredBy(orgId)).filter(which)) {
    const next: CoverageState = { coverageMode: 'none', coverageOrgId: null, leadEnterpriseId: null };
    await r.setCoverage([e.id], next);
    await audit(tx, actor, {
      action: 'enterprise.coverage', targetType: 'enterprise', targetId: e.id, orgPath: e.townPath,
      before: { coverageMode: e.coverageMode, coverageOrgId: e.coverageOrgId, leadEnterpriseId: e.leadEnterpriseId }, after: next, detail: { reason, orgId },
    });
  }
}
