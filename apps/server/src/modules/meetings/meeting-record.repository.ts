import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../../db/database';
import type { MeetingVoteTable } from '../../db/types';

/** Minutes attachments: owner_type in the shared attachment table. */
export const MINUTES_OWNER = 'meetingMinutes';

/** What a meeting leaves on record: minutes and their versions, votes, files, discussion posts. */
export function createMeetingRecordRepository(db: Queryable) {
  return {
    // ----- minutes --------------------------------------------------------------------------

    minutes(meetingId: number) {
      return db.selectFrom('meetingMinutes as mm')
        .leftJoin('appUser as r', 'r.id', 'mm.recordedBy')
        .leftJoin('appUser as c', 'c.id', 'mm.confirmedBy')
        .select(['mm.content', 'mm.decisions', 'mm.revision', 'mm.recordedAt', 'r.displayName as recordedByName', 'mm.confirmedAt', 'c.displayName as confirmedByName'])
        .where('mm.meetingId', '=', meetingId)
        .executeTakeFirst();
    },

    /** The minutes row, locked for the rest of the transaction. */
    lockMinutes(meetingId: number) {
      return db.selectFrom('meetingMinutes').selectAll().where('meetingId', '=', meetingId).forUpdate().executeTakeFirst();
    },

    async insertMinutes(row: { meetingId: number; content: string; decisions: string | null; recordedBy: number }) {
      await db.insertInto('meetingMinutes').values(row).execute();
    },

    async updateMinutes(meetingId: number, patch: { content: string; decisions: string | null; revision?: number; recordedBy: number }) {
      await db.updateTable('meetingMinutes').set(patch).where('meetingId', '=', meetingId).execute();
      // recorded_at is written only here (the types keep it insert-only elsewhere): the latest save.
      await sql`update meeting_minutes set recorded_at = now() where meeting_id = ${meetingId}`.execute(db);
    },

    async confirmMinutes(meetingId: number, userId: number) {
      await db.updateTable('meetingMinutes').set({ confirmedAt: new Date(), confirmedBy: userId }).where('meetingId', '=', meetingId).execute();
    },

    async insertVersion(row: { meetingId: number; revision: number; content: string; decisions: string | null; reason: string | null; changedBy: number }) {
      await db.insertInto('meetingMinutesVersion').values(row).execute();
    },

    versions(meetingId: number) {
      return db.selectFrom('meetingMinutesVersion as v').leftJoin('appUser as u', 'u.id', 'v.changedBy')
        .select(['v.revision', 'v.content', 'v.decisions', 'v.reason', 'v.changedAt', 'u.displayName as changedByName'])
        .where('v.meetingId', '=', meetingId).orderBy('v.revision').execute();
    },

    // ----- votes ----------------------------------------------------------------------------

    votes(meetingId: number) {
      return db.selectFrom('meetingVote as v').leftJoin('member as s', 's.id', 'v.subjectMemberId')
        .select(['v.id', 'v.position', 'v.item', 'v.subjectMemberId', 's.name as subjectName', 'v.entitled', 'v.present', 'v.yes', 'v.no', 'v.abstain', 'v.quorumMet', 'v.passed', 'v.recordedAt'])
        .where('v.meetingId', '=', meetingId).orderBy('v.position').execute();
    },

    /** Appends a vote after the meeting's last one (call with the meeting row locked). */
    async insertVote(row: Omit<Insertable<MeetingVoteTable>, 'position'>) {
      const last = await db.selectFrom('meetingVote').select(sql<number>`coalesce(max(position), 0)::int`.as('n')).where('meetingId', '=', row.meetingId).executeTakeFirstOrThrow();
      return db.insertInto('meetingVote').values({ ...row, position: last.n + 1 }).returning(['id', 'position']).executeTakeFirstOrThrow();
    },

    // ----- attachments ----------------------------------------------------------------------

    attachments(meetingId: number) {
      return db.selectFrom('attachment').select(['id', 'fileName', 'contentType', 'sizeBytes', 'createdAt'])
        .where('ownerType', '=', MINUTES_OWNER).where('ownerId', '=', meetingId).orderBy('id').execute();
    },

    insertAttachment(row: { ownerId: number; orgPath: string; fileName: string; contentType: string; sizeBytes: number; sha256: Buffer; uploadedBy: number }) {
      return db.insertInto('attachment').values({ ownerType: MINUTES_OWNER, ownerPart: null, ...row }).returning('id').executeTakeFirstOrThrow();
    },

    getAttachment(meetingId: number, id: number) {
      return db.selectFrom('attachment')
        .select(['id', 'ownerId', 'fileName', 'contentType', 'sizeBytes', 'sha256'])
        .where('id', '=', id).where('ownerType', '=', MINUTES_OWNER).where('ownerId', '=', meetingId)
        .executeTakeFirst();
    },

    async removeAttachment(id: number) {
      await db.deleteFrom('attachment').where('id', '=', id).execute();
    },

    /** Serialises writers of one stored file (same key as every other owner of attachments). */
    async lockFile(sha256: Buffer) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${sha256.toString('hex')}, 0))`.execute(db);
    },

    async isShaReferenced(sha256: Buffer) {
      return !!(await db.selectFrom('attachment').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst());
    },

    // ----- discussion threads (网络e支部) ----------------------------------------------------

    /** One page of a thread, oldest first: a meeting's (meetingId) or the organisation's own (meetingId null). */
    async posts(thread: { orgId: number; meetingId: number | null }, page: number | undefined, pageSize: number) {
      const base = db.selectFrom('discussionPost as p')
        .where('p.orgId', '=', thread.orgId)
        .where('p.meetingId', thread.meetingId === null ? 'is' : '=', thread.meetingId);
      const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n);
      const lastPage = Math.max(1, Math.ceil(total / pageSize));
      const current = Math.min(page ?? lastPage, lastPage);
      const items = await base
        .innerJoin('appUser as u', 'u.id', 'p.authorUserId')
        .leftJoin('member as mb', 'mb.id', 'p.authorMemberId')
        .select(['p.id', 'p.authorUserId', 'p.body', 'p.hiddenAt', 'p.createdAt', sql<string>`coalesce(mb.name, u.display_name)`.as('authorName')])
        .orderBy('p.id').limit(pageSize).offset((current - 1) * pageSize).execute();
      return { items, total, page: current };
    },

    insertPost(row: { orgId: number; orgPath: string; meetingId: number | null; authorUserId: number; authorMemberId: number | null; body: string }) {
      return db.insertInto('discussionPost').values(row).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
    },

    lockPost(id: number) {
      return db.selectFrom('discussionPost').select(['id', 'orgId', sql<string>`org_path::text`.as('orgPath'), 'meetingId', 'body', 'hiddenAt']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async hidePost(id: number, userId: number) {
      await db.updateTable('discussionPost').set({ hiddenAt: new Date(), hiddenBy: userId }).where('id', '=', id).execute();
    },
  };
}
export type MeetingRecordRepository = ReturnType<typeof createMeetingRecordRepository>;
