import type { Readable } from 'node:stream';
import { countVoters, MEETING_KIND_LABELS, todayInShanghai, voteOutcome, type MeetingKind, type MemberCategory } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { cleanFileName, contentTypeOf, createAttachmentStore } from '../../platform/attachments';
import { audit } from '../../platform/audit';
import { Conflict, Forbidden, NotFound, invalidField } from '../../platform/errors';
import { completeTodos } from '../../platform/todos';
import { recordStudyHours } from '../learning/study-hours';
import { recordOutcomes } from '../points/outcomes';
import { createMeetingRecordRepository } from './meeting-record.repository';
import { createMeetingRepository, type LockedMeeting } from './meeting.repository';
import { hasBegun } from './meeting.rules';
import type { AttachmentViewT, MinutesInput, VoteInput } from './meeting.schemas';
import { SOURCE } from './meeting.service';
import { voteView, type Enum } from './meeting.views';

/**
 * What a confirmed record proves, reported once through the named calls of the points and
 * learning modules (a later correction reports nothing new): each member present or online
 * attended (an outcome), and a 党课 earns them its length in study hours (学时), in clock
 * hours rounded to the half hour.
 */
async function reportAttendance(tx: Database, m: LockedMeeting) {
  const took = (await createMeetingRepository(tx).attendees(m.id)).filter((a) => a.attendance === 'present' || a.attendance === 'online');
  if (took.length === 0) return;
  const label = MEETING_KIND_LABELS[m.kind as MeetingKind]?.zh ?? '会议';
  const title = m.title.startsWith(label) ? m.title : `${label}：${m.title}`;
  const occurredOn = todayInShanghai(m.startsAt);
  await recordOutcomes(tx, took.map((a) => ({ kind: 'meetingAttended' as const, memberId: a.memberId, orgPath: m.orgPath, sourceType: SOURCE, sourceId: m.id, title, occurredOn })));
  if (m.kind !== 'lecture') return;
  const hours = Math.max(0.5, Math.round(((m.endsAt.getTime() - m.startsAt.getTime()) / 3_600_000) * 2) / 2);
  await recordStudyHours(tx, took.map((a) => ({ memberId: a.memberId, year: Number(occurredOn.slice(0, 4)), hours, sourceType: 'lecture' as const, sourceId: m.id, title })));
}

/** Optional files with the minutes (policy.md: photos are never proof); a few, not an album. */
const MAX_FILES = 10;

type MeetingLike = Pick<LockedMeeting, 'orgPath' | 'recorderMemberId'>;

/** The recorder (the member linked to the caller's account) or a meeting.write holder over the meeting. */
export function canWriteMinutes(access: Access, m: MeetingLike): boolean {
  return access.inScope('meeting.write', m.orgPath) || (access.actor.memberId !== null && access.actor.memberId === m.recorderMemberId);
}

function assertMinutesWriter(access: Access, m: MeetingLike) {
  if (canWriteMinutes(access, m)) return;
  if (access.inScope('meeting.read', m.orgPath)) throw new Forbidden('MINUTES_RECORDER_ONLY', '只有本次会议的记录人或支部书记可以填写会议记录');
  throw new NotFound();
}

