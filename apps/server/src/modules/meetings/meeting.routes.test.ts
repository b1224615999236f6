import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, ORG_LIFE_SETTINGS, shanghaiInstant, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { branchWith, countRows, fieldOf, fromNow, memberClient, plan, planBody } from './meeting.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
});
afterAll(() => t.close());

async function venue(name: string) {
  return t.db.insertInto('venue').values({ orgId: tree.townA.id, orgPath: tree.townA.path, kind: 'serviceCenter', name, address: '甲镇振兴路1号', capacity: 60 }).returning('id').executeTakeFirstOrThrow().then((v) => v.id);
}

describe('planning', () => {
  it('invites all live members of the organisation, books nothing without a venue, and sends to-dos', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 4, probationary: 1 });
    const gone = await t.given.member({ orgId: branch.id, status: 'transferredOut' });
    const id = await plan(secretary, planBody(branch.id, members, { guests: [{ name: '王老师', note: '镇党建指导员' }] }));

    const detail = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(detail.attendees.map((a: { memberId: number }) => a.memberId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(detail.attendees.map((a: { memberId: number }) => a.memberId)).not.toContain(gone.id);
    expect(detail.guests).toEqual([{ name: '王老师', note: '镇党建指导员' }]);
    expect(detail).toMatchObject({ status: 'planned', minutesState: 'none', counts: { invited: 5, attending: 0 }, abilities: { canEdit: true, canCancel: true, canMarkAttendance: false } });
    const due = addDays(todayInShanghai(new Date(detail.endsAt)), ORG_LIFE_SETTINGS.minutesDueDays.value);
    expect(detail.minutesDueOn).toBe(due);

    const todos = await t.db.selectFrom('todo').select(['kind', 'memberId', 'link', 'dueOn']).where('sourceType', '=', 'meeting').where('sourceId', '=', id).execute();
    expect(todos.filter((x) => x.kind === 'meeting.reply')).toHaveLength(5);
    expect(todos.find((x) => x.kind === 'meeting.reply')!.link).toBe(`/m/meetings/${id}`);
    expect(todos.filter((x) => x.kind === 'meeting.minutes')).toEqual([{ kind: 'meeting.minutes', memberId: members[1].id, link: `/meetings/${id}`, dueOn: due }]);
    expect(await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'meeting').where('targetId', '=', String(id)).execute()).toEqual([{ action: 'meeting.plan' }]);
  });

  it('asks the recorder for the minutes from half an hour before the start, not from the day it is planned', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const recorder = await memberClient(t, branch.id, members[1].id);
    const later = await plan(secretary, planBody(branch.id, members, { title: '下周的主题党日', startsAt: fromNow(60 * 24 * 3), endsAt: fromNow(60 * 24 * 3 + 90) }));
    const soon = await plan(secretary, planBody(branch.id, members, { title: '马上开始的主题党日', startsAt: fromNow(20), endsAt: fromNow(110) }));
    const mine = async () => ((await recorder.get('/api/me/todos')).json().items as { kind: string; link: string }[]).filter((x) => x.kind === 'meeting.minutes').map((x) => x.link);
    expect(await mine()).toEqual([`/meetings/${soon}`]);
    // Moved to within the half hour: the recorder is asked now.
    const d = (await secretary.get(`/api/meetings/${later}`)).json();
    const { orgId: _org, ...body } = planBody(branch.id, members, { title: d.title, startsAt: fromNow(10), endsAt: fromNow(100) });
    const moved = await secretary.put(`/api/meetings/${later}`, { ...body, version: d.version });
    expect(moved.statusCode, moved.body).toBeLessThan(300);
    expect((await mine()).sort()).toEqual([`/meetings/${soon}`, `/meetings/${later}`].sort());
  });

  it('invites the current committee to a 支委会 and the group to a 党小组会', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 6 });
    const term = await t.db.insertInto('leadership').values({ orgId: branch.id, termStart: '2025-01-01', termDue: '2028-01-01' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('leadershipPost').values([
      { leadershipId: term.id, memberId: members[0].id, post: 'secretary', appointedOn: '2025-01-01' },
      { leadershipId: term.id, memberId: members[1].id, post: 'organizationMember', appointedOn: '2025-01-01' },
      { leadershipId: term.id, memberId: members[2].id, post: 'publicityMember', appointedOn: '2025-01-01', dismissedOn: '2025-06-01' },
    ]).execute();
    const committee = await plan(secretary, planBody(branch.id, members, { kind: 'committeeMeeting', title: '11月支委会' }));
    const invited = (await secretary.get(`/api/meetings/${committee}`)).json().attendees.map((a: { memberId: number }) => a.memberId);
    expect(invited.sort()).toEqual([members[0].id, members[1].id].sort());

    const group = await t.db.insertInto('partyGroup').values({ orgId: branch.id, name: '第一党小组' }).returning('id').executeTakeFirstOrThrow();
    await t.db.updateTable('member').set({ partyGroupId: group.id }).where('id', 'in', [members[3].id, members[4].id]).execute();
    const missingGroup = await secretary.post('/api/meetings', planBody(branch.id, members, { kind: 'groupMeeting' }));
    expect(fieldOf(missingGroup.json())).toBe('partyGroupId');
    const groupMeeting = await plan(secretary, planBody(branch.id, members, { kind: 'groupMeeting', partyGroupId: group.id, extraInviteeIds: [members[0].id] }));
    const groupInvited = (await secretary.get(`/api/meetings/${groupMeeting}`)).json().attendees.map((a: { memberId: number }) => a.memberId);
    expect(groupInvited.sort()).toEqual([members[0].id, members[3].id, members[4].id].sort());
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const other = await t.given.member({ orgId: tree.branchA.id });
    const before = await countRows(t, 'meeting');
    const backdate = ORG_LIFE_SETTINGS.backdateDays.value;
    const tooOld = shanghaiInstant(addDays(todayInShanghai(), -(backdate + 1)), '09:00');
    const cases: [Record<string, unknown>, string][] = [
      [{ startsAt: tooOld.toISOString(), endsAt: new Date(tooOld.getTime() + 3_600_000).toISOString() }, 'startsAt'],
      [{ startsAt: fromNow(120), endsAt: fromNow(60) }, 'endsAt'],
      [{ hostMemberId: other.id }, 'hostMemberId'],
      [{ recorderMemberId: other.id }, 'recorderMemberId'],
      [{ kind: 'lecture' }, 'lecturerMemberId'],
      [{ place: null }, 'place'],
      [{ mode: 'online', place: null }, 'onlineLink'],
      [{ extraInviteeIds: [other.id] }, 'extraInviteeIds.0'],
      [{ kind: 'committeeMeeting' }, 'kind'],
      [{ topics: [] }, 'body.topics'],
    ];
    for (const [override, field] of cases) {
      const res = await secretary.post('/api/meetings', planBody(branch.id, members, override));
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(fieldOf(res.json()), JSON.stringify(override)).toBe(field);
    }
    // Back-dating within the limit is fine: a meeting held last week is entered now.
    const lastWeek = shanghaiInstant(addDays(todayInShanghai(), -7), '14:00');
    const ok = await secretary.post('/api/meetings', planBody(branch.id, members, { startsAt: lastWeek.toISOString(), endsAt: new Date(lastWeek.getTime() + 5_400_000).toISOString() }));
    expect(ok.statusCode).toBe(201);
    expect(await countRows(t, 'meeting')).toBe(before + 1);
    // …and asks nobody to reply to a meeting already held.
    expect(await t.db.selectFrom('todo').select('id').where('sourceId', '=', ok.json().id).where('kind', '=', 'meeting.reply').execute()).toEqual([]);
  });

  it('refuses an abolished organisation and one outside the caller\'s scope', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    await t.db.updateTable('org').set({ abolishedOn: '2026-01-01', abolishedReason: '企业注销' }).where('id', '=', branch.id).execute();
    expect(fieldOf((await secretary.post('/api/meetings', planBody(branch.id, members))).json())).toBe('orgId');
    const outside = await secretary.post('/api/meetings', planBody(tree.branchB.id, members));
    expect(outside.statusCode).toBe(404);
  });

  it('lectures name a lecturer: a member of the organisation or an outside name', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(secretary, planBody(branch.id, members, { kind: 'lecture', title: '书记讲党课', lecturerName: '镇党委书记 张明' }));
    expect((await secretary.get(`/api/meetings/${id}`)).json().lecturer).toEqual({ memberId: null, name: '镇党委书记 张明' });
    const own = await plan(secretary, planBody(branch.id, members, { kind: 'lecture', lecturerMemberId: members[0].id }));
    expect((await secretary.get(`/api/meetings/${own}`)).json().lecturer).toEqual({ memberId: members[0].id, name: members[0].name });
  });
});

