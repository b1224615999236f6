import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/database';
import { escapeLike } from '../../platform/sql';

export interface ExamRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  kind: string;
  title: string;
  instructions: string | null;
  paperMode: string;
  randomCount: number;
  randomCategories: string[];
  pointsPerQuestion: string;
  timeLimitMinutes: number | null;
  secondsPerQuestion: number | null;
  opensAt: Date;
  closesAt: Date;
  passMark: string;
  attemptsAllowed: number;
  leaderboard: boolean;
  audienceKind: string;
  audiencePath: string | null;
  audienceRoles: string[];
  status: string;
  version: number;
  fixedCount: number;
}

export interface ExamWrite {
  title: string;
  instructions: string | null;
  paperMode: string;
  randomCount: number;
  randomCategories: string[];
  pointsPerQuestion: number;
  timeLimitMinutes: number | null;
  secondsPerQuestion: number | null;
  opensAt: Date;
  closesAt: Date;
  passMark: number;
  attemptsAllowed: number;
  leaderboard: boolean;
  audienceKind: string;
  audiencePath: string | null;
  audienceRoles: string[];
}

/** The member-side audience rule in SQL: inside the exam's organisation, then narrowed by kind. */
export function audienceCondition(memberPath: string, roles: string[], alias = 'e') {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${memberPath}::ltree <@ ${col('org_path')} and (${col('audience_kind')} = 'all'
    or (${col('audience_kind')} = 'subtree' and ${memberPath}::ltree <@ ${col('audience_path')})
    or (${col('audience_kind')} = 'role' and ${col('audience_roles')} && ${sql.val(roles)}::text[])))`;
}

export function createExamRepository(db: Queryable) {
  const base = () =>
    db
      .selectFrom('exam as e')
      .innerJoin('org as o', 'o.id', 'e.orgId')
      .select([
        'e.id', 'e.orgId', 'o.name as orgName', sql<string>`e.org_path::text`.as('orgPath'), 'e.kind', 'e.title', 'e.instructions', 'e.paperMode', 'e.randomCount',
        'e.randomCategories', 'e.pointsPerQuestion', 'e.timeLimitMinutes', 'e.secondsPerQuestion', 'e.opensAt', 'e.closesAt', 'e.passMark', 'e.attemptsAllowed',
        'e.leaderboard', 'e.audienceKind', sql<string | null>`e.audience_path::text`.as('audiencePath'), 'e.audienceRoles', 'e.status', 'e.version',
        sql<number>`(select count(*)::int from exam_question q where q.exam_id = e.id)`.as('fixedCount'),
      ]);

  return {
    async getById(id: number): Promise<ExamRow | undefined> {
      return base().where('e.id', '=', id).executeTakeFirst();
    },

    /** Locks an exam row for a change in the caller's transaction. */
    async lock(id: number): Promise<ExamRow | undefined> {
      const locked = await db.selectFrom('exam').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      return locked ? base().where('e.id', '=', id).executeTakeFirst() : undefined;
    },

    async list(scope: Expression<SqlBool>, f: { kind?: string; status?: string; q?: string }, page: number, pageSize: number) {
      const q = base()
        .where(scope)
        .$if(!!f.kind, (x) => x.where('e.kind', '=', f.kind!))
        .$if(!!f.status, (x) => x.where('e.status', '=', f.status!))
        .$if(!!f.q, (x) => x.where('e.title', 'ilike', `%${escapeLike(f.q!)}%`));
      const [items, count] = await Promise.all([
        q
          .select(sql<number>`(select count(*)::int from exam_attempt a where a.exam_id = e.id)`.as('attempts'))
          .select(sql<number>`(select count(*)::int from exam_attempt a where a.exam_id = e.id and a.passed)`.as('passed'))
          .orderBy('e.opensAt', 'desc').orderBy('e.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(count.n) };
    },

    async create(row: ExamWrite & { orgId: number; orgPath: string; kind: string; createdBy: number }) {
      return db
        .insertInto('exam')
        .values({ ...row, orgPath: sql<string>`${row.orgPath}::ltree` as unknown as string, audiencePath: row.audiencePath === null ? null : (sql<string>`${row.audiencePath}::ltree` as unknown as string) })
        .returning('id')
        .executeTakeFirstOrThrow();
    },

    async update(id: number, version: number, patch: Partial<ExamWrite> & { status?: string }) {
      const set: Record<string, unknown> = { ...patch, version: version + 1, updatedAt: new Date() };
      if (patch.audiencePath !== undefined) set.audiencePath = patch.audiencePath === null ? null : sql`${patch.audiencePath}::ltree`;
      const r = await db.updateTable('exam').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async replacePaper(examId: number, questionIds: number[]) {
      await db.deleteFrom('examQuestion').where('examId', '=', examId).execute();
      if (questionIds.length) await db.insertInto('examQuestion').values(questionIds.map((questionId, i) => ({ examId, position: i, questionId }))).execute();
    },

    /** The fixed part of a paper with question details (keys included: server side only). */
    paper(examId: number) {
      return db
        .selectFrom('examQuestion as eq')
        .innerJoin('question as q', 'q.id', 'eq.questionId')
        .select(['eq.position', 'q.id', 'q.kind', 'q.stem', 'q.options', 'q.answer', 'q.explanation', 'q.category', 'q.status'])
        .where('eq.examId', '=', examId)
        .orderBy('eq.position')
        .execute();
    },

    /** Published exams and contests whose audience includes the member, with the member's attempts. */
    forMember(memberId: number, memberPath: string, roles: string[]) {
      return base()
        .where('e.status', '=', 'published')
        .where(audienceCondition(memberPath, roles))
        .select(sql<number>`(select count(*)::int from exam_attempt a where a.exam_id = e.id and a.member_id = ${memberId})`.as('attemptsUsed'))
        .select(sql<number | null>`(select a.id from exam_attempt a where a.exam_id = e.id and a.member_id = ${memberId} and a.submitted_at is null limit 1)`.as('openAttemptId'))
        .select(sql<string | null>`(select max(a.score) from exam_attempt a where a.exam_id = e.id and a.member_id = ${memberId})`.as('bestScore'))
        .select(sql<boolean | null>`(select bool_or(a.passed) from exam_attempt a where a.exam_id = e.id and a.member_id = ${memberId})`.as('passed'))
        .select(sql<{ id: number; score: string | null; passed: boolean | null; submittedAt: string; autoSubmitted: boolean } | null>`(
          select json_build_object('id', a.id, 'score', a.score::text, 'passed', a.passed, 'submittedAt', a.submitted_at, 'autoSubmitted', a.auto_submitted)
            from exam_attempt a where a.exam_id = e.id and a.member_id = ${memberId} and a.submitted_at is not null
           order by a.attempt_no desc limit 1)`.as('lastAttempt'))
        .orderBy('e.opensAt', 'desc')
        .limit(200)
        .execute();
    },

    /**
     * Starts the next attempt in one statement: attempt_no = attempts so far + 1, inserted only
     * while below attempts_allowed and no attempt is in progress. Two concurrent starts that see
     * the same attempts compute the same number and the unique (exam, member, attempt_no)
     * refuses the second (23505); one that sees the other's new attempt inserts nothing.
     */
    async insertAttempt(a: { examId: number; memberId: number; questionIds: number[]; limitMinutes: number | null; closesAt: Date; allowed: number }) {
      const { rows } = await sql<{ id: number }>`
        insert into exam_attempt (exam_id, member_id, attempt_no, question_ids, deadline_at)
        select ${a.examId}, ${a.memberId}, coalesce(max(attempt_no), 0) + 1, ${sql.val(a.questionIds)}::bigint[],
               least(now() + make_interval(mins => ${a.limitMinutes}::int), ${a.closesAt}::timestamptz)
        from exam_attempt where exam_id = ${a.examId} and member_id = ${a.memberId}
        having coalesce(max(attempt_no), 0) < ${a.allowed} and coalesce(bool_and(submitted_at is not null), true)
        returning id`.execute(db);
      return rows[0];
    },

    /** The member's attempt that is not yet submitted, if any. */
    openAttempt(examId: number, memberId: number) {
      return db.selectFrom('examAttempt').select('id').where('examId', '=', examId).where('memberId', '=', memberId).where('submittedAt', 'is', null).executeTakeFirst();
    },

    /** One attempt with its exam's grading figures and whether its deadline passed (by the database clock). */
    async attempt(attemptId: number, lock = false) {
      const row = await db
        .selectFrom('examAttempt as a')
        .innerJoin('exam as e', 'e.id', 'a.examId')
        .innerJoin('member as m', 'm.id', 'a.memberId')
        .select([
          'a.id', 'a.examId', 'a.memberId', 'm.name as memberName', 'a.attemptNo', 'a.questionIds', 'a.startedAt', 'a.deadlineAt', 'a.submittedAt', 'a.autoSubmitted', 'a.score', 'a.passed',
          'e.title', 'e.kind', sql<string>`e.org_path::text`.as('orgPath'), 'e.pointsPerQuestion', 'e.passMark', 'e.attemptsAllowed', 'e.closesAt',
          sql<boolean>`a.deadline_at <= now()`.as('overdue'), sql<number>`greatest(0, ceil(extract(epoch from a.deadline_at - now())))::int`.as('remainingSeconds'),
        ])
        .where('a.id', '=', attemptId)
        .$if(lock, (q) => q.forUpdate('a'))
        .executeTakeFirst();
      // bigint[] arrives as strings from the driver.
      return row && { ...row, questionIds: row.questionIds.map(Number) };
    },

    answersOf(attemptIds: number[]) {
      if (attemptIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('examAnswer').select(['attemptId', 'questionId', 'answer', 'correct', 'points', 'answeredAt', 'responseMs']).where('attemptId', 'in', attemptIds).execute();
    },

    async upsertAnswers(attemptId: number, rows: { questionId: number; answer: unknown; correct: boolean; points: number }[]) {
      await db
        .insertInto('examAnswer')
        .values(rows.map((r) => ({ attemptId, questionId: r.questionId, answer: JSON.stringify(r.answer), correct: r.correct, points: r.points })))
        .onConflict((oc) => oc.columns(['attemptId', 'questionId']).doUpdateSet((eb) => ({ answer: eb.ref('excluded.answer'), correct: eb.ref('excluded.correct'), points: eb.ref('excluded.points') })))
        .execute();
    },

    /**
     * Grades attempts from their saved answers and closes them: score = sum of points, passed =
     * score ≥ pass mark. `auto` marks a submission by the deadline (stamped at the deadline).
     * Attempts already submitted are left alone. Returns what was closed, for outcomes.
     */
    async finalize(attemptIds: number[], auto: boolean) {
      if (attemptIds.length === 0) return [];
      const { rows } = await sql<{ id: number; examId: number; memberId: number; passed: boolean; kind: string; title: string; memberPath: string; score: string }>`
        update exam_attempt a
           set score = s.total, passed = s.total >= e.pass_mark, auto_submitted = ${auto},
               submitted_at = case when ${auto} then least(a.deadline_at, now()) else now() end
          from exam e, member m,
               (select a2.id, coalesce(sum(x.points), 0) as total from exam_attempt a2 left join exam_answer x on x.attempt_id = a2.id
                 where a2.id = any(${sql.val(attemptIds)}::bigint[]) group by a2.id) s
         where s.id = a.id and e.id = a.exam_id and m.id = a.member_id and a.submitted_at is null
        returning a.id, a.exam_id as "examId", a.member_id as "memberId", a.passed, e.kind, e.title, m.org_path::text as "memberPath", a.score::text as score`.execute(db);
      return rows;
    },

    /** Unsubmitted attempts whose deadline passed: all, one exam's, or one member's. */
    async overdue(f: { examId?: number; memberId?: number; limit: number }) {
      const rows = await db
        .selectFrom('examAttempt')
        .select('id')
        .where('submittedAt', 'is', null)
        .where(sql<SqlBool>`deadline_at <= now()`)
        .$if(f.examId !== undefined, (q) => q.where('examId', '=', f.examId!))
        .$if(f.memberId !== undefined, (q) => q.where('memberId', '=', f.memberId!))
        .limit(f.limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Attempts of an exam with member, counts and contest time; contests rank by score then time. */
    async results(examId: number, contest: boolean, page: number, pageSize: number) {
      const order = contest ? sql`a.score desc nulls last, time_ms asc, a.id` : sql`a.started_at desc, a.id desc`;
      const { rows } = await sql<{
        attemptId: number; memberId: number; memberName: string; orgName: string; attemptNo: number; startedAt: Date; submittedAt: Date | null; autoSubmitted: boolean;
        score: string | null; passed: boolean | null; correct: number; answered: number; timeMs: number; rank: number;
      }>`
        select a.id as "attemptId", a.member_id as "memberId", m.name as "memberName", o.name as "orgName", a.attempt_no as "attemptNo", a.started_at as "startedAt",
               a.submitted_at as "submittedAt", a.auto_submitted as "autoSubmitted", a.score::text as score, a.passed,
               coalesce(x.correct, 0)::int as correct, coalesce(x.answered, 0)::int as answered, coalesce(x.time_ms, 0)::int8 as "timeMs",
               (row_number() over (order by ${order}))::int as rank
          from exam_attempt a
          join member m on m.id = a.member_id
          join org o on o.id = m.org_id
          left join lateral (select count(*) filter (where correct) as correct, count(*) as answered, sum(response_ms) as time_ms from exam_answer where attempt_id = a.id) x on true
         where a.exam_id = ${examId}
         order by ${order}
         limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const summary = await db
        .selectFrom('examAttempt')
        .select((eb) => [
          eb.fn.countAll<number>().as('attempts'),
          sql<number>`count(*) filter (where submitted_at is not null)::int`.as('submitted'),
          sql<number>`count(*) filter (where passed)::int`.as('passed'),
          sql<string | null>`round(avg(score) filter (where submitted_at is not null), 1)::text`.as('averageScore'),
        ])
        .where('examId', '=', examId)
        .executeTakeFirstOrThrow();
      return { rows, summary };
    },

    /** Every answer of the exam's submitted attempts (per-question analysis). */
    submittedAnswers(examId: number) {
      return db
        .selectFrom('examAnswer as x')
        .innerJoin('examAttempt as a', 'a.id', 'x.attemptId')
        .select(['x.questionId', 'x.answer', 'x.correct'])
        .where('a.examId', '=', examId)
        .where('a.submittedAt', 'is not', null)
        .execute();
    },
  };
}
export type ExamRepository = ReturnType<typeof createExamRepository>;
