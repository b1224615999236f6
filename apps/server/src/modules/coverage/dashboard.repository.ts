import { sql } from 'kysely';
import type { Queryable } from '../../db/database';
import { enterpriseScope, LIVE_MEMBER, orgScope, type CoverageScope } from './coverage.repository';
import { ASSESSABLE_KINDS } from '../standards/standard.repository';

/** Open request statuses (not yet resolved or declined). */
const OPEN_REQUEST = sql`r.status in ('new', 'accepted', 'inProgress')`;

/**
 * The dashboard's counts besides coverage cells. Each reads a rollup or an indexed, scoped
 * slice: organisations by path, members from org_member_count, the rest by town.
 */
export function createDashboardRepository(db: Queryable) {
  return {
    async companiesByStatus(s: CoverageScope) {
      const { rows } = await sql<{ status: string; n: number }>`
        select e.operating_status as status, count(*)::int as n from enterprise e where ${enterpriseScope(s)} group by 1`.execute(db);
      return rows;
    },

    async orgsByKind(s: CoverageScope) {
      const { rows } = await sql<{ kind: string; n: number }>`
        select o.kind, count(*)::int as n from org o where ${orgScope(s)} and o.abolished_on is null group by 1`.execute(db);
      return rows;
    },

    /** Live members per category: the kept counts for subtrees, the carrier's employees otherwise. */
    async membersByCategory(s: CoverageScope) {
      if (s.carrierId !== null) {
        const { rows } = await sql<{ category: string; n: number }>`
          select m.category, count(*)::int as n from member m join enterprise e on e.id = m.employer_enterprise_id
          where e.carrier_id = ${s.carrierId} and ${LIVE_MEMBER} group by 1`.execute(db);
        return rows;
      }
      if (s.orgRoots.length === 0) return [];
      const { rows } = await sql<{ category: string; n: number }>`
        select c.category, sum(c.n)::int as n from org_member_count c
        where c.org_path <@ array[${sql.join(s.orgRoots)}]::ltree[] and c.status in ('normal', 'suspended') group by 1`.execute(db);
      return rows;
    },

    /** Live members holding each key position (a member may hold several). */
    async membersByKeyPosition(s: CoverageScope) {
      if (s.carrierId !== null) {
        const { rows } = await sql<{ position: string; n: number }>`
          select p as position, count(*)::int as n from member m join enterprise e on e.id = m.employer_enterprise_id, unnest(m.key_positions) p
          where e.carrier_id = ${s.carrierId} and ${LIVE_MEMBER} group by 1`.execute(db);
        return rows;
      }
      if (s.orgRoots.length === 0) return [];
      const { rows } = await sql<{ position: string; n: number }>`
        select p as position, count(*)::int as n from member m, unnest(m.key_positions) p
        where m.org_path <@ array[${sql.join(s.orgRoots)}]::ltree[] and ${LIVE_MEMBER} and m.key_positions <> '{}' group by 1`.execute(db);
      return rows;
    },

    /** Accepted 六个有 assessments of the year's templates, per star rating. */
    async starsOfYear(s: CoverageScope, year: number) {
      const { rows } = await sql<{ stars: number; n: number }>`
        select coalesce(a.stars, 0) as stars, count(*)::int as n
        from standard_assessment a join standard_template t on t.id = a.template_id join org o on o.id = a.org_id
        where t.year = ${year} and a.status = 'accepted' and ${orgScope(s)}
          -- the organisations the standards overview lists, so the drill-down shows the same count
          and o.abolished_on is null and o.kind in (${sql.join([...ASSESSABLE_KINDS])})
        group by 1 order by 1`.execute(db);
      return rows;
    },

    async surveys(s: CoverageScope, today: string, soon: string) {
      const { rows } = await sql<{ open: number; dueSoon: number; overdue: number }>`
        select count(*)::int as open,
               count(*) filter (where st.due_on >= ${today}::date and st.due_on <= ${soon}::date)::int as due_soon,
               count(*) filter (where st.due_on < ${today}::date)::int as overdue
        from survey_task st join enterprise e on e.id = st.enterprise_id
        where st.status = 'open' and ${enterpriseScope(s)}`.execute(db);
      return rows[0];
    },

    async requests(s: CoverageScope, today: string) {
      const { rows } = await sql<{ open: number; resolved: number; overdue: number; avgDays: string | null }>`
        select count(*) filter (where ${OPEN_REQUEST})::int as open,
               count(*) filter (where r.status = 'resolved')::int as resolved,
               count(*) filter (where ${OPEN_REQUEST} and r.due_on < ${today}::date)::int as overdue,
               round((avg(extract(epoch from r.closed_at - r.created_at)) filter (where r.status = 'resolved') / 86400)::numeric, 1)::text as avg_days
        from enterprise_request r join enterprise e on e.id = r.enterprise_id
        where ${enterpriseScope(s)}`.execute(db);
      return rows[0];
    },
  };
}
export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
