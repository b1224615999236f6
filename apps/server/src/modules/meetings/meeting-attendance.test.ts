import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_LIFE_SETTINGS } from '@hongyun/shared';
import { createTestApp, type TestApp } from '../../test/app';
import { branchWith, countRows, fieldOf, fromNow, memberClient, plan, planBody } from './meeting.fixtures';
import { signInToken, signInWindowOf } from './meeting.rules';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
});
afterAll(() => t.close());

const attendee = (meetingId: number, memberId: number) =>
  t.db.selectFrom('meetingAttendee').selectAll().where('meetingId', '=', meetingId).where('memberId', '=', memberId).executeTakeFirstOrThrow();
const openTodos = (meetingId: number, kind: string) =>
  t.db.selectFrom('todo').select(['memberId', 'userId']).where('sourceType', '=', 'meeting').where('sourceId', '=', meetingId).where('kind', '=', kind).where('doneAt', 'is', null).execute();

describe('replies and leave', () => {
  it('a member replies, asks for leave with a reason, and the secretary approves it', async () => {
    const { branch, members, secretary, secretaryUserId } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members));
    const me = await memberClient(t, branch.id, members[2].id);

    expect((await me.post(`/api/me/meetings/${id}/reply`, { reply: 'attend' })).statusCode).toBe(200);
    expect((await openTodos(id, 'meeting.reply')).map((x) => x.memberId)).not.toContain(members[2].id);

    const noReason = await me.post(`/api/me/meetings/${id}/reply`, { reply: 'leave' });
    expect(noReason.statusCode).toBe(400);
    expect(fieldOf(noReason.json())).toBe('reason');
    expect((await attendee(id, members[2].id)).reply).toBe('attend');

    expect((await me.post(`/api/me/meetings/${id}/reply`, { reply: 'leave', reason: '出差在杭州' })).statusCode).toBe(200);
    expect(await openTodos(id, 'leave.decide')).toEqual([{ memberId: null, userId: secretaryUserId }]);
    const pending = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(pending.counts.leaveRequested).toBe(1);
    expect(pending.attendees.find((a: { memberId: number }) => a.memberId === members[2].id)).toMatchObject({ reply: 'leave', leaveReason: '出差在杭州', leaveStatus: 'requested' });

    expect((await secretary.post(`/api/meetings/${id}/leave/${members[2].id}`, { decision: 'approved' })).statusCode).toBe(200);
    expect(await attendee(id, members[2].id)).toMatchObject({ leaveStatus: 'approved', attendance: 'excused' });
    expect(await openTodos(id, 'leave.decide')).toEqual([]);

    // Changing one's mind before the meeting: back to attending clears the leave.
    expect((await me.post(`/api/me/meetings/${id}/reply`, { reply: 'attend' })).statusCode).toBe(200);
    expect(await attendee(id, members[2].id)).toMatchObject({ reply: 'attend', leaveStatus: null, leaveReason: null, attendance: 'unknown' });
  });

  it('two decisions on the same request at once: one decides, the other is told it is done', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members));
    await (await memberClient(t, branch.id, members[1].id)).post(`/api/me/meetings/${id}/reply`, { reply: 'leave', reason: '家中有事' });
    const [a, b] = await Promise.all([
      secretary.post(`/api/meetings/${id}/leave/${members[1].id}`, { decision: 'approved' }),
      secretary.post(`/api/meetings/${id}/leave/${members[1].id}`, { decision: 'rejected', note: '请尽量参加' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe('LEAVE_NOT_PENDING');
    const decisions = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'meeting.leaveDecision').where('targetId', '=', String(id)).execute();
    expect(decisions).toHaveLength(1);
  });

  it('refuses a reply once the meeting has started, and a reply to a meeting one is not invited to', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members, { startsAt: fromNow(-10), endsAt: fromNow(50) }));
    const me = await memberClient(t, branch.id, members[2].id);
    expect((await me.post(`/api/me/meetings/${id}/reply`, { reply: 'attend' })).json().code).toBe('MEETING_STARTED');
    const stranger = await t.given.member({ orgId: tree.branchA.id });
    expect((await (await memberClient(t, tree.branchA.id, stranger.id)).post(`/api/me/meetings/${id}/reply`, { reply: 'attend' })).statusCode).toBe(404);
  });
});

describe('attendance marked by the secretary', () => {
  it('records invitees; a non-invitee is named in the error and nothing is written', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members, { startsAt: fromNow(-30), endsAt: fromNow(60) }));
    const outsider = await t.given.member({ orgId: branch.id, name: '外来人' });
    const audits = await countRows(t, 'auditLog');
    const bad = await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: members[1].id, attendance: 'present' }, { memberId: outsider.id, attendance: 'present' }] });
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad.json())).toBe('entries.1.memberId');
    expect(bad.json().message).toContain('外来人');
    expect((await attendee(id, members[1].id)).attendance).toBe('unknown');
    expect(await countRows(t, 'auditLog')).toBe(audits);

    const online = await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: members[1].id, attendance: 'online' }] });
    expect(fieldOf(online.json())).toBe('entries.0.attendance');

    const ok = await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: members[1].id, attendance: 'present' }, { memberId: members[2].id, attendance: 'absent' }] });
    expect(ok.statusCode).toBe(200);
    expect(await attendee(id, members[1].id)).toMatchObject({ attendance: 'present', signInMethod: 'marked' });
    expect((await secretary.get(`/api/meetings/${id}`)).json().counts).toMatchObject({ present: 1 });
  });

  it('waits until the meeting is about to begin', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members, { startsAt: fromNow(120), endsAt: fromNow(180) }));
    expect((await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: members[1].id, attendance: 'present' }] })).json().code).toBe('MEETING_NOT_STARTED');
  });
});

