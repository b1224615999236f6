import { addDays, formatShanghaiDateTime, MEETING_KIND_LABELS, ORG_LIFE_SETTINGS, todayInShanghai, type MeetingKind } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import type { MeetingGuest } from '../../db/types';
import { invalidField } from '../../platform/errors';
import { settingNumber } from '../../platform/settings';
import type { MeetingRepository } from './meeting.repository';
import type { PlanInput } from './meeting.schemas';

/** The organisational-life settings a meeting is planned and run by (deployment overrides first). */
export async function orgLifeSettings(db: Queryable) {
  const [backdateDays, minutesDueDays, signInRotateSeconds] = await Promise.all([
    settingNumber(db, 'orgLife.backdateDays', ORG_LIFE_SETTINGS.backdateDays.value),
    settingNumber(db, 'orgLife.minutesDueDays', ORG_LIFE_SETTINGS.minutesDueDays.value),
    settingNumber(db, 'orgLife.signInRotateSeconds', ORG_LIFE_SETTINGS.signInRotateSeconds.value),
  ]);
  return { backdateDays, minutesDueDays, signInRotateSeconds: Math.max(5, signInRotateSeconds) };
}
export type OrgLifeSettings = Awaited<ReturnType<typeof orgLifeSettings>>;

/** What a plan or an edit writes once its input passed every check. */
export interface CheckedPlan {
  kind: MeetingKind;
  title: string;
  topics: string[];
  startsAt: Date;
  endsAt: Date;
  mode: string;
  place: string | null;
  venueId: number | null;
  onlineLink: string | null;
  hostMemberId: number;
  recorderMemberId: number;
  lecturerMemberId: number | null;
  lecturerName: string | null;
  partyGroupId: number | null;
  guests: MeetingGuest[];
  minutesDueOn: string;
  /** Everyone invited: those the kind invites plus the extra ones. */
  invitees: number[];
}

type PlanFields = Omit<PlanInput, 'orgId'>;
const MAX_HOURS = 24;

/**
 * Checks a meeting's fields against its organisation and the rules, and computes who is
 * invited: a 党小组会 invites its group's live members, a 支委会 the current committee's post
 * holders, every other kind all live members of the organisation. Throws Invalid naming the
 * field; reads only.
 */
