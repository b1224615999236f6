// Flow 7 (issue 4): a branch secretary plans this month's 支委会; on their phones one committee
// member replies 参加 and another asks for leave, which the secretary approves; the attending
// member signs in with the link the QR screen encodes; the recorder writes the minutes on the
// phone and the secretary confirms them; the branch's monthly 支委会 turns from 待召开 to 已完成,
// and the ledger (.xlsx) lists the meeting.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import qrcode from 'qrcode-generator';
import type { Locator, Page } from 'playwright-core';
import { COMPLIANCE_STATUS_LABELS, LEAVE_STATUS_LABELS, MEETING_KIND_LABELS, MEETING_REPLY_LABELS, periodOf } from '@hongyun/shared';
import { orgLifeBranch, assertFitsPhone, beijingWallClock, beijingWallClockAt, loginPhone, PHONE, type OrgLifeBranch } from '../lib/orglife-setup';
import type { Flow, FlowContext } from '../lib/runner';
import { escapeRegExp, tx, txButton, txField, txStart } from '../lib/texts';
import { apiResponse, dialogReady, loginAdmin, pickOption } from '../lib/ui';
import { assert, waitUntil } from '../lib/wait';

const COMMITTEE = MEETING_KIND_LABELS.committeeMeeting.zh;
const PLACE = '公司三楼党员活动室';
const TOPIC = '研究本月发展党员和党费收缴工作';
const LEAVE_REASON = '在杭州出差参加客户验收，无法到会';
const MINUTES = '会议由书记主持，传达学习上级会议精神，研究本月发展党员和党费收缴工作。到会委员逐项发表意见。';
const DECISIONS = '一、本月底前完成党费收缴；二、下月召开党员大会讨论发展对象。';

interface GridAnswer {
  rows: { kind: string; partyGroupId: number | null; applies: boolean; cells: { periodKey: string; label: string; status: keyof typeof COMPLIANCE_STATUS_LABELS; meetings: { id: number; title: string; held: boolean }[] }[] }[];
}

/** Opens the branch's compliance grid and answers the month's 支委会 cell (after checking the page shows its status). */
async function committeeCell(page: Page, branchId: number, periodKey: string) {
  const answer = apiResponse(page, `/api/compliance/orgs/${branchId}`, 'GET', (u) => u.pathname === `/api/compliance/orgs/${branchId}`);
  await page.goto(`/compliance/${branchId}`);
  const r = await answer;
  assert(r.status() === 200, `GET /api/compliance/orgs/${branchId} answered ${r.status()}: ${await r.text()}`);
  const grid = (await r.json()) as GridAnswer;
  const row = grid.rows.find((x) => x.kind === 'committeeMeeting' && x.partyGroupId === null);
  assert(row?.applies, `the branch owes no 支委会: ${JSON.stringify(row).slice(0, 300)}`);
  const cell = row.cells.find((c) => c.periodKey === periodKey);
  assert(cell, `no ${periodKey} cell in the 支委会 row`);
  // The cell is a button named "<period> 支委会 <status>" (grid-cell.tsx).
  const button = page.getByRole('button', { name: `${cell.label} ${COMMITTEE} ${COMPLIANCE_STATUS_LABELS[cell.status].zh}`, exact: true });
  await button.waitFor();
  return { cell, button };
}

/** Types a date-time (or a time) into an antd picker and presses its OK button (pickers with a time need it). */
async function fillPicker(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await field.fill(text);
  const ok = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-ok button');
  await ok.waitFor({ timeout: 5000 }).then(() => ok.click(), () => field.press('Tab'));
  await waitUntil(async () => (await field.inputValue()) === text, `the picker did not keep ${text}`, 5000);
}

