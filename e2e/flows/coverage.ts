// Flow 6 (issue 3): the 乌镇 coordinator registers a company → its survey task appears → the
// survey finds 3 full members who will build their own branch → the branch is created and
// covers the company → the dashboard's 党的组织覆盖率 for 乌镇 goes up by exactly one company, and
// its drill-down lists it. Then the town's cadre visits the company and raises a 用工 request,
// the 市经信委 user resolves it, and the company's ledger (一企一册) shows the visit and the request.

import type { Page, Response } from 'playwright-core';
import {
  COVERAGE_MODE_LABELS, DEFAULT_RULE_SETTINGS, OPERATING_STATUS_LABELS, REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, SURVEY_STATUS_LABELS, SURVEY_WILLINGNESS_LABELS,
  addDays, daysBetween, formatRate, todayInShanghai,
} from '@hongyun/shared';
import { COMPANY, COMPANY_BRANCH, TOWN_NAME } from '../lib/fixtures';
import type { Flow, FlowContext } from '../lib/runner';
import { escapeRegExp, tx, txButton, txField, txPattern } from '../lib/texts';
import { apiResponse, cardTitled, chooseRadio, dialogReady, dialogTitled, loginAdmin, logout, openMenu, openTreeNode, pickOption, pickOrg, tableRows } from '../lib/ui';
import { assert, waitUntil } from '../lib/wait';

const CADRE = 'cadre';
const DEPARTMENT = '市经信委';
const VISIT = { peopleMet: '林总（总经理）、周女士（人事主管）', topics: '了解新党支部组建后的活动安排，企业反映客服岗位招聘困难。' };
const REQUEST = { title: `${COMPANY.name}客服岗位招聘对接`, resolution: '已将岗位信息推送至市人才市场和两所职业院校，下周举办专场招聘会。' };

interface Figure { value: number | null; numerator: number | null; denominator: number | null; asOf: string; drill: string | null }
interface DashboardAnswer { asOf: string; scope: { town: { id: number; name: string } | null }; coverage: { organisation: Figure } }

/** What the flow learns as it goes (times are this machine's clock when the write was answered). */
interface Seen { enterpriseId?: number; companyCreatedAt?: number; townOrgId?: number; branchId?: number; branchCreatedAt?: number; before?: Figure; visitId?: number; requestId?: number }
let seen: Seen = {};

const pathIs = (pathname: string) => (url: URL) => url.pathname === pathname;

async function created(response: Promise<Response>, what: string): Promise<number> {
  const r = await response;
  assert(r.status() === 201, `${what} answered ${r.status()}: ${await r.text()}`);
  return ((await r.json()) as { id: number }).id;
}

/** Step 1: 登记企业 from the registry, the form filled as a person would, the ledger opens. */
async function registerCompany(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.enterprises');
  await page.getByRole('button', { name: txButton('enterprises.list.create') }).click();
  await page.waitForURL('**/enterprises/new');
  await page.getByRole('heading', { name: tx('enterprises.form.createTitle'), level: 1 }).waitFor();
  await page.getByLabel(txField('enterprises.field.uscc')).fill(COMPANY.uscc);
  await page.getByLabel(txField('enterprises.field.name')).fill(COMPANY.name);
  await pickOption(page, page.getByLabel(txField('enterprises.field.kind')), COMPANY.kind);
  await pickOrg(page, page.getByLabel(txField('enterprises.field.town')), TOWN_NAME);
  await page.getByLabel(txField('enterprises.field.staffCount')).fill(String(COMPANY.staff));
  // Operating with fixed premises is the form's default: check it rather than assume it.
  await page.locator('.ant-form-item').filter({ hasText: tx('enterprises.field.operatingStatus') }).getByText(OPERATING_STATUS_LABELS.operating.zh, { exact: true }).waitFor();
  await t.shot(page, 'company form filled');
  const answer = apiResponse(page, '/api/enterprises', 'POST', pathIs('/api/enterprises'));
  await page.getByRole('button', { name: txButton('common.save') }).click();
  seen.enterpriseId = await created(answer, 'POST /api/enterprises');
  seen.companyCreatedAt = Date.now();
  const detail = apiResponse(page, `/api/enterprises/${seen.enterpriseId}`, 'GET', pathIs(`/api/enterprises/${seen.enterpriseId}`));
  await page.waitForURL(`**/enterprises/${seen.enterpriseId}`);
  const body = (await (await detail).json()) as { townOrgId: number; townName: string; inDenominator: boolean; coverageMode: string };
  seen.townOrgId = body.townOrgId;
  assert(body.townName === TOWN_NAME, `the company's town is ${body.townName}, expected ${TOWN_NAME}`);
  assert(body.inDenominator, 'an operating company with 30 staff and fixed premises is not in the coverage denominator');
  assert(body.coverageMode === 'none', `a new company's coverage is ${body.coverageMode}, expected none`);
  await page.getByRole('heading', { name: COMPANY.name, level: 1 }).waitFor();
  await page.getByText(COMPANY.uscc).first().waitFor();
  t.log(`company #${seen.enterpriseId} ${COMPANY.name} (${COMPANY.uscc}) in town #${seen.townOrgId}`);
  await t.shot(page, 'company ledger');
}

