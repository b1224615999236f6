import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, TEST_PASSWORD, type TestApp } from '../../test/app';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let townA: ReturnType<typeof as>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  townA = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
});
afterAll(() => t.close());

describe('accounts and grants', () => {
  it('creates an account whose one-time password must be changed at first login', async () => {
    const res = await city.post('/api/users', { username: 'wz-secretary', displayName: '乌镇书记', grants: [{ role: 'orgAdmin', orgId: tree.branchA.id }] });
    expect(res.statusCode).toBe(201);
    const { initialPassword } = res.json();
    expect(initialPassword).toMatch(/^Hy-.{12}$/);
    const s = await login(t.app, 'wz-secretary', initialPassword);
    expect((await as(t.app, s).get('/api/members')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await city.get('/api/audit?action=user.create')).json().items[0].after).toMatchObject({ username: 'wz-secretary' });
    expect(JSON.stringify((await city.get('/api/audit?action=user.create')).json())).not.toContain(initialPassword);
  });

  it('does not let anyone grant more than they hold', async () => {
    // A town coordinator lacks member.reveal, which a secretary (orgAdmin) holds.
    const up = await townA.post('/api/users', { username: 'escalate', displayName: '越权', grants: [{ role: 'orgAdmin', orgId: tree.branchA.id }] });
    expect(up.statusCode).toBe(400);
    expect(up.json().details.issues[0].path).toBe('grants.0.role');
    const city2 = await townA.post('/api/users', { username: 'escalate2', displayName: '越权', grants: [{ role: 'cityAdmin', orgId: tree.townA.id }] });
    expect(city2.statusCode).toBe(400);
    const sys = await city.post('/api/users', { username: 'escalate3', displayName: '越权', grants: [{ role: 'sysadmin', orgId: tree.city.id }] });
    expect(sys.statusCode).toBe(400);
    const other = await townA.post('/api/users', { username: 'elsewhere', displayName: '外镇', grants: [{ role: 'townCoordinator', orgId: tree.townB.id }] });
    expect(other.statusCode).toBe(404);
    expect(await t.db.selectFrom('appUser').select('id').where('username', 'like', 'escalate%').execute()).toEqual([]);
  });

  it('resets a password: sessions end, the lock is lifted, a change is forced', async () => {
    const u = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }]);
    const before = await login(t.app, u.username);
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong' } });
    const { initialPassword } = (await city.post(`/api/users/${u.id}/reset-password`)).json();
    expect((await as(t.app, before).get('/api/auth/me')).statusCode).toBe(401);
    const after = await login(t.app, u.username, initialPassword);
    expect((await as(t.app, after).get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } })).statusCode).toBe(401);
  });

  it('a disabled account cannot log in and its sessions end', async () => {
    const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    const s = await login(t.app, u.username);
    expect((await city.patch(`/api/users/${u.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await as(t.app, s).get('/api/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } })).statusCode).toBe(401);
  });

  it('a town coordinator cannot reset the city administrator', async () => {
    const boss = await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }]);
    expect((await townA.post(`/api/users/${boss.id}/reset-password`)).statusCode).toBe(404);
    const both = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }, { role: 'orgAdmin', orgId: tree.branchB.id }]);
    expect((await townA.post(`/api/users/${both.id}/reset-password`)).json().code).toBe('OUTRANKED');
  });

  it('opens an account for a member only with the permission to see their full record', async () => {
    const m = await t.given.member({ orgId: tree.branchA.id });
    const refused = await townA.post('/api/users', { username: 'via-town', displayName: '镇里开的', memberId: m.id, grants: [{ role: 'member', orgId: tree.branchA.id }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues[0].path).toBe('memberId');
    const ok = await city.post('/api/users', { username: 'via-city', displayName: '市里开的', memberId: m.id, grants: [{ role: 'member', orgId: tree.branchA.id }] });
    expect(ok.statusCode).toBe(201);
    // Resetting that account would hand its holder the member's record: same rule.
    expect((await townA.post(`/api/users/${ok.json().id}/reset-password`)).json().code).toBe('OUTRANKED');
    const self = as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId: tree.branchA.id }], { memberId: (await t.given.member({ orgId: tree.branchA.id })).id })).username));
    void self;
    const log = await t.db.selectFrom('auditSubject').innerJoin('auditLog', 'auditLog.id', 'auditSubject.auditId').select('auditLog.action').where('auditSubject.memberId', '=', m.id).execute();
    expect(log.map((l) => l.action)).toContain('user.create');
  });

  it('stores an account\'s phone only as a keyed hash and a masked copy, and still logs in with it', async () => {
    const res = await city.post('/api/users', { username: 'phone-login', displayName: '手机登录', phone: '13587654321', grants: [{ role: 'orgAdmin', orgId: tree.branchA.id }] });
    expect(res.statusCode).toBe(201);
    const { rows } = await (await import('kysely')).sql<{ row: string }>`select row_to_json(u)::text as row from app_user u where username = 'phone-login'`.execute(t.db);
    expect(rows[0].row).not.toContain('13587654321');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '13587654321', password: res.json().initialPassword } })).statusCode).toBe(200);
    const listed = (await city.get('/api/users?q=phone-login')).json().items[0];
    expect(listed.phoneMasked).toBe('135****4321');
  });

  it('keeps full phone numbers out of the audit trail of account edits', async () => {
    const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    expect((await city.patch(`/api/users/${u.id}`, { phone: '13612345678' })).statusCode).toBe(200);
    const entry = (await city.get(`/api/audit?action=user.update&targetId=${u.id}`)).json().items[0];
    expect(JSON.stringify(entry)).not.toContain('13612345678');
    expect(entry.after.phone).toBe('136****5678');
  });

  it('shows roles and their permissions as data', async () => {
    const roles = (await city.get('/api/roles')).json().items;
    expect(roles.find((r: { role: string }) => r.role === 'member').permissions).toEqual(['org.read']);
    expect(roles.find((r: { role: string }) => r.role === 'sysadmin').permissions).not.toContain('member.reveal');
  });
});
