import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { makeFictionalName, makeIdNumber, maskIdNumber, maskPhone, type MemberCategory, type OrgKind, type Role } from '@hongyun/shared';
import { buildApp, type BuiltApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { loadRolePermissions, type AppContext } from '../platform/context';
import { createDataCipher } from '../platform/crypto';
import { hashPassword } from '../modules/auth/auth.service';
import { createTestDatabase } from './db';

export const TEST_PASSWORD = 'Test-password-1';
let passwordHash: Promise<string> | null = null;

export interface TestApp extends BuiltApp {
  ctx: AppContext;
  db: Database;
  /** The test database's connection string, for a second connection (another process). */
  url: string;
  given: ReturnType<typeof builders>;
  close(): Promise<void>;
}

/** The real app on a fresh database (a template clone), without the web bundle. */
export async function createTestApp(): Promise<TestApp> {
  const tdb = await createTestDatabase();
  let permissions = await loadRolePermissions(tdb.db);
  const ctx: AppContext = {
    db: tdb.db,
    cipher: createDataCipher(crypto.randomBytes(32)),
    config: { ...loadConfig({}), dataDir: `/tmp/hongyun-test-data-${crypto.randomBytes(4).toString('hex')}`, maxUploadBytes: 2 * 1024 * 1024 },
    rolePermissions: () => permissions,
    reloadRolePermissions: async () => {
      permissions = await loadRolePermissions(tdb.db);
    },
  };
  const built = await buildApp(ctx, { serveWeb: false });
  return {
    ...built,
    ctx,
    db: tdb.db,
    url: tdb.url,
    given: builders(ctx),
    close: async () => {
      await built.app.close();
      await tdb.drop();
    },
  };
}

let seq = 0;
/** A small deterministic generator so builder names differ but repeat across runs. */
function seededRandom(seed: number): () => number {
  let s = seed * 2654435761;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const next = () => ++seq;

/** Builders: each creates its own data; nothing shared between tests. */
/** Jiaxing's county codes: the fictional test members are "born" there. */
const ID_REGIONS = ['330483', '330402', '330411', '330421', '330424', '330481', '330482'];

export function builders(ctx: AppContext) {
  const { db, cipher } = ctx;
  const api = {
    async org(input: { parentId?: number | null; kind?: OrgKind; name?: string; isTown?: boolean }) {
      const parent = input.parentId ? await db.selectFrom('org').select(['id', 'path']).where('id', '=', input.parentId).executeTakeFirstOrThrow() : null;
      const { rows } = await import('kysely').then(({ sql }) => sql<{ id: number }>`select nextval(pg_get_serial_sequence('org', 'id'))::int8 as id`.execute(db));
      const id = rows[0].id;
      const n = next();
      await db.insertInto('org').values({
        id, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${id}` : String(id), kind: input.kind ?? 'branch',
        isTown: input.isTown ?? false, name: input.name ?? `测试组织${n}`, shortName: null, code: `T${n}-${crypto.randomBytes(3).toString('hex')}`,
        foundedOn: '2020-01-01', contactName: null, contactPhone: null, address: null,
      }).execute();
      return { id, path: parent ? `${parent.path}.${id}` : String(id) };
    },

    /** A city root with two towns (A, B), each with one branch. */
    async tree() {
      const city = await api.org({ kind: 'workCommittee', name: '测试市两新工委' });
      const townA = await api.org({ parentId: city.id, kind: 'workCommittee', name: '甲镇两新工委', isTown: true });
      const townB = await api.org({ parentId: city.id, kind: 'workCommittee', name: '乙镇两新工委', isTown: true });
      const branchA = await api.org({ parentId: townA.id, kind: 'branch', name: '甲镇某公司党支部' });
      const branchB = await api.org({ parentId: townB.id, kind: 'branch', name: '乙镇某公司党支部' });
      return { city, townA, townB, branchA, branchB };
    },

    async member(input: { orgId: number; name?: string; category?: MemberCategory; birthDate?: string; confirmedOn?: string | null; joinedOn?: string; phone?: string; status?: string; keyPositions?: string[] }) {
      const org = await db.selectFrom('org').select('path').where('id', '=', input.orgId).executeTakeFirstOrThrow();
      const n = next();
      const birthDate = input.birthDate ?? '1995-06-15';
      // 1,000 numbers per region and birth date (500 sequences × 2 genders), then the next
      // region: unique for the first 7,000 members of a test file.
      const region = ID_REGIONS[Math.floor(n / 1000) % ID_REGIONS.length];
      const idNumber = makeIdNumber(region, birthDate, Math.floor(n / 2) % 500, n % 2 ? 'male' : 'female');
      const category = input.category ?? 'full';
      const joinedOn = input.joinedOn ?? (category === 'full' ? '2018-07-01' : '2026-03-01');
      const phone = input.phone ?? null;
      const name = input.name ?? makeFictionalName(seededRandom(n));
      const row = await db.insertInto('member').values({
        orgId: input.orgId, orgPath: org.path, partyGroupId: null, name, gender: n % 2 ? 'male' : 'female',
        ethnicity: '汉族', birthDate, idNumberCipher: cipher.encrypt(idNumber), idNumberHash: cipher.hash(idNumber), idNumberMasked: maskIdNumber(idNumber),
        phoneCipher: phone ? cipher.encrypt(phone) : null, phoneHash: phone ? cipher.hash(phone) : null, phoneMasked: phone ? maskPhone(phone) : null,
        education: 'bachelor', employerEnterpriseId: null, employerName: null, job: null, keyPositions: input.keyPositions ?? [], category,
        status: input.status ?? 'normal', appliedOn: null, activistOn: null, candidateOn: null, joinedOn,
        confirmedOn: input.confirmedOn === undefined ? (category === 'full' ? '2019-07-01' : null) : input.confirmedOn,
      }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, idNumber, name };
    },

    /** An account with a known password (no forced change) and the given grants. */
    async user(grants: { role: Role; orgId: number; departmentId?: number }[], options: { memberId?: number; mustChangePassword?: boolean; username?: string } = {}) {
      passwordHash ??= hashPassword(TEST_PASSWORD);
      const username = options.username ?? `u${next()}${crypto.randomBytes(2).toString('hex')}`;
      const { id } = await db.insertInto('appUser').values({
        username, displayName: `用户${username}`, passwordHash: await passwordHash, memberId: options.memberId ?? null,
        mustChangePassword: options.mustChangePassword ?? false,
      }).returning('id').executeTakeFirstOrThrow();
      for (const g of grants) await db.insertInto('userGrant').values({ userId: id, role: g.role, orgId: g.orgId, departmentId: g.departmentId ?? null }).execute();
      return { id, username };
    },
  };
  return api;
}

export interface Session {
  cookie: string;
  csrf: string;
}

let loginAddress = 0;

/**
 * Logs in through the real route and returns the cookie and CSRF token. Each login comes from
 * its own loopback address: tests sign in many accounts, and per-address throttling is tested
 * on its own (auth.routes.test.ts).
 */
export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  loginAddress = (loginAddress % 250) + 1;
  const remoteAddress = `127.0.${Math.floor(loginAddress / 250) + 1}.${loginAddress}`;
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const raw = res.cookies.find((c) => c.name === 'hy_session');
  if (!raw) throw new Error('no session cookie');
  const cookie = `hy_session=${raw.value}`;
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  return { cookie, csrf: me.json().csrfToken };
}

/** Sends a request as a logged-in session (cookie + CSRF header on writes). */
export function as(app: FastifyInstance, session: Session | null) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    patch: (url: string, payload?: unknown) => send('PATCH', url, payload ?? {}),
    put: (url: string, payload?: unknown) => send('PUT', url, payload ?? {}),
    delete: (url: string) => send('DELETE', url),
  };
}
