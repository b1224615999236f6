import { sql, type SqlBool } from 'kysely';
import {
  computeCompliance, existedThroughout, HeldTally, isBranchLike, isPeriodKey, MEETING_KIND_LABELS, periodOfKey, todayInShanghai,
  type ExemptionStatus, type PeriodKind, type RequiredMeetingKind,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { createComplianceRepository } from './compliance.repository';
import type { DecideExemptionInput, ExemptionListInput, ExemptionViewT, RequestExemptionInput } from './compliance.schemas';
import { complianceOrgOf, currentYear, loadMeetingRules } from './compliance.rules';

const PERIOD_WORDS: Record<PeriodKind, string> = { month: '按月计算，期间应写作 2026-11', quarter: '按季度计算，期间应写作 2026-Q4', year: '按年度计算，期间应写作 2026' };

/** The period kind a key is written in ('2026-11', '2026-Q4', '2026'). */
export function periodKindOfKey(key: string): PeriodKind {
  return key.length === 4 ? 'year' : key.includes('Q') ? 'quarter' : 'month';
}

/** "One level up": compliance.exempt held strictly above the organisation; nobody decides their own. */
export function canDecideExemption(access: Access, e: { orgPath: string; status: string; requestedBy: number | null }): boolean {
  return e.status === 'requested' && e.requestedBy !== access.actor.userId && access.paths('compliance.exempt').some((root) => e.orgPath.startsWith(root + '.'));
}

export function exemptionView(access: Access, e: {
  id: number; orgId: number; orgName: string; orgPath: string; kind: string; periodKey: string; reason: string; status: string; requestedBy: number | null;
  requestedByName: string | null; requestedAt: Date; decidedByName: string | null; decidedAt: Date | null; decisionNote: string | null;
}): ExemptionViewT {
  return {
    id: e.id, orgId: e.orgId, orgName: e.orgName, kind: e.kind as RequiredMeetingKind, periodKey: e.periodKey, periodLabel: periodOfKey(e.periodKey, periodKindOfKey(e.periodKey)).label,
    reason: e.reason, status: e.status as ExemptionStatus, requestedByName: e.requestedByName, requestedAt: e.requestedAt.toISOString(),
    decidedByName: e.decidedByName, decidedAt: e.decidedAt?.toISOString() ?? null, decisionNote: e.decisionNote, canDecide: canDecideExemption(access, e),
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export function createExemptionService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createComplianceRepository(db);

  function duplicate(status: string): never {
    throw new Conflict('EXEMPTION_EXISTS', status === 'approved' ? '该期间已获准豁免，无需重复申请' : '该期间的豁免申请已提交，正在等待上级党组织审批');
  }

  return {
    /**
     * A branch asks to be excused from one required meeting of one period (e.g. the
     * committee was being re-elected). Invalid when the rule does not apply, the period is not
     * one of the rule's, the organisation did not exist for it, or it is already met;
     * Conflict when a live request exists.
     */
    async request(access: Access, input: RequestExemptionInput): Promise<number> {
      const org = await repo.org(input.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('meeting.write', org.path);
      if (!isBranchLike(org.kind as 'branch')) invalidField('orgId', '豁免针对党支部的三会一课，请选择一个党支部（含联合党支部、临时党支部）');
      const kind = input.kind as RequiredMeetingKind;
      const rules = await loadMeetingRules(db);
      const rule = rules[kind];
      const label = MEETING_KIND_LABELS[kind].zh;
      if (!isPeriodKey(input.periodKey, rule.value.period)) invalidField('periodKey', `${label}${PERIOD_WORDS[rule.value.period]}`);
      const period = periodOfKey(input.periodKey, rule.value.period);
      const year = Number(input.periodKey.slice(0, 4));
      const thisYear = currentYear();
      if (year < thisYear - 1 || year > thisYear + 1) invalidField('periodKey', '只能为上一年度至下一年度的期间申请豁免');
      if (!existedThroughout(org, period)) invalidField('periodKey', `${period.label}本组织尚未成立或已撤销，该期间不要求召开${label}，无需申请豁免`);
      const [facts, meetings] = await Promise.all([repo.branchFacts({ rootPath: org.path, year, orgIds: [org.id] }), repo.meetingsOfYear(org.id, year)]);
      const grid = computeCompliance({ org: complianceOrgOf(org, facts[0]), year, today: todayInShanghai(), rules, held: new HeldTally().addMeetings(meetings), exemptions: [] });
      const rows = grid.rows.filter((r) => r.kind === kind);
      if (!rows[0].applies) invalidField('kind', rows[0].notApplicableReason ?? `本组织不要求召开${label}`);
      if (rows.every((r) => r.cells.find((c) => c.periodKey === input.periodKey)?.status === 'met')) invalidField('periodKey', `${period.label}${label}已按要求召开，无需申请豁免`);
      const live = await repo.liveExemption(org.id, kind, input.periodKey);
      if (live) duplicate(live.status);
      try {
        return await db.transaction().execute(async (tx) => {
          const { id } = await createComplianceRepository(tx).insertExemption({ orgId: org.id, orgPath: org.path, kind, periodKey: input.periodKey, reason: input.reason, requestedBy: access.actor.userId });
          await audit(tx, access.actor, { action: 'complianceExemption.request', targetType: 'complianceExemption', targetId: id, orgPath: org.path, after: { kind, periodKey: input.periodKey, reason: input.reason } });
          return id;
        });
      } catch (e) {
        // Two requests at the same moment: the partial unique index lets one through.
        if (isUniqueViolation(e)) duplicate('requested');
        throw e;
      }
    },

    /**
     * Approves or rejects a request. Only a holder of compliance.exempt strictly above the
     * organisation, who did not ask for it; a rejection needs a reason.
     */
    async decide(access: Access, id: number, input: DecideExemptionInput): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const r = createComplianceRepository(tx);
        const e = await r.lockExemption(id);
        if (!e || !access.inScope('compliance.exempt', e.orgPath)) throw new NotFound();
        if (e.status !== 'requested') throw new Conflict('EXEMPTION_DECIDED', '该申请已经处理过了，请刷新后查看');
        if (!canDecideExemption(access, e)) throw new Forbidden('OWN_EXEMPTION', '不能审批本组织或本人提交的豁免申请，请由上级党组织审批');
        const note = input.note?.trim() || null;
        if (input.decision === 'rejected' && !note) invalidField('note', '不同意时请填写理由，便于支部了解原因');
        await r.decideExemption(id, { status: input.decision, decidedBy: access.actor.userId, decisionNote: note });
        await audit(tx, access.actor, {
          action: input.decision === 'approved' ? 'complianceExemption.approve' : 'complianceExemption.reject', targetType: 'complianceExemption', targetId: id, orgPath: e.orgPath,
          before: { status: e.status }, after: { status: input.decision, note },
        });
      });
    },

    /** Requests the caller may see (as requester, reader or approver); waiting ones first. */
    async list(access: Access, q: ExemptionListInput) {
      const scope = sql<SqlBool>`(${access.filter('compliance.read', 'e.org_path')} or ${access.filter('compliance.exempt', 'e.org_path')} or ${access.filter('meeting.write', 'e.org_path')})`;
      const page = await repo.listExemptions({ scope, status: q.status, orgId: q.orgId, page: q.page, pageSize: q.pageSize });
      return { items: page.items.map((e) => exemptionView(access, e)), total: page.total, page: q.page, pageSize: q.pageSize };
    },
  };
}
