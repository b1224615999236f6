import { sql } from 'kysely';
import { answerProblem, blanksOf, isCorrect, keyText, type QuestionKind, type QuestionOption } from '@hongyun/shared';
import type { Database } from '../../db/database';
import { isWithin, type Actor } from '../../platform/access';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createContestAnswerWriter } from './contest-answers';
import { closeOverdue, rolesOf } from './exam-attempt.service';
import { createExamRepository } from './exam.repository';
import { initialsOf } from './exam.service';
import { forMember, memberOf } from './quiz.service';

// Contests (知识竞赛): everyone answers the same questions in the same order; question i is open
// from opens_at + i × seconds_per_question for seconds_per_question, by the server's clock.
// An answer is accepted only while its question is open and once per member and question
// (exam_answer's primary key). Many members answer the same question within seconds, so the
// contest and its paper are kept in memory briefly and answers are written in batches
// (contest-answers.ts), each request answered after the commit that holds its answer.

const CACHE_MS = 2000;
const LEADERBOARD_SIZE = 20;

interface Contest {
  id: number;
  title: string;
  orgPath: string;
  audienceKind: string;
  audiencePath: string | null;
  audienceRoles: string[];
  opensAt: number;
  endsAt: number;
  spq: number;
  points: number;
  leaderboard: boolean;
  questions: { id: number; kind: QuestionKind; stem: string; options: QuestionOption[]; answer: unknown; explanation: string | null; category: string }[];
  until: number;
}

type State = 'upcoming' | 'open' | 'ended';

