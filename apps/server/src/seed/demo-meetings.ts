import { addDays, addMonths, daysBetween, ORG_LIFE_SETTINGS, periodOf, shanghaiInstant, voteOutcome, type MeetingKind } from '@hongyun/shared';
import { sql } from 'kysely';
import type { Tx } from '../db/database';
import type { MeetingGuest } from '../db/types';
import { AppError } from '../platform/errors';
import { addTodos, type TodoInput } from '../platform/todos';
import { createMeetingRepository } from '../modules/meetings/meeting.repository';
import { minutesTodoTitle, replyTodoTitle } from '../modules/meetings/meeting-plan';
import { bookVenue } from '../modules/venues/venue-booking';
import type { AreaSeedContext, AreaSeedResult } from './demo-areas';
import { DEMO_ACCOUNT_BRANCH } from './demo-data';
import { COMMITTEE_TOPICS, GROUP_TOPICS, LECTURES, LEAVE_REASONS, minutesFor, OUTSIDE_LECTURERS, THEME_DAYS, THREAD_POSTS } from './demo-meetings-text';
import { Random } from './random';

// A year of organisational life up to the demo's "today" for the demo account's branch and a
// few others: mostly kept, with the gaps real branches have (a missed 支委会, a postponed
// 主题党日, minutes still waiting for confirmation), a 党员大会 that voted to admit a
// probationary member, 党课 with lecturers, members taking part online, a branch thread, and
// an upcoming 支委会 and 主题党日 the `member` login is invited to.

/** Branches with meetings, and how often one of their meetings did not happen. */
const BRANCHES: { code: string; gap: number; day: number }[] = [
  { code: DEMO_ACCOUNT_BRANCH, gap: 0, day: 10 },
  { code: 'TX-WZ-003', gap: 0.08, day: 8 },
  { code: 'TX-WZ-005', gap: 0.05, day: 12 },
  { code: 'TX-WZ-020', gap: 0.1, day: 9 },
  { code: 'TX-PY-002', gap: 0.1, day: 11 },
  { code: 'TX-PY-010', gap: 0.05, day: 13 },
  { code: 'TX-WT-001', gap: 0.05, day: 7 },
  // The branch whose term is overdue also lets its meetings slip.
  { code: 'TX-FM-002', gap: 0.3, day: 15 },
];

interface Member { id: number; name: string; category: string; joinedOn: string | null; partyGroupId: number | null }
interface Branch { id: number; path: string; name: string; members: Member[]; secretary: Member; committee: number[]; groups: { id: number; name: string }[]; venueIds: number[] }
interface Planned {
  kind: MeetingKind; title: string; topics: string[]; date: string; from: string; to: string; mode: 'offline' | 'online' | 'mixed';
  invitees: Member[]; host: Member; recorder: Member; lecturer?: { member?: Member; name?: string }; partyGroupId?: number;
  cancelled?: string; vote?: { item: string; subject: Member }; venue?: boolean; guests?: MeetingGuest[];
  /** Ahead of the meeting: who has not replied yet, and who asked for leave (awaiting a decision). */
  pendingFor?: number | null; leaveRequestBy?: number;
}

export async function seedMeetingsDemo(tx: Tx, ctx: AreaSeedContext): Promise<AreaSeedResult> {
  const rng = new Random(20261128);
  const users = new Map((await tx.selectFrom('appUser').select(['id', 'username', 'memberId']).where('username', 'in', ['secretary', 'member']).execute()).map((u) => [u.username, u]));
  for (const [i, spec] of BRANCHES.entries()) {
    const branch = await loadBranch(tx, spec.code);
    if (!branch) continue;
    const demo = spec.code === DEMO_ACCOUNT_BRANCH;
    const plans = yearOf(branch, spec, ctx.today, rng, demo);
    if (demo) plans.push(...admissions(branch, ctx.today), ...upcoming(branch, ctx.today, users.get('member')?.memberId ?? null));
    for (const p of plans) await writeMeeting(tx, branch, p, ctx.today, rng, demo ? users.get('secretary')?.id ?? null : null, i);
    if (demo) await seedThread(tx, branch, ctx.today, users);
  }
  return {};
}

