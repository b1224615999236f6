import { appealOpen, countGrades, gradeAllowedFor, reviewFinished, todayInShanghai, type AppraisalGrade, type AppraisalStage, type MemberCategory } from '@hongyun/shared';
import type { Database, Tx } from '../../db/database';
import type { Actor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { addTodos, completeTodos } from '../../platform/todos';
import { createAppraisalRepository, type AppraisalRepository } from './appraisal.repository';
import { adminLink, APPEAL_TODO, REMIND_TODO, RESULT_TODO, REVIEW_TODO, SOURCE } from './appraisal.rules';
import type { MyCampaignT, PeerReviewInput, SelfReviewInput } from './appraisal.schemas';

// Columns hold these values under check constraints; the casts say so once.
const asGrade = (g: string | null) => g as AppraisalGrade | null;
const asStage = (s: string) => s as AppraisalStage;
const asCategory = (c: string) => c as MemberCategory;
const asAppealStatus = (s: string) => s as 'open' | 'upheld' | 'changed';
const isPublished = (stage: string) => stage === 'published' || stage === 'closed';

/** The member behind the account; accounts without a member record take part in nothing. */
function memberOf(actor: Actor): number {
  if (actor.memberId == null) throw new NotFound();
  return actor.memberId;
}

/** Locks the campaign (shared: a stage move waits for this write) and finds the caller among its participants. */
async function lockOwn(r: AppraisalRepository, id: number, memberId: number) {
  const c = await r.lockCampaign(id, 'share');
  const me = c ? await r.participant(id, memberId) : undefined;
  if (!c || !me) throw new NotFound();
  return { c, me };
}

function requireReviewing(stage: string, what: string): void {
  if (stage !== 'reviewing') throw new Conflict('APPRAISAL_REVIEW_CLOSED', `自评互评阶段已经结束，不能再${what}`);
}

/** Closes the member's review to-dos once the self-review is in and every other participant is reviewed. */
async function completeIfFinished(tx: Tx, campaignId: number, memberId: number): Promise<{ reviewed: number; toReview: number; finished: boolean }> {
  const r = createAppraisalRepository(tx);
  const [me, people, reviewed] = await Promise.all([r.participant(campaignId, memberId), r.participants(campaignId), r.reviewedBy(campaignId, memberId)]);
  const finished = reviewFinished(!!me?.selfSubmittedAt, reviewed.size, people.length);
  if (finished) await completeTodos(tx, { kind: [REVIEW_TODO, REMIND_TODO], sourceType: SOURCE, sourceId: campaignId, memberId });
  return { reviewed: reviewed.size, toReview: Math.max(0, people.length - 1 - reviewed.size), finished };
}

/**
 * The member's side of the democratic appraisal: my campaigns, my self-review, my peer reviews
 * (stored as a receipt plus an authorless ballot), my result and appeal, my history. A member
 * never sees a grade anyone gave, only the published counts and their own final grade.
 */
export function createMemberAppraisalService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createAppraisalRepository(db);

  return {
    /** The campaigns I take part in, newest first (empty for accounts without a member record). */
    async listMine(actor: Actor) {
      if (actor.memberId == null) return { items: [] };
      const rows = await repo.myCampaigns(actor.memberId);
      return {
        items: rows.map((c) => ({
          id: c.id, orgName: c.orgName, year: c.year, title: c.title, stage: asStage(c.stage), reviewDueOn: c.reviewDueOn, appealUntil: c.appealUntil,
          selfSubmitted: c.selfSubmittedAt !== null, reviewed: c.reviewed, toReview: Math.max(0, c.others - c.reviewed), finished: c.finished,
          myGrade: isPublished(c.stage) ? asGrade(c.finalGrade) : null,
        })),
      };
    },

    /** One campaign as I see it. Throws NotFound when I am not a participant. */
    async mine(actor: Actor, id: number): Promise<MyCampaignT> {
      const memberId = memberOf(actor);
      const [c, me] = await Promise.all([repo.getCampaign(id), repo.participant(id, memberId)]);
      if (!c || !me) throw new NotFound();
      const [people, reviewed, appeal] = await Promise.all([repo.participants(id), repo.reviewedBy(id, memberId), repo.appealOf(id, memberId)]);
      const published = isPublished(c.stage);
      const reviewing = c.stage === 'reviewing';
      const peers = people.filter((p) => p.memberId !== memberId).map((p) => ({ memberId: p.memberId, name: p.name, category: asCategory(p.category), reviewed: reviewed.has(p.memberId) }));
      const toReview = peers.filter((p) => !p.reviewed).length;
      const canAppeal = c.stage === 'published' && appealOpen(c.appealUntil, todayInShanghai()) && !appeal;
      return {
        id: c.id, orgName: c.orgName, year: c.year, title: c.title, stage: asStage(c.stage), reviewDueOn: c.reviewDueOn, appealUntil: c.appealUntil,
        selfSubmitted: me.selfSubmittedAt !== null, reviewed: reviewed.size, toReview, finished: me.finished,
        myGrade: published ? asGrade(me.finalGrade) : null,
        studyMaterials: c.studyMaterials, publishedAt: published ? c.publishedAt?.toISOString() ?? null : null,
        self: { selfAnalysis: me.selfAnalysis, selfGrade: asGrade(me.selfGrade), submittedAt: me.selfSubmittedAt?.toISOString() ?? null },
        myCategory: asCategory(me.category),
        peers,
        result: published ? { participantCount: people.length, counts: countGrades(people.map((p) => asGrade(p.finalGrade))) } : null,
        appeal: appeal ? { reason: appeal.reason, status: asAppealStatus(appeal.status), decision: appeal.decision, createdAt: appeal.createdAt.toISOString(), decidedAt: appeal.decidedAt?.toISOString() ?? null } : null,
        abilities: { editSelf: reviewing, review: reviewing && toReview > 0, appeal: canAppeal },
      };
    },

    /** Saves my 党性分析 and self grade; editable while the review stage lasts. */
    async saveSelf(actor: Actor, id: number, input: SelfReviewInput) {
      const memberId = memberOf(actor);
      return db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const { c, me } = await lockOwn(r, id, memberId);
        requireReviewing(c.stage, '修改自评');
        if (!gradeAllowedFor(asCategory(me.category), input.selfGrade)) invalidField('selfGrade', '预备党员不参加“优秀”等次评定，请选择其他等次');
        await r.updateSelf(id, memberId, input.selfAnalysis, input.selfGrade);
        await audit(tx, actor, {
          action: 'appraisal.selfReview', targetType: SOURCE, targetId: id, orgPath: c.orgPath,
          before: me.selfSubmittedAt ? { selfGrade: me.selfGrade, selfAnalysis: me.selfAnalysis } : null, after: { selfGrade: input.selfGrade, selfAnalysis: input.selfAnalysis },
        });
        return completeIfFinished(tx, id, memberId);
      });
    },

    /**
     * Records my peer reviews: for each, a receipt (I reviewed them) and a ballot (their grade
     * and comment, no author) in one transaction. Refuses myself, non-participants, a second
     * review of the same person (Conflict, also when two submissions race) and any review after
     * the review stage. The audit entry names whom I reviewed, never what I gave.
     */
    async review(actor: Actor, id: number, input: PeerReviewInput) {
      const memberId = memberOf(actor);
      return db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const { c } = await lockOwn(r, id, memberId);
        requireReviewing(c.stage, '提交互评');
        const people = new Map((await r.participants(id)).map((p) => [p.memberId, p]));
        const seen = new Set<number>();
        input.reviews.forEach((v, i) => {
          if (v.memberId === memberId) invalidField(`reviews.${i}.memberId`, '不能评议自己；对自己的评价请填写党性分析和自评等次');
          const p = people.get(v.memberId);
          if (!p) invalidField(`reviews.${i}.memberId`, '该党员不在本次民主评议的参评名单中，请刷新页面');
          if (seen.has(v.memberId)) invalidField(`reviews.${i}.memberId`, `${p.name} 在本次提交中重复出现`);
          seen.add(v.memberId);
          if (!gradeAllowedFor(asCategory(p.category), v.grade)) invalidField(`reviews.${i}.grade`, `${p.name} 是预备党员，不能评为“优秀”`);
        });
        const already = await r.reviewedBy(id, memberId);
        const twice = input.reviews.filter((v) => already.has(v.memberId));
        const refuseTwice = (ids: number[]) => {
          throw new Conflict('ALREADY_REVIEWED', `您已经评议过 ${ids.map((x) => people.get(x)!.name).join('、')}，每名党员只能评议一次`);
        };
        if (twice.length > 0) refuseTwice(twice.map((v) => v.memberId));
        const ids = input.reviews.map((v) => v.memberId);
        // A concurrent submission of the same review waits on the receipt's key and then inserts nothing.
        const inserted = await r.insertReceipts(id, memberId, ids);
        if (inserted.length !== ids.length) refuseTwice(ids.filter((x) => !inserted.some((row) => row.reviewedMemberId === x)));
        await r.insertBallots(id, input.reviews.map((v) => ({ reviewedMemberId: v.memberId, grade: v.grade, comment: v.comment?.trim() || null })));
        await audit(tx, actor, { action: 'appraisal.peerReview', targetType: SOURCE, targetId: id, orgPath: c.orgPath, after: { reviewedMemberIds: [...ids].sort((a, b) => a - b) } });
        return completeIfFinished(tx, id, memberId);
      });
    },

    /** Appeals my published grade, once, within the appeal period; the secretaries get a to-do. */
    async appeal(actor: Actor, id: number, reason: string) {
      const memberId = memberOf(actor);
      await db.transaction().execute(async (tx) => {
        const r = createAppraisalRepository(tx);
        const { c } = await lockOwn(r, id, memberId);
        if (c.stage !== 'published') throw new Conflict('APPEAL_CLOSED', c.stage === 'closed' ? '本次评议已结束，不能再申诉' : '评议结果公布后才能申诉');
        if (!appealOpen(c.appealUntil, todayInShanghai())) throw new Conflict('APPEAL_CLOSED', `申诉期已于 ${c.appealUntil} 结束，不能再申诉`);
        const row = await r.insertAppeal(id, memberId, reason);
        if (!row) throw new Conflict('ALREADY_APPEALED', '您已经提出过申诉，每次评议只能申诉一次，请等待支部答复');
        const secretaries = await r.secretariesOver(c.orgPath);
        await addTodos(tx, secretaries.map((userId) => ({
          userId, orgPath: c.orgPath, kind: APPEAL_TODO, title: `${c.orgName} ${c.year}年度民主评议有一件申诉待处理`, link: adminLink(id), dueOn: c.appealUntil, sourceType: 'appraisalAppeal', sourceId: row.id,
        })));
        await completeTodos(tx, { kind: RESULT_TODO, sourceType: SOURCE, sourceId: id, memberId });
        await audit(tx, actor, { action: 'appraisal.appeal', targetType: 'appraisalAppeal', targetId: row.id, orgPath: c.orgPath, after: { campaignId: id, reason } });
      });
    },

    /** My final grades by year (kept with me whichever organisation I move to). */
    async history(actor: Actor) {
      if (actor.memberId == null) return { items: [] };
      const rows = await repo.history(actor.memberId);
      return { items: rows.map((h) => ({ ...h, grade: h.grade as AppraisalGrade })) };
    },
  };
}