export async function checkPlan(
  r: MeetingRepository, org: { id: number; name: string; path: string }, input: PlanFields, settings: OrgLifeSettings,
  options: { checkBackdate: boolean; now?: Date },
): Promise<CheckedPlan> {
  const now = options.now ?? new Date();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) invalidField('endsAt', '结束时间应晚于开始时间');
  if (endsAt.getTime() - startsAt.getTime() > MAX_HOURS * 3_600_000) invalidField('endsAt', `一次会议不超过 ${MAX_HOURS} 小时，请检查结束时间`);
  if (options.checkBackdate) {
    // Records are entered close to when the meeting happened, not batch-made at the year's end.
    const earliest = addDays(todayInShanghai(now), -settings.backdateDays);
    if (todayInShanghai(startsAt) < earliest) invalidField('startsAt', `会议开始时间不能早于 ${earliest}：只能补录 ${settings.backdateDays} 天内召开的会议`);
  }

  const place = input.place?.trim() || null;
  const venueId = input.venueId ?? null;
  const onlineLink = input.onlineLink?.trim() || null;
  if (input.mode !== 'online' && !place && !venueId) invalidField('place', '请填写会议地点或选择一个阵地');
  if (input.mode !== 'offline' && !onlineLink) invalidField('onlineLink', '线上参会请填写会议链接或会议号');

  const named = [input.hostMemberId, input.recorderMemberId, ...(input.lecturerMemberId ? [input.lecturerMemberId] : [])];
  const live = new Map((await r.liveMembers(org.id, { ids: [...new Set(named)] })).map((m) => [m.id, m]));
  if (!live.has(input.hostMemberId)) invalidField('hostMemberId', `主持人应为“${org.name}”的在册党员，请重新选择`);
  if (!live.has(input.recorderMemberId)) invalidField('recorderMemberId', `记录人应为“${org.name}”的在册党员，请重新选择`);

  let lecturerMemberId: number | null = null;
  let lecturerName: string | null = input.lecturerName?.trim() || null;
  if (input.lecturerMemberId) {
    const lecturer = live.get(input.lecturerMemberId);
    if (!lecturer) invalidField('lecturerMemberId', `讲课人不是“${org.name}”的在册党员；外单位讲课人请直接填写姓名`);
    lecturerMemberId = lecturer.id;
    lecturerName = null;
  }
  if (input.kind === 'lecture' && !lecturerMemberId && !lecturerName) invalidField('lecturerMemberId', '党课请填写讲课人：本组织党员或外单位讲课人姓名');

  let partyGroupId: number | null = null;
  if (input.kind === 'groupMeeting') {
    if (!input.partyGroupId) invalidField('partyGroupId', '党小组会请选择党小组');
    const group = await r.partyGroup(input.partyGroupId);
    if (!group || group.orgId !== org.id) invalidField('partyGroupId', `所选党小组不属于“${org.name}”，请重新选择`);
    partyGroupId = group.id;
  } else if (input.partyGroupId) {
    invalidField('partyGroupId', '只有党小组会需要选择党小组');
  }

  const invitees = new Set(await inviteesOf(r, org, input.kind, partyGroupId, now));
  const extras = input.extraInviteeIds ?? [];
  if (extras.length) {
    const found = new Set((await r.liveMembers(org.id, { ids: [...new Set(extras)] })).map((m) => m.id));
    extras.forEach((memberId, i) => {
      if (!found.has(memberId)) invalidField(`extraInviteeIds.${i}`, `第 ${i + 1} 位补充参会人员不是“${org.name}”的在册党员；非本组织人员请作为列席人员填写`);
      invitees.add(memberId);
    });
  }
  if (invitees.size === 0) {
    const why = input.kind === 'committeeMeeting' ? '该组织尚未登记本届支部委员会委员，请先在组织信息中登记班子' : input.kind === 'groupMeeting' ? '该党小组没有在册党员' : '该组织没有在册党员';
    invalidField(input.kind === 'groupMeeting' ? 'partyGroupId' : 'kind', `${why}，无法安排${MEETING_KIND_LABELS[input.kind].zh}`);
  }

  return {
    kind: input.kind, title: input.title, topics: input.topics, startsAt, endsAt, mode: input.mode, place, venueId, onlineLink,
    hostMemberId: input.hostMemberId, recorderMemberId: input.recorderMemberId, lecturerMemberId, lecturerName, partyGroupId,
    guests: (input.guests ?? []).map((g) => ({ name: g.name, note: g.note?.trim() || null })),
    minutesDueOn: addDays(todayInShanghai(endsAt), settings.minutesDueDays),
    invitees: [...invitees].sort((a, b) => a - b),
  };
}

async function inviteesOf(r: MeetingRepository, org: { id: number }, kind: MeetingKind, partyGroupId: number | null, now: Date): Promise<number[]> {
  if (kind === 'groupMeeting') return (await r.liveMembers(org.id, { partyGroupId: partyGroupId! })).map((m) => m.id);
  if (kind === 'committeeMeeting') return r.committeeMemberIds(org.id, todayInShanghai(now));
  return (await r.liveMembers(org.id)).map((m) => m.id);
}

/** The to-do asking an invitee to reply. */
export function replyTodoTitle(m: { kind: string; title: string; startsAt: Date }): string {
  return `请回复是否参加${MEETING_KIND_LABELS[m.kind as MeetingKind]?.zh ?? '会议'}“${m.title}”（${formatShanghaiDateTime(m.startsAt)}）`;
}

export function minutesTodoTitle(m: { title: string; minutesDueOn: string }): string {
  return `请于 ${m.minutesDueOn} 前整理会议记录：“${m.title}”`;
}
