// What a person does on the page, in the words the page shows (see lib/texts.ts).

import type { Locator, Page, Response } from 'playwright-core';
import { PASSWORD } from './fixtures';
import { tx, txButton } from './texts';
import { waitUntil } from './wait';

/** Logs in on the admin login page and waits to leave it. */
export async function loginAdmin(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(tx('auth.login.username')).fill(username);
  await page.getByLabel(tx('auth.login.password')).fill(PASSWORD);
  await page.getByRole('button', { name: txButton('auth.login.submit') }).click();
  // '/' redirects to the first page the account may open, and the organisation page then
  // selects its first organisation: let that settle before clicking anything else.
  await page.waitForURL((url) => !url.pathname.startsWith('/login') && url.pathname !== '/' && url.pathname !== '/orgs');
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

// The h1 each menu entry leads to: navigation renders the old page until the new one's
// chunk has loaded (React transitions), so a flow waits for the new heading.
const MENU_HEADINGS: Record<string, string> = {
  'nav.orgs': 'org.page.title',
  'nav.members': 'member.list.title',
  'nav.import': 'import.title',
  'nav.audit': 'audit.title',
};

/** Clicks an entry of the admin side menu and waits for its page. */
export async function openMenu(page: Page, key: string): Promise<void> {
  await page.getByRole('menuitem', { name: tx(key) }).click();
  const heading = MENU_HEADINGS[key];
  if (heading) await page.getByRole('heading', { name: tx(heading), level: 1 }).waitFor();
}

/** The open dropdown of an antd Select / TreeSelect / AutoComplete. */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-tree-select-dropdown:not(.ant-select-dropdown-hidden)').last();
}

/** Picks `text` (exactly) in an antd Select, typing `search` first when given. */
export async function pickOption(page: Page, field: Locator, text: string, search?: string): Promise<void> {
  await field.click();
  if (search) await field.fill(search);
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: exact }).first().click();
}

/** Picks an organisation in an OrgTreeSelect by typing its name and clicking the match. */
export async function pickOrg(page: Page, field: Locator, name: string): Promise<void> {
  await field.click();
  await field.fill(name);
  await openDropdown(page).locator('.ant-select-tree-node-content-wrapper').filter({ hasText: name }).first().click();
}

/** Types a 'YYYY-MM-DD' date into an antd DatePicker and leaves the field, which commits it. */
export async function fillDate(field: Locator, date: string): Promise<void> {
  await field.click();
  await field.fill(date);
  // Not Enter: inside a form, Enter also submits the form.
  await field.press('Tab');
  await waitUntil(async () => (await field.inputValue()) === date, `the date field did not keep ${date}`);
}

/** The page's HTML must not contain `needle` (e.g. a full ID number). */
export async function assertNotInHtml(page: Page, needle: string, what: string): Promise<void> {
  const html = await page.content();
  if (html.includes(needle)) throw new Error(`${what} appears in the page HTML of ${page.url()}`);
}

/** Waits for the JSON answer of an API call the page makes, matched by path prefix. */
export function apiResponse(page: Page, pathPrefix: string, method = 'GET', match: (url: URL) => boolean = () => true): Promise<Response> {
  const waiting = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.startsWith(pathPrefix) && r.request().method() === method && match(url);
  });
  // Started before the click that triggers it: if that click fails, nobody awaits this one.
  waiting.catch(() => undefined);
  return waiting;
}

/** Rows of the first antd table on the page (data rows only). */
export function tableRows(page: Page): Locator {
  return page.locator('.ant-table-tbody > tr.ant-table-row');
}

export async function waitForRowCount(page: Page, count: number, what: string): Promise<void> {
  await waitUntil(async () => (await tableRows(page).count()) === count, `${what}: expected ${count} rows`);
}

/** Chooses an option of an antd button-style Radio.Group by its visible text. */
export async function chooseRadio(page: Page, text: string): Promise<void> {
  // The real <input type=radio> is invisible; a person clicks the button-shaped label.
  await page.locator('label').filter({ has: page.getByRole('radio', { name: text, exact: true }) }).click();
  await waitUntil(() => page.getByRole('radio', { name: text, exact: true }).isChecked(), `the ${text} radio did not become checked`);
}
