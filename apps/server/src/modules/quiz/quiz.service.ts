import { sql } from 'kysely';
import { LEARNING_SETTINGS, answerProblem, blanksOf, isCorrect, keyText, shanghaiInstant, todayInShanghai, type QuestionKind, type QuestionOption } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';
import type { Actor } from '../../platform/access';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { settingNumber } from '../../platform/settings';
import { recordOutcomes } from '../points/outcomes';
import { createQuestionRepository } from './question.repository';
import type { QuestionForMemberT } from './quiz.schemas';

/** The caller's own member record (id and organisation), or 404 for accounts without one. */
export async function memberOf(db: Queryable, actor: Actor | null): Promise<{ id: number; orgPath: string; name: string }> {
  if (!actor?.memberId) throw new NotFound('您的账号未关联党员档案，无法答题');
  const m = await db.selectFrom('member').select(['id', 'name', sql<string>`org_path::text`.as('orgPath')]).where('id', '=', actor.memberId).executeTakeFirst();
  if (!m) throw new NotFound('您的账号未关联党员档案，无法答题');
  return m;
}

/** A question as the member sees it before answering: never the key or the explanation. */
export function forMember(q: { id: number; kind: string; stem: string; options: QuestionOption[]; answer: unknown; category: string }): QuestionForMemberT {
  return { id: q.id, kind: q.kind as QuestionKind, stem: q.stem, options: q.options, blanks: blanksOf(q.kind as QuestionKind, q.answer), category: q.category };
}

/**
 * An outcome's source id for a quiz session: sessions have uuid ids, outcomes bigint ones; the
 * uuid's first 52 bits identify the session among a member's own (collisions ~2^-52).
 */
export const quizSourceId = (sessionId: string) => parseInt(sessionId.replaceAll('-', '').slice(0, 13), 16);

