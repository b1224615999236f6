import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@hongyun/shared';
import type { Database } from '../db/database';
import { Access, type Actor, type RolePermissions } from './access';
import { Forbidden, Unauthenticated } from './errors';
import { randomToken, tokenHash } from './crypto';
import type { RouteAccess } from './http';

export const SESSION_COOKIE = 'hy_session';
const SESSION_HOURS = 12;
const TOUCH_AFTER_MS = 5 * 60 * 1000;
/** However active, a session ends this many days after login. */
const MAX_SESSION_DAYS = 7;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    access: Access | null;
    csrfToken: string | null;
  }
}

interface SessionRow {
  userId: number;
  expiresAt: Date;
  csrfToken: string;
  lastSeenAt: Date;
  username: string;
  displayName: string;
  memberId: number | null;
  mustChangePassword: boolean;
  grants: { id: number; role: Role; orgId: number; orgPath: string; orgName: string; departmentId: number | null }[];
}

/** Loads sessions, their accounts and grants in one round trip. */
async function loadSessions(db: Database, hashes: Buffer[]): Promise<Map<string, SessionRow>> {
  const { rows } = await sql<SessionRow & { tokenHash: Buffer }>`
    select s.token_hash as "tokenHash", s.user_id as "userId", s.expires_at as "expiresAt", s.csrf_token as "csrfToken", s.last_seen_at as "lastSeenAt",
           u.username, u.display_name as "displayName", u.member_id as "memberId",
           u.must_change_password as "mustChangePassword",
           coalesce((select json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', g.org_id,
                        'orgPath', o.path::text, 'orgName', o.name, 'departmentId', g.department_id) order by g.id)
                     from user_grant g join org o on o.id = g.org_id
                     where g.user_id = u.id and o.abolished_on is null), '[]') as grants
    from session s join app_user u on u.id = s.user_id
    where s.token_hash = any(${hashes}::bytea[]) and s.expires_at > now() and s.created_at > now() - make_interval(days => ${MAX_SESSION_DAYS})
      and u.disabled_at is null`.execute(db);
  return new Map(rows.map(({ tokenHash, ...row }) => [tokenHash.toString('hex'), row]));
}

// When many people arrive at once (a contest starting, a meeting's sign-in), the sessions
// not yet in memory are looked up together: the requests of one turn of the event loop share
// a query instead of queueing for the pool one by one.
interface Waiter { hash: Buffer; settle: ((row: SessionRow | undefined) => void)[]; fail: ((e: unknown) => void)[] }
let waiting: { db: Database; byKey: Map<string, Waiter> } | null = null;

function loadSession(db: Database, hash: Buffer): Promise<SessionRow | undefined> {
  if (!waiting || waiting.db !== db) {
    const batch = { db, byKey: new Map<string, Waiter>() };
    waiting = batch;
    setImmediate(() => {
      if (waiting === batch) waiting = null;
      const entries = [...batch.byKey.entries()];
      loadSessions(db, entries.map(([, e]) => e.hash)).then(
        (found) => { for (const [key, e] of entries) for (const s of e.settle) s(found.get(key)); },
        (error: unknown) => { for (const [, e] of entries) for (const f of e.fail) f(error); },
      );
    });
  }
  const key = hash.toString('hex');
  let entry = waiting.byKey.get(key);
  if (!entry) waiting.byKey.set(key, (entry = { hash, settle: [], fail: [] }));
  const e = entry;
  return new Promise((resolve, reject) => { e.settle.push(resolve); e.fail.push(reject); });
}

// A few seconds of memory per session spare the database one query per request. Every
// change made in this process (logout, password, reset, disable, grants) forgets the entries
// at once; another API process sees such a change within CACHE_MS.
const CACHE_MS = 5000;
// A session in steady use is reloaded in the background from this age on, while its entry
// still answers: otherwise every request arriving during the reload would wait for it.
const RELOAD_AFTER_MS = 3000;
const cache = new Map<string, { row: SessionRow; loadedAt: number }>();
/** One lookup under way per session, shared by every request that needs it meanwhile. */
const underWay = new Map<string, Promise<SessionRow | undefined>>();
/** Bumped whenever entries are forgotten: a lookup begun before then must not be kept. */
let generation = 0;

