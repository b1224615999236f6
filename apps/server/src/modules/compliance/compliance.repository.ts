import { sql, type Expression, type SqlBool } from 'kysely';
import { REQUIRED_MEETING_KINDS, shanghaiInstant } from '@hongyun/shared';
import type { Queryable } from '../../db/database';

/** Branch-level organisation kinds (ORG_KIND_INFO.isBranchLike): the ones compliance judges. */
export const BRANCH_KINDS = ['branch', 'jointBranch', 'temporaryBranch'] as const;

/**
 * A 支部委员会 exists when the current term has a 委员 post (组织/宣传/纪检委员) or at least
 * three post holders. A branch of fewer than 7 full members has only a 书记 (and perhaps a
 * 副书记, 支部工作条例 ch. 6): two people are not a committee and owe no 支委会.
 */
const HAS_COMMITTEE = sql<boolean>`(bool_or(p.post in ('organizationMember','publicityMember','disciplineMember')) or count(distinct p.member_id) >= 3)`;

export interface OrgFacts {
  id: number;
  name: string;
  kind: string;
  path: string;
  foundedOn: string | null;
  abolishedOn: string | null;
  /** The root's direct child whose subtree holds this organisation (null for the root itself). */
  childId: number | null;
  hasCommittee: boolean;
  groupIds: number[];
  groupNames: string[];
}

/** The year as Shanghai instants [start, next year's start). */
export const yearRange = (year: number) => ({ from: shanghaiInstant(`${year}-01-01`), to: shanghaiInstant(`${year + 1}-01-01`) });

