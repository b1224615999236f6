import { sql } from 'kysely';
import { answerProblem, blanksOf, isCorrect, keyText, todayInShanghai, type ExamKind, type QuestionKind } from '@hongyun/shared';
import type { Database, Queryable } from '../../db/database';
import type { Actor } from '../../platform/access';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { recordOutcomes } from '../points/outcomes';
import { audienceCondition, createExamRepository } from './exam.repository';
import { createQuestionRepository } from './question.repository';
import { forMember, memberOf } from './quiz.service';
import type { MyAttemptT } from './quiz.schemas';

const SWEEP_MS = 60 * 1000;
const SWEEP_BATCH = 500;

/** The roles of the caller's account (role audiences). */
export const rolesOf = (actor: Actor) => [...new Set(actor.grants.map((g) => g.role))];

/**
 * Closes attempts whose deadline passed with the answers they saved (auto-submission), and
 * records 'examPassed' for passed exams — once per member and exam, however many attempts.
 */
export async function closeOverdue(db: Database, f: { examId?: number; memberId?: number; attemptIds?: number[] }): Promise<number> {
  const ids = f.attemptIds ?? (await createExamRepository(db).overdue({ ...f, limit: SWEEP_BATCH }));
  if (ids.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const closed = await createExamRepository(tx).finalize(ids, true);
    await recordPassed(tx, closed);
    return closed.length;
  });
}

async function recordPassed(tx: Queryable, closed: { examId: number; memberId: number; passed: boolean; kind: string; title: string; memberPath: string; score: string }[]) {
  const passed = closed.filter((c) => c.passed && c.kind === 'exam');
  await recordOutcomes(tx, passed.map((c) => ({ kind: 'examPassed' as const, memberId: c.memberId, orgPath: c.memberPath, sourceType: 'exam', sourceId: c.examId, title: `考试合格：${c.title}（${Number(c.score)}分）`, occurredOn: todayInShanghai() })));
}

