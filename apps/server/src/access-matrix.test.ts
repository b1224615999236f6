import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, type Role } from '@hongyun/shared';
import { DEFAULT_ROLE_PERMISSIONS, type Permission } from './platform/permissions';
import { as, createTestApp, login, type Session, type TestApp } from './test/app';
import { fresh, m, multipart, pick, ROLES, setUpMatrix, type Call, type Entry, type Fixtures, type MatrixPart, type Target } from './test/matrix';
import type { RouteAccess } from './platform/http';
import { coverageMatrix } from './modules/coverage/coverage.matrix';
import { enterpriseMatrix } from './modules/enterprises/enterprise.matrix';
import { serviceMatrix } from './modules/service/service.matrix';
import { standardMatrix } from './modules/standards/standard.matrix';
import { surveyMatrix } from './modules/surveys/survey.matrix';
import { meetingMatrix } from './modules/meetings/meeting.matrix';
import { venueMatrix } from './modules/venues/venue.matrix';
import { complianceMatrix } from './modules/compliance/compliance.matrix';
import { appraisalMatrix } from './modules/appraisal/appraisal.matrix';
import { todoMatrix } from './modules/todos/todo.matrix';
import { settingMatrix } from './modules/settings/setting.matrix';
import { learningMatrix } from './modules/learning/learning.matrix';
import { quizMatrix } from './modules/quiz/quiz.matrix';
import { pointsMatrix } from './modules/points/points.matrix';

/**
 * The access matrix (architecture rule 2): every route × role × inside / outside the
 * caller's subtree (fixtures and roles: test/matrix.ts). A route without an entry here or
 * in a module's `*.matrix.ts` fails the test, so a new route cannot skip this walk.
 */

let t: TestApp;
let f: Fixtures;
let sessions: Map<Role, Session>;
let uscc = 0;
let template: Buffer;

/** An import job row in a given state, owned by a fresh account of the target's organisation. */
async function importJob(target: Target, status: string) {
  const orgId = target === 'in' ? f.branchA.id : f.branchX.id;
  const owner = await t.given.user([{ role: 'orgAdmin', orgId }]);
  const job = await t.db.insertInto('importJob').values({ userId: owner.id, orgId, fileName: '党员.xlsx', filePath: '/nonexistent/党员.xlsx', status, totalRows: 3, processedRows: 3, validRows: 3 }).returning('id').executeTakeFirstOrThrow();
  return job.id;
}

/** Managing a member's account needs member.reveal over the member: refused inside, 404 outside. */
const NEEDS_REVEAL: Entry['override'] = { sysadmin: [409, 404], townCoordinator: [409, 404] };

/** Own-record routes: accounts not linked to a member record get 404. */
const NO_MEMBER_RECORD: Entry['override'] = Object.fromEntries(ROLES.filter((r) => r !== 'member').map((r) => [r, [404, 404]]));