/** The 党的组织覆盖率 card: its value button (named "<title>：查看明细") and the card around it. */
function organisationCard(page: Page) {
  const title = tx('coverage.rate.organisation');
  const value = page.getByRole('button', { name: `${title}：${tx('coverage.figure.drill')}`, exact: true });
  return { value, card: page.locator('.ant-card').filter({ has: value }) };
}

/** Opens the dashboard for 乌镇 and answers the dashboard API's answer, after checking the card shows it. */
async function readDashboard(page: Page): Promise<DashboardAnswer> {
  const answer = apiResponse(page, '/api/dashboard', 'GET', (url) => url.pathname === '/api/dashboard' && url.searchParams.get('townOrgId') === String(seen.townOrgId));
  await page.goto(`/dashboard?townOrgId=${seen.townOrgId}`);
  const r = await answer;
  assert(r.status() === 200, `GET /api/dashboard answered ${r.status()}: ${await r.text()}`);
  const data = (await r.json()) as DashboardAnswer;
  assert(data.scope.town?.id === seen.townOrgId, `the dashboard answered for town ${JSON.stringify(data.scope.town)}, not #${seen.townOrgId}`);
  const f = data.coverage.organisation;
  assert(f.numerator !== null && f.denominator !== null && f.denominator > 0, `the organisation rate has no numerator/denominator: ${JSON.stringify(f)}`);
  // The card, in the page's own format: the rate, "numerator / denominator", and the as-of time.
  const { value, card } = organisationCard(page);
  const shown = formatRate(f.numerator / f.denominator);
  await waitUntil(async () => (await value.innerText()).trim() === shown, `the 党的组织覆盖率 card should show ${shown}`);
  // "13 / 16" followed by the 分母明细 link in the same line.
  const ratio = tx('coverage.figure.ratio', { numerator: f.numerator, denominator: f.denominator });
  await card.getByText(new RegExp(`^${escapeRegExp(ratio)}(?!\\d)`)).first().waitFor();
  const asOfText = await page.evaluate((iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }), data.asOf);
  await page.getByText(tx('coverage.dashboard.asOf', { time: asOfText }), { exact: true }).waitFor();
  await page.getByRole('navigation').getByText(TOWN_NAME).first().waitFor();
  return data;
}

/**
 * The dashboard shares an answer per scope for a few seconds (its as-of time says when it was
 * read): reload until that time is after `since`, so the answer includes what was saved then.
 */
function readDashboardSince(page: Page, since: number, what: string): Promise<DashboardAnswer> {
  return waitUntil(async () => {
    const d = await readDashboard(page);
    return Date.parse(d.asOf) > since ? d : null;
  }, `the dashboard's as-of time never moved past ${what}`, 30_000);
}

/** Step 2: the town's figure before the branch exists (but after the company was registered). */
async function dashboardBefore(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.dashboard');
  const data = await readDashboardSince(page, seen.companyCreatedAt!, 'the company registration');
  seen.before = data.coverage.organisation;
  t.log(`乌镇 组织覆盖率 before: ${seen.before.numerator} / ${seen.before.denominator} (${formatRate(seen.before.value)}), as of ${data.asOf}`);
  await t.shot(page, 'dashboard before');
}

