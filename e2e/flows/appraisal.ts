// Flow 8 (issue 4): 民主评议党员 end to end with the four members of flow 7's branch. The
// secretary starts the campaign; on their phones all four write the 党性分析 and review the other
// three; the secretary ends the reviews, proposes grades within the one-third 优秀 limit, records
// the 党员大会 that confirmed them and publishes. A member then sees their own grade and the
// counts per grade, and no page a member sees puts another member's grade next to a name.

import type { Page, Response } from 'playwright-core';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_STAGE_LABELS, type AppraisalGrade } from '@hongyun/shared';
import { assertFitsPhone, beijingDate, beijingWallClock, loginPhone, orgLifeBranch, PHONE, shanghaiInstant, type OrgLifeBranch, type OrgLifeMember } from '../lib/orglife-setup';
import type { Flow, FlowContext } from '../lib/runner';
import { escapeRegExp, tx, txButton, txField, txStart } from '../lib/texts';
import { apiResponse, dialogReady, dialogTitled, fillDate, loginAdmin, pickOption, pickOrg } from '../lib/ui';
import { assert, waitUntil } from '../lib/wait';

const GRADE = (g: AppraisalGrade) => APPRAISAL_GRADE_LABELS[g].zh;
const GRADE_TEXTS = Object.values(APPRAISAL_GRADE_LABELS).map((l) => l.zh);
/** 20 characters at least (the page counts them). */
const selfAnalysis = (name: string) => `${name}：本年度认真学习党章党规，按时参加组织生活，在岗位上发挥党员作用；不足是联系群众还不够主动，今后加强。`;

/** The secretary's proposal: one 优秀 (the limit for four is one), the rest 合格. */
const PROPOSED = (b: OrgLifeBranch): Map<number, AppraisalGrade> => new Map(b.all.map((m, i) => [m.id, i === 0 ? 'excellent' : 'qualified']));

/**
 * A member's view must never pair another person's name with a grade: the API answers the member
 * pages read may name peers only with whether they were reviewed, and no list item or line on the
 * page shows another participant's name together with a grade.
 */
async function assertNoNamedGrades(page: Page, me: OrgLifeMember, b: OrgLifeBranch, answers: unknown[]): Promise<void> {
  const others = b.all.filter((m) => m.id !== me.id);
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const names = others.filter((o) => obj.memberId === o.id || obj.name === o.name);
      if (names.length) {
        const gradeKeys = Object.keys(obj).filter((k) => /grade/i.test(k) || typeof obj[k] === 'string' && GRADE_TEXTS.includes(obj[k] as string));
        assert(gradeKeys.length === 0, `${me.name}'s answer ${where} names ${names[0].name} with ${gradeKeys.join(', ')}: ${JSON.stringify(obj)}`);
      }
      for (const [k, v] of Object.entries(obj)) walk(v, `${where}.${k}`);
    }
  };
  answers.forEach((a, i) => walk(a, `answer${i}`));
  for (const o of others) {
    for (const text of await page.locator('li, p, dd, button').filter({ hasText: o.name }).allInnerTexts()) {
      const shown = GRADE_TEXTS.filter((g) => text.includes(g));
      assert(shown.length === 0, `${me.name}'s page ${page.url()} shows ${o.name} next to ${shown.join('、')}: "${text}"`);
    }
  }
}

/** The campaign's stage as its header tag shows it (the steps above the page name every stage). */
const stageTag = (page: Page, stage: keyof typeof APPRAISAL_STAGE_LABELS) =>
  page.locator('.ant-tag').filter({ hasText: new RegExp(`^${escapeRegExp(APPRAISAL_STAGE_LABELS[stage].zh)}$`) }).first();

/** Collects the JSON answers of /api/me/ reads a page makes. */
function collectAnswers(page: Page): unknown[] {
  const answers: unknown[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/me/') && r.request().method() === 'GET' && r.status() === 200) r.json().then((j) => answers.push(j), () => undefined);
  });
  return answers;
}

