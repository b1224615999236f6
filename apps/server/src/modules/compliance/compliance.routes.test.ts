import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { todayInShanghai } from '@hongyun/shared';
import { Access } from '../../platform/access';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { complianceReminders } from './compliance.reminders';
import { createComplianceRepository } from './compliance.repository';
import { addCommittee, addMeeting, addSecretaryOnly } from './compliance.test-helpers';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: Session;
let townA: Session;
let townB: Session;
let secretaryA: Session;
let secretaryAUser: number;

const today = todayInShanghai();
const Y = Number(today.slice(0, 4));
/** Last year: every period is over, so statuses do not depend on the day the tests run. */
const P = Y - 1;
const month = today.slice(0, 7);

type Cell = { periodKey: string; status: string; held: number; meetings: { id: number; title: string; held: boolean }[]; exemption: { status: string } | null };
type Row = { kind: string; partyGroupId: number | null; applies: boolean; cells: Cell[] };
const cellOf = (body: { rows: Row[] }, kind: string, key: string, group: number | null = null) =>
  body.rows.find((r) => r.kind === kind && r.partyGroupId === group)!.cells.find((c) => c.periodKey === key)!;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username);
  townA = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username);
  townB = await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username);
  const u = await t.given.user([{ role: 'orgAdmin', orgId: tree.branchA.id }]);
  secretaryAUser = u.id;
  secretaryA = await login(t.app, u.username);
  await addCommittee(t, tree.branchA.id, `${Y}-02-01`);
  await addSecretaryOnly(t, tree.branchB.id);
}, 60000);
afterAll(() => t?.close());

describe('one organisation', () => {
  it('counts a meeting late on 31 March (Shanghai) in March and Q1, and one just after midnight in April and Q2', async () => {
    await addMeeting(t.db, tree.branchA, { kind: 'committeeMeeting', date: `${P}-03-31`, time: '23:30', title: '三月支委会' });
    await addMeeting(t.db, tree.branchA, { kind: 'generalMeeting', date: `${P}-04-01`, time: '00:10', title: '二季度党员大会' });
    const body = (await as(t.app, secretaryA).get(`/api/compliance/orgs/${tree.branchA.id}?year=${P}`)).json();
    expect(cellOf(body, 'committeeMeeting', `${P}-03`)).toMatchObject({ status: 'met', held: 1, meetings: [{ title: '三月支委会', held: true }] });
    expect(cellOf(body, 'committeeMeeting', `${P}-04`).status).toBe('missed');
    expect(cellOf(body, 'generalMeeting', `${P}-Q2`)).toMatchObject({ status: 'met', meetings: [{ title: '二季度党员大会' }] });
    expect(cellOf(body, 'generalMeeting', `${P}-Q1`).status).toBe('missed');
    expect(body.rows.find((r: Row) => r.kind === 'committeeMeeting').citation).toContain('第十二条');
  });

  it('does not count cancelled meetings or meetings whose minutes are not confirmed, but shows the latter', async () => {
    await addMeeting(t.db, tree.branchA, { kind: 'themeDay', date: `${P}-05-10`, status: 'cancelled', title: '取消的主题党日' });
    await addMeeting(t.db, tree.branchA, { kind: 'themeDay', date: `${P}-06-10`, confirmed: false, title: '未确认的主题党日' });
    const body = (await as(t.app, secretaryA).get(`/api/compliance/orgs/${tree.branchA.id}?year=${P}`)).json();
    expect(cellOf(body, 'themeDay', `${P}-05`)).toMatchObject({ status: 'missed', meetings: [] });
    expect(cellOf(body, 'themeDay', `${P}-06`)).toMatchObject({ status: 'missed', held: 0, meetings: [{ title: '未确认的主题党日', held: false }] });
  });

  it('turns the running month from due to met once the minutes are confirmed', async () => {
    const url = `/api/compliance/orgs/${tree.branchA.id}`;
    const before = (await as(t.app, secretaryA).get(url)).json();
    expect(cellOf(before, 'committeeMeeting', month).status).toBe('due');
    expect(before.deadlines.some((d: { title: string }) => d.title.startsWith(`${Number(month.slice(5))}月支委会尚未召开`))).toBe(true);
    const id = await addMeeting(t.db, tree.branchA, { kind: 'committeeMeeting', date: `${month}-01`, confirmed: false });
    expect(cellOf((await as(t.app, secretaryA).get(url)).json(), 'committeeMeeting', month).status).toBe('due');
    await t.db.updateTable('meetingMinutes').set({ confirmedAt: new Date() }).where('meetingId', '=', id).execute();
    expect(cellOf((await as(t.app, secretaryA).get(url)).json(), 'committeeMeeting', month).status).toBe('met');
  });

  it('asks no 支委会 of a branch with only a secretary and a deputy, and shows why', async () => {
    const body = (await as(t.app, townB).get(`/api/compliance/orgs/${tree.branchB.id}?year=${P}`)).json();
    const row = body.rows.find((r: Row) => r.kind === 'committeeMeeting');
    expect(row.applies).toBe(false);
    expect(row.notApplicableReason).toContain('支部委员会');
    expect(body.org.hasCommittee).toBe(false);
  });

  it('asks a 党小组会 of each party group', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '甲镇小组支部' });
    const [g1, g2] = await t.db.insertInto('partyGroup').values([{ orgId: branch.id, name: '第一党小组' }, { orgId: branch.id, name: '第二党小组' }]).returning('id').execute();
    await addMeeting(t.db, branch, { kind: 'groupMeeting', date: `${P}-09-09`, partyGroupId: g1.id });
    const body = (await as(t.app, townA).get(`/api/compliance/orgs/${branch.id}?year=${P}`)).json();
    expect(cellOf(body, 'groupMeeting', `${P}-09`, g1.id).status).toBe('met');
    expect(cellOf(body, 'groupMeeting', `${P}-09`, g2.id).status).toBe('missed');
  });

  it('shows the 换届 due date and flags an overdue term', async () => {
    const body = (await as(t.app, secretaryA).get(`/api/compliance/orgs/${tree.branchA.id}`)).json();
    expect(body.reelection.termDue).toBe(`${Y}-02-01`);
    expect(body.reelection.overdue).toBe(today > `${Y}-02-01`);
  });

  it('judges only branch-level organisations', async () => {
    const body = (await as(t.app, townA).get(`/api/compliance/orgs/${tree.townA.id}`)).json();
    expect(body.org.isBranchLike).toBe(false);
    expect(body.summary.required).toBe(0);
    expect(body.abilities.requestExemption).toBe(false);
  });

  it('answers 404 outside the caller\'s scope', async () => {
    expect((await as(t.app, townB).get(`/api/compliance/orgs/${tree.branchA.id}`)).statusCode).toBe(404);
    expect((await as(t.app, secretaryA).get(`/api/compliance/orgs/${tree.branchB.id}`)).statusCode).toBe(404);
  });
});

