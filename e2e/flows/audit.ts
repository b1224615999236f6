// Flow 3: the audit log, read by the city admin, shows each step of flow 1 with its actor —
// and no view by the other town's coordinator, whose attempts were refused.

import { BRANCH, FORM_MEMBER, IMPORTED_MEMBERS, state } from '../lib/fixtures';
import type { Flow, FlowContext } from '../lib/runner';
import { tx, txButton } from '../lib/texts';
import { apiResponse, loginAdmin, openMenu, tableRows } from '../lib/ui';
import type { Page } from 'playwright-core';
import { assert } from '../lib/wait';

const CITY_ACTOR = '市两新工委管理员';
const PUYUAN_ACTOR = '濮院镇协调员';

interface Entry { action: string; actorName: string | null; targetType: string; targetId: string | null }

/** Filters the audit page by action (and actor) the way a person does, answers the entries shown. */
async function filter(page: Page, action: string, actor = ''): Promise<Entry[]> {
  const actionBox = page.getByLabel(tx('audit.field.action'), { exact: true });
  await actionBox.fill(action);
  await actionBox.press('Escape');
  await page.getByLabel(tx('audit.field.actor'), { exact: true }).fill(actor);
  const answered = apiResponse(page, '/api/audit', 'GET', (url) => url.searchParams.get('action') === action && (url.searchParams.get('actor') ?? '') === actor);
  await page.getByRole('button', { name: txButton('common.search') }).click();
  const response = await answered;
  assert(response.status() === 200, `GET /api/audit answered ${response.status()}`);
  const body = (await response.json()) as { items: Entry[] };
  await page.waitForLoadState('networkidle');
  return body.items;
}

async function expectRow(t: FlowContext, page: Page, action: string, targetId: string | null) {
  const items = await filter(page, action, CITY_ACTOR);
  const hit = items.find((e) => e.action === action && e.actorName === CITY_ACTOR && (targetId === null || e.targetId === targetId));
  assert(hit, `no ${action} by ${CITY_ACTOR}${targetId ? ` on #${targetId}` : ''} in the audit log (got ${JSON.stringify(items.slice(0, 5))})`);
  // …and the page shows it: a row with the actor and the action's name (its code in the title).
  const row = tableRows(page).filter({ hasText: CITY_ACTOR }).filter({ has: page.locator(`[title="${action}"]`) });
  await row.first().waitFor();
  if (targetId) await row.filter({ hasText: `#${targetId}` }).first().waitFor();
  const label = tx(`audit.action.${action}`);
  await row.first().getByText(label).waitFor();
  await t.shot(page, action);
}

export const auditFlow: Flow = {
  id: '3-audit',
  name: '3. the audit log shows org.create, member.create, member.import and member.view with the actor',
  timeoutMs: 60_000,
  needs: ['1-records'],
  async run(t) {
    const page = await t.newPage();
    await t.step('log in as city', () => loginAdmin(page, 'city'));
    await t.step('open the audit log', async () => {
      await openMenu(page, 'nav.audit');
      await page.getByRole('heading', { name: tx('audit.title') }).waitFor();
    });
    await t.step(`org.create of ${BRANCH.name}`, () => expectRow(t, page, 'org.create', String(state.branchId)));
    await t.step(`member.create of ${FORM_MEMBER.name}`, () => expectRow(t, page, 'member.create', String(state.memberIds.get(FORM_MEMBER.name))));
    await t.step('member.import of the spreadsheet', () => expectRow(t, page, 'member.import', state.importJobId ?? null));
    await t.step(`member.view of ${IMPORTED_MEMBERS[0].name}`, () => expectRow(t, page, 'member.view', String(state.memberIds.get(IMPORTED_MEMBERS[0].name))));
    await t.step('no view by the other town\'s coordinator', async () => {
      const ours = new Set([...state.memberIds.values()].map(String));
      const items = await filter(page, 'member.view', PUYUAN_ACTOR);
      const leaked = items.filter((e) => e.targetId && ours.has(e.targetId));
      assert(leaked.length === 0, `member.view entries by ${PUYUAN_ACTOR} on the new members: ${JSON.stringify(leaked)}`);
    });
  },
};
