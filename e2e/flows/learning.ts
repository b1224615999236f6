// Flow 9 (issue 5): `city` imports 20 questions from the template (.xlsx) and `admin` approves
// them; on a phone a member does a 一键答题 in the new category, sees the explanation after each
// answer and the point on 我的积分 with the rule that gave it; a one-minute exam set up through
// the API is taken on the phone and handed in by the page itself when time is up; a short contest
// is taken question by question; the member's index and breakdown on 我的积分 grow by the quiz and
// the exam.

import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page, Response } from 'playwright-core';
import { CATEGORY, QUESTIONS, expectStatus, fillQuestionTemplate, questionIn, setUpLearning, type LearningSetup, type SheetQuestion } from '../lib/learning-setup';
import { PHONE, assertFitsPhone } from '../lib/orglife-setup';
import { PASSWORD } from '../lib/fixtures';
import type { Flow, FlowContext } from '../lib/runner';
import { escapeRegExp, tx, txButton, txStart } from '../lib/texts';
import { apiResponse, dialogReady, loginAdmin, pickOption, tableRows } from '../lib/ui';
import { assert, waitUntil } from '../lib/wait';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const QUIZ_RULE = '一键答题达标';
const EXAM_RULE = '考试合格';

interface MyPoints {
  index: { value: number; points: number; stars: number };
  byCategory: { category: string; points: number }[];
  byRule: { ruleCode: string; item: string; points: number; entries: number }[];
  entries: { id: number; item: string; points: number; ruleCode: string; rulebookVersion: number; sourceType: string; status: string }[];
}

/**
 * Opens 我的积分 (by the address, or by `open`, e.g. a button) and returns what the page's own
 * /api/me/points answer said (the page shows these figures).
 */
async function openPoints(page: Page, open: () => Promise<unknown> = () => page.goto('/m/points')): Promise<MyPoints> {
  const answer = apiResponse(page, '/api/me/points', 'GET');
  await open();
  const r = await answer;
  assert(r.status() === 200, `GET /api/me/points answered ${r.status()}: ${await r.text()}`);
  const points = (await r.json()) as MyPoints;
  await page.getByRole('heading', { name: tx('mlearning.points.index'), level: 2 }).waitFor();
  await page.locator('.ml-big').filter({ hasText: new RegExp(`^${escapeRegExp(String(points.index.value))}$`) }).first().waitFor();
  return points;
}

/** The section of the points page titled `key`. */
const pointsSection = (page: Page, key: string): Locator => page.locator('section.m-card').filter({ has: page.getByRole('heading', { name: tx(key), level: 2 }) });

/** Answers one question on the page the way a person taps: the right answer from the sheet. */
async function answer(scope: Locator, q: SheetQuestion): Promise<void> {
  if (q.kind === 'single' || q.kind === 'multiple') {
    for (const letter of q.answer) {
      const text = q.options['ABCD'.indexOf(letter)];
      await scope.locator('label.ml-option').filter({ hasText: text }).click();
    }
  } else if (q.kind === 'judge') {
    await scope.locator('label.ml-option').filter({ hasText: new RegExp(`^${q.answer}$`) }).click();
  } else {
    await scope.getByRole('textbox', { name: tx('mlearning.q.blank', { n: 1 }) }).fill(q.answer);
  }
}