/** The meeting form, as the secretary fills it. */
async function planMeeting(t: FlowContext, page: Page, b: OrgLifeBranch, title: string, start: { date: string; time: string }, end: string): Promise<number> {
  await page.getByRole('menuitem', { name: tx('nav.meetings') }).click();
  await page.getByRole('heading', { name: tx('meetings.list.title'), level: 1 }).waitFor();
  await page.getByRole('button', { name: txButton('meetings.list.plan') }).click();
  await page.getByRole('heading', { name: tx('meetings.form.createTitle'), level: 1 }).waitFor();
  await pickOption(page, page.getByLabel(txField('meetings.field.kind')), COMMITTEE);
  // The plan form starts from the secretary's own branch.
  await page.locator('.ant-form-item').filter({ hasText: tx('meetings.field.org') }).getByText(b.branchName).first().waitFor();
  await page.getByText(tx('meetings.form.invites.committeeMeeting')).waitFor();
  await page.getByLabel(txField('meetings.field.title')).fill(title);
  await page.getByLabel(tx('meetings.form.topicLabel', { n: 1 })).fill(TOPIC);
  await fillPicker(page, page.getByLabel(txField('meetings.field.startsAt')), `${start.date} ${start.time}`);
  await fillPicker(page, page.getByLabel(txField('meetings.field.endsAt')), end);
  await page.getByLabel(txField('meetings.field.place')).fill(PLACE);
  // The host defaults to the branch's 书记; the recorder is chosen by name.
  const host = page.getByLabel(txField('meetings.field.host'));
  const hostSelect = host.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await waitUntil(async () => (await hostSelect.innerText()).includes(b.secretary.name), `the host did not default to the 书记 ${b.secretary.name}`);
  await pickOption(page, page.getByLabel(txField('meetings.field.recorder')), b.attendee.name, b.attendee.name);
  await t.shot(page, 'meeting form filled');
  const answer = apiResponse(page, '/api/meetings', 'POST', (u) => u.pathname === '/api/meetings');
  await page.getByRole('button', { name: txButton('meetings.form.submitPlan') }).click();
  const r = await answer;
  assert(r.status() === 201, `POST /api/meetings answered ${r.status()}: ${await r.text()}`);
  const { id } = (await r.json()) as { id: number };
  await page.waitForURL(`**/meetings/${id}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  return id;
}

/** The row of a person in the meeting's attendee table. */
const attendeeRow = (page: Page, name: string) => page.locator('.ant-table-tbody > tr.ant-table-row').filter({ hasText: name });

/** Recomputes the QR's modules for `text` the way the screen draws them (qr-code.tsx) and compares with the page's SVG. */
function qrPathOf(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4},${row + 4}h1v1h-1z`;
  }
  return d;
}

/** Every text cell of every sheet of an .xlsx file. */
async function xlsxTexts(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const texts: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    texts.push(cell.text);
  })));
  return texts;
}

