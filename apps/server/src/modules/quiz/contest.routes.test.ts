import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { assertNoKeys, givenExam, givenQuestion } from './quiz.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let organiser: ReturnType<typeof as>;
let qs: number[];
const SPQ = 30;

async function newMember(orgId = tree.branchA.id, name?: string) {
  const m = await t.given.member({ orgId, name });
  return { id: m.id, client: as(t.app, await login(t.app, (await t.given.user([{ role: 'member', orgId }], { memberId: m.id })).username)) };
}
/** A published contest of town A whose question `open` is open now (-1: starts in a minute). */
const contestAt = (open: number, o: { leaderboard?: boolean } = {}) =>
  givenExam(t.db, tree.townA.id, qs, { kind: 'contest', secondsPerQuestion: SPQ, opensAt: new Date(Date.now() - (open >= 0 ? open * SPQ * 1000 + 1000 : -60_000)), ...o });
const answerRows = (examId: number) => t.db.selectFrom('examAnswer as x').innerJoin('examAttempt as a', 'a.id', 'x.attemptId').selectAll('x').where('a.examId', '=', examId).execute();

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  organiser = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
  qs = [await givenQuestion(t.db, tree.city.id), await givenQuestion(t.db, tree.city.id, { kind: 'judge' }), await givenQuestion(t.db, tree.city.id, { kind: 'fill' })];
});
afterAll(() => t.close());