/** 一键答题: random approved questions, checked one by one on the server with instant feedback. */
export function createQuizService(deps: { db: Database }) {
  const { db } = deps;
  const questions = createQuestionRepository(db);

  return {
    /** Approved categories the member can draw from, with counts. */
    async categories(actor: Actor | null) {
      const m = await memberOf(db, actor);
      const rows = await questions.categoriesFor(m.orgPath);
      return { items: rows.map((r) => ({ category: r.category, count: Number(r.count) })) };
    },

    /**
     * Starts a session of N random approved questions (setting learning.quizQuestions) from
     * the chosen categories of the banks above the member. Practice is unlimited; only the
     * points it may earn are capped (by the points rules).
     */
    async start(actor: Actor | null, categories: string[] = []) {
      const m = await memberOf(db, actor);
      const n = Math.round(await settingNumber(db, 'learning.quizQuestions', LEARNING_SETTINGS.quizQuestions.value));
      const passShare = await settingNumber(db, 'learning.quizPassShare', LEARNING_SETTINGS.quizPassShare.value);
      const cats = [...new Set(categories)];
      const ids = (await questions.random(m.orgPath, n, cats)).map((r) => r.id);
      if (ids.length === 0) throw new Conflict('NO_QUESTIONS', cats.length ? '所选分类暂无可用的题目，请换个分类或不选分类' : '题库中暂无可用的题目，请联系党组织管理员');
      const session = await db.insertInto('quizSession').values({ memberId: m.id, categories: cats, questionIds: ids }).returning(['id', 'startedAt']).executeTakeFirstOrThrow();
      const rows = await questions.byIds(ids);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { id: session.id, startedAt: session.startedAt.toISOString(), categories: cats, passShare, questions: ids.map((id) => forMember(byId.get(id)!)) };
    },

    /**
     * The member's latest unfinished session started today (Beijing time), with the feedback on
     * the questions already answered, so a member who left mid-quiz (a call, another app) picks
     * up where they stopped. Older unfinished sessions stay in the history and are not offered:
     * a new day starts afresh. Null when there is none.
     */
    async current(actor: Actor | null) {
      const m = await memberOf(db, actor);
      const s = await db.selectFrom('quizSession').select(['id', 'startedAt', 'categories', 'questionIds'])
        .where('memberId', '=', m.id).where('finishedAt', 'is', null).where('startedAt', '>=', shanghaiInstant(todayInShanghai()))
        .orderBy('startedAt', 'desc').limit(1).executeTakeFirst();
      if (!s) return { session: null };
      // bigint[] arrives as strings from the driver.
      const ids = s.questionIds.map(Number);
      const [rows, done, passShare] = await Promise.all([
        questions.byIds(ids),
        db.selectFrom('quizAnswer').select(['questionId', 'answer', 'correct']).where('sessionId', '=', s.id).orderBy('answeredAt').execute(),
        settingNumber(db, 'learning.quizPassShare', LEARNING_SETTINGS.quizPassShare.value),
      ]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        session: {
          id: s.id, startedAt: s.startedAt.toISOString(), categories: s.categories, passShare,
          questions: ids.map((id) => forMember(byId.get(id)!)),
          // Keys and explanations only of the questions already answered: the member has seen them.
          answers: done.map((d) => {
            const q = byId.get(Number(d.questionId))!;
            return { questionId: q.id, correct: d.correct, answer: d.answer as string, key: q.answer as string[], keyText: keyText(q.kind as QuestionKind, q.answer), explanation: q.explanation };
          }),
        },
      };
    },

    /**
     * Checks one answer of the member's session and returns the verdict, key and explanation.
     * A question outside the session or answered before is refused. The last answer finishes
     * the session; a share of right answers ≥ learning.quizPassShare records 'quizPassed'.
     */
    async answer(actor: Actor | null, sessionId: string, input: { questionId: number; answer: unknown }) {
      const m = await memberOf(db, actor);
      return db.transaction().execute(async (tx) => {
        const s = await tx.selectFrom('quizSession').selectAll().where('id', '=', sessionId).where('memberId', '=', m.id).forUpdate().executeTakeFirst();
        if (!s) throw new NotFound('未找到该次答题，请重新开始');
        // bigint[] arrives as strings from the driver.
        const questionIds = s.questionIds.map(Number);
        if (s.finishedAt) throw new Conflict('QUIZ_FINISHED', '本次答题已完成，请开始新的一组');
        if (!questionIds.includes(input.questionId)) invalidField('questionId', '该题不在本次答题中，请刷新后重试');
        const done = await tx.selectFrom('quizAnswer').select(['questionId', 'correct']).where('sessionId', '=', sessionId).execute();
        if (done.some((d) => d.questionId === input.questionId)) throw new Conflict('ALREADY_ANSWERED', '这道题已经作答过了，每题只能作答一次');
        const [q] = await createQuestionRepository(tx).byIds([input.questionId]);
        const kind = q.kind as QuestionKind;
        const problem = answerProblem(kind, q.options, blanksOf(kind, q.answer), input.answer);
        if (problem) invalidField('answer', problem);
        const correct = isCorrect(kind, q.answer, input.answer);
        await tx.insertInto('quizAnswer').values({ sessionId, questionId: q.id, answer: JSON.stringify(input.answer), correct }).execute();
        const answered = done.length + 1;
        const total = questionIds.length;
        let result: { correct: number; total: number; passed: boolean } | null = null;
        if (answered === total) {
          const right = done.filter((d) => d.correct).length + (correct ? 1 : 0);
          const passShare = await settingNumber(tx, 'learning.quizPassShare', LEARNING_SETTINGS.quizPassShare.value);
          const passed = right / total >= passShare;
          await tx.updateTable('quizSession').set({ finishedAt: new Date(), correct: right, passed }).where('id', '=', sessionId).execute();
          if (passed) {
            await recordOutcomes(tx, [{ kind: 'quizPassed', memberId: m.id, orgPath: m.orgPath, sourceType: 'quizSession', sourceId: quizSourceId(sessionId), title: `一键答题：答对 ${right}/${total} 题`, occurredOn: todayInShanghai() }]);
          }
          result = { correct: right, total, passed };
        }
        return {
          questionId: q.id, correct, answer: input.answer as string, key: q.answer as string[], keyText: keyText(kind, q.answer), explanation: q.explanation,
          answered, total, finished: result !== null, result,
        };
      });
    },

    /** The member's sessions, newest first. */
    async history(actor: Actor | null, page: number, pageSize: number) {
      const m = await memberOf(db, actor);
      const [items, count] = await Promise.all([
        db.selectFrom('quizSession as s')
          .select(['s.id', 's.startedAt', 's.finishedAt', 's.categories', 's.questionIds', 's.correct', 's.passed'])
          .select(sql<number>`(select count(*)::int from quiz_answer a where a.session_id = s.id)`.as('answered'))
          .where('s.memberId', '=', m.id).orderBy('s.startedAt', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        db.selectFrom('quizSession').select((eb) => eb.fn.countAll<number>().as('n')).where('memberId', '=', m.id).executeTakeFirstOrThrow(),
      ]);
      return {
        items: items.map((s) => ({ id: s.id, startedAt: s.startedAt.toISOString(), finishedAt: s.finishedAt?.toISOString() ?? null, categories: s.categories, total: s.questionIds.length, answered: s.answered, correct: s.correct, passed: s.passed })),
        total: Number(count.n), page, pageSize,
      };
    },
  };
}