describe('venues', () => {
  it('books the venue with the plan; of two plans for the same slot at once exactly one succeeds', async () => {
    const a = await branchWith(t, tree.townA.id, { full: 3 });
    const b = await branchWith(t, tree.townA.id, { full: 3 });
    const venueId = await venue('甲镇党群服务中心');
    const slot = { venueId, place: null, startsAt: fromNow(24 * 60), endsAt: fromNow(24 * 60 + 90) };
    const meetingsBefore = await countRows(t, 'meeting');
    const [r1, r2] = await Promise.all([
      a.secretary.post('/api/meetings', planBody(a.branch.id, a.members, slot)),
      b.secretary.post('/api/meetings', planBody(b.branch.id, b.members, slot)),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 409]);
    const lost = r1.statusCode === 409 ? r1 : r2;
    expect(lost.json().code).toBe('VENUE_TAKEN');
    expect(await countRows(t, 'meeting')).toBe(meetingsBefore + 1);
    const won = (r1.statusCode === 201 ? r1 : r2).json().id;
    const bookings = await t.db.selectFrom('venueBooking').select(['meetingId']).where('venueId', '=', venueId).where('cancelledAt', 'is', null).execute();
    expect(bookings).toEqual([{ meetingId: won }]);
  });

  it('re-books when the meeting moves, and frees the venue on cancellation', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const venueId = await venue('甲镇党群驿站');
    const id = await plan(secretary, planBody(branch.id, members, { venueId, place: null, startsAt: fromNow(3 * 24 * 60), endsAt: fromNow(3 * 24 * 60 + 60) }));
    const d = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(d.venue).toMatchObject({ venueId, name: '甲镇党群驿站' });
    const moved = planBody(branch.id, members, { venueId, place: null, startsAt: fromNow(4 * 24 * 60), endsAt: fromNow(4 * 24 * 60 + 60) });
    const { orgId: _orgId, ...fields } = moved;
    expect((await secretary.put(`/api/meetings/${id}`, { ...fields, version: d.version })).statusCode).toBe(200);
    const stale = await secretary.put(`/api/meetings/${id}`, { ...fields, version: d.version });
    expect(stale.json().code).toBe('STALE_VERSION');
    const live = await t.db.selectFrom('venueBooking').select('during').where('meetingId', '=', id).where('cancelledAt', 'is', null).execute();
    expect(live).toHaveLength(1);

    expect((await secretary.post(`/api/meetings/${id}/cancel`, { reason: '与上级会议冲突，改期', version: d.version + 1 })).statusCode).toBe(200);
    expect(await t.db.selectFrom('venueBooking').select('id').where('meetingId', '=', id).where('cancelledAt', 'is', null).execute()).toEqual([]);
    const open = await t.db.selectFrom('todo').select('id').where('sourceType', '=', 'meeting').where('sourceId', '=', id).where('doneAt', 'is', null).execute();
    expect(open).toEqual([]);
    const after = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', cancelledReason: '与上级会议冲突，改期', abilities: { canEdit: false } });
    expect((await secretary.post(`/api/meetings/${id}/cancel`, { reason: '再取消', version: after.version })).json().code).toBe('MEETING_CANCELLED');
  });
});