describe('contests', () => {
  it('creates a contest whose window follows from its paper and timing', async () => {
    const opensAt = new Date(Date.now() + 3600_000);
    const res = await organiser.post('/api/exams', { orgId: tree.townA.id, kind: 'contest', title: '党史知识竞赛', paperMode: 'fixed', questionIds: qs, secondsPerQuestion: 20, opensAt: opensAt.toISOString() });
    expect(res.statusCode).toBe(201);
    const detail = (await organiser.get(`/api/exams/${res.json().id}`)).json();
    expect(new Date(detail.closesAt).getTime()).toBe(opensAt.getTime() + 60_000);
    expect(detail).toMatchObject({ kind: 'contest', leaderboard: false, attemptsAllowed: 1 });
  });

  it('shows nothing to answer before the start and refuses early answers', async () => {
    const id = await contestAt(-1);
    const m = await newMember();
    const cur = (await m.client.get(`/api/me/contests/${id}/current`)).json();
    expect(cur).toMatchObject({ state: 'upcoming', current: null, questionCount: 3 });
    expect(cur.startsInSeconds).toBeGreaterThan(50);
    expect((await m.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' })).json().code).toBe('CONTEST_NOT_STARTED');
    expect(await answerRows(id)).toHaveLength(0);
  });

  it('serves the open question without its key and accepts an answer only to it, only while it is open', async () => {
    const id = await contestAt(1);
    const m = await newMember();
    const cur = (await m.client.get(`/api/me/contests/${id}/current`)).json();
    assertNoKeys(cur);
    expect(cur).toMatchObject({ state: 'open', current: { position: 1, id: qs[1], kind: 'judge', answered: false } });
    expect(cur.current.remainingSeconds).toBeGreaterThan(20);
    expect(cur.current.remainingSeconds).toBeLessThanOrEqual(SPQ);
    const late = await m.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('QUESTION_CLOSED');
    expect((await m.client.post(`/api/me/contests/${id}/answers`, { position: 2, answer: ['党章'] })).json().code).toBe('QUESTION_NOT_OPEN');
    expect((await m.client.post(`/api/me/contests/${id}/answers`, { position: 1, answer: 'B' })).json().details.issues[0].path).toBe('answer');
    expect((await m.client.post(`/api/me/contests/${id}/answers`, { position: 7, answer: true })).json().details.issues[0].path).toBe('position');
    const ok = await m.client.post(`/api/me/contests/${id}/answers`, { position: 1, answer: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ accepted: true, position: 1 });
    expect((await m.client.get(`/api/me/contests/${id}/current`)).json().current.answered).toBe(true);
    const rows = await answerRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ questionId: qs[1], correct: true });
    expect(rows[0].responseMs).toBeGreaterThan(900);
  });

  it('stores an answer exactly once when a member sends it several times at once', async () => {
    const id = await contestAt(0);
    const m = await newMember();
    const sent = await Promise.all(Array.from({ length: 6 }, (_, i) => m.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: i % 2 ? 'A' : 'B' })));
    expect(sent.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(sent.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'ALREADY_ANSWERED')).toBe(true);
    expect(await answerRows(id)).toHaveLength(1);
    expect(await t.db.selectFrom('examAttempt').select('id').where('examId', '=', id).execute()).toHaveLength(1);
  });

  it('stores a burst of answers from many members once each, written together, and refuses an outsider in the same burst', async () => {
    const id = await contestAt(0);
    const members = await Promise.all(Array.from({ length: 12 }, () => newMember()));
    const outsider = await newMember(tree.branchB.id);
    const sends = [
      ...members.map((m, i) => m.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: i % 3 ? 'B' : 'A' })),
      members[0].client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' }), // a double tap
      outsider.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' }),
    ];
    const sent = await Promise.all(sends);
    const statuses = sent.map((r) => r.statusCode);
    expect(statuses.slice(0, 12).filter((s) => s === 200).length + (statuses[12] === 200 ? 1 : 0)).toBe(12);
    expect([statuses[0], statuses[12]].sort()).toEqual([200, 409]);
    expect(statuses[13]).toBe(404);
    const rows = await answerRows(id);
    expect(rows).toHaveLength(12);
    const attempts = await t.db.selectFrom('examAttempt').select('memberId').where('examId', '=', id).execute();
    expect(attempts.map((a) => a.memberId).sort((a, b) => a - b)).toEqual(members.map((m) => m.id).sort((a, b) => a - b));
    expect(rows.filter((r) => r.correct)).toHaveLength(rows.filter((r) => JSON.stringify(r.answer) === '"B"').length);
  });

  it('keeps others\' scores hidden before the end unless the organiser switches the leaderboard on, and then shows initials only', async () => {
    const id = await contestAt(0);
    const a = await newMember(tree.branchA.id, '张建国');
    const b = await newMember(tree.branchA.id, '李红梅');
    await a.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' });
    await b.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'A' });
    const hidden = (await b.client.get(`/api/me/contests/${id}/results`)).json();
    expect(hidden).toMatchObject({ state: 'open', leaderboardEnabled: false, participants: null, leaderboard: null, review: null, mine: { score: 0, correct: 0, rank: null } });
    expect(JSON.stringify(hidden)).not.toContain('张');
    const version = (await organiser.get(`/api/exams/${id}`)).json().version;
    expect((await organiser.put(`/api/exams/${id}/leaderboard`, { enabled: true, version })).statusCode).toBe(200);
    // The contest is cached for a moment; the switch shows within two seconds.
    await new Promise((r) => setTimeout(r, 2100));
    const shown = (await b.client.get(`/api/me/contests/${id}/results`)).json();
    expect(shown.leaderboard.map((r: { initials: string; score: number }) => [r.initials, r.score])).toEqual([['张**', 1], ['李**', 0]]);
    expect(JSON.stringify(shown)).not.toContain('张建国');
    expect(shown.mine.rank).toBe(2);
  });

  it('ranks by score, then total time, when it ends; shows each member the keys; refuses outsiders', async () => {
    const id = await contestAt(5);
    const members = [await newMember(), await newMember(), await newMember()];
    const scores = [[true, true, 900], [true, true, 500], [true, false, 100]] as const;
    for (const [i, [c1, c2, ms]] of scores.entries()) {
      const att = await t.db.insertInto('examAttempt').values({ examId: id, memberId: members[i].id, attemptNo: 1, questionIds: qs, deadlineAt: new Date(Date.now() - 1000) }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('examAnswer').values([
        { attemptId: att.id, questionId: qs[0], answer: JSON.stringify(c1 ? 'B' : 'A'), correct: c1, points: c1 ? 1 : 0, responseMs: ms },
        { attemptId: att.id, questionId: qs[1], answer: JSON.stringify(c2), correct: c2, points: c2 ? 1 : 0, responseMs: ms },
      ]).execute();
    }
    const mine = (await members[0].client.get(`/api/me/contests/${id}/results`)).json();
    expect(mine).toMatchObject({ state: 'ended', participants: 3, leaderboard: null, mine: { score: 2, correct: 2, timeMs: 1800, rank: 2 } });
    expect(mine.review).toHaveLength(3);
    expect(mine.review[0]).toMatchObject({ position: 0, key: ['B'], answer: 'B', correct: true });
    const stems = await t.db.selectFrom('question').select(['id', 'stem']).where('id', 'in', qs).execute();
    expect(mine.review.map((r: { stem: string }) => r.stem)).toEqual(qs.map((q) => stems.find((s) => s.id === q)!.stem));
    expect(mine.review[2]).toMatchObject({ answer: null, correct: false, keyText: '党章 | 中国共产党章程' });
    const results = (await organiser.get(`/api/exams/${id}/results`)).json();
    expect(results.items.map((r: { memberId: number; rank: number }) => [r.memberId, r.rank])).toEqual([[members[1].id, 1], [members[0].id, 2], [members[2].id, 3]]);
    expect(results.summary.submitted).toBe(3);
    const outsider = await newMember(tree.branchB.id);
    expect((await outsider.client.get(`/api/me/contests/${id}/current`)).statusCode).toBe(404);
    expect((await outsider.client.post(`/api/me/contests/${id}/answers`, { position: 0, answer: 'B' })).statusCode).toBe(404);
  });
});
