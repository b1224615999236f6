// The branch flows 7 and 8 work in, set up through the API as the `city` login: the demo's own
// branches already have a year of meetings (the current month may be met), so these flows need a
// branch of their own whose 支委会 this month is still owed.
//
// One branch, four full members, a committee (书记 + two 委员) and an account for each member:
// the 书记's account is the branch's orgAdmin (the secretary of the admin app), the other three
// are member accounts for /m. New accounts must change their initial password first; that is
// done here through the password route, so the browser logs in with the demo password.
//
// Flow 8 builds on the same branch; whichever flow runs first creates it (flow 8 runs alone too).
// Logins are counted: the server allows 30 per address in 10 minutes, and the whole suite shares it.

import { addDays, formatShanghaiDateTime, makeIdNumber, shanghaiInstant, todayInShanghai } from '@hongyun/shared';
import type { Page } from 'playwright-core';
import { ApiSession } from './api';
import { PASSWORD, type Person } from './fixtures';
import { tx, txButton, txStart } from './texts';
import { assert } from './wait';

const REGION = '330483';
/** A suffix from the clock keeps names, codes and usernames unique against a reused database. */
const RUN = String(Date.now() % 1000).padStart(3, '0');

export interface OrgLifeMember extends Person {
  id: number;
  username: string;
  /** The committee post, if any. */
  post: 'secretary' | 'organizationMember' | 'publicityMember' | null;
}

export interface OrgLifeBranch {
  run: string;
  townName: string;
  branchId: number;
  branchName: string;
  /** The 书记; their account (`secretary.username`) is the branch's orgAdmin. */
  secretary: OrgLifeMember;
  /** 组织委员: attends, signs in by the QR link, records the minutes. */
  attendee: OrgLifeMember;
  /** 宣传委员: asks for leave. */
  onLeave: OrgLifeMember;
  /** An ordinary member (not invited to a 支委会). */
  ordinary: OrgLifeMember;
  all: OrgLifeMember[];
  /** The secretary's API session (kept from the password change: no further login). */
  secretaryApi: ApiSession;
}

// Four-character fictional names, unlike the demo's (two or three characters) and flow 1's.
const PEOPLE: { name: string; birthDate: string; sequence: number; gender: 'male' | 'female'; post: OrgLifeMember['post']; role: 'orgAdmin' | 'member'; key: string }[] = [
  { name: '皇甫青岚', birthDate: '1986-03-14', sequence: 131, gender: 'female', post: 'secretary', role: 'orgAdmin', key: 'sec' },
  { name: '东方致远', birthDate: '1990-07-21', sequence: 245, gender: 'male', post: 'organizationMember', role: 'member', key: 'org' },
  { name: '令狐晓月', birthDate: '1993-11-02', sequence: 352, gender: 'female', post: 'publicityMember', role: 'member', key: 'pub' },
  { name: '独孤明哲', birthDate: '1995-05-30', sequence: 467, gender: 'male', post: null, role: 'member', key: 'mem' },
];

let pending: Promise<OrgLifeBranch> | null = null;