describe('editing', () => {
  it('re-computes invitees when the kind changes, keeping those who already replied', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 4 });
    const id = await plan(secretary, planBody(branch.id, members));
    await t.db.updateTable('meetingAttendee').set({ reply: 'attend', repliedAt: new Date() }).where('meetingId', '=', id).where('memberId', '=', members[3].id).execute();
    const term = await t.db.insertInto('leadership').values({ orgId: branch.id, termStart: '2025-01-01', termDue: '2028-01-01' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('leadershipPost').values([{ leadershipId: term.id, memberId: members[0].id, post: 'secretary', appointedOn: '2025-01-01' }, { leadershipId: term.id, memberId: members[1].id, post: 'organizationMember', appointedOn: '2025-01-01' }]).execute();
    const { orgId: _o, ...fields } = planBody(branch.id, members, { kind: 'committeeMeeting' });
    expect((await secretary.put(`/api/meetings/${id}`, { ...fields, version: 1 })).statusCode).toBe(200);
    const invited = (await secretary.get(`/api/meetings/${id}`)).json().attendees.map((a: { memberId: number }) => a.memberId).sort();
    expect(invited).toEqual([members[0].id, members[1].id, members[3].id].sort());
    const openReplies = await t.db.selectFrom('todo').select('memberId').where('sourceId', '=', id).where('kind', '=', 'meeting.reply').where('doneAt', 'is', null).execute();
    expect(openReplies.map((x) => x.memberId)).not.toContain(members[2].id);
  });
});

