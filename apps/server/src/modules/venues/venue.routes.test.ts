import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiInstant, todayInShanghai } from '@hongyun/shared';
import type { Queryable } from '../../db/database';
import { Conflict } from '../../platform/errors';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { bookVenue } from './venue-booking';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let otherTown: { id: number; path: string };
let town: Session;
let secretaryA: Session;
let secretaryB: Session;
let otherCity: Session;
let member: Session;

// A Monday well ahead, so bookings are in the future whatever day the tests run.
const today = todayInShanghai();
const monday = (() => {
  let d = addDays(today, 14);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
})();

const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));
const venueBody = (over: Record<string, unknown> = {}) => ({
  kind: 'serviceCenter', name: '甲镇党群服务中心', orgId: tree.townA.id, address: '甲镇人民路1号', capacity: 120, openingHours: hours,
  contactName: '王主任', contactPhone: '0573-88000000', note: '可容纳百人报告厅', ...over,
});

async function meeting(db: Queryable, org: { id: number; path: string }, title: string, date: string, from: string, to: string) {
  return db.insertInto('meeting').values({
    orgId: org.id, orgPath: org.path, kind: 'committeeMeeting', title, startsAt: shanghaiInstant(date, from), endsAt: shanghaiInstant(date, to),
    mode: 'offline', minutesDueOn: addDays(date, 3),
  }).returning('id').executeTakeFirstOrThrow();
}

/** Plans a meeting and books the venue in one transaction, as the meeting service does. */
function book(venueId: number, org: { id: number; path: string }, title: string, date: string, from: string, to: string) {
  return t.db.transaction().execute(async (tx) => {
    const m = await meeting(tx, org, title, date, from, to);
    await bookVenue(tx, { venueId, meetingId: m.id, orgPath: org.path, startsAt: shanghaiInstant(date, from), endsAt: shanghaiInstant(date, to), userId: null });
    return m.id;
  });
}

const count = async () => (await t.db.selectFrom('venue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  const far = await t.given.org({ kind: 'workCommittee', name: '外市两新工委' });
  otherTown = await t.given.org({ parentId: far.id, kind: 'workCommittee', name: '外市某镇', isTown: true });
  town = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username);
  secretaryA = await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }])).username);
  secretaryB = await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: tree.branchB.id }])).username);
  otherCity = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: otherTown.id }])).username);
  const m = await t.given.member({ orgId: tree.branchA.id });
  member = await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: m.id })).username);
}, 60000);
afterAll(() => t?.close());

