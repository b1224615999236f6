import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai, type Role } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// Anonymity of peer reviews, proved by swapping: the same campaign is run in two fresh
// databases, identical except that reviewers A and C exchange the grade and comment they give
// B. Every appraisal route (and /api/me/todos and /api/audit) is called as every role at
// every stage; if any response linked a reviewer to what they gave, the two runs would differ.

const today = todayInShanghai();
const year = Number(today.slice(0, 4));
const COMMENT_X = '评语甲：带领团队完成等保测评，值得学习';
const COMMENT_Y = '评语丙：组织生活偶有缺席，希望改进';
const ANALYSIS = '对照合格党员标准和入党誓词，本人能够按时参加组织生活、交纳党费，工作中发挥了一定作用，但理论学习还不够深入。';

type Client = ReturnType<typeof as>;
interface Call { who: string; method: string; url: string; status: number; body: unknown }
interface World {
  calls: Call[];
  members: Record<'A' | 'B' | 'C' | 'D', { id: number; name: string }>;
  campaignId: number;
}

/** Timestamps, addresses and request ids differ between runs by nature; everything else must not. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? '<time>' : value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'requestId').map(([k, v]) => [k, k === 'ip' ? '<ip>' : normalise(v)]));
  }
  return value;
}

async function runWorld(swap: boolean): Promise<{ t: TestApp; world: World }> {
  const t = await createTestApp();
  const g = t.given;
  const tree = await g.tree();
  const dept = await t.db.insertInto('department').values({ orgId: tree.city.id, name: '市委组织部' }).returning('id').executeTakeFirstOrThrow();
  const names = { A: '甲评议人', B: '乙被评人', C: '丙评议人', D: '丁旁观者' } as const;
  const members = {} as World['members'];
  const clients: Record<string, Client> = {};
  const signIn = async (key: string, role: Role, orgId: number, memberId?: number) => {
    const u = await g.user([{ role, orgId, departmentId: role === 'department' ? dept.id : undefined }], { username: `anon-${key.toLowerCase()}`, memberId });
    clients[key] = as(t.app, await login(t.app, u.username));
  };
  let born = 0;
  for (const [key, name] of Object.entries(names) as ['A' | 'B' | 'C' | 'D', string][]) {
    const m = await g.member({ orgId: tree.branchA.id, name, birthDate: addDays('1988-02-01', ++born * 50) });
    members[key] = { id: m.id, name };
    await signIn(key, 'member', tree.branchA.id, m.id);
  }
  await signIn('sysadmin', 'sysadmin', tree.city.id);
  await signIn('cityAdmin', 'cityAdmin', tree.city.id);
  await signIn('townCoordinator', 'townCoordinator', tree.townA.id);
  await signIn('secretary', 'orgAdmin', tree.branchA.id);
  await signIn('department', 'department', tree.city.id);
  await signIn('cadre', 'cadre', tree.townA.id);

  const calls: Call[] = [];
  const record = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const c = clients[who];
    const res = method === 'GET' ? await c.get(url) : method === 'POST' ? await c.post(url, body) : await c.put(url, body);
    const call = { who, method, url, status: res.statusCode, body: normalise(res.json()) };
    calls.push(call);
    return call;
  };

  const created = await record('secretary', 'POST', '/api/appraisals', { orgId: tree.branchA.id, year, title: '民主评议党员', studyMaterials: '学习党章', reviewDueOn: addDays(today, 10) });
  const campaignId = (created.body as { id: number }).id;
  const base = `/api/appraisals/${campaignId}`;
  const meBase = `/api/me/appraisals/${campaignId}`;
  const { A, B, C, D } = members;

  /** Every read route, as every role. */
  const readAll = async () => {
    for (const who of Object.keys(clients)) {
      await record(who, 'GET', '/api/appraisals');
      await record(who, 'GET', base);
      await record(who, 'GET', '/api/me/appraisals');
      await record(who, 'GET', meBase);
      await record(who, 'GET', '/api/me/appraisal-history');
      await record(who, 'GET', '/api/me/todos');
      await record(who, 'GET', '/api/audit?pageSize=100');
    }
  };

  // What A and C give B: swapped between the two runs.
  const fromA = swap ? { grade: 'basicallyQualified', comment: COMMENT_Y } : { grade: 'excellent', comment: COMMENT_X };
  const fromC = swap ? { grade: 'excellent', comment: COMMENT_X } : { grade: 'basicallyQualified', comment: COMMENT_Y };
  for (const who of ['A', 'B', 'C'] as const) await record(who, 'PUT', `${meBase}/self`, { selfAnalysis: ANALYSIS, selfGrade: 'qualified' });
  // Between submissions too: figures that moved as each review came in would name its author.
  const glance = async () => {
    for (const who of ['secretary', 'cityAdmin', 'B']) {
      await record(who, 'GET', who === 'B' ? meBase : base);
      await record(who, 'GET', '/api/audit?pageSize=100');
    }
  };
  await record('D', 'POST', `${meBase}/peer-reviews`, { reviews: [{ memberId: B.id, grade: 'qualified', comment: '丁对乙' }] });
  await glance();
  await record('A', 'POST', `${meBase}/peer-reviews`, { reviews: [{ memberId: B.id, ...fromA }, { memberId: C.id, grade: 'qualified', comment: '甲对丙' }] });
  await glance();
  await record('C', 'POST', `${meBase}/peer-reviews`, { reviews: [{ memberId: B.id, ...fromC }] });
  await glance();
  await record('C', 'POST', `${meBase}/peer-reviews`, { reviews: [{ memberId: A.id, grade: 'qualified' }, { memberId: D.id, grade: 'qualified', comment: '丙对丁' }] });
  await record('B', 'POST', `${meBase}/peer-reviews`, { reviews: [{ memberId: A.id, grade: 'qualified', comment: '乙对甲' }, { memberId: C.id, grade: 'qualified' }, { memberId: D.id, grade: 'qualified' }] });
  await record('secretary', 'POST', `${base}/remind`);
  await readAll();

  const version = async () => ((await clients.secretary.get(base)).json() as { version: number }).version;
  await record('secretary', 'POST', `${base}/close-review`, { version: await version() });
  await readAll();

  const grades = [A, B, C, D].map((m) => ({ memberId: m.id, grade: m === B ? 'excellent' : 'qualified', reason: m === B ? '带头攻关' : null }));
  await record('secretary', 'PUT', `${base}/proposal`, { grades, version: await version() });
  const org = await t.db.selectFrom('org').select('path').where('id', '=', tree.branchA.id).executeTakeFirstOrThrow();
  const startsAt = new Date(Date.now() - 3 * 3600_000);
  const meeting = await t.db.insertInto('meeting').values({
    orgId: tree.branchA.id, orgPath: org.path, kind: 'generalMeeting', title: '支部党员大会', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), mode: 'offline', minutesDueOn: today,
  }).returning('id').executeTakeFirstOrThrow();
  await record('secretary', 'POST', `${base}/confirm`, { meetingId: meeting.id, version: await version() });
  await record('secretary', 'POST', `${base}/publish`, { version: await version() });
  await record('B', 'POST', `${meBase}/appeal`, { reason: '请复核' });
  await readAll();

  const appealId = ((await clients.secretary.get(base)).json() as { appeals: { id: number }[] }).appeals[0].id;
  await record('secretary', 'POST', `${base}/appeals/${appealId}/decide`, { status: 'upheld', decision: '维持原等次' });
  await t.db.updateTable('appraisalCampaign').set({ appealUntil: addDays(today, -1) }).where('id', '=', campaignId).execute();
  await record('secretary', 'POST', `${base}/close`, { version: await version() });
  await readAll();
  return { t, world: { calls, members, campaignId } };
}