/** Step 3: the open task (due in the setting's 30 days) → 完成摸排: 3 full members, build their own. */
async function completeSurvey(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.surveys');
  const search = page.getByRole('searchbox', { name: tx('surveys.filter.search') });
  await search.fill(COMPANY.name);
  const listed = apiResponse(page, '/api/surveys', 'GET', (url) => url.pathname === '/api/surveys' && url.searchParams.get('q') === COMPANY.name);
  await search.press('Enter');
  const list = (await (await listed).json()) as { today: string; items: { id: number; enterpriseId: number; status: string; dueOn: string }[] };
  const task = list.items.find((s) => s.enterpriseId === seen.enterpriseId);
  assert(task, `no survey task for ${COMPANY.name} in ${JSON.stringify(list.items).slice(0, 300)}`);
  assert(task.status === 'open', `the new company's survey task is ${task.status}, expected open`);
  const dueDays = DEFAULT_RULE_SETTINGS.surveyDueDays.value;
  assert(task.dueOn === addDays(todayInShanghai(), dueDays), `the task is due ${task.dueOn}, expected ${dueDays} days from today (${todayInShanghai()})`);
  assert(daysBetween(list.today, task.dueOn) === dueDays, `the list's today ${list.today} is not ${dueDays} days before ${task.dueOn}`);
  const row = tableRows(page).filter({ hasText: COMPANY.name });
  await row.getByText(tx('surveys.due.left', { days: dueDays }), { exact: true }).waitFor();
  await t.shot(page, 'survey task listed');

  await row.getByRole('button', { name: txButton('surveys.complete.button') }).click();
  const dialog = dialogTitled(page, tx('surveys.complete.title', { name: COMPANY.name }));
  await dialogReady(dialog);
  await dialog.getByLabel(txField('surveys.field.membersFound')).fill('3');
  await dialog.getByLabel(txField('surveys.field.fullMembersFound')).fill('3');
  await pickOption(page, dialog.getByLabel(txField('surveys.field.willingness')), SURVEY_WILLINGNESS_LABELS.willing.zh);
  await pickOption(page, dialog.getByLabel(txField('surveys.field.recommendedMode')), COVERAGE_MODE_LABELS.standalone.zh);
  await t.shot(page, 'survey form filled');
  const done = apiResponse(page, `/api/surveys/${task.id}/complete`, 'POST');
  await dialog.getByRole('button', { name: txButton('surveys.complete.submit') }).click();
  const r = await done;
  assert(r.status() === 200 || r.status() === 204, `POST /api/surveys/${task.id}/complete answered ${r.status()}: ${await r.text()}`);
  await dialog.waitFor({ state: 'hidden' });
  await row.getByText(SURVEY_STATUS_LABELS.done.zh, { exact: true }).waitFor();
  await row.getByText(tx('surveys.list.resultText', { members: 3, full: 3, mode: COVERAGE_MODE_LABELS.standalone.zh })).waitFor();
  await t.shot(page, 'survey done');
}

/** Step 4: a 党支部 under 乌镇 linked to the company; the company becomes 单独组建 by itself. */
async function createBranch(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.orgs');
  await page.getByLabel(tx('org.tree.search')).fill(TOWN_NAME);
  await openTreeNode(page, TOWN_NAME);
  await page.getByRole('button', { name: txButton('org.action.addChild') }).click();
  const dialog = dialogTitled(page, tx('org.form.createTitle', { name: TOWN_NAME }));
  await dialogReady(dialog);
  await pickOption(page, dialog.getByLabel(txField('org.field.kind')), '党支部');
  const code = dialog.getByLabel(txField('org.field.code'));
  await code.fill(`${await code.inputValue()}${COMPANY_BRANCH.codeSuffix}`);
  await dialog.getByLabel(txField('org.field.name')).fill(COMPANY_BRANCH.name);
  await pickOption(page, dialog.getByLabel(txField('org.field.enterprises')), `${COMPANY.name}（${COMPANY.uscc}）`, COMPANY.name);
  // Close the multiple select's list so that it does not cover the dialog's buttons.
  await dialog.getByLabel(txField('org.field.name')).click();
  await t.shot(page, 'branch form filled');
  const answer = apiResponse(page, '/api/orgs', 'POST', pathIs('/api/orgs'));
  await dialog.getByRole('button', { name: txButton('common.save') }).click();
  seen.branchId = await created(answer, 'POST /api/orgs');
  seen.branchCreatedAt = Date.now();
  await page.waitForURL(`**/orgs/${seen.branchId}`);
  await page.getByRole('heading', { name: COMPANY_BRANCH.name }).first().waitFor();
  t.log(`branch #${seen.branchId} ${COMPANY_BRANCH.name}`);
  await t.shot(page, 'branch created');

  const detail = apiResponse(page, `/api/enterprises/${seen.enterpriseId}`, 'GET', pathIs(`/api/enterprises/${seen.enterpriseId}`));
  await page.goto(`/enterprises/${seen.enterpriseId}`);
  const body = (await (await detail).json()) as { coverageMode: string; presence: { coverageOrg: { id: number } | null } };
  assert(body.coverageMode === 'standalone', `after the branch the company's coverage is ${body.coverageMode}, expected standalone`);
  assert(body.presence.coverageOrg?.id === seen.branchId, `the company is covered by ${JSON.stringify(body.presence.coverageOrg)}, expected the new branch #${seen.branchId}`);
  const coverage = cardTitled(page, tx('enterprises.detail.coverage'));
  await coverage.locator('.ant-descriptions-item').filter({ hasText: tx('enterprises.field.coverageMode') }).getByText(COVERAGE_MODE_LABELS.standalone.zh, { exact: true }).waitFor();
  await coverage.getByRole('link', { name: COMPANY_BRANCH.name }).waitFor();
  await t.shot(page, 'company covered standalone');
}

