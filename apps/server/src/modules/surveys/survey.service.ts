import { addDays, daysBetween, DEFAULT_RULE_SETTINGS, todayInShanghai, type CoverageMode, type OperatingStatus, type PartyStatus, type SurveyStatus, type SurveyWillingness } from '@hongyun/shared';
import type { Database, Queryable, Tx } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit, type AuditActor } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createSurveyRepository } from './survey.repository';
import type { CancelSurveyInput, CompleteSurveyInput, SurveyListInput, SurveyViewT } from './survey.schemas';

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof createSurveyRepository>['getById']>>>;

/** The survey window (三同步): the deployment's setting, else the platform default. */
async function surveyDueDays(db: Queryable): Promise<number> {
  return (await createSurveyRepository(db).dueDaysSetting()) ?? DEFAULT_RULE_SETTINGS.surveyDueDays.value;
}

/**
 * 三同步: registering a newly settled company opens a survey task (排查摸底) for its town, due
 * after the survey window (setting). Called by the enterprise registry in the same transaction
 * as the registration. Returns the task's id; when the company already has an open task
 * (one per company, a unique index) nothing is written and that task's id is returned.
 */
export async function openSurveyTask(tx: Tx, input: { enterpriseId: number; townOrgId: number; createdBy: number | null; today: string }): Promise<number> {
  const repo = createSurveyRepository(tx);
  const dueOn = addDays(input.today, await surveyDueDays(tx));
  const inserted = await repo.insertOpen({ enterpriseId: input.enterpriseId, townOrgId: input.townOrgId, dueOn, createdBy: input.createdBy });
  if (!inserted) {
    const existing = await repo.getOpenByEnterprise(input.enterpriseId);
    if (!existing) throw new Error(`survey task for enterprise ${input.enterpriseId} neither inserted nor found`);
    return existing.id;
  }
  const town = await tx.selectFrom('org').select('path').where('id', '=', input.townOrgId).executeTakeFirstOrThrow();
  const user = input.createdBy === null ? undefined : await repo.userName(input.createdBy);
  const actor: AuditActor | null = input.createdBy === null ? null : { userId: input.createdBy, displayName: user?.displayName ?? '', ip: '' };
  await audit(tx, actor, { action: 'survey.open', targetType: 'surveyTask', targetId: inserted.id, orgPath: town.path, after: { enterpriseId: input.enterpriseId, townOrgId: input.townOrgId, dueOn } });
  return inserted.id;
}

/** A row as the API shows it: days left and the overdue flag judged against `today`. */
function view(r: Row, today: string): SurveyViewT {
  const open = r.status === 'open';
  const daysLeft = open ? daysBetween(today, r.dueOn) : null;
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    uscc: r.uscc,
    operatingStatus: r.operatingStatus as OperatingStatus,
    companyStaffCount: r.companyStaffCount,
    townOrgId: r.townOrgId,
    townName: r.townName,
    dueOn: r.dueOn,
    status: r.status as SurveyStatus,
    daysLeft,
    overdue: daysLeft !== null && daysLeft < 0,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    membersFound: r.membersFound,
    fullMembersFound: r.fullMembersFound,
    staffCount: r.staffCount,
    investorPartyStatus: r.investorPartyStatus as PartyStatus | null,
    managerPartyStatus: r.managerPartyStatus as PartyStatus | null,
    willingness: r.willingness as SurveyWillingness | null,
    recommendedMode: r.recommendedMode as CoverageMode | null,
    instructorProposed: r.instructorProposed,
    notes: r.notes,
    cancelReason: r.cancelReason,
    version: r.version,
  };
}

const NOT_OPERATING: Record<string, string> = {
  closed: '该企业已注销/关闭，不能完成摸排；请取消此任务并注明原因',
  movedOut: '该企业已迁出，不能完成摸排；请取消此任务并注明原因',
  shell: '该企业已认定为空壳/僵尸企业，不能完成摸排；请取消此任务并注明原因',
};

/** The rules a completed survey must satisfy beyond its field types; throws Invalid naming the field. */
function checkCompletion(input: CompleteSurveyInput) {
  if (input.fullMembersFound > input.membersFound) invalidField('fullMembersFound', '正式党员数不能多于发现的党员总数，请核对');
  // 党章第三十条: 正式党员三人以上的 may form their own branch; fewer cannot stand alone.
  const minFull = DEFAULT_RULE_SETTINGS.branchMinFullMembers.value;
  if (input.recommendedMode === 'standalone' && input.fullMembersFound < minFull) {
    invalidField('recommendedMode', `单独组建需要至少 ${minFull} 名正式党员；正式党员不足的企业请建议联合组建、龙头领建、行业连建或兜底管理`);
  }
}