let one: { t: TestApp; world: World };
let two: { t: TestApp; world: World };

beforeAll(async () => {
  one = await runWorld(false);
  two = await runWorld(true);
}, 180000);
afterAll(async () => {
  await one?.t.close();
  await two?.t.close();
});

/** Every object on the way from the root to a string value equal to `needle`. */
function ancestorsOf(value: unknown, needle: string, path: unknown[] = []): unknown[][] {
  if (value === needle) return [path];
  if (Array.isArray(value)) return value.flatMap((v) => ancestorsOf(v, needle, [...path, value]));
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => ancestorsOf(v, needle, [...path, value]));
  return [];
}

describe('peer-review anonymity', () => {
  it('gives byte-for-byte the same answers whichever reviewer gave B which grade and comment', () => {
    const a = one.world.calls;
    const b = two.world.calls;
    expect(a.length).toBeGreaterThan(250);
    expect(a.map((c) => `${c.who} ${c.method} ${c.url}`)).toEqual(b.map((c) => `${c.who} ${c.method} ${c.url}`));
    for (let i = 0; i < a.length; i++) expect({ call: `${a[i].who} ${a[i].method} ${a[i].url}`, status: a[i].status, body: a[i].body }).toEqual({ call: `${b[i].who} ${b[i].method} ${b[i].url}`, status: b[i].status, body: b[i].body });
  });

  it('still shows the committee what was said of B, under B alone', () => {
    const { calls, members } = one.world;
    const seen = calls.filter((c) => c.status === 200 && JSON.stringify(c.body).includes(COMMENT_X));
    expect(seen.length).toBeGreaterThan(0);
    // Only those who manage the appraisal see comments; never a member, not even B.
    expect(new Set(seen.map((c) => c.who))).toEqual(new Set(['sysadmin', 'cityAdmin', 'townCoordinator', 'secretary']));
    for (const c of seen) {
      expect(c.url).toMatch(/^\/api\/appraisals\/\d+$/);
      for (const comment of [COMMENT_X, COMMENT_Y]) {
        for (const path of ancestorsOf(c.body, comment)) {
          // The nearest object naming a member is B's own row; nothing on the way names A or C.
          const owner = [...path].reverse().find((o) => o && typeof o === 'object' && !Array.isArray(o) && 'memberId' in o) as { memberId: number } | undefined;
          expect(owner?.memberId).toBe(members.B.id);
          for (const o of path) {
            if (!o || typeof o !== 'object' || Array.isArray(o)) continue;
            const record = o as Record<string, unknown>;
            expect([members.A.id, members.C.id]).not.toContain(record.memberId);
            const strings = Object.values(record).filter((v) => typeof v === 'string');
            expect(strings).not.toContain(members.A.name);
            expect(strings).not.toContain(members.C.name);
          }
        }
      }
    }
    const detail = seen[0].body as { participants: { memberId: number; peerResult: { counts: Record<string, number>; comments: string[] } | null }[] };
    const b = detail.participants.find((p) => p.memberId === members.B.id)!;
    expect(b.peerResult).toEqual({ ballots: 3, counts: { excellent: 1, qualified: 1, basicallyQualified: 1, unqualified: 0 }, comments: [COMMENT_X, COMMENT_Y, '丁对乙'].sort() });
  });

  it('audits whom a member reviewed, never the grade or comment', () => {
    const audits = one.world.calls.filter((c) => c.url.startsWith('/api/audit') && c.status === 200);
    expect(audits.length).toBeGreaterThan(0);
    for (const c of audits) {
      const items = (c.body as { items: { action: string; after: unknown; before: unknown; detail: unknown }[] }).items;
      const text = JSON.stringify(items);
      expect(text).not.toContain(COMMENT_X);
      expect(text).not.toContain(COMMENT_Y);
      const peer = items.filter((i) => i.action === 'appraisal.peerReview');
      for (const i of peer) {
        expect(Object.keys(i.after as object)).toEqual(['reviewedMemberIds']);
        expect(i.before).toBeNull();
        expect(i.detail).toBeNull();
      }
    }
    expect(audits.some((c) => (c.body as { items: { action: string }[] }).items.some((i) => i.action === 'appraisal.peerReview'))).toBe(true);
  });

  it('never shows a member any peer grade, count or comment before publication', () => {
    const { calls, members } = one.world;
    for (const c of calls.filter((x) => ['A', 'B', 'C', 'D'].includes(x.who))) {
      const text = JSON.stringify(c.body);
      for (const needle of [COMMENT_X, COMMENT_Y, '甲对丙', '乙对甲', '丙对丁', '丁对乙', 'peerResult', 'ballots']) expect(text).not.toContain(needle);
    }
    const bView = calls.find((c) => c.who === 'B' && c.url === `/api/me/appraisals/${one.world.campaignId}`)!;
    expect((bView.body as { result: unknown }).result).toBeNull();
    expect(members.B.id).toBeGreaterThan(0);
  });
});
