import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../db/database';

// Builders for tests and the access matrix: questions, exams and contests written straight to
// the database, so a test meets the state it needs without walking the whole workflow.

let n = 0;

/** An approved single-choice question (key 'B') in an organisation's bank, or another kind/status. */
export async function givenQuestion(db: Database, orgId: number, o: { kind?: 'single' | 'multiple' | 'judge' | 'fill'; status?: string; category?: string; createdBy?: number } = {}) {
  const org = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', orgId).executeTakeFirstOrThrow();
  const kind = o.kind ?? 'single';
  const options = kind === 'single' || kind === 'multiple' ? [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }] : [];
  const answer = kind === 'single' ? ['B'] : kind === 'multiple' ? ['A', 'C'] : kind === 'judge' ? [true] : [['党章', '中国共产党章程']];
  const row = await db
    .insertInto('question')
    .values({
      orgId, orgPath: sql<string>`${org.path}::ltree` as unknown as string, kind, stem: `测试题${++n}：请选择正确的一项`, options: JSON.stringify(options) as unknown as typeof options,
      answer: JSON.stringify(answer), explanation: `解析${n}`, category: o.category ?? '党章', status: o.status ?? 'approved', createdBy: o.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A published exam (or contest) of an organisation with a fixed paper. */
export async function givenExam(db: Database, orgId: number, questionIds: number[], o: { kind?: 'exam' | 'contest'; opensAt?: Date; closesAt?: Date; timeLimitMinutes?: number | null; secondsPerQuestion?: number; attemptsAllowed?: number; passMark?: number; status?: string; leaderboard?: boolean } = {}) {
  const org = await db.selectFrom('org').select(sql<string>`path::text`.as('path')).where('id', '=', orgId).executeTakeFirstOrThrow();
  const kind = o.kind ?? 'exam';
  const opensAt = o.opensAt ?? new Date(Date.now() - 60_000);
  const spq = o.secondsPerQuestion ?? 20;
  const closesAt = o.closesAt ?? (kind === 'contest' ? new Date(opensAt.getTime() + questionIds.length * spq * 1000) : new Date(Date.now() + 3600_000));
  const e = await db
    .insertInto('exam')
    .values({
      orgId, orgPath: sql<string>`${org.path}::ltree` as unknown as string, kind, title: kind === 'contest' ? `知识竞赛${++n}` : `测试考试${++n}`, paperMode: 'fixed',
      timeLimitMinutes: kind === 'exam' ? (o.timeLimitMinutes === undefined ? 30 : o.timeLimitMinutes) : null, secondsPerQuestion: kind === 'contest' ? spq : null,
      opensAt, closesAt, passMark: o.passMark ?? 0, attemptsAllowed: o.attemptsAllowed ?? 1, leaderboard: o.leaderboard ?? false, status: o.status ?? 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (questionIds.length) await db.insertInto('examQuestion').values(questionIds.map((questionId, position) => ({ examId: e.id, position, questionId }))).execute();
  return e.id;
}

/** An attempt of a member, in progress (or with its deadline moved into the past). */
export async function givenAttempt(db: Database, examId: number, memberId: number, o: { overdue?: boolean; submitted?: boolean } = {}) {
  const qs = await db.selectFrom('examQuestion').select('questionId').where('examId', '=', examId).orderBy('position').execute();
  const a = await db
    .insertInto('examAttempt')
    .values({ examId, memberId, attemptNo: 1, questionIds: qs.map((q) => q.questionId), deadlineAt: new Date(Date.now() + (o.overdue ? -60_000 : 1800_000)), submittedAt: o.submitted ? new Date() : null, score: o.submitted ? 0 : null, passed: o.submitted ? false : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return a.id;
}

/**
 * Walks a pre-answer response: no answer, key or explanation field anywhere (an option's
 * letter is its only `key`), and no explanation text.
 */
export function assertNoKeys(body: unknown) {
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        expect(['answer', 'keyText', 'explanation', 'correct', 'review', 'saved'].includes(k) && x !== null, `${path}.${k}`).toBe(false);
        if (k === 'key') expect(path, 'key outside an option').toMatch(/options\.\d+$/);
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(body, '$');
  // The fixtures' explanations and fill-in key texts never appear in any form.
  expect(JSON.stringify(body)).not.toContain('解析');
  expect(JSON.stringify(body)).not.toContain('中国共产党章程');
}
