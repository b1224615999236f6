import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { abilitiesOf } from '../../platform/access';
import { tokenHash } from '../../platform/crypto';
import { Forbidden, Unauthenticated } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import { SESSION_COOKIE, createSession, destroySession, sessionCookieOptions } from '../../platform/session';
import { LoginBody, Me, Ok, PasswordChangeBody, type MeView } from './auth.schemas';
import { createAuthService } from './auth.service';

/** The host of an Origin header; null for `null` or anything unparsable. */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = createAuthService(ctx);
  return async (app) => {
    app.post('/api/auth/login', {
      config: { access: 'public' },
      schema: { operationId: 'login', tags: ['auth'], summary: 'Log in with username or phone and password', body: LoginBody, response: { 200: Ok, ...errorResponses, 429: errorResponses[400] } },
    }, async (request, reply) => {
      // Login CSRF: a browser sends Origin on cross-site POSTs; refuse those from elsewhere.
      const origin = request.headers.origin;
      if (origin && hostOf(origin) !== request.headers.host) {
        throw new Forbidden('CSRF_FAILED', '请求来源不可信，请从本系统登录页登录');
      }
      const { userId } = await service.login(request.body, request.ip);
      await destroySession(ctx.db, request.cookies[SESSION_COOKIE]);
      const { token } = await createSession(ctx.db, userId, request);
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config.secureCookies));
      return { ok: true as const };
    });

    app.post('/api/auth/logout', {
      config: { access: 'authenticated' },
      schema: { operationId: 'logout', tags: ['auth'], summary: 'End the current session', response: { 200: Ok, ...errorResponses } },
    }, async (request, reply) => {
      await destroySession(ctx.db, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/api/auth/me', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMe', tags: ['auth'], summary: 'The current account, its grants and permissions', response: { 200: Me, ...errorResponses } },
    }, async (request): Promise<MeView> => {
      const actor = request.actor;
      if (!actor) throw new Unauthenticated();
      return {
        user: { id: actor.userId, username: actor.username, displayName: actor.displayName, memberId: actor.memberId, mustChangePassword: actor.mustChangePassword },
        grants: actor.grants.map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName })),
        permissions: abilitiesOf(actor, ctx.rolePermissions()),
        csrfToken: request.csrfToken ?? '',
      };
    });

    app.post('/api/auth/password', {
      config: { access: 'authenticated' },
      schema: { operationId: 'changePassword', tags: ['auth'], summary: 'Change the own password', body: PasswordChangeBody, response: { 200: Ok, ...errorResponses } },
    }, async (request) => {
      if (!request.actor) throw new Unauthenticated();
      await service.changePassword(request.actor, request.body, tokenHash(request.cookies[SESSION_COOKIE] ?? ''));
      return { ok: true as const };
    });
  };
}