describe('venue registry', () => {
  it('lets a town register a venue that every planner of the city sees, and no one outside it', async () => {
    const res = await as(t.app, town).post('/api/venues', venueBody());
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const seen = await as(t.app, secretaryB).get('/api/venues');
    expect(seen.statusCode).toBe(200);
    const v = seen.json().items.find((x: { id: number }) => x.id === id);
    expect(v).toMatchObject({ name: '甲镇党群服务中心', orgName: '甲镇两新工委', kind: 'serviceCenter', capacity: 120, abilities: { edit: false } });
    expect(v.openingHours).toHaveLength(5);
    expect((await as(t.app, town).get(`/api/venues/${id}`)).json().abilities.edit).toBe(true);
    expect((await as(t.app, otherCity).get('/api/venues')).json().items.some((x: { id: number }) => x.id === id)).toBe(false);
    expect((await as(t.app, otherCity).get(`/api/venues/${id}`)).statusCode).toBe(404);
    expect((await as(t.app, member).get('/api/venues')).statusCode).toBe(403);
    const logged = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'venue').where('targetId', '=', String(id)).execute();
    expect(logged.map((l) => l.action)).toEqual(['venue.create']);
  });

  it('filters by kind, search text and owner, and hides closed venues unless asked', async () => {
    const station = (await as(t.app, town).post('/api/venues', venueBody({ kind: 'station', name: '运河党群驿站', address: '运河路8号', openingHours: [] }))).json().id;
    const client = as(t.app, secretaryA);
    expect((await client.get('/api/venues?kind=station')).json().items.map((x: { id: number }) => x.id)).toEqual([station]);
    expect((await client.get(`/api/venues?q=${encodeURIComponent('运河')}`)).json().items.map((x: { id: number }) => x.id)).toEqual([station]);
    expect((await client.get(`/api/venues?orgId=${tree.townB.id}`)).json().total).toBe(0);
    await as(t.app, town).post(`/api/venues/${station}/close`, { version: 1 });
    expect((await client.get('/api/venues?kind=station')).json().total).toBe(0);
    expect((await client.get('/api/venues?kind=station&includeClosed=true')).json().items[0].closedAt).not.toBeNull();
  });

  it('refuses an owner that is not a town or the city, naming the field, and writes nothing', async () => {
    const before = await count();
    const res = await as(t.app, town).post('/api/venues', venueBody({ name: '支部活动室', orgId: tree.branchA.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('orgId');
    expect(await count()).toBe(before);
  });

  it('refuses opening hours that end before they start or overlap', async () => {
    const bad = await as(t.app, town).post('/api/venues', venueBody({ name: '新驿站', openingHours: [{ weekday: 2, opens: '18:00', closes: '09:00' }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('body.openingHours.0.closes');
    const clash = await as(t.app, town).post('/api/venues', venueBody({ name: '新驿站', openingHours: [{ weekday: 2, opens: '08:00', closes: '12:00' }, { weekday: 2, opens: '11:00', closes: '17:00' }] }));
    expect(clash.json().details.issues[0].path).toBe('body.openingHours.1.opens');
  });

  it('refuses a second venue of the same name for the same owner', async () => {
    const res = await as(t.app, town).post('/api/venues', venueBody());
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('name');
  });

  it('refuses to manage another town\'s venue or to register for a town outside one\'s scope', async () => {
    const res = await as(t.app, town).post('/api/venues', venueBody({ name: '乙镇驿站', orgId: tree.townB.id }));
    expect(res.statusCode).toBe(404);
  });

  it('edits with the version it read and refuses a stale one', async () => {
    const id = (await as(t.app, town).post('/api/venues', venueBody({ name: '红创空间', kind: 'redSpace' }))).json().id;
    const ok = await as(t.app, town).put(`/api/venues/${id}`, { ...venueBody({ name: '甲镇红创空间', kind: 'redSpace', capacity: 40 }), version: 1 });
    expect(ok.statusCode).toBe(200);
    expect((await as(t.app, town).get(`/api/venues/${id}`)).json()).toMatchObject({ name: '甲镇红创空间', capacity: 40, version: 2 });
    const stale = await as(t.app, town).put(`/api/venues/${id}`, { ...venueBody({ name: '又改名', kind: 'redSpace' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('targetId', '=', String(id)).where('action', '=', 'venue.update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: '红创空间' });
    expect(audit.after).toMatchObject({ name: '甲镇红创空间' });
    expect((await as(t.app, secretaryA).put(`/api/venues/${id}`, { ...venueBody(), version: 2 })).statusCode).toBe(403);
  });
});

describe('bookings', () => {
  let venueId: number;
  beforeAll(async () => {
    venueId = (await as(t.app, town).post('/api/venues', venueBody({ name: '预约测试中心' }))).json().id;
  });

  it('refuses an overlapping booking, saying who holds the slot, and takes the adjacent one', async () => {
    await book(venueId, tree.branchA, '十一月支委会', monday, '09:00', '10:30');
    const err = await book(venueId, tree.branchB, '乙支部主题党日', monday, '10:00', '11:00').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect((err as Conflict).code).toBe('VENUE_TAKEN');
    expect((err as Conflict).message).toContain('甲镇某公司党支部');
    expect((err as Conflict).message).toContain('十一月支委会');
    await expect(book(venueId, tree.branchB, '乙支部党课', monday, '10:30', '11:30')).resolves.toBeTypeOf('number');
  });

  it('lets only one of two secretaries booking the same slot at the same moment succeed', async () => {
    const day = addDays(monday, 1);
    const attempt = (org: { id: number; path: string }, title: string) => book(venueId, org, title, day, '14:00', '16:00');
    const results = await Promise.allSettled([attempt(tree.branchA, '甲支部党员大会'), attempt(tree.branchB, '乙支部党员大会')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(Conflict);
    expect((lost.reason as Conflict).message).toMatch(/党员大会/);
    const live = await t.db.selectFrom('venueBooking').select('id').where('venueId', '=', venueId).where('cancelledAt', 'is', null)
      .where('during', '&&' as never, `[${shanghaiInstant(day, '14:00').toISOString()},${shanghaiInstant(day, '16:00').toISOString()})` as never).execute();
    expect(live).toHaveLength(1);
    // The loser's meeting row rolled back with its transaction: nothing half-written.
    const titles = (await t.db.selectFrom('meeting').select('title').where('title', 'like', '%党员大会').execute()).map((m) => m.title);
    expect(titles).toHaveLength(1);
  });

  it('refuses a time outside the opening hours or on a closed weekday', async () => {
    const early = await book(venueId, tree.branchA, '早会', monday, '07:00', '08:00').catch((e: { details?: { issues: { path: string; message: string }[] } }) => e);
    expect((early as { details: { issues: { path: string; message: string }[] } }).details.issues[0]).toMatchObject({ path: 'venueId' });
    expect((early as Error).message).toContain('周一开放时间为08:30—17:30');
    const sunday = addDays(monday, 6);
    const closedDay = await book(venueId, tree.branchA, '周日活动', sunday, '09:00', '10:00').catch((e: Error) => e);
    expect((closedDay as Error).message).toContain('周日不开放');
  });

  it('refuses a closed venue and a venue of another city', async () => {
    const closed = (await as(t.app, town).post('/api/venues', venueBody({ name: '停用中心' }))).json().id;
    await as(t.app, town).post(`/api/venues/${closed}/close`, { version: 1 });
    expect(((await book(closed, tree.branchA, '会议', monday, '09:00', '10:00').catch((e: Error) => e)) as Error).message).toContain('已停止开放');
    const far = await t.db.insertInto('venue').values({ orgId: otherTown.id, orgPath: otherTown.path, kind: 'station', name: '外市驿站', address: '外市', capacity: 10 }).returning('id').executeTakeFirstOrThrow();
    expect(((await book(far.id, tree.branchA, '会议', monday, '09:00', '10:00').catch((e: Error) => e)) as Error).message).toContain('不存在');
  });

  it('shows the calendar with title, organisation and time, and opens only one\'s own meetings', async () => {
    const url = `/api/venues/${venueId}/bookings?from=${monday}&to=${addDays(monday, 6)}`;
    const res = await as(t.app, secretaryA).get(url);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { title: string; orgName: string; startsAt: string; meetingId: number | null }[];
    expect(items.map((i) => i.title)).toEqual(['十一月支委会', '乙支部党课', expect.stringMatching(/党员大会/)]);
    expect(items[0]).toMatchObject({ orgName: '甲镇某公司党支部', startsAt: shanghaiInstant(monday, '09:00').toISOString() });
    expect(items[0].meetingId).toBeTypeOf('number');
    expect(items[1].meetingId).toBeNull();
    expect(Object.keys(items[0]).sort()).toEqual(['endsAt', 'meetingId', 'orgName', 'startsAt', 'title']);
    expect((await as(t.app, secretaryA).get(`/api/venues/${venueId}/bookings?from=${monday}&to=${addDays(monday, 90)}`)).json().details.issues[0].path).toBe('to');
    expect((await as(t.app, otherCity).get(url)).statusCode).toBe(404);
  });
});
