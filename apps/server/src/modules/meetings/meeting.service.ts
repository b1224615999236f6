import { addDays, countVoters, shanghaiInstant, todayInShanghai, type MeetingKind, type MemberCategory } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { addTodos, completeTodos, type TodoInput } from '../../platform/todos';
import { bookVenue, releaseVenue } from '../venues/venue-booking';
import { checkPlan, minutesTodoTitle, orgLifeSettings, replyTodoTitle, type CheckedPlan } from './meeting-plan';
import { createMeetingRecordRepository } from './meeting-record.repository';
import { createMeetingRepository, NO_COUNTS, type LockedMeeting } from './meeting.repository';
import { hasBegun, inSignInWindow, minutesOverdue, minutesStateOf, SIGN_IN_MARGIN_MS } from './meeting.rules';
import type { MeetingDetailT, MeetingListInput, PlanInput, UpdateInput } from './meeting.schemas';
import { meetingCoreView, minutesView, voteView, type Enum } from './meeting.views';

export const SOURCE = 'meeting';
const adminLink = (id: number) => `/meetings/${id}`;
const memberLink = (id: number) => `/m/meetings/${id}`;

/** A meeting the caller may change: in scope, still planned, minutes not yet confirmed, at the expected version. */
export async function lockChangeable(tx: Parameters<typeof createMeetingRepository>[0], access: Access, id: number, version: number | null): Promise<LockedMeeting> {
  const m = await createMeetingRepository(tx).lockMeeting(id);
  if (!m) throw new NotFound();
  access.assertInScope('meeting.write', m.orgPath);
  if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消，不能再修改');
  const minutes = await createMeetingRecordRepository(tx).minutes(id);
  if (minutes?.confirmedAt) throw new Conflict('MINUTES_CONFIRMED', '会议记录已确认（会议已召开），会议信息不能再修改');
  if (version !== null && m.version !== version) throw new Conflict('STALE_VERSION', '该会议刚被其他人修改过，请刷新后再编辑');
  return m;
}