describe('rollups', () => {
  it('rolls the city up by town, by name, with cells by kind and organisations with a missed period', async () => {
    const res = await as(t.app, city).get(`/api/compliance/rollup?year=${P}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.root.id).toBe(tree.city.id);
    expect(body.rows.map((r: { orgName: string }) => r.orgName)).toEqual(['甲镇两新工委', '乙镇两新工委']);
    const a = body.rows[0];
    expect(a.branches).toBe(2);
    expect(a.orgsWithMissed).toBe(2);
    const committee = a.byKind.find((k: { kind: string }) => k.kind === 'committeeMeeting');
    // Only branch A has a committee: 12 months, one met (March).
    expect(committee).toMatchObject({ required: 12, met: 1, missed: 11 });
    expect(body.rows[1].byKind.find((k: { kind: string }) => k.kind === 'committeeMeeting').required).toBe(0);
    expect(body.total.branches).toBe(3);
    expect(body.total.summary.required).toBe(a.summary.required + body.rows[1].summary.required);
    expect(body.rules.find((r: { kind: string }) => r.kind === 'generalMeeting')).toMatchObject({ period: 'quarter', times: 1 });
  });

  it('buckets held meetings by Shanghai month in the grouped query', async () => {
    await addMeeting(t.db, tree.branchA, { kind: 'themeDay', date: `${P}-07-01`, time: '00:00' });
    await addMeeting(t.db, tree.branchA, { kind: 'themeDay', date: `${P}-06-30`, time: '23:59' });
    const rows = await createComplianceRepository(t.db).heldMonths({ rootPath: tree.branchA.path, year: P });
    const months = (kind: string) => rows.filter((r) => r.kind === kind).flatMap((r) => r.months).sort((a, b) => a - b);
    expect(months('committeeMeeting')).toEqual([3]);
    expect(months('generalMeeting')).toEqual([4]);
    expect(months('themeDay')).toEqual([6, 7]);
  });

  it('drills down to a town\'s organisations and refuses another town', async () => {
    const body = (await as(t.app, townA).get(`/api/compliance/rollup?rootOrgId=${tree.townA.id}&year=${P}`)).json();
    expect(body.rows.map((r: { orgName: string; isBranchLike: boolean }) => [r.orgName, r.isBranchLike])).toEqual([['甲镇某公司党支部', true], ['甲镇小组支部', true]]);
    expect((await as(t.app, townA).get(`/api/compliance/rollup?rootOrgId=${tree.townB.id}`)).statusCode).toBe(404);
    expect((await as(t.app, townA).get('/api/compliance/rollup')).json().root.id).toBe(tree.townA.id);
    const page = (await as(t.app, townA).get(`/api/compliance/rollup?rootOrgId=${tree.townA.id}&year=${P}&pageSize=1&page=2`)).json();
    expect(page).toMatchObject({ totalRows: 2, page: 2, pageSize: 1, rows: [{ orgName: '甲镇小组支部' }] });
    expect(page.total.branches).toBe(2);
  });

  it('lists only the rows with a missed period when asked', async () => {
    const branch = await t.given.org({ parentId: tree.townB.id, kind: 'branch', name: '乙镇新支部' });
    // Founded in December: it owed only December's 主题党日, and held it.
    await t.db.updateTable('org').set({ foundedOn: `${P}-12-01` }).where('id', '=', branch.id).execute();
    await addMeeting(t.db, branch, { kind: 'themeDay', date: `${P}-12-05` });
    const all = (await as(t.app, townB).get(`/api/compliance/rollup?rootOrgId=${tree.townB.id}&year=${P}`)).json();
    expect(all.rows.find((r: { orgName: string }) => r.orgName === '乙镇新支部')).toMatchObject({ orgsWithMissed: 0, summary: { required: 1, met: 1 } });
    const body = (await as(t.app, townB).get(`/api/compliance/rollup?rootOrgId=${tree.townB.id}&year=${P}&missedOnly=true`)).json();
    expect(body.rows.map((r: { orgName: string }) => r.orgName)).toEqual(['乙镇某公司党支部']);
  });
});

describe('exemptions', () => {
  it('lets the secretary ask, one level up decide, and turns the period exempt', async () => {
    const key = `${P}-11`;
    const res = await as(t.app, secretaryA).post('/api/compliance/exemptions', { orgId: tree.branchA.id, kind: 'themeDay', periodKey: key, reason: '企业整体搬迁，当月暂停组织生活' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const again = await as(t.app, secretaryA).post('/api/compliance/exemptions', { orgId: tree.branchA.id, kind: 'themeDay', periodKey: key, reason: '重复提交' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('EXEMPTION_EXISTS');
    const queue = (await as(t.app, townA).get('/api/compliance/exemptions?status=requested')).json();
    expect(queue.items.find((e: { id: number }) => e.id === id)).toMatchObject({ canDecide: true, periodLabel: `${P}年11月`, orgName: '甲镇某公司党支部' });
    expect((await as(t.app, townB).get('/api/compliance/exemptions')).json().items.some((e: { id: number }) => e.id === id)).toBe(false);
    expect((await as(t.app, secretaryA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await as(t.app, townB).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'approved' })).statusCode).toBe(404);
    expect((await as(t.app, townA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'approved', note: '情况属实' })).statusCode).toBe(200);
    expect(cellOf((await as(t.app, secretaryA).get(`/api/compliance/orgs/${tree.branchA.id}?year=${P}`)).json(), 'themeDay', key)).toMatchObject({ status: 'exempt', exemption: { status: 'approved' } });
    expect((await as(t.app, townA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'rejected', note: '再议' })).json().code).toBe('EXEMPTION_DECIDED');
    const audit = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'complianceExemption').where('targetId', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['complianceExemption.request', 'complianceExemption.approve']);
  });

  it('refuses a rejection without a reason, and lets a rejected request be asked again', async () => {
    const body = { orgId: tree.branchA.id, kind: 'lecture', periodKey: `${P}-Q3`, reason: '书记外出学习' };
    const id = (await as(t.app, secretaryA).post('/api/compliance/exemptions', body)).json().id;
    const noNote = await as(t.app, townA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'rejected' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().details.issues[0].path).toBe('note');
    expect((await t.db.selectFrom('complianceExemption').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('requested');
    await as(t.app, townA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'rejected', note: '可由副书记讲党课' });
    expect((await as(t.app, secretaryA).post('/api/compliance/exemptions', body)).statusCode).toBe(201);
  });

  it('never lets anyone decide their own request', async () => {
    const id = (await as(t.app, townA).post('/api/compliance/exemptions', { orgId: tree.branchA.id, kind: 'themeDay', periodKey: `${P}-12`, reason: '镇里统一组织活动' })).json().id;
    const res = await as(t.app, townA).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'approved' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OWN_EXEMPTION');
    expect((await as(t.app, city).post(`/api/compliance/exemptions/${id}/decide`, { decision: 'approved' })).statusCode).toBe(200);
  });

  it('refuses bad requests naming the field, and writes nothing', async () => {
    const count = async () => (await t.db.selectFrom('complianceExemption').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const post = (body: Record<string, unknown>) => as(t.app, secretaryA).post('/api/compliance/exemptions', { orgId: tree.branchA.id, reason: '原因说明', ...body });
    const wrongPeriod = await post({ kind: 'committeeMeeting', periodKey: `${P}-Q4` });
    expect(wrongPeriod.json().details.issues[0]).toMatchObject({ path: 'periodKey', message: expect.stringContaining('按月计算') });
    const met = await post({ kind: 'committeeMeeting', periodKey: `${P}-03` });
    expect(met.json().details.issues[0]).toMatchObject({ path: 'periodKey', message: expect.stringContaining('已按要求召开') });
    const noCommittee = await as(t.app, townB).post('/api/compliance/exemptions', { orgId: tree.branchB.id, kind: 'committeeMeeting', periodKey: `${P}-03`, reason: '原因说明' });
    expect(noCommittee.json().details.issues[0].path).toBe('kind');
    const notBranch = await as(t.app, townA).post('/api/compliance/exemptions', { orgId: tree.townA.id, kind: 'themeDay', periodKey: `${P}-03`, reason: '原因说明' });
    expect(notBranch.json().details.issues[0].path).toBe('orgId');
    const tooOld = await post({ kind: 'themeDay', periodKey: `${Y - 3}-03` });
    expect(tooOld.json().details.issues[0].path).toBe('periodKey');
    expect(await count()).toBe(before);
  });
});

describe('ledger', () => {
  let branch: { id: number; path: string };
  beforeAll(async () => {
    branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: '台账测试支部' });
    const general = await addMeeting(t.db, branch, { kind: 'generalMeeting', date: `${P}-06-20`, title: '接收预备党员的党员大会' });
    await addMeeting(t.db, branch, { kind: 'lecture', date: `${P}-03-15`, title: '专题党课', confirmed: false });
    await addMeeting(t.db, branch, { kind: 'themeDay', date: `${P}-04-15`, title: '取消的活动', status: 'cancelled' });
    const members = await Promise.all([1, 2, 3, 4].map(() => t.given.member({ orgId: branch.id, phone: '13912345678' })));
    const attendance = ['present', 'present', 'online', 'excused'];
    await t.db.insertInto('meetingAttendee').values(members.map((m, i) => ({ meetingId: general, memberId: m.id, attendance: attendance[i] }))).execute();
    await t.db.insertInto('meetingVote').values({ meetingId: general, position: 1, item: '接收某同志为预备党员', entitled: 4, present: 3, yes: 3, no: 0, abstain: 0, quorumMet: true, passed: true }).execute();
  });

  it('lists every meeting of the year in date order with attendance, minutes and votes, and no personal numbers', async () => {
    const res = await as(t.app, townA).get(`/api/compliance/orgs/${branch.id}/ledger?year=${P}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.meetings.map((m: { title: string }) => m.title)).toEqual(['专题党课', '接收预备党员的党员大会']);
    expect(body.meetings[0]).toMatchObject({ held: false, minutes: { confirmedAt: null } });
    expect(body.meetings[1]).toMatchObject({
      kind: 'generalMeeting', held: true, place: '党员活动室', topics: ['学习贯彻会议精神'],
      attendance: { invited: 4, present: 2, online: 1, excused: 1, absent: 0 },
      votes: [{ item: '接收某同志为预备党员', yes: 3, passed: true }],
    });
    expect(body.byKind.find((k: { kind: string }) => k.kind === 'generalMeeting')).toMatchObject({ required: 4, met: 1, missed: 3, held: 1 });
    expect(res.body).not.toMatch(/139\d{8}|idNumber|phone/i);
  });

  it('exports the ledger as a real .xlsx with zh-CN headers, and audits the export', async () => {
    const res = await as(t.app, townA).get(`/api/compliance/orgs/${branch.id}/ledger.xlsx?year=${P}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`台账测试支部-${P}年度三会一课台账.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '会议明细']);
    const details = wb.getWorksheet('会议明细')!;
    expect(details.getRow(1).getCell(5).value).toBe('会议名称');
    expect(details.getRow(3).getCell(5).value).toBe('接收预备党员的党员大会');
    expect(details.getRow(3).getCell(14).value).toBe(2);
    expect(String(details.getRow(3).getCell(21).value)).toContain('通过');
    expect(details.getRow(2).getCell(22).value).toBe('否');
    const summary = wb.getWorksheet('汇总')!;
    expect(String(summary.getRow(1).getCell(1).value)).toBe(`台账测试支部 ${P}年度三会一课台账`);
    const texts: string[] = [];
    wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => void texts.push(String(c.value)))));
    expect(texts.join('|')).not.toMatch(/139\d{8}/);
    const audit = await t.db.selectFrom('auditLog').select(['action', 'detail']).where('action', '=', 'compliance.ledgerExport').where('targetId', '=', String(branch.id)).execute();
    expect(audit).toHaveLength(1);
    expect((await as(t.app, townB).get(`/api/compliance/orgs/${branch.id}/ledger.xlsx?year=${P}`)).statusCode).toBe(404);
  });
});