async function importQuestions(t: FlowContext, page: Page): Promise<void> {
  await page.goto('/questions/import');
  await page.getByRole('heading', { name: tx('learning.import.title'), level: 1 }).waitFor();
  // The template as a person gets it: the download button. It must be a real workbook.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: txButton('learning.import.template') }).click(),
  ]);
  const templatePath = await download.path();
  assert(templatePath, 'the template download did not complete');
  const template = fs.readFileSync(templatePath);
  assert(template.subarray(0, 2).toString() === 'PK', 'the template is not a zip (.xlsx) file');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  assert(book.getWorksheet('题目') && book.getWorksheet('填写说明'), `the template's sheets are ${book.worksheets.map((s) => s.name).join(', ')}`);
  const file = await fillQuestionTemplate(template);

  await page.locator('input[type=file]').setInputFiles({ name: '题库导入-e2e.xlsx', mimeType: XLSX_MIME, buffer: file });
  await page.getByText('题库导入-e2e.xlsx').waitFor();
  const checked = apiResponse(page, '/api/questions/import', 'POST');
  await page.getByRole('button', { name: txButton('learning.import.check') }).click();
  const r = await checked;
  assert(r.status() === 200, `the check answered ${r.status()}: ${await r.text()}`);
  await page.getByText(tx('learning.import.summary', { total: 20, valid: 20, issues: 0 })).waitFor();
  await page.getByText(tx('learning.import.noIssues')).waitFor();
  await t.shot(page, 'import row report');
  const committed = apiResponse(page, '/api/questions/import', 'POST');
  await page.getByRole('button', { name: txButton('learning.import.commitAll') }).click();
  const c = await committed;
  assert(c.status() === 200, `the import answered ${c.status()}: ${await c.text()}`);
  await page.getByText(tx('learning.import.committed', { count: 20 })).first().waitFor();
  await t.shot(page, 'import committed');
}

/** The bank filtered to the flow's category (and a status, if given): waits for exactly `count` rows. */
async function filterBank(page: Page, count: number, statusKey?: string): Promise<void> {
  await page.getByRole('heading', { name: tx('learning.questions.title'), level: 1 }).waitFor();
  if (statusKey) await pickOption(page, page.getByRole('combobox', { name: tx('learning.questions.status') }), tx(statusKey));
  const listed = apiResponse(page, '/api/questions', 'GET', (u) => u.searchParams.get('category') === CATEGORY);
  const category = page.getByRole('textbox', { name: tx('learning.questions.category') });
  await category.fill(CATEGORY);
  await category.press('Enter');
  await listed;
  await waitUntil(async () => (await tableRows(page).count()) === count, `the bank filtered to ${CATEGORY} should list ${count} questions`);
}

