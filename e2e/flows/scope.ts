// Flow 2: the coordinator of another town (濮院) cannot find the new members: the roster search
// finds nothing and the record's URL opened directly is "not found" (the API answers 404).

import { ALL_NEW_MEMBERS, FORM_MEMBER, state } from '../lib/fixtures';
import type { Flow } from '../lib/runner';
import { tx, txButton, txField } from '../lib/texts';
import { apiResponse, assertNotInHtml, loginAdmin, openMenu, tableRows } from '../lib/ui';
import { assert } from '../lib/wait';

export const scopeFlow: Flow = {
  id: '2-scope',
  name: '2. another town\'s coordinator cannot find them (empty search, 404 on the record URL)',
  timeoutMs: 60_000,
  needs: ['1-records'],
  async run(t) {
    const page = await t.newPage();
    await t.step('log in as puyuan', () => loginAdmin(page, 'puyuan'));
    await t.step('search the roster by each new name', async () => {
      await openMenu(page, 'nav.members');
      const search = page.getByRole('textbox', { name: txField('member.filter.q') });
      for (const p of ALL_NEW_MEMBERS) {
        await search.fill(p.name);
        const answered = apiResponse(page, '/api/members', 'GET', (url) => url.searchParams.get('q') === p.name);
        await page.getByRole('button', { name: txButton('common.search') }).click();
        const response = await answered;
        assert(response.status() === 200, `roster search answered ${response.status()}`);
        const body = (await response.json()) as { total: number };
        assert(body.total === 0, `puyuan's roster search for ${p.name} found ${body.total}`);
        await page.getByText(tx('member.list.empty')).waitFor();
        assert((await tableRows(page).count()) === 0, `rows shown for ${p.name}`);
        const table = await page.locator('.ant-table').innerText();
        assert(!table.includes(p.name), `${p.name} shows in the roster table`);
      }
      await t.shot(page, 'empty search');
    });
    await t.step('open a new member\'s URL directly', async () => {
      const id = state.memberIds.get(FORM_MEMBER.name);
      assert(id, 'flow 1 left no member id');
      const answered = apiResponse(page, `/api/members/${id}`);
      await page.goto(`/members/${id}`);
      const response = await answered;
      assert(response.status() === 404, `GET /api/members/${id} as puyuan answered ${response.status()}, expected 404`);
      await page.getByRole('alert').filter({ hasText: tx('errors.NOT_FOUND') }).waitFor();
      await assertNotInHtml(page, FORM_MEMBER.name, 'the member\'s name');
      await assertNotInHtml(page, FORM_MEMBER.masked, 'the member\'s masked ID number');
      await t.shot(page, 'not found');
    });
  },
};