/** Auto-submits every overdue attempt now, then every minute; returns a stop function. */
export function scheduleAttemptSweep(db: Database): () => void {
  const run = () => void sweepOverdueAttempts(db).catch((e: unknown) => console.error('自动交卷失败 / auto-submitting overdue attempts failed:', e));
  run();
  const timer = setInterval(run, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** One sweep: closes overdue attempts in batches until none is left. */
export async function sweepOverdueAttempts(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await closeOverdue(db, {});
    total += n;
    if (n < SWEEP_BATCH) return total;
  }
}

/** Members' exams: list, start an attempt, save answers, submit; late work is refused. */
export function createExamAttemptService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createExamRepository(db);

  /** The exam if published and the member is in its audience; else 404. */
  async function examFor(actor: Actor, member: { orgPath: string }, examId: number) {
    const e = await repo.getById(examId);
    if (!e || e.status !== 'published' || e.kind !== 'exam') throw new NotFound();
    const { rows } = await sql<{ ok: boolean }>`select ${audienceCondition(member.orgPath, rolesOf(actor), 'e')} as ok from exam e where e.id = ${examId}`.execute(db);
    if (!rows[0]?.ok) throw new NotFound();
    return e;
  }

  async function view(attemptId: number): Promise<MyAttemptT> {
    const a = (await repo.attempt(attemptId))!;
    const [questions, answers, used] = await Promise.all([
      createQuestionRepository(db).byIds(a.questionIds),
      repo.answersOf([a.id]),
      db.selectFrom('examAttempt').select((eb) => eb.fn.countAll<number>().as('n')).where('examId', '=', a.examId).where('memberId', '=', a.memberId).executeTakeFirstOrThrow(),
    ]);
    const byId = new Map(questions.map((q) => [q.id, q]));
    const saved = new Map(answers.map((x) => [x.questionId, x]));
    // Keys are shown once nothing more can be attempted: all attempts used, or the exam closed.
    const reveal = a.submittedAt !== null && (Number(used.n) >= a.attemptsAllowed || a.closesAt.getTime() <= Date.now());
    return {
      id: a.id, examId: a.examId, title: a.title, attemptNo: a.attemptNo, startedAt: a.startedAt.toISOString(), deadlineAt: a.deadlineAt.toISOString(),
      remainingSeconds: a.submittedAt ? 0 : a.remainingSeconds, submittedAt: a.submittedAt?.toISOString() ?? null, autoSubmitted: a.autoSubmitted,
      score: a.score === null ? null : Number(a.score), passed: a.passed, passMark: Number(a.passMark),
      questions: a.questionIds.map((id, position) => ({ ...forMember(byId.get(id)!), position, saved: (saved.get(id)?.answer ?? null) as string | null })),
      review: reveal
        ? a.questionIds.map((id) => {
            const q = byId.get(id)!;
            return { questionId: id, correct: saved.get(id)?.correct ?? false, answer: (saved.get(id)?.answer ?? '') as string, key: q.answer as string[], keyText: keyText(q.kind as QuestionKind, q.answer), explanation: q.explanation };
          })
        : null,
    };
  }

  /** Checks answers against the attempt's paper and grades them (not revealed until review). */
  async function graded(tx: Database, a: { questionIds: number[]; pointsPerQuestion: string }, answers: { questionId: number; answer: unknown }[]) {
    const questions = await createQuestionRepository(tx).byIds(a.questionIds);
    const seen = new Set<number>();
    return answers.map((x, i) => {
      const q = questions.find((y) => y.id === x.questionId);
      if (!q || !a.questionIds.includes(x.questionId)) invalidField(`answers.${i}.questionId`, '该题不在本次考试的试卷中，请刷新后重试');
      if (seen.has(x.questionId)) invalidField(`answers.${i}.questionId`, '同一题提交了两次答案');
      seen.add(x.questionId);
      const kind = q.kind as QuestionKind;
      const problem = answerProblem(kind, q.options, blanksOf(kind, q.answer), x.answer);
      if (problem) invalidField(`answers.${i}.answer`, problem);
      const correct = isCorrect(kind, q.answer, x.answer);
      return { questionId: q.id, answer: x.answer, correct, points: correct ? Number(a.pointsPerQuestion) : 0 };
    });
  }

  /** Locks the member's own attempt of this exam; 404 for anyone else's. */
  async function lockOwn(tx: Database, memberId: number, examId: number, attemptId: number) {
    const a = await createExamRepository(tx).attempt(attemptId, true);
    if (!a || a.memberId !== memberId || a.examId !== examId || (a.kind as ExamKind) !== 'exam') throw new NotFound();
    return a;
  }

  return {
    /** Exams and contests open to the member (overdue attempts closed first). */
    async list(actor: Actor | null) {
      const m = await memberOf(db, actor);
      await closeOverdue(db, { memberId: m.id });
      const now = Date.now();
      const rows = await repo.forMember(m.id, m.orgPath, rolesOf(actor!));
      return {
        items: rows.map((e) => ({
          id: e.id, kind: e.kind as ExamKind, title: e.title, instructions: e.instructions, orgName: e.orgName, opensAt: e.opensAt.toISOString(), closesAt: e.closesAt.toISOString(),
          timeLimitMinutes: e.timeLimitMinutes, secondsPerQuestion: e.secondsPerQuestion, questionCount: e.fixedCount + e.randomCount, passMark: Number(e.passMark),
          attemptsAllowed: e.attemptsAllowed, attemptsUsed: e.attemptsUsed, openAttemptId: e.openAttemptId, bestScore: e.bestScore === null ? null : Number(e.bestScore), passed: e.passed,
          lastAttempt: e.lastAttempt && { ...e.lastAttempt, score: e.lastAttempt.score === null ? null : Number(e.lastAttempt.score), submittedAt: new Date(e.lastAttempt.submittedAt).toISOString() },
          state: (now < e.opensAt.getTime() ? 'upcoming' : now < e.closesAt.getTime() ? 'open' : 'closed') as 'upcoming' | 'open' | 'closed',
        })),
      };
    },

    /**
     * Starts an attempt (or returns the one in progress): the paper drawn now, without keys;
     * deadline = min(start + time limit, closing time). The database bounds the attempt number,
     * so concurrent starts make one attempt. Returns whether a new one was created.
     */
    async start(actor: Actor | null, examId: number): Promise<{ created: boolean; attempt: MyAttemptT }> {
      const m = await memberOf(db, actor);
      const e = await examFor(actor!, m, examId);
      await closeOverdue(db, { examId, memberId: m.id });
      const now = Date.now();
      if (now < e.opensAt.getTime()) throw new Conflict('EXAM_NOT_OPEN', `考试尚未开始，开始时间：${e.opensAt.toISOString()}`);
      if (now >= e.closesAt.getTime()) throw new Conflict('EXAM_CLOSED', '考试已截止');
      const open = await repo.openAttempt(examId, m.id);
      if (open) return { created: false, attempt: await view(open.id) };
      const fixed = (await repo.paper(examId)).map((q) => q.id);
      const drawn = (await createQuestionRepository(db).random(e.orgPath, e.randomCount, e.randomCategories, fixed)).map((q) => q.id);
      let inserted: { id: number } | undefined;
      try {
        inserted = await repo.insertAttempt({ examId, memberId: m.id, questionIds: [...fixed, ...drawn], limitMinutes: e.timeLimitMinutes, closesAt: e.closesAt, allowed: e.attemptsAllowed });
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        // A concurrent start by the same member won the race: theirs is the attempt.
        const winner = await repo.openAttempt(examId, m.id);
        if (winner) return { created: false, attempt: await view(winner.id) };
        throw new Conflict('ATTEMPTS_USED_UP', `本考试每人最多作答 ${e.attemptsAllowed} 次，您的次数已用完`);
      }
      if (!inserted) {
        const started = await repo.openAttempt(examId, m.id);
        if (started) return { created: false, attempt: await view(started.id) };
        throw new Conflict('ATTEMPTS_USED_UP', `本考试每人最多作答 ${e.attemptsAllowed} 次，您的次数已用完`);
      }
      return { created: true, attempt: await view(inserted.id) };
    },

    /** The member's attempt (auto-submitted first when its time is up). */
    async get(actor: Actor | null, examId: number, attemptId: number) {
      const m = await memberOf(db, actor);
      const a = await repo.attempt(attemptId);
      if (!a || a.memberId !== m.id || a.examId !== examId) throw new NotFound();
      if (!a.submittedAt && a.overdue) await closeOverdue(db, { attemptIds: [a.id] });
      return view(a.id);
    },

    /** Saves answers of an attempt in progress; after the deadline nothing is written. */
    async save(actor: Actor | null, examId: number, attemptId: number, answers: { questionId: number; answer: unknown }[]) {
      const m = await memberOf(db, actor);
      await db.transaction().execute(async (tx) => {
        const a = await lockOwn(tx, m.id, examId, attemptId);
        if (a.submittedAt) throw new Conflict('ATTEMPT_SUBMITTED', '本次作答已交卷，不能再修改答案');
        if (a.overdue) throw new Conflict('DEADLINE_PASSED', '已超过作答时间，本次答案未保存；系统将按此前保存的答案自动交卷');
        await createExamRepository(tx).upsertAnswers(a.id, await graded(tx, a, answers));
      });
      return view(attemptId);
    },

    /**
     * Submits (optionally with final answers) and grades on the server. A second submission is
     * refused; a late one is refused and the attempt is closed with what was saved before.
     * `auto` marks a submission the page made itself when its countdown ran out (自动交卷).
     */
    async submit(actor: Actor | null, examId: number, attemptId: number, answers: { questionId: number; answer: unknown }[] | undefined, auto = false) {
      const m = await memberOf(db, actor);
      const late = await db.transaction().execute(async (tx) => {
        const a = await lockOwn(tx, m.id, examId, attemptId);
        if (a.submittedAt) throw new Conflict('ALREADY_SUBMITTED', '本次作答已经交卷，不能重复提交');
        if (a.overdue) return true;
        const r = createExamRepository(tx);
        if (answers?.length) await r.upsertAnswers(a.id, await graded(tx, a, answers));
        await recordPassed(tx, await r.finalize([a.id], auto));
        return false;
      });
      if (late) {
        await closeOverdue(db, { attemptIds: [attemptId] });
        throw new Conflict('DEADLINE_PASSED', '已超过交卷时间，本次提交未被接受；系统已按此前保存的答案自动交卷');
      }
      return view(attemptId);
    },
  };
}
