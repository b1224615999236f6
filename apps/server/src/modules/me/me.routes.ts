import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ORG_KINDS } from '@hongyun/shared';
import type { AppContext } from '../../platform/context';
import { Unauthenticated } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import type { FastifyRequest } from 'fastify';
import { AccessLog, MemberDetail } from '../members/member.schemas';
import { createMemberService } from '../members/member.service';
import { LeadershipView } from '../orgs/org.schemas';
import { createOrgService } from '../orgs/org.service';

const tags = ['me'];
const Profile = MemberDetail.extend({ idNumber: z.string(), phone: z.string().nullable() });
const MyOrg = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), contactName: z.string().nullable(), contactPhone: z.string().nullable(), address: z.string().nullable() }),
  leadership: LeadershipView.nullable(),
  memberCount: z.number().int(),
});

function actorOf(request: FastifyRequest) {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}

/** A member always reads their own record in full, whatever their grants (PIPL art. 45). */
export function meRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const members = createMemberService(ctx);
  const orgs = createOrgService(ctx);
  return async (app) => {
    app.get('/api/me/profile', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyProfile', tags, summary: 'My own member record, in full', response: { 200: Profile, ...errorResponses } },
    }, async (request) => members.ownRecord(actorOf(request)));

    app.get('/api/me/org', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyOrg', tags, summary: 'My organisation and its committee', response: { 200: MyOrg, ...errorResponses } },
    }, async (request) => orgs.ownOrganisation(await members.ownOrgId(actorOf(request))));

    app.get('/api/me/access-log', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyAccessLog', tags, summary: 'Who viewed, revealed, exported or changed my record', response: { 200: AccessLog, ...errorResponses } },
    }, async (request) => members.ownAccessLog(actorOf(request)));
  };
}
