import type { MeetingKind } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Actor } from '../../platform/access';
import { NotFound } from '../../platform/errors';
import { createMeetingRecordRepository } from './meeting-record.repository';
import { createMeetingRepository, NO_COUNTS } from './meeting.repository';
import { hasBegun, inSignInWindow } from './meeting.rules';
import type { MyMeetingDetailT } from './meeting.schemas';
import { meetingCoreView, minutesView, voteView, type Enum } from './meeting.views';

interface MineRow {
  reply: string;
  leaveReason: string | null;
  leaveStatus: string | null;
  attendance: string;
  signInMethod: string | null;
  signedInAt: Date | null;
}
const mineView = (a: MineRow) => ({
  reply: a.reply as Enum<'reply'>, leaveReason: a.leaveReason, leaveStatus: a.leaveStatus as Enum<'leaveStatus'> | null, attendance: a.attendance as Enum<'attendance'>,
  signInMethod: a.signInMethod as Enum<'signInMethod'> | null, signedInAt: a.signedInAt?.toISOString() ?? null,
});

/**
 * The member pages' view of meetings (/m): only meetings the member is invited to, their own
 * reply and attendance, minutes once confirmed (the recorder also sees the draft). Other
 * members' leave reasons are never shown here.
 */
export function createMeetingMemberService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createMeetingRepository(db);
  const records = createMeetingRecordRepository(db);

  return {
    /** My upcoming (soonest first) or past (latest first) meetings; none for an account without a member record. */
    async list(actor: Actor, q: { when: 'upcoming' | 'past'; page: number; pageSize: number }) {
      if (actor.memberId == null) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const p = await repo.listForMember(actor.memberId, q.when, new Date(), q.page, q.pageSize);
      return {
        items: p.items.map((m) => ({
          id: m.id, orgName: m.orgName, kind: m.kind as MeetingKind, title: m.title, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(),
          mode: m.mode as Enum<'mode'>, place: m.place, venueName: m.venueName, status: m.status as Enum<'status'>, mine: mineView(m), minutesConfirmed: m.confirmedAt !== null,
        })),
        total: p.total, page: q.page, pageSize: q.pageSize,
      };
    },

    /** One meeting I am invited to (404 otherwise). */
    async detail(actor: Actor, id: number): Promise<MyMeetingDetailT> {
      const memberId = actor.memberId;
      if (memberId == null) throw new NotFound();
      const m = await repo.getMeeting(id);
      if (!m) throw new NotFound();
      const attendees = await repo.attendees(id);
      const mine = attendees.find((a) => a.memberId === memberId);
      if (!mine) throw new NotFound();
      const [minutes, votes, attachments, counts] = await Promise.all([records.minutes(id), records.votes(id), records.attachments(id), repo.counts([id])]);
      const confirmed = !!minutes?.confirmedAt;
      const recorder = m.recorderMemberId === memberId;
      const planned = m.status === 'planned';
      const now = new Date();
      const took = mine.attendance === 'present' || mine.attendance === 'online';
      return {
        ...meetingCoreView(m),
        mine: mineView(mine),
        counts: counts.get(id) ?? NO_COUNTS,
        minutes: minutes && (confirmed || recorder) ? minutesView(minutes) : null,
        attendance: confirmed ? attendees.map((a) => ({ name: a.name, attendance: a.attendance as Enum<'attendance'> })) : [],
        onlineParticipants: confirmed ? attendees.filter((a) => a.attendance === 'online').map((a) => ({ id: a.memberId, name: a.name })) : [],
        attachments: confirmed || recorder ? attachments.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })) : [],
        votes: confirmed ? votes.map(voteView) : [],
        abilities: {
          canReply: planned && now < m.startsAt,
          canSignIn: planned && m.mode !== 'online' && inSignInWindow(m, now) && !took,
          canJoinOnline: planned && m.mode !== 'offline' && inSignInWindow(m, now) && mine.attendance !== 'present',
          canRecordMinutes: planned && recorder && hasBegun(m, now),
          canPost: planned,
        },
      };
    },
  };
}