/** One member on a phone: 党性分析 with a self grade, then the other three, one at a time. */
async function review(t: FlowContext, b: OrgLifeBranch, me: OrgLifeMember, campaignTitle: string): Promise<void> {
  const phone = await t.newPage(PHONE);
  const answers = collectAnswers(phone);
  await loginPhone(phone, me.username);
  await phone.getByRole('button', { name: txStart('mmeetings.home.appraisals') }).click();
  await phone.getByRole('heading', { name: tx('mappraisal.list.title'), level: 1 }).waitFor();
  await phone.getByRole('button').filter({ hasText: campaignTitle }).first().click();
  await phone.getByRole('heading', { name: campaignTitle, level: 1 }).waitFor();

  await phone.getByLabel(tx('mappraisal.self.analysis')).fill(selfAnalysis(me.name));
  const selfGroup = phone.getByRole('radiogroup', { name: tx('mappraisal.self.grade') });
  await selfGroup.getByRole('radio', { name: GRADE('qualified'), exact: true }).click();
  const saved = apiResponse(phone, '/api/me/appraisals/', 'PUT');
  await phone.getByRole('button', { name: txButton('mappraisal.self.submit') }).click();
  const r = await saved;
  assert(r.status() < 300, `${me.name}'s self-review answered ${r.status()}: ${await r.text()}`);
  await phone.getByText(tx('mappraisal.self.saved'), { exact: true }).waitFor();

  const others = b.all.filter((m) => m.id !== me.id);
  for (const [i, peer] of others.entries()) {
    // Each peer is rated in turn (the form names whom); tapping the name picks that peer.
    await phone.getByRole('list', { name: tx('mappraisal.peer.list') }).getByRole('button').filter({ hasText: peer.name }).click();
    const group = phone.getByRole('radiogroup', { name: tx('mappraisal.peer.rate', { name: peer.name }) });
    await group.waitFor();
    await group.getByRole('radio', { name: GRADE(peer.id === b.secretary.id ? 'excellent' : 'qualified'), exact: true }).click();
    await phone.getByLabel(tx('mappraisal.peer.comment')).fill(`${i + 1}号意见：工作认真，希望多分享经验。`);
    const sent = apiResponse(phone, '/api/me/appraisals/', 'POST');
    const last = i === others.length - 1;
    await phone.getByRole('button', { name: txButton(last ? 'mappraisal.peer.submitLast' : 'mappraisal.peer.submitNext') }).click();
    const s = await sent;
    assert(s.status() < 300, `${me.name}'s review of ${peer.name} answered ${s.status()}: ${await s.text()}`);
    await phone.getByRole('heading', { name: tx('mappraisal.peer.title', { n: i + 1, total: others.length }) }).waitFor();
  }
  await phone.getByText(tx('mappraisal.peer.allDone'), { exact: true }).waitFor();
  await assertFitsPhone(phone);
  await assertNoNamedGrades(phone, me, b, answers);
  await t.shot(phone, `${me.username} reviewed`);
  await phone.context().close();
}

