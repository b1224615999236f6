import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { recordStudyHours } from './study-hours';

type Client = ReturnType<typeof as>;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Client, townA: Client, townB: Client, secretaryA: Client;
const year = Number(todayInShanghai().slice(0, 4));

async function memberUser(orgId: number, name?: string) {
  const m = await t.given.member({ orgId, name });
  const u = await t.given.user([{ role: 'member', orgId }], { memberId: m.id });
  return { id: m.id, client: as(t.app, await login(t.app, u.username)) };
}

async function course(hours: number) {
  const id = (await townA.post('/api/courses', { orgId: tree.townA.id, title: `党史学习${hours}`, category: '党史', studyHours: hours, audience: { kind: 'all' } })).json().id;
  await townA.post(`/api/courses/${id}/chapters`, { version: 1, title: '一', body: '<p>内容</p>' });
  await townA.post(`/api/courses/${id}/publish`, { version: 2 });
  return id;
}

async function newClass(requiredHours: number, courseIds: number[] = []) {
  const res = await townA.post('/api/classes', { orgId: tree.townA.id, title: `${year}年度党员冬训班`, year, startsOn: `${year}-01-10`, endsOn: `${year}-12-20`, requiredHours, courseIds });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const userAs = async (role: 'cityAdmin' | 'townCoordinator' | 'orgAdmin', orgId: number) => as(t.app, await login(t.app, (await t.given.user([{ role, orgId }])).username));
  city = await userAs('cityAdmin', tree.city.id);
  townA = await userAs('townCoordinator', tree.townA.id);
  townB = await userAs('townCoordinator', tree.townB.id);
  secretaryA = await userAs('orgAdmin', tree.branchA.id);
}, 60000);
afterAll(() => t?.close());

