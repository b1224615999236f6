import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetAllSessions } from '../../platform/session';
import { as, createTestApp, login, TEST_PASSWORD, type TestApp } from '../../test/app';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
});
afterAll(() => t.close());

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and /me shows the grants', async () => {
    const u = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/hy_session=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    const me = await as(t.app, await login(t.app, u.username)).get('/api/auth/me');
    expect(me.json().grants).toEqual([expect.objectContaining({ role: 'townCoordinator', orgId: tree.townA.id, orgName: '甲镇两新工委' })]);
    expect(me.json().permissions).toContain('member.read');
  });

  it('logs in with the phone number too', async () => {
    const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    await t.db.updateTable('appUser').set({ phoneHash: t.ctx.cipher.hash('13800138123'), phoneMasked: '138****8123' }).where('id', '=', u.id).execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '13800138123', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
  });

  it('answers one message for a wrong password and an unknown user', async () => {
    const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json()).toMatchObject({ code: 'LOGIN_FAILED', requestId: expect.any(String) });
  });

  it('locks the account temporarily after five wrong passwords, even for the right one', async () => {
    const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong' } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toMatch(/锁定/);
  });

  it('lets a whole office behind one address log in (only failed attempts count against the address)', async () => {
    const office = { remoteAddress: '10.20.30.40' };
    const users = await Promise.all(Array.from({ length: 35 }, () => t.given.user([{ role: 'member', orgId: tree.branchA.id }])));
    for (const u of users) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, ...office });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('brakes guessing from one address across many names, even for a right password afterwards', async () => {
    const guesser = { remoteAddress: '10.20.30.41' };
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `guess-${i}`, password: 'wrong' }, ...guesser })).statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    const u = await t.given.user([{ role: 'member', orgId: tree.branchA.id }]);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, ...guesser });
    expect(right.statusCode).toBe(429);
  });

  it('answers an unknown name exactly like a real account being locked', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'no-such-user', password: 'wrong' } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('answers a null Origin with a refusal, not an error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'null', host: 'localhost' }, payload: { username: 'x', password: 'y' } });
    expect(res.statusCode).toBe(403);
  });

  it('refuses unknown fields in the body with the field named', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toMatch(/admin/);
  });
});

describe('sessions and CSRF', () => {
  it('refuses a write without the CSRF token and writes nothing', async () => {
    const u = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }]);
    const s = await login(t.app, u.username);
    const res = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: s.cookie }, payload: { parentId: tree.townA.id, kind: 'branch', name: '无令牌支部', code: 'NO-CSRF-1' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_FAILED');
    expect(await t.db.selectFrom('org').select('id').where('code', '=', 'NO-CSRF-1').executeTakeFirst()).toBeUndefined();
  });

  it('does not accept one user\'s CSRF token with another user\'s cookie', async () => {
    const a = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username);
    const b = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username);
    const res = await t.app.inject({ method: 'POST', url: '/api/orgs', headers: { cookie: a.cookie, 'x-csrf-token': b.csrf }, payload: { parentId: tree.townA.id, kind: 'branch', name: '串号支部', code: 'MIX-1' } });
    expect(res.statusCode).toBe(403);
  });

  it('treats a forged or logged-out cookie as not logged in', async () => {
    const s = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username);
    expect((await as(t.app, { cookie: 'hy_session=forged', csrf: 'x' }).get('/api/auth/me')).statusCode).toBe(401);
    await as(t.app, s).post('/api/auth/logout');
    expect((await as(t.app, s).get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cross-site login POST', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example', host: 'localhost:3000' }, payload: { username: 'x', password: 'y' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('many sessions at once', () => {
  it('gives each of many requests arriving together its own account, and none to a stale cookie among them', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => t.given.user([{ role: 'orgAdmin', orgId: i % 2 ? tree.branchA.id : tree.branchB.id }])));
    const sessions = [];
    for (const u of users) sessions.push(await login(t.app, u.username));
    forgetAllSessions(); // every lookup below goes to the database, in one burst
    const burst = await Promise.all([
      ...sessions.map((s) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })),
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'hy_session=not-a-session' } }),
    ]);
    expect(burst.slice(0, 8).map((r) => r.json().user.username)).toEqual(users.map((u) => u.username));
    expect(burst.slice(0, 8).map((r) => r.json().grants[0].orgId)).toEqual(users.map((_, i) => (i % 2 ? tree.branchA.id : tree.branchB.id)));
    expect(burst[8].statusCode).toBe(401);
  });
});

describe('initial passwords', () => {
  it('forces a change before anything else, then lets the user in', async () => {
    const u = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }], { mustChangePassword: true });
    const s = await login(t.app, u.username);
    const blocked = await as(t.app, s).get('/api/orgs/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await as(t.app, s).post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaa' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details.issues[0].path).toBe('newPassword');
    const ok = await as(t.app, s).post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-secret-2026' });
    expect(ok.statusCode).toBe(200);
    expect((await as(t.app, s).get('/api/orgs/tree')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } })).statusCode).toBe(401);
  });
});