/** Step 5: once the cached answer is newer than the branch, +1 over the same denominator; drill-down lists the company. */
async function dashboardAfter(t: FlowContext, page: Page): Promise<void> {
  const before = seen.before!;
  const data = await readDashboardSince(page, seen.branchCreatedAt!, 'the branch creation');
  const after = data.coverage.organisation;
  t.log(`乌镇 组织覆盖率 after: ${after.numerator} / ${after.denominator} (${formatRate(after.value)}), as of ${data.asOf}`);
  assert(after.denominator === before.denominator, `the denominator changed from ${before.denominator} to ${after.denominator}`);
  assert(after.numerator === before.numerator! + 1, `the numerator went from ${before.numerator} to ${after.numerator}, expected +1`);
  assert(after.value !== null && Math.abs(after.value - after.numerator! / after.denominator!) < 1e-9, `the rate ${after.value} is not ${after.numerator}/${after.denominator}`);
  await t.shot(page, 'dashboard after');

  assert(after.drill, 'the organisation rate has no drill-down');
  const listed = apiResponse(page, '/api/enterprises', 'GET', pathIs('/api/enterprises'));
  await organisationCard(page).value.click();
  await page.waitForURL((url) => url.pathname === '/enterprises');
  const url = new URL(page.url());
  assert(url.searchParams.get('townOrgId') === String(seen.townOrgId) && url.searchParams.get('organised') === 'true',
    `the drill-down opened ${url.pathname}${url.search}, expected the organised companies of town #${seen.townOrgId}`);
  await page.getByRole('heading', { name: tx('enterprises.list.title'), level: 1 }).waitFor();
  const total = ((await (await listed).json()) as { total: number }).total;
  assert(total === after.numerator, `the drill-down lists ${total} companies, the numerator is ${after.numerator}`);
  await page.getByText(tx('common.total', { total })).waitFor();
  await t.shot(page, 'drill-down');
  // Narrow the filtered list by name (the filters stay): the company is among them.
  await page.getByRole('search').getByLabel(tx('enterprises.filter.q'), { exact: true }).fill(COMPANY.name);
  const narrowed = apiResponse(page, '/api/enterprises', 'GET', (u) => u.pathname === '/api/enterprises' && u.searchParams.get('q') === COMPANY.name);
  await page.getByRole('search').getByRole('button', { name: txButton('common.search') }).click();
  const narrowedUrl = new URL((await narrowed).url());
  assert(narrowedUrl.searchParams.get('organised') === 'true' && narrowedUrl.searchParams.get('townOrgId') === String(seen.townOrgId), `the search dropped the drill-down's filters: ${narrowedUrl.search}`);
  const row = tableRows(page).filter({ hasText: COMPANY.name });
  await row.getByRole('link', { name: COMPANY.name }).waitFor();
  await row.getByText(COVERAGE_MODE_LABELS.standalone.zh, { exact: true }).waitFor();
  await t.shot(page, 'drill-down lists the company');
}

/** Step 6 (setup): wuzhen pairs the demo cadre with the company on 联系干部. */
async function pairCadre(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.cadres');
  const row = tableRows(page).filter({ has: page.getByText(CADRE, { exact: true }) });
  await row.waitFor();
  await row.getByRole('button', { name: txButton('service.cadre.assign') }).click();
  const dialog = dialogTitled(page, txPattern('service.cadre.assignTitle'));
  await dialogReady(dialog);
  await pickOption(page, dialog.getByLabel(txField('service.cadre.companies')), `${COMPANY.name}（${COMPANY.uscc}）`, COMPANY.name);
  await dialog.locator('.ant-modal-title').click();
  const answer = apiResponse(page, '/api/cadre-assignments', 'POST');
  await dialog.getByRole('button', { name: txButton('common.save') }).click();
  const r = await answer;
  assert(r.status() === 201, `POST /api/cadre-assignments answered ${r.status()}: ${await r.text()}`);
  const result = (await r.json()) as { assigned: number };
  assert(result.assigned === 1, `the pairing assigned ${result.assigned} companies, expected 1`);
  await dialog.waitFor({ state: 'hidden' });
  await t.shot(page, 'cadre paired');
}