/** The session of `hash`, from memory while fresh enough, otherwise from the database. */
export async function lookUpSession(db: Database, hash: Buffer): Promise<SessionRow | undefined> {
  const key = hash.toString('hex');
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.loadedAt < CACHE_MS && new Date(hit.row.expiresAt).getTime() > now) {
    // A failed reload shows when the entry runs out and the lookup is made again.
    if (now - hit.loadedAt >= RELOAD_AFTER_MS) reload(db, key, hash).catch(() => undefined);
    return hit.row;
  }
  return reload(db, key, hash);
}

function reload(db: Database, key: string, hash: Buffer): Promise<SessionRow | undefined> {
  const pending = underWay.get(key);
  if (pending) return pending;
  const begun = { at: Date.now(), generation };
  const lookup = loadSession(db, hash)
    .then((row) => {
      if (begun.generation === generation) {
        if (row) {
          if (cache.size > 20000) cache.clear();
          cache.set(key, { row, loadedAt: begun.at });
        } else cache.delete(key);
      }
      return row;
    })
    .finally(() => {
      if (underWay.get(key) === lookup) underWay.delete(key);
    });
  underWay.set(key, lookup);
  return lookup;
}

/** Call after the change is committed, so that a lookup begun later reads it. */
function forget(which: (key: string, row: SessionRow) => boolean): void {
  generation++;
  underWay.clear();
  for (const [key, entry] of cache) if (which(key, entry.row)) cache.delete(key);
}

/** Forgets the cached sessions of an account whose sessions, password or grants changed. */
export function forgetSessionsOf(userId: number): void {
  forget((_, row) => row.userId === userId);
}

/** Forgets every cached session: grant paths changed (a subtree moved). */
export function forgetAllSessions(): void {
  forget(() => true);
}

/** Creates a server-side session and returns the opaque token for the cookie. */
export async function createSession(db: Database, userId: number, request: FastifyRequest): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db
    .insertInto('session')
    .values({
      tokenHash: tokenHash(token),
      userId,
      csrfToken,
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000),
    })
    .execute();
  return { token, csrfToken };
}

export async function destroySession(db: Database, token: string | undefined): Promise<void> {
  if (!token) return;
  const hash = tokenHash(token);
  await db.deleteFrom('session').where('tokenHash', '=', hash).execute();
  const ended = hash.toString('hex');
  forget((key) => key === ended);
}

export const sessionCookieOptions = (secure: boolean) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict' as const,
  secure,
  maxAge: SESSION_HOURS * 3600,
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes an account with an initial password may still use. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Attaches `request.actor` and `request.access` from the session cookie, enforces the CSRF
 * token on writes, the forced change of an initial password, and each route's access rule.
 */
export function installSessions(app: FastifyInstance, db: Database, rolePermissions: () => RolePermissions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('access', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('preHandler', async (request) => {
    // Decide by the matched route, never the raw URL (an encoded path still routes to /api).
    const rule: RouteAccess | undefined = request.routeOptions.config?.access;
    if (!rule) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const hash = tokenHash(token);
      const row = await lookUpSession(db, hash);
      if (row) {
        request.actor = {
          userId: row.userId,
          username: row.username,
          displayName: row.displayName,
          memberId: row.memberId,
          mustChangePassword: row.mustChangePassword,
          grants: row.grants,
          ip: request.ip,
        };
        request.access = new Access(request.actor, rolePermissions());
        request.csrfToken = row.csrfToken;
        if (Date.now() - new Date(row.lastSeenAt).getTime() > TOUCH_AFTER_MS) {
          row.lastSeenAt = new Date();
          await db
            .updateTable('session')
            .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000) })
            .where('tokenHash', '=', hash)
            .execute();
        }
      }
    }
    if (!rule || rule === 'public') return;
    if (!request.actor) throw new Unauthenticated();
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
      throw new Forbidden('CSRF_FAILED', '页面已过期或请求来源不可信，请刷新页面后重试');
    }
    const path = request.routeOptions.url ?? '';
    if (request.actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(path)) {
      throw new Forbidden('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改初始密码');
    }
    if (rule !== 'authenticated') request.access!.require(rule);
  });
}
