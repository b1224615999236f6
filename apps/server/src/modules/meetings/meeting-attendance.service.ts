import { formatShanghaiDateTime, type Attendance } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Invalid, NotFound, invalidField } from '../../platform/errors';
import { addTodos, completeTodos } from '../../platform/todos';
import { orgLifeSettings } from './meeting-plan';
import { createMeetingRepository, type MeetingRow } from './meeting.repository';
import { hasBegun, inSignInWindow, newSignInSecret, SIGN_IN_MARGIN_MS, signInToken, signInWindowOf, verifySignInToken } from './meeting.rules';
import { SOURCE } from './meeting.service';

const LEAVE_TODO = 'leave.decide';

function assertPlanned(m: { status: string }) {
  if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消');
}

function assertWindow(m: MeetingRow, what: string) {
  if (!inSignInWindow(m)) {
    const from = formatShanghaiDateTime(new Date(m.startsAt.getTime() - SIGN_IN_MARGIN_MS));
    const to = formatShanghaiDateTime(new Date(m.endsAt.getTime() + SIGN_IN_MARGIN_MS));
    throw new Conflict('SIGN_IN_CLOSED', `${what}只在会议开始前 30 分钟至结束后 30 分钟内开放（${from} 至 ${to}）`);
  }
}

/** The actor's member record id; accounts without one have no meetings of their own. */
export function memberIdOf(actor: Actor): number {
  if (actor.memberId == null) throw new NotFound();
  return actor.memberId;
}

