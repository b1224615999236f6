import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Queryable } from '../../db/database';
import type { MeetingAttendeeTable, MeetingTable } from '../../db/types';
import { escapeLike } from '../../platform/sql';

/** A member record that is live: in the register (status normal), full or probationary. */
const LIVE = 'normal';

export interface MeetingListFilter {
  scope: Expression<SqlBool>;
  rootPath?: string;
  kind?: string;
  from?: Date;
  to?: Date;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export type MeetingPatch = Updateable<MeetingTable>;

/** Meetings, their invitees and the organisation data planning needs. */
export function createMeetingRepository(db: Queryable) {
  const meetingBase = () =>
    db
      .selectFrom('meeting as m')
      .innerJoin('org as o', 'o.id', 'm.orgId')
      .leftJoin('venue as v', 'v.id', 'm.venueId');

  return {
    // ----- organisations and members ------------------------------------------------------

    getOrg(orgId: number) {
      return db.selectFrom('org').select(['id', 'name', 'kind', 'abolishedOn', sql<string>`path::text`.as('path')]).where('id', '=', orgId).executeTakeFirst();
    },

    /** Live members of an organisation (optionally only the given ones, or one party group's). */
    liveMembers(orgId: number, only?: { ids?: number[]; partyGroupId?: number }) {
      if (only?.ids && only.ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('member').select(['id', 'name', 'category', 'partyGroupId'])
        .where('orgId', '=', orgId).where('status', '=', LIVE)
        .$if(only?.ids !== undefined, (q) => q.where('id', 'in', only!.ids!))
        .$if(only?.partyGroupId !== undefined, (q) => q.where('partyGroupId', '=', only!.partyGroupId!))
        .orderBy('id').execute();
    },

    /** Names of members, for messages; only those whose organisation lies inside `scope`. */
    memberNames(ids: number[], scope: Expression<SqlBool>) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('member as mb').select(['mb.id', 'mb.name']).where('mb.id', 'in', ids).where(scope).execute();
    },

    partyGroup(id: number) {
      return db.selectFrom('partyGroup').select(['id', 'orgId', 'name']).where('id', '=', id).executeTakeFirst();
    },

    /** Holders of a post in the organisation's current committee term, not dismissed by `today`. */
    committeeMemberIds(orgId: number, today: string) {
      return db.selectFrom('leadership as l').innerJoin('leadershipPost as p', 'p.leadershipId', 'l.id')
        .innerJoin('member as mb', 'mb.id', 'p.memberId')
        .select('p.memberId').distinct()
        .where('l.orgId', '=', orgId).where('l.isCurrent', '=', true)
        .where((eb) => eb.or([eb('p.dismissedOn', 'is', null), eb('p.dismissedOn', '>', today)]))
        .where('mb.status', '=', LIVE)
        .execute().then((rows) => rows.map((r) => r.memberId));
    },

    /** Live full and probationary members of the organisation with their attendance here, if invited. */
    voterRoll(meetingId: number, orgId: number) {
      return db.selectFrom('member as mb')
        .leftJoin('meetingAttendee as a', (j) => j.onRef('a.memberId', '=', 'mb.id').on('a.meetingId', '=', meetingId))
        .select(['mb.id', 'mb.category', 'a.attendance'])
        .where('mb.orgId', '=', orgId).where('mb.status', '=', LIVE)
        .execute();
    },

    // ----- meetings -------------------------------------------------------------------------

    insertMeeting(row: Insertable<MeetingTable>) {
      return db.insertInto('meeting').values(withJson(row)).returning('id').executeTakeFirstOrThrow().then((r) => r.id);
    },

    /** Applies a patch when the version still matches (and bumps it); false when someone else changed it first. */
    async updateMeeting(id: number, version: number, patch: MeetingPatch): Promise<boolean> {
      const r = await db.updateTable('meeting').set({ ...withJson(patch), version: sql`version + 1`, updatedAt: new Date() })
        .where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** The meeting row, locked for the rest of the transaction. */
    lockMeeting(id: number) {
      return db.selectFrom('meeting').selectAll().select(sql<string>`org_path::text`.as('orgPath')).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    /** The meeting with the names the detail view shows. */
    getMeeting(id: number) {
      return meetingBase()
        .leftJoin('member as h', 'h.id', 'm.hostMemberId')
        .leftJoin('member as r', 'r.id', 'm.recorderMemberId')
        .leftJoin('member as l', 'l.id', 'm.lecturerMemberId')
        .leftJoin('partyGroup as g', 'g.id', 'm.partyGroupId')
        .leftJoin('appUser as u', 'u.id', 'm.createdBy')
        .leftJoin('venueBooking as b', (j) => j.onRef('b.meetingId', '=', 'm.id').on('b.cancelledAt', 'is', null))
        .select([
          'm.id', 'm.orgId', 'o.name as orgName', sql<string>`m.org_path::text`.as('orgPath'), 'm.kind', 'm.title', 'm.topics', 'm.startsAt', 'm.endsAt',
          'm.mode', 'm.place', 'm.venueId', 'v.name as venueName', 'v.address as venueAddress', 'b.id as bookingId', 'm.onlineLink',
          'm.hostMemberId', 'h.name as hostName', 'm.recorderMemberId', 'r.name as recorderName', 'm.lecturerMemberId', 'l.name as lecturerMemberName', 'm.lecturerName',
          'm.partyGroupId', 'g.name as partyGroupName', 'm.guests', 'm.status', 'm.cancelledReason', 'm.minutesDueOn', 'm.createdBy', 'u.displayName as createdByName', 'm.version',
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    async list(f: MeetingListFilter) {
      let q = meetingBase().where(f.scope);
      if (f.rootPath) q = q.where(sql<SqlBool>`m.org_path <@ ${f.rootPath}::ltree`);
      if (f.kind) q = q.where('m.kind', '=', f.kind);
      if (f.from) q = q.where('m.startsAt', '>=', f.from);
      if (f.to) q = q.where('m.startsAt', '<', f.to);
      if (f.status) q = q.where('m.status', '=', f.status);
      if (f.q) q = q.where('m.title', 'ilike', `%${escapeLike(f.q)}%`);
      const [items, total] = await Promise.all([
        q.leftJoin('meetingMinutes as mm', 'mm.meetingId', 'm.id')
          .select([
            'm.id', 'm.orgId', 'o.name as orgName', 'm.kind', 'm.title', 'm.startsAt', 'm.endsAt', 'm.mode', 'm.place', 'v.name as venueName', 'm.status',
            'm.minutesDueOn', 'mm.meetingId as minutesOf', 'mm.confirmedAt',
          ])
          .orderBy('m.startsAt', 'desc').orderBy('m.id', 'desc')
          .limit(f.pageSize).offset((f.page - 1) * f.pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
      ]);
      return { items, total };
    },

    /** Reply and attendance counts of several meetings at once. */
    async counts(meetingIds: number[]) {
      if (meetingIds.length === 0) return new Map<number, AttendanceCountsRow>();
      const rows = await db.selectFrom('meetingAttendee').select([
        'meetingId',
        sql<number>`count(*)::int`.as('invited'),
        sql<number>`(count(*) filter (where reply = 'attend'))::int`.as('attending'),
        sql<number>`(count(*) filter (where leave_status = 'requested'))::int`.as('leaveRequested'),
        sql<number>`(count(*) filter (where attendance in ('present', 'online')))::int`.as('present'),
        sql<number>`(count(*) filter (where attendance = 'online'))::int`.as('online'),
      ]).where('meetingId', 'in', meetingIds).groupBy('meetingId').execute();
      return new Map(rows.map((r) => [r.meetingId, { invited: r.invited, attending: r.attending, leaveRequested: r.leaveRequested, present: r.present, online: r.online }]));
    },

    /** The signing-in secret, created on first use (two screens at once agree on one). */
    async signInSecret(meetingId: number, fresh: Buffer): Promise<Buffer> {
      const row = await db.updateTable('meeting').set({ signInSecret: sql`coalesce(sign_in_secret, ${fresh})` })
        .where('id', '=', meetingId).returning('signInSecret').executeTakeFirstOrThrow();
      return row.signInSecret!;
    },

    // ----- invitees -------------------------------------------------------------------------

    attendees(meetingId: number) {
      return db.selectFrom('meetingAttendee as a').innerJoin('member as mb', 'mb.id', 'a.memberId')
        .select(['a.memberId', 'mb.name', 'mb.category', 'a.reply', 'a.repliedAt', 'a.leaveReason', 'a.leaveStatus', 'a.leaveDecidedAt', 'a.attendance', 'a.signInMethod', 'a.signedInAt'])
        .where('a.meetingId', '=', meetingId)
        .orderBy('mb.id')
        .execute();
    },

    async addAttendees(meetingId: number, memberIds: number[]) {
      if (memberIds.length === 0) return;
      await db.insertInto('meetingAttendee').values(memberIds.map((memberId) => ({ meetingId, memberId }))).onConflict((oc) => oc.doNothing()).execute();
    },

    /** Removes invitees who have not replied or been recorded (an edit changed who is invited). */
    async removeUntouchedAttendees(meetingId: number, memberIds: number[]): Promise<number[]> {
      if (memberIds.length === 0) return [];
      const rows = await db.deleteFrom('meetingAttendee').where('meetingId', '=', meetingId).where('memberId', 'in', memberIds)
        .where('reply', '=', 'pending').where('attendance', '=', 'unknown').returning('memberId').execute();
      return rows.map((r) => r.memberId);
    },

    lockAttendee(meetingId: number, memberId: number) {
      return db.selectFrom('meetingAttendee').selectAll().where('meetingId', '=', meetingId).where('memberId', '=', memberId).forUpdate().executeTakeFirst();
    },

    async updateAttendee(meetingId: number, memberId: number, patch: Updateable<MeetingAttendeeTable>) {
      await db.updateTable('meetingAttendee').set(patch).where('meetingId', '=', meetingId).where('memberId', '=', memberId).execute();
    },

    /** Whether someone still awaits a leave decision at this meeting. */
    async hasPendingLeave(meetingId: number): Promise<boolean> {
      const row = await db.selectFrom('meetingAttendee').select('memberId').where('meetingId', '=', meetingId).where('leaveStatus', '=', 'requested').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /** Opens (or reopens) the planner's leave-decision to-do of a meeting. */
    async reopenTodo(where: { kind: string; sourceType: string; sourceId: number; userId: number }) {
      await db.updateTable('todo').set({ doneAt: null })
        .where('kind', '=', where.kind).where('sourceType', '=', where.sourceType).where('sourceId', '=', where.sourceId).where('userId', '=', where.userId)
        .execute();
    },

    /** Moves the due date of a meeting's open to-dos of a kind (the meeting moved). */
    async setTodoDue(where: { kind: string; sourceType: string; sourceId: number }, dueOn: string, showsFrom?: Date) {
      await db.updateTable('todo').set({ dueOn, ...(showsFrom && { showsFrom }) })
        .where('kind', '=', where.kind).where('sourceType', '=', where.sourceType).where('sourceId', '=', where.sourceId).where('doneAt', 'is', null)
        .execute();
    },

    // ----- member pages ---------------------------------------------------------------------

    /** A member's meetings that end from `now` on (upcoming, soonest first) or ended before it (past, latest first). */
    async listForMember(memberId: number, when: 'upcoming' | 'past', now: Date, page: number, pageSize: number) {
      const q = meetingBase().innerJoin('meetingAttendee as a', 'a.meetingId', 'm.id')
        .where('a.memberId', '=', memberId)
        .where('m.endsAt', when === 'upcoming' ? '>=' : '<', now);
      const [items, total] = await Promise.all([
        q.leftJoin('meetingMinutes as mm', 'mm.meetingId', 'm.id')
          .select([
            'm.id', 'o.name as orgName', 'm.kind', 'm.title', 'm.startsAt', 'm.endsAt', 'm.mode', 'm.place', 'v.name as venueName', 'm.status',
            'a.reply', 'a.leaveReason', 'a.leaveStatus', 'a.attendance', 'a.signInMethod', 'a.signedInAt', 'mm.confirmedAt',
          ])
          .orderBy('m.startsAt', when === 'upcoming' ? 'asc' : 'desc').orderBy('m.id')
          .limit(pageSize).offset((page - 1) * pageSize)
          .execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
      ]);
      return { items, total };
    },
  };
}

/** pg sends a JS array as a PostgreSQL array; the jsonb columns take JSON text. */
function withJson<T extends { topics?: unknown; guests?: unknown }>(row: T): T {
  const out = { ...row };
  if (row.topics !== undefined) out.topics = sql`${JSON.stringify(row.topics)}::jsonb` as unknown as T['topics'];
  if (row.guests !== undefined) out.guests = sql`${JSON.stringify(row.guests)}::jsonb` as unknown as T['guests'];
  return out;
}

export interface AttendanceCountsRow {
  invited: number;
  attending: number;
  leaveRequested: number;
  present: number;
  online: number;
}
export const NO_COUNTS: AttendanceCountsRow = { invited: 0, attending: 0, leaveRequested: 0, present: 0, online: 0 };

export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
export type MeetingRow = NonNullable<Awaited<ReturnType<MeetingRepository['getMeeting']>>>;
export type LockedMeeting = NonNullable<Awaited<ReturnType<MeetingRepository['lockMeeting']>>>;
