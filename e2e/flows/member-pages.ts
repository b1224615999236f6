// Flow 4: the branch secretary opens a member's record in the admin app; that member, on a
// phone at /m, sees their own full record, their organisation, and the secretary's view.

import type { Page } from 'playwright-core';
import { ApiSession } from '../lib/api';
import { PASSWORD } from '../lib/fixtures';
import type { Flow } from '../lib/runner';
import { tx, txButton, txField, txStart } from '../lib/texts';
import { apiResponse, assertNotInHtml, loginAdmin, openMenu, tableRows } from '../lib/ui';
import { assert } from '../lib/wait';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

interface Profile { name: string; idNumber: string; orgName: string }

export const memberPagesFlow: Flow = {
  id: '4-member-pages',
  name: '4. a member on a phone sees 我的档案 in full, 我的组织, and the secretary\'s view in 谁查看了我的档案',
  timeoutMs: 90_000,
  async run(t) {
    // Who the demo `member` is: what they will see, and what the secretary searches for.
    const { profile, secretaryName } = await t.step('look up the demo member and secretary', async () => {
      const member = await ApiSession.login(t.baseUrl, 'member', PASSWORD);
      const secretary = await ApiSession.login(t.baseUrl, 'secretary', PASSWORD);
      return {
        profile: await member.get<Profile>('/api/me/profile'),
        secretaryName: (await secretary.get<{ user: { displayName: string } }>('/api/auth/me')).user.displayName,
      };
    });

    const page = await t.newPage();
    await t.step(`log in as secretary (${secretaryName})`, () => loginAdmin(page, 'secretary'));
    await t.step(`secretary opens ${profile.name}'s record in the admin app`, async () => {
      await openMenu(page, 'nav.members');
      await page.getByRole('textbox', { name: txField('member.filter.q') }).fill(profile.name);
      const answered = apiResponse(page, '/api/members', 'GET', (url) => url.searchParams.get('q') === profile.name);
      await page.getByRole('button', { name: txButton('common.search') }).click();
      await answered;
      const viewed = page.waitForResponse((r) => /\/api\/members\/\d+$/.test(new URL(r.url()).pathname));
      await tableRows(page).getByRole('link', { name: profile.name, exact: true }).first().click();
      const response = await viewed;
      assert(response.status() === 200, `the secretary's GET ${response.url()} answered ${response.status()}`);
      await page.getByRole('heading', { name: profile.name }).waitFor();
      await assertNotInHtml(page, profile.idNumber, 'the full ID number (not revealed)');
      await t.shot(page, 'secretary views the record');
      await page.context().close();
    });

    const phone = await t.newPage(PHONE);
    await t.step('log in at /m on a phone', async () => {
      await phone.goto('/m/');
      await phone.waitForURL('**/m/login');
      await phone.getByLabel(tx('auth.login.username')).fill('member');
      await phone.getByLabel(tx('auth.login.password')).fill(PASSWORD);
      await t.shot(phone, 'phone login');
      await phone.getByRole('button', { name: txButton('auth.login.submit') }).click();
      await phone.getByRole('button', { name: txStart('m.home.profile') }).waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'phone home');
    });
    await t.step('我的档案 shows the own record in full', async () => {
      await phone.getByRole('button', { name: txStart('m.home.profile') }).click();
      await phone.getByRole('heading', { name: tx('m.home.profile'), level: 1 }).waitFor();
      await phone.getByText(profile.idNumber, { exact: true }).waitFor();
      await phone.getByText(profile.name, { exact: true }).first().waitFor();
      await phone.getByText(profile.orgName).first().waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'my record');
      await phone.getByRole('button', { name: tx('m.back') }).click();
    });
    await t.step('我的组织 shows the branch', async () => {
      await phone.getByRole('button', { name: txStart('m.home.org') }).click();
      await phone.getByRole('heading', { name: tx('m.home.org'), level: 1 }).waitFor();
      await phone.getByRole('heading', { name: profile.orgName }).waitFor();
      await t.shot(phone, 'my organisation');
      await phone.getByRole('button', { name: tx('m.back') }).click();
    });
    await t.step(`谁查看了我的档案 lists ${secretaryName}'s view`, async () => {
      await phone.getByRole('button', { name: txStart('m.home.access') }).click();
      await phone.getByRole('heading', { name: tx('m.home.access'), level: 1 }).waitFor();
      const entry = phone.getByRole('listitem').filter({ hasText: secretaryName }).filter({ hasText: tx('audit.action.member.view') });
      await entry.first().waitFor();
      await assertFitsPhone(phone);
      await t.shot(phone, 'who viewed my record');
    });
  },
};

/** Phone-first: nothing wider than the screen. */
async function assertFitsPhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `the page is ${overflow}px wider than the phone's screen (${page.url()})`);
}