async function loadBranch(tx: Tx, code: string): Promise<Branch | null> {
  const org = await tx.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path')]).where('code', '=', code).executeTakeFirst();
  if (!org) return null;
  const members = await tx.selectFrom('member').select(['id', 'name', 'category', 'joinedOn', 'partyGroupId']).where('orgId', '=', org.id).where('status', '=', 'normal').orderBy('id').execute();
  const posts = await tx.selectFrom('leadership as l').innerJoin('leadershipPost as p', 'p.leadershipId', 'l.id').select(['p.memberId', 'p.post'])
    .where('l.orgId', '=', org.id).where('l.isCurrent', '=', true).where('p.dismissedOn', 'is', null).execute();
  const secretaryId = posts.find((p) => p.post === 'secretary')?.memberId ?? members[0].id;
  const groups = await tx.selectFrom('partyGroup').select(['id', 'name']).where('orgId', '=', org.id).orderBy('id').execute();
  // Shared venues of the branch's town, then the city's, when the venues demo has any.
  const town = org.path.split('.').slice(0, 2).join('.');
  const venues = await tx.selectFrom('venue').select('id').where('closedAt', 'is', null)
    .where(sql<boolean>`(org_path <@ ${town}::ltree or ${town}::ltree <@ org_path)`).orderBy(sql`nlevel(org_path)`, 'desc').orderBy('id').execute();
  return {
    ...org, members, secretary: members.find((m) => m.id === secretaryId) ?? members[0],
    committee: posts.length >= 3 ? posts.map((p) => p.memberId) : [], groups, venueIds: venues.map((v) => v.id),
  };
}

/** The regular calendar of the last twelve months: what the rules ask, minus the branch's gaps. */
function yearOf(b: Branch, spec: { gap: number; day: number; code: string }, today: string, rng: Random, demo: boolean): Planned[] {
  const out: Planned[] = [];
  const full = b.members.filter((m) => m.category === 'full');
  const recorder = full.find((m) => m.id !== b.secretary.id && b.committee.includes(m.id)) ?? full.find((m) => m.id !== b.secretary.id) ?? b.secretary;
  const all = (date: string) => b.members.filter((m) => !m.joinedOn || m.joinedOn < date);
  for (let k = 11; k >= 0; k--) {
    const month = periodOf(addMonths(today, -k), 'month');
    const m = Number(month.key.slice(5));
    const on = (day: number) => addDays(month.start, day - 1);
    const skip = () => rng.chance(spec.gap);
    const theme = THEME_DAYS[m - 1];
    // The demo branch's theme day and 支委会 of this month are still ahead (see upcoming()).
    if (!(demo && k === 0)) {
      const date = on(spec.day);
      if (k === 7 && demo) {
        out.push({ kind: 'themeDay', title: `${m}月主题党日：${theme[0]}`, topics: theme.slice(1), date, from: '14:00', to: '16:00', mode: 'mixed', invitees: all(date), host: b.secretary, recorder, cancelled: '台风预警，按镇两新工委通知暂停集中活动，改期一周举行', venue: true });
        out.push({ kind: 'themeDay', title: `${m}月主题党日（改期）：${theme[0]}`, topics: theme.slice(1), date: addDays(date, 7), from: '14:00', to: '16:00', mode: 'mixed', invitees: all(date), host: b.secretary, recorder, venue: true });
      } else if (!skip()) {
        out.push({ kind: 'themeDay', title: `${m}月主题党日：${theme[0]}`, topics: theme.slice(1), date, from: '14:00', to: '16:00', mode: demo || rng.chance(0.3) ? 'mixed' : 'offline', invitees: all(date), host: b.secretary, recorder, venue: demo, guests: m === 3 ? [{ name: '社区党委委员 周丽', note: '共建社区' }] : [] });
      }
      if (b.committee.length && !(demo && k === 5) && !skip()) {
        const members = b.members.filter((x) => b.committee.includes(x.id));
        out.push({ kind: 'committeeMeeting', title: `${m}月支委会`, topics: rng.sample(COMMITTEE_TOPICS, 2), date: on(3 + (spec.day % 3)), from: '16:30', to: '17:30', mode: 'offline', invitees: members, host: b.secretary, recorder });
      }
    }
    for (const [gi, g] of b.groups.entries()) {
      const members = b.members.filter((x) => x.partyGroupId === g.id);
      const date = on(17 + gi);
      if (members.length >= 2 && !skip()) out.push({ kind: 'groupMeeting', title: `${g.name}${m}月党小组会`, topics: rng.sample(GROUP_TOPICS, 2), date, from: '12:30', to: '13:30', mode: 'offline', invitees: all(date).filter((x) => x.partyGroupId === g.id), host: members[0], recorder: members[1], partyGroupId: g.id });
    }
    if (m % 3 === 2 && !skip()) {
      const date = on(20);
      out.push({ kind: 'generalMeeting', title: `第${Math.ceil(m / 3)}季度支部党员大会`, topics: ['听取支委会本季度工作报告', '通报党费收缴情况', '讨论下季度工作安排'], date, from: '15:00', to: '16:30', mode: demo ? 'mixed' : 'offline', invitees: all(date), host: b.secretary, recorder });
    }
    if (m % 3 === 0 && !skip()) {
      const date = on(24);
      const n = Math.floor(m / 3) - 1;
      const lecturer = n % 2 === 0 ? { member: b.secretary } : { name: OUTSIDE_LECTURERS[n % OUTSIDE_LECTURERS.length] };
      out.push({ kind: 'lecture', title: `党课：${LECTURES[n]}`, topics: [LECTURES[n], '交流讨论'], date, from: '15:00', to: '16:30', mode: 'offline', invitees: all(date), host: b.secretary, recorder, lecturer });
    }
    if (m === 12) {
      const date = on(22);
      out.push({ kind: 'lifeMeeting', title: `${month.key.slice(0, 4)}年度组织生活会`, topics: ['通报支部班子对照检查情况', '开展批评和自我批评', '民主评议党员'], date, from: '14:00', to: '17:00', mode: 'offline', invitees: all(date), host: b.secretary, recorder });
    }
  }
  return out.filter((p) => p.date < today);
}