/** Minutes (recorded, confirmed, corrected with versions), their optional files, and votes. */
export function createMeetingMinutesService(deps: { db: Database; dataDir: string }) {
  const { db } = deps;
  const store = createAttachmentStore(deps.dataDir);
  const records = createMeetingRecordRepository(db);

  /** The meeting locked for a minutes write by the caller, still planned and begun. */
  async function lockForMinutes(tx: Database, access: Access, id: number) {
    const m = await createMeetingRepository(tx).lockMeeting(id);
    if (!m) throw new NotFound();
    assertMinutesWriter(access, m);
    if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消，无需填写会议记录');
    return m;
  }

  /** Who may read the files: meeting.read over it, the recorder, or an invitee once the minutes are confirmed. */
  async function assertFileReader(access: Access, id: number) {
    const m = await createMeetingRepository(db).getMeeting(id);
    if (!m) throw new NotFound();
    if (access.inScope('meeting.read', m.orgPath) || canWriteMinutes(access, m)) return m;
    const memberId = access.actor.memberId;
    const invited = memberId !== null && (await db.selectFrom('meetingAttendee').select('memberId').where('meetingId', '=', id).where('memberId', '=', memberId).executeTakeFirst());
    if (invited && (await records.minutes(id))?.confirmedAt) return m;
    throw new NotFound();
  }

  return {
    /**
     * Records or edits the minutes. Before confirmation the text is a draft; after it, a change
     * needs a reason, becomes a new revision, and the versions keep every confirmed text.
     * Throws Invalid `reason` for an unexplained correction, Conflict STALE_VERSION.
     */
    async save(access: Access, id: number, input: MinutesInput) {
      const content = input.content;
      const decisions = input.decisions?.trim() || null;
      const userId = access.actor.userId;
      await db.transaction().execute(async (tx) => {
        const m = await lockForMinutes(tx, access, id);
        if (!hasBegun(m)) throw new Conflict('MEETING_NOT_STARTED', '会议开始后才能填写会议记录');
        const r = createMeetingRecordRepository(tx);
        const mm = await r.lockMinutes(id);
        if (!mm) {
          await r.insertMinutes({ meetingId: id, content, decisions, recordedBy: userId });
          await audit(tx, access.actor, { action: 'meetingMinutes.record', targetType: 'meeting', targetId: id, orgPath: m.orgPath, after: { content, decisions } });
          return;
        }
        if (input.revision !== mm.revision) throw new Conflict('STALE_VERSION', '会议记录刚被其他人修改过，请刷新后再编辑');
        if (!mm.confirmedAt) {
          await r.updateMinutes(id, { content, decisions, recordedBy: userId });
          await audit(tx, access.actor, { action: 'meetingMinutes.record', targetType: 'meeting', targetId: id, orgPath: m.orgPath, before: { content: mm.content, decisions: mm.decisions }, after: { content, decisions } });
          return;
        }
        const reason = input.reason?.trim();
        if (!reason) invalidField('reason', '会议记录已确认，修改时请填写修改原因');
        if (content === mm.content && decisions === mm.decisions) invalidField('content', '会议记录内容没有变化，无需更正');
        const revision = mm.revision + 1;
        await r.updateMinutes(id, { content, decisions, revision, recordedBy: userId });
        await r.insertVersion({ meetingId: id, revision, content, decisions, reason, changedBy: userId });
        await audit(tx, access.actor, {
          action: 'meetingMinutes.correct', targetType: 'meeting', targetId: id, orgPath: m.orgPath,
          before: { revision: mm.revision, content: mm.content, decisions: mm.decisions }, after: { revision, content, decisions, reason },
        });
      });
    },

    /**
     * The secretary confirms the minutes (closing the recorder's to-do). From here on the
     * meeting counts as HELD: compliance counts a meeting whose status is 'planned' (not
     * cancelled) and whose minutes have confirmed_at set, in the period of its starts_at in
     * Asia/Shanghai. Keep that meaning when changing this.
     */
    async confirm(access: Access, id: number, revision: number) {
      await db.transaction().execute(async (tx) => {
        const m = await createMeetingRepository(tx).lockMeeting(id);
        if (!m) throw new NotFound();
        access.assertInScope('meeting.write', m.orgPath);
        if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消');
        const r = createMeetingRecordRepository(tx);
        const mm = await r.lockMinutes(id);
        if (!mm) throw new Conflict('NO_MINUTES', '尚未填写会议记录，不能确认');
        if (mm.confirmedAt) throw new Conflict('MINUTES_CONFIRMED', '会议记录已经确认过了');
        if (mm.revision !== revision) throw new Conflict('STALE_VERSION', '会议记录刚被其他人修改过，请刷新后再确认');
        await r.confirmMinutes(id, access.actor.userId);
        await r.insertVersion({ meetingId: id, revision: mm.revision, content: mm.content, decisions: mm.decisions, reason: null, changedBy: access.actor.userId });
        await completeTodos(tx, { kind: 'meeting.minutes', sourceType: SOURCE, sourceId: id });
        await reportAttendance(tx, m);
        await audit(tx, access.actor, { action: 'meetingMinutes.confirm', targetType: 'meeting', targetId: id, orgPath: m.orgPath, after: { revision: mm.revision } });
      });
    },

    /**
     * Records one vote at a 党员大会 (domain-rules §2.1): the entitled are the organisation's
     * live full members, the present those of them at the meeting in the room or online.
     * Throws Conflict VOTE_NO_QUORUM (nothing written), Invalid `yes` when more votes than voters.
     */
    async vote(access: Access, id: number, input: VoteInput) {
      return db.transaction().execute(async (tx) => {
        const mr = createMeetingRepository(tx);
        const m = await mr.lockMeeting(id);
        if (!m) throw new NotFound();
        access.assertInScope('meeting.write', m.orgPath);
        if (m.status === 'cancelled') throw new Conflict('MEETING_CANCELLED', '会议已取消');
        if (m.kind !== 'generalMeeting') throw new Conflict('VOTE_NOT_ALLOWED', '只有支部党员大会可以进行表决');
        if (!hasBegun(m)) throw new Conflict('MEETING_NOT_STARTED', '会议开始后才能登记表决结果');
        const r = createMeetingRecordRepository(tx);
        if ((await r.minutes(id))?.confirmedAt) throw new Conflict('MINUTES_CONFIRMED', '会议记录已确认，不能再补录表决结果');
        if (input.subjectMemberId && (await mr.liveMembers(m.orgId, { ids: [input.subjectMemberId] })).length === 0) {
          invalidField('subjectMemberId', '表决涉及的党员应为本组织的在册党员');
        }
        const roll = await mr.voterRoll(id, m.orgId);
        const { entitled, present } = countVoters(roll.map((v) => ({ category: v.category as MemberCategory, live: true, attendance: (v.attendance as Enum<'attendance'>) ?? null })));
        const outcome = voteOutcome({ entitled, present, yes: input.yes, no: input.no, abstain: input.abstain });
        if (!outcome.quorumMet) {
          throw new Conflict('VOTE_NO_QUORUM', `到会有表决权的正式党员 ${present} 人，未超过应到会 ${entitled} 人的半数（至少需 ${outcome.quorumNeeded} 人），不能进行表决`, { entitled, present, quorumNeeded: outcome.quorumNeeded });
        }
        const cast = input.yes + input.no + input.abstain;
        if (cast > present) invalidField('yes', `赞成、反对、弃权票合计 ${cast} 票，超过到会有表决权的正式党员 ${present} 人，请核对票数`);
        const row = { meetingId: id, item: input.item, subjectMemberId: input.subjectMemberId ?? null, entitled, present, yes: input.yes, no: input.no, abstain: input.abstain, quorumMet: true, passed: outcome.passed, recordedBy: access.actor.userId };
        const { id: voteId } = await r.insertVote(row);
        await audit(tx, access.actor, { action: 'meeting.vote', targetType: 'meeting', targetId: id, orgPath: m.orgPath, after: row, subjects: input.subjectMemberId ? [input.subjectMemberId] : undefined });
        return voteView((await r.votes(id)).find((v) => v.id === voteId)!);
      });
    },

    // ----- attachments ----------------------------------------------------------------------

    async listFiles(access: Access, id: number): Promise<AttachmentViewT[]> {
      await assertFileReader(access, id);
      return (await records.attachments(id)).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() }));
    },

    /**
     * Stores an optional file with the minutes while they are unconfirmed. Checks come before
     * the bytes are read; a refused upload leaves no file and no row.
     */
    async upload(access: Access, id: number, file: { stream: Readable; fileName: string }): Promise<AttachmentViewT> {
      const fileName = cleanFileName(file.fileName);
      const check = async (tx: Database) => {
        const m = await lockForMinutes(tx, access, id);
        const r = createMeetingRecordRepository(tx);
        if ((await r.minutes(id))?.confirmedAt) throw new Conflict('MINUTES_CONFIRMED', '会议记录已确认，附件不能再增删');
        if ((await r.attachments(id)).length >= MAX_FILES) invalidField('file', `每次会议最多上传 ${MAX_FILES} 个附件，请删除不需要的后再上传`);
        return m;
      };
      try {
        await db.transaction().execute((tx) => check(tx));
        contentTypeOf(fileName);
      } catch (error) {
        file.stream.resume();
        throw error;
      }
      const stored = await store.save(file.stream, fileName);
      try {
        return await db.transaction().execute(async (tx) => {
          // Checked again under the lock: the minutes may have been confirmed while the bytes arrived.
          const m = await check(tx);
          const r = createMeetingRecordRepository(tx);
          const row = await r.insertAttachment({ ownerId: id, orgPath: m.orgPath, fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, uploadedBy: access.actor.userId });
          await audit(tx, access.actor, { action: 'attachment.upload', targetType: 'attachment', targetId: row.id, orgPath: m.orgPath, after: { ownerType: 'meetingMinutes', meetingId: id, fileName, sizeBytes: stored.sizeBytes } });
          await r.lockFile(stored.sha256);
          await store.keep(stored);
          return { id: row.id, fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, createdAt: new Date().toISOString() };
        });
      } finally {
        await store.discard(stored);
      }
    },

    async download(access: Access, id: number, attachmentId: number) {
      await assertFileReader(access, id);
      const f = await records.getAttachment(id, attachmentId);
      if (!f) throw new NotFound();
      const stream = store.open(f.sha256);
      if (!stream) throw new NotFound('附件文件已丢失，请联系管理员从备份恢复');
      return { stream, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes };
    },

    /** Deletes a file while the minutes are unconfirmed; the bytes go when nothing else refers to them. */
    async remove(access: Access, id: number, attachmentId: number) {
      const f = await db.transaction().execute(async (tx) => {
        const m = await lockForMinutes(tx, access, id);
        const r = createMeetingRecordRepository(tx);
        const file = await r.getAttachment(id, attachmentId);
        if (!file) throw new NotFound();
        if ((await r.minutes(id))?.confirmedAt) throw new Conflict('MINUTES_CONFIRMED', '会议记录已确认，附件不能再增删');
        await r.removeAttachment(attachmentId);
        await audit(tx, access.actor, { action: 'attachment.delete', targetType: 'attachment', targetId: attachmentId, orgPath: m.orgPath, before: { ownerType: 'meetingMinutes', meetingId: id, fileName: file.fileName } });
        return file;
      });
      await db.transaction().execute(async (tx) => {
        const r = createMeetingRecordRepository(tx);
        await r.lockFile(f.sha256);
        if (!(await r.isShaReferenced(f.sha256))) await store.remove(f.sha256);
      });
    },
  };
}
