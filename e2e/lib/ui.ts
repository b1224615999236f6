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

/** Logs out with the header's button and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: txButton('header.logout') }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
  await page.getByLabel(tx('auth.login.username')).waitFor();
}

// The h1 each menu entry leads to: navigation renders the old page until the new one's
// chunk has loaded (React transitions), so a flow waits for the new heading.
const MENU_HEADINGS: Record<string, string> = {
  'nav.orgs': 'org.page.title',
  'nav.members': 'member.list.title',
  'nav.import': 'import.title',
  'nav.audit': 'audit.title',
  'nav.dashboard': 'coverage.dashboard.title',
  'nav.enterprises': 'enterprises.list.title',
  'nav.surveys': 'surveys.list.title',
  'nav.requests': 'service.request.pageTitle',
  'nav.visits': 'service.visit.pageTitle',
  'nav.cadres': 'service.cadre.pageTitle',
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

/**
 * Picks `text` (exactly; or an option matching the pattern, e.g. a label with a description
 * under it) in an antd Select, typing `search` first when given. A single Select must then show
 * the choice: under load a pick was seen to be lost (the field stayed empty), so
 * the pick is tried again (at most three times) rather than the form sent without it.
 */
export async function pickOption(page: Page, field: Locator, text: string | RegExp, search?: string): Promise<void> {
  const exact = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
  // This field's own list (it holds the listbox "<id>_list"): another Select's list may still be
  // fading out after its pick, and the last open one is not always this one.
  const id = await field.getAttribute('id');
  const dropdown = id
    ? page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').filter({ has: page.locator(`[id="${id}_list"]`) })
    : openDropdown(page);
  const select = field.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const multiple = await select.evaluate((el) => el.classList.contains('ant-select-multiple'));
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (search) await field.fill(search);
    const option = dropdown.locator('.ant-select-item-option').filter({ hasText: exact }).first();
    await option.waitFor();
    // Under load the open list was seen to keep moving for many seconds (Playwright: "element is
    // not stable") and then to close: choose with the keyboard instead, as a person could.
    const clicked = await option.click({ timeout: 5000 }).then(() => true, () => false);
    if (!clicked) await chooseByKeyboard(field, dropdown, exact);
    if (multiple) return;
    const shown = async () => {
      const content = select.locator('.ant-select-content, .ant-select-selection-item').first();
      // The shown text; the title is usually the same, but an option may carry its own title.
      return exact.test(await content.innerText()) || exact.test((await content.getAttribute('title')) ?? '');
    };
    try {
      await waitUntil(shown, `the select did not show ${String(text)} after the pick`, 3000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Opens the Select from the keyboard, moves to the option matching `text` and presses Enter. */
async function chooseByKeyboard(field: Locator, dropdown: Locator, text: RegExp): Promise<void> {
  await field.focus();
  const active = dropdown.locator('.ant-select-item-option-active');
  for (let step = 0; step < 50; step++) {
    const current = (await dropdown.isVisible()) ? await active.first().innerText({ timeout: 500 }).catch(() => '') : null;
    if (current !== null && text.test(current)) {
      await field.press('Enter');
      return;
    }
    // ArrowDown opens a closed list, and moves down an open one.
    await field.press('ArrowDown');
  }
  throw new Error(`no option ${String(text)} reached with the keyboard`);
}

/**
 * Waits until an antd dialog (Modal, Drawer) is open and its opening animation has ended (the
 * motion classes, *-appear / *-enter, sit on the dialog or on a wrapper around it).
 */
export async function dialogReady(dialog: Locator): Promise<Locator> {
  await dialog.waitFor();
  const settled = () => dialog.evaluate((el) => {
    for (let n: Element | null = el; n; n = n.parentElement) {
      if (/-(appear|enter)(-|\s|$)/.test(n.getAttribute('class') ?? '')) return false;
    }
    return true;
  });
  await waitUntil(settled, 'the dialog kept animating');
  return dialog;
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

/** The open antd dialog (Modal) titled `title` (its accessible name is its title). */
export function dialogTitled(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog', { name: title, exact: typeof title === 'string' });
}

/** The antd Card whose title is `title` (the nearest one: cards nest, e.g. inside a tab). */
export function cardTitled(page: Page, title: string): Locator {
  return page.locator('.ant-card-head-title').getByText(title, { exact: true })
    .locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-card ")][1]');
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

/**
 * Opens an organisation from the tree's search results and waits for its page. The tree
 * re-renders while its search settles, so a click can land on a node that is being replaced:
 * click again until the organisation's heading shows.
 */
export async function openTreeNode(page: Page, title: string, timeoutMs = 20_000): Promise<void> {
  const heading = page.getByRole('heading', { name: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.locator('.ant-tree-node-content-wrapper').getByTitle(title, { exact: true }).first().click();
    try {
      await heading.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