/** 党员大会 that admitted the branch's probationary members: held on the day each joined (T1). */
function admissions(b: Branch, today: string): Planned[] {
  return b.members.filter((m) => m.category === 'probationary' && m.joinedOn && m.joinedOn >= addDays(today, -360) && m.joinedOn < addDays(today, -3)).map((m) => ({
    kind: 'generalMeeting' as const, title: '支部党员大会：讨论接收预备党员', topics: [`讨论接收发展对象${m.name}同志为中共预备党员`, '入党介绍人和支委会介绍审查情况'],
    date: m.joinedOn!, from: '15:00', to: '16:30', mode: 'mixed' as const, invitees: b.members.filter((x) => x.id !== m.id && (!x.joinedOn || x.joinedOn < m.joinedOn!)),
    host: b.secretary, recorder: b.members.find((x) => b.committee.includes(x.id) && x.id !== b.secretary.id) ?? b.secretary,
    vote: { item: `接收${m.name}同志为中共预备党员`, subject: m },
  }));
}

/** The 支委会 and 主题党日 just ahead; the `member` login sits in on the 支委会 as a party-group leader. */
function upcoming(b: Branch, today: string, memberLogin: number | null): Planned[] {
  const extra = b.members.filter((m) => m.id === memberLogin && !b.committee.includes(m.id));
  const away = b.members.find((x) => x.id !== memberLogin && x.id !== b.secretary.id && !b.committee.includes(x.id));
  const m = Number(today.slice(5, 7));
  const theme = THEME_DAYS[(m - 1) % 12];
  const recorder = b.members.find((x) => b.committee.includes(x.id) && x.id !== b.secretary.id) ?? b.secretary;
  return [
    { kind: 'committeeMeeting', title: '支委会：研究年度民主评议党员工作（党小组长列席）', topics: ['研究年度民主评议党员工作方案', '讨论组织生活会准备工作'], date: addDays(today, 2), from: '16:30', to: '17:30', mode: 'offline', invitees: [...b.members.filter((x) => b.committee.includes(x.id)), ...extra], host: b.secretary, recorder, pendingFor: memberLogin },
    { kind: 'themeDay', title: `${m}月主题党日：${theme[0]}`, topics: theme.slice(1), date: addDays(today, 3), from: '14:00', to: '16:00', mode: 'mixed', invitees: b.members, host: b.secretary, recorder, venue: true, pendingFor: memberLogin, leaveRequestBy: away?.id },
  ];
}