const CORE: MatrixPart = {
  'GET /api/health': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/health' }) },
  'GET /api/openapi.json': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/openapi.json' }) },
  'POST /api/auth/login': { ok: 401, unscoped: true, call: async () => ({ method: 'POST', url: '/api/auth/login', body: { username: `nobody${++uscc}`, password: 'x' } }) },
  'POST /api/auth/logout': {
    ok: 200, unscoped: true,
    call: async (_t, role) => {
      const u = await t.given.user([{ role, orgId: f.branchA.id, departmentId: role === 'department' ? f.departmentA.id : undefined }], role === 'member' ? { memberId: (await fresh.member('in')).id } : {});
      return { method: 'POST', url: '/api/auth/logout', session: await login(t.app, u.username) };
    },
  },
  'GET /api/auth/me': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/auth/me' }) },
  'POST /api/auth/password': { ok: 400, unscoped: true, call: async () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'wrong-password', newPassword: 'Another-pass-1' } }) },
  'GET /api/orgs/tree': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/orgs/tree' }) },
  'GET /api/orgs/warnings': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/orgs/warnings?rootId=${pick(tg, f.branchA.id, f.branchX.id)}` }) },
  'GET /api/orgs/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/orgs/${pick(tg, f.branchA.id, f.branchX.id)}` }) },
  'POST /api/orgs': { ok: 201, call: async (tg) => ({ method: 'POST', url: '/api/orgs', body: { parentId: pick(tg, f.unitA.id, f.unitX.id), kind: 'branch', name: '新支部', code: `MX-${++uscc}` } }) },
  'PATCH /api/orgs/:id': { ok: 200, call: async (tg) => { const o = await fresh.branch(tg); return { method: 'PATCH', url: `/api/orgs/${o.id}`, body: { version: await fresh.version(o.id), name: '改名支部' } }; } },
  'POST /api/orgs/:id/abolish': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/orgs/${(await fresh.branch(tg)).id}/abolish`, body: { abolishedOn: '2026-01-05', reason: '企业迁出' } }) },
  'POST /api/orgs/:id/move': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/orgs/${(await fresh.branch(tg)).id}/move`, body: { newParentId: (await fresh.general(tg)).id } }) },
  'POST /api/orgs/:id/leadership': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/orgs/${(await fresh.branch(tg)).id}/leadership`, body: { termStart: '2025-01-01', posts: [] } }) },
  'PUT /api/orgs/:id/leadership/posts': {
    ok: 200,
    call: async (tg) => {
      const o = await fresh.branch(tg);
      await t.db.insertInto('leadership').values({ orgId: o.id, termStart: '2025-01-01', termDue: '2028-01-01' }).execute();
      return { method: 'PUT', url: `/api/orgs/${o.id}/leadership/posts`, body: { posts: [] } };
    },
  },
  'POST /api/orgs/:id/party-groups': { ok: 201, call: async (tg) => ({ method: 'POST', url: `/api/orgs/${(await fresh.branch(tg)).id}/party-groups`, body: { name: '第一党小组' } }) },
  'GET /api/members': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/members?orgId=${pick(tg, f.branchA.id, f.branchX.id)}` }) },
  'GET /api/members/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/members/${pick(tg, f.memberA.id, f.memberX.id)}` }) },
  'POST /api/members': {
    ok: 201,
    call: async (tg) => {
      const { makeIdNumber } = await import('@hongyun/shared');
      const n = ++uscc;
      return { method: 'POST', url: '/api/members', body: { orgId: pick(tg, f.branchA.id, f.branchX.id), name: '新党员', idNumber: makeIdNumber('330483', '1996-03-0' + ((n % 9) + 1), n % 400, 'female'), category: 'full', joinedOn: '2020-06-01', confirmedOn: '2021-06-01' } };
    },
  },
  'PATCH /api/members/:id': { ok: 200, call: async (tg) => ({ method: 'PATCH', url: `/api/members/${(await fresh.member(tg)).id}`, body: { version: 1, job: '工程师' } }) },
  'POST /api/members/:id/reveal': { ok: 200, call: async (tg) => ({ method: 'POST', url: `/api/members/${pick(tg, f.memberA.id, f.memberX.id)}/reveal`, body: { field: 'idNumber' } }) },
  'GET /api/members/:id/access-log': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/members/${pick(tg, f.memberA.id, f.memberX.id)}/access-log` }) },
  'GET /api/members/import/template': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/members/import/template' }) },
  'POST /api/members/import': {
    ok: 202,
    call: async (tg) => ({ method: 'POST', url: '/api/members/import', raw: multipart({ orgId: String(pick(tg, f.branchA.id, f.branchX.id)) }, { name: '党员.xlsx', content: template }) }),
  },
  'GET /api/import-jobs/:id': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/import-jobs/${await importJob(tg, 'validated')}` }) },
  'GET /api/import-jobs/:id/errors': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/import-jobs/${await importJob(tg, 'validated')}/errors` }) },
  'POST /api/import-jobs/:id/commit': { ok: 202, call: async (tg) => ({ method: 'POST', url: `/api/import-jobs/${await importJob(tg, 'validated')}/commit`, body: { mode: 'validOnly' } }) },
  'GET /api/members/export': { ok: 200, call: async (tg) => ({ method: 'GET', url: `/api/members/export?orgId=${pick(tg, f.branchA.id, f.branchX.id)}` }) },
  'GET /api/users': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/users' }) },
  'POST /api/users': {
    ok: 201,
    call: async (tg) => {
      const m = await fresh.member(tg);
      return { method: 'POST', url: '/api/users', body: { username: `mx${++uscc}`, displayName: '新账号', memberId: m.id, grants: [{ role: 'member', orgId: pick(tg, f.branchA.id, f.branchX.id) }] } };
    },
    // Linking an account to a member needs member.reveal (the account reads the record in full).
    override: { sysadmin: [400, 404], townCoordinator: [400, 404] },
  },
  'PATCH /api/users/:id': { ok: 200, override: NEEDS_REVEAL, call: async (tg) => ({ method: 'PATCH', url: `/api/users/${(await fresh.memberUser(tg)).id}`, body: { displayName: '改名' } }) },
  'POST /api/users/:id/reset-password': { ok: 200, override: NEEDS_REVEAL, call: async (tg) => ({ method: 'POST', url: `/api/users/${(await fresh.memberUser(tg)).id}/reset-password` }) },
  'POST /api/users/:id/grants': { ok: 201, override: NEEDS_REVEAL, call: async (tg) => ({ method: 'POST', url: `/api/users/${(await fresh.memberUser(tg)).id}/grants`, body: { role: 'member', orgId: pick(tg, f.unitA.id, f.unitX.id) } }) },
  'DELETE /api/users/:id/grants/:grantId': {
    ok: 200,
    override: NEEDS_REVEAL,
    call: async (tg) => {
      const u = await fresh.memberUser(tg);
      const g = await t.db.selectFrom('userGrant').select('id').where('userId', '=', u.id).executeTakeFirstOrThrow();
      return { method: 'DELETE', url: `/api/users/${u.id}/grants/${g.id}` };
    },
  },
  'GET /api/roles': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/roles' }) },
  'GET /api/audit': { ok: 200, unscoped: true, call: async () => ({ method: 'GET', url: '/api/audit' }) },
  // Own-record routes: only an account linked to a member has one.
  'GET /api/me/profile': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/profile' }) },
  'GET /api/me/org': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/org' }) },
  'GET /api/me/access-log': { ok: 200, unscoped: true, override: NO_MEMBER_RECORD, call: async () => ({ method: 'GET', url: '/api/me/access-log' }) },
};

const MATRIX: MatrixPart = { ...CORE, ...enterpriseMatrix, ...coverageMatrix, ...surveyMatrix, ...standardMatrix, ...serviceMatrix,
  ...todoMatrix, ...settingMatrix, ...meetingMatrix, ...venueMatrix, ...complianceMatrix, ...appraisalMatrix,
  ...learningMatrix, ...quizMatrix, ...pointsMatrix };

function expected(access: RouteAccess, entry: Entry, role: Role, target: Target): number {
  const o = entry.override?.[role];
  if (o) return target === 'in' ? o[0] : o[1];
  if (access === 'public' || access === 'authenticated') return entry.ok;
  if (!(DEFAULT_ROLE_PERMISSIONS[role] as readonly Permission[]).includes(access)) return 403;
  return target === 'in' || entry.unscoped ? entry.ok : 404;
}

async function send(call: Call, session: Session | null) {
  const s = session ? call.session ?? session : null;
  if (call.raw) {
    const headers = { ...call.raw.headers, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) };
    return t.app.inject({ method: call.method as 'POST', url: call.url, payload: call.raw.payload, headers });
  }
  const client = as(t.app, s);
  switch (call.method) {
    case 'GET': return client.get(call.url);
    case 'POST': return client.post(call.url, call.body);
    case 'PATCH': return client.patch(call.url, call.body);
    case 'PUT': return client.put(call.url, call.body);
    case 'DELETE': return client.delete(call.url);
    default: throw new Error(call.method);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await setUpMatrix(t);
  f = m.f;
  sessions = m.sessions;
  template = (await as(t.app, sessions.get('cityAdmin')!).get('/api/members/import/template')).rawPayload;
}, 120000);
afterAll(() => t?.close());

describe('access matrix', () => {
  it('covers every registered route', () => {
    const registered = t.routes.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`).sort();
    const missing = registered.filter((k) => !(k in MATRIX));
    expect(missing, 'routes without an access-matrix entry').toEqual([]);
  });

  it('answers every route × role × inside/outside as the permissions and scope say', async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => `${r.method} ${r.url}` in MATRIX)) {
      const key = `${route.method} ${route.url}`;
      const entry = MATRIX[key];
      const anon = await send(await entry.call('in', 'member'), null);
      const anonExpected = route.access === 'public' ? entry.ok : 401;
      if (anon.statusCode !== anonExpected) failures.push(`${key} anonymous: ${anon.statusCode} ≠ ${anonExpected}`);
      for (const role of ROLES) {
        for (const target of ['in', 'out'] as Target[]) {
          const res = await send(await entry.call(target, role), sessions.get(role)!);
          const want = expected(route.access, entry, role, target);
          if (res.statusCode !== want) failures.push(`${key} ${role} ${target}: ${res.statusCode} ≠ ${want} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240000);

  it('applies the access rule to an encoded path that routes to /api', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/%61pi/roles' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/%61pi/members/import/template' })).statusCode).toBe(401);
    const s = sessions.get('orgAdmin')!;
    const noCsrf = await t.app.inject({ method: 'POST', url: '/%61pi/auth/logout', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('never shows another city\'s organisations in the tree', async () => {
    for (const role of ROLES.filter((r) => DEFAULT_ROLE_PERMISSIONS[r].includes('org.read'))) {
      const res = await as(t.app, sessions.get(role)!).get('/api/orgs/tree');
      const ids = res.json().nodes.map((n: { id: number }) => n.id);
      expect(ids).not.toContain(f.branchX.id);
      expect(ids).toContain(f.branchA.id);
    }
  });
});
