import { sql, type Expression, type SqlBool } from 'kysely';
import { addDays } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

export interface SurveyFilter {
  scope: Expression<SqlBool>;
  today: string;
  status?: 'open' | 'done' | 'cancelled';
  overdue?: boolean;
  /** Open and due between today and today + this many days. */
  dueWithinDays?: number;
  townOrgId?: number;
  carrierId?: number;
  enterpriseId?: number;
  q?: string;
}

export interface SurveyCompletion {
  membersFound: number;
  fullMembersFound: number;
  staffCount: number;
  investorPartyStatus: string;
  managerPartyStatus: string;
  willingness: string;
  recommendedMode: string;
  instructorProposed: string | null;
  notes: string | null;
}

export function createSurveyRepository(db: Queryable) {
  /** Tasks joined to their company and town; `t.path` is what scope filters on. */
  const base = () =>
    db
      .selectFrom('surveyTask as s')
      .innerJoin('enterprise as e', 'e.id', 's.enterpriseId')
      .innerJoin('org as t', 't.id', 's.townOrgId');

  const columns = [
    's.id', 's.enterpriseId', 'e.name as enterpriseName', 'e.uscc', 'e.operatingStatus', 'e.staffCount as companyStaffCount', 's.townOrgId', 't.name as townName', sql<string>`t.path::text`.as('townPath'),
    's.dueOn', 's.status', 's.createdAt', 's.completedAt', 's.membersFound', 's.fullMembersFound', 's.staffCount', 's.investorPartyStatus',
    's.managerPartyStatus', 's.willingness', 's.recommendedMode', 's.instructorProposed', 's.notes', 's.cancelReason', 's.version',
  ] as const;

  function filtered(f: SurveyFilter) {
    return base()
      .where(f.scope)
      .$if(!!f.status, (q) => q.where('s.status', '=', f.status!))
      .$if(f.overdue === true, (q) => q.where('s.status', '=', 'open').where('s.dueOn', '<', f.today))
      .$if(f.overdue === false, (q) => q.where((eb) => eb.or([eb('s.status', '<>', 'open'), eb('s.dueOn', '>=', f.today)])))
      .$if(!!f.dueWithinDays, (q) => q.where('s.status', '=', 'open').where('s.dueOn', '>=', f.today).where('s.dueOn', '<=', addDays(f.today, f.dueWithinDays!)))
      .$if(!!f.townOrgId, (q) => q.where('s.townOrgId', '=', f.townOrgId!))
      .$if(!!f.carrierId, (q) => q.where('e.carrierId', '=', f.carrierId!))
      .$if(!!f.enterpriseId, (q) => q.where('s.enterpriseId', '=', f.enterpriseId!))
      .$if(!!f.q, (q) => q.where((eb) => eb.or([eb('e.name', 'like', `%${escapeLike(f.q!)}%`), eb('e.uscc', '=', f.q!.toUpperCase())])));
  }

  return {
    /** One page of tasks, open ones first by due date (the most urgent on top). */
    async list(f: SurveyFilter, page: number, pageSize: number) {
      const [items, count] = await Promise.all([
        filtered(f)
          .select(columns)
          .orderBy(sql`case s.status when 'open' then 0 else 1 end`)
          .orderBy('s.dueOn')
          .orderBy('s.id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        filtered(f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** Open, overdue, done and cancelled counts under the same scope and town filter. */
    async counts(scope: Expression<SqlBool>, today: string, townOrgId?: number) {
      return base()
        .where(scope)
        .$if(!!townOrgId, (q) => q.where('s.townOrgId', '=', townOrgId!))
        .select([
          sql<number>`count(*) filter (where s.status = 'open')::int`.as('open'),
          sql<number>`count(*) filter (where s.status = 'open' and s.due_on < ${today})::int`.as('overdue'),
          sql<number>`count(*) filter (where s.status = 'done')::int`.as('done'),
          sql<number>`count(*) filter (where s.status = 'cancelled')::int`.as('cancelled'),
        ])
        .executeTakeFirstOrThrow();
    },

    /** Overdue open tasks per town, most first (the city sees which towns are behind). */
    overdueByTown(scope: Expression<SqlBool>, today: string) {
      return base()
        .where(scope)
        .where('s.status', '=', 'open')
        .where('s.dueOn', '<', today)
        .groupBy(['s.townOrgId', 't.name'])
        .select(['s.townOrgId', 't.name as townName', sql<number>`count(*)::int`.as('n')])
        .orderBy(sql`count(*)`, 'desc')
        .orderBy('t.name')
        .execute();
    },

    getById(id: number) {
      return base().select(columns).where('s.id', '=', id).executeTakeFirst();
    },

    /** Locks the task for a state change (a second writer waits, then sees the new version). */
    lockById(id: number) {
      return db.selectFrom('surveyTask').select(['id', 'enterpriseId', 'townOrgId', 'status', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    getOpenByEnterprise(enterpriseId: number) {
      return db.selectFrom('surveyTask').select('id').where('enterpriseId', '=', enterpriseId).where('status', '=', 'open').executeTakeFirst();
    },

    /** Inserts an open task unless the company already has one (the partial unique index decides). */
    insertOpen(row: { enterpriseId: number; townOrgId: number; dueOn: string; createdBy: number | null }) {
      return db
        .insertInto('surveyTask')
        .values(row)
        .onConflict((oc) => oc.column('enterpriseId').where('status', '=', 'open').doNothing())
        .returning('id')
        .executeTakeFirst();
    },

    complete(id: number, by: number, c: SurveyCompletion) {
      return db
        .updateTable('surveyTask')
        .set({ ...c, status: 'done', completedAt: new Date(), completedBy: by, version: sql`version + 1` })
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    },

    cancel(id: number, reason: string) {
      return db.updateTable('surveyTask').set({ status: 'cancelled', cancelReason: reason, version: sql`version + 1` }).where('id', '=', id).executeTakeFirstOrThrow();
    },

    /** The company facts a survey reads and writes, locked for the update. */
    lockEnterprise(id: number) {
      return db
        .selectFrom('enterprise')
        .select(['id', 'name', 'operatingStatus', 'goneOn', 'staffCount', 'investorPartyStatus', 'managerPartyStatus', 'instructorName', 'version'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    updateEnterprise(id: number, patch: { staffCount: number; investorPartyStatus: string; managerPartyStatus: string; instructorName?: string }) {
      return db.updateTable('enterprise').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).executeTakeFirstOrThrow();
    },

    /** The survey window setting, when a deployment has set one. */
    async dueDaysSetting(): Promise<number | null> {
      const row = await db.selectFrom('setting').select('value').where('key', '=', 'survey.dueDays').executeTakeFirst();
      const n = Number(row?.value);
      return row && Number.isInteger(n) && n > 0 ? n : null;
    },

    userName(id: number) {
      return db.selectFrom('appUser').select('displayName').where('id', '=', id).executeTakeFirst();
    },
  };
}
export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
