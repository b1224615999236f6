import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

type Client = ReturnType<typeof as>;
const today = todayInShanghai();
const year = Number(today.slice(0, 4));
const ANALYSIS = '对照合格党员标准和入党誓词，本人能按时参加组织生活、交纳党费，在项目攻关中发挥了作用；不足是理论学习不够系统。';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let secretary: Client, city: Client, otherSecretary: Client, noMember: Client;
/** Four full members and one probationary member of branch A, each with a login. */
const people: { id: number; name: string; client: Client }[] = [];
let probationary: { id: number; name: string; client: Client };
let outsider: { id: number; client: Client };
let campaignId: number;

async function memberWithLogin(orgId: number, name: string, category: 'full' | 'probationary' = 'full') {
  const m = await t.given.member({ orgId, name, category, birthDate: addDays('1985-01-01', people.length * 40 + name.length) });
  const u = await t.given.user([{ role: 'member', orgId }], { memberId: m.id });
  return { id: m.id, name, client: as(t.app, await login(t.app, u.username)) };
}

async function userClient(role: 'orgAdmin' | 'cityAdmin' | 'member', orgId: number) {
  const u = await t.given.user([{ role, orgId }]);
  return as(t.app, await login(t.app, u.username));
}

/** Everything the appraisal tables, audit log and to-dos hold, to prove a refused request wrote nothing. */
async function state() {
  const dump = async (table: string) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2`.execute(t.db)).rows;
  const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0].n;
  return {
    campaigns: await dump('appraisal_campaign'),
    participants: await dump('appraisal_participant'),
    receipts: await dump('appraisal_peer_receipt'),
    ballots: await count('appraisal_peer_ballot'),
    appeals: await dump('appraisal_appeal'),
    history: await dump('member_appraisal'),
    todos: await dump('todo'),
    audit: await count('audit_log'),
  };
}

async function expectNothingWritten(act: () => Promise<{ statusCode: number; json(): { code: string; details?: { issues?: { path: string }[] } } }>, status: number, codeOrPath: string) {
  const before = await state();
  const res = await act();
  expect(res.statusCode).toBe(status);
  const body = res.json();
  if (status === 400) expect(body.details?.issues?.map((i) => i.path)).toContain(codeOrPath);
  else expect(body.code).toBe(codeOrPath);
  expect(await state()).toEqual(before);
  return body;
}

const detail = async () => (await secretary.get(`/api/appraisals/${campaignId}`)).json();
const mine = async (c: Client) => (await c.get(`/api/me/appraisals/${campaignId}`)).json();
const openTodos = (memberId: number) => t.db.selectFrom('todo').select(['kind', 'link']).where('memberId', '=', memberId).where('doneAt', 'is', null).where('kind', 'like', 'appraisal.%').execute();

async function generalMeeting(orgId: number, kind = 'generalMeeting', startsAt = new Date(Date.now() - 24 * 3600_000)) {
  const org = await t.db.selectFrom('org').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  return (await t.db.insertInto('meeting').values({
    orgId, orgPath: org.path, kind, title: '支部党员大会', startsAt, endsAt: new Date(startsAt.getTime() + 7200_000), mode: 'offline', minutesDueOn: today,
  }).returning('id').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  secretary = await userClient('orgAdmin', tree.branchA.id);
  otherSecretary = await userClient('orgAdmin', tree.branchB.id);
  city = await userClient('cityAdmin', tree.city.id);
  noMember = await userClient('member', tree.branchA.id);
  for (const name of ['赵一民', '钱二华', '孙三强', '李四海']) people.push(await memberWithLogin(tree.branchA.id, name));
  probationary = await memberWithLogin(tree.branchA.id, '周预备', 'probationary');
  // Left the branch before the appraisal: not a participant.
  await t.given.member({ orgId: tree.branchA.id, name: '吴已转出', status: 'transferredOut', birthDate: '1979-03-03' });
  outsider = await memberWithLogin(tree.branchB.id, '郑乙支部');
}, 60000);
afterAll(() => t.close());

describe('opening a campaign', () => {
  it('refuses a town, a past due date and another branch, writing nothing', async () => {
    await expectNothingWritten(() => city.post('/api/appraisals', { orgId: tree.townA.id, year, title: '民主评议', reviewDueOn: addDays(today, 10) }), 400, 'orgId');
    await expectNothingWritten(() => secretary.post('/api/appraisals', { orgId: tree.branchA.id, year, title: '民主评议', reviewDueOn: addDays(today, -1) }), 400, 'reviewDueOn');
    await expectNothingWritten(() => secretary.post('/api/appraisals', { orgId: tree.branchA.id, year: year + 1, title: '民主评议', reviewDueOn: addDays(today, 10) }), 400, 'year');
    await expectNothingWritten(() => secretary.post('/api/appraisals', { orgId: tree.branchB.id, year, title: '民主评议', reviewDueOn: addDays(today, 10) }), 404, 'NOT_FOUND');
  });

  it('takes the live members as participants and asks each of them by a to-do', async () => {
    const res = await secretary.post('/api/appraisals', { orgId: tree.branchA.id, year, title: `${year}年度民主评议党员`, studyMaterials: '学习党章第一章“党员”和《中国共产党支部工作条例（试行）》。', reviewDueOn: addDays(today, 14) });
    expect(res.statusCode).toBe(201);
    campaignId = res.json().id;
    const d = await detail();
    expect(d.stage).toBe('reviewing');
    expect(d.participants.map((p: { name: string }) => p.name).sort()).toEqual(['周预备', '孙三强', '李四海', '赵一民', '钱二华'].sort());
    expect(d.participants.find((p: { name: string }) => p.name === '周预备').category).toBe('probationary');
    expect(d.excellentMax).toBe(1);
    for (const p of [...people, probationary]) expect(await openTodos(p.id)).toEqual([{ kind: 'appraisal.review', link: `/m/appraisals/${campaignId}` }]);
    const list = (await secretary.get(`/api/appraisals?year=${year}&stage=reviewing`)).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([campaignId]);
    expect((await otherSecretary.get('/api/appraisals')).json().items).toEqual([]);
  });

  it('allows one campaign per branch and year', async () => {
    const body = await expectNothingWritten(() => secretary.post('/api/appraisals', { orgId: tree.branchA.id, year, title: '再来一次', reviewDueOn: addDays(today, 10) }), 409, 'APPRAISAL_EXISTS');
    expect(body).toMatchObject({ message: expect.stringContaining('已经开展') });
  });
});

describe('self- and peer review', () => {
  it('shows a member the study materials and the peers to review, and hides the campaign from others', async () => {
    const me = await mine(people[0].client);
    expect(me.studyMaterials).toContain('党章');
    expect(me.peers.map((p: { name: string }) => p.name)).not.toContain('赵一民');
    expect(me.peers).toHaveLength(4);
    expect(me).toMatchObject({ toReview: 4, reviewed: 0, selfSubmitted: false, result: null, myGrade: null, abilities: { editSelf: true, review: true, appeal: false } });
    expect((await outsider.client.get(`/api/me/appraisals/${campaignId}`)).statusCode).toBe(404);
    expect((await noMember.get(`/api/me/appraisals/${campaignId}`)).statusCode).toBe(404);
    expect((await noMember.get('/api/me/appraisals')).json()).toEqual({ items: [] });
    expect((await people[0].client.get('/api/me/appraisals')).json().items).toMatchObject([{ id: campaignId, toReview: 4, finished: false }]);
  });

  it('refuses a thin 党性分析 and a probationary member rating themselves 优秀', async () => {
    await expectNothingWritten(() => people[0].client.put(`/api/me/appraisals/${campaignId}/self`, { selfAnalysis: '很好', selfGrade: 'qualified' }), 400, 'body.selfAnalysis');
    await expectNothingWritten(() => probationary.client.put(`/api/me/appraisals/${campaignId}/self`, { selfAnalysis: ANALYSIS, selfGrade: 'excellent' }), 400, 'selfGrade');
  });

  it('refuses a peer review of oneself, of a non-participant, and 优秀 for a probationary member', async () => {
    const me = people[0];
    const ok = { memberId: people[1].id, grade: 'qualified', comment: '认真负责' };
    const body = await expectNothingWritten(() => me.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [ok, { memberId: me.id, grade: 'excellent' }] }), 400, 'reviews.1.memberId');
    expect(body).toMatchObject({ message: expect.stringContaining('不能评议自己') });
    await expectNothingWritten(() => me.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [ok, { memberId: outsider.id, grade: 'qualified' }] }), 400, 'reviews.1.memberId');
    const prob = await expectNothingWritten(() => me.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [{ memberId: probationary.id, grade: 'excellent' }] }), 400, 'reviews.0.grade');
    expect(prob).toMatchObject({ message: expect.stringContaining('周预备') });
    await expectNothingWritten(() => outsider.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [ok] }), 404, 'NOT_FOUND');
  });

  it('stores a review once: a second one is a conflict and writes nothing', async () => {
    const [a, b, c] = people;
    const res = await a.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [{ memberId: b.id, grade: 'excellent', comment: '技术攻关带头' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reviewed: 1, toReview: 3, finished: false });
    const body = await expectNothingWritten(() => a.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [{ memberId: c.id, grade: 'qualified' }, { memberId: b.id, grade: 'qualified' }] }), 409, 'ALREADY_REVIEWED');
    expect(body).toMatchObject({ message: expect.stringContaining('钱二华') });
    expect((await mine(a.client)).peers.find((p: { memberId: number }) => p.memberId === b.id).reviewed).toBe(true);
  });

  it('keeps exactly one review when the same member submits it twice at once', async () => {
    const [, b, c] = people;
    const send = () => b.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [{ memberId: c.id, grade: 'qualified', comment: '同时提交' }] });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const receipts = await t.db.selectFrom('appraisalPeerReceipt').selectAll().where('campaignId', '=', campaignId).where('reviewerMemberId', '=', b.id).execute();
    expect(receipts).toHaveLength(1);
    const ballots = await t.db.selectFrom('appraisalPeerBallot').select('id').where('campaignId', '=', campaignId).where('comment', '=', '同时提交').execute();
    expect(ballots).toHaveLength(1);
  });

  it('closes the member\'s to-do once the self-review is in and every peer is reviewed', async () => {
    const a = people[0];
    const rest = [people[2], people[3], probationary].map((p) => ({ memberId: p.id, grade: 'qualified', comment: '' }));
    expect((await a.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: rest })).json()).toEqual({ reviewed: 4, toReview: 0, finished: false });
    expect(await openTodos(a.id)).toHaveLength(1);
    const self = await a.client.put(`/api/me/appraisals/${campaignId}/self`, { selfAnalysis: ANALYSIS, selfGrade: 'qualified' });
    expect(self.json()).toEqual({ reviewed: 4, toReview: 0, finished: true });
    expect(await openTodos(a.id)).toEqual([]);
    // Still editable until the review stage closes.
    expect((await a.client.put(`/api/me/appraisals/${campaignId}/self`, { selfAnalysis: ANALYSIS + '今后加强学习。', selfGrade: 'qualified' })).statusCode).toBe(200);
  });

  it('shows the secretary who has not finished, and no grades while reviews come in', async () => {
    const d = await detail();
    const byName = Object.fromEntries(d.participants.map((p: { name: string }) => [p.name, p]));
    expect(byName['赵一民']).toMatchObject({ finished: true, reviewsDone: 4, reviewsExpected: 4, selfGrade: 'qualified' });
    expect(byName['钱二华']).toMatchObject({ finished: false, reviewsDone: 1 });
    expect(d.participants.every((p: { peerResult: unknown; ballotsReceived: unknown }) => p.peerResult === null && p.ballotsReceived === null)).toBe(true);
    expect(d.finishedCount).toBe(1);
  });

  it('reminds those who have not finished, once each', async () => {
    const first = (await secretary.post(`/api/appraisals/${campaignId}/remind`)).json();
    expect(first).toEqual({ reminded: 4, alreadyReminded: 0 });
    expect((await secretary.post(`/api/appraisals/${campaignId}/remind`)).json()).toEqual({ reminded: 0, alreadyReminded: 4 });
    expect((await openTodos(people[1].id)).map((x) => x.kind).sort()).toEqual(['appraisal.remind', 'appraisal.review']);
    expect(await openTodos(people[0].id)).toEqual([]);
  });

  it('lets the rest finish their reviews', async () => {
    const everyone = [...people, probationary];
    for (const p of everyone.slice(1)) {
      const done = new Set((await mine(p.client)).peers.filter((x: { reviewed: boolean }) => x.reviewed).map((x: { memberId: number }) => x.memberId));
      const reviews = everyone.filter((o) => o.id !== p.id && !done.has(o.id)).map((o) => ({ memberId: o.id, grade: o.id === people[3].id ? 'basicallyQualified' : 'qualified', comment: `对${o.name}的意见` }));
      expect((await p.client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews })).statusCode).toBe(200);
    }
  });
});

describe('proposal, confirmation and publication', () => {
  it('closes the review stage with the current version only', async () => {
    const d = await detail();
    await expectNothingWritten(() => secretary.post(`/api/appraisals/${campaignId}/close-review`, { version: d.version - 1 }), 409, 'STALE_VERSION');
    expect((await secretary.post(`/api/appraisals/${campaignId}/close-review`, { version: d.version })).statusCode).toBe(200);
    expect(await openTodos(people[1].id)).toEqual([]);
    const late = await people[1].client.put(`/api/me/appraisals/${campaignId}/self`, { selfAnalysis: ANALYSIS, selfGrade: 'qualified' });
    expect(late.statusCode).toBe(409);
    await expectNothingWritten(() => people[1].client.post(`/api/me/appraisals/${campaignId}/peer-reviews`, { reviews: [{ memberId: people[2].id, grade: 'qualified' }] }), 409, 'APPRAISAL_REVIEW_CLOSED');
  });

  it('shows the committee each member\'s peer counts and comments, never their authors', async () => {
    const d = await detail();
    const zhao = d.participants.find((p: { name: string }) => p.name === '钱二华');
    expect(zhao.peerResult.counts).toEqual({ excellent: 1, qualified: 3, basicallyQualified: 0, unqualified: 0 });
    expect(zhao.peerResult.comments).toEqual([...zhao.peerResult.comments].sort());
    expect(zhao.peerResult.comments).toContain('技术攻关带头');
  });

  const proposal = (overrides: Record<number, { grade: string; reason?: string }> = {}) =>
    [...people, probationary].map((p) => ({ memberId: p.id, ...(overrides[p.id] ?? { grade: 'qualified' }) }));

  it('refuses more than a third rated 优秀, writing nothing', async () => {
    const { version } = await detail();
    const body = await expectNothingWritten(() => secretary.put(`/api/appraisals/${campaignId}/proposal`, {
      grades: proposal({ [people[0].id]: { grade: 'excellent', reason: '带头攻关' }, [people[1].id]: { grade: 'excellent', reason: '服务群众' } }), version,
    }), 400, 'grades');
    expect(body).toMatchObject({ message: expect.stringContaining('超过上限 1 人') });
  });

  it('refuses a probationary member rated 优秀, naming the member', async () => {
    const { version } = await detail();
    const body = await expectNothingWritten(() => secretary.put(`/api/appraisals/${campaignId}/proposal`, { grades: proposal({ [probationary.id]: { grade: 'excellent', reason: '表现突出' } }), version }), 400, 'grades.4.grade');
    expect(body).toMatchObject({ message: expect.stringContaining('周预备') });
  });

  it('needs reasons for 基本合格 and a grade for every participant', async () => {
    const { version } = await detail();
    await expectNothingWritten(() => secretary.put(`/api/appraisals/${campaignId}/proposal`, { grades: proposal({ [people[3].id]: { grade: 'basicallyQualified' } }), version }), 400, 'grades.3.reason');
    await expectNothingWritten(() => secretary.put(`/api/appraisals/${campaignId}/proposal`, { grades: proposal().slice(1), version }), 400, 'grades');
  });

  it('saves a proposal within the rules and confirms it at a general meeting of the branch', async () => {
    let { version } = await detail();
    const res = await secretary.put(`/api/appraisals/${campaignId}/proposal`, {
      grades: proposal({ [people[1].id]: { grade: 'excellent', reason: '牵头完成平台安全攻关' }, [people[3].id]: { grade: 'basicallyQualified', reason: '多次缺席组织生活' } }), version,
    });
    expect(res.statusCode).toBe(200);
    ({ version } = await detail());
    const committee = await generalMeeting(tree.branchA.id, 'committeeMeeting');
    const elsewhere = await generalMeeting(tree.branchB.id);
    const future = await generalMeeting(tree.branchA.id, 'generalMeeting', new Date(Date.now() + 48 * 3600_000));
    for (const meetingId of [committee, elsewhere, future, 999999]) {
      await expectNothingWritten(() => secretary.post(`/api/appraisals/${campaignId}/confirm`, { meetingId, version }), 400, 'meetingId');
    }
    const held = await generalMeeting(tree.branchA.id);
    expect((await secretary.post(`/api/appraisals/${campaignId}/confirm`, { meetingId: held, version })).statusCode).toBe(200);
    const d = await detail();
    expect(d.stage).toBe('confirmed');
    expect(d.confirmedMeeting.id).toBe(held);
    expect(d.participants.find((p: { name: string }) => p.name === '钱二华').finalGrade).toBe('excellent');
    // Confirmed but not yet published: members see no grade.
    expect((await mine(people[1].client)).myGrade).toBeNull();
  });

  it('publishes counts to the organisation and each member\'s own grade', async () => {
    const { version } = await detail();
    expect((await secretary.post(`/api/appraisals/${campaignId}/publish`, { version })).statusCode).toBe(200);
    const me = await mine(people[3].client);
    expect(me.myGrade).toBe('basicallyQualified');
    expect(me.result).toEqual({ participantCount: 5, counts: { excellent: 1, qualified: 3, basicallyQualified: 1, unqualified: 0 } });
    expect(me.appealUntil).toBe(addDays(today, 7));
    expect(me.abilities.appeal).toBe(true);
    expect(JSON.stringify(me)).not.toContain('多次缺席');
    const other = await mine(people[0].client);
    // Others' grades never reach a member: the peer list carries names and my own progress only.
    for (const peer of other.peers) expect(Object.keys(peer).sort()).toEqual(['category', 'memberId', 'name', 'reviewed']);
    expect(other.myGrade).toBe('qualified');
  });
});

describe('appeals and closing', () => {
  it('takes one appeal per member within the period and asks the secretary to decide', async () => {
    const res = await people[3].client.post(`/api/me/appraisals/${campaignId}/appeal`, { reason: '下半年因外派项目请假，已事先报告，请复核' });
    expect(res.statusCode).toBe(201);
    await expectNothingWritten(() => people[3].client.post(`/api/me/appraisals/${campaignId}/appeal`, { reason: '再次申诉' }), 409, 'ALREADY_APPEALED');
    const d = await detail();
    expect(d.appeals).toMatchObject([{ name: '李四海', status: 'open' }]);
    expect(d.abilities).toMatchObject({ decideAppeals: true, close: false });
    const secretaryTodos = await t.db.selectFrom('todo').select(['kind', 'link']).where('kind', '=', 'appraisal.appeal').where('doneAt', 'is', null).execute();
    expect(secretaryTodos).toEqual([{ kind: 'appraisal.appeal', link: `/appraisals/${campaignId}` }]);
  });

  it('does not close while the appeal period runs or an appeal is open', async () => {
    const { version } = await detail();
    await expectNothingWritten(() => secretary.post(`/api/appraisals/${campaignId}/close`, { version }), 409, 'APPEAL_PERIOD_OPEN');
  });

  it('decides an appeal by changing the grade, within the rules', async () => {
    const d = await detail();
    const appealId = d.appeals[0].id;
    const url = `/api/appraisals/${campaignId}/appeals/${appealId}/decide`;
    await expectNothingWritten(() => secretary.post(url, { status: 'changed', decision: '复核后改变等次' }), 400, 'grade');
    await expectNothingWritten(() => secretary.post(url, { status: 'changed', grade: 'excellent', decision: '复核后改为优秀' }), 400, 'grade');
    expect((await secretary.post(url, { status: 'changed', grade: 'qualified', decision: '经支委会复核，请假已报告，改为合格' })).statusCode).toBe(200);
    await expectNothingWritten(() => secretary.post(url, { status: 'upheld', decision: '再处理一次' }), 409, 'APPEAL_DECIDED');
    const me = await mine(people[3].client);
    expect(me).toMatchObject({ myGrade: 'qualified', appeal: { status: 'changed', decision: expect.stringContaining('改为合格') } });
  });

  it('refuses an appeal after the period, writing nothing', async () => {
    await t.db.updateTable('appraisalCampaign').set({ appealUntil: addDays(today, -1) }).where('id', '=', campaignId).execute();
    const body = await expectNothingWritten(() => people[2].client.post(`/api/me/appraisals/${campaignId}/appeal`, { reason: '对结果有异议' }), 409, 'APPEAL_CLOSED');
    expect(body).toMatchObject({ message: expect.stringContaining('申诉期已于') });
    expect((await mine(people[2].client)).abilities.appeal).toBe(false);
  });

  it('closes after the period and writes every member\'s history with the organisation\'s name', async () => {
    const { version } = await detail();
    expect((await secretary.post(`/api/appraisals/${campaignId}/close`, { version })).statusCode).toBe(200);
    const history = (await people[1].client.get('/api/me/appraisal-history')).json();
    expect(history.items).toEqual([{ year, grade: 'excellent', orgName: '甲镇某公司党支部', campaignId }]);
    expect((await people[3].client.get('/api/me/appraisal-history')).json().items[0].grade).toBe('qualified');
    const rows = await t.db.selectFrom('memberAppraisal').select('memberId').where('campaignId', '=', campaignId).execute();
    expect(rows).toHaveLength(5);
    for (const p of [...people, probationary]) expect(await openTodos(p.id)).toEqual([]);
    expect((await detail()).stage).toBe('closed');
    expect((await noMember.get('/api/me/appraisal-history')).json()).toEqual({ items: [] });
  });

  it('audits every step of the campaign', async () => {
    const actions = await t.db.selectFrom('auditLog').select('action').where('targetType', 'in', ['appraisalCampaign', 'appraisalAppeal']).execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set([
      'appraisal.create', 'appraisal.selfReview', 'appraisal.peerReview', 'appraisal.remind', 'appraisal.closeReview', 'appraisal.propose',
      'appraisal.confirm', 'appraisal.publish', 'appraisal.appeal', 'appraisal.decideAppeal', 'appraisal.close',
    ]));
  });
});