/** Step 7: the cadre logs a visit, then raises a 用工 request from it, routed to 市经信委. */
async function visitAndRequest(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.visits');
  const mine = cardTitled(page, tx('service.visit.myCompanies'));
  const company = mine.locator('.ant-table-tbody > tr.ant-table-row').filter({ hasText: COMPANY.name });
  await company.getByRole('button', { name: txButton('service.visit.log') }).click();
  const visit = dialogTitled(page, tx('service.visit.log'));
  await dialogReady(visit);
  const visitedOn = visit.getByLabel(txField('service.visit.visitedOn'));
  assert((await visitedOn.inputValue()) === todayInShanghai(), `the visit date is ${await visitedOn.inputValue()}, expected today ${todayInShanghai()}`);
  await visit.getByLabel(txField('service.visit.peopleMet')).fill(VISIT.peopleMet);
  await visit.getByLabel(txField('service.visit.topics')).fill(VISIT.topics);
  await t.shot(page, 'visit form filled');
  const logged = apiResponse(page, '/api/visits', 'POST');
  await visit.getByRole('button', { name: txButton('common.save') }).click();
  seen.visitId = await created(logged, 'POST /api/visits');
  await visit.waitFor({ state: 'hidden' });

  const list = cardTitled(page, tx('service.visit.listTitle'));
  const visitRow = list.locator('.ant-table-tbody > tr.ant-table-row').filter({ hasText: COMPANY.name }).filter({ hasText: VISIT.peopleMet });
  await visitRow.waitFor();
  await t.shot(page, 'visit logged');
  await visitRow.getByRole('button', { name: txButton('service.request.raise') }).click();
  const request = dialogTitled(page, tx('service.request.raise'));
  await dialogReady(request);
  await waitUntil(() => request.getByRole('radio', { name: tx('service.request.via.visit'), exact: true }).isChecked(), 'a request raised from a visit should come 走访中提出');
  await chooseRadio(page, REQUEST_CATEGORY_LABELS.staffing.zh);
  await request.getByLabel(txField('service.request.title')).fill(REQUEST.title);
  // Each department's option shows its duties under its name.
  await pickOption(page, request.getByLabel(txField('service.request.department')), new RegExp(`^\\s*${escapeRegExp(DEPARTMENT)}`));
  await t.shot(page, 'request form filled');
  const raised = apiResponse(page, '/api/requests', 'POST', pathIs('/api/requests'));
  await request.getByRole('button', { name: txButton('common.save') }).click();
  const r = await raised;
  const sent = r.request().postDataJSON() as { visitId?: number; category: string; enterpriseId: number };
  seen.requestId = await created(Promise.resolve(r), 'POST /api/requests');
  assert(sent.visitId === seen.visitId && sent.category === 'staffing' && sent.enterpriseId === seen.enterpriseId, `the request was sent as ${JSON.stringify(sent)}`);
  await request.waitFor({ state: 'hidden' });
  await t.shot(page, 'request raised');
}