export const learningFlow: Flow = {
  id: '9-learning',
  name: '9. city imports 20 questions (.xlsx), admin approves them; a member on a phone does a 一键答题 and sees the point with its rule; a one-minute exam is handed in by the page when time is up; a short contest; the index and breakdown grow',
  timeoutMs: 330_000,
  async run(t) {
    const cityPage = await t.newPage();
    const s: LearningSetup = await t.step('city logs in; a branch, a member and their account are set up (API, in city\'s session)', async () => {
      await loginAdmin(cityPage, 'city');
      return setUpLearning(cityPage, t.log);
    });

    await t.step('city downloads the template and imports 20 questions of all four kinds (row report: 20 valid)', () => importQuestions(t, cityPage));
    await t.step('the 20 questions are in the bank, waiting for review; city may not approve its own', async () => {
      await cityPage.getByRole('button', { name: txButton('learning.import.back') }).click();
      await filterBank(cityPage, 20);
      await waitUntil(async () => (await tableRows(cityPage).filter({ hasText: tx('learning.status.pending') }).count()) === 20, 'all 20 should be 待审核');
      // The reviewer's tick boxes are off for one's own questions.
      assert(await tableRows(cityPage).first().locator('.ant-checkbox-input').isDisabled(), 'city could tick its own question for approval');
      await t.shot(cityPage, 'bank after import');
    });

    // Another person (its own browser): city stays logged in, as the exam organiser below.
    const admin = await t.newPage();
    await t.step('admin approves the 20 through the bank (filter 待审核, select all, 批量通过)', async () => {
      await loginAdmin(admin, 'admin');
      await admin.goto('/questions');
      await filterBank(admin, 20, 'learning.status.pending');
      await admin.locator('.ant-table-thead .ant-checkbox-input').first().check();
      const approve = admin.getByRole('button', { name: txButton('questions.bulk.approve', { n: 20 }) });
      await approve.click();
      const pop = admin.locator('.ant-popconfirm:not(.ant-popover-hidden)').filter({ hasText: tx('questions.bulk.approveConfirm', { n: 20 }) });
      await dialogReady(pop);
      const approved = apiResponse(admin, '/api/questions/approve', 'POST');
      await pop.getByRole('button', { name: txButton('learning.questions.approve') }).click();
      const r = await approved;
      assert(r.status() === 200, `the approval answered ${r.status()}: ${await r.text()}`);
      await admin.getByText(tx('questions.bulk.approved', { n: 20 })).first().waitFor();
      // The list (still filtered to 待审核) empties; unfiltered, all 20 read 已通过.
      await waitUntil(async () => (await tableRows(admin).count()) === 0, 'approved questions still listed as 待审核');
      await admin.goto('/questions');
      await filterBank(admin, 20);
      await waitUntil(async () => (await tableRows(admin).filter({ hasText: tx('learning.status.approved') }).count()) === 20, 'all 20 should read 已通过');
      await t.shot(admin, 'bank approved');
    });

    const phone = await t.newPage(PHONE);
    const before = await t.step(`${s.member.name} logs in on a phone for the first time (changes the initial password); 我的积分 before`, async () => {
      await phone.goto('/m/login');
      await phone.getByLabel(tx('auth.login.username')).fill(s.member.username);
      await phone.getByLabel(tx('auth.login.password')).fill(s.member.initialPassword);
      await phone.getByRole('button', { name: txButton('auth.login.submit') }).click();
      await phone.waitForURL('**/m/password**');
      await phone.getByLabel(tx('auth.password.current'), { exact: true }).fill(s.member.initialPassword);
      await phone.getByLabel(tx('auth.password.new'), { exact: true }).fill(PASSWORD);
      await phone.getByLabel(tx('auth.password.confirm'), { exact: true }).fill(PASSWORD);
      await phone.getByRole('button', { name: txButton('auth.password.submit') }).click();
      await phone.getByText(tx('auth.password.done')).waitFor();
      await phone.getByRole('button', { name: txButton('m.toHome') }).click();
      await phone.getByRole('button', { name: txStart('mlearning.home.quiz') }).waitFor();
      const p = await openPoints(phone);
      t.log(`before: index ${p.index.value}, ${p.index.points} points, ${p.entries.length} entries`);
      await t.shot(phone, 'points before');
      return p;
    });

    await t.step(`一键答题 in ${CATEGORY}: every answer gets instant feedback with its explanation; leaving after two and coming back resumes; the quiz passes`, async () => {
      await phone.goto('/m/');
      await phone.getByRole('button', { name: txStart('mlearning.home.quiz') }).click();
      await phone.waitForURL('**/m/quiz');
      await phone.getByRole('button', { name: new RegExp(`^${escapeRegExp(CATEGORY)}（20）$`) }).click();
      const started = apiResponse(phone, '/api/me/quiz', 'POST', (u) => u.pathname === '/api/me/quiz');
      await phone.getByRole('button', { name: txButton('mlearning.quiz.go') }).click();
      const r = await started;
      assert(r.status() === 201, `POST /api/me/quiz answered ${r.status()}: ${await r.text()}`);
      const total = ((await r.json()) as { questions: unknown[] }).questions.length;
      await assertFitsPhone(phone);
      for (let n = 1; n <= total; n++) {
        await phone.getByText(tx('mlearning.quiz.progress', { n, total })).waitFor();
        const card = phone.locator('section.m-card').filter({ has: phone.locator('legend.ml-stem') });
        const q = questionIn(await card.locator('legend.ml-stem').innerText());
        await answer(card, q);
        if (n === 1) await t.shot(phone, 'quiz question answered');
        const checked = apiResponse(phone, '/api/me/quiz/', 'POST', (u) => u.pathname.endsWith('/answers'));
        await phone.getByRole('button', { name: txButton('mlearning.quiz.submit') }).click();
        assert((await checked).status() === 200, `answer ${n} was not accepted`);
        const verdict = card.getByRole('status');
        await verdict.getByText(tx('mlearning.q.right')).waitFor();
        await verdict.getByText(q.explanation, { exact: false }).waitFor();
        if (n === 1) await t.shot(phone, 'quiz feedback with explanation');
        await phone.getByRole('button', { name: txButton(n === total ? 'mlearning.quiz.seeResult' : 'mlearning.quiz.next') }).click();
        if (n === 2) {
          // The member leaves mid-quiz (another app, a call) and comes back: the quiz goes on at question 3.
          await phone.goto('/m/');
          await phone.getByRole('button', { name: txStart('mlearning.home.quiz') }).click();
          await phone.getByText(tx('mlearning.quiz.resumed', { answered: 2, total })).waitFor();
          await t.shot(phone, 'quiz resumed after leaving');
        }
      }
      await phone.getByText(`${total} / ${total}`).waitFor();
      await phone.getByText(tx('mlearning.quiz.passed', { share: 80 })).waitFor();
      await t.shot(phone, 'quiz result');
    });

    const afterQuiz = await t.step(`我的积分 shows the new entry ${QUIZ_RULE} +1 with its rule`, async () => {
      const p = await openPoints(phone, () => phone.getByRole('button', { name: txButton('mlearning.quiz.toPoints') }).click());
      await phone.waitForURL('**/m/points');
      const entry = p.entries.find((e) => e.item === QUIZ_RULE && e.sourceType === 'quizSession' && e.status === 'active');
      assert(entry, `no ${QUIZ_RULE} entry on 我的积分: ${JSON.stringify(p.entries).slice(0, 400)}`);
      const row = pointsSection(phone, 'mlearning.points.entries').locator('.ml-row').filter({ hasText: QUIZ_RULE });
      await row.getByText(`+${entry.points}`, { exact: true }).waitFor();
      await row.getByText(tx('mlearning.points.ruleVersion', { code: entry.ruleCode, version: entry.rulebookVersion })).waitFor();
      assert(p.index.points === before.index.points + entry.points, `the year's points went from ${before.index.points} to ${p.index.points}, expected +${entry.points}`);
      await t.shot(phone, 'points after quiz');
      // The rule itself, as every member can read it in the published rulebook.
      await phone.getByRole('button', { name: txStart('mlearning.points.rulebook') }).click();
      await phone.waitForURL('**/m/rulebook');
      const rule = phone.locator('.ml-row').filter({ hasText: QUIZ_RULE });
      await rule.getByText(`+${entry.points}`, { exact: true }).waitFor();
      await rule.getByText(tx('mlearning.rulebook.capDay', { n: 1 }), { exact: false }).waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'rulebook');
      return p;
    });

    const exam = await t.step('city sets up a one-minute exam over five of the questions for the branch (API): published, open now', async () => {
      const listed = await s.city.get<{ items: { id: number; stem: string; status: string }[] }>(`/api/questions?category=${encodeURIComponent(CATEGORY)}&pageSize=50`);
      const byStem = new Map(listed.items.map((q) => [q.stem, q]));
      // One of each kind, then a fifth single-choice one: the member answers four and leaves one.
      const paper = [QUESTIONS[0], QUESTIONS[5], QUESTIONS[10], QUESTIONS[15], QUESTIONS[1]].map((q) => byStem.get(q.stem));
      assert(paper.every((q) => q?.status === 'approved'), `the exam's questions are not all approved: ${JSON.stringify(paper)}`);
      const title = `党章党规限时测试（青禾${s.run}）`;
      const { id } = expectStatus(await s.city.request('POST', '/api/exams', {
        orgId: s.branchId, kind: 'exam', title, paperMode: 'fixed', questionIds: paper.map((q) => q!.id), pointsPerQuestion: 20, timeLimitMinutes: 1,
        opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), passMark: 60, attemptsAllowed: 1,
      }), 201, 'POST /api/exams');
      expectStatus(await s.city.request('POST', `/api/exams/${id}/publish`, { version: 1 }), 200, 'publish the exam');
      t.log(`exam #${id} "${title}": 5 questions × 20, pass mark 60, 1 minute`);
      return { id, title };
    });

    await t.step('the member opens it from 我的考试, answers four of five and does not press 交卷: the page hands in by itself when time is up', async () => {
      await phone.goto('/m/');
      await phone.getByRole('button', { name: txStart('mlearning.home.exams') }).click();
      await phone.waitForURL('**/m/exams');
      const item = phone.locator('.mm-item').filter({ hasText: exam.title }).first();
      await item.getByText(tx('mlearning.exams.limit', { n: 1 }), { exact: false }).waitFor();
      await item.getByRole('button', { name: txButton('mlearning.exams.start') }).click();
      await item.getByText(tx('mlearning.exams.startConfirm', { left: 1 })).waitFor();
      const started = apiResponse(phone, `/api/me/exams/${exam.id}/attempts`, 'POST');
      await item.getByRole('button', { name: txButton('mlearning.exams.start') }).click();
      const r = await started;
      assert(r.status() === 201, `starting the attempt answered ${r.status()}: ${await r.text()}`);
      const attempt = (await r.json()) as { id: number; remainingSeconds: number };
      await phone.waitForURL(`**/m/exams/${exam.id}?attempt=${attempt.id}`);
      await phone.getByRole('timer').waitFor();
      // The page's own submission, watched for from now on: nobody presses 交卷 below.
      const handedIn: Promise<Response> = phone.waitForResponse((x) => new URL(x.url()).pathname === `/api/me/exams/${exam.id}/attempts/${attempt.id}/submit`, { timeout: 100_000 });
      handedIn.catch(() => undefined);
      const cards = phone.locator('section.m-card').filter({ has: phone.locator('legend.ml-stem') });
      await waitUntil(async () => (await cards.count()) === 5, 'the paper should show five questions');
      for (let i = 0; i < 4; i++) {
        const card = cards.nth(i);
        await answer(card, questionIn(await card.locator('legend.ml-stem').innerText()));
      }
      await phone.getByText(tx('mlearning.exam.answered', { n: 4, total: 5 })).waitFor();
      await phone.getByText(tx('mlearning.exam.saved')).waitFor({ timeout: 10_000 });
      await t.shot(phone, 'exam answering with countdown');
      const started2 = Date.now();
      const submit = await handedIn;
      t.log(`the page handed in ${((Date.now() - started2) / 1000).toFixed(0)} s later (limit ${attempt.remainingSeconds} s)`);
      const sent = submit.request().postDataJSON() as { auto?: boolean; answers?: unknown[] };
      assert(sent.auto === true && sent.answers?.length === 4, `the page's hand-in sent ${JSON.stringify(sent)}`);
      assert(submit.status() === 200, `the page's hand-in answered ${submit.status()}: ${await submit.text()}`);
      await phone.getByRole('heading', { name: tx('mlearning.exam.result'), level: 2 }).waitFor();
      await phone.locator('.ml-big').filter({ hasText: /^80$/ }).waitFor();
      await phone.getByText(tx('mlearning.exam.passed', { pass: 60 })).waitFor();
      await phone.getByText(tx('mlearning.exam.autoSubmitted')).waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'exam result after auto-submit');
    });

    await t.step('我的考试 lists the exam as 已完成 with its score, linking to the result', async () => {
      await phone.getByRole('button', { name: txButton('mlearning.exam.back') }).click();
      await phone.waitForURL('**/m/exams');
      const item = phone.locator('li').filter({ hasText: exam.title }).first();
      await item.getByText(tx('mlearning.exams.done'), { exact: true }).waitFor();
      await item.getByText(tx('mlearning.exams.lastPassed', { score: 80 })).waitFor();
      await t.shot(phone, 'my exams done');
    });

    await t.step('the demo\'s knowledge contest (next week) opens from 我的考试 and shows when it starts', async () => {
      const contest = phone.locator('li').filter({ has: phone.getByRole('button', { name: txButton('mlearning.exams.enterContest') }) }).first();
      const title = (await contest.locator('.mm-item-title').first().innerText()).trim();
      await contest.getByRole('button', { name: txButton('mlearning.exams.enterContest') }).click();
      await phone.waitForURL(/\/m\/contests\/\d+$/);
      await phone.getByRole('heading', { name: title, level: 2 }).waitFor();
      await phone.getByText(new RegExp(`^${escapeRegExp(tx('mlearning.contest.startsAt', { at: '' }))}\\d{4}`)).waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'contest countdown');
    });

    await t.step('a two-question contest starting in a few seconds (set up through the API): the member waits on its page, answers each question in its slot and sees the result', async () => {
      const listed = await s.city.get<{ items: { id: number; stem: string }[] }>(`/api/questions?category=${encodeURIComponent(CATEGORY)}&pageSize=50`);
      const paper = [QUESTIONS[11], QUESTIONS[2]];
      const ids = paper.map((q) => listed.items.find((x) => x.stem === q.stem)!.id);
      const title = `党章知识快答赛（青禾${s.run}）`;
      const opensAt = new Date(Date.now() + 12_000);
      const { id } = expectStatus(await s.city.request('POST', '/api/exams', {
        orgId: s.branchId, kind: 'contest', title, paperMode: 'fixed', questionIds: ids, pointsPerQuestion: 10, secondsPerQuestion: 10, opensAt: opensAt.toISOString(),
      }), 201, 'POST /api/exams (contest)');
      expectStatus(await s.city.request('POST', `/api/exams/${id}/publish`, { version: 1 }), 200, 'publish the contest');
      await phone.goto('/m/exams');
      const item = phone.locator('li').filter({ hasText: title }).first();
      await item.getByRole('button', { name: txButton('mlearning.exams.enterContest') }).click();
      await phone.waitForURL(`**/m/contests/${id}`);
      await phone.getByRole('timer').getByText(new RegExp(`^${escapeRegExp(tx('mlearning.contest.startsIn', { time: '' }))}`)).waitFor();
      await t.shot(phone, 'contest about to start');
      for (let n = 1; n <= paper.length; n++) {
        await phone.getByRole('timer').getByText(new RegExp(`^${escapeRegExp(tx('mlearning.contest.left', { n, total: paper.length, time: '' }))}`)).waitFor({ timeout: 25_000 });
        const card = phone.locator('section.m-card').filter({ has: phone.locator('legend.ml-stem') });
        await answer(card, questionIn(await card.locator('legend.ml-stem').innerText()));
        const sent = apiResponse(phone, `/api/me/contests/${id}/answers`, 'POST');
        await phone.getByRole('button', { name: txButton('mlearning.quiz.submit') }).click();
        const r = await sent;
        assert(r.status() === 200, `contest answer ${n} answered ${r.status()}: ${await r.text()}`);
        await phone.getByText(tx('mlearning.contest.answered')).waitFor();
        if (n === 1) await t.shot(phone, 'contest answer sent');
      }
      await phone.getByRole('heading', { name: tx('mlearning.contest.result'), level: 2 }).waitFor({ timeout: 25_000 });
      await phone.locator('.ml-big').filter({ hasText: /^20$/ }).waitFor();
      await phone.getByText(new RegExp(`^${escapeRegExp(tx('mlearning.contest.mine', { correct: 2, seconds: 0 })).replace('0', '\\d+')}$`)).waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'contest result');
    });

    await t.step(`the index and breakdown on 我的积分 grow by ${QUIZ_RULE} and ${EXAM_RULE}`, async () => {
      const after = await openPoints(phone);
      const examEntry = after.entries.find((e) => e.item === EXAM_RULE && e.status === 'active');
      assert(examEntry, `no ${EXAM_RULE} entry: ${JSON.stringify(after.entries).slice(0, 400)}`);
      const quizEntry = afterQuiz.entries.find((e) => e.item === QUIZ_RULE)!;
      assert(after.index.points === before.index.points + quizEntry.points + examEntry.points, `points ${before.index.points} → ${after.index.points}, expected +${quizEntry.points + examEntry.points}`);
      assert(after.index.value > before.index.value, `the index did not grow: ${before.index.value} → ${after.index.value}`);
      const byRule = pointsSection(phone, 'mlearning.points.byRule');
      for (const e of [quizEntry, examEntry]) {
        await byRule.locator('.ml-row').filter({ hasText: e.item }).getByText(`+${e.points}`, { exact: true }).waitFor();
      }
      const learning = after.byCategory.find((c) => c.category === 'learning');
      const learningBefore = before.byCategory.find((c) => c.category === 'learning')?.points ?? 0;
      assert(learning && learning.points === learningBefore + quizEntry.points + examEntry.points, `学习教育 went ${learningBefore} → ${learning?.points}`);
      t.log(`index ${before.index.value} → ${after.index.value}; points ${before.index.points} → ${after.index.points}`);
      await t.shot(phone, 'points after exam');
    });
  },
};