/** The branch (created on first use, then shared). */
export function orgLifeBranch(baseUrl: string, log: (line: string) => void): Promise<OrgLifeBranch> {
  pending ??= create(baseUrl, log).catch((e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

// The answer as parsed JSON: each caller reads the fields it needs.
function expectStatus(r: { status: number; body: unknown }, status: number, what: string): any {
  assert(r.status === status, `${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

interface TreeNode { id: number; name: string; isTown: boolean; abolished: boolean }

async function create(baseUrl: string, log: (line: string) => void): Promise<OrgLifeBranch> {
  const city = await ApiSession.login(baseUrl, 'city', PASSWORD);
  const tree = await city.get<{ nodes: TreeNode[] }>('/api/orgs/tree');
  // A town the other flows do not work in (flows 1, 2 and 6 use 乌镇 and 濮院).
  const towns = tree.nodes.filter((n) => n.isTown && !n.abolished);
  const town = towns.find((n) => !/乌镇|濮院/.test(n.name)) ?? towns[0];
  assert(town, 'the demo has no town to put the branch under');

  const branchName = `青禾组织生活测试${RUN}科技有限公司党支部`;
  const { id: branchId } = await expectStatus(await city.request('POST', '/api/orgs', {
    parentId: town.id, kind: 'branch', name: branchName, code: `E2E-OL-${RUN}-${Date.now() % 100000}`, foundedOn: '2019-03-01',
  }), 201, 'POST /api/orgs (the branch)');

  const members: OrgLifeMember[] = [];
  for (const p of PEOPLE) {
    const idNumber = makeIdNumber(REGION, p.birthDate, p.sequence, p.gender);
    const { id } = await expectStatus(await city.request('POST', '/api/members', {
      orgId: branchId, name: p.name, idNumber, gender: p.gender, category: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01',
    }), 201, `POST /api/members (${p.name})`);
    members.push({ name: p.name, idNumber, masked: '', birthDate: p.birthDate, gender: p.gender, id, username: `ol${p.key}${RUN}`, post: p.post });
  }

  // The current term: a 书记 and two 委员 make a committee, which owes a 支委会 every month.
  const posts = members.filter((m) => m.post).map((m) => ({ memberId: m.id, post: m.post }));
  await expectStatus(await city.request('POST', `/api/orgs/${branchId}/leadership`, { termStart: '2024-06-01', posts }), 201, 'POST /api/orgs/:id/leadership');

  let secretaryApi: ApiSession | null = null;
  for (const [i, m] of members.entries()) {
    const role = PEOPLE[i].role;
    const created = await expectStatus(await city.request('POST', '/api/users', {
      username: m.username, displayName: m.name, memberId: m.id, grants: [{ role, orgId: branchId }],
    }), 201, `POST /api/users (${m.username})`);
    // First login with the initial password, then the password change a new account must make.
    const session = await ApiSession.login(baseUrl, m.username, (created as { initialPassword: string }).initialPassword);
    await expectStatus(await session.request('POST', '/api/auth/password', { currentPassword: (created as { initialPassword: string }).initialPassword, newPassword: PASSWORD }), 200, `password change of ${m.username}`);
    if (role === 'orgAdmin') secretaryApi = session;
  }
  assert(secretaryApi, 'no secretary session');
  const [secretary, attendee, onLeave, ordinary] = members;
  log(`branch #${branchId} ${branchName} under ${town.name}: ${members.map((m) => `${m.name} (${m.username}${m.post ? `, ${m.post}` : ''})`).join(', ')}`);
  return { run: RUN, townName: town.name, branchId, branchName, secretary, attendee, onLeave, ordinary, all: members, secretaryApi };
}

/** The phone the member pages are made for. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Logs in at /m on a phone and waits for the home screen. */
export async function loginPhone(page: Page, username: string): Promise<void> {
  await page.goto('/m/login');
  await page.getByLabel(tx('auth.login.username')).fill(username);
  await page.getByLabel(tx('auth.login.password')).fill(PASSWORD);
  await page.getByRole('button', { name: txButton('auth.login.submit') }).click();
  await page.getByRole('button', { name: txStart('mmeetings.home.meetings') }).waitFor();
}

/** Phone-first: nothing wider than the screen. */
export async function assertFitsPhone(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `the page is ${overflow}px wider than the phone's screen (${page.url()})`);
}

/** 'YYYY-MM-DD HH:mm' on the Beijing wall clock, `minutes` from now rounded up to a multiple of 5. */
export function beijingWallClock(minutesFromNow: number): { date: string; time: string; instant: Date } {
  return beijingWallClockAt(new Date(Math.ceil((Date.now() + minutesFromNow * 60_000) / 300_000) * 300_000));
}

/** Beijing's date and HH:mm at an instant. */
export function beijingWallClockAt(at: Date): { date: string; time: string; instant: Date } {
  const [date, time] = formatShanghaiDateTime(at).split(' ');
  return { date, time, instant: at };
}

/** Today's date in Beijing plus `days`. */
export const beijingDate = (days = 0) => addDays(todayInShanghai(), days);
export { shanghaiInstant };
