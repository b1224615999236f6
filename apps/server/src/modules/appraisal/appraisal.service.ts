import {
  addDays, APPRAISAL_GRADE_LABELS, APPRAISAL_MIN_BALLOTS_SHOWN, checkProposal, countGrades, emptyGradeCounts, gradeAllowedFor, isBranchLike, isValidDate, maxExcellent,
  todayInShanghai, type AppraisalGrade, type AppraisalStage, type MemberCategory, type OrgKind,
} from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, Invalid, NotFound, invalidField } from '../../platform/errors';
import { addTodos, completeTodos } from '../../platform/todos';
import { createAppraisalRepository, type AppraisalRepository } from './appraisal.repository';
import { APPEAL_DECIDED_TODO, APPEAL_TODO, excellentShare, appealDays, memberLink, REMIND_TODO, RESULT_TODO, REVIEW_TODO, SOURCE } from './appraisal.rules';
import type { CampaignDetailT, CampaignListInput, CreateCampaignInput, DecideAppealInput, ProposalInput } from './appraisal.schemas';

// Columns hold these values under check constraints; the casts below say so once.
const asGrade = (g: string | null) => g as AppraisalGrade | null;
const asStage = (s: string) => s as AppraisalStage;
const asCategory = (c: string) => c as MemberCategory;
const asAppealStatus = (s: string) => s as 'open' | 'upheld' | 'changed';

const STAGE_MESSAGES: Record<string, string> = {
  reviewing: '本次评议还在自评互评阶段',
  proposing: '本次评议正在由支委会提出评定意见',
  confirmed: '评定结果已经党员大会审议',
  published: '评定结果已公布',
  closed: '本次评议已结束',
};

function requireStage(stage: string, wanted: AppraisalStage, action: string): void {
  if (stage !== wanted) throw new Conflict('APPRAISAL_STAGE', `${STAGE_MESSAGES[stage] ?? '评议阶段已变化'}，不能${action}，请刷新后查看`);
}

function requireVersion(current: number, given: number): void {
  if (current !== given) throw new Conflict('STALE_VERSION', '本次评议刚被其他人更新过，请刷新后再操作');
}

/** Locks a campaign the caller manages for a stage move. */
async function lockManaged(r: AppraisalRepository, access: Access, id: number) {
  const c = await r.lockCampaign(id, 'update');
  if (!c || !access.inScope('appraisal.manage', c.orgPath)) throw new NotFound();
  return c;
}

