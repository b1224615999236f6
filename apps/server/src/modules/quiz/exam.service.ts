import { sql, type SqlBool } from 'kysely';
import { keyText, type AudienceKind, type ExamKind, type PaperMode, type PublishStatus, type QuestionKind, type QuestionStatus } from '@hongyun/shared';
import type { Database } from '../../db/database';
import type { Access } from '../../platform/access';
import { isWithin } from '../../platform/access';
import { audit } from '../../platform/audit';
import { Conflict, NotFound, invalidField } from '../../platform/errors';
import { createExamRepository, type ExamRow, type ExamWrite } from './exam.repository';
import { closeOverdue } from './exam-attempt.service';
import { createQuestionRepository } from './question.repository';
import type { ExamDetailT, ExamInput, UpdateExamInput } from './quiz.schemas';

const num = (v: string | number | null) => (v === null ? null : Number(v));

export function examSummary(e: ExamRow) {
  return {
    id: e.id, orgId: e.orgId, orgName: e.orgName, kind: e.kind as ExamKind, title: e.title, paperMode: e.paperMode as PaperMode, status: e.status as PublishStatus,
    opensAt: e.opensAt.toISOString(), closesAt: e.closesAt.toISOString(), timeLimitMinutes: e.timeLimitMinutes, secondsPerQuestion: e.secondsPerQuestion,
    questionCount: e.fixedCount + e.randomCount, pointsPerQuestion: Number(e.pointsPerQuestion), passMark: Number(e.passMark), attemptsAllowed: e.attemptsAllowed,
    leaderboard: e.leaderboard, version: e.version,
  };
}

/** Member names shown publicly (contest leaderboards): the surname and a star per other character. */
export const initialsOf = (name: string) => {
  const chars = [...name.trim()];
  return chars.length ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : '*';
};

