import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '@hongyun/shared';
import { seedDemo } from '../../seed/demo';
import { DEMO_ACCOUNT_BRANCH } from '../../seed/demo-data';
import { DEMO_PASSWORD } from '../../seed/write';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// The meetings of the full demo (seed/demo-meetings.ts), as the demo logins see them.
let t: TestApp;
let secretary: ReturnType<typeof as>;
let member: ReturnType<typeof as>;
let branchId: number;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.db, t.ctx.cipher, { today: todayInShanghai() });
  secretary = as(t.app, await login(t.app, 'secretary', DEMO_PASSWORD));
  member = as(t.app, await login(t.app, 'member', DEMO_PASSWORD));
  branchId = (await t.db.selectFrom('org').select('id').where('code', '=', DEMO_ACCOUNT_BRANCH).executeTakeFirstOrThrow()).id;
}, 120000);
afterAll(() => t.close());

type Row = { id: number; kind: string; status: string; minutesState: string; startsAt: string };

describe('meetings demo', () => {
  it('gives the member login an upcoming 支委会 and 主题党日 to reply to', async () => {
    const upcoming = (await member.get('/api/me/meetings')).json().items as { kind: string; status: string; mine: { reply: string } }[];
    expect(upcoming.map((m) => m.kind).sort()).toEqual(['committeeMeeting', 'themeDay']);
    expect(upcoming.every((m) => m.status === 'planned' && m.mine.reply === 'pending')).toBe(true);
    const todos = (await member.get('/api/me/todos')).json().items.filter((x: { kind: string }) => x.kind === 'meeting.reply');
    expect(todos).toHaveLength(2);
    expect((await member.get('/api/me/meetings?when=past')).json().total).toBeGreaterThan(20);
    expect((await member.get('/api/me/thread')).json().items.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a year of the branch\'s organisational life, mostly confirmed, with realistic gaps', async () => {
    const rows = (await secretary.get(`/api/meetings?orgId=${branchId}&pageSize=100`)).json().items as Row[];
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ['generalMeeting', 'committeeMeeting', 'groupMeeting', 'lecture', 'themeDay']) expect(kinds).toContain(kind);
    const held = rows.filter((r) => r.status === 'planned' && new Date(r.startsAt) < new Date());
    const confirmed = held.filter((r) => r.minutesState === 'confirmed');
    expect(held.length).toBeGreaterThan(40);
    expect(confirmed.length / held.length).toBeGreaterThan(0.85);
    expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
    const todos = (await secretary.get('/api/me/todos')).json().items.map((x: { kind: string }) => x.kind);
    expect(todos).toContain('leave.decide');
  });

  it('records a 党员大会 vote, a 党课 lecturer and members taking part online', async () => {
    const rows = (await secretary.get(`/api/meetings?orgId=${branchId}&kind=generalMeeting&pageSize=100`)).json().items as Row[];
    const details = await Promise.all(rows.map(async (r) => (await secretary.get(`/api/meetings/${r.id}`)).json()));
    const voted = details.filter((d) => d.votes.length > 0);
    expect(voted.length).toBeGreaterThan(0);
    expect(voted[0].votes[0]).toMatchObject({ quorumMet: true, passed: true, subject: expect.objectContaining({ name: expect.any(String) }) });
    expect(details.some((d) => d.onlineParticipants.length > 0)).toBe(true);

    const lectures = (await secretary.get(`/api/meetings?orgId=${branchId}&kind=lecture`)).json().items as Row[];
    const lecture = (await secretary.get(`/api/meetings/${lectures[0].id}`)).json();
    expect(lecture.lecturer.name).not.toBe('');
    expect(lecture.minutes.content).toContain('党课');
  });

  it('gives other branches meetings too', async () => {
    const city = as(t.app, await login(t.app, 'city', DEMO_PASSWORD));
    const all = (await city.get('/api/meetings?pageSize=100')).json();
    const orgs = new Set(all.items.map((m: { orgId: number }) => m.orgId));
    expect(all.total).toBeGreaterThan(150);
    expect(orgs.size).toBeGreaterThan(3);
  });
});