describe('online school classes', () => {
  it('enrols members of the subtree and names anyone outside it, writing nothing', async () => {
    const classId = await newClass(4);
    const inside = await t.given.member({ orgId: tree.branchA.id });
    const outside = await t.given.member({ orgId: tree.branchB.id, name: '乙党员' });
    const bad = await townA.post(`/api/classes/${classId}/enrolments`, { memberIds: [inside.id, outside.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'memberIds.1' });
    expect(bad.json().message).toContain('乙党员');
    expect((await townA.get(`/api/classes/${classId}/progress`)).json().total).toBe(0);
    const ok = await townA.post(`/api/classes/${classId}/enrolments`, { memberIds: [inside.id, inside.id] });
    expect(ok.json()).toEqual({ enrolled: 1, alreadyEnrolled: 0 });
    expect((await townA.post(`/api/classes/${classId}/enrolments`, { memberIds: [inside.id] })).json()).toEqual({ enrolled: 0, alreadyEnrolled: 1 });
    expect((await townB.get(`/api/classes/${classId}`)).statusCode).toBe(404);
    expect((await townB.post(`/api/classes/${classId}/enrolments`, { memberIds: [outside.id] })).statusCode).toBe(404);
  });

  it('refuses a course the class members could not take and dates out of order', async () => {
    const otherTown = (await townB.post('/api/courses', { orgId: tree.townB.id, title: '乙镇课程', category: '其他', studyHours: 1, audience: { kind: 'all' } })).json().id;
    const res = await townA.post('/api/classes', { orgId: tree.townA.id, title: '培训班', year, startsOn: `${year}-03-01`, endsOn: `${year}-04-01`, requiredHours: 8, courseIds: [otherTown] });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('courseIds.0');
    const dates = await townA.post('/api/classes', { orgId: tree.townA.id, title: '培训班', year, startsOn: `${year}-05-01`, endsOn: `${year}-04-01`, requiredHours: 8 });
    expect(dates.json().details.issues[0].path).toBe('endsOn');
  });

  it('completes an enrolment when the year\'s hours reach the requirement and issues a certificate', async () => {
    const c1 = await course(2);
    const classId = await newClass(3, [c1]);
    const m = await memberUser(tree.branchA.id, '王学员');
    await townA.post(`/api/classes/${classId}/enrolments`, { memberIds: [m.id] });
    // Finishing the course gives 2 hours: not enough yet.
    const chapter = (await m.client.get(`/api/me/courses/${c1}`)).json().chapters[0].id;
    await m.client.get(`/api/me/courses/${c1}/chapters/${chapter}`);
    let mine = (await m.client.get('/api/me/classes')).json().items[0];
    expect(mine).toMatchObject({ id: classId, hours: 2, requiredHours: 3, completedAt: null, certificateNo: null, courses: [{ id: c1, completed: true }] });
    expect((await townA.get(`/api/classes/${classId}/certificates/${m.id}`)).statusCode).toBe(404);

    // An attended 党课, reported by the meetings module once its minutes are confirmed.
    await t.db.transaction().execute((tx) => recordStudyHours(tx, [{ memberId: m.id, year, hours: 1.5, sourceType: 'lecture', sourceId: 987654, title: '党课：学习贯彻党的二十届四中全会精神' }]));
    mine = (await m.client.get('/api/me/classes')).json().items[0];
    expect(mine.hours).toBe(3.5);
    expect(mine.certificateNo).toBe(`HY${year}-${String(classId).padStart(4, '0')}-${String(m.id).padStart(6, '0')}`);
    const cert = await townA.get(`/api/classes/${classId}/certificates/${m.id}`);
    expect(cert.statusCode).toBe(200);
    expect(cert.json()).toMatchObject({ memberName: '王学员', classTitle: `${year}年度党员冬训班`, hours: 3.5, requiredHours: 3, issuingOrgName: '甲镇两新工委', certificateNo: mine.certificateNo });
    expect((await m.client.get(`/api/me/classes/${classId}/certificate`)).json().certificateNo).toBe(mine.certificateNo);
    const progress = (await townA.get(`/api/classes/${classId}/progress`)).json();
    expect(progress.items[0]).toMatchObject({ memberId: m.id, hours: 3.5, certificateNo: mine.certificateNo });
    expect((await townA.delete(`/api/classes/${classId}/enrolments/${m.id}`)).statusCode).toBe(409);

    const ledger = (await m.client.get(`/api/me/study-hours?year=${year}`)).json();
    expect(ledger).toMatchObject({ year, total: 3.5, required: 32, leader: false });
    expect(ledger.entries.map((e: { sourceType: string; title: string }) => [e.sourceType, e.title])).toEqual(expect.arrayContaining([
      ['lecture', '党课：学习贯彻党的二十届四中全会精神'], ['course', '党史学习2'],
    ]));
  });

  it('counts the same lecture once however often it is reported', async () => {
    const m = await t.given.member({ orgId: tree.branchA.id });
    const entry = { memberId: m.id, year, hours: 2, sourceType: 'lecture' as const, sourceId: 4242, title: '党课：红船精神' };
    await Promise.all([1, 2, 3].map(() => t.db.transaction().execute((tx) => recordStudyHours(tx, [entry]))));
    expect(await t.db.selectFrom('studyHoursEntry').selectAll().where('memberId', '=', m.id).execute()).toHaveLength(1);
  });
});

describe('study hours against the requirement', () => {
  it('asks 56 hours of a committee member and 32 of others, and lists the subtree by name for the secretary', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '学时测试支部' });
    const secretary = await memberUser(branch.id, 'A甲书记');
    const plain = await memberUser(branch.id, 'B乙党员');
    const done = await t.given.member({ orgId: branch.id, name: 'C丙党员' });
    const leadership = await t.db.insertInto('leadership').values({ orgId: branch.id, termStart: '2025-01-01', termDue: '2028-01-01' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('leadershipPost').values({ leadershipId: leadership.id, memberId: secretary.id, post: 'secretary', appointedOn: '2025-01-01' }).execute();
    await t.db.transaction().execute((tx) => recordStudyHours(tx, [
      { memberId: secretary.id, year, hours: 40, sourceType: 'manual', sourceId: 1, title: '集中轮训' },
      { memberId: plain.id, year, hours: 8, sourceType: 'manual', sourceId: 1, title: '集中轮训' },
      { memberId: done.id, year, hours: 32, sourceType: 'manual', sourceId: 1, title: '集中轮训' },
      { memberId: done.id, year: year - 1, hours: 10, sourceType: 'manual', sourceId: 2, title: '去年' },
    ]));
    expect((await secretary.client.get('/api/me/study-hours')).json()).toMatchObject({ total: 40, required: 56, leader: true });
    expect((await plain.client.get('/api/me/study-hours')).json()).toMatchObject({ total: 8, required: 32, leader: false });

    const res = await city.get(`/api/study-hours?orgId=${branch.id}&year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { name: string; hours: number; required: number; met: boolean }) => [x.name, x.hours, x.required, x.met])).toEqual([
      ['A甲书记', 40, 56, false], ['B乙党员', 8, 32, false], ['C丙党员', 32, 32, true],
    ]);
    const below = (await city.get(`/api/study-hours?orgId=${branch.id}&year=${year}&below=true`)).json();
    expect(below.total).toBe(2);
    expect(below.items.map((x: { name: string }) => x.name)).not.toContain('C丙党员');
    const second = (await city.get(`/api/study-hours?orgId=${branch.id}&year=${year}&pageSize=1&page=2`)).json();
    expect(second).toMatchObject({ total: 3, page: 2, items: [{ name: 'B乙党员' }] });

    // A deployment may set its own figure.
    await t.db.insertInto('setting').values({ key: 'learning.memberStudyHours', value: JSON.stringify(8) as never }).execute();
    expect((await plain.client.get('/api/me/study-hours')).json().required).toBe(8);
    await t.db.deleteFrom('setting').where('key', '=', 'learning.memberStudyHours').execute();
  });

  it('shows a secretary their own subtree only', async () => {
    expect((await secretaryA.get(`/api/study-hours?orgId=${tree.branchA.id}`)).statusCode).toBe(200);
    expect((await secretaryA.get(`/api/study-hours?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
    expect((await townB.get(`/api/study-hours?orgId=${tree.branchA.id}`)).statusCode).toBe(404);
  });
});
