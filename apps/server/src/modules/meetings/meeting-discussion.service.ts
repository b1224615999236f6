import type { Database } from '../../db/database';
import type { Access, Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound } from '../../platform/errors';
import { createMeetingRecordRepository } from './meeting-record.repository';
import { createMeetingRepository } from './meeting.repository';
import { memberIdOf } from './meeting-attendance.service';
import type { PostViewT } from './meeting.schemas';

export const HIDDEN_TEXT = '该内容已被管理员隐藏';

interface Thread {
  orgId: number;
  orgPath: string;
  meetingId: number | null;
}

/**
 * The online branch's threads (网络e支部): one per meeting and one per organisation. Admins
 * read and write within their scope; members in the meetings they are invited to and in their
 * own organisation's thread. A hidden post keeps its place but not its text.
 */
export function createDiscussionService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createMeetingRepository(db);
  const records = createMeetingRecordRepository(db);

  async function page(actor: Actor, thread: Thread, q: { page?: number; pageSize: number }, canHide: boolean) {
    const p = await records.posts(thread, q.page, q.pageSize);
    const items: PostViewT[] = p.items.map((x) => ({
      id: x.id, authorName: x.authorName, mine: x.authorUserId === actor.userId, body: x.hiddenAt ? HIDDEN_TEXT : x.body, hidden: x.hiddenAt !== null, createdAt: x.createdAt.toISOString(),
    }));
    return { items, total: p.total, page: p.page, pageSize: q.pageSize, canHide };
  }

  async function write(actor: Actor, thread: Thread, body: string): Promise<number> {
    return db.transaction().execute(async (tx) => {
      const id = await createMeetingRecordRepository(tx).insertPost({ ...thread, authorUserId: actor.userId, authorMemberId: actor.memberId, body });
      await audit(tx, actor, { action: 'discussionPost.create', targetType: 'discussionPost', targetId: id, orgPath: thread.orgPath, after: { meetingId: thread.meetingId, body } });
      return id;
    });
  }

  async function meetingThread(id: number) {
    const m = await repo.getMeeting(id);
    if (!m) throw new NotFound();
    return { m, thread: { orgId: m.orgId, orgPath: m.orgPath, meetingId: m.id } };
  }

  async function orgThread(orgId: number) {
    const org = await repo.getOrg(orgId);
    if (!org) throw new NotFound();
    return { org, thread: { orgId: org.id, orgPath: org.path, meetingId: null } };
  }

  /** The member's invitation to a meeting (404 when not invited or without a member record). */
  async function invitedThread(actor: Actor, id: number) {
    const memberId = memberIdOf(actor);
    const found = await meetingThread(id);
    const invited = await db.selectFrom('meetingAttendee').select('memberId').where('meetingId', '=', id).where('memberId', '=', memberId).executeTakeFirst();
    if (!invited) throw new NotFound();
    return found;
  }

  /** The member's own organisation, while their record is live. */
  async function ownThread(actor: Actor) {
    const memberId = memberIdOf(actor);
    const member = await db.selectFrom('member').select(['orgId', 'status']).where('id', '=', memberId).executeTakeFirst();
    if (!member || member.status !== 'normal') throw new NotFound();
    return orgThread(member.orgId);
  }

  const noPostingWhenCancelled = (m: { status: string }) => {
    if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消，不能再发言');
  };
  const noPostingWhenAbolished = (org: { abolishedOn: string | null; name: string }) => {
    if (org.abolishedOn) throw new Conflict('ORG_ABOLISHED', `“${org.name}”已撤销，讨论区只能查看`);
  };

  return {
    async listMeetingPosts(access: Access, id: number, q: { page?: number; pageSize: number }) {
      const { m, thread } = await meetingThread(id);
      access.assertInScope('meeting.read', m.orgPath);
      return page(access.actor, thread, q, access.inScope('meeting.write', m.orgPath));
    },

    async postToMeeting(access: Access, id: number, body: string) {
      const { m, thread } = await meetingThread(id);
      access.assertInScope('meeting.write', m.orgPath);
      noPostingWhenCancelled(m);
      return write(access.actor, thread, body);
    },

    async listOrgPosts(access: Access, orgId: number, q: { page?: number; pageSize: number }) {
      const { org, thread } = await orgThread(orgId);
      access.assertInScope('meeting.read', org.path);
      return page(access.actor, thread, q, access.inScope('meeting.write', org.path));
    },

    async postToOrg(access: Access, orgId: number, body: string) {
      const { org, thread } = await orgThread(orgId);
      access.assertInScope('meeting.write', org.path);
      noPostingWhenAbolished(org);
      return write(access.actor, thread, body);
    },

    /** Hides a post (its text; the place stays so the conversation still reads in order). */
    async hide(access: Access, postId: number) {
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRecordRepository(tx);
        const post = await r.lockPost(postId);
        if (!post) throw new NotFound();
        access.assertInScope('meeting.write', post.orgPath);
        if (post.hiddenAt) return;
        await r.hidePost(postId, access.actor.userId);
        await audit(tx, access.actor, { action: 'discussionPost.hide', targetType: 'discussionPost', targetId: postId, orgPath: post.orgPath, before: { body: post.body, meetingId: post.meetingId } });
      });
    },

    async listMyMeetingPosts(actor: Actor, id: number, q: { page?: number; pageSize: number }) {
      const { thread } = await invitedThread(actor, id);
      return page(actor, thread, q, false);
    },

    async postToMyMeeting(actor: Actor, id: number, body: string) {
      const { m, thread } = await invitedThread(actor, id);
      noPostingWhenCancelled(m);
      return write(actor, thread, body);
    },

    /** My organisation's thread; an account without a member record has none (an empty list). */
    async listMyThread(actor: Actor, q: { page?: number; pageSize: number }) {
      if (actor.memberId == null) return { items: [], total: 0, page: 1, pageSize: q.pageSize, canHide: false };
      const { thread } = await ownThread(actor);
      return page(actor, thread, q, false);
    },

    async postToMyThread(actor: Actor, body: string) {
      const { org, thread } = await ownThread(actor);
      noPostingWhenAbolished(org);
      return write(actor, thread, body);
    },
  };
}
