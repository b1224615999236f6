import { addDays, DEFAULT_RULE_SETTINGS, REQUEST_STATUS_LABELS, REQUEST_STATUSES, REQUEST_TRANSITIONS, todayInShanghai, type RequestCategory, type RequestStatus } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';
import type { Access, RolePermissions } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { companyForWriting, visitView } from './pairing.service';
import { cityOf, reaches, reachesCompany, scopeCondition, serviceScope, writeAccessTo, type ServiceScope } from './service.scope';
import { createServiceRepository } from './service.repository';
import type { CreateRequestInput, RequestDetailView, RequestListFilter, TransitionInput } from './service.schemas';

/** The setting key that overrides the deadline (days from raising to 办结). */
const DUE_DAYS_SETTING = 'request.dueDays';

/** Days a department has for a request: the deployment's setting, else the platform default (15). */
async function requestDueDays(db: Queryable): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', DUE_DAYS_SETTING).executeTakeFirst();
  const n = Number(row?.value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_RULE_SETTINGS.requestDueDays.value;
}

const REQUEST_COLUMNS = { townPath: 't.path', enterpriseId: 'r.enterpriseId', departmentId: 'r.departmentId', ownerId: 'r.raisedBy' };
const zh = (s: RequestStatus) => REQUEST_STATUS_LABELS[s].zh;
// Status, category and event columns carry check constraints admitting only the shared enums'
// values, so the casts from text below (`as RequestStatus`, …) cannot widen a value.