/** The secretary's side of the democratic appraisal: campaigns, progress, proposal, confirmation, publication, appeals. */
export function createAppraisalService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createAppraisalRepository(db);

  return {
    /**
     * Opens an organisation's appraisal of a year with its live members as participants, and
     * asks each of them (a to-do) for their self- and peer review. Throws Conflict when the
     * organisation already has one that year.
     */
    async create(access: Access, input: CreateCampaignInput): Promise<number> {
      const org = await repo.getOrg(input.orgId);
      if (!org) throw new NotFound();
      access.assertInScope('appraisal.manage', org.path);
      if (!isBranchLike(org.kind as OrgKind)) invalidField('orgId', '民主评议党员以党支部为单位开展，请选择一个党支部（含联合党支部、临时党支部）');
      if (org.abolishedOn) invalidField('orgId', '该组织已撤销，不能开展民主评议');
      const today = todayInShanghai();
      const thisYear = Number(today.slice(0, 4));
      if (input.year > thisYear || input.year < thisYear - 1) invalidField('year', `评议年度应为 ${thisYear - 1} 或 ${thisYear} 年`);
      if (!isValidDate(input.reviewDueOn)) invalidField('reviewDueOn', '自评互评截止日期不是有效日期');
      if (input.reviewDueOn < today) invalidField('reviewDueOn', '自评互评截止日期不能早于今天');
      const members = await repo.liveMembersOf(org.id);
      if (members.length < 2) invalidField('orgId', `${org.name} 在册党员不足 2 人，无法开展党员互评`);
      return db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const exists = async () => {
          if (await r.campaignOfYear(org.id, input.year)) throw new Conflict('APPRAISAL_EXISTS', `${org.name} ${input.year} 年度的民主评议已经开展，每个支部每年一次，请在列表中打开它`);
        };
        await exists();
        const inserted = await r.insertCampaign({
          orgId: org.id, orgPath: org.path, year: input.year, title: input.title, studyMaterials: input.studyMaterials || null, reviewDueOn: input.reviewDueOn, createdBy: access.actor.userId,
        });
        if (!inserted) {
          await exists();
          throw new Conflict('APPRAISAL_EXISTS', `${org.name} ${input.year} 年度的民主评议已经开展`);
        }
        const id = inserted.id;
        await r.insertParticipants(id, members);
        await addTodos(tx, members.map((m) => ({
          memberId: m.id, orgPath: org.path, kind: REVIEW_TODO, title: `${input.year}年度民主评议党员：请完成党性分析和党员互评`, link: memberLink(id),
          dueOn: input.reviewDueOn, sourceType: SOURCE, sourceId: id,
        })));
        await audit(tx, access.actor, {
          action: 'appraisal.create', targetType: SOURCE, targetId: id, orgPath: org.path,
          after: { year: input.year, title: input.title, reviewDueOn: input.reviewDueOn, participants: members.length },
        });
        return id;
      });
    },

    /** Campaigns in the caller's scope, newest year first, with progress counts. */
    async list(access: Access, q: CampaignListInput) {
      let rootPath: string | undefined;
      if (q.orgId) {
        const org = await repo.getOrg(q.orgId);
        if (!org) throw new NotFound();
        access.assertInScope('appraisal.manage', org.path);
        rootPath = org.path;
      }
      const page = await repo.listCampaigns({ scope: access.filter('appraisal.manage', 'c.org_path'), year: q.year, stage: q.stage, rootPath, page: q.page, pageSize: q.pageSize });
      return { items: page.items.map((c) => ({ ...c, stage: asStage(c.stage) })), total: page.total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * One campaign for the secretary: who has finished, each member's peer-review aggregate
     * (counts and comments, never their authors; withheld while reviews come in and below
     * APPRAISAL_MIN_BALLOTS_SHOWN ballots), the proposal, final grades and appeals.
     */
    async detail(access: Access, id: number): Promise<CampaignDetailT> {
      const c = await repo.getCampaign(id);
      if (!c || !access.inScope('appraisal.manage', c.orgPath)) throw new NotFound();
      const reviewing = c.stage === 'reviewing';
      const [people, counts, comments, appeals, meeting, share] = await Promise.all([
        repo.participants(id),
        reviewing ? Promise.resolve([]) : repo.ballotCounts(id),
        reviewing ? Promise.resolve([]) : repo.ballotComments(id),
        repo.appeals(id),
        c.confirmedMeetingId ? repo.getMeeting(c.confirmedMeetingId) : Promise.resolve(undefined),
        excellentShare(db),
      ]);
      const n = people.length;
      const published = c.stage === 'published' || c.stage === 'closed';
      const openAppeals = appeals.filter((a) => a.status === 'open').length;
      const today = todayInShanghai();
      return {
        id: c.id, orgId: c.orgId, orgName: c.orgName, year: c.year, title: c.title, stage: asStage(c.stage), reviewDueOn: c.reviewDueOn, appealUntil: c.appealUntil,
        participantCount: n, finishedCount: people.filter((p) => p.finished).length, openAppealCount: openAppeals, version: c.version,
        studyMaterials: c.studyMaterials, publishedAt: c.publishedAt?.toISOString() ?? null,
        confirmedMeeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() } : null,
        excellentMax: maxExcellent(n, share),
        participants: people.map((p) => {
          const mine = counts.filter((x) => x.reviewedMemberId === p.memberId);
          const ballots = mine.reduce((s, x) => s + x.n, 0);
          const gradeCounts = emptyGradeCounts();
          for (const x of mine) gradeCounts[x.grade as AppraisalGrade] += x.n;
          const shown = !reviewing && ballots >= APPRAISAL_MIN_BALLOTS_SHOWN;
          return {
            memberId: p.memberId, name: p.name, category: asCategory(p.category), selfSubmittedAt: p.selfSubmittedAt?.toISOString() ?? null, selfGrade: asGrade(p.selfGrade),
            selfAnalysis: p.selfAnalysis, reviewsDone: p.reviewsDone, reviewsExpected: n - 1, finished: p.finished,
            peerResult: shown ? { ballots, counts: gradeCounts, comments: comments.find((x) => x.reviewedMemberId === p.memberId)?.comments ?? [] } : null,
            ballotsReceived: reviewing ? null : ballots,
            proposedGrade: asGrade(p.proposedGrade), proposedReason: p.proposedReason, finalGrade: asGrade(p.finalGrade),
          };
        }),
        appeals: appeals.map((a) => ({ ...a, status: asAppealStatus(a.status), createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null })),
        publishedCounts: published ? countGrades(people.map((p) => asGrade(p.finalGrade))) : null,
        abilities: {
          remind: reviewing,
          closeReview: reviewing,
          propose: c.stage === 'proposing',
          confirm: c.stage === 'proposing' && people.every((p) => p.proposedGrade !== null),
          publish: c.stage === 'confirmed',
          decideAppeals: c.stage === 'published' && openAppeals > 0,
          close: c.stage === 'published' && openAppeals === 0 && !!c.appealUntil && today > c.appealUntil,
        },
      };
    },

    /**
     * Reminds (a to-do each) the participants who have not finished; a person is reminded once
     * per campaign however often this is called.
     */
    async remind(access: Access, id: number) {
      return db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'reviewing', '提醒');
        const [people, already] = await Promise.all([r.participants(id), r.remindedMembers(id)]);
        const unfinished = people.filter((p) => !p.finished);
        const fresh = unfinished.filter((p) => !already.has(p.memberId));
        await addTodos(tx, fresh.map((p) => ({
          memberId: p.memberId, orgPath: c.orgPath, kind: REMIND_TODO, title: `支部提醒：请在 ${c.reviewDueOn} 前完成${c.year}年度民主评议的自评和互评`,
          link: memberLink(id), dueOn: c.reviewDueOn, sourceType: SOURCE, sourceId: id,
        })));
        await audit(tx, access.actor, { action: 'appraisal.remind', targetType: SOURCE, targetId: id, orgPath: c.orgPath, after: { reminded: fresh.length, alreadyReminded: unfinished.length - fresh.length } });
        return { reminded: fresh.length, alreadyReminded: unfinished.length - fresh.length };
      });
    },

    /** Ends the self- and peer-review stage; the committee proposes grades next. */
    async closeReview(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'reviewing', '结束自评互评');
        requireVersion(c.version, version);
        const people = await r.participants(id);
        await r.updateCampaign(id, version, { stage: 'proposing' });
        await completeTodos(tx, { kind: [REVIEW_TODO, REMIND_TODO], sourceType: SOURCE, sourceId: id });
        await audit(tx, access.actor, {
          action: 'appraisal.closeReview', targetType: SOURCE, targetId: id, orgPath: c.orgPath,
          before: { stage: c.stage }, after: { stage: 'proposing', finished: people.filter((p) => p.finished).length, participants: people.length },
        });
      });
    },

    /**
     * Saves the committee's proposal (支委会提出评定意见): every participant graded, reasons for
     * 优秀/基本合格/不合格, no probationary member 优秀, 优秀 within the share. Throws Invalid
     * naming each field at fault; nothing is written then.
     */
    async propose(access: Access, id: number, input: ProposalInput) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'proposing', '修改评定意见');
        requireVersion(c.version, input.version);
        const people = await r.participants(id);
        const issues = checkProposal(people.map((p) => ({ memberId: p.memberId, name: p.name, category: asCategory(p.category) })), input.grades, await excellentShare(tx));
        if (issues.length > 0) throw new Invalid(issues.map((i) => i.message).join('；'), issues);
        const grades = input.grades.map((g) => ({ memberId: g.memberId, grade: g.grade, reason: g.reason?.trim() || null }));
        await r.setProposal(id, grades);
        await r.updateCampaign(id, input.version, {});
        await audit(tx, access.actor, { action: 'appraisal.propose', targetType: SOURCE, targetId: id, orgPath: c.orgPath, after: { grades, counts: countGrades(grades.map((g) => g.grade)) } });
      });
    },

    /** Records that the 党员大会 (a general meeting of the same organisation, already held) confirmed the proposal. */
    async confirm(access: Access, id: number, input: { meetingId: number; version: number }) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'proposing', '确认评定结果');
        requireVersion(c.version, input.version);
        const people = await r.participants(id);
        const missing = people.filter((p) => !p.proposedGrade);
        if (missing.length > 0) throw new Conflict('PROPOSAL_INCOMPLETE', `支委会还没有为 ${missing.map((p) => p.name).join('、')} 提出评定意见，请先保存完整的评定意见`);
        // The share may have changed since the proposal was saved: the confirmed result still obeys it.
        const issues = checkProposal(people.map((p) => ({ memberId: p.memberId, name: p.name, category: asCategory(p.category) })),
          people.map((p) => ({ memberId: p.memberId, grade: p.proposedGrade as AppraisalGrade, reason: p.proposedReason })), await excellentShare(tx));
        if (issues.length > 0) throw new Conflict('PROPOSAL_INVALID', `评定意见需要调整：${issues.map((i) => i.message).join('；')}`);
        const meeting = await r.getMeeting(input.meetingId);
        if (!meeting || meeting.orgId !== c.orgId || meeting.kind !== 'generalMeeting' || meeting.status === 'cancelled') {
          invalidField('meetingId', '请选择本支部召开的支部党员大会（已取消的会议不能选）');
        }
        if (meeting.startsAt > new Date()) invalidField('meetingId', '该党员大会尚未召开，请在会议审议后再确认');
        await r.confirmProposal(id);
        await r.updateCampaign(id, input.version, { stage: 'confirmed', confirmedMeetingId: meeting.id });
        await audit(tx, access.actor, {
          action: 'appraisal.confirm', targetType: SOURCE, targetId: id, orgPath: c.orgPath, before: { stage: c.stage }, after: { stage: 'confirmed', meetingId: meeting.id },
        });
      });
    },

    /**
     * Publishes the result to the organisation as counts per grade (no names); each member sees
     * their own grade and may appeal for orgLife.appealDays days.
     */
    async publish(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'confirmed', '公布结果');
        requireVersion(c.version, version);
        const appealUntil = addDays(todayInShanghai(), await appealDays(tx));
        const people = await r.participants(id);
        await r.updateCampaign(id, version, { stage: 'published', publishedAt: new Date(), appealUntil });
        await addTodos(tx, people.map((p) => ({
          memberId: p.memberId, orgPath: c.orgPath, kind: RESULT_TODO, title: `${c.year}年度民主评议结果已公布，如有异议可在 ${appealUntil} 前申诉`,
          link: memberLink(id), dueOn: appealUntil, sourceType: SOURCE, sourceId: id,
        })));
        await audit(tx, access.actor, {
          action: 'appraisal.publish', targetType: SOURCE, targetId: id, orgPath: c.orgPath,
          before: { stage: c.stage }, after: { stage: 'published', appealUntil, counts: countGrades(people.map((p) => asGrade(p.finalGrade))) },
        });
      });
    },

    /** Decides an open appeal: the grade stands (upheld) or changes (changed, with the new grade). */
    async decideAppeal(access: Access, id: number, appealId: number, input: DecideAppealInput) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        const appeal = await r.lockAppeal(appealId);
        if (!appeal || appeal.campaignId !== id) throw new NotFound();
        requireStage(c.stage, 'published', '处理申诉');
        if (appeal.status !== 'open') throw new Conflict('APPEAL_DECIDED', '该申诉已经处理过了，请刷新后查看');
        const people = await r.participants(id);
        const who = people.find((p) => p.memberId === appeal.memberId)!;
        let grade: AppraisalGrade | null = null;
        if (input.status === 'changed') {
          if (!input.grade) invalidField('grade', '改变等次时请选择新的等次');
          if (input.grade === who.finalGrade) invalidField('grade', '新等次与原等次相同；如维持原等次，请选择“维持原等次”');
          if (!gradeAllowedFor(asCategory(who.category), input.grade)) invalidField('grade', `${who.name} 是预备党员，不能评为“优秀”`);
          if (input.grade === 'excellent') {
            const limit = maxExcellent(people.length, await excellentShare(tx));
            const excellent = people.filter((p) => p.finalGrade === 'excellent').length + 1;
            if (excellent > limit) invalidField('grade', `改为“优秀”后优秀人数为 ${excellent} 人，超过上限 ${limit} 人`);
          }
          grade = input.grade;
        } else if (input.grade) {
          invalidField('grade', '维持原等次时不需要选择新等次');
        }
        await r.decideAppeal(appealId, { status: input.status, decision: input.decision, decidedBy: access.actor.userId });
        if (grade) await r.setFinalGrade(id, appeal.memberId, grade);
        await r.updateCampaign(id, c.version, {});
        await completeTodos(tx, { kind: APPEAL_TODO, sourceType: 'appraisalAppeal', sourceId: appealId });
        await audit(tx, access.actor, {
          action: 'appraisal.decideAppeal', targetType: 'appraisalAppeal', targetId: appealId, orgPath: c.orgPath,
          before: { status: 'open', grade: who.finalGrade }, after: { status: input.status, grade: grade ?? who.finalGrade, decision: input.decision },
        });
        const label = APPRAISAL_GRADE_LABELS[grade ?? (who.finalGrade as AppraisalGrade)].zh;
        await addTodos(tx, [{ memberId: appeal.memberId, orgPath: c.orgPath, kind: APPEAL_DECIDED_TODO, title: `您的民主评议申诉已处理：${input.status === 'changed' ? '等次改为' : '维持'}“${label}”`, link: memberLink(id), sourceType: SOURCE, sourceId: id }]);
      });
    },

    /** Closes the campaign after the appeal period with every appeal decided, and writes each member's history. */
    async close(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const c = await lockManaged(r, access, id);
        requireStage(c.stage, 'published', '结束评议');
        requireVersion(c.version, version);
        if (c.appealUntil && todayInShanghai() <= c.appealUntil) throw new Conflict('APPEAL_PERIOD_OPEN', `申诉期至 ${c.appealUntil}，期满后才能结束本次评议`);
        const open = await r.openAppealCount(id);
        if (open > 0) throw new Conflict('APPEALS_OPEN', `还有 ${open} 件申诉未处理，请先处理申诉`);
        await r.writeHistory(id, c.year, c.orgName);
        await r.updateCampaign(id, version, { stage: 'closed' });
        await completeTodos(tx, { kind: [RESULT_TODO, REVIEW_TODO, REMIND_TODO, APPEAL_DECIDED_TODO], sourceType: SOURCE, sourceId: id });
        await audit(tx, access.actor, { action: 'appraisal.close', targetType: SOURCE, targetId: id, orgPath: c.orgPath, before: { stage: c.stage }, after: { stage: 'closed' } });
      });
    },
  };
}