export const appraisalFlow: Flow = {
  id: '8-appraisal',
  name: '8. 民主评议 with four members: self and peer reviews on phones, proposal within the 优秀 limit, 党员大会 confirmation, publication; members see only their own grade and the counts',
  timeoutMs: 240_000,
  async run(t) {
    const b = await t.step('the branch of flow 7 (or a new one): four members with accounts', () => orgLifeBranch(t.baseUrl, t.log));
    const campaignTitle = tx('appraisal.create.defaultTitle', { year: Number(beijingDate().slice(0, 4)) });

    const meetingTitle = await t.step('the 党员大会 that will review the proposal, already held (API, as the secretary)', async () => {
      // A person would enter it in 三会一课; the flow records it directly: two hours ago, an hour long.
      const start = beijingWallClock(-120);
      const startsAt = shanghaiInstant(start.date, start.time).toISOString();
      const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString();
      const title = `${start.date.slice(0, 4)}年度民主评议党员大会（青禾${b.run}）`;
      const r = await b.secretaryApi.request('POST', '/api/meetings', {
        orgId: b.branchId, kind: 'generalMeeting', title, topics: ['审议支部委员会提出的民主评议党员评定意见'], startsAt, endsAt, mode: 'offline', place: '公司一楼会议室',
        hostMemberId: b.secretary.id, recorderMemberId: b.attendee.id,
      });
      assert(r.status === 201, `POST /api/meetings (党员大会): HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      t.log(`党员大会 #${(r.body as { id: number }).id} "${title}" at ${start.date} ${start.time}`);
      return title;
    });

    const admin = await t.newPage();
    const campaignId = await t.step(`secretary ${b.secretary.username} starts the campaign (发起民主评议)`, async () => {
      await loginAdmin(admin, b.secretary.username);
      await admin.getByRole('menuitem', { name: tx('nav.appraisals') }).click();
      await admin.getByRole('heading', { name: tx('appraisal.title'), level: 1 }).waitFor();
      await admin.getByRole('button', { name: txButton('appraisal.create.button') }).click();
      const dialog = dialogTitled(admin, tx('appraisal.create.title'));
      await dialogReady(dialog);
      await pickOrg(admin, dialog.getByLabel(txField('appraisal.field.org')), b.branchName);
      await dialog.getByLabel(txField('appraisal.field.title')).fill(campaignTitle);
      await fillDate(dialog.getByLabel(txField('appraisal.field.reviewDueOn')), beijingDate(14));
      await t.shot(admin, 'campaign form');
      const created = apiResponse(admin, '/api/appraisals', 'POST', (u) => u.pathname === '/api/appraisals');
      await dialog.getByRole('button', { name: txButton('appraisal.create.submit') }).click();
      const r = await created;
      assert(r.status() === 201, `POST /api/appraisals answered ${r.status()}: ${await r.text()}`);
      const { id } = (await r.json()) as { id: number };
      await admin.waitForURL(`**/appraisals/${id}`);
      await admin.getByRole('heading', { name: campaignTitle, level: 1 }).waitFor();
      await admin.getByRole('tab', { name: tx('appraisal.tab.progress', { done: 0, total: 4 }) }).waitFor();
      await t.shot(admin, 'campaign started');
      return id;
    });
    t.log(`campaign #${campaignId} "${campaignTitle}"`);

    for (const m of b.all) {
      await t.step(`${m.name} writes the 党性分析 and reviews the other three on a phone`, () => review(t, b, m, campaignTitle));
    }

    await t.step('secretary sees 4/4 finished and ends the reviews (结束自评互评)', async () => {
      await admin.reload();
      await admin.getByRole('tab', { name: tx('appraisal.tab.progress', { done: 4, total: 4 }) }).waitFor();
      await admin.getByRole('button', { name: txButton('appraisal.closeReview.button') }).click();
      const confirm = admin.getByRole('dialog').filter({ hasText: tx('appraisal.closeReview.title') });
      await dialogReady(confirm);
      const closed = apiResponse(admin, `/api/appraisals/${campaignId}/close-review`, 'POST');
      await confirm.getByRole('button', { name: txButton('appraisal.closeReview.button') }).click();
      const r = await closed;
      assert(r.status() < 300, `close-review answered ${r.status()}: ${await r.text()}`);
      await confirm.waitFor({ state: 'hidden' });
      await admin.getByRole('tab', { name: tx('appraisal.tab.proposal') }).waitFor();
      await stageTag(admin, 'proposing').waitFor();
    });

    await t.step('secretary proposes grades: a second 优秀 is over the one-third limit, one is within it', async () => {
      await admin.getByRole('tab', { name: tx('appraisal.tab.proposal') }).click();
      const counter = admin.getByRole('status').filter({ hasText: /优秀/ });
      await counter.waitFor();
      // Each member's peer aggregate shows: three ballots each, and no names.
      const proposed = PROPOSED(b);
      const [first, second] = b.all;
      // Two 优秀 among four: over the limit of one.
      for (const m of [first, second]) await pickOption(admin, admin.getByRole('combobox', { name: tx('appraisal.proposal.gradeFor', { name: m.name }) }), GRADE('excellent'));
      await counter.getByText(new RegExp(escapeRegExp(tx('appraisal.proposal.over')))).waitFor();
      await t.shot(admin, 'over the limit');
      for (const m of b.all.slice(1)) await pickOption(admin, admin.getByRole('combobox', { name: tx('appraisal.proposal.gradeFor', { name: m.name }) }), GRADE(proposed.get(m.id)!));
      await admin.getByRole('textbox', { name: tx('appraisal.proposal.reasonFor', { name: first.name }) }).fill('带头学习，组织发展党员和党费收缴工作成效明显，群众评价好。');
      await waitUntil(async () => !(await counter.innerText()).includes(tx('appraisal.proposal.over')), 'the counter still says over the limit');
      const saved = apiResponse(admin, `/api/appraisals/${campaignId}/proposal`, 'PUT');
      await admin.getByRole('button', { name: txButton('appraisal.proposal.save') }).click();
      const r = await saved;
      assert(r.status() < 300, `saving the proposal answered ${r.status()}: ${await r.text()}`);
      await admin.getByText(tx('appraisal.proposal.saved')).first().waitFor();
      await t.shot(admin, 'proposal saved');
    });

    await t.step('secretary records the 党员大会 that confirmed it (党员大会审议确认) and publishes', async () => {
      await admin.getByRole('button', { name: txButton('appraisal.confirm.button') }).click();
      const dialog = dialogTitled(admin, tx('appraisal.confirm.title'));
      await dialogReady(dialog);
      await pickOption(admin, dialog.getByLabel(txField('appraisal.confirm.meeting')), new RegExp(`${escapeRegExp(meetingTitle)}\\s*$`));
      const confirmed = apiResponse(admin, `/api/appraisals/${campaignId}/confirm`, 'POST');
      await dialog.getByRole('button', { name: txButton('appraisal.confirm.button') }).click();
      const r = await confirmed;
      assert(r.status() < 300, `confirm answered ${r.status()}: ${await r.text()}`);
      await dialog.waitFor({ state: 'hidden' });
      await stageTag(admin, 'confirmed').waitFor();
      await admin.getByText(meetingTitle).first().waitFor();

      await admin.getByRole('button', { name: txButton('appraisal.publish.button') }).click();
      const ask = admin.getByRole('dialog').filter({ hasText: tx('appraisal.publish.title') });
      await dialogReady(ask);
      const published = apiResponse(admin, `/api/appraisals/${campaignId}/publish`, 'POST');
      await ask.getByRole('button', { name: txButton('appraisal.publish.button') }).click();
      const p = await published;
      assert(p.status() < 300, `publish answered ${p.status()}: ${await p.text()}`);
      await ask.waitFor({ state: 'hidden' });
      await stageTag(admin, 'published').waitFor();
      // The published counts, in the campaign's summary: 优秀 1, 合格 3.
      await admin.locator('.ant-descriptions-item').filter({ hasText: tx('appraisal.field.publishedCounts') }).getByText(`${GRADE('excellent')} 1`).waitFor();
      await t.shot(admin, 'published');
    });

    const member = b.onLeave;
    await t.step(`${member.name} sees their own grade (合格) and the counts (优秀 1, 合格 3) on the phone, and no one else's`, async () => {
      const phone = await t.newPage(PHONE);
      const answers = collectAnswers(phone);
      await loginPhone(phone, member.username);
      await phone.getByRole('button', { name: txStart('mmeetings.home.appraisals') }).click();
      await phone.getByRole('heading', { name: tx('mappraisal.list.title'), level: 1 }).waitFor();
      const item = phone.getByRole('button').filter({ hasText: campaignTitle }).first();
      await item.getByText(tx('mappraisal.list.grade', { grade: GRADE('qualified') })).waitFor();
      await assertNoNamedGrades(phone, member, b, answers);
      await t.shot(phone, 'member list after publication');
      await item.click();
      await phone.getByRole('heading', { name: tx('mappraisal.result.title') }).waitFor();
      await phone.locator('.ma-grade-big').getByText(GRADE('qualified'), { exact: true }).waitFor();
      await phone.getByText(tx('mappraisal.result.counts', { n: 4 })).waitFor();
      const counts = phone.locator('.ma-counts li');
      const expected: Record<string, string> = { excellent: '1', qualified: '3', basicallyQualified: '0', unqualified: '0' };
      for (const [g, n] of Object.entries(expected)) {
        await counts.filter({ hasText: new RegExp(`^${escapeRegExp(GRADE(g as AppraisalGrade))}`) }).getByText(tx('mappraisal.result.people', { n }), { exact: true }).waitFor();
      }
      await assertFitsPhone(phone);
      await assertNoNamedGrades(phone, member, b, answers);
      await t.shot(phone, 'member result');
      await phone.goto('/m/todos');
      await phone.getByRole('heading', { name: tx('mmeetings.todos.title'), level: 1 }).waitFor();
      await assertNoNamedGrades(phone, member, b, answers);
      await t.shot(phone, 'member to-dos after publication');
    });
  },
};
