// The demo accounts, for printing on later starts (the demo seed returns the same list).

import { ROLE_LABELS, type Role } from '@hongyun/shared';
import { DEMO_ACCOUNT_BRANCH, DEMO_TOWNS, ROOT, type OrgSpec } from './demo-data';
import { TONGXIANG_TOWNS, townOrgName } from './places';
import type { Login } from './write';

function townName(code: string): string {
  const town = TONGXIANG_TOWNS.find((t) => t.code === code);
  if (!town) throw new Error(`no town ${code}`);
  return townOrgName(town);
}

function orgName(fullCode: string): string {
  const find = (specs: OrgSpec[], prefix: string): string | undefined => {
    for (const s of specs) {
      if (`${prefix}-${s.code}` === fullCode) return s.name;
      const inner = find(s.children ?? [], prefix);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const t of DEMO_TOWNS) {
    const name = find(t.orgs, t.code);
    if (name) return name;
  }
  throw new Error(`no demo organisation ${fullCode}`);
}

const login = (username: string, role: Role, org: string): Login => ({ username, role: ROLE_LABELS[role].zh, org });

/** The enterprise-service demo's accounts (seed/demo-service.ts): a 市经信委 user and a 乌镇 cadre. */
export const SERVICE_DEMO_LOGINS: Login[] = [
  login('dept', 'department', `${ROOT.name} · 市经信委`),
  login('cadre', 'cadre', townName('TX-WZ')),
];

/** username, role label and organisation of the demo accounts (password `hongyun-demo`). */
export const DEMO_LOGINS: Login[] = [
  login('admin', 'sysadmin', ROOT.name),
  login('city', 'cityAdmin', ROOT.name),
  login('wuzhen', 'townCoordinator', townName('TX-WZ')),
  login('puyuan', 'townCoordinator', townName('TX-PY')),
  login('secretary', 'orgAdmin', orgName(DEMO_ACCOUNT_BRANCH)),
  login('member', 'member', orgName(DEMO_ACCOUNT_BRANCH)),
  ...SERVICE_DEMO_LOGINS,
];