describe('sign-in by the rotating QR code', () => {
  async function started() {
    const b = await branchWith(t, tree.townA.id, { full: 4 });
    const id = await plan(b.secretary, planBody(b.branch.id, b.members, { startsAt: fromNow(-10), endsAt: fromNow(50) }));
    return { ...b, id };
  }

  it('signs in with the current code; a second sign-in is refused', async () => {
    const { branch, members, secretary, id } = await started();
    const code = (await secretary.post(`/api/meetings/${id}/sign-in-code`)).json();
    expect(code).toMatchObject({ url: `/m/sign-in?m=${id}&t=${code.token}`, rotateSeconds: ORG_LIFE_SETTINGS.signInRotateSeconds.value });
    expect(new Date(code.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await memberClient(t, branch.id, members[1].id);
    expect((await me.post(`/api/me/meetings/${id}/sign-in`, { token: code.token })).statusCode).toBe(200);
    expect(await attendee(id, members[1].id)).toMatchObject({ attendance: 'present', signInMethod: 'qr' });
    const audits = await countRows(t, 'auditLog');
    const again = await me.post(`/api/me/meetings/${id}/sign-in`, { token: code.token });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_SIGNED_IN');
    expect(await countRows(t, 'auditLog')).toBe(audits);
  });

  it('refuses an expired or wrong code, asking for the current one, and writes nothing', async () => {
    const { branch, members, secretary, id } = await started();
    await secretary.post(`/api/meetings/${id}/sign-in-code`);
    const { signInSecret } = await t.db.selectFrom('meeting').select('signInSecret').where('id', '=', id).executeTakeFirstOrThrow();
    const rotate = ORG_LIFE_SETTINGS.signInRotateSeconds.value;
    const old = signInToken(signInSecret!, id, signInWindowOf(new Date(), rotate) - 2);
    const me = await memberClient(t, branch.id, members[1].id);
    const audits = await countRows(t, 'auditLog');
    for (const token of [old, 'not-a-real-code']) {
      const res = await me.post(`/api/me/meetings/${id}/sign-in`, { token });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('SIGN_IN_CODE_EXPIRED');
      expect(fieldOf(res.json())).toBe('token');
    }
    expect((await attendee(id, members[1].id)).attendance).toBe('unknown');
    expect(await countRows(t, 'auditLog')).toBe(audits);
    // The previous window's code still works (a phone that scanned just before the screen moved on).
    // Not at the very edge of a window, so "previous" stays previous until the request lands.
    const msLeft = rotate * 1000 - (Date.now() % (rotate * 1000));
    if (msLeft < 2000) await new Promise((resolve) => setTimeout(resolve, msLeft + 50));
    const previous = signInToken(signInSecret!, id, signInWindowOf(new Date(), rotate) - 1);
    expect((await me.post(`/api/me/meetings/${id}/sign-in`, { token: previous })).statusCode).toBe(200);
  });

  it('two members signing in at once both succeed; the same member twice at once signs in once', async () => {
    const { branch, members, secretary, id } = await started();
    const { token } = (await secretary.post(`/api/meetings/${id}/sign-in-code`)).json();
    const a = await memberClient(t, branch.id, members[1].id);
    const b = await memberClient(t, branch.id, members[2].id);
    const both = await Promise.all([a.post(`/api/me/meetings/${id}/sign-in`, { token }), b.post(`/api/me/meetings/${id}/sign-in`, { token })]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    const c = await memberClient(t, branch.id, members[3].id);
    const twice = await Promise.all([c.post(`/api/me/meetings/${id}/sign-in`, { token }), c.post(`/api/me/meetings/${id}/sign-in`, { token })]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await secretary.get(`/api/meetings/${id}`)).json().counts.present).toBe(3);
  });

  it('shows no code outside the window around the meeting', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const later = await plan(secretary, planBody(branch.id, members, { startsAt: fromNow(24 * 60), endsAt: fromNow(24 * 60 + 60) }));
    const res = await secretary.post(`/api/meetings/${later}/sign-in-code`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SIGN_IN_CLOSED');
  });
});

describe('taking part online (网络e支部)', () => {
  it('records online attendance for a mixed meeting; repeating it is harmless; offline meetings have no online way', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members, { mode: 'mixed', onlineLink: 'https://meeting.example.cn/j/123456', startsAt: fromNow(-5), endsAt: fromNow(55) }));
    const me = await memberClient(t, branch.id, members[2].id);
    const joined = await me.post(`/api/me/meetings/${id}/join-online`);
    expect(joined.json()).toEqual({ onlineLink: 'https://meeting.example.cn/j/123456', attendance: 'online' });
    expect((await me.post(`/api/me/meetings/${id}/join-online`)).statusCode).toBe(200);
    expect(await attendee(id, members[2].id)).toMatchObject({ attendance: 'online', signInMethod: 'online' });
    const detail = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(detail.onlineParticipants).toEqual([{ id: members[2].id, name: members[2].name }]);
    expect(detail.counts).toMatchObject({ present: 1, online: 1 });

    const offline = await plan(secretary, planBody(branch.id, members, { startsAt: fromNow(-5), endsAt: fromNow(55) }));
    expect((await me.post(`/api/me/meetings/${offline}/join-online`)).json().code).toBe('MEETING_NOT_ONLINE');
  });
});
