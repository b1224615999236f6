import { DEFAULT_RULE_SETTINGS } from '@hongyun/shared';
import type { Access } from '../../platform/access';
import { NotFound, invalidField } from '../../platform/errors';
import type { CoverageRepository, CoverageScope } from './coverage.repository';

export interface ResolvedScope extends CoverageScope {
  towns: { id: number; name: string; shortName: string | null; path: string }[];
  town: { id: number; name: string; path: string } | null;
  carrier: { id: number; name: string; kind: string } | null;
}

/**
 * Turns the caller's coverage.read grants and the requested town / carrier into a scope: a
 * town coordinator sees their town's cells, the city every town in its subtree. A town or
 * carrier outside the grants is "not found", exactly like one that does not exist.
 */
export async function resolveScope(repo: Pick<CoverageRepository, 'townsWithin' | 'getTown' | 'getCarrier'>, access: Access, q: { townOrgId?: number; carrierId?: number }): Promise<ResolvedScope> {
  access.require('coverage.read');
  const roots = access.paths('coverage.read');
  let town: ResolvedScope['town'] = null;
  if (q.townOrgId !== undefined) {
    const t = await repo.getTown(q.townOrgId);
    if (!t) throw new NotFound();
    access.assertInScope('coverage.read', t.path);
    if (!t.isTown) invalidField('townOrgId', '请选择一个镇（街道）查看，所选组织不是镇（街道）');
    town = { id: t.id, name: t.name, path: t.path };
  }
  const towns = town ? [] : await repo.townsWithin(roots);
  // A grant at one town is that town's view (its carriers below it), not a list of one town.
  if (!town && towns.length === 1 && roots.length === 1 && roots[0] === towns[0].path) town = { id: towns[0].id, name: towns[0].name, path: towns[0].path };
  let carrier: ResolvedScope['carrier'] = null;
  if (q.carrierId !== undefined) {
    const c = await repo.getCarrier(q.carrierId);
    if (!c) throw new NotFound();
    const carrierTown = await repo.getTown(c.townOrgId);
    access.assertInScope('coverage.read', carrierTown?.path);
    if (town && c.townOrgId !== town.id) invalidField('carrierId', '所选载体不在该镇（街道），请先切换到载体所在的镇（街道）');
    carrier = { id: c.id, name: c.name, kind: c.kind };
    if (!town && carrierTown) town = { id: carrierTown.id, name: carrierTown.name, path: carrierTown.path };
  }
  return {
    towns,
    town,
    carrier,
    townIds: town ? [town.id] : towns.map((t) => t.id),
    // Companies registered without a town belong to no subtree: only a root grant sees them.
    includeNoTown: !town && access.isGlobal('coverage.read'),
    carrierId: carrier?.id ?? null,
    orgRoots: town ? [town.path] : roots,
  };
}

/** The thresholds coverage figures and suggestions use, with the deployment's settings applied. */
export async function coverageSettings(repo: Pick<CoverageRepository, 'settings'>) {
  // Setting keys are the RuleSettings names (the enterprise trigger reads 'coverageMinStaff' too).
  const keys = { minStaff: 'coverageMinStaff', branchMinFullMembers: 'branchMinFullMembers', jointBranchMaxUnits: 'jointBranchMaxUnits' } as const;
  const values = await repo.settings(Object.values(keys));
  const num = (key: string, fallback: number) => {
    const v = Number(values.get(key));
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return {
    minStaff: num(keys.minStaff, DEFAULT_RULE_SETTINGS.coverageMinStaff.value),
    branchMinFullMembers: num(keys.branchMinFullMembers, DEFAULT_RULE_SETTINGS.branchMinFullMembers.value),
    jointBranchMaxUnits: num(keys.jointBranchMaxUnits, DEFAULT_RULE_SETTINGS.jointBranchMaxUnits.value),
  };
}

type Params = Record<string, string | number | boolean | null | undefined>;

/** An admin-app address with its query (unset values left out). */
export function link(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The enterprise list narrowed to the scope, plus `extra` filters. */
export function enterpriseLink(s: Pick<ResolvedScope, 'town' | 'carrierId'>, extra: Params = {}): string {
  return link('/enterprises', { townOrgId: s.town?.id, carrierId: s.carrierId, ...extra });
}