describe('list', () => {
  it('filters by subtree, kind, dates, status and title, newest first, with counts and the minutes flag', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const early = await plan(secretary, planBody(branch.id, members, { title: '十月支部学习', kind: 'study', startsAt: fromNow(-3 * 24 * 60), endsAt: fromNow(-3 * 24 * 60 + 60) }));
    const late = await plan(secretary, planBody(branch.id, members, { title: '主题党日活动' }));
    const all = (await secretary.get(`/api/meetings?orgId=${branch.id}`)).json();
    expect(all.items.map((m: { id: number }) => m.id)).toEqual([late, early]);
    expect(all.items[1]).toMatchObject({ orgName: expect.any(String), kind: 'study', minutesState: 'none', counts: { invited: 3 } });
    expect((await secretary.get(`/api/meetings?orgId=${branch.id}&kind=study`)).json().items.map((m: { id: number }) => m.id)).toEqual([early]);
    expect((await secretary.get(`/api/meetings?orgId=${branch.id}&q=${encodeURIComponent('主题')}`)).json().items.map((m: { id: number }) => m.id)).toEqual([late]);
    const today = todayInShanghai();
    expect((await secretary.get(`/api/meetings?orgId=${branch.id}&from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).json().items.map((m: { id: number }) => m.id)).toEqual([late]);
    expect((await secretary.get(`/api/meetings?orgId=${branch.id}&pageSize=1&page=2`)).json()).toMatchObject({ total: 2, items: [{ id: early }] });

    // Minutes overdue: a meeting that ended with its due date passed and nothing confirmed.
    await t.db.updateTable('meeting').set({ minutesDueOn: addDays(today, -1) }).where('id', '=', early).execute();
    expect((await secretary.get(`/api/meetings?orgId=${branch.id}&kind=study`)).json().items[0].minutesOverdue).toBe(true);

    // The town sees it; the other town does not.
    const townB = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
    expect((await townB.get(`/api/meetings?orgId=${branch.id}`)).statusCode).toBe(404);
    expect((await townB.get('/api/meetings')).json().items.map((m: { id: number }) => m.id)).not.toContain(late);
    expect((await townB.get(`/api/meetings/${late}`)).statusCode).toBe(404);
  });
});
