import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { branchWith, fromNow, memberClient, plan, planBody } from './meeting.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
});
afterAll(() => t.close());

describe('my meetings (/m)', () => {
  it('lists upcoming and past meetings I am invited to, with my reply and attendance', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const soon = await plan(secretary, planBody(branch.id, members, { title: '下周主题党日', startsAt: fromNow(7 * 24 * 60), endsAt: fromNow(7 * 24 * 60 + 90) }));
    const sooner = await plan(secretary, planBody(branch.id, members, { title: '明天支部学习', kind: 'study', startsAt: fromNow(24 * 60), endsAt: fromNow(24 * 60 + 60) }));
    const past = await plan(secretary, planBody(branch.id, members, { title: '上周党课', kind: 'lecture', lecturerName: '王老师', startsAt: fromNow(-7 * 24 * 60), endsAt: fromNow(-7 * 24 * 60 + 60) }));
    const me = await memberClient(t, branch.id, members[2].id);
    await me.post(`/api/me/meetings/${soon}/reply`, { reply: 'leave', reason: '出差' });

    const upcoming = (await me.get('/api/me/meetings')).json();
    expect(upcoming.items.map((m: { id: number }) => m.id)).toEqual([sooner, soon]);
    expect(upcoming.items[1].mine).toMatchObject({ reply: 'leave', leaveStatus: 'requested', leaveReason: '出差', attendance: 'unknown' });
    const done = (await me.get('/api/me/meetings?when=past')).json();
    expect(done.items.map((m: { id: number }) => m.id)).toEqual([past]);
    expect(done.items[0]).toMatchObject({ kind: 'lecture', minutesConfirmed: false });

    const detail = (await me.get(`/api/me/meetings/${soon}`)).json();
    expect(detail).toMatchObject({ title: '下周主题党日', mine: { reply: 'leave' }, abilities: { canReply: true, canSignIn: false } });

    const stranger = await memberClient(t, tree.branchA.id, (await t.given.member({ orgId: tree.branchA.id })).id);
    expect((await stranger.get(`/api/me/meetings/${soon}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/me/meetings')).json().items).toEqual([]);
  });

  it('never shows other members\' leave reasons; confirmed minutes show who took part and who was online', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 4 });
    const id = await plan(secretary, planBody(branch.id, members, { mode: 'mixed', onlineLink: '腾讯会议 123-456-789', startsAt: fromNow(60), endsAt: fromNow(120) }));
    await (await memberClient(t, branch.id, members[3].id)).post(`/api/me/meetings/${id}/reply`, { reply: 'leave', reason: '住院治疗（私人原因）' });
    await t.db.updateTable('meeting').set({ startsAt: new Date(Date.now() - 20 * 60_000), endsAt: new Date(Date.now() + 40 * 60_000) }).where('id', '=', id).execute();
    const me = await memberClient(t, branch.id, members[2].id);
    await me.post(`/api/me/meetings/${id}/join-online`);
    await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: members[1].id, attendance: 'present' }] });
    await secretary.put(`/api/meetings/${id}/minutes`, { content: '线上线下结合召开，学习讨论。' });
    await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 });

    const res = await me.get(`/api/me/meetings/${id}`);
    expect(res.body).not.toContain('住院治疗');
    const view = res.json();
    expect(view.onlineParticipants).toEqual([{ id: members[2].id, name: members[2].name }]);
    expect(view.attendance).toContainEqual({ name: members[1].name, attendance: 'present' });
    expect(view.minutes).toMatchObject({ content: '线上线下结合召开，学习讨论。' });
    // The secretary does see the reason (to decide on it).
    expect((await secretary.get(`/api/meetings/${id}`)).body).toContain('住院治疗');
  });

  it('an account without a member record has no meetings: empty lists, 404 for one', async () => {
    const admin = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
    expect((await admin.get('/api/me/meetings')).json()).toMatchObject({ items: [], total: 0 });
    expect((await admin.get('/api/me/thread')).json()).toMatchObject({ items: [], total: 0 });
    expect((await admin.get('/api/me/meetings/1')).statusCode).toBe(404);
    expect((await admin.post('/api/me/thread', { body: '你好' })).statusCode).toBe(404);
  });
});

describe('online branch threads', () => {
  it('members post in their branch thread and meeting threads; the secretary hides a post; newest last', async () => {
    const { branch, members, secretary } = await branchWith(t, tree.townA.id, { full: 3 });
    const me = await memberClient(t, branch.id, members[2].id);
    for (const body of ['外地出差，线上参加本月学习', '已学习全会公报，收获很大', '广告内容']) expect((await me.post('/api/me/thread', { body })).statusCode).toBe(201);
    const mine = (await me.get('/api/me/thread')).json();
    expect(mine.items.map((p: { body: string }) => p.body)).toEqual(['外地出差，线上参加本月学习', '已学习全会公报，收获很大', '广告内容']);
    expect(mine.items[0]).toMatchObject({ authorName: members[2].name, mine: true, hidden: false });
    // Without a page the newest page is shown.
    expect((await me.get('/api/me/thread?pageSize=2')).json()).toMatchObject({ page: 2, total: 3, items: [{ body: '广告内容' }] });

    const admin = (await secretary.get(`/api/orgs/${branch.id}/posts`)).json();
    expect(admin.canHide).toBe(true);
    const spam = admin.items[2].id;
    expect((await me.post(`/api/discussion-posts/${spam}/hide`)).statusCode).toBe(403);
    expect((await secretary.post(`/api/discussion-posts/${spam}/hide`)).statusCode).toBe(200);
    expect((await me.get('/api/me/thread')).json().items[2]).toMatchObject({ hidden: true, body: '该内容已被管理员隐藏' });
    expect((await me.get('/api/me/thread')).body).not.toContain('广告内容');

    const id = await plan(secretary, planBody(branch.id, members));
    expect((await secretary.post(`/api/meetings/${id}/posts`, { body: '请大家提前阅读学习材料' })).statusCode).toBe(201);
    expect((await me.post(`/api/me/meetings/${id}/posts`, { body: '收到' })).statusCode).toBe(201);
    expect((await me.get(`/api/me/meetings/${id}/posts`)).json().items.map((p: { body: string }) => p.body)).toEqual(['请大家提前阅读学习材料', '收到']);
    // The meeting thread is not the branch thread.
    expect((await me.get('/api/me/thread')).json().total).toBe(3);

    const stranger = await memberClient(t, tree.branchA.id, (await t.given.member({ orgId: tree.branchA.id })).id);
    expect((await stranger.get(`/api/me/meetings/${id}/posts`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/me/meetings/${id}/posts`, { body: '路过' })).statusCode).toBe(404);
    const empty = await me.post('/api/me/thread', { body: '   ' });
    expect(empty.statusCode).toBe(400);
  });
});
