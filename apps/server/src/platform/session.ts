import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@hongyun/shared';
import type { Database } from '../db/database';
import { Access, type Actor, type RolePermissions } from './access';
import { Forbidden, Unauthenticated } from './errors';
import { randomToken, tokenHash } from './crypto';
import { createKeptValues, loadTogether } from './kept';
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

// Sessions not yet in memory are looked up together, per database (tests use several).
const loaders = new WeakMap<Database, (key: string) => Promise<SessionRow | undefined>>();
function loaderOf(db: Database) {
  let load = loaders.get(db);
  if (!load) loaders.set(db, (load = loadTogether((keys) => loadSessions(db, keys.map((k) => Buffer.from(k, 'hex'))))));
  return load;
}

// A few seconds of memory per session spare the database one query per request. Every
// change made in this process (logout, password, reset, disable, grants, the organisation
// tree) forgets the entries once committed; another API process sees it within 5 seconds.
const sessions = createKeptValues<SessionRow>({
  keepMs: 5000,
  reloadAfterMs: 3000,
  maxEntries: 20000,
  usable: (row, now) => new Date(row.expiresAt).getTime() > now,
  followsTree: true, // grants carry their organisation's path and name
});

/** The session of `hash`, from memory while fresh enough, otherwise from the database. */
export function lookUpSession(db: Database, hash: Buffer): Promise<SessionRow | undefined> {
  const key = hash.toString('hex');
  return sessions.get(key, () => loaderOf(db)(key));
}

/** Forgets the cached sessions of an account whose sessions, password or grants changed. */
export function forgetSessionsOf(userId: number): void {
  sessions.forget((_, row) => row.userId === userId);
}

/** Forgets every cached session. */
export function forgetAllSessions(): void {
  sessions.forget(() => true);
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
  sessions.forget((key) => key === ended);
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
