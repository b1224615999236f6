import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ORG_KINDS, type LeadershipPost, type OrgKind } from '@hongyun/shared';
import type { AppContext } from '../../platform/context';
import { NotFound, Unauthenticated } from '../../platform/errors';
import { errorResponses } from '../../platform/http';
import type { FastifyRequest } from 'fastify';
import { AccessLog, MemberDetail } from '../members/member.schemas';
import { createMemberRepository } from '../members/member.repository';
import { createOrgRepository } from '../orgs/org.repository';
import { RECORD_ACCESS_ACTIONS, createMemberService } from '../members/member.service';
import { LeadershipView } from '../orgs/org.schemas';
import { Access } from '../../platform/access';

const tags = ['me'];
const Profile = MemberDetail.extend({ idNumber: z.string(), phone: z.string().nullable() });
const MyOrg = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), contactName: z.string().nullable(), contactPhone: z.string().nullable(), address: z.string().nullable() }),
  leadership: LeadershipView.nullable(),
  memberCount: z.number().int(),
});

/** The caller's own member id; accounts without a linked member have no profile. */
function ownMemberId(request: FastifyRequest): number {
  if (!request.actor) throw new Unauthenticated();
  if (!request.actor.memberId) throw new NotFound('您的账号未关联党员档案');
  return request.actor.memberId;
}

/** A member always reads their own record in full, whatever their grants (PIPL art. 45). */
export function meRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const members = createMemberService(ctx);
  const memberRepo = createMemberRepository(ctx.db);
  const orgRepo = createOrgRepository(ctx.db);
  return async (app) => {
    app.get('/api/me/profile', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyProfile', tags, summary: 'My own member record, in full', response: { 200: Profile, ...errorResponses } },
    }, async (request) => {
      const id = ownMemberId(request);
      const m = await memberRepo.getById(id);
      if (!m) throw new NotFound();
      // Self access: a scope of exactly the member's own organisation, for reading only.
      const self = new Access({ ...request.actor!, grants: [{ id: 0, role: 'member', orgId: m.orgId, orgPath: m.orgPath, orgName: m.orgName }] }, new Map([['member', new Set(['member.read'])]]));
      const detail = await members.detail(self, id);
      return {
        ...detail,
        abilities: { edit: false, reveal: false },
        idNumber: ctx.cipher.decrypt(m.idNumberCipher),
        phone: m.phoneCipher ? ctx.cipher.decrypt(m.phoneCipher) : null,
      };
    });

    app.get('/api/me/org', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyOrg', tags, summary: 'My organisation and its committee', response: { 200: MyOrg, ...errorResponses } },
    }, async (request) => {
      const id = ownMemberId(request);
      const m = await memberRepo.getById(id);
      if (!m) throw new NotFound();
      const org = await orgRepo.getById(m.orgId);
      if (!org) throw new NotFound();
      const [leadership, counts] = await Promise.all([orgRepo.currentLeadership(org.id), orgRepo.counts(org.id)]);
      const posts = leadership ? await orgRepo.leadershipPosts(leadership.id) : [];
      return {
        org: { id: org.id, name: org.name, kind: org.kind as OrgKind, contactName: org.contactName, contactPhone: org.contactPhone, address: org.address },
        leadership: leadership ? { ...leadership, posts: posts.map((p) => ({ id: p.id, post: p.post as LeadershipPost, memberId: p.memberId, memberName: p.memberName, appointedOn: p.appointedOn })) } : null,
        memberCount: counts.members,
      };
    });

    app.get('/api/me/access-log', {
      config: { access: 'authenticated' },
      schema: { operationId: 'getMyAccessLog', tags, summary: 'Who viewed, revealed, exported or changed my record', response: { 200: AccessLog, ...errorResponses } },
    }, async (request) => {
      const id = ownMemberId(request);
      const { items, total } = await memberRepo.accessLog(id, RECORD_ACCESS_ACTIONS, 200);
      return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), total };
    });
  };
}
