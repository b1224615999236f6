import { expect } from 'vitest';
import { as, login, type TestApp } from '../../test/app';

// Builders shared by this module's tests: a branch with members and a logged-in secretary,
// member sessions, and plan bodies. Each test builds its own branch; nothing is shared.

export type Client = ReturnType<typeof as>;

/** An instant `minutes` from now, as the API takes it. */
export const fromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

let n = 0;

/** A fresh branch under `parentId` with live members (the first is the secretary, with an orgAdmin login). */
export async function branchWith(t: TestApp, parentId: number, counts: { full: number; probationary?: number }) {
  const branch = await t.given.org({ parentId, kind: 'branch', name: `会议测试支部${++n}` });
  const members: { id: number; name: string }[] = [];
  for (let i = 0; i < counts.full; i++) members.push(await t.given.member({ orgId: branch.id, category: 'full' }));
  for (let i = 0; i < (counts.probationary ?? 0); i++) members.push(await t.given.member({ orgId: branch.id, category: 'probationary' }));
  const user = await t.given.user([{ role: 'orgAdmin', orgId: branch.id }], { memberId: members[0].id });
  const secretary = as(t.app, await login(t.app, user.username));
  return { branch, members, secretary, secretaryUserId: user.id };
}

/** A member-role login linked to a member record. */
export async function memberClient(t: TestApp, orgId: number, memberId: number): Promise<Client> {
  const u = await t.given.user([{ role: 'member', orgId }], { memberId });
  return as(t.app, await login(t.app, u.username));
}

/** A plan body for a 主题党日 in an hour (override anything). */
export function planBody(orgId: number, members: { id: number }[], overrides: Record<string, unknown> = {}) {
  return {
    orgId, kind: 'themeDay', title: '11月主题党日：学习党的二十届四中全会精神', topics: ['集中学习全会公报', '交流学习体会'],
    startsAt: fromNow(60), endsAt: fromNow(150), mode: 'offline', place: '公司三楼会议室',
    hostMemberId: members[0].id, recorderMemberId: members[1].id, ...overrides,
  };
}

/** Plans a meeting through the API and returns its id. */
export async function plan(client: Client, body: Record<string, unknown>): Promise<number> {
  const res = await client.post('/api/meetings', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

/** How many rows a table holds (for "nothing was written" checks). */
export async function countRows(t: TestApp, table: 'meeting' | 'meetingAttendee' | 'meetingVote' | 'meetingMinutes' | 'meetingMinutesVersion' | 'venueBooking' | 'todo' | 'auditLog' | 'discussionPost') {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The first field path of an error response. */
export const fieldOf = (body: { details?: { issues?: { path: string }[] } }) => body.details?.issues?.[0]?.path;
