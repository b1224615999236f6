import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';

// Peer reviews are stored in two tables that share no key: a receipt (A reviewed B) and a
// ballot (B's grade and comment, random id, no author, no time). Queries here read receipts
// for progress and ballots only in aggregate per reviewed member; none joins the two.

/** Whether a participant has done their part, as SQL over `p` (appraisal_participant). */
const finishedSql = sql<boolean>`(p.self_submitted_at is not null and
  (select count(*) from appraisal_peer_receipt r where r.campaign_id = p.campaign_id and r.reviewer_member_id = p.member_id)
  >= (select count(*) from appraisal_participant q where q.campaign_id = p.campaign_id) - 1)`;

export function createAppraisalRepository(db: Queryable) {
  return {
    getOrg(orgId: number) {
      return db.selectFrom('org').select(['id', 'name', 'kind', 'abolishedOn', sql<string>`path::text`.as('path')]).where('id', '=', orgId).executeTakeFirst();
    },

    /** Members of the organisation itself who take part in organisational life now. */
    liveMembersOf(orgId: number) {
      // 停止党籍 (suspended) members have no party rights to exercise, so they are not appraised.
      return db.selectFrom('member').select(['id', 'name', 'category']).where('orgId', '=', orgId).where('status', '=', 'normal').orderBy('id').execute();
    },

    campaignOfYear(orgId: number, year: number) {
      return db.selectFrom('appraisalCampaign').select('id').where('orgId', '=', orgId).where('year', '=', year).executeTakeFirst();
    },

    /** Inserts a campaign; undefined when the organisation already has one that year. */
    insertCampaign(row: { orgId: number; orgPath: string; year: number; title: string; studyMaterials: string | null; reviewDueOn: string; createdBy: number }) {
      return db.insertInto('appraisalCampaign').values(row).onConflict((oc) => oc.columns(['orgId', 'year']).doNothing()).returning('id').executeTakeFirst();
    },

    async insertParticipants(campaignId: number, members: { id: number; category: string }[]) {
      if (members.length === 0) return;
      await db.insertInto('appraisalParticipant').values(members.map((m) => ({ campaignId, memberId: m.id, category: m.category }))).execute();
    },

    getCampaign(id: number) {
      return db
        .selectFrom('appraisalCampaign as c')
        .innerJoin('org as o', 'o.id', 'c.orgId')
        .select([
          'c.id', 'c.orgId', 'o.name as orgName', sql<string>`c.org_path::text`.as('orgPath'), 'c.year', 'c.title', 'c.studyMaterials', 'c.stage', 'c.reviewDueOn',
          'c.confirmedMeetingId', 'c.publishedAt', 'c.appealUntil', 'c.version',
        ])
        .where('c.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks the campaign row: `update` for stage moves, `share` for members' writes (they wait for a stage move). */
    lockCampaign(id: number, mode: 'update' | 'share') {
      const q = db
        .selectFrom('appraisalCampaign as c')
        .innerJoin('org as o', 'o.id', 'c.orgId')
        .select(['c.id', 'c.orgId', 'o.name as orgName', sql<string>`c.org_path::text`.as('orgPath'), 'c.year', 'c.title', 'c.stage', 'c.reviewDueOn', 'c.appealUntil', 'c.version'])
        .where('c.id', '=', id);
      return (mode === 'update' ? q.forUpdate('c') : q.forShare('c')).executeTakeFirst();
    },

    /** Moves the campaign on when its version still matches; false when someone else moved it first. */
    async updateCampaign(id: number, version: number, patch: Partial<{ stage: string; confirmedMeetingId: number; publishedAt: Date; appealUntil: string }>) {
      const r = await db.updateTable('appraisalCampaign').set({ ...patch, version: sql`version + 1`, updatedAt: new Date() }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Participants with their own review progress (receipts they hold), by name. */
    participants(campaignId: number) {
      return db
        .selectFrom('appraisalParticipant as p')
        .innerJoin('member as m', 'm.id', 'p.memberId')
        .select([
          'p.memberId', 'm.name', 'p.category', 'p.selfAnalysis', 'p.selfGrade', 'p.selfSubmittedAt', 'p.proposedGrade', 'p.proposedReason', 'p.finalGrade',
          sql<number>`(select count(*)::int from appraisal_peer_receipt r where r.campaign_id = p.campaign_id and r.reviewer_member_id = p.member_id)`.as('reviewsDone'),
          finishedSql.as('finished'),
        ])
        .where('p.campaignId', '=', campaignId)
        .orderBy(sql`m.name`)
        .orderBy('p.memberId')
        .execute();
    },

    participant(campaignId: number, memberId: number) {
      return db
        .selectFrom('appraisalParticipant as p')
        .select(['p.memberId', 'p.category', 'p.selfAnalysis', 'p.selfGrade', 'p.selfSubmittedAt', 'p.finalGrade', finishedSql.as('finished')])
        .where('p.campaignId', '=', campaignId)
        .where('p.memberId', '=', memberId)
        .executeTakeFirst();
    },

    /** Peer grades per reviewed member, counted; no ballot row leaves the database. */
    ballotCounts(campaignId: number) {
      return db
        .selectFrom('appraisalPeerBallot')
        .select(['reviewedMemberId', 'grade', sql<number>`count(*)::int`.as('n')])
        .where('campaignId', '=', campaignId)
        .groupBy(['reviewedMemberId', 'grade'])
        .execute();
    },

    /** Non-empty peer comments per reviewed member, in alphabetical order (never storage order). */
    ballotComments(campaignId: number) {
      return db
        .selectFrom('appraisalPeerBallot')
        .select(['reviewedMemberId', sql<string[]>`array_agg(comment order by comment)`.as('comments')])
        .where('campaignId', '=', campaignId)
        .where(sql<SqlBool>`coalesce(btrim(comment), '') <> ''`)
        .groupBy('reviewedMemberId')
        .execute();
    },

    /** Whom a reviewer has already reviewed (receipts only). */
    async reviewedBy(campaignId: number, reviewerMemberId: number) {
      const rows = await db.selectFrom('appraisalPeerReceipt').select('reviewedMemberId').where('campaignId', '=', campaignId).where('reviewerMemberId', '=', reviewerMemberId).execute();
      return new Set(rows.map((r) => r.reviewedMemberId));
    },

    /** Inserts receipts; returns those actually inserted (an existing one is left alone). */
    insertReceipts(campaignId: number, reviewerMemberId: number, reviewedIds: number[]) {
      return db
        .insertInto('appraisalPeerReceipt')
        .values(reviewedIds.map((reviewedMemberId) => ({ campaignId, reviewerMemberId, reviewedMemberId })))
        .onConflict((oc) => oc.doNothing())
        .returning('reviewedMemberId')
        .execute();
    },

    /** Inserts ballots: a grade and comment for a reviewed member, nothing about who gave them. */
    async insertBallots(campaignId: number, ballots: { reviewedMemberId: number; grade: string; comment: string | null }[]) {
      if (ballots.length === 0) return;
      await db.insertInto('appraisalPeerBallot').values(ballots.map((b) => ({ campaignId, ...b }))).execute();
    },

    async updateSelf(campaignId: number, memberId: number, selfAnalysis: string, selfGrade: string) {
      await db.updateTable('appraisalParticipant').set({ selfAnalysis, selfGrade, selfSubmittedAt: new Date() }).where('campaignId', '=', campaignId).where('memberId', '=', memberId).execute();
    },

    async setProposal(campaignId: number, grades: { memberId: number; grade: string; reason: string | null }[]) {
      if (grades.length === 0) return;
      await sql`
        update appraisal_participant p set proposed_grade = v.grade, proposed_reason = v.reason
        from unnest(${grades.map((g) => g.memberId)}::bigint[], ${grades.map((g) => g.grade)}::text[], ${grades.map((g) => g.reason)}::text[]) as v(member_id, grade, reason)
        where p.campaign_id = ${campaignId} and p.member_id = v.member_id`.execute(db);
    },

    async confirmProposal(campaignId: number) {
      await db.updateTable('appraisalParticipant').set((eb) => ({ finalGrade: eb.ref('proposedGrade') })).where('campaignId', '=', campaignId).execute();
    },

    async setFinalGrade(campaignId: number, memberId: number, grade: string) {
      await db.updateTable('appraisalParticipant').set({ finalGrade: grade }).where('campaignId', '=', campaignId).where('memberId', '=', memberId).execute();
    },

    getMeeting(id: number) {
      return db.selectFrom('meeting').select(['id', 'orgId', 'kind', 'status', 'title', 'startsAt']).where('id', '=', id).executeTakeFirst();
    },

    appeals(campaignId: number) {
      return db
        .selectFrom('appraisalAppeal as a')
        .innerJoin('member as m', 'm.id', 'a.memberId')
        .select(['a.id', 'a.memberId', 'm.name', 'a.reason', 'a.status', 'a.decision', 'a.createdAt', 'a.decidedAt'])
        .where('a.campaignId', '=', campaignId)
        .orderBy('a.id')
        .execute();
    },

    appealOf(campaignId: number, memberId: number) {
      return db.selectFrom('appraisalAppeal').select(['id', 'reason', 'status', 'decision', 'createdAt', 'decidedAt']).where('campaignId', '=', campaignId).where('memberId', '=', memberId).executeTakeFirst();
    },

    /** Inserts the member's appeal; undefined when they already appealed. */
    insertAppeal(campaignId: number, memberId: number, reason: string) {
      return db.insertInto('appraisalAppeal').values({ campaignId, memberId, reason }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    },

    lockAppeal(id: number) {
      return db.selectFrom('appraisalAppeal').select(['id', 'campaignId', 'memberId', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async decideAppeal(id: number, patch: { status: string; decision: string; decidedBy: number }) {
      await db.updateTable('appraisalAppeal').set({ ...patch, decidedAt: new Date() }).where('id', '=', id).execute();
    },

    async openAppealCount(campaignId: number) {
      const r = await db.selectFrom('appraisalAppeal').select(sql<number>`count(*)::int`.as('n')).where('campaignId', '=', campaignId).where('status', '=', 'open').executeTakeFirstOrThrow();
      return r.n;
    },

    /** Campaigns under the scope, newest year first, with progress counts. */
    async listCampaigns(f: { scope: Expression<SqlBool>; year?: number; stage?: string; rootPath?: string; page: number; pageSize: number }) {
      const base = db
        .selectFrom('appraisalCampaign as c')
        .innerJoin('org as o', 'o.id', 'c.orgId')
        .where(f.scope)
        .$if(f.year !== undefined, (q) => q.where('c.year', '=', f.year!))
        .$if(!!f.stage, (q) => q.where('c.stage', '=', f.stage!))
        .$if(!!f.rootPath, (q) => q.where(sql<SqlBool>`c.org_path <@ ${f.rootPath}::ltree`));
      const [items, count] = await Promise.all([
        base
          .select(['c.id', 'c.orgId', 'o.name as orgName', 'c.year', 'c.title', 'c.stage', 'c.reviewDueOn', 'c.appealUntil', 'c.version'])
          .select(sql<number>`(select count(*)::int from appraisal_participant p where p.campaign_id = c.id)`.as('participantCount'))
          .select(sql<number>`(select count(*)::int from appraisal_participant p where p.campaign_id = c.id and ${finishedSql})`.as('finishedCount'))
          .select(sql<number>`(select count(*)::int from appraisal_appeal a where a.campaign_id = c.id and a.status = 'open')`.as('openAppealCount'))
          .orderBy('c.year', 'desc')
          .orderBy('o.path')
          .limit(f.pageSize)
          .offset((f.page - 1) * f.pageSize)
          .execute(),
        base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: count.n };
    },

    /** The campaigns a member takes part in, newest first, with their own progress. */
    myCampaigns(memberId: number) {
      return db
        .selectFrom('appraisalParticipant as p')
        .innerJoin('appraisalCampaign as c', 'c.id', 'p.campaignId')
        .innerJoin('org as o', 'o.id', 'c.orgId')
        .select([
          'c.id', 'o.name as orgName', 'c.year', 'c.title', 'c.stage', 'c.reviewDueOn', 'c.appealUntil', 'p.selfSubmittedAt', 'p.finalGrade', finishedSql.as('finished'),
          sql<number>`(select count(*)::int from appraisal_peer_receipt r where r.campaign_id = c.id and r.reviewer_member_id = p.member_id)`.as('reviewed'),
          sql<number>`(select count(*)::int from appraisal_participant q where q.campaign_id = c.id) - 1`.as('others'),
        ])
        .where('p.memberId', '=', memberId)
        .orderBy('c.year', 'desc')
        .orderBy('c.id', 'desc')
        .execute();
    },

    history(memberId: number) {
      return db.selectFrom('memberAppraisal').select(['year', 'grade', 'orgName', 'campaignId']).where('memberId', '=', memberId).orderBy('year', 'desc').execute();
    },

    /** Copies the final grades into the members' history (a later campaign of the same year replaces an earlier one). */
    async writeHistory(campaignId: number, year: number, orgName: string) {
      await sql`
        insert into member_appraisal (member_id, year, grade, campaign_id, org_name)
        select member_id, ${year}, final_grade, campaign_id, ${orgName} from appraisal_participant
        where campaign_id = ${campaignId} and final_grade is not null
        on conflict (member_id, year) do update set grade = excluded.grade, campaign_id = excluded.campaign_id, org_name = excluded.org_name, recorded_at = now()`.execute(db);
    },

    /** Members who already hold a reminder to-do of this campaign. */
    async remindedMembers(campaignId: number) {
      const rows = await db.selectFrom('todo').select('memberId').where('kind', '=', 'appraisal.remind').where('sourceType', '=', 'appraisalCampaign').where('sourceId', '=', campaignId).execute();
      return new Set(rows.map((r) => r.memberId));
    },

    /** Secretaries (orgAdmin grants) over the organisation, who decide appeals. */
    async secretariesOver(orgPath: string) {
      const rows = await db
        .selectFrom('userGrant as g')
        .innerJoin('org as o', 'o.id', 'g.orgId')
        .select('g.userId')
        .distinct()
        .where('g.role', '=', 'orgAdmin')
        .where(sql<SqlBool>`o.path @> ${orgPath}::ltree`)
        .execute();
      return rows.map((r) => r.userId);
    },
  };
}
export type AppraisalRepository = ReturnType<typeof createAppraisalRepository>;
