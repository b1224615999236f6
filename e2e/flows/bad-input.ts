// Flow 5: an ID number with a wrong check digit is refused at the field, and nothing is created.

import { ApiSession } from '../lib/api';
import { BAD_CHECKSUM_MEMBER, PASSWORD } from '../lib/fixtures';
import type { Flow } from '../lib/runner';
import { tx, txButton, txField } from '../lib/texts';
import { chooseRadio, fillDate, loginAdmin, openMenu, pickOrg } from '../lib/ui';
import { assert } from '../lib/wait';

const BRANCH_OF_DEMO = '乌镇枕水数据服务有限公司党支部';

export const badInputFlow: Flow = {
  id: '5-bad-input',
  name: '5. the member form refuses an ID number with a wrong check digit and creates nothing',
  timeoutMs: 60_000,
  async run(t) {
    const page = await t.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/members') posts.push(r.url());
    });
    await t.step('log in as city', () => loginAdmin(page, 'city'));
    await t.step('fill the member form with a bad check digit', async () => {
      await openMenu(page, 'nav.members');
      await page.getByRole('button', { name: txButton('member.list.create') }).click();
      await page.waitForURL('**/members/new');
      await page.getByRole('heading', { name: tx('member.form.createTitle') }).waitFor();
      await page.getByRole('textbox', { name: txField('member.field.name') }).fill(BAD_CHECKSUM_MEMBER.name);
      await page.getByRole('textbox', { name: txField('member.field.idNumber') }).fill(BAD_CHECKSUM_MEMBER.idNumber);
      await pickOrg(page, page.getByLabel(tx('member.field.org'), { exact: true }), BRANCH_OF_DEMO);
      await chooseRadio(page, '正式党员');
      await fillDate(page.getByLabel(tx('member.field.joinedOn'), { exact: true }), '2015-07-01');
      await fillDate(page.getByLabel(tx('member.field.confirmedOn'), { exact: true }), '2016-07-01');
    });
    await t.step('submit: a field error under 身份证号', async () => {
      await page.getByRole('button', { name: txButton('common.save') }).click();
      const field = page.locator('.ant-form-item').filter({ has: page.getByRole('textbox', { name: txField('member.field.idNumber') }) });
      await field.locator('.ant-form-item-explain-error').filter({ hasText: '校验位' }).waitFor();
      assert(new URL(page.url()).pathname === '/members/new', `left the form for ${page.url()}`);
      await t.shot(page, 'checksum error');
    });
    await t.step('nothing was created', async () => {
      assert(posts.length === 0, `the form still sent ${posts.length} POST /api/members`);
      const city = await ApiSession.login(t.baseUrl, 'city', PASSWORD);
      const found = await city.get<{ total: number }>(`/api/members?q=${encodeURIComponent(BAD_CHECKSUM_MEMBER.name)}`);
      assert(found.total === 0, `${found.total} members named ${BAD_CHECKSUM_MEMBER.name} exist`);
    });
  },
};