export function createSurveyService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createSurveyRepository(db);

  /** A task the caller may act on (its town in the caller's survey.write scope); NotFound otherwise. */
  async function loadInScope(access: Access, id: number) {
    const row = await repo.getById(id);
    if (!row) throw new NotFound();
    access.assertInScope('survey.write', row.townPath);
    return row;
  }

  return {
    /** Tasks in scope with the counts (open, overdue, …) a town or the city is flagged with. */
    async list(access: Access, query: SurveyListInput) {
      const today = todayInShanghai();
      const scope = access.filter('survey.write', 't.path');
      const [page, counts, overdueByTown] = await Promise.all([
        repo.list({ scope, today, status: query.status, overdue: query.overdue, dueWithinDays: query.dueWithinDays, townOrgId: query.townOrgId, carrierId: query.carrierId, q: query.q }, query.page, query.pageSize),
        repo.counts(scope, today, query.townOrgId),
        repo.overdueByTown(scope, today),
      ]);
      return { items: page.items.map((r) => view(r, today)), total: page.total, page: query.page, pageSize: query.pageSize, counts, overdueByTown, today };
    },

    async get(access: Access, id: number) {
      return view(await loadInScope(access, id), todayInShanghai());
    },

    /** The survey history of one company (its ledger tab), newest first; the company's town must be in scope. */
    async forEnterprise(access: Access, enterpriseId: number) {
      const e = await db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .select((eb) => ['e.id', eb.cast<string>('t.path', 'text').as('townPath')])
        .where('e.id', '=', enterpriseId)
        .executeTakeFirst();
      if (!e) throw new NotFound();
      access.assertInScope('survey.write', e.townPath);
      const today = todayInShanghai();
      const { items } = await repo.list({ scope: access.filter('survey.write', 't.path'), today, enterpriseId }, 1, 100);
      return { items: items.map((r) => view(r, today)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)), today };
    },

    /**
     * Completes an open task and, in the same transaction, writes what the survey found onto
     * the company (staff, investor/manager party status, the proposed instructor). Throws
     * Invalid for inconsistent figures, Conflict for a closed/moved-out/shell company, a task
     * no longer open, or a stale version. Coverage itself changes when an organisation exists.
     */
    async complete(access: Access, id: number, input: CompleteSurveyInput) {
      await loadInScope(access, id);
      checkCompletion(input);
      await db.transaction().execute(async (tx) => {
        const r = createSurveyRepository(tx);
        const task = await r.lockById(id);
        if (!task) throw new NotFound();
        if (task.status !== 'open') throw new Conflict('SURVEY_NOT_OPEN', task.status === 'done' ? '该摸排任务已完成，不能重复提交' : '该摸排任务已取消，不能再完成');
        if (task.version !== input.version) throw new Conflict('STALE_VERSION', '该摸排任务刚被其他人修改过，请刷新后再提交');
        const company = await r.lockEnterprise(task.enterpriseId);
        if (!company) throw new NotFound();
        const refusal = NOT_OPERATING[company.operatingStatus] ?? (company.goneOn ? '该企业已从登记名录中移出，不能完成摸排；请取消此任务并注明原因' : undefined);
        if (refusal) throw new Conflict('ENTERPRISE_NOT_OPERATING', refusal);

        const completion = {
          membersFound: input.membersFound,
          fullMembersFound: input.fullMembersFound,
          staffCount: input.staffCount,
          investorPartyStatus: input.investorPartyStatus,
          managerPartyStatus: input.managerPartyStatus,
          willingness: input.willingness,
          recommendedMode: input.recommendedMode,
          instructorProposed: input.instructorProposed || null,
          notes: input.notes || null,
        };
        await r.complete(id, access.actor.userId, completion);
        const patch = {
          staffCount: input.staffCount,
          investorPartyStatus: input.investorPartyStatus,
          managerPartyStatus: input.managerPartyStatus,
          ...(completion.instructorProposed ? { instructorName: completion.instructorProposed } : {}),
        };
        await r.updateEnterprise(company.id, patch);
        const town = await tx.selectFrom('org').select('path').where('id', '=', task.townOrgId).executeTakeFirstOrThrow();
        await audit(tx, access.actor, { action: 'survey.complete', targetType: 'surveyTask', targetId: id, orgPath: town.path, after: completion });
        const before = { staffCount: company.staffCount, investorPartyStatus: company.investorPartyStatus, managerPartyStatus: company.managerPartyStatus, instructorName: company.instructorName };
        await audit(tx, access.actor, { action: 'enterprise.updateFromSurvey', targetType: 'enterprise', targetId: company.id, orgPath: town.path, before, after: patch, detail: { surveyTaskId: id } });
      });
    },

    /** Cancels an open task with a reason (e.g. the company never settled). */
    async cancel(access: Access, id: number, input: CancelSurveyInput) {
      await loadInScope(access, id);
      await db.transaction().execute(async (tx) => {
        const r = createSurveyRepository(tx);
        const task = await r.lockById(id);
        if (!task) throw new NotFound();
        if (task.status !== 'open') throw new Conflict('SURVEY_NOT_OPEN', task.status === 'done' ? '该摸排任务已完成，不能取消' : '该摸排任务已取消');
        if (input.version !== undefined && task.version !== input.version) throw new Conflict('STALE_VERSION', '该摸排任务刚被其他人修改过，请刷新后再操作');
        await r.cancel(id, input.reason);
        const town = await tx.selectFrom('org').select('path').where('id', '=', task.townOrgId).executeTakeFirstOrThrow();
        await audit(tx, access.actor, { action: 'survey.cancel', targetType: 'surveyTask', targetId: id, orgPath: town.path, before: { status: 'open' }, after: { status: 'cancelled', reason: input.reason } });
      });
    },
  };
}
