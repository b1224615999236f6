import {
  addMonths, computeCompliance, daysBetween, DEFAULT_RULE_SETTINGS, emptySummary, HeldTally, isBranchLike, REQUIRED_MEETING_KINDS,
  summarizeCompliance, todayInShanghai, type ComplianceSummary, type OrgKind, type RequiredMeetingKind,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { Forbidden, NotFound } from '../../platform/errors';
import { settingNumber } from '../../platform/settings';
import { createAnswerCache } from './compliance.cache';
import { createComplianceRepository } from './compliance.repository';
import { complianceOrgOf, currentYear, loadMeetingRules, talliesOf } from './compliance.rules';
import { Rollup, type OrgComplianceT, type RollupInput, type RollupRowT, type RollupT } from './compliance.schemas';
import { exemptionView } from './compliance-exemption.service';

function addSummary(into: ComplianceSummary, s: ComplianceSummary) {
  into.required += s.required;
  into.met += s.met;
  into.due += s.due;
  into.missed += s.missed;
  into.exempt += s.exempt;
  into.upcoming += s.upcoming;
}

interface Acc {
  branches: number;
  orgsWithMissed: number;
  summary: ComplianceSummary;
  byKind: Record<RequiredMeetingKind, ComplianceSummary>;
}
const emptyAcc = (): Acc => ({ branches: 0, orgsWithMissed: 0, summary: emptySummary(), byKind: Object.fromEntries(REQUIRED_MEETING_KINDS.map((k) => [k, emptySummary()])) as Acc['byKind'] });

function accumulate(acc: Acc, result: ReturnType<typeof summarizeCompliance>) {
  acc.branches += 1;
  if (result.summary.missed > 0) acc.orgsWithMissed += 1;
  addSummary(acc.summary, result.summary);
  for (const k of REQUIRED_MEETING_KINDS) addSummary(acc.byKind[k], result.byKind[k]);
}

const rowOf = (org: { id: number; name: string; kind: string }, acc: Acc): RollupRowT => ({
  orgId: org.id, orgName: org.name, orgKind: org.kind as OrgKind, isBranchLike: isBranchLike(org.kind as OrgKind), branches: acc.branches, orgsWithMissed: acc.orgsWithMissed,
  summary: acc.summary, byKind: REQUIRED_MEETING_KINDS.map((kind) => ({ kind, ...acc.byKind[kind] })),
});

const byName = new Intl.Collator('zh-CN');

/** The organisation of the caller's widest compliance.read grant (a path's last label is its id). */
function widestRoot(access: Access): number {
  const widest = access.paths('compliance.read')[0];
  if (!widest) throw new Forbidden();
  return Number(widest.split('.').at(-1));
}

/** Rollups per (root, year) are shared by concurrent viewers for this long; each shows its asOf. */
const ROLLUP_CACHE_MS = 5_000;

export function createComplianceService(deps: { db: Database }, options: { rollupCacheMs?: number } = {}) {
  const { db } = deps;
  const repo = createComplianceRepository(db);
  const rollups = createAnswerCache<RollupT>(options.rollupCacheMs ?? ROLLUP_CACHE_MS);
  // The rollup's root row (path for the scope check), shared as briefly: a cached answer then costs no query.
  const roots = createAnswerCache<Awaited<ReturnType<typeof repo.org>>>(options.rollupCacheMs ?? ROLLUP_CACHE_MS);

  async function readableOrg(access: Access, orgId: number) {
    const org = await repo.org(orgId);
    if (!org) throw new NotFound();
    access.assertInScope('compliance.read', org.path);
    return org;
  }

  return {
    /**
     * One organisation's grid for a year: each required kind × period with what was held, the
     * meetings behind each cell, deadlines, exemptions and the 换届 due date. NotFound outside
     * the caller's compliance.read scope.
     */
    async orgCompliance(access: Access, orgId: number, year?: number): Promise<OrgComplianceT> {
      const org = await readableOrg(access, orgId);
      const today = todayInShanghai();
      const y = year ?? currentYear(today);
      const [facts, meetings, exemptions, term, rules, reminderMonths] = await Promise.all([
        repo.branchFacts({ rootPath: org.path, year: y, orgIds: [org.id] }),
        repo.meetingsOfYear(org.id, y),
        repo.exemptionsOf(org.id, y),
        repo.currentTerm(org.id),
        loadMeetingRules(db),
        settingNumber(db, 'termReminderMonths', DEFAULT_RULE_SETTINGS.termReminderMonths.value),
      ]);
      const cOrg = complianceOrgOf(org, facts[0]);
      const approved = exemptions.filter((e) => e.status === 'approved');
      const result = computeCompliance({ org: cOrg, year: y, today, rules, held: new HeldTally().addMeetings(meetings), exemptions: approved });
      const dayOf = (d: Date) => todayInShanghai(d);
      return {
        org: { id: org.id, name: org.name, kind: cOrg.kind, foundedOn: org.foundedOn, abolishedOn: org.abolishedOn, isBranchLike: isBranchLike(cOrg.kind), hasCommittee: cOrg.hasCommittee, partyGroups: [...cOrg.partyGroups] },
        year: y,
        today,
        rows: result.rows.map((row) => ({
          ...row,
          cells: row.cells.map((cell) => {
            const live = exemptions.find((e) => e.kind === row.kind && e.periodKey === cell.periodKey && e.status !== 'rejected');
            return {
              ...cell,
              meetings: meetings
                .filter((m) => m.kind === row.kind && (row.partyGroupId === null || m.partyGroupId === row.partyGroupId) && dayOf(m.startsAt) >= cell.start && dayOf(m.startsAt) <= cell.end)
                .map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt.toISOString(), held: m.minutesConfirmed })),
              exemption: live ? { id: live.id, status: live.status as 'requested' | 'approved' } : null,
            };
          }),
        })),
        summary: result.summary,
        deadlines: result.deadlines,
        exemptions: exemptions.map((e) => exemptionView(access, e)),
        reelection: term ? {
          termStart: term.termStart,
          termDue: term.termDue,
          overdue: term.termDue !== null && term.termDue < today,
          dueSoon: term.termDue !== null && term.termDue >= today && today >= addMonths(term.termDue, -reminderMonths),
          daysLeft: term.termDue === null ? null : daysBetween(today, term.termDue),
          reminderMonths,
        } : null,
        abilities: { requestExemption: isBranchLike(cOrg.kind) && access.inScope('meeting.write', org.path) },
        asOf: new Date().toISOString(),
      };
    },

    /**
     * Town and city rollup: the root and each direct child holding branch-level organisations,
     * with required / met / missed / due / exempt cells by kind. Set-based: one query for the
     * organisations, one for the held meetings grouped by organisation, kind and group, one for
     * exemptions; the rules run in memory. Rows are ordered by name, never by score.
     */
    async rollup(access: Access, q: Partial<RollupInput>): Promise<RollupT> {
      return JSON.parse(await this.rollupJson(access, q)) as RollupT;
    },

    /**
     * One page of the rollup as JSON text. The whole answer is checked against the Rollup
     * schema once when computed and shared by viewers for a few seconds; each request only
     * slices its page, without another schema walk (a town's rollup has a row per branch).
     */
    async rollupJson(access: Access, q: Partial<RollupInput>): Promise<string> {
      const rootId = q.rootOrgId ?? widestRoot(access);
      const root = await roots(String(rootId), () => repo.org(rootId));
      if (!root) throw new NotFound();
      access.assertInScope('compliance.read', root.path);
      const today = todayInShanghai();
      const year = q.year ?? currentYear(today);
      // The answer depends only on the root, the year and the day, never on who asks (scope was checked above).
      const view = await rollups(`${root.id}|${year}|${today}`, async () => Rollup.parse(await computeRollup(root, year, today)));
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const rows = q.missedOnly === 'true' ? view.rows.filter((r) => r.orgsWithMissed > 0) : view.rows;
      return JSON.stringify({ ...view, rows: rows.slice((page - 1) * pageSize, page * pageSize), totalRows: rows.length, page, pageSize });
    },
  };

  /** The rollup itself: three set-based queries, then the rules in memory. */
  async function computeRollup(root: { id: number; name: string; kind: string; parentId: number | null; path: string }, year: number, today: string): Promise<RollupT> {
    const [facts, held, exemptions, children, rules] = await Promise.all([
      repo.branchFacts({ rootPath: root.path, year }),
      repo.heldMonths({ rootPath: root.path, year }),
      repo.approvedExemptions({ rootPath: root.path, year }),
      repo.children(root.id, year),
      loadMeetingRules(db),
    ]);
    const tallies = talliesOf(year, held);
    const exemptionsOf = new Map<number, { kind: string; periodKey: string }[]>();
    for (const e of exemptions) exemptionsOf.set(e.orgId, [...(exemptionsOf.get(e.orgId) ?? []), e]);
    const total = emptyAcc();
    const perChild = new Map<number, Acc>();
    const none = new HeldTally();
    for (const f of facts) {
      const result = summarizeCompliance({ org: complianceOrgOf(f, f), year, today, rules, held: tallies.get(f.id) ?? none, exemptions: exemptionsOf.get(f.id) ?? [] });
      accumulate(total, result);
      if (f.childId !== null) {
        let acc = perChild.get(f.childId);
        if (!acc) perChild.set(f.childId, (acc = emptyAcc()));
        accumulate(acc, result);
      }
    }
    const rows = children.filter((c) => perChild.has(c.id)).sort((a, b) => byName.compare(a.name, b.name)).map((c) => rowOf(c, perChild.get(c.id)!));
    return {
      root: { id: root.id, name: root.name, kind: root.kind as OrgKind, parentId: root.parentId },
      year,
      today,
      rules: REQUIRED_MEETING_KINDS.map((kind) => ({ kind, period: rules[kind].value.period, times: rules[kind].value.times, citation: rules[kind].citation })),
      total: rowOf(root, total),
      rows,
      totalRows: rows.length,
      page: 1,
      pageSize: rows.length,
      asOf: new Date().toISOString(),
    };
  }
}
