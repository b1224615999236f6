import { Readable } from 'node:stream';
import type { Role } from '@hongyun/shared';
import { ORG_LIFE_SETTINGS, todayInShanghai } from '@hongyun/shared';
import { createAttachmentStore } from '../../platform/attachments';
import { fresh, m, multipart, pick, ROLES, type Entry, type MatrixPart, type Target } from '../../test/matrix';
import { signInToken, signInWindowOf } from './meeting.rules';

const PDF = Buffer.from('%PDF-1.4\n% 会议签到表\n%%EOF\n');
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/**
 * A fresh meeting of the inside (甲支部) or outside (他市支部) branch, written directly. Inside,
 * the matrix's member login ('矩阵党员') is invited and records the minutes, so own-record routes
 * answer 200 for that role inside and 404 outside.
 */
async function meeting(target: Target, opts: { kind?: string; startsIn?: number; mode?: string; withMinutes?: boolean; leaveBy?: 'memberA' } = {}) {
  const branch = pick(target, m.f.branchA, m.f.branchX);
  const invitees = target === 'in' ? [m.f.me.id, m.f.memberA.id] : [m.f.memberX.id];
  const startsAt = minutes(opts.startsIn ?? 60);
  const row = await m.t.db.insertInto('meeting').values({
    orgId: branch.id, orgPath: branch.path, kind: opts.kind ?? 'themeDay', title: '矩阵主题党日', startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    mode: opts.mode ?? 'offline', place: '会议室', onlineLink: opts.mode === 'mixed' ? 'https://meeting.example.cn/j/1' : null,
    hostMemberId: invitees[0], recorderMemberId: invitees[0], minutesDueOn: todayInShanghai(), signInSecret: Buffer.alloc(32, 7),
  }).returning('id').executeTakeFirstOrThrow();
  await m.t.db.insertInto('meetingAttendee').values(invitees.map((memberId) => ({ meetingId: row.id, memberId }))).execute();
  if (opts.leaveBy) {
    await m.t.db.updateTable('meetingAttendee').set({ reply: 'leave', leaveReason: '出差', leaveStatus: 'requested' }).where('meetingId', '=', row.id).where('memberId', '=', invitees[invitees.length - 1]).execute();
  }
  if (opts.withMinutes) await m.t.db.insertInto('meetingMinutes').values({ meetingId: row.id, content: '会议记录' }).execute();
  return { id: row.id, invitees };
}

/** A 党员大会 of a fresh branch with two full members, both present (a quorum). */
async function generalMeeting(target: Target) {
  const branch = await fresh.branch(target);
  const a = await m.t.given.member({ orgId: branch.id });
  const b = await m.t.given.member({ orgId: branch.id });
  const startsAt = minutes(-10);
  const row = await m.t.db.insertInto('meeting').values({
    orgId: branch.id, orgPath: branch.path, kind: 'generalMeeting', title: '矩阵党员大会', startsAt, endsAt: minutes(50), mode: 'offline', place: '会议室',
    hostMemberId: a.id, recorderMemberId: b.id, minutesDueOn: todayInShanghai(),
  }).returning('id').executeTakeFirstOrThrow();
  await m.t.db.insertInto('meetingAttendee').values([a, b].map((x) => ({ meetingId: row.id, memberId: x.id, attendance: 'present' }))).execute();
  return row.id;
}

async function attachment(target: Target) {
  const { id } = await meeting(target, { startsIn: -10 });
  const store = createAttachmentStore(m.t.ctx.config.dataDir);
  const stored = await store.save(Readable.from([PDF]), '签到表.pdf');
  await store.keep(stored);
  const branch = pick(target, m.f.branchA, m.f.branchX);
  const row = await m.t.db.insertInto('attachment').values({ ownerType: 'meetingMinutes', ownerId: id, ownerPart: null, orgPath: branch.path, fileName: '签到表.pdf', contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }).returning('id').executeTakeFirstOrThrow();
  return { id, attachmentId: row.id };
}