type RequestRow = {
  category: string; status: string; raisedVia: string; createdAt: Date; closedAt: Date | null; overdue: boolean;
};
/** A request row as the API shows it (the columns' check constraints admit only the enums' values). */
function listItem<T extends RequestRow>(r: T) {
  return {
    ...r,
    category: r.category as RequestCategory,
    status: r.status as RequestStatus,
    raisedVia: r.raisedVia as 'visit' | 'liaison',
    overdue: !!r.overdue,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

/** 诉求: raised for a company, routed to a department, tracked through to 办结 and rated. */
export function createRequestService(deps: { db: Database; rolePermissions(): RolePermissions }) {
  const { db } = deps;
  const repo = createServiceRepository(db);
  const scopeOf = (access: Access, p: Parameters<typeof serviceScope>[2]) => serviceScope(access, deps.rolePermissions(), p);

  /** A request the caller may see; NotFound otherwise. */
  async function loadVisible(access: Access, id: number, today: string) {
    const r = await repo.request(id, today, access.actor.userId);
    if (!r || !reaches(scopeOf(access, 'service.read'), facts(r))) throw new NotFound();
    return r;
  }
  const facts = (r: { townPath: string | null; paired: boolean; departmentId: number; raisedBy: number | null }) =>
    ({ townPath: r.townPath, paired: r.paired, departmentId: r.departmentId, ownerId: r.raisedBy });

  /** Whoever raised it, or a town or city grant over the company, rates a resolved request. */
  const mayRate = (write: ServiceScope, r: { raisedBy: number | null; townPath: string | null; paired: boolean }) =>
    r.raisedBy === write.userId || (write.townPaths.length > 0 && writeAccessTo({ ...write, cadrePaths: [] }, r.townPath, r.paired) === 'ok');

  async function checkDepartment(q: Queryable, departmentId: number, townPath: string, lock: boolean) {
    const dept = await createServiceRepository(q).getDepartment(departmentId, lock ? 'share' : null);
    if (!dept || dept.abolishedOn || cityOf(dept.orgPath) !== cityOf(townPath)) {
      invalidField('departmentId', '所选联席会议成员单位不存在或已撤销，请从本市的成员单位中重新选择');
    }
    return dept;
  }

  return {
    /** Raises a request for a company in scope (a cadre: a paired company), routed to a live department of its city. */
    async raise(access: Access, input: CreateRequestInput): Promise<number> {
      const company = await companyForWriting(repo, scopeOf(access, 'request.write'), input.enterpriseId);
      await checkDepartment(db, input.departmentId, company.townPath, false);
      if (input.raisedVia === 'visit' && !input.visitId) invalidField('visitId', '走访中提出的诉求请选择对应的走访记录');
      if (input.raisedVia === 'liaison' && input.visitId) invalidField('raisedVia', '关联了走访记录的诉求，来源应为"走访"');
      if (input.visitId) {
        const visit = await repo.visit(input.visitId);
        if (!visit || visit.enterpriseId !== company.id) invalidField('visitId', '所选走访记录不属于该企业');
      }
      const today = todayInShanghai();
      return db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        // Held until commit: abolishing the department waits for this request, then sees it open.
        await checkDepartment(tx, input.departmentId, company.townPath, true);
        const row = {
          enterpriseId: company.id, visitId: input.visitId ?? null, raisedBy: access.actor.userId, raisedVia: input.raisedVia, category: input.category,
          title: input.title, detail: input.detail || null, departmentId: input.departmentId, dueOn: addDays(today, await requestDueDays(tx)),
        };
        const { id } = await r.createRequest(row);
        await r.addEvent({ requestId: id, actorUserId: access.actor.userId, actorName: access.actor.displayName, fromStatus: null, toStatus: 'new', note: null });
        await audit(tx, access.actor, { action: 'request.create', targetType: 'request', targetId: id, orgPath: company.townPath, after: row });
        return id;
      });
    },

    /**
     * Moves a request one step (REQUEST_TRANSITIONS) as its department or the city. Throws
     * Conflict when someone acted first (version) or the step does not follow the status.
     */
    async transition(access: Access, id: number, input: TransitionInput): Promise<void> {
      const today = todayInShanghai();
      const req = await repo.request(id, today, access.actor.userId);
      if (!req || !reaches(scopeOf(access, 'request.handle'), facts(req))) throw new NotFound();
      if (req.version !== input.version) throw new Conflict('STALE_VERSION', '该诉求刚被其他人处理过，请刷新后查看最新状态');
      const from = req.status as RequestStatus;
      if (!REQUEST_TRANSITIONS[from].includes(input.status)) {
        throw new Conflict('INVALID_TRANSITION', `诉求当前为"${zh(from)}"，不能改为"${zh(input.status)}"`);
      }
      if (input.status === 'declined' && (input.declinedReason ?? '').length < 2) invalidField('declinedReason', '不予受理请填写原因，企业和镇（街道）会看到');
      if (input.status === 'resolved' && (input.resolution ?? '').length < 2) invalidField('resolution', '办结请填写办理结果');
      const now = new Date();
      const patch = {
        status: input.status,
        ...(input.status === 'accepted' ? { acceptedAt: now } : {}),
        ...(input.status === 'resolved' ? { closedAt: now, resolution: input.resolution } : {}),
        ...(input.status === 'declined' ? { closedAt: now, declinedReason: input.declinedReason } : {}),
      };
      const note = input.status === 'declined' ? input.declinedReason! : input.status === 'resolved' ? input.resolution! : input.note || null;
      await db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        if (!(await r.updateRequest(id, input.version, patch))) throw new Conflict('STALE_VERSION', '该诉求刚被其他人处理过，请刷新后查看最新状态');
        await r.addEvent({ requestId: id, actorUserId: access.actor.userId, actorName: access.actor.displayName, fromStatus: from, toStatus: input.status, note });
        await audit(tx, access.actor, { action: 'request.transition', targetType: 'request', targetId: id, orgPath: req.townPath, before: { status: from }, after: { ...patch, note } });
      });
    },

    /** Records the company's satisfaction (1–5) once the request is resolved. */
    async rate(access: Access, id: number, input: { version: number; satisfaction: number; note?: string }): Promise<void> {
      const req = await loadVisible(access, id, todayInShanghai());
      if (!mayRate(scopeOf(access, 'request.write'), req)) throw new Forbidden('NOT_RAISER', '只有提出该诉求的人或企业所在镇（街道）可以登记满意度');
      if (req.status !== 'resolved') throw new Conflict('REQUEST_NOT_RESOLVED', '诉求办结后才能登记满意度');
      if (req.satisfaction !== null) throw new Conflict('SATISFACTION_RECORDED', '该诉求的满意度已登记');
      await db.transaction().execute(async (tx) => {
        const r = createServiceRepository(tx);
        if (!(await r.updateRequest(id, input.version, { status: 'resolved', satisfaction: input.satisfaction, satisfactionNote: input.note || null }))) {
          throw new Conflict('STALE_VERSION', '该诉求刚被其他人处理过，请刷新后查看最新状态');
        }
        const note = `满意度 ${input.satisfaction}/5${input.note ? `：${input.note}` : ''}`;
        await r.addEvent({ requestId: id, actorUserId: access.actor.userId, actorName: access.actor.displayName, fromStatus: 'resolved', toStatus: 'resolved', note });
        await audit(tx, access.actor, { action: 'request.rate', targetType: 'request', targetId: id, orgPath: req.townPath, after: { satisfaction: input.satisfaction, note: input.note ?? null } });
      });
    },

    /** One request with its timeline and the steps the caller may take now. */
    async detail(access: Access, id: number): Promise<RequestDetailView> {
      const req = await loadVisible(access, id, todayInShanghai());
      const events = await repo.events(id);
      const { townPath, paired, raisedBy, acceptedAt, ...rest } = req;
      const handles = reaches(scopeOf(access, 'request.handle'), facts(req));
      return {
        ...listItem(rest),
        acceptedAt: acceptedAt?.toISOString() ?? null,
        timeline: events.map((e) => ({ ...e, at: e.at.toISOString(), fromStatus: e.fromStatus as RequestStatus | null, toStatus: e.toStatus as RequestStatus })),
        abilities: {
          transitions: handles ? [...REQUEST_TRANSITIONS[req.status as RequestStatus]] : [],
          rate: req.status === 'resolved' && req.satisfaction === null && mayRate(scopeOf(access, 'request.write'), { raisedBy, townPath, paired }),
        },
      };
    },

    /** Requests in scope, overdue first; a department sees only those routed to it. */
    async list(access: Access, query: RequestListFilter) {
      const today = todayInShanghai();
      const { items, total } = await repo.listRequests({
        scope: scopeCondition(scopeOf(access, 'service.read'), REQUEST_COLUMNS), today,
        status: query.status, open: query.open === undefined ? undefined : query.open === 'true', departmentId: query.departmentId,
        enterpriseId: query.enterpriseId, townOrgId: query.townOrgId, carrierId: query.carrierId, category: query.category,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true', q: query.q, page: query.page, pageSize: query.pageSize,
      });
      return { items: items.map(listItem), total, page: query.page, pageSize: query.pageSize, asOf: new Date().toISOString() };
    },

    /** Counts for the dashboard within the caller's scope. */
    async counts(access: Access) {
      const today = todayInShanghai();
      const rows = await repo.requestCounts(scopeCondition(scopeOf(access, 'service.read'), REQUEST_COLUMNS), today);
      const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<RequestStatus, number>;
      const resolved = rows.find((r) => r.status === 'resolved');
      const rated = rows.reduce((n, r) => n + r.rated, 0);
      return {
        open: byStatus.new + byStatus.accepted + byStatus.inProgress,
        overdue: rows.reduce((n, r) => n + r.overdue, 0),
        resolved: byStatus.resolved,
        declined: byStatus.declined,
        byStatus,
        averageDaysToResolve: resolved && resolved.n > 0 && resolved.days !== null ? Math.round((Number(resolved.days) / resolved.n) * 10) / 10 : null,
        averageSatisfaction: rated > 0 ? Math.round((rows.reduce((n, r) => n + (r.satisfactionSum ?? 0), 0) / rated) * 10) / 10 : null,
        asOf: new Date().toISOString(),
        definition: '未办结 = 待受理、已受理、办理中；逾期 = 未办结且已过办理期限；平均办结天数 = 已办结诉求从提出到办结的平均自然日',
      };
    },

    /** 一企一册: a company's cadres, visits and requests as far as the caller may see them. */
    async ledger(access: Access, enterpriseId: number) {
      const company = await repo.enterprise(enterpriseId, access.actor.userId);
      if (!company) throw new NotFound();
      const scope = scopeOf(access, 'service.read');
      const whole = reachesCompany(scope, company.townPath, company.paired);
      const [visits, requests] = await Promise.all([
        repo.visitsOf(scopeCondition(scope, { townPath: 't.path', enterpriseId: 'v.enterpriseId', ownerId: 'v.cadreUserId' }), enterpriseId),
        repo.requestsOf(scopeCondition(scope, REQUEST_COLUMNS), enterpriseId, todayInShanghai()),
      ]);
      // A department reaches a company only through the requests routed to it.
      if (!whole && visits.length === 0 && requests.length === 0) throw new NotFound();
      return {
        enterprise: { id: company.id, name: company.name, townName: company.townName },
        cadres: whole ? await repo.cadresOf(enterpriseId) : [],
        visits: visits.map(visitView),
        requests: requests.map(listItem),
        abilities: {
          visit: writeAccessTo(scopeOf(access, 'visit.write'), company.townPath, company.paired) === 'ok',
          request: writeAccessTo(scopeOf(access, 'request.write'), company.townPath, company.paired) === 'ok',
        },
      };
    },
  };
}
