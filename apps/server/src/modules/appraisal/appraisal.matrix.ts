import type { Role } from '@hongyun/shared';
import { addDays, todayInShanghai } from '@hongyun/shared';
import { fresh, m, ROLES, type Entry, type MatrixPart, type Target } from '../../test/matrix';

const today = todayInShanghai();
const thisYear = Number(today.slice(0, 4));
type Stage = 'reviewing' | 'proposing' | 'confirmed' | 'published';

// Members with birth dates of their own (the builder's ID numbers repeat after a few hundred
// members born on one day). Campaigns share a small pool of participants per side: a
// participant need not belong to the campaign's organisation for these checks, and the walk
// stays light on members for the modules that come after it.
let born = 0;
const member = (orgId: number) => m.t.given.member({ orgId, birthDate: addDays('1975-01-01', ++born) });
const pools = new Map<Target, Promise<number[]>>();
function pool(target: Target): Promise<number[]> {
  if (!pools.has(target)) {
    const orgId = target === 'in' ? m.f.branchA.id : m.f.branchX.id;
    pools.set(target, Promise.all([member(orgId), member(orgId), member(orgId)]).then((ms) => ms.map((x) => x.id)));
  }
  return pools.get(target)!;
}

/** A campaign of a fresh branch, three participants, in the given stage (grades filled in as the stage implies). */
async function campaign(target: Target, stage: Stage, options: { orgId?: number; orgPath?: string; members?: number[]; year?: number; appealUntil?: string } = {}) {
  const db = m.t.db;
  let orgId = options.orgId;
  let orgPath = options.orgPath;
  if (!orgId || !orgPath) {
    const branch = await fresh.branch(target);
    orgId = branch.id;
    orgPath = branch.path;
  }
  const members = options.members ?? await pool(target);
  const published = stage === 'published';
  const c = await db.insertInto('appraisalCampaign').values({
    orgId, orgPath, year: options.year ?? thisYear, title: '矩阵民主评议', reviewDueOn: addDays(today, 7), stage,
    publishedAt: published ? new Date() : null, appealUntil: published ? options.appealUntil ?? addDays(today, 7) : null,
  }).returning('id').executeTakeFirstOrThrow();
  const graded = stage !== 'reviewing';
  await db.insertInto('appraisalParticipant').values(members.map((memberId) => ({
    campaignId: c.id, memberId, category: 'full',
    proposedGrade: graded ? 'qualified' : null, finalGrade: stage === 'confirmed' || published ? 'qualified' : null,
  }))).execute();
  return { id: c.id, orgId, members };
}