export function createExamService(deps: { db: Database }) {
  const { db } = deps;
  const repo = createExamRepository(db);

  async function orgOf(orgId: number, field: string) {
    const org = await db.selectFrom('org').select(['id', 'name', sql<string>`path::text`.as('path'), 'abolishedOn']).where('id', '=', orgId).executeTakeFirst();
    if (!org) invalidField(field, '组织不存在');
    return org;
  }

  /** Checks an exam's settings and paper against its organisation; returns what to store. */
  async function checked(orgPath: string, kind: ExamKind, input: Omit<ExamInput, 'orgId' | 'kind'>): Promise<{ row: ExamWrite; questionIds: number[] }> {
    const ids = input.questionIds;
    if (new Set(ids).size !== ids.length) invalidField('questionIds', '试卷中有重复的题目');
    if (input.paperMode !== 'random' && ids.length === 0) invalidField('questionIds', '请选择固定试题');
    if (input.paperMode === 'random' && ids.length > 0) invalidField('questionIds', '随机抽题的试卷不设固定试题；需要固定试题请选择“固定加随机”');
    if (input.paperMode !== 'fixed' && input.randomCount < 1) invalidField('randomCount', '请填写随机抽题的数量');
    if (input.paperMode === 'fixed' && input.randomCount > 0) invalidField('randomCount', '固定试卷不随机抽题；需要随机抽题请选择“随机抽题”或“固定加随机”');
    const found = await createQuestionRepository(db).byIds(ids);
    ids.forEach((id, i) => {
      const q = found.find((x) => x.id === id);
      if (!q || !(isWithin(orgPath, q.orgPath) || isWithin(q.orgPath, orgPath))) invalidField(`questionIds.${i}`, '该题目不存在或不属于本组织可用的题库');
      if (q.status !== 'approved') invalidField(`questionIds.${i}`, `“${q.stem.slice(0, 20)}”尚未审核通过，不能组卷`);
    });
    let closesAt = input.closesAt;
    let secondsPerQuestion = input.secondsPerQuestion ?? null;
    let timeLimitMinutes = input.timeLimitMinutes ?? null;
    if (kind === 'contest') {
      if (input.paperMode !== 'fixed') invalidField('paperMode', '竞赛中所有人按同一顺序答同一套题，请选择固定试卷');
      if (!secondsPerQuestion) invalidField('secondsPerQuestion', '请填写竞赛每题的作答秒数');
      // A contest ends when its last question closes: the window follows from the paper.
      closesAt = new Date(input.opensAt.getTime() + ids.length * secondsPerQuestion * 1000);
      timeLimitMinutes = null;
    } else {
      secondsPerQuestion = null;
      if (!closesAt) invalidField('closesAt', '请填写考试的截止时间');
      if (closesAt <= input.opensAt) invalidField('closesAt', '截止时间应晚于开始时间');
    }
    const total = (ids.length + input.randomCount) * input.pointsPerQuestion;
    if (input.passMark > total) invalidField('passMark', `及格分不能高于满分 ${total}`);
    let audiencePath: string | null = null;
    let audienceRoles: string[] = [];
    if (input.audience.kind === 'subtree') {
      if (!input.audience.orgId) invalidField('audience.orgId', '请选择参加的组织');
      const target = await orgOf(input.audience.orgId, 'audience.orgId');
      if (!isWithin(target.path, orgPath)) invalidField('audience.orgId', '参加的组织应在本组织范围内');
      audiencePath = target.path;
    } else if (input.audience.kind === 'role') {
      audienceRoles = [...new Set(input.audience.roles ?? [])];
      if (audienceRoles.length === 0) invalidField('audience.roles', '请选择参加的角色');
    }
    return {
      row: {
        title: input.title, instructions: input.instructions || null, paperMode: input.paperMode, randomCount: input.randomCount, randomCategories: [...new Set(input.randomCategories)],
        pointsPerQuestion: input.pointsPerQuestion, timeLimitMinutes, secondsPerQuestion, opensAt: input.opensAt, closesAt: closesAt!, passMark: input.passMark,
        attemptsAllowed: kind === 'contest' ? 1 : input.attemptsAllowed, leaderboard: kind === 'contest' ? input.leaderboard : false,
        audienceKind: input.audience.kind, audiencePath, audienceRoles,
      },
      questionIds: ids,
    };
  }

  async function managed(access: Access, id: number) {
    const e = await repo.getById(id);
    if (!e) throw new NotFound();
    access.assertInScope('exam.manage', e.orgPath);
    return e;
  }

  async function lockManaged(tx: Database, access: Access, id: number, version: number) {
    const e = await createExamRepository(tx).lock(id);
    if (!e || !access.inScope('exam.manage', e.orgPath)) throw new NotFound();
    if (e.version !== version) throw new Conflict('STALE_VERSION', '该考试刚被其他人修改过，请刷新后再操作');
    return e;
  }

  return {
    async list(access: Access, f: { kind?: string; status?: string; q?: string; page: number; pageSize: number }) {
      const { items, total } = await repo.list(access.filter('exam.manage', 'e.org_path'), f, f.page, f.pageSize);
      return { items: items.map((e) => ({ ...examSummary(e), attempts: e.attempts, passed: e.passed })), total, page: f.page, pageSize: f.pageSize };
    },

    async detail(access: Access, id: number): Promise<ExamDetailT> {
      const e = await managed(access, id);
      const [paper, audienceOrg, attempts] = await Promise.all([
        repo.paper(id),
        e.audiencePath ? db.selectFrom('org').select(['id', 'name']).where(sql<SqlBool>`path = ${e.audiencePath}::ltree`).executeTakeFirst() : undefined,
        db.selectFrom('examAttempt').select((eb) => eb.fn.countAll<number>().as('n')).where('examId', '=', id).executeTakeFirstOrThrow(),
      ]);
      return {
        ...examSummary(e), instructions: e.instructions, randomCount: e.randomCount, randomCategories: e.randomCategories,
        audience: { kind: e.audienceKind as AudienceKind, orgId: audienceOrg?.id ?? null, orgName: audienceOrg?.name ?? null, roles: e.audienceRoles },
        questions: paper.map((q) => ({ position: q.position, id: q.id, kind: q.kind as QuestionKind, stem: q.stem, category: q.category, status: q.status as QuestionStatus, answerText: keyText(q.kind as QuestionKind, q.answer) })),
        attempts: Number(attempts.n),
      };
    },

    /** Creates a draft exam or contest with its paper; nothing is written when a setting is wrong. */
    async create(access: Access, input: ExamInput) {
      const org = await orgOf(input.orgId, 'orgId');
      access.assertInScope('exam.manage', org.path);
      if (org.abolishedOn) invalidField('orgId', '该组织已撤销');
      const { row, questionIds } = await checked(org.path, input.kind, input);
      return db.transaction().execute(async (tx) => {
        const r = createExamRepository(tx);
        const { id } = await r.create({ ...row, orgId: org.id, orgPath: org.path, kind: input.kind, createdBy: access.actor.userId });
        await r.replacePaper(id, questionIds);
        await audit(tx, access.actor, { action: 'exam.create', targetType: 'exam', targetId: id, orgPath: org.path, after: { ...row, kind: input.kind, questionIds } });
        return id;
      });
    },

    /** Edits a draft (published exams are frozen: members may be taking them). */
    async update(access: Access, id: number, input: UpdateExamInput) {
      await db.transaction().execute(async (tx) => {
        const e = await lockManaged(tx, access, id, input.version);
        if (e.status !== 'draft') throw new Conflict('EXAM_LOCKED', '已发布的考试不能修改');
        const { row, questionIds } = await checked(e.orgPath, e.kind as ExamKind, input);
        const r = createExamRepository(tx);
        await r.update(id, e.version, row);
        await r.replacePaper(id, questionIds);
        await audit(tx, access.actor, { action: 'exam.update', targetType: 'exam', targetId: id, orgPath: e.orgPath, before: { title: e.title }, after: { ...row, questionIds } });
      });
    },

    /** Publishes a draft: every fixed question still approved, and enough approved ones to draw from. */
    async publish(access: Access, id: number, version: number) {
      await db.transaction().execute(async (tx) => {
        const e = await lockManaged(tx, access, id, version);
        if (e.status !== 'draft') throw new Conflict('EXAM_NOT_DRAFT', '该考试已发布或已归档');
        const paper = await createExamRepository(tx).paper(id);
        const retired = paper.find((q) => q.status !== 'approved');
        if (retired) throw new Conflict('QUESTION_NOT_APPROVED', `第 ${retired.position + 1} 题已停用或未审核，请替换后再发布`);
        if (e.randomCount > 0) {
          const pool = await createQuestionRepository(tx).random(e.orgPath, e.randomCount, e.randomCategories, paper.map((q) => q.id));
          if (pool.length < e.randomCount) throw new Conflict('NOT_ENOUGH_QUESTIONS', `可随机抽取的题目只有 ${pool.length} 道，少于设置的 ${e.randomCount} 道`);
        }
        if (e.closesAt.getTime() <= Date.now()) throw new Conflict('EXAM_WINDOW_PAST', '截止时间已过，请修改时间后再发布');
        await createExamRepository(tx).update(id, e.version, { status: 'published' });
        await audit(tx, access.actor, { action: 'exam.publish', targetType: 'exam', targetId: id, orgPath: e.orgPath, before: { status: 'draft' }, after: { status: 'published' } });
      });
    },

    /** Switches a contest's live leaderboard on or off (off by default; policy.md). */
    async setLeaderboard(access: Access, id: number, input: { enabled: boolean; version: number }) {
      await db.transaction().execute(async (tx) => {
        const e = await lockManaged(tx, access, id, input.version);
        if (e.kind !== 'contest') invalidField('enabled', '只有竞赛可以开启排行榜');
        await createExamRepository(tx).update(id, e.version, { leaderboard: input.enabled });
        await audit(tx, access.actor, { action: 'exam.leaderboard', targetType: 'exam', targetId: id, orgPath: e.orgPath, before: { leaderboard: e.leaderboard }, after: { leaderboard: input.enabled } });
      });
    },

    /** Attempts with scores (overdue ones closed first); contests ranked by score, then time. */
    async results(access: Access, id: number, page: number, pageSize: number) {
      const e = await managed(access, id);
      await closeOverdue(db, { examId: id });
      const contest = e.kind === 'contest';
      const { rows, summary } = await repo.results(id, contest, page, pageSize);
      return {
        items: rows.map((r) => ({
          rank: contest ? r.rank : null, attemptId: r.attemptId, memberId: r.memberId, memberName: r.memberName, orgName: r.orgName, attemptNo: r.attemptNo,
          startedAt: r.startedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null, autoSubmitted: r.autoSubmitted, score: num(r.score), passed: r.passed,
          correct: r.correct, answered: r.answered, timeMs: contest ? Number(r.timeMs) : null,
        })),
        total: Number(summary.attempts), page, pageSize,
        summary: { attempts: Number(summary.attempts), submitted: summary.submitted, passed: summary.passed, averageScore: num(summary.averageScore) },
      };
    },

    /** Per question: answered, correct rate and how the answers spread (submitted attempts only). */
    async analysis(access: Access, id: number) {
      await managed(access, id);
      await closeOverdue(db, { examId: id });
      const answers = await repo.submittedAnswers(id);
      const paper = await repo.paper(id);
      const ids = [...new Set([...paper.map((q) => q.id), ...answers.map((a) => a.questionId)])];
      const questions = await createQuestionRepository(db).byIds(ids);
      const position = new Map(paper.map((q) => [q.id, q.position]));
      const submitted = await db.selectFrom('examAttempt').select((eb) => eb.fn.countAll<number>().as('n')).where('examId', '=', id).where('submittedAt', 'is not', null).executeTakeFirstOrThrow();
      return {
        submitted: Number(submitted.n),
        questions: ids.map((qid) => {
          const q = questions.find((x) => x.id === qid)!;
          const kind = q.kind as QuestionKind;
          const mine = answers.filter((a) => a.questionId === qid);
          const correct = mine.filter((a) => a.correct).length;
          const counts = new Map<string, number>();
          if (kind === 'single' || kind === 'multiple') for (const o of q.options) counts.set(o.key, 0);
          if (kind === 'judge') counts.set('正确', 0).set('错误', 0);
          for (const a of mine) {
            const values = kind === 'judge' ? [a.answer === true ? '正确' : '错误'] : kind === 'fill' ? (a.correct ? [] : [(a.answer as string[]).join('；')]) : ([] as string[]).concat(a.answer as string | string[]);
            for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
          }
          let distribution = [...counts].map(([value, count]) => ({ value, count }));
          if (kind === 'fill') distribution = distribution.sort((x, y) => y.count - x.count).slice(0, 10);
          return {
            questionId: qid, position: position.get(qid) ?? null, kind, stem: q.stem, answerText: keyText(kind, q.answer),
            answered: mine.length, correct, correctRate: mine.length ? Math.round((correct / mine.length) * 1000) / 1000 : null, distribution,
          };
        }).sort((x, y) => (x.position ?? 1e9) - (y.position ?? 1e9)),
      };
    },

    /** One attempt's answers beside the keys, for re-checking a result. */
    async attempt(access: Access, id: number, attemptId: number) {
      const e = await managed(access, id);
      await closeOverdue(db, { examId: id });
      const a = await repo.attempt(attemptId);
      if (!a || a.examId !== e.id) throw new NotFound();
      const [questions, answers] = await Promise.all([createQuestionRepository(db).byIds(a.questionIds), repo.answersOf([a.id])]);
      await audit(db, access.actor, { action: 'exam.viewAttempt', targetType: 'examAttempt', targetId: a.id, orgPath: e.orgPath, subjects: [a.memberId] });
      return {
        attemptId: a.id, examId: e.id, memberName: a.memberName, attemptNo: a.attemptNo, startedAt: a.startedAt.toISOString(), deadlineAt: a.deadlineAt.toISOString(),
        submittedAt: a.submittedAt?.toISOString() ?? null, autoSubmitted: a.autoSubmitted, score: num(a.score), passed: a.passed,
        items: a.questionIds.map((qid) => {
          const q = questions.find((x) => x.id === qid)!;
          const ans = answers.find((x) => x.questionId === qid);
          return {
            questionId: qid, kind: q.kind as QuestionKind, stem: q.stem, options: q.options, key: q.answer as string[], keyText: keyText(q.kind as QuestionKind, q.answer),
            answer: (ans?.answer ?? null) as string | null, correct: ans?.correct ?? null, points: ans ? Number(ans.points) : 0, answeredAt: ans?.answeredAt.toISOString() ?? null, responseMs: ans?.responseMs ?? null,
          };
        }),
      };
    },
  };
}
