import { todayInShanghai } from '@hongyun/shared';
import { m, pick, ROLES, type Entry, type MatrixPart, type Target } from '../../test/matrix';
import { publishDefaultRulebook } from './rulebook.service';

const today = todayInShanghai();
const year = Number(today.slice(0, 4));
let draftYear = 0;
let source = 0;

const city = (target: Target) => pick(target, m.f.city, m.f.otherCity);
const branch = (target: Target) => pick(target, m.f.branchA, m.f.branchX);
// The fixtures' members, not fresh ones: the walk makes many calls and the harness's builder
// has a bounded supply of distinct ID numbers.
const memberOf = (target: Target) => pick(target, m.f.memberA, m.f.memberX).id;

/** Own-record routes: accounts not linked to a member record get 404. */
const NO_MEMBER_RECORD: Entry['override'] = Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]]));

/**
 * A year of a city with no draft rulebook: years cycle through 2060–2099 (the table allows up
 * to 2100) and a draft left there by an earlier call is published to free the year's one draft.
 */
async function freeYear(orgId: number) {
  const y = 2060 + (++draftYear % 40);
  await m.t.db.updateTable('pointsRulebook').set({ publishedAt: new Date() }).where('orgId', '=', orgId).where('year', '=', y).where('publishedAt', 'is', null).execute();
  const latest = await m.t.db.selectFrom('pointsRulebook').select((eb) => eb.fn.max('version').as('v')).where('orgId', '=', orgId).where('year', '=', y).executeTakeFirst();
  return { year: y, version: Number(latest?.v ?? 0) + 1 };
}

/** A fresh draft rulebook (with one rule) of the inside or outside city. */
async function draft(target: Target) {
  const orgId = city(target).id;
  const { year: y, version } = await freeYear(orgId);
  const b = await m.t.db.insertInto('pointsRulebook').values({ orgId, year: y, version, title: '矩阵积分规则' }).returning('id').executeTakeFirstOrThrow();
  await m.t.db.insertInto('pointsRule').values({ rulebookId: b.id, code: 'orgLife.meeting', position: 1, category: 'orgLife', item: '参加组织生活', points: 1, earnMode: 'auto', outcomeKind: 'meetingAttended' }).execute();
  return b.id;
}

/** The rule of this year's published default rulebook of the target's city. */
async function ruleOf(target: Target, code: string) {
  const c = city(target);
  await publishDefaultRulebook(m.t.db, c.id, c.path, year);
  return m.t.db.selectFrom('pointsRule as r').innerJoin('pointsRulebook as b', 'b.id', 'r.rulebookId').select(['r.id', 'r.code', 'r.points'])
    .where('b.orgId', '=', c.id).where('b.year', '=', year).where('b.publishedAt', 'is not', null).where('r.code', '=', code)
    .orderBy('b.version', 'desc').limit(1).executeTakeFirstOrThrow();
}

/** A fresh ledger entry of a member (the target's fixture member unless given). */
async function entry(target: Target, status: 'active' | 'pending', memberId?: number) {
  const rule = await ruleOf(target, status === 'pending' ? 'pioneer.challenge' : 'pioneer.suggestion');
  const id = memberId ?? memberOf(target);
  const row = await m.t.db.insertInto('pointsEntry').values({
    memberId: id, orgPath: branch(target).path, ruleId: rule.id, ruleCode: rule.code, year, points: rule.points, occurredOn: today,
    sourceType: 'award', sourceId: 900000 + ++source, reason: '矩阵测试', evidence: '矩阵测试', status,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function appeal(target: Target) {
  const row = await m.t.db.insertInto('pointsAppeal').values({ memberId: memberOf(target), orgPath: branch(target).path, year, reason: '矩阵测试申诉' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const pointsMatrix: MatrixPart = {
  'GET /api/points/rulebooks': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/points/rulebooks' }) },
  'GET /api/points/rulebooks/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/rulebooks/${await draft(tg)}` }) },
  'POST /api/points/rulebooks': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/points/rulebooks', body: { year: (await freeYear(city(tg).id)).year, orgId: city(tg).id } }) },
  'PUT /api/points/rulebooks/:id': {
    ok: 200,
    call: async (tg) => ({
      method: 'PUT', url: `/api/points/rulebooks/${await draft(tg)}`,
      body: { title: '改过的积分规则', revision: 1, rules: [{ code: 'orgLife.meeting', category: 'orgLife', item: '参加组织生活', points: 1, earnMode: 'auto', outcomeKind: 'meetingAttended', capYear: 12 }] },
    }),
  },
  'POST /api/points/rulebooks/:id/publish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/points/rulebooks/${await draft(tg)}/publish`, body: { revision: 1 } }) },
  'GET /api/me/rulebook': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/rulebook' }) },
  'GET /api/points/entries': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/entries?orgId=${branch(tg).id}` }) },
  'POST /api/points/entries': {
    ok: 201,
    // The default rule names the branch, town and city administrators as awarders, not the system administrator.
    override: { sysadmin: [403, 404] },
    call: async (tg) => {
      await ruleOf(tg, 'pioneer.suggestion');
      return { method: 'POST', url: '/api/points/entries', body: { memberId: memberOf(tg), ruleCode: 'pioneer.suggestion', reason: '建议被采纳', evidence: '关于节能的建议被公司采纳' } };
    },
  },
  'POST /api/points/entries/:id/decide': {
    ok: 200,
    // The default rule names the town and city as approvers.
    override: { sysadmin: [403, 404] },
    call: async (tg) => ({ method: 'POST', url: `/api/points/entries/${await entry(tg, 'pending')}/decide`, body: { decision: 'approve' } }),
  },
  'POST /api/points/entries/:id/reverse': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/points/entries/${await entry(tg, 'active')}/reverse`, body: { reason: '矩阵测试冲销' } }) },
  'POST /api/me/points/appeals': {
    ok: 201, unscoped: true, override: NO_MEMBER_RECORD,
    call: async () => ({ method: 'POST', url: '/api/me/points/appeals', body: { entryId: await entry('in', 'active', m.f.me.id), reason: '矩阵测试申诉' } }),
  },
  'GET /api/points/appeals': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/appeals?orgId=${branch(tg).id}` }) },
  'POST /api/points/appeals/:id/decide': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/points/appeals/${await appeal(tg)}/decide`, body: { decision: 'upheld', reason: '经核实积分无误' } }) },
  'GET /api/me/points': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/points' }) },
  'GET /api/me/points/report': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/points/report' }) },
  'GET /api/points/orgs/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/orgs/${branch(tg).id}` }) },
  'GET /api/points/orgs/:id/members': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/orgs/${branch(tg).id}/members` }) },
  'GET /api/points/orgs/:id/report': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/points/orgs/${branch(tg).id}/report` }) },
  'POST /api/points/recompute': { ok: 200, unscoped: true, call: async () => ({ method: 'POST', url: `/api/points/recompute?year=${year}` }) },
};