/** A general meeting of the organisation held yesterday. */
async function meeting(orgId: number) {
  const org = await m.t.db.selectFrom('org').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  const startsAt = new Date(Date.now() - 26 * 3600_000);
  const row = await m.t.db.insertInto('meeting').values({
    orgId, orgPath: org.path, kind: 'generalMeeting', title: '支部党员大会（民主评议）', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), mode: 'offline', minutesDueOn: today,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// Own-record campaigns: inside = one the member login ('矩阵党员' of 甲支部) takes part in,
// outside = one of another city's branch. 甲支部 has one campaign per year, so each inside
// campaign takes a year of its own.
let ownYear = 2000;
async function ownCampaign(target: Target, role: Role, stage: Stage) {
  if (target === 'out' || role !== 'member') return campaign(target, stage);
  const { branchA, me, memberA } = m.f;
  return campaign(target, stage, { orgId: branchA.id, orgPath: branchA.path, members: [me.id, memberA.id], year: ++ownYear });
}

/** Only the member login has a member record: others get 404; the member gets 404 outside their campaigns. */
const own = (ok: number): Entry['override'] => Object.fromEntries(ROLES.map((r) => [r, r === 'member' ? [ok, 404] : [404, 404]]));

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const appraisalMatrix: MatrixPart = {
  // The list filters by scope: outside the caller's subtree it is empty, not refused.
  'GET /api/appraisals': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/appraisals' }) },
  'POST /api/appraisals': {
    ok: 201,
    call: async (tg) => {
      const branch = await fresh.branch(tg);
      for (let i = 0; i < 2; i++) await member(branch.id);
      return { method: 'POST', url: '/api/appraisals', body: { orgId: branch.id, year: thisYear, title: '年度民主评议党员', reviewDueOn: addDays(today, 10) } };
    },
  },
  'GET /api/appraisals/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/appraisals/${(await campaign(tg, 'reviewing')).id}` }) },
  'POST /api/appraisals/:id/remind': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/appraisals/${(await campaign(tg, 'reviewing')).id}/remind` }) },
  'POST /api/appraisals/:id/close-review': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/appraisals/${(await campaign(tg, 'reviewing')).id}/close-review`, body: { version: 1 } }) },
  'PUT /api/appraisals/:id/proposal': {
    ok: 200,
    call: async (tg) => {
      const c = await campaign(tg, 'proposing');
      return { method: 'PUT', url: `/api/appraisals/${c.id}/proposal`, body: { grades: c.members.map((memberId) => ({ memberId, grade: 'qualified' })), version: 1 } };
    },
  },
  'POST /api/appraisals/:id/confirm': {
    ok: 200,
    call: async (tg) => {
      const c = await campaign(tg, 'proposing');
      return { method: 'POST', url: `/api/appraisals/${c.id}/confirm`, body: { meetingId: await meeting(c.orgId), version: 1 } };
    },
  },
  'POST /api/appraisals/:id/publish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/appraisals/${(await campaign(tg, 'confirmed')).id}/publish`, body: { version: 1 } }) },
  'POST /api/appraisals/:id/appeals/:appealId/decide': {
    ok: 200,
    call: async (tg) => {
      const c = await campaign(tg, 'published');
      const a = await m.t.db.insertInto('appraisalAppeal').values({ campaignId: c.id, memberId: c.members[0], reason: '本人全年按时参加组织生活' }).returning('id').executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/appraisals/${c.id}/appeals/${a.id}/decide`, body: { status: 'upheld', decision: '经支委会复核，维持原等次' } };
    },
  },
  'POST /api/appraisals/:id/close': {
    ok: 200,
    call: async (tg) => ({ method: 'POST', url: `/api/appraisals/${(await campaign(tg, 'published', { appealUntil: addDays(today, -1) })).id}/close`, body: { version: 1 } }),
  },

  // A member's own forms: everyone signed in may call them; only participants find anything.
  'GET /api/me/appraisals': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/appraisals' }) },
  'GET /api/me/appraisal-history': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/appraisal-history' }) },
  'GET /api/me/appraisals/:id': { ok: 200, override: own(200), call: async (tg, role) => ({ method: 'GET', url: `/api/me/appraisals/${(await ownCampaign(tg, role, 'reviewing')).id}` }) },
  'PUT /api/me/appraisals/:id/self': {
    ok: 200, override: own(200),
    call: async (tg, role) => ({
      method: 'PUT', url: `/api/me/appraisals/${(await ownCampaign(tg, role, 'reviewing')).id}/self`,
      body: { selfAnalysis: '对照合格党员标准，本人能够按时参加组织生活、按时交纳党费，但理论学习还不够系统。', selfGrade: 'qualified' },
    }),
  },
  'POST /api/me/appraisals/:id/peer-reviews': {
    ok: 200, override: own(200),
    call: async (tg, role) => {
      const c = await ownCampaign(tg, role, 'reviewing');
      const other = c.members.find((x) => x !== m.f.me.id)!;
      return { method: 'POST', url: `/api/me/appraisals/${c.id}/peer-reviews`, body: { reviews: [{ memberId: other, grade: 'qualified', comment: '工作踏实' }] } };
    },
  },
  'POST /api/me/appraisals/:id/appeal': {
    ok: 201, override: own(201),
    call: async (tg, role) => ({ method: 'POST', url: `/api/me/appraisals/${(await ownCampaign(tg, role, 'published')).id}/appeal`, body: { reason: '本人全年按时参加组织生活，请复核' } }),
  },
};