export function createContestService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createExamRepository(db);
  const answers = createContestAnswerWriter(db);
  const cache = new Map<number, Contest>();

  /** A published contest and its paper (cached for a moment; published contests are frozen but for the leaderboard switch). */
  async function contest(id: number): Promise<Contest> {
    const hit = cache.get(id);
    if (hit && hit.until > Date.now()) return hit;
    const e = await repo.getById(id);
    if (!e || e.kind !== 'contest' || e.status !== 'published' || !e.secondsPerQuestion) throw new NotFound();
    const paper = await repo.paper(id);
    const c: Contest = {
      id: e.id, title: e.title, orgPath: e.orgPath, audienceKind: e.audienceKind, audiencePath: e.audiencePath, audienceRoles: e.audienceRoles,
      opensAt: e.opensAt.getTime(), spq: e.secondsPerQuestion, endsAt: e.opensAt.getTime() + paper.length * e.secondsPerQuestion * 1000,
      points: Number(e.pointsPerQuestion), leaderboard: e.leaderboard,
      questions: paper.map((q) => ({ id: q.id, kind: q.kind as QuestionKind, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation, category: q.category })),
      until: Date.now() + CACHE_MS,
    };
    if (cache.size > 100) cache.clear();
    cache.set(id, c);
    return c;
  }

  /** The subtree whose members take part; role audiences also need one of the roles. Else 404. */
  function audienceRoot(c: Contest, actor: Actor): string {
    if (c.audienceKind === 'role' && !rolesOf(actor).some((r) => c.audienceRoles.includes(r))) throw new NotFound();
    return c.audienceKind === 'subtree' && c.audiencePath ? c.audiencePath : c.orgPath;
  }

  async function participant(actor: Actor | null, c: Contest) {
    const m = await memberOf(db, actor);
    if (!isWithin(m.orgPath, audienceRoot(c, actor!))) throw new NotFound();
    return m;
  }

  function timing(c: Contest, now: number): { state: State; index: number } {
    if (now < c.opensAt) return { state: 'upcoming', index: -1 };
    if (now >= c.endsAt) return { state: 'ended', index: c.questions.length };
    return { state: 'open', index: Math.floor((now - c.opensAt) / (c.spq * 1000)) };
  }

  return {
    /** The question open now (no key) and its remaining seconds; or when the contest starts. */
    async current(actor: Actor | null, id: number) {
      const c = await contest(id);
      const m = await participant(actor, c);
      const now = Date.now();
      const { state, index } = timing(c, now);
      let current = null;
      if (state === 'open') {
        const q = c.questions[index];
        const answered = await db
          .selectFrom('examAnswer as x').innerJoin('examAttempt as a', 'a.id', 'x.attemptId')
          .select('x.questionId').where('a.examId', '=', id).where('a.memberId', '=', m.id).where('x.questionId', '=', q.id).executeTakeFirst();
        const closes = c.opensAt + (index + 1) * c.spq * 1000;
        current = { ...forMember(q), position: index, remainingSeconds: Math.max(0, Math.ceil((closes - now) / 1000)), answered: !!answered };
      }
      return {
        contestId: c.id, title: c.title, state, questionCount: c.questions.length, secondsPerQuestion: c.spq, opensAt: new Date(c.opensAt).toISOString(), endsAt: new Date(c.endsAt).toISOString(),
        startsInSeconds: state === 'upcoming' ? Math.ceil((c.opensAt - now) / 1000) : null, current, serverTime: new Date(now).toISOString(),
      };
    },

    /**
     * Accepts the answer to the question at `position` while it is open, once per member and
     * question: a second answer is refused (409) and nothing is written twice. The member's
     * attempt is created with their first answer. Time to answer is kept as the tiebreak.
     */
    async answer(actor: Actor | null, id: number, input: { position: number; answer: unknown }) {
      if (!actor?.memberId) throw new NotFound('您的账号未关联党员档案，无法参加竞赛');
      const c = await contest(id);
      const root = audienceRoot(c, actor);
      const now = Date.now();
      const { state, index } = timing(c, now);
      const q = state === 'open' && input.position === index ? c.questions[index] : null;
      const problem = q ? answerProblem(q.kind, q.options, blanksOf(q.kind, q.answer), input.answer) : null;
      if (!q || problem) {
        // Refusals are the cold path: outsiders get 404 before learning anything about timing.
        await participant(actor, c);
        if (input.position >= c.questions.length) invalidField('position', `本场竞赛共 ${c.questions.length} 题`);
        if (state === 'upcoming') throw new Conflict('CONTEST_NOT_STARTED', '竞赛尚未开始');
        if (state === 'ended') throw new Conflict('CONTEST_ENDED', '竞赛已结束');
        if (input.position < index) throw new Conflict('QUESTION_CLOSED', `第 ${input.position + 1} 题的作答时间已过`);
        if (input.position > index) throw new Conflict('QUESTION_NOT_OPEN', `第 ${input.position + 1} 题尚未开始`);
        invalidField('answer', problem!);
      }
      const correct = isCorrect(q.kind, q.answer, input.answer);
      const responseMs = now - (c.opensAt + index * c.spq * 1000);
      const outcome = await answers.write(
        { examId: id, root, questionIds: c.questions.map((x) => x.id), endsAt: new Date(c.endsAt) },
        { memberId: actor.memberId, questionId: q.id, answer: input.answer, correct, points: correct ? c.points : 0, responseMs },
      );
      if (outcome === 'notParticipant') throw new NotFound();
      if (outcome === 'duplicate') throw new Conflict('ALREADY_ANSWERED', '这道题您已经作答，每题只能作答一次');
      return { accepted: true as const, position: input.position };
    },

    /**
     * The member's result, and others' only as the organiser allows: a leaderboard with
     * initials when switched on; ranks only once the contest ended or with the leaderboard.
     */
    async results(actor: Actor | null, id: number) {
      const c = await contest(id);
      const m = await participant(actor, c);
      const { state } = timing(c, Date.now());
      if (state === 'ended') await closeOverdue(db, { examId: id });
      const { rows } = await sql<{ memberId: number; name: string; orgName: string; score: string; correct: number; timeMs: number; rank: number }>`
        select a.member_id as "memberId", m.name, o.name as "orgName", coalesce(sum(x.points), 0)::text as score,
               count(*) filter (where x.correct)::int as correct, coalesce(sum(x.response_ms), 0)::int8 as "timeMs",
               (row_number() over (order by coalesce(sum(x.points), 0) desc, coalesce(sum(x.response_ms), 0) asc, a.id))::int as rank
          from exam_attempt a join member m on m.id = a.member_id join org o on o.id = m.org_id
          left join exam_answer x on x.attempt_id = a.id
         where a.exam_id = ${id}
         group by a.id, a.member_id, m.name, o.name
         order by rank`.execute(db);
      const mineRow = rows.find((r) => r.memberId === m.id);
      const others = state === 'ended' || c.leaderboard;
      let review = null;
      if (state === 'ended') {
        const answers = mineRow ? await db.selectFrom('examAnswer as x').innerJoin('examAttempt as a', 'a.id', 'x.attemptId').select(['x.questionId', 'x.answer', 'x.correct']).where('a.examId', '=', id).where('a.memberId', '=', m.id).execute() : [];
        review = c.questions.map((q, position) => {
          const mine = answers.find((a) => a.questionId === q.id);
          return { position, questionId: q.id, stem: q.stem, correct: mine?.correct ?? false, answer: (mine?.answer ?? null) as string | null, key: q.answer as string[], keyText: keyText(q.kind, q.answer), explanation: q.explanation };
        });
      }
      return {
        state, leaderboardEnabled: c.leaderboard,
        participants: others ? rows.length : null,
        mine: mineRow ? { score: Number(mineRow.score), correct: mineRow.correct, timeMs: Number(mineRow.timeMs), rank: others ? mineRow.rank : null } : null,
        leaderboard: c.leaderboard ? rows.slice(0, LEADERBOARD_SIZE).map((r) => ({ rank: r.rank, initials: initialsOf(r.name), orgName: r.orgName, score: Number(r.score), timeMs: Number(r.timeMs) })) : null,
        review,
      };
    },
  };
}
