import type { Attendance, LeaveStatus, MeetingKind, MeetingMode, MeetingReply, MeetingStatus, SignInMethod } from '@hongyun/shared';
import type { MeetingRow } from './meeting.repository';
import type { MeetingRecordRepository } from './meeting-record.repository';

// Presenters: rows to the response schemas' shapes. The database's check constraints hold
// each text column to its enum, so the casts below only restate what the schema guarantees.

interface Enums {
  kind: MeetingKind;
  mode: MeetingMode;
  status: MeetingStatus;
  reply: MeetingReply;
  leaveStatus: LeaveStatus;
  attendance: Attendance;
  signInMethod: SignInMethod;
}
export type Enum<K extends keyof Enums> = Enums[K];

/** The fields the admin and the member views of a meeting share. */
export function meetingCoreView(m: MeetingRow) {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName,
    kind: m.kind as MeetingKind,
    title: m.title,
    topics: m.topics,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    mode: m.mode as MeetingMode,
    place: m.place,
    venue: m.venueId ? { venueId: m.venueId, name: m.venueName ?? '', address: m.venueAddress ?? '', bookingId: m.bookingId } : null,
    onlineLink: m.onlineLink,
    host: m.hostMemberId ? { id: m.hostMemberId, name: m.hostName ?? '' } : null,
    recorder: m.recorderMemberId ? { id: m.recorderMemberId, name: m.recorderName ?? '' } : null,
    lecturer: m.lecturerMemberId ? { memberId: m.lecturerMemberId, name: m.lecturerMemberName ?? '' } : m.lecturerName ? { memberId: null, name: m.lecturerName } : null,
    partyGroup: m.partyGroupId ? { id: m.partyGroupId, name: m.partyGroupName ?? '' } : null,
    guests: m.guests.map((g) => ({ name: g.name, note: g.note ?? null })),
    status: m.status as MeetingStatus,
    cancelledReason: m.cancelledReason,
    minutesDueOn: m.minutesDueOn,
  };
}

type MinutesRow = NonNullable<Awaited<ReturnType<MeetingRecordRepository['minutes']>>>;
export function minutesView(mm: MinutesRow) {
  return {
    content: mm.content, decisions: mm.decisions, revision: mm.revision, recordedAt: mm.recordedAt.toISOString(), recordedByName: mm.recordedByName,
    confirmedAt: mm.confirmedAt?.toISOString() ?? null, confirmedByName: mm.confirmedByName,
  };
}

type VoteRow = Awaited<ReturnType<MeetingRecordRepository['votes']>>[number];
export function voteView(v: VoteRow) {
  return {
    id: v.id, position: v.position, item: v.item, subject: v.subjectMemberId ? { id: v.subjectMemberId, name: v.subjectName ?? '' } : null,
    entitled: v.entitled, present: v.present, yes: v.yes, no: v.no, abstain: v.abstain, quorumMet: v.quorumMet, passed: v.passed, recordedAt: v.recordedAt.toISOString(),
  };
}
