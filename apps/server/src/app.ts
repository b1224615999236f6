import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './platform/context';
import { installErrorHandling, requireAccessDeclarations, type RouteAccess } from './platform/http';
import { serializerCompiler } from './platform/serialize';
import { installSessions } from './platform/session';
import { healthRoutes } from './modules/health/health.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { orgRoutes } from './modules/orgs/org.routes';
import { enterpriseRoutes } from './modules/enterprises/enterprise.routes';
import { memberRoutes } from './modules/members/member.routes';
import { memberImportRoutes } from './modules/members/member-import.routes';
import { userRoutes } from './modules/users/user.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { meRoutes } from './modules/me/me.routes';
import { coverageRoutes } from './modules/coverage/coverage.routes';
import { surveyRoutes } from './modules/surveys/survey.routes';
import { standardRoutes } from './modules/standards/standard.routes';
import { serviceRoutes } from './modules/service/service.routes';
import { todoRoutes } from './modules/todos/todo.routes';
import { settingRoutes } from './modules/settings/setting.routes';
import { meetingRoutes } from './modules/meetings/meeting.routes';
import { venueRoutes } from './modules/venues/venue.routes';
import { complianceRoutes } from './modules/compliance/compliance.routes';
import { appraisalRoutes } from './modules/appraisal/appraisal.routes';
import { learningRoutes } from './modules/learning/learning.routes';
import { quizRoutes } from './modules/quiz/quiz.routes';
import { pointsRoutes } from './modules/points/points.routes';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuiltApp {
  app: FastifyInstance;
  /** Every /api route with its declared access rule (the access-matrix test walks these). */
  routes: { method: string; url: string; access: RouteAccess }[];
}

/** Builds the HTTP app: plugins and modules, no business logic. */
export async function buildApp(ctx: AppContext, options: { logger?: boolean; serveWeb?: boolean } = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.HONGYUN_TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const serveWeb = options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // The admin app answers every page address; /m and below are the member app.
  installErrorHandling(app, serveWeb ? (request, reply) => {
    const memberApp = request.url === '/m' || request.url.startsWith('/m/') || request.url.startsWith('/m?');
    return reply.header('cache-control', 'no-cache').sendFile(memberApp ? 'm/index.html' : 'index.html');
  } : undefined);

  const routes: BuiltApp['routes'] = [];
  requireAccessDeclarations(app, routes);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hongyun API', version: '0.1.0', description: '红云 · 互联网业党建云平台 API. Errors use one envelope { statusCode, code, message, details?, requestId }.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hy_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  installSessions(app, ctx.db, ctx.rolePermissions);

  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(enterpriseRoutes(ctx));
  await app.register(memberRoutes(ctx));
  await app.register(memberImportRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(meRoutes(ctx));
  await app.register(coverageRoutes(ctx));
  await app.register(surveyRoutes(ctx));
  await app.register(standardRoutes(ctx));
  await app.register(serviceRoutes(ctx));
  await app.register(todoRoutes(ctx));
  await app.register(settingRoutes(ctx));
  await app.register(meetingRoutes(ctx));
  await app.register(venueRoutes(ctx));
  await app.register(complianceRoutes(ctx));
  await app.register(appraisalRoutes(ctx));
  await app.register(learningRoutes(ctx));
  await app.register(quizRoutes(ctx));
  await app.register(pointsRoutes(ctx));

  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, index: false, wildcard: false, maxAge: '1h' });
  await app.ready();
  return { app, routes };
}
