import dayjs, { type Dayjs } from 'dayjs';
import type { MeetingKind, MeetingMode } from '@hongyun/shared';
import type { MeetingDetail, PlanMeetingBody, UpdateMeetingBody } from '../../../api/meetings';
import { shanghaiIso, shanghaiWallClock } from '../../../shared/meeting-time';

/** The plan form's values. Pickers hold Beijing wall-clock times (the browser's zone is ignored). */
export interface MeetingValues {
  orgId?: number;
  kind?: MeetingKind;
  title: string;
  topics: string[];
  startsAt?: Dayjs;
  /** The end time on the start's day. */
  endsAt?: Dayjs;
  mode: MeetingMode;
  venueId?: number | null;
  place?: string;
  onlineLink?: string;
  hostMemberId?: number;
  recorderMemberId?: number;
  /** 党课: a member of the organisation, or a lecturer from outside named in full. */
  lecturerSource: 'member' | 'external';
  lecturerMemberId?: number;
  lecturerName?: string;
  partyGroupId?: number;
  extraInviteeIds: number[];
  guests: { name: string; note?: string }[];
}

export function emptyValues(orgId: number | undefined, kind: MeetingKind | undefined): MeetingValues {
  return { orgId, kind, title: '', topics: [''], mode: 'offline', lecturerSource: 'member', extraInviteeIds: [], guests: [] };
}

export function valuesOf(m: MeetingDetail): MeetingValues {
  return {
    orgId: m.orgId,
    kind: m.kind,
    title: m.title,
    topics: m.topics.length ? m.topics : [''],
    startsAt: dayjs(shanghaiWallClock(m.startsAt)),
    endsAt: dayjs(shanghaiWallClock(m.endsAt)),
    mode: m.mode,
    venueId: m.venue?.venueId ?? null,
    place: m.place ?? '',
    onlineLink: m.onlineLink ?? '',
    hostMemberId: m.host?.id,
    recorderMemberId: m.recorder?.id,
    lecturerSource: m.lecturer && m.lecturer.memberId === null ? 'external' : 'member',
    lecturerMemberId: m.lecturer?.memberId ?? undefined,
    lecturerName: m.lecturer && m.lecturer.memberId === null ? m.lecturer.name : '',
    partyGroupId: m.partyGroup?.id,
    extraInviteeIds: [],
    guests: m.guests.map((g) => ({ name: g.name, note: g.note ?? '' })),
  };
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** The fields a plan and an edit share; fields the kind or mode does not use are sent empty. */
function fieldsOf(v: MeetingValues): Omit<PlanMeetingBody, 'orgId'> {
  const start = v.startsAt ?? dayjs();
  const end = v.endsAt ?? start;
  const inRoom = v.mode !== 'online';
  const lecture = v.kind === 'lecture';
  return {
    // Required by the form's rules before this runs.
    kind: v.kind as MeetingKind,
    title: v.title.trim(),
    topics: v.topics.map((t) => t.trim()),
    startsAt: shanghaiIso(start.format('YYYY-MM-DD HH:mm')),
    endsAt: shanghaiIso(`${start.format('YYYY-MM-DD')} ${end.format('HH:mm')}`),
    mode: v.mode,
    venueId: inRoom ? v.venueId ?? null : null,
    place: inRoom ? text(v.place) : null,
    onlineLink: v.mode !== 'offline' ? text(v.onlineLink) : null,
    hostMemberId: v.hostMemberId ?? 0,
    recorderMemberId: v.recorderMemberId ?? 0,
    lecturerMemberId: lecture && v.lecturerSource === 'member' ? v.lecturerMemberId ?? null : null,
    lecturerName: lecture && v.lecturerSource === 'external' ? text(v.lecturerName) : null,
    partyGroupId: v.kind === 'groupMeeting' ? v.partyGroupId ?? null : null,
    extraInviteeIds: v.extraInviteeIds,
    guests: v.guests.map((g) => ({ name: g.name.trim(), note: text(g.note) })),
  };
}

export const planBody = (v: MeetingValues): PlanMeetingBody => ({ orgId: v.orgId ?? 0, ...fieldsOf(v) });
export const updateBody = (v: MeetingValues, version: number): UpdateMeetingBody => ({ ...fieldsOf(v), version });