describe('reminders', () => {
  async function accessOf(userId: number) {
    const grants = await t.db.selectFrom('userGrant as g').innerJoin('org as o', 'o.id', 'g.orgId')
      .select(['g.id', 'g.role', 'g.orgId', 'o.path as orgPath', 'o.name as orgName']).where('g.userId', '=', userId).execute();
    const actor = { userId, username: 'x', displayName: 'x', memberId: null, mustChangePassword: false, ip: '127.0.0.1', grants: grants.map((g) => ({ ...g, role: g.role as 'orgAdmin' })) };
    return new Access(actor, t.ctx.rolePermissions());
  }

  it('reminds the secretary of this month\'s requirements in the last week, and of last month\'s just missed', async () => {
    const access = await accessOf(secretaryAUser);
    const items = await complianceReminders(t.ctx, access, `${P}-11-26`);
    const titles = items.map((i) => i.title);
    // November of last year: 主题党日 exempted above, 支委会 not held; October just ended unmet.
    expect(titles).toContain('11月支委会尚未召开，还剩4天');
    expect(titles.some((x) => x.startsWith('11月主题党日'))).toBe(false);
    expect(items.find((i) => i.title === '11月支委会尚未召开，还剩4天')).toMatchObject({ id: null, kind: 'compliance.due', link: `/compliance/${tree.branchA.id}`, dueOn: `${P}-11-30`, createdAt: null });
    expect(titles.some((x) => x.startsWith(`${P}年度`) || x.startsWith('第4季度'))).toBe(false);
    const early = await complianceReminders(t.ctx, access, `${P}-11-03`);
    expect(early.map((i) => i.title)).toContain('10月支委会未召开，已逾期3天');
    expect(early.some((i) => i.title.startsWith('11月'))).toBe(false);
  });

  it('gives town and city staff no reminders', async () => {
    const u = await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }]);
    expect(await complianceReminders(t.ctx, await accessOf(u.id), `${P}-11-26`)).toEqual([]);
  });

  it('shows the reminders among the secretary\'s to-dos', async () => {
    const res = await as(t.app, secretaryA).get('/api/me/todos');
    expect(res.statusCode).toBe(200);
    for (const item of res.json().items.filter((i: { kind: string }) => i.kind === 'compliance.due')) expect(item.link).toBe(`/compliance/${tree.branchA.id}`);
  });
});