async function post(target: Target) {
  const branch = pick(target, m.f.branchA, m.f.branchX);
  const row = await m.t.db.insertInto('discussionPost').values({ orgId: branch.id, orgPath: branch.path, meetingId: null, authorUserId: m.f.users.member, body: '待隐藏的发言' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

function planFor(target: Target) {
  const branch = pick(target, m.f.branchA, m.f.branchX);
  const host = pick(target, m.f.memberA.id, m.f.memberX.id);
  return {
    orgId: branch.id, kind: 'study', title: '矩阵专题学习', topics: ['学习文件'], startsAt: minutes(24 * 60).toISOString(), endsAt: minutes(24 * 60 + 60).toISOString(),
    mode: 'offline', place: '会议室', hostMemberId: host, recorderMemberId: host,
  };
}

/** Own-record routes: only the member login has meetings (inside); everyone else has none. */
const OWN: Entry['override'] = Object.fromEntries(ROLES.map((r): [Role, [number, number]] => [r, r === 'member' ? [200, 404] : [404, 404]]));
const own = (ok: number): Entry['override'] => Object.fromEntries(Object.entries(OWN!).map(([r, v]) => [r, r === 'member' ? [ok, v[1]] : v]));
/** Minutes routes: meeting.write holders in scope, or the recorder (the member login, inside). */
const RECORDER_OR_WRITER = (ok: number): Entry['override'] => ({
  sysadmin: [ok, 404], cityAdmin: [ok, 404], townCoordinator: [ok, 404], orgAdmin: [ok, 404], member: [ok, 404], department: [404, 404], cadre: [404, 404],
});

const rotate = ORG_LIFE_SETTINGS.signInRotateSeconds.value;

/** Access-matrix entries for this module's routes (see access-matrix.test.ts). */
export const meetingMatrix: MatrixPart = {
  // Lists filter by scope: outside the caller's subtree they are empty, not refused.
  'GET /api/meetings': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/meetings' }) },
  'POST /api/meetings': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/meetings', body: planFor(tg) }) },
  'GET /api/meetings/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/meetings/${(await meeting(tg)).id}` }) },
  'PUT /api/meetings/:id': {
    ok: 200,
    call: async (tg) => {
      const { orgId: _orgId, ...fields } = planFor(tg);
      return { method: 'PUT', url: `/api/meetings/${(await meeting(tg)).id}`, body: { ...fields, version: 1 } };
    },
  },
  'POST /api/meetings/:id/cancel': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/meetings/${(await meeting(tg)).id}/cancel`, body: { reason: '改期举行', version: 1 } }) },
  'POST /api/meetings/:id/leave/:memberId': {
    ok: 200,
    call: async (tg) => {
      const x = await meeting(tg, { leaveBy: 'memberA' });
      return { method: 'POST', url: `/api/meetings/${x.id}/leave/${x.invitees[x.invitees.length - 1]}`, body: { decision: 'approved' } };
    },
  },
  'PUT /api/meetings/:id/attendance': {
    ok: 200,
    call: async (tg) => {
      const x = await meeting(tg, { startsIn: -10 });
      return { method: 'PUT', url: `/api/meetings/${x.id}/attendance`, body: { entries: [{ memberId: x.invitees[0], attendance: 'present' }] } };
    },
  },
  'POST /api/meetings/:id/sign-in-code': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/meetings/${(await meeting(tg, { startsIn: -10 })).id}/sign-in-code` }) },
  'PUT /api/meetings/:id/minutes': {
    ok: 200, override: RECORDER_OR_WRITER(200),
    call: async (tg) => ({ method: 'PUT', url: `/api/meetings/${(await meeting(tg, { startsIn: -10 })).id}/minutes`, body: { content: '学习了有关文件，交流了体会。' } }),
  },
  'POST /api/meetings/:id/minutes/confirm': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/meetings/${(await meeting(tg, { startsIn: -10, withMinutes: true })).id}/minutes/confirm`, body: { revision: 1 } }) },
  'POST /api/meetings/:id/votes': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/meetings/${await generalMeeting(tg)}/votes`, body: { item: '接收预备党员', yes: 2, no: 0, abstain: 0 } }) },
  'GET /api/meetings/:id/attachments': { ok: 200, override: RECORDER_OR_WRITER(200), call: async (tg) => ({ method: 'GET', url: `/api/meetings/${(await attachment(tg)).id}/attachments` }) },
  'POST /api/meetings/:id/attachments': {
    ok: 201, override: RECORDER_OR_WRITER(201),
    call: async (tg) => ({ method: 'POST', url: `/api/meetings/${(await meeting(tg, { startsIn: -10 })).id}/attachments`, raw: multipart({}, { name: '签到表.pdf', content: PDF, type: 'application/pdf' }) }),
  },
  'GET /api/meetings/:id/attachments/:attachmentId': {
    ok: 200, override: RECORDER_OR_WRITER(200),
    call: async (tg) => {
      const a = await attachment(tg);
      return { method: 'GET', url: `/api/meetings/${a.id}/attachments/${a.attachmentId}` };
    },
  },
  'DELETE /api/meetings/:id/attachments/:attachmentId': {
    ok: 200, override: RECORDER_OR_WRITER(200),
    call: async (tg) => {
      const a = await attachment(tg);
      return { method: 'DELETE', url: `/api/meetings/${a.id}/attachments/${a.attachmentId}` };
    },
  },
  'GET /api/meetings/:id/posts': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/meetings/${(await meeting(tg)).id}/posts` }) },
  'POST /api/meetings/:id/posts': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/meetings/${(await meeting(tg)).id}/posts`, body: { body: '请提前阅读材料' } }) },
  'GET /api/orgs/:id/posts': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/orgs/${pick(tg, m.f.branchA.id, m.f.branchX.id)}/posts` }) },
  'POST /api/orgs/:id/posts': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/orgs/${pick(tg, m.f.branchA.id, m.f.branchX.id)}/posts`, body: { body: '本月学习安排已发布' } }) },
  'POST /api/discussion-posts/:id/hide': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/discussion-posts/${await post(tg)}/hide` }) },

  // Member pages: own records only.
  'GET /api/me/meetings': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/meetings' }) },
  'GET /api/me/meetings/:id': { ok: 200, override: OWN, call: async (tg) => ({ method: 'GET', url: `/api/me/meetings/${(await meeting(tg)).id}` }) },
  'POST /api/me/meetings/:id/reply': { ok: 200, override: OWN, call: async (tg) => ({ method: 'POST', url: `/api/me/meetings/${(await meeting(tg)).id}/reply`, body: { reply: 'attend' } }) },
  'POST /api/me/meetings/:id/sign-in': {
    ok: 200, override: OWN,
    call: async (tg) => {
      const { id } = await meeting(tg, { startsIn: -10 });
      return { method: 'POST', url: `/api/me/meetings/${id}/sign-in`, body: { token: signInToken(Buffer.alloc(32, 7), id, signInWindowOf(new Date(), rotate)) } };
    },
  },
  'POST /api/me/meetings/:id/join-online': { ok: 200, override: OWN, call: async (tg) => ({ method: 'POST', url: `/api/me/meetings/${(await meeting(tg, { startsIn: -10, mode: 'mixed' })).id}/join-online` }) },
  'GET /api/me/meetings/:id/posts': { ok: 200, override: OWN, call: async (tg) => ({ method: 'GET', url: `/api/me/meetings/${(await meeting(tg)).id}/posts` }) },
  'POST /api/me/meetings/:id/posts': { ok: 201, override: own(201), call: async (tg) => ({ method: 'POST', url: `/api/me/meetings/${(await meeting(tg)).id}/posts`, body: { body: '收到' } }) },
  // My organisation's thread: an account without a member record reads an empty one and cannot post.
  'GET /api/me/thread': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/me/thread' }) },
  'POST /api/me/thread': { ok: 201, unscoped: true, override: Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]])), call: async () => ({ method: 'POST', url: '/api/me/thread', body: { body: '大家好' } }) },
};