export function createComplianceRepository(db: Queryable) {
  return {
    org(id: number) {
      return db.selectFrom('org').select(['id', 'name', 'kind', 'foundedOn', 'abolishedOn', 'parentId', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
    },

    /**
     * Branch-level organisations in `rootPath`'s subtree that existed at some time in the year
     * (or only `orgIds`), with what the rules need: committee, party groups, and which direct
     * child of the root they fall under. One statement, set-based.
     */
    async branchFacts(f: { rootPath: string | null; year: number; orgIds?: number[] }): Promise<OrgFacts[]> {
      const depth = f.rootPath === null ? 1e6 : f.rootPath.split('.').length;
      const within = f.rootPath === null ? sql`true` : sql`o.path <@ ${f.rootPath}::ltree`;
      const only = f.orgIds ? sql`and o.id = any(${f.orgIds}::bigint[])` : sql``;
      const { rows } = await sql<OrgFacts>`
        with orgs as (
          select o.id, o.name, o.kind, o.path, o.founded_on, o.abolished_on,
                 case when nlevel(o.path) > ${depth} then ltree2text(subpath(o.path, ${depth}, 1))::bigint end as child_id
          from org o
          where ${within} and o.kind in (${sql.join([...BRANCH_KINDS])})
            and (o.founded_on is null or o.founded_on <= ${`${f.year}-12-31`}::date)
            and (o.abolished_on is null or o.abolished_on >= ${`${f.year}-01-01`}::date) ${only}
        ),
        committees as (
          select l.org_id, ${HAS_COMMITTEE} as has_committee
          from leadership l join leadership_post p on p.leadership_id = l.id and p.dismissed_on is null
          where l.is_current and l.org_id in (select id from orgs)
          group by l.org_id
        ),
        groups as (
          select g.org_id, array_agg(g.id order by g.id) as group_ids, array_agg(g.name order by g.id) as group_names
          from party_group g where g.org_id in (select id from orgs) group by g.org_id
        )
        select o.id, o.name, o.kind, o.path::text as path, o.founded_on, o.abolished_on, o.child_id,
               coalesce(c.has_committee, false) as has_committee, coalesce(g.group_ids, '{}') as group_ids, coalesce(g.group_names, '{}') as group_names
        from orgs o left join committees c on c.org_id = o.id left join groups g on g.org_id = o.id`.execute(db);
      // node-postgres parses int8 scalars as numbers here (database.ts) but int8[] as strings.
      return rows.map((r) => ({ ...r, groupIds: r.groupIds.map(Number) }));
    },

    /**
     * Held meetings (not cancelled, minutes confirmed) of the year in the subtree, grouped by
     * organisation, kind and party group: the Shanghai month of each, one row per group.
     */
    async heldMonths(f: { rootPath: string | null; year: number; orgIds?: number[] }) {
      const { from, to } = yearRange(f.year);
      const within = f.rootPath === null ? sql`true` : sql`m.org_path <@ ${f.rootPath}::ltree`;
      const only = f.orgIds ? sql`and m.org_id = any(${f.orgIds}::bigint[])` : sql``;
      // The Shanghai month of each start, by binary search over the twelve month-start instants
      // (cheaper per row than a time-zone conversion).
      const starts = Array.from({ length: 12 }, (_, i) => shanghaiInstant(`${f.year}-${String(i + 1).padStart(2, '0')}-01`));
      const { rows } = await sql<{ orgId: number; kind: string; partyGroupId: number | null; months: number[] }>`
        select m.org_id, m.kind, m.party_group_id,
               array_agg(width_bucket(m.starts_at, ${starts}::timestamptz[])) as months
        from meeting m join meeting_minutes mm on mm.meeting_id = m.id and mm.confirmed_at is not null
        where ${within} and m.status = 'planned' and m.starts_at >= ${from} and m.starts_at < ${to}
          and m.kind in (${sql.join([...REQUIRED_MEETING_KINDS])}) ${only}
        group by m.org_id, m.kind, m.party_group_id`.execute(db);
      return rows;
    },

    /** Approved exemptions of the year in the subtree (or of the given organisations). */
    approvedExemptions(f: { rootPath: string | null; year: number; orgIds?: number[] }) {
      return db.selectFrom('complianceExemption').select(['orgId', 'kind', 'periodKey'])
        .$if(f.rootPath !== null, (q) => q.where(sql<SqlBool>`org_path <@ ${f.rootPath}::ltree`))
        .$if(f.orgIds !== undefined, (q) => q.where('orgId', 'in', f.orgIds!.length ? f.orgIds! : [0]))
        .where('status', '=', 'approved').where('periodKey', 'like', `${f.year}%`).execute();
    },

    /** Meetings of one organisation in the year (not cancelled), with whether they count as held. */
    meetingsOfYear(orgId: number, year: number) {
      const { from, to } = yearRange(year);
      return db.selectFrom('meeting as m').leftJoin('meetingMinutes as mm', 'mm.meetingId', 'm.id')
        .select(['m.id', 'm.kind', 'm.title', 'm.startsAt', 'm.status', 'm.partyGroupId', sql<boolean>`mm.confirmed_at is not null`.as('minutesConfirmed')])
        .where('m.orgId', '=', orgId).where('m.status', '=', 'planned').where('m.startsAt', '>=', from).where('m.startsAt', '<', to)
        .orderBy('m.startsAt').orderBy('m.id').execute();
    },

    /** Every exemption of one organisation for the year (any status), newest first. */
    exemptionsOf(orgId: number, year: number) {
      return db.selectFrom('complianceExemption as e').leftJoin('appUser as r', 'r.id', 'e.requestedBy').leftJoin('appUser as d', 'd.id', 'e.decidedBy')
        .innerJoin('org as o', 'o.id', 'e.orgId')
        .select([
          'e.id', 'e.orgId', 'o.name as orgName', sql<string>`e.org_path::text`.as('orgPath'), 'e.kind', 'e.periodKey', 'e.reason', 'e.status', 'e.requestedBy', 'r.displayName as requestedByName', 'e.requestedAt',
          'e.decidedAt', 'd.displayName as decidedByName', 'e.decisionNote',
        ])
        .where('e.orgId', '=', orgId).where('e.periodKey', 'like', `${year}%`).orderBy('e.requestedAt', 'desc').orderBy('e.id', 'desc').execute();
    },

    currentTerm(orgId: number) {
      return db.selectFrom('leadership').select(['termStart', 'termDue']).where('orgId', '=', orgId).where('isCurrent', '=', true).executeTakeFirst();
    },

    /** Direct children of the root that existed at some time in the year, for the rollup's rows. */
    children(rootId: number, year: number) {
      return db.selectFrom('org').select(['id', 'name', 'kind'])
        .where('parentId', '=', rootId)
        .where((eb) => eb.or([eb('abolishedOn', 'is', null), eb('abolishedOn', '>=', `${year}-01-01`)]))
        .execute();
    },

    // ----- exemptions --------------------------------------------------------------------

    liveExemption(orgId: number, kind: string, periodKey: string) {
      return db.selectFrom('complianceExemption').select(['id', 'status']).where('orgId', '=', orgId).where('kind', '=', kind).where('periodKey', '=', periodKey)
        .where('status', '<>', 'rejected').executeTakeFirst();
    },

    insertExemption(row: { orgId: number; orgPath: string; kind: string; periodKey: string; reason: string; requestedBy: number }) {
      return db.insertInto('complianceExemption').values(row).returning('id').executeTakeFirstOrThrow();
    },

    lockExemption(id: number) {
      return db.selectFrom('complianceExemption').select(['id', 'orgId', sql<string>`org_path::text`.as('orgPath'), 'kind', 'periodKey', 'status', 'requestedBy'])
        .where('id', '=', id).forUpdate().executeTakeFirst();
    },

    decideExemption(id: number, d: { status: string; decidedBy: number; decisionNote: string | null }) {
      return db.updateTable('complianceExemption').set({ ...d, decidedAt: new Date() }).where('id', '=', id).where('status', '=', 'requested').executeTakeFirst();
    },

    async listExemptions(f: { scope: Expression<SqlBool>; status?: string; orgId?: number; page: number; pageSize: number }) {
      const base = db.selectFrom('complianceExemption as e').innerJoin('org as o', 'o.id', 'e.orgId')
        .where(f.scope)
        .$if(f.status !== undefined, (q) => q.where('e.status', '=', f.status!))
        .$if(f.orgId !== undefined, (q) => q.where('e.orgId', '=', f.orgId!));
      const [items, count] = await Promise.all([
        base.leftJoin('appUser as r', 'r.id', 'e.requestedBy').leftJoin('appUser as d', 'd.id', 'e.decidedBy')
          .select([
            'e.id', 'e.orgId', 'o.name as orgName', sql<string>`e.org_path::text`.as('orgPath'), 'e.kind', 'e.periodKey', 'e.reason', 'e.status', 'e.requestedBy', 'r.displayName as requestedByName',
            'e.requestedAt', 'e.decidedAt', 'd.displayName as decidedByName', 'e.decisionNote',
          ])
          // The queue order: waiting ones first, oldest request first.
          .orderBy(sql`case e.status when 'requested' then 0 else 1 end`).orderBy(sql`case when e.status = 'requested' then e.requested_at end`).orderBy('e.decidedAt', 'desc').orderBy('e.id', 'desc')
          .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    // ----- ledger ------------------------------------------------------------------------

    /** Every meeting of the year that was not cancelled, in date order, with names and minutes. */
    ledgerMeetings(orgId: number, year: number) {
      const { from, to } = yearRange(year);
      return db.selectFrom('meeting as m')
        .leftJoin('meetingMinutes as mm', 'mm.meetingId', 'm.id')
        .leftJoin('venue as v', 'v.id', 'm.venueId')
        .leftJoin('partyGroup as g', 'g.id', 'm.partyGroupId')
        .leftJoin('member as h', 'h.id', 'm.hostMemberId')
        .leftJoin('member as r', 'r.id', 'm.recorderMemberId')
        .leftJoin('member as l', 'l.id', 'm.lecturerMemberId')
        .select([
          'm.id', 'm.kind', 'm.title', 'm.topics', 'm.startsAt', 'm.endsAt', 'm.mode', 'm.place', 'v.name as venueName', 'g.name as partyGroupName', 'm.partyGroupId',
          'h.name as hostName', 'r.name as recorderName', sql<string | null>`coalesce(l.name, m.lecturer_name)`.as('lecturerName'),
          'mm.content as minutesContent', 'mm.decisions as minutesDecisions', 'mm.confirmedAt', 'mm.recordedAt', 'm.status',
        ])
        .where('m.orgId', '=', orgId).where('m.status', '=', 'planned').where('m.startsAt', '>=', from).where('m.startsAt', '<', to)
        .orderBy('m.startsAt').orderBy('m.id').execute();
    },

    async attendanceCounts(meetingIds: number[]) {
      if (meetingIds.length === 0) return [];
      return db.selectFrom('meetingAttendee').select(['meetingId', 'attendance', sql<number>`count(*)::int`.as('n')])
        .where('meetingId', 'in', meetingIds).groupBy(['meetingId', 'attendance']).execute();
    },

    async votes(meetingIds: number[]) {
      if (meetingIds.length === 0) return [];
      return db.selectFrom('meetingVote').select(['meetingId', 'position', 'item', 'entitled', 'present', 'yes', 'no', 'abstain', 'quorumMet', 'passed'])
        .where('meetingId', 'in', meetingIds).orderBy('meetingId').orderBy('position').execute();
    },

    // ----- reminders ---------------------------------------------------------------------

    /** Branch-level organisations (not abolished) in the given subtrees, at most `limit`. */
    async branchesUnder(paths: string[], limit: number) {
      if (paths.length === 0) return [];
      return db.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path')])
        .where(sql<SqlBool>`path <@ array[${sql.join(paths)}]::ltree[]`).where('kind', 'in', [...BRANCH_KINDS]).where('abolishedOn', 'is', null)
        .orderBy('path').limit(limit).execute();
    },
  };
}
export type ComplianceRepository = ReturnType<typeof createComplianceRepository>;