export function createMeetingService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createMeetingRepository(db);
  const records = createMeetingRecordRepository(db);

  function replyTodos(id: number, orgPath: string, m: { kind: string; title: string; startsAt: Date }, memberIds: number[], now: Date): TodoInput[] {
    // A meeting entered after it began asks nobody to reply.
    if (m.startsAt <= now) return [];
    return memberIds.map((memberId) => ({
      memberId, orgPath, kind: 'meeting.reply', title: replyTodoTitle(m), link: memberLink(id), dueOn: todayInShanghai(m.startsAt), sourceType: SOURCE, sourceId: id,
    }));
  }
  // The recorder is asked for the minutes from half an hour before the start (when sign-in
  // opens too), not from the day the meeting is planned.
  const minutesTodoFrom = (startsAt: Date) => new Date(startsAt.getTime() - SIGN_IN_MARGIN_MS);
  const minutesTodo = (id: number, orgPath: string, p: CheckedPlan): TodoInput => ({
    memberId: p.recorderMemberId, orgPath, kind: 'meeting.minutes', title: minutesTodoTitle({ title: p.title, minutesDueOn: p.minutesDueOn }), link: adminLink(id), dueOn: p.minutesDueOn, showsFrom: minutesTodoFrom(p.startsAt), sourceType: SOURCE, sourceId: id,
  });

  return {
    /**
     * Plans a meeting: checks it, invites the members the kind calls for, books the venue in
     * the same transaction (a taken slot refuses the whole plan) and asks invitees to reply and
     * the recorder to write the minutes. Throws Invalid naming the field, Conflict VENUE_TAKEN.
     */
    async plan(access: Access, input: PlanInput): Promise<number> {
      const org = await repo.getOrg(input.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('meeting.write', org.path);
      if (org.abolishedOn) invalidField('orgId', `“${org.name}”已撤销，不能再安排会议`);
      const now = new Date();
      return db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const p = await checkPlan(r, org, input, await orgLifeSettings(tx), { checkBackdate: true, now });
        const { invitees, ...fields } = p;
        const id = await r.insertMeeting({ orgId: org.id, orgPath: org.path, ...fields, createdBy: access.actor.userId });
        await r.addAttendees(id, invitees);
        if (p.venueId) await bookVenue(tx, { venueId: p.venueId, meetingId: id, orgPath: org.path, startsAt: p.startsAt, endsAt: p.endsAt, userId: access.actor.userId });
        await addTodos(tx, [...replyTodos(id, org.path, p, invitees, now), minutesTodo(id, org.path, p)]);
        await audit(tx, access.actor, { action: 'meeting.plan', targetType: 'meeting', targetId: id, orgPath: org.path, after: { ...fields, invitees } });
        return id;
      });
    },

    /**
     * Edits a planned meeting (version-checked). Moving it or changing the venue re-books;
     * a changed kind or group re-computes the invitees, keeping anyone who already replied.
     */
    async update(access: Access, id: number, input: UpdateInput): Promise<void> {
      const now = new Date();
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const m = await lockChangeable(tx, access, id, input.version);
        const org = (await r.getOrg(m.orgId))!;
        const moved = new Date(input.startsAt).getTime() !== m.startsAt.getTime();
        const p = await checkPlan(r, org, input, await orgLifeSettings(tx), { checkBackdate: moved, now });
        const { invitees, ...fields } = p;
        if (!(await r.updateMeeting(id, input.version, fields))) throw new Conflict('STALE_VERSION', '该会议刚被其他人修改过，请刷新后再编辑');

        const retimed = moved || p.endsAt.getTime() !== m.endsAt.getTime();
        if (p.venueId && (p.venueId !== m.venueId || retimed)) await bookVenue(tx, { venueId: p.venueId, meetingId: id, orgPath: m.orgPath, startsAt: p.startsAt, endsAt: p.endsAt, userId: access.actor.userId });
        if (!p.venueId && m.venueId) await releaseVenue(tx, id);

        const before = (await r.attendees(id)).map((a) => a.memberId);
        const wanted = new Set(invitees);
        const added = invitees.filter((x) => !before.includes(x));
        const removed = await r.removeUntouchedAttendees(id, before.filter((x) => !wanted.has(x)));
        await r.addAttendees(id, added);
        for (const memberId of removed) await completeTodos(tx, { kind: 'meeting.reply', sourceType: SOURCE, sourceId: id, memberId });
        if (p.recorderMemberId !== m.recorderMemberId && m.recorderMemberId) await completeTodos(tx, { kind: 'meeting.minutes', sourceType: SOURCE, sourceId: id, memberId: m.recorderMemberId });
        await r.setTodoDue({ kind: 'meeting.reply', sourceType: SOURCE, sourceId: id }, todayInShanghai(p.startsAt));
        await r.setTodoDue({ kind: 'meeting.minutes', sourceType: SOURCE, sourceId: id }, p.minutesDueOn, minutesTodoFrom(p.startsAt));
        await addTodos(tx, [...replyTodos(id, m.orgPath, p, added, now), minutesTodo(id, m.orgPath, p)]);

        const { signInSecret: _secret, ...old } = m;
        await audit(tx, access.actor, { action: 'meeting.update', targetType: 'meeting', targetId: id, orgPath: m.orgPath, before: { ...old, invitees: before }, after: { ...fields, invitees: [...wanted], removed } });
      });
    },

    /** Cancels a planned meeting with a reason: frees the venue and closes its open to-dos. */
    async cancel(access: Access, id: number, input: { reason: string; version: number }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const m = await lockChangeable(tx, access, id, input.version);
        await createMeetingRepository(tx).updateMeeting(id, input.version, { status: 'cancelled', cancelledReason: input.reason });
        await releaseVenue(tx, id);
        await completeTodos(tx, { kind: ['meeting.reply', 'meeting.minutes', 'leave.decide'], sourceType: SOURCE, sourceId: id });
        await audit(tx, access.actor, { action: 'meeting.cancel', targetType: 'meeting', targetId: id, orgPath: m.orgPath, before: { status: m.status }, after: { status: 'cancelled', reason: input.reason } });
      });
    },

    /** Meetings in the caller's scope (or one subtree), newest first, with counts and the minutes' state. */
    async list(access: Access, q: MeetingListInput) {
      let rootPath: string | undefined;
      if (q.orgId) {
        const root = await repo.getOrg(q.orgId);
        if (!root) throw new NotFound();
        access.assertInScope('meeting.read', root.path);
        rootPath = root.path;
      }
      if (q.from && q.to && q.to < q.from) invalidField('to', '结束日期不能早于开始日期');
      const page = await repo.list({
        scope: access.filter('meeting.read', 'm.org_path'), rootPath, kind: q.kind, status: q.status, q: q.q,
        from: q.from ? shanghaiInstant(q.from) : undefined, to: q.to ? shanghaiInstant(addDays(q.to, 1)) : undefined, page: q.page, pageSize: q.pageSize,
      });
      const counts = await repo.counts(page.items.map((m) => m.id));
      const today = todayInShanghai();
      return {
        items: page.items.map((m) => {
          const state = minutesStateOf(m.minutesOf ? { confirmedAt: m.confirmedAt } : null);
          return {
            id: m.id, orgId: m.orgId, orgName: m.orgName, kind: m.kind as MeetingKind, title: m.title, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(),
            mode: m.mode as Enum<'mode'>, place: m.place, venueName: m.venueName, status: m.status as Enum<'status'>, counts: counts.get(m.id) ?? NO_COUNTS,
            minutesState: state, minutesDueOn: m.minutesDueOn, minutesOverdue: minutesOverdue(m, state, today),
          };
        }),
        total: page.total, page: q.page, pageSize: q.pageSize,
      };
    },

    /** Everything about one meeting, with what the caller may do now. */
    async detail(access: Access, id: number): Promise<MeetingDetailT> {
      const m = await repo.getMeeting(id);
      if (!m) throw new NotFound();
      access.assertInScope('meeting.read', m.orgPath);
      const [attendees, minutes, versions, votes, attachments, counts] = await Promise.all([
        repo.attendees(id), records.minutes(id), records.versions(id), records.votes(id), records.attachments(id), repo.counts([id]),
      ]);
      const voters = m.kind === 'generalMeeting' ? countVoters((await repo.voterRoll(id, m.orgId)).map((v) => ({ category: v.category as MemberCategory, live: true, attendance: (v.attendance as Enum<'attendance'>) ?? null }))) : null;
      const state = minutesStateOf(minutes);
      const write = access.inScope('meeting.write', m.orgPath);
      const planned = m.status === 'planned';
      const open = planned && state !== 'confirmed';
      const begun = hasBegun(m);
      return {
        ...meetingCoreView(m),
        createdByName: m.createdByName,
        version: m.version,
        counts: counts.get(id) ?? NO_COUNTS,
        attendees: attendees.map((a) => ({
          memberId: a.memberId, name: a.name, category: a.category as MemberCategory, reply: a.reply as Enum<'reply'>, repliedAt: a.repliedAt?.toISOString() ?? null,
          leaveReason: a.leaveReason, leaveStatus: a.leaveStatus as Enum<'leaveStatus'> | null, leaveDecidedAt: a.leaveDecidedAt?.toISOString() ?? null,
          attendance: a.attendance as Enum<'attendance'>, signInMethod: a.signInMethod as Enum<'signInMethod'> | null, signedInAt: a.signedInAt?.toISOString() ?? null,
        })),
        minutesState: state,
        minutesOverdue: minutesOverdue(m, state),
        minutes: minutes ? { ...minutesView(minutes), versions: versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) } : null,
        onlineParticipants: attendees.filter((a) => a.attendance === 'online').map((a) => ({ id: a.memberId, name: a.name })),
        attachments: attachments.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
        votes: votes.map(voteView),
        voters,
        abilities: {
          canEdit: write && open,
          canCancel: write && open,
          canDecideLeave: write && planned,
          canMarkAttendance: write && planned && begun,
          canShowSignInCode: write && planned && m.mode !== 'online' && inSignInWindow(m),
          canRecordMinutes: (write || (access.actor.memberId !== null && access.actor.memberId === m.recorderMemberId)) && planned && begun,
          canConfirm: write && planned && state === 'recorded',
          canVote: write && planned && begun && m.kind === 'generalMeeting' && state !== 'confirmed',
          canPost: write && planned,
          canHidePosts: write,
        },
      };
    },
  };
}
