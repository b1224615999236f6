// Flow 1: a city admin builds a branch under a town, adds one member by the form and three by
// the import wizard, and sees all four in the roster with masked ID numbers only.

import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { BRANCH, FORM_MEMBER, IMPORTED_MEMBERS, ALL_NEW_MEMBERS, TOWN_NAME, state } from '../lib/fixtures';
import { fillTemplate } from '../lib/roster-file';
import type { Flow, FlowContext } from '../lib/runner';
import { tx, txButton, txField } from '../lib/texts';
import { apiResponse, assertNotInHtml, chooseRadio, fillDate, loginAdmin, openMenu, openTreeNode, pickOption, pickOrg, tableRows, waitForRowCount } from '../lib/ui';
import { assert, waitUntil } from '../lib/wait';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function createBranch(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.orgs');
  await page.getByLabel(tx('org.tree.search')).fill(TOWN_NAME);
  await openTreeNode(page, TOWN_NAME);
  const townUrl = page.url();
  await page.getByRole('button', { name: txButton('org.action.addChild') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await pickOption(page, dialog.getByLabel(tx('org.field.kind')), '党支部');
  const code = dialog.getByLabel(tx('org.field.code'));
  const prefix = await code.inputValue();
  await code.fill(`${prefix}${BRANCH.codeSuffix}`);
  await dialog.getByLabel(tx('org.field.name'), { exact: true }).fill(BRANCH.name);
  await t.shot(page, 'new branch form');
  const created = apiResponse(page, '/api/orgs', 'POST');
  await dialog.getByRole('button', { name: txButton('common.save') }).click();
  const response = await created;
  assert(response.status() === 201 || response.status() === 200, `POST /api/orgs answered ${response.status()}: ${await response.text()}`);
  await page.waitForURL((url) => url.href !== townUrl && /\/orgs\/\d+$/.test(url.pathname));
  state.branchId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('heading', { name: BRANCH.name }).first().waitFor();
  t.log(`branch #${state.branchId} created`);
  await t.shot(page, 'branch created');
}

async function addMemberByForm(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.members');
  await page.getByRole('button', { name: txButton('member.list.create') }).click();
  await page.waitForURL('**/members/new');
  await page.getByRole('heading', { name: tx('member.form.createTitle') }).waitFor();
  await page.getByRole('textbox', { name: txField('member.field.name') }).fill(FORM_MEMBER.name);
  await page.getByRole('textbox', { name: txField('member.field.idNumber') }).fill(FORM_MEMBER.idNumber);
  await pickOrg(page, page.getByLabel(tx('member.field.org'), { exact: true }), BRANCH.name);
  await chooseRadio(page, '正式党员');
  await fillDate(page.getByLabel(tx('member.field.joinedOn'), { exact: true }), '2015-07-01');
  await fillDate(page.getByLabel(tx('member.field.confirmedOn'), { exact: true }), '2016-07-01');
  await t.shot(page, 'member form filled');
  const created = apiResponse(page, '/api/members', 'POST');
  await page.getByRole('button', { name: txButton('common.save') }).click();
  const response = await created;
  assert(response.status() === 201, `POST /api/members answered ${response.status()}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: number };
  state.memberIds.set(FORM_MEMBER.name, id);
  await page.waitForURL(`**/members/${id}`);
  await page.getByRole('heading', { name: FORM_MEMBER.name }).waitFor();
  await page.getByText(FORM_MEMBER.masked).first().waitFor();
  await assertNotInHtml(page, FORM_MEMBER.idNumber, 'the full ID number');
  await t.shot(page, 'member created');
}

async function importThree(t: FlowContext, page: Page): Promise<void> {
  await openMenu(page, 'nav.import');
  await page.getByRole('heading', { name: tx('import.title') }).waitFor();
  // The template as a person gets it: the download button.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: txButton('import.upload.template') }).click(),
  ]);
  const templatePath = await download.path();
  assert(templatePath, 'the template download did not complete');
  const file = await fillTemplate(fs.readFileSync(templatePath), IMPORTED_MEMBERS);

  await pickOrg(page, page.getByRole('combobox', { name: tx('import.upload.org') }), BRANCH.name);
  await page.locator('input[type=file]').setInputFiles({ name: '党员导入-e2e.xlsx', mimeType: XLSX_MIME, buffer: file });
  await page.getByText('党员导入-e2e.xlsx').waitFor();
  await t.shot(page, 'import file chosen');
  const started = apiResponse(page, '/api/members/import', 'POST');
  await page.getByRole('button', { name: txButton('import.upload.submit') }).click();
  const response = await started;
  assert(response.status() === 202, `POST /api/members/import answered ${response.status()}: ${await response.text()}`);
  state.importJobId = ((await response.json()) as { jobId: string }).jobId;

  // Progress (a progress bar) shows while the server validates; with three rows it may be brief.
  const report = page.getByText(tx('import.report.allValid'));
  const progress = page.getByRole('progressbar');
  await waitUntil(async () => (await report.isVisible()) || (await progress.isVisible()), 'neither progress nor the report appeared after the upload', 30_000);
  if (await progress.isVisible()) {
    await t.shot(page, 'import progress');
    t.log('validation progress shown');
  }
  await report.waitFor({ timeout: 60_000 });
  for (const [key, value] of [['import.report.total', 3], ['import.report.valid', 3], ['import.report.errors', 0]] as const) {
    const stat = page.locator('.ant-statistic').filter({ hasText: tx(key) });
    await waitUntil(async () => (await stat.locator('.ant-statistic-content').innerText()).trim() === String(value), `report: ${tx(key)} should be ${value}`);
  }
  await t.shot(page, 'import report');

  await page.getByRole('button', { name: txButton('import.report.commit') }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  await confirm.getByRole('button', { name: txButton('import.report.commit') }).click();
  await page.getByText(tx('import.result.done', { count: 3 })).waitFor({ timeout: 60_000 });
  await t.shot(page, 'import done');
  await page.getByRole('button', { name: txButton('import.result.toRoster') }).click();
}

async function checkRoster(t: FlowContext, page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('orgId') === String(state.branchId));
  await waitForRowCount(page, 4, `the roster of ${BRANCH.name}`);
  for (const p of ALL_NEW_MEMBERS) {
    const row = tableRows(page).filter({ hasText: p.name });
    await row.getByText(p.masked).waitFor();
    await assertNotInHtml(page, p.idNumber, `${p.name}'s full ID number`);
  }
  const html = await page.content();
  assert(/330483\*{8}\d{3}[\dX]/.test(html), 'no masked ID number of the 330483********1234 form on the roster');
  await t.shot(page, 'roster of the new branch');

  // Opening a record is a view the audit log must show.
  const viewed = IMPORTED_MEMBERS[0];
  await tableRows(page).filter({ hasText: viewed.name }).getByRole('link', { name: viewed.name }).click();
  await page.waitForURL(/\/members\/\d+$/);
  state.memberIds.set(viewed.name, Number(new URL(page.url()).pathname.split('/').pop()));
  await page.getByRole('heading', { name: viewed.name }).waitFor();
  await page.getByText(viewed.masked).first().waitFor();
  await assertNotInHtml(page, viewed.idNumber, `${viewed.name}'s full ID number`);
  await t.shot(page, 'imported member detail');
}

export const recordsFlow: Flow = {
  id: '1-records',
  name: '1. city admin creates a branch, adds a member by form and three by import; roster shows them masked',
  timeoutMs: 120_000,
  async run(t) {
    const page = await t.newPage();
    await t.step('log in as city', () => loginAdmin(page, 'city'));
    await t.step(`create a branch under ${TOWN_NAME}`, () => createBranch(t, page));
    await t.step('add a member by the form', () => addMemberByForm(t, page));
    await t.step('import three members from an .xlsx', () => importThree(t, page));
    await t.step('see four masked members in the roster', () => checkRoster(t, page));
    // Names → ids for the flows that follow (scope, audit).
    await t.step('note the new members\' ids', async () => {
      const r = await page.request.get(`/api/members?orgId=${state.branchId}&pageSize=100`);
      const body = (await r.json()) as { items: { id: number; name: string }[] };
      for (const m of body.items) state.memberIds.set(m.name, m.id);
      assert(ALL_NEW_MEMBERS.every((p) => state.memberIds.has(p.name)), 'not all four members are in the branch');
    });
  },
};