/** Replies, leave, attendance and sign-in: what members and secretaries record around a meeting. */
export function createMeetingAttendanceService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createMeetingRepository(db);

  async function writable(access: Access, id: number) {
    const m = await repo.getMeeting(id);
    if (!m) throw new NotFound();
    access.assertInScope('meeting.write', m.orgPath);
    assertPlanned(m);
    return m;
  }

  /** The meeting and the caller's member id; whether they are invited is checked under the attendee's lock. */
  async function forMember(actor: Actor, id: number) {
    const memberId = memberIdOf(actor);
    const m = await repo.getMeeting(id);
    if (!m) throw new NotFound();
    return { m, memberId };
  }

  return {
    /**
     * Approves or rejects a leave request still awaiting a decision. Approved leave records the
     * member as excused. The planner's to-do closes when no request is left open.
     * Throws Conflict LEAVE_NOT_PENDING when there is nothing (left) to decide.
     */
    async decideLeave(access: Access, id: number, memberId: number, input: { decision: 'approved' | 'rejected'; note?: string | null }) {
      const m = await writable(access, id);
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const a = await r.lockAttendee(id, memberId);
        if (!a) throw new NotFound('该党员不在本次会议的参会名单中');
        if (a.leaveStatus !== 'requested') {
          throw new Conflict('LEAVE_NOT_PENDING', a.reply === 'leave' ? '该请假已经处理过，请刷新后查看' : '该党员没有请假');
        }
        const attendance: Attendance = input.decision === 'approved' && (a.attendance === 'unknown' || a.attendance === 'absent') ? 'excused' : a.attendance as Attendance;
        await r.updateAttendee(id, memberId, { leaveStatus: input.decision, leaveDecidedBy: access.actor.userId, leaveDecidedAt: new Date(), attendance });
        if (input.decision === 'rejected') {
          const note = input.note?.trim();
          await addTodos(tx, [{
            memberId, orgPath: m.orgPath, kind: 'meeting.leaveRejected', title: `请假未获批准：“${m.title}”${note ? `（${note}）` : ''}，请按时参加或联系支部书记`,
            link: `/m/meetings/${id}`, dueOn: null, sourceType: SOURCE, sourceId: id,
          }]);
        }
        if (!(await r.hasPendingLeave(id))) await completeTodos(tx, { kind: LEAVE_TODO, sourceType: SOURCE, sourceId: id });
        await audit(tx, access.actor, {
          action: 'meeting.leaveDecision', targetType: 'meeting', targetId: id, orgPath: m.orgPath, subjects: [memberId],
          before: { memberId, leaveStatus: a.leaveStatus, attendance: a.attendance }, after: { memberId, leaveStatus: input.decision, attendance, note: input.note ?? null },
        });
      });
    },

    /**
     * The secretary records who took part. Every entry must be an invitee; otherwise nothing is
     * written and the error names the member. Sign-in is one way to get here, never required.
     */
    async markAttendance(access: Access, id: number, entries: { memberId: number; attendance: Attendance }[]) {
      const m = await writable(access, id);
      if (!hasBegun(m)) throw new Conflict('MEETING_NOT_STARTED', '会议开始前 30 分钟起才能登记到会情况；请假请通过审批处理');
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const invitees = new Map((await r.attendees(id)).map((a) => [a.memberId, a]));
        const seen = new Set<number>();
        for (const [i, e] of entries.entries()) {
          if (seen.has(e.memberId)) invalidField(`entries.${i}.memberId`, '同一名党员只能登记一次');
          seen.add(e.memberId);
          if (!invitees.has(e.memberId)) {
            const [named] = await r.memberNames([e.memberId], access.filter('meeting.read', 'mb.org_path'));
            invalidField(`entries.${i}.memberId`, `${named ? `“${named.name}”` : `编号为 ${e.memberId} 的人员`}不在本次会议的参会名单中，不能登记到会情况；如需补充参会人员请编辑会议`);
          }
          if (e.attendance === 'online' && m.mode === 'offline') invalidField(`entries.${i}.attendance`, '本次会议为线下会议，不能登记为线上参加');
        }
        const changed = entries.filter((e) => invitees.get(e.memberId)!.attendance !== e.attendance);
        for (const e of changed) {
          const took = e.attendance === 'present' || e.attendance === 'online';
          await r.updateAttendee(id, e.memberId, { attendance: e.attendance, signInMethod: took ? 'marked' : null, signedInAt: null });
        }
        if (changed.length === 0) return;
        await audit(tx, access.actor, {
          action: 'meeting.attendance', targetType: 'meeting', targetId: id, orgPath: m.orgPath, subjects: changed.map((e) => e.memberId),
          before: changed.map((e) => ({ memberId: e.memberId, attendance: invitees.get(e.memberId)!.attendance })), after: changed,
        });
      });
    },

    /** The rotating code for the QR screen: current window only, from 30 minutes before the start to 30 after the end. */
    async signInCode(access: Access, id: number) {
      const m = await writable(access, id);
      if (m.mode === 'online') throw new Conflict('MEETING_ONLINE', '线上会议由党员在手机上点“线上参会”登记，无需扫码签到');
      assertWindow(m, '签到二维码');
      const { signInRotateSeconds: rotate } = await orgLifeSettings(db);
      const secret = await repo.signInSecret(id, newSignInSecret());
      const now = new Date();
      const window = signInWindowOf(now, rotate);
      const token = signInToken(secret, id, window);
      return { token, url: `/m/sign-in?m=${id}&t=${token}`, expiresAt: new Date((window + 1) * rotate * 1000).toISOString(), rotateSeconds: rotate };
    },

    /**
     * A member's reply: attend, or leave with a reason (awaiting the planner's decision).
     * Changing the reply is allowed until the meeting starts.
     */
    async reply(access: Access, id: number, input: { reply: 'attend' | 'leave'; reason?: string | null }) {
      const { m, memberId } = await forMember(access.actor, id);
      const reason = input.reason?.trim() || null;
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const a = await r.lockAttendee(id, memberId);
        if (!a) throw new NotFound();
        assertPlanned(m);
        if (m.startsAt <= new Date()) throw new Conflict('MEETING_STARTED', '会议已开始，不能再更改回复；如需请假请直接联系支部书记');
        if (input.reply === 'leave' && !reason) invalidField('reason', '请假请填写事由');
        const leave = input.reply === 'leave';
        await r.updateAttendee(id, memberId, {
          reply: input.reply, repliedAt: new Date(), leaveReason: leave ? reason : null, leaveStatus: leave ? 'requested' : null,
          leaveDecidedBy: null, leaveDecidedAt: null, attendance: a.attendance === 'excused' ? 'unknown' : a.attendance,
        });
        await completeTodos(tx, { kind: ['meeting.reply', 'meeting.leaveRejected'], sourceType: SOURCE, sourceId: id, memberId });
        if (leave && m.createdBy) {
          const todo = { userId: m.createdBy, kind: LEAVE_TODO, sourceType: SOURCE, sourceId: id };
          await addTodos(tx, [{ ...todo, orgPath: m.orgPath, title: `有党员请假待审批：“${m.title}”`, link: `/meetings/${id}`, dueOn: null }]);
          await r.reopenTodo(todo);
        } else if (!(await r.hasPendingLeave(id))) {
          await completeTodos(tx, { kind: LEAVE_TODO, sourceType: SOURCE, sourceId: id });
        }
        await audit(tx, access.actor, {
          action: 'meeting.reply', targetType: 'meeting', targetId: id, orgPath: m.orgPath, subjects: [memberId],
          before: { reply: a.reply, leaveStatus: a.leaveStatus }, after: { reply: input.reply, reason },
        });
      });
    },

    /**
     * Signs the member in with the code shown at the meeting. Throws Conflict ALREADY_SIGNED_IN
     * when already recorded as taking part, Invalid SIGN_IN_CODE_EXPIRED (field token) for an
     * old or wrong code.
     */
    async signIn(access: Access, id: number, token: string) {
      const { m, memberId } = await forMember(access.actor, id);
      const { signInRotateSeconds } = await orgLifeSettings(db);
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const a = await r.lockAttendee(id, memberId);
        if (!a) throw new NotFound();
        assertPlanned(m);
        if (a.attendance === 'present' || a.attendance === 'online') throw new Conflict('ALREADY_SIGNED_IN', a.attendance === 'online' ? '您已登记为线上参加本次会议' : '您已签到，无需重复签到');
        assertWindow(m, '扫码签到');
        const secret = (await tx.selectFrom('meeting').select('signInSecret').where('id', '=', id).executeTakeFirstOrThrow()).signInSecret;
        if (!secret || !verifySignInToken(secret, id, token, signInRotateSeconds)) {
          const message = '签到二维码已过期或不正确，请扫描会议现场屏幕上当前显示的二维码';
          throw new Invalid(message, [{ path: 'token', message }], 'SIGN_IN_CODE_EXPIRED');
        }
        await r.updateAttendee(id, memberId, { attendance: 'present', signInMethod: 'qr', signedInAt: new Date() });
        await audit(tx, access.actor, { action: 'meeting.signIn', targetType: 'meeting', targetId: id, orgPath: m.orgPath, subjects: [memberId], before: { attendance: a.attendance }, after: { attendance: 'present', method: 'qr' } });
      });
    },

    /** Records the member as taking part online (网络e支部) and returns where to join; repeating it changes nothing. */
    async joinOnline(access: Access, id: number) {
      const { m, memberId } = await forMember(access.actor, id);
      return db.transaction().execute(async (tx) => {
        const r = createMeetingRepository(tx);
        const a = await r.lockAttendee(id, memberId);
        if (!a) throw new NotFound();
        assertPlanned(m);
        if (m.mode === 'offline') throw new Conflict('MEETING_NOT_ONLINE', '本次会议为线下会议，没有线上参会方式');
        if (a.attendance === 'online') return { onlineLink: m.onlineLink, attendance: 'online' as const };
        if (a.attendance === 'present') throw new Conflict('ALREADY_SIGNED_IN', '您已签到到会，无需再登记线上参加');
        assertWindow(m, '线上参会');
        await r.updateAttendee(id, memberId, { attendance: 'online', signInMethod: 'online', signedInAt: new Date() });
        await audit(tx, access.actor, { action: 'meeting.joinOnline', targetType: 'meeting', targetId: id, orgPath: m.orgPath, subjects: [memberId], before: { attendance: a.attendance }, after: { attendance: 'online' } });
        return { onlineLink: m.onlineLink, attendance: 'online' as const };
      });
    },
  };
}
