import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

/** Requests still waiting for 办结: counted as open, and overdue once past their due date. */
export const OPEN_STATUSES = ['new', 'accepted', 'inProgress'] as const;
const overdueSql = (today: string) => sql<boolean>`(r.status in ('new', 'accepted', 'inProgress') and r.due_on < ${today}::date)`;

export interface DepartmentPatch {
  name?: string;
  duties?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  position?: number;
  abolishedOn?: string;
}

export interface RequestPatch {
  status: string;
  acceptedAt?: Date;
  closedAt?: Date;
  resolution?: string;
  declinedReason?: string;
  satisfaction?: number;
  satisfactionNote?: string | null;
}

export function createServiceRepository(db: Queryable) {
  const requestBase = () =>
    db
      .selectFrom('enterpriseRequest as r')
      .innerJoin('enterprise as e', 'e.id', 'r.enterpriseId')
      .leftJoin('org as t', 't.id', 'e.townOrgId')
      .innerJoin('department as d', 'd.id', 'r.departmentId')
      .leftJoin('appUser as u', 'u.id', 'r.raisedBy');

  const requestColumns = (today: string) =>
    [
      'r.id', 'r.enterpriseId', 'e.name as enterpriseName', 'e.townOrgId', 't.name as townName', 'r.visitId', 'r.raisedVia', 'u.displayName as raisedByName',
      'r.category', 'r.title', 'r.departmentId', 'd.name as departmentName', 'r.status', 'r.dueOn', overdueSql(today).as('overdue'), 'r.satisfaction',
      'r.createdAt', 'r.closedAt', 'r.version',
    ] as const;

  const visitBase = () =>
    db
      .selectFrom('visit as v')
      .innerJoin('enterprise as e', 'e.id', 'v.enterpriseId')
      .leftJoin('org as t', 't.id', 'e.townOrgId')
      .innerJoin('appUser as c', 'c.id', 'v.cadreUserId');
  const visitColumns = [
    'v.id', 'v.enterpriseId', 'e.name as enterpriseName', 't.name as townName', 'v.cadreUserId', 'c.displayName as cadreName', 'v.visitedOn',
    'v.peopleMet', 'v.topics', 'v.followUps', 'v.createdAt',
    sql<number>`(select count(*)::int from enterprise_request rq where rq.visit_id = v.id)`.as('requests'),
  ] as const;

  return {
    // --- departments -------------------------------------------------------------------

    /** Departments of the given cities (or only the given ones), with their open and overdue request counts. */
    listDepartments(filter: { cityIds: number[]; onlyIds: number[] | null; includeAbolished: boolean; today: string }) {
      if (filter.cityIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('department as d')
        .innerJoin('org as o', 'o.id', 'd.orgId')
        .select([
          'd.id', 'd.orgId', 'o.name as orgName', 'd.name', 'd.duties', 'd.contactName', 'd.contactPhone', 'd.position', 'd.abolishedOn', 'd.version',
          sql<string>`o.path::text`.as('orgPath'),
          sql<number>`(select count(*)::int from enterprise_request r where r.department_id = d.id and r.status in ('new', 'accepted', 'inProgress'))`.as('openRequests'),
          sql<number>`(select count(*)::int from enterprise_request r where r.department_id = d.id and ${overdueSql(filter.today)})`.as('overdueRequests'),
        ])
        .where('d.orgId', 'in', filter.cityIds)
        .$if(filter.onlyIds !== null, (q) => q.where('d.id', 'in', filter.onlyIds!.length ? filter.onlyIds! : [0]))
        .$if(!filter.includeAbolished, (q) => q.where('d.abolishedOn', 'is', null))
        .orderBy('d.position')
        .orderBy('d.id')
        .execute();
    },

    /** One department with its city's path; `lock` takes a row lock (abolish vs. a new request). */
    getDepartment(id: number, lock: 'update' | 'share' | null = null) {
      return db
        .selectFrom('department as d')
        .innerJoin('org as o', 'o.id', 'd.orgId')
        .select(['d.id', 'd.orgId', 'd.name', 'd.duties', 'd.contactName', 'd.contactPhone', 'd.position', 'd.abolishedOn', 'd.version', sql<string>`o.path::text`.as('orgPath')])
        .where('d.id', '=', id)
        .$if(lock === 'update', (q) => q.forUpdate('d'))
        .$if(lock === 'share', (q) => q.forShare('d'))
        .executeTakeFirst();
    },

    departmentByName(orgId: number, name: string) {
      return db.selectFrom('department').select(['id', 'abolishedOn']).where('orgId', '=', orgId).where('name', '=', name).executeTakeFirst();
    },

    createDepartment(row: { orgId: number; name: string; duties: string | null; contactName: string | null; contactPhone: string | null; position: number }) {
      return db.insertInto('department').values(row).returning('id').executeTakeFirstOrThrow();
    },

    /** Applies a patch if the version still matches; false when someone changed it first. */
    async updateDepartment(id: number, version: number, patch: DepartmentPatch): Promise<boolean> {
      const r = await db.updateTable('department').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async openRequestCount(departmentId: number): Promise<number> {
      const r = await db.selectFrom('enterpriseRequest').select(sql<number>`count(*)::int`.as('n')).where('departmentId', '=', departmentId).where('status', 'in', [...OPEN_STATUSES]).executeTakeFirstOrThrow();
      return r.n;
    },

    cityOrg(id: number) {
      return db.selectFrom('org').select(['id', 'parentId', 'name', 'abolishedOn', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
    },

    // --- companies and pairs ------------------------------------------------------------

    /** A company with its town's path and whether `userId` is currently paired with it. */
    enterprise(id: number, userId: number) {
      return db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .select([
          'e.id', 'e.name', 'e.townOrgId', 't.name as townName', sql<string | null>`t.path::text`.as('townPath'),
          sql<boolean>`exists (select 1 from cadre_assignment ca where ca.enterprise_id = e.id and ca.user_id = ${userId} and ca.ended_on is null)`.as('paired'),
        ])
        .where('e.id', '=', id)
        .executeTakeFirst();
    },

    enterprises(ids: number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('enterprise as e')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .select(['e.id', 'e.name', sql<string | null>`t.path::text`.as('townPath')])
        .where('e.id', 'in', ids)
        .execute();
    },

    /** An account with the organisation paths of its cadre grants (empty: not a cadre). */
    async cadre(userId: number) {
      const user = await db.selectFrom('appUser').select(['id', 'displayName', 'disabledAt']).where('id', '=', userId).executeTakeFirst();
      if (!user) return undefined;
      const grants = await db
        .selectFrom('userGrant as g')
        .innerJoin('org as o', 'o.id', 'g.orgId')
        .select([sql<string>`o.path::text`.as('path')])
        .where('g.userId', '=', userId)
        .where('g.role', '=', 'cadre')
        .where('o.abolishedOn', 'is', null)
        .execute();
      return { ...user, cadrePaths: grants.map((g) => g.path) };
    },

    /** Pairs a cadre with companies; pairs already in force are left as they are. Returns the new ids. */
    async assign(userId: number, enterpriseIds: number[], assignedBy: number, assignedOn: string) {
      const rows = await db
        .insertInto('cadreAssignment')
        .values(enterpriseIds.map((enterpriseId) => ({ userId, enterpriseId, assignedBy, assignedOn })))
        .onConflict((oc) => oc.columns(['userId', 'enterpriseId']).where('endedOn', 'is', null).doNothing())
        .returning(['id', 'enterpriseId'])
        .execute();
      return rows;
    },

    assignment(id: number) {
      return db
        .selectFrom('cadreAssignment as a')
        .innerJoin('enterprise as e', 'e.id', 'a.enterpriseId')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .select(['a.id', 'a.userId', 'a.enterpriseId', 'a.assignedOn', 'a.endedOn', 'e.name as enterpriseName', sql<string | null>`t.path::text`.as('townPath')])
        .where('a.id', '=', id)
        .executeTakeFirst();
    },

    /** Ends a pair still in force; false when it had already ended. */
    async endAssignment(id: number, endedOn: string): Promise<boolean> {
      const r = await db.updateTable('cadreAssignment').set({ endedOn }).where('id', '=', id).where('endedOn', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async listAssignments(filter: { scope: Expression<SqlBool>; userId?: number; enterpriseId?: number; includeEnded: boolean; page: number; pageSize: number }) {
      const base = db
        .selectFrom('cadreAssignment as a')
        .innerJoin('enterprise as e', 'e.id', 'a.enterpriseId')
        .leftJoin('org as t', 't.id', 'e.townOrgId')
        .innerJoin('appUser as c', 'c.id', 'a.userId')
        .where(filter.scope)
        .$if(!!filter.userId, (q) => q.where('a.userId', '=', filter.userId!))
        .$if(!!filter.enterpriseId, (q) => q.where('a.enterpriseId', '=', filter.enterpriseId!))
        .$if(!filter.includeEnded, (q) => q.where('a.endedOn', 'is', null));
      const [items, count] = await Promise.all([
        base
          .select([
            'a.id', 'a.userId', 'c.displayName as cadreName', 'a.enterpriseId', 'e.name as enterpriseName', 't.name as townName', sql<string | null>`t.path::text`.as('townPath'),
            'a.assignedOn', 'a.endedOn',
            sql<number>`(select count(*)::int from visit v where v.enterprise_id = a.enterprise_id and v.cadre_user_id = a.user_id)`.as('visits'),
            sql<string | null>`(select max(v.visited_on)::text from visit v where v.enterprise_id = a.enterprise_id and v.cadre_user_id = a.user_id)`.as('lastVisitOn'),
          ])
          .orderBy(sql`a.ended_on is not null`)
          .orderBy('c.displayName')
          .orderBy('e.name')
          .orderBy('a.id')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** Accounts holding a cadre grant inside `scope` (a condition on `o.path`), with their current company counts. */
    async listCadres(filter: { scope: Expression<SqlBool>; q?: string; page: number; pageSize: number }) {
      const base = db
        .selectFrom('appUser as u')
        .where('u.disabledAt', 'is', null)
        .where((eb) => eb.exists(eb.selectFrom('userGrant as g').innerJoin('org as o', 'o.id', 'g.orgId').select('g.id').whereRef('g.userId', '=', 'u.id').where('g.role', '=', 'cadre').where(filter.scope)))
        .$if(!!filter.q, (q) => q.where((eb) => eb.or([eb('u.username', 'like', `%${escapeLike(filter.q!.toLowerCase())}%`), eb('u.displayName', 'like', `%${escapeLike(filter.q!)}%`)])));
      const [items, count] = await Promise.all([
        base
          .select([
            'u.id as userId', 'u.username', 'u.displayName',
            sql<number>`(select count(*)::int from cadre_assignment a where a.user_id = u.id and a.ended_on is null)`.as('companies'),
          ])
          .orderBy('u.displayName')
          .orderBy('u.id')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      const grants = items.length
        ? await db.selectFrom('userGrant as g').innerJoin('org as o', 'o.id', 'g.orgId').select(['g.userId', 'g.orgId', 'o.name as orgName'])
          .where('g.role', '=', 'cadre').where('g.userId', 'in', items.map((i) => i.userId)).orderBy('g.id').execute()
        : [];
      return { items: items.map((i) => ({ ...i, grants: grants.filter((g) => g.userId === i.userId).map((g) => ({ orgId: g.orgId, orgName: g.orgName })) })), total: count.n };
    },

    /** Current pairs of one company with the cadres' names. */
    cadresOf(enterpriseId: number) {
      return db
        .selectFrom('cadreAssignment as a')
        .innerJoin('appUser as c', 'c.id', 'a.userId')
        .select(['a.id as assignmentId', 'a.userId', 'c.displayName as name', 'a.assignedOn'])
        .where('a.enterpriseId', '=', enterpriseId)
        .where('a.endedOn', 'is', null)
        .orderBy('a.assignedOn')
        .execute();
    },

    // --- visits ---------------------------------------------------------------------------

    createVisit(row: { enterpriseId: number; cadreUserId: number; visitedOn: string; peopleMet: string; topics: string; followUps: string | null }) {
      return db.insertInto('visit').values(row).returning('id').executeTakeFirstOrThrow();
    },

    visit(id: number) {
      return db.selectFrom('visit').select(['id', 'enterpriseId', 'cadreUserId', 'visitedOn']).where('id', '=', id).executeTakeFirst();
    },

    async listVisits(filter: { scope: Expression<SqlBool>; enterpriseId?: number; cadreUserId?: number; from?: string; to?: string; page: number; pageSize: number }) {
      const base = visitBase()
        .where(filter.scope)
        .$if(!!filter.enterpriseId, (q) => q.where('v.enterpriseId', '=', filter.enterpriseId!))
        .$if(!!filter.cadreUserId, (q) => q.where('v.cadreUserId', '=', filter.cadreUserId!))
        .$if(!!filter.from, (q) => q.where('v.visitedOn', '>=', filter.from!))
        .$if(!!filter.to, (q) => q.where('v.visitedOn', '<=', filter.to!));
      const [items, count] = await Promise.all([
        base.select(visitColumns).orderBy('v.visitedOn', 'desc').orderBy('v.id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    // --- requests -------------------------------------------------------------------------

    createRequest(row: {
      enterpriseId: number; visitId: number | null; raisedBy: number; raisedVia: string; category: string; title: string; detail: string | null; departmentId: number; dueOn: string;
    }) {
      return db.insertInto('enterpriseRequest').values(row).returning('id').executeTakeFirstOrThrow();
    },

    addEvent(row: { requestId: number; actorUserId: number | null; actorName: string; fromStatus: string | null; toStatus: string; note: string | null }) {
      return db.insertInto('enterpriseRequestEvent').values(row).execute();
    },

    /** One request with everything its detail shows and the facts its scope needs. */
    request(id: number, today: string, userId: number) {
      return requestBase()
        .select([
          ...requestColumns(today), 'r.detail', 'r.acceptedAt', 'r.resolution', 'r.declinedReason', 'r.satisfactionNote', 'r.raisedBy',
          sql<string | null>`t.path::text`.as('townPath'),
          sql<boolean>`exists (select 1 from cadre_assignment ca where ca.enterprise_id = r.enterprise_id and ca.user_id = ${userId} and ca.ended_on is null)`.as('paired'),
        ])
        .where('r.id', '=', id)
        .executeTakeFirst();
    },

    events(requestId: number) {
      return db
        .selectFrom('enterpriseRequestEvent')
        .select(['id', 'at', 'actorName', 'fromStatus', 'toStatus', 'note'])
        .where('requestId', '=', requestId)
        .orderBy('at')
        .orderBy('id')
        .execute();
    },

    /** Applies a status change if the version still matches; false when someone acted first. */
    async updateRequest(id: number, version: number, patch: RequestPatch): Promise<boolean> {
      const r = await db.updateTable('enterpriseRequest').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async listRequests(filter: { scope: Expression<SqlBool>; today: string; status?: string; open?: boolean; departmentId?: number; enterpriseId?: number; townOrgId?: number; carrierId?: number; category?: string; overdue?: boolean; q?: string; page: number; pageSize: number }) {
      const base = requestBase()
        .where(filter.scope)
        .$if(!!filter.status, (q) => q.where('r.status', '=', filter.status!))
        .$if(filter.open === true, (q) => q.where('r.status', 'in', [...OPEN_STATUSES]))
        .$if(filter.open === false, (q) => q.where('r.status', 'not in', [...OPEN_STATUSES]))
        .$if(!!filter.departmentId, (q) => q.where('r.departmentId', '=', filter.departmentId!))
        .$if(!!filter.enterpriseId, (q) => q.where('r.enterpriseId', '=', filter.enterpriseId!))
        .$if(!!filter.townOrgId, (q) => q.where('e.townOrgId', '=', filter.townOrgId!))
        .$if(!!filter.carrierId, (q) => q.where('e.carrierId', '=', filter.carrierId!))
        .$if(!!filter.category, (q) => q.where('r.category', '=', filter.category!))
        .$if(filter.overdue === true, (q) => q.where(overdueSql(filter.today)))
        .$if(filter.overdue === false, (q) => q.where(sql<SqlBool>`not ${overdueSql(filter.today)}`))
        .$if(!!filter.q, (q) => q.where((eb) => eb.or([eb('r.title', 'like', `%${escapeLike(filter.q!)}%`), eb('e.name', 'like', `%${escapeLike(filter.q!)}%`)])));
      const [items, count] = await Promise.all([
        base
          .select(requestColumns(filter.today))
          // Overdue first, then the nearest deadline: what needs chasing sits on top.
          .orderBy(sql`${overdueSql(filter.today)} desc`)
          .orderBy(sql`r.status in ('new', 'accepted', 'inProgress') desc`)
          .orderBy('r.dueOn')
          .orderBy('r.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** Counts by status, overdue, mean days to 办结 and mean satisfaction within `scope`. */
    async requestCounts(scope: Expression<SqlBool>, today: string) {
      const rows = await requestBase()
        .where(scope)
        .select(['r.status', sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where ${overdueSql(today)})::int`.as('overdue'),
          sql<number | null>`sum(extract(epoch from (r.closed_at - r.created_at)) / 86400) filter (where r.status = 'resolved')`.as('days'),
          sql<number>`sum(r.satisfaction)::int`.as('satisfactionSum'), sql<number>`count(r.satisfaction)::int`.as('rated')])
        .groupBy('r.status')
        .execute();
      return rows;
    },

    visitsOf(scope: Expression<SqlBool>, enterpriseId: number) {
      return visitBase().where(scope).where('v.enterpriseId', '=', enterpriseId).select(visitColumns).orderBy('v.visitedOn', 'desc').orderBy('v.id', 'desc').limit(100).execute();
    },

    requestsOf(scope: Expression<SqlBool>, enterpriseId: number, today: string) {
      return requestBase().where(scope).where('r.enterpriseId', '=', enterpriseId).select(requestColumns(today)).orderBy('r.createdAt', 'desc').orderBy('r.id', 'desc').limit(100).execute();
    },
  };
}
export type ServiceRepository = ReturnType<typeof createServiceRepository>;