export const orglifeFlow: Flow = {
  id: '7-orglife',
  name: '7. a secretary plans a 支委会; replies, leave approved, QR sign-in, minutes recorded and confirmed; the month turns from 待召开 to 已完成 and the ledger lists it',
  timeoutMs: 240_000,
  async run(t) {
    const b = await t.step('set up a branch with a committee and accounts (API, as city)', () => orgLifeBranch(t.baseUrl, t.log));
    // The form's end is a time on the start's day, so the meeting must not cross midnight:
    // planned late in the evening it ends at 23:55, or starts after midnight if that is too close.
    let start = beijingWallClock(9);
    if (start.time === '23:55') start = beijingWallClock(14);
    const hourLater = beijingWallClockAt(new Date(start.instant.getTime() + 3_600_000));
    const end = hourLater.date === start.date ? hourLater.time : '23:55';
    const periodKey = periodOf(start.date, 'month').key;
    const title = `${start.date.slice(0, 4)}年${Number(start.date.slice(5, 7))}月${COMMITTEE}（青禾${b.run}）`;
    t.log(`支委会 "${title}" ${start.date} ${start.time}–${end} (Beijing), period ${periodKey}`);

    const admin = await t.newPage();
    await t.step(`secretary ${b.secretary.username} logs in; 组织生活落实 shows this month's 支委会 as 待召开`, async () => {
      await loginAdmin(admin, b.secretary.username);
      await admin.getByRole('menuitem', { name: tx('nav.compliance') }).click();
      await admin.getByRole('heading', { level: 1 }).first().waitFor();
      const { cell } = await committeeCell(admin, b.branchId, periodKey);
      assert(cell.status === 'due', `this month's 支委会 is ${cell.status}, expected due (待召开)`);
      assert(cell.meetings.length === 0, `the new branch already has meetings this month: ${JSON.stringify(cell.meetings)}`);
      await admin.getByText(tx('compliance.grid.title', { name: b.branchName })).first().waitFor();
      await t.shot(admin, 'compliance before');
    });

    const meetingId = await t.step('secretary plans the 支委会 through the meeting form', () => planMeeting(t, admin, b, title, start, end));
    t.log(`meeting #${meetingId}`);
    await t.step('the invitees are the three post holders (not the ordinary member)', async () => {
      for (const m of [b.secretary, b.attendee, b.onLeave]) await attendeeRow(admin, m.name).first().waitFor();
      assert((await attendeeRow(admin, b.ordinary.name).count()) === 0, `${b.ordinary.name} (no post) is invited to the 支委会`);
      await t.shot(admin, 'meeting planned');
    });

    const attendee = await t.newPage(PHONE);
    await t.step(`${b.attendee.name} opens the meeting from 待办 on a phone and replies 参加`, async () => {
      await loginPhone(attendee, b.attendee.username);
      await attendee.getByRole('button', { name: txStart('mmeetings.home.todos') }).click();
      await attendee.getByRole('heading', { name: tx('mmeetings.todos.title'), level: 1 }).waitFor();
      await t.shot(attendee, 'attendee to-dos');
      await attendee.getByRole('button', { name: new RegExp(escapeRegExp(`“${title}”`)) }).filter({ hasText: '参加' }).first().click();
      await attendee.waitForURL(`**/m/meetings/${meetingId}`);
      await attendee.getByRole('heading', { name: title, level: 1 }).waitFor();
      await attendee.getByText(PLACE).first().waitFor();
      const replied = apiResponse(attendee, `/api/me/meetings/${meetingId}/reply`, 'POST');
      await attendee.getByRole('button', { name: txButton('mmeetings.reply.attend') }).click();
      const r = await replied;
      assert(r.status() < 300, `the reply answered ${r.status()}: ${await r.text()}`);
      await attendee.getByText(tx('mmeetings.reply.attending'), { exact: true }).waitFor();
      await assertFitsPhone(attendee);
      await t.shot(attendee, 'attendee replied');
    });

    const leave = await t.newPage(PHONE);
    await t.step(`${b.onLeave.name} opens it from 我的会议 and asks for leave with a reason`, async () => {
      await loginPhone(leave, b.onLeave.username);
      await leave.getByRole('button', { name: txStart('mmeetings.home.meetings') }).click();
      await leave.getByRole('heading', { name: tx('mmeetings.list.title'), level: 1 }).waitFor();
      await leave.getByRole('button').filter({ hasText: title }).first().click();
      await leave.waitForURL(`**/m/meetings/${meetingId}`);
      await leave.getByRole('button', { name: txButton('mmeetings.reply.leave') }).click();
      await leave.getByLabel(tx('mmeetings.reply.reasonLabel')).fill(LEAVE_REASON);
      const replied = apiResponse(leave, `/api/me/meetings/${meetingId}/reply`, 'POST');
      await leave.getByRole('button', { name: txButton('mmeetings.reply.sendLeave') }).click();
      const r = await replied;
      assert(r.status() < 300, `the leave request answered ${r.status()}: ${await r.text()}`);
      await leave.getByText(tx('mmeetings.reply.onLeave', { status: LEAVE_STATUS_LABELS.requested.zh }), { exact: true }).waitFor();
      await assertFitsPhone(leave);
      await t.shot(leave, 'leave requested');
    });

    await t.step(`secretary approves ${b.onLeave.name}'s leave in the admin app`, async () => {
      await admin.reload();
      await admin.getByRole('tab', { name: tx('meetings.tab.attendeesPending', { n: 1 }) }).waitFor();
      const row = attendeeRow(admin, b.onLeave.name);
      await row.getByText(LEAVE_REASON).waitFor();
      await row.getByRole('button', { name: txButton('meetings.leave.approve') }).click();
      const pop = admin.locator('.ant-popconfirm:not(.ant-popover-hidden)').filter({ hasText: tx('meetings.leave.approveConfirm', { name: b.onLeave.name }) });
      await dialogReady(pop);
      const decided = apiResponse(admin, `/api/meetings/${meetingId}/leave/${b.onLeave.id}`, 'POST');
      await pop.getByRole('button', { name: txButton('meetings.leave.approve') }).click();
      const r = await decided;
      assert(r.status() < 300, `the leave decision answered ${r.status()}: ${await r.text()}`);
      await row.getByText(LEAVE_STATUS_LABELS.approved.zh, { exact: true }).waitFor();
      // The other committee member's reply is there too.
      await attendeeRow(admin, b.attendee.name).getByText(MEETING_REPLY_LABELS.attend.zh, { exact: true }).first().waitFor();
      await t.shot(admin, 'leave approved');
    });

    await t.step(`the leave shows as approved on ${b.onLeave.name}'s phone`, async () => {
      await leave.reload();
      await leave.getByText(tx('mmeetings.reply.onLeave', { status: LEAVE_STATUS_LABELS.approved.zh }), { exact: true }).waitFor();
      await leave.context().close();
    });

    const signInUrl = await t.step('secretary opens the QR sign-in screen; the QR encodes the sign-in link', async () => {
      const codes: string[] = [];
      const screenPromise = admin.context().waitForEvent('page');
      await admin.getByRole('link', { name: txButton('meetings.detail.screen') }).click();
      const screen = await screenPromise;
      screen.on('response', (r) => {
        if (new URL(r.url()).pathname === `/api/meetings/${meetingId}/sign-in-code` && r.status() === 200) {
          r.json().then((body: { url: string }) => codes.push(body.url), () => undefined);
        }
      });
      await screen.waitForURL(`**/meetings/${meetingId}/screen`);
      const qr = screen.getByRole('img', { name: tx('meetings.screen.qrLabel') });
      await qr.waitFor({ timeout: 30_000 });
      await screen.getByRole('heading', { name: title, level: 1 }).waitFor();
      await screen.getByText(tx('meetings.screen.scan')).waitFor();
      await t.shot(screen, 'sign-in screen');
      // The page shows the link only as a QR code: read which link it encodes by drawing the QR of
      // each code the screen was given and comparing the modules with the page's SVG.
      const drawn = await qr.locator('path').getAttribute('d');
      const origin = new URL(screen.url()).origin;
      const match = await waitUntil(() => codes.map((u) => `${origin}${u}`).reverse().find((u) => qrPathOf(u) === drawn), 'the QR on the screen encodes none of the sign-in links the screen was given', 10_000);
      assert(new URL(match).pathname === '/m/sign-in' && new URL(match).searchParams.get('m') === String(meetingId), `the QR encodes ${match}`);
      t.log(`the QR encodes ${match}`);
      return { url: match, screen };
    });

    await t.step(`${b.attendee.name} opens the QR's link on the phone: signed in`, async () => {
      await attendee.goto(signInUrl.url);
      await attendee.getByText(tx('mmeetings.signIn.success'), { exact: true }).waitFor({ timeout: 20_000 });
      await attendee.getByText(title).first().waitFor();
      await assertFitsPhone(attendee);
      await t.shot(attendee, 'signed in');
      // The screen counts the scan (it refreshes every few seconds).
      await signInUrl.screen.getByText(tx('meetings.screen.scanned', { n: 1 }), { exact: true }).waitFor({ timeout: 20_000 });
      await t.shot(signInUrl.screen, 'screen counts the scan');
      await signInUrl.screen.close();
    });

    await t.step(`the recorder ${b.attendee.name} writes the minutes on the phone (from 待办)`, async () => {
      await attendee.goto('/m/todos');
      await attendee.getByRole('heading', { name: tx('mmeetings.todos.title'), level: 1 }).waitFor();
      await attendee.getByRole('button').filter({ hasText: `“${title}”` }).filter({ hasText: '会议记录' }).first().click();
      await attendee.waitForURL(`**/m/meetings/${meetingId}`);
      await attendee.getByRole('heading', { name: tx('mmeetings.minutes.editorTitle') }).waitFor();
      await attendee.getByLabel(tx('mmeetings.minutes.content'), { exact: true }).fill(MINUTES);
      await attendee.getByLabel(tx('mmeetings.minutes.decisions'), { exact: true }).fill(DECISIONS);
      const saved = apiResponse(attendee, `/api/meetings/${meetingId}/minutes`, 'PUT');
      await attendee.getByRole('button', { name: txButton('mmeetings.minutes.save') }).click();
      const r = await saved;
      assert(r.status() < 300, `saving the minutes answered ${r.status()}: ${await r.text()}`);
      await attendee.getByRole('heading', { name: tx('mmeetings.minutes.draftTitle') }).waitFor();
      await attendee.getByText(MINUTES).waitFor();
      await assertFitsPhone(attendee);
      await t.shot(attendee, 'minutes recorded');
    });

    await t.step('secretary records the rest of the attendance and confirms the minutes', async () => {
      await admin.reload();
      await admin.getByRole('heading', { name: title, level: 1 }).waitFor();
      // The 书记 did not scan: the secretary records the unrecorded as present (leave stays excused).
      await admin.getByRole('button', { name: txButton('meetings.attendance.markUnrecorded') }).click();
      const marked = apiResponse(admin, `/api/meetings/${meetingId}/attendance`, 'PUT');
      await admin.getByRole('button', { name: txButton('meetings.attendance.save', { n: 1 }) }).click();
      const m = await marked;
      assert(m.status() < 300, `marking attendance answered ${m.status()}: ${await m.text()}`);
      await admin.getByRole('tab', { name: tx('meetings.tab.minutes') }).click();
      await admin.getByText(MINUTES).waitFor();
      await admin.getByRole('button', { name: txButton('meetings.minutes.confirm') }).click();
      const pop = admin.locator('.ant-popconfirm:not(.ant-popover-hidden)').filter({ hasText: tx('meetings.minutes.confirmTitle') });
      await dialogReady(pop);
      const confirmed = apiResponse(admin, `/api/meetings/${meetingId}/minutes/confirm`, 'POST');
      await pop.getByRole('button', { name: txButton('meetings.minutes.confirm') }).click();
      const r = await confirmed;
      assert(r.status() < 300, `confirming the minutes answered ${r.status()}: ${await r.text()}`);
      await admin.getByText(tx('meetings.minutes.confirmedDone')).first().waitFor();
      await t.shot(admin, 'minutes confirmed');
    });

    await t.step('组织生活落实: this month\'s 支委会 is now 已完成, counting the meeting', async () => {
      const after = await waitUntil(async () => {
        const c = await committeeCell(admin, b.branchId, periodKey);
        return c.cell.status === 'met' ? c : null;
      }, 'this month\'s 支委会 did not turn to met (已完成)', 30_000);
      const counted = after.cell.meetings.find((m) => m.id === meetingId);
      assert(counted?.held, `the met cell does not count meeting #${meetingId}: ${JSON.stringify(after.cell.meetings)}`);
      await after.button.click();
      await admin.getByRole('link', { name: title }).waitFor();
      await admin.getByText(tx('compliance.grid.counted')).first().waitFor();
      await t.shot(admin, 'compliance after');
    });

    await t.step('the ledger (.xlsx) downloaded from the compliance page lists the meeting', async () => {
      await admin.keyboard.press('Escape');
      const downloading = admin.waitForEvent('download');
      await admin.getByRole('link', { name: txButton('compliance.ledger.download') }).click();
      const download = await downloading;
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-e2e-')), download.suggestedFilename() || 'ledger.xlsx');
      await download.saveAs(file);
      const texts = await xlsxTexts(file);
      assert(texts.some((x) => x.includes(title)), `the ledger ${download.suggestedFilename()} does not contain "${title}" (${texts.length} cells)`);
      assert(texts.some((x) => x.includes(b.branchName)), `the ledger does not name the branch ${b.branchName}`);
      t.log(`ledger ${download.suggestedFilename()}: ${texts.length} cells, the meeting among them`);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  },
};
