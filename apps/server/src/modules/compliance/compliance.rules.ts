import { HeldTally, resolveMeetingRules, todayInShanghai, type ComplianceOrg, type MeetingRules, type OrgKind } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { settingValue } from '../../platform/settings';
import type { OrgFacts } from './compliance.repository';

// The small pieces every compliance use-case shares: the year, the deployment's rules, and
// turning database rows into the inputs of the pure rules in @hongyun/shared.

export const currentYear = (today = todayInShanghai()) => Number(today.slice(0, 4));

/** The deployment's meeting rules: defaults with the `meetingRules` setting laid over them. */
export async function loadMeetingRules(db: Queryable): Promise<MeetingRules> {
  return resolveMeetingRules(await settingValue<unknown>(db, 'meetingRules', null));
}

export function complianceOrgOf(o: { kind: string; foundedOn: string | null; abolishedOn: string | null }, facts: OrgFacts | undefined): ComplianceOrg {
  return {
    // org.kind is held to ORG_KINDS by a check constraint.
    kind: o.kind as OrgKind, foundedOn: o.foundedOn, abolishedOn: o.abolishedOn, hasCommittee: facts?.hasCommittee ?? false,
    partyGroups: (facts?.groupIds ?? []).map((id, i) => ({ id, name: facts?.groupNames[i] ?? '' })),
  };
}

/** Held meetings per organisation from the grouped months of the rollup query. */
export function talliesOf(year: number, rows: { orgId: number; kind: string; partyGroupId: number | null; months: number[] }[]): Map<number, HeldTally> {
  const tallies = new Map<number, HeldTally>();
  for (const r of rows) {
    let t = tallies.get(r.orgId);
    if (!t) tallies.set(r.orgId, (t = new HeldTally()));
    t.addMonths(r.kind, r.partyGroupId, year, r.months);
  }
  return tallies;
}