/** Step 8: 市经信委 accepts, works on and resolves the request. */
async function resolveRequest(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.requests');
  const row = tableRows(page).filter({ hasText: REQUEST.title });
  await row.getByText(REQUEST_STATUS_LABELS.new.zh, { exact: true }).waitFor();
  await row.getByText(DEPARTMENT).waitFor();
  await t.shot(page, 'request listed for the department');
  await row.getByText(REQUEST.title, { exact: true }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: tx('service.request.timeline') });
  await dialogReady(drawer);
  // The drawer's facts are a bordered table: the 状态 row.
  const status = drawer.locator('tr').filter({ has: page.getByText(tx('service.request.status'), { exact: true }) });
  const move = async (action: 'accepted' | 'inProgress') => {
    const answer = apiResponse(page, `/api/requests/${seen.requestId}/status`, 'POST');
    await drawer.getByRole('button', { name: txButton(`service.request.action.${action}`) }).click();
    const r = await answer;
    assert(r.status() === 200, `${action}: POST /api/requests/${seen.requestId}/status answered ${r.status()}: ${await r.text()}`);
    await status.getByText(REQUEST_STATUS_LABELS[action].zh, { exact: true }).waitFor();
  };
  await move('accepted');
  const offered = drawer.getByRole('button', { name: txButton('service.request.action.inProgress') });
  await drawer.getByRole('button', { name: txButton('service.request.action.resolved') }).waitFor();
  if (await offered.isVisible()) await move('inProgress');
  await t.shot(page, 'request in progress');
  await drawer.getByRole('button', { name: txButton('service.request.action.resolved') }).click();
  const resolve = dialogTitled(page, tx('service.request.action.resolved'));
  await dialogReady(resolve);
  await resolve.getByLabel(txField('service.request.resolution')).fill(REQUEST.resolution);
  const answer = apiResponse(page, `/api/requests/${seen.requestId}/status`, 'POST');
  await resolve.getByRole('button', { name: txButton('common.save') }).click();
  const r = await answer;
  assert(r.status() === 200, `resolve: POST /api/requests/${seen.requestId}/status answered ${r.status()}: ${await r.text()}`);
  await resolve.waitFor({ state: 'hidden' });
  await status.getByText(REQUEST_STATUS_LABELS.resolved.zh, { exact: true }).waitFor();
  await drawer.getByText(REQUEST.resolution).first().waitFor();
  await t.shot(page, 'request resolved');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await row.getByText(REQUEST_STATUS_LABELS.resolved.zh, { exact: true }).waitFor();
}

/** Step 9: the company's ledger shows the visit and the resolved request. */
async function ledger(t: FlowContext, page: Page): Promise<void> {
  await page.goto(`/enterprises/${seen.enterpriseId}`);
  await page.getByRole('heading', { name: COMPANY.name, level: 1 }).waitFor();
  await page.getByRole('tab', { name: tx('enterprises.detail.tabService') }).click();
  const card = cardTitled(page, tx('service.ledger.title'));
  await card.waitFor();
  const requestRow = card.locator('tr.ant-table-row').filter({ hasText: REQUEST.title });
  await card.getByRole('tab', { name: tx('service.ledger.requests', { count: 1 }) }).click();
  await requestRow.getByText(REQUEST_STATUS_LABELS.resolved.zh, { exact: true }).waitFor();
  await requestRow.getByText(REQUEST_CATEGORY_LABELS.staffing.zh, { exact: true }).waitFor();
  await requestRow.getByText(DEPARTMENT).waitFor();
  await t.shot(page, 'ledger requests');
  await card.getByRole('tab', { name: tx('service.ledger.visits', { count: 1 }) }).click();
  const visitRow = card.locator('tr.ant-table-row').filter({ hasText: VISIT.peopleMet });
  await visitRow.getByText(VISIT.topics).waitFor();
  await t.shot(page, 'ledger visits');
}

export const coverageFlow: Flow = {
  id: '6-coverage',
  name: '6. a registered company is surveyed, gets its own branch, moves 乌镇\'s 组织覆盖率 by one; a cadre\'s 用工 request is resolved and shows in its ledger',
  timeoutMs: 240_000,
  async run(t) {
    seen = {};
    const page = await t.newPage();
    await t.step('log in as wuzhen', () => loginAdmin(page, 'wuzhen'));
    await t.step('register a company in 乌镇', () => registerCompany(t, page));
    await t.step('read 乌镇\'s 组织覆盖率 before', () => dashboardBefore(t, page));
    await t.step('complete its survey: 3 full members, 单独组建', () => completeSurvey(t, page));
    await t.step('create its 党支部 linked to the company', () => createBranch(t, page));
    await t.step('组织覆盖率 +1 over the same denominator; the drill-down lists it', () => dashboardAfter(t, page));
    await t.step('pair the cadre with the company', () => pairCadre(t, page));
    await t.step('log out; log in as cadre', async () => {
      await logout(page);
      await loginAdmin(page, CADRE);
    });
    await t.step('log a visit and raise a 用工 request from it', () => visitAndRequest(t, page));
    await t.step('log out; log in as dept', async () => {
      await logout(page);
      await loginAdmin(page, 'dept');
    });
    await t.step('市经信委 accepts and resolves the request', () => resolveRequest(t, page));
    await t.step('log out; log in as wuzhen', async () => {
      await logout(page);
      await loginAdmin(page, 'wuzhen');
    });
    await t.step('the ledger shows the visit and the resolved request', () => ledger(t, page));
  },
};