async function writeMeeting(tx: Tx, b: Branch, p: Planned, today: string, rng: Random, secretaryUser: number | null, branchIndex: number) {
  const r = createMeetingRepository(tx);
  const startsAt = shanghaiInstant(p.date, p.from);
  const endsAt = shanghaiInstant(p.date, p.to);
  const held = p.date < today && !p.cancelled;
  const minutesDueOn = addDays(p.date, ORG_LIFE_SETTINGS.minutesDueDays.value);
  const id = await r.insertMeeting({
    orgId: b.id, orgPath: b.path, kind: p.kind, title: p.title, topics: p.topics, startsAt, endsAt, mode: p.mode,
    place: rng.pick(['公司三楼党员活动室', '公司一楼会议室', '园区共享会议室']), venueId: null,
    onlineLink: p.mode === 'offline' ? null : `腾讯会议 ${800 + branchIndex}-${String(100 + (daysBetween('2020-01-01', p.date) % 900)).padStart(3, '0')}-${p.from.replace(':', '')}`,
    hostMemberId: p.host.id, recorderMemberId: p.recorder.id, lecturerMemberId: p.lecturer?.member?.id ?? null, lecturerName: p.lecturer?.name ?? null,
    partyGroupId: p.partyGroupId ?? null, guests: p.guests ?? [], status: p.cancelled ? 'cancelled' : 'planned', cancelledReason: p.cancelled ?? null,
    minutesDueOn, createdBy: secretaryUser, createdAt: shanghaiInstant(addDays(p.date, -rng.int(5, 12)), '09:30'),
  });
  if (p.venue && !p.cancelled) {
    // The first shared venue open at that time and free; otherwise the company's own room stays.
    for (const venueId of b.venueIds) {
      try {
        await bookVenue(tx, { venueId, meetingId: id, orgPath: b.path, startsAt, endsAt, userId: secretaryUser });
        await tx.updateTable('meeting').set({ venueId, place: null }).where('id', '=', id).execute();
        break;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
  }
  const remote = new Set(b.members.filter((_, i) => i % 6 === 5).map((m) => m.id));
  const qr = rng.chance(0.5);
  const rows = p.invitees.map((m) => attendeeRow(id, m, p, startsAt, held, remote.has(m.id), qr, rng));
  if (rows.length) await tx.insertInto('meetingAttendee').values(rows).execute();

  const todos: TodoInput[] = [];
  if (!held && !p.cancelled) {
    todos.push(...rows.filter((a) => a.reply === 'pending').map((a) => ({ memberId: a.memberId, orgPath: b.path, kind: 'meeting.reply', title: replyTodoTitle({ ...p, startsAt }), link: `/m/meetings/${id}`, dueOn: p.date, sourceType: 'meeting', sourceId: id })));
    if (p.leaveRequestBy && secretaryUser) todos.push({ userId: secretaryUser, orgPath: b.path, kind: 'leave.decide', title: `有党员请假待审批：“${p.title}”`, link: `/meetings/${id}`, sourceType: 'meeting', sourceId: id });
  }
  if (held) {
    const state = minutesState(p.date, today, rng);
    if (state !== 'none') await writeMinutes(tx, id, p, rows, state, secretaryUser);
    if (state !== 'confirmed') todos.push({ memberId: p.recorder.id, orgPath: b.path, kind: 'meeting.minutes', title: minutesTodoTitle({ title: p.title, minutesDueOn }), link: `/meetings/${id}`, dueOn: minutesDueOn, sourceType: 'meeting', sourceId: id });
    if (p.vote && state === 'confirmed') await writeVote(tx, id, b, p, rows, secretaryUser, shanghaiInstant(p.date, p.to));
  }
  await addTodos(tx, todos);
}

type AttendeeRow = { meetingId: number; memberId: number; reply: string; repliedAt: Date | null; leaveReason: string | null; leaveStatus: string | null; leaveDecidedAt: Date | null; attendance: string; signedInAt: Date | null; signInMethod: string | null };

function attendeeRow(meetingId: number, m: Member, p: Planned, startsAt: Date, held: boolean, remote: boolean, qr: boolean, rng: Random): AttendeeRow {
  const repliedAt = new Date(startsAt.getTime() - rng.int(20, 70) * 3_600_000);
  const base = { meetingId, memberId: m.id, reply: 'pending', repliedAt: null, leaveReason: null, leaveStatus: null, leaveDecidedAt: null, attendance: 'unknown', signedInAt: null, signInMethod: null };
  if (!held) {
    if (m.id === p.leaveRequestBy) return { ...base, reply: 'leave', repliedAt: new Date(), leaveReason: LEAVE_REASONS[0], leaveStatus: 'requested' };
    return p.cancelled || m.id === p.pendingFor || rng.chance(0.5) ? base : { ...base, reply: 'attend', repliedAt };
  }
  const roll = rng.next();
  if (roll < 0.06) return { ...base, reply: 'leave', repliedAt, leaveReason: rng.pick(LEAVE_REASONS), leaveStatus: 'approved', leaveDecidedAt: new Date(repliedAt.getTime() + 3_600_000), attendance: 'excused' };
  if (roll < 0.08) return { ...base, attendance: 'absent' };
  if (remote && p.mode !== 'offline') return { ...base, reply: 'attend', repliedAt, attendance: 'online', signInMethod: 'online', signedInAt: new Date(startsAt.getTime() - rng.int(0, 5) * 60_000) };
  return { ...base, reply: 'attend', repliedAt, attendance: 'present', signInMethod: qr ? 'qr' : 'marked', signedInAt: qr ? new Date(startsAt.getTime() - rng.int(0, 12) * 60_000) : null };
}

/** The newest meetings still wait for their minutes; older ones were recorded and confirmed (a few never confirmed). */
function minutesState(date: string, today: string, rng: Random): 'none' | 'recorded' | 'confirmed' {
  const age = daysBetween(date, today);
  if (age <= 1) return 'none';
  if (age <= 5) return rng.chance(0.5) ? 'recorded' : 'confirmed';
  return rng.chance(0.03) ? 'recorded' : 'confirmed';
}

async function writeMinutes(tx: Tx, id: number, p: Planned, rows: AttendeeRow[], state: 'recorded' | 'confirmed', userId: number | null) {
  const text = minutesFor(p, rows.map((a) => ({ ...a, name: p.invitees.find((m) => m.id === a.memberId)!.name })));
  const recordedAt = shanghaiInstant(addDays(p.date, 1), '10:00');
  const confirmedAt = state === 'confirmed' ? shanghaiInstant(addDays(p.date, 2), '09:00') : null;
  await tx.insertInto('meetingMinutes').values({ meetingId: id, ...text, recordedBy: userId, recordedAt, confirmedBy: confirmedAt ? userId : null, confirmedAt }).execute();
  if (confirmedAt) await tx.insertInto('meetingMinutesVersion').values({ meetingId: id, revision: 1, ...text, reason: null, changedBy: userId, changedAt: confirmedAt }).execute();
}

async function writeVote(tx: Tx, id: number, b: Branch, p: Planned, rows: AttendeeRow[], userId: number | null, at: Date) {
  const entitled = b.members.filter((m) => m.category === 'full').length;
  const fullIds = new Set(b.members.filter((m) => m.category === 'full').map((m) => m.id));
  const present = rows.filter((a) => fullIds.has(a.memberId) && (a.attendance === 'present' || a.attendance === 'online')).length;
  const abstain = present > 3 ? 1 : 0;
  const tally = { entitled, present, yes: present - abstain, no: 0, abstain };
  const outcome = voteOutcome(tally);
  if (!outcome.quorumMet) return;
  await tx.insertInto('meetingVote').values({ meetingId: id, position: 1, item: p.vote!.item, subjectMemberId: p.vote!.subject.id, ...tally, quorumMet: true, passed: outcome.passed, recordedBy: userId, recordedAt: at }).execute();
}

/** A few posts in the branch's online thread from the two demo logins of the branch. */
async function seedThread(tx: Tx, b: Branch, today: string, users: Map<string, { id: number; memberId: number | null }>) {
  const rows = THREAD_POSTS.flatMap(([who, daysAgo, body]) => {
    const u = users.get(who);
    return u ? [{ orgId: b.id, orgPath: b.path, meetingId: null, authorUserId: u.id, authorMemberId: u.memberId, body, createdAt: shanghaiInstant(addDays(today, -daysAgo), '20:15') }] : [];
  });
  if (rows.length) await tx.insertInto('discussionPost').values(rows).execute();
}
