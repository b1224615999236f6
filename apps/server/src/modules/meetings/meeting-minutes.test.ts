import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { multipart } from '../../test/matrix';
import { branchWith, countRows, fieldOf, fromNow, memberClient, plan, planBody } from './meeting.fixtures';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
const PDF = Buffer.from('%PDF-1.4\n% 会议签到表\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
});
afterAll(() => t.close());

const CONTENT = '应到5人，实到4人。书记领学全会公报，党员逐一交流学习体会，讨论了支部下季度学习计划。';

/** A branch with a meeting that began ten minutes ago; members[1] records. */
async function heldMeeting(overrides: Record<string, unknown> = {}) {
  const b = await branchWith(t, tree.townA.id, { full: 5, probationary: 1 });
  const id = await plan(b.secretary, planBody(b.branch.id, b.members, { startsAt: fromNow(-10), endsAt: fromNow(50), ...overrides }));
  const u = await t.given.user([{ role: 'member', orgId: b.branch.id }], { memberId: b.members[1].id });
  const recorderSession = await login(t.app, u.username);
  return { ...b, id, recorder: as(t.app, recorderSession), recorderSession };
}

describe('minutes', () => {
  it('reports what the confirmed record proves once: attendance as outcomes, a 党课 as study hours', async () => {
    const { id, members, secretary, recorder } = await heldMeeting({ kind: 'lecture', lecturerName: '市委党校讲师', title: '党课：新时代党的组织路线', mode: 'mixed', onlineLink: '腾讯会议 123-456-789' });
    const marked = await secretary.put(`/api/meetings/${id}/attendance`, { entries: [
      { memberId: members[0].id, attendance: 'present' }, { memberId: members[1].id, attendance: 'online' }, { memberId: members[2].id, attendance: 'absent' },
    ] });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await recorder.put(`/api/meetings/${id}/minutes`, { content: CONTENT })).statusCode).toBe(200);
    const outcomes = () => t.db.selectFrom('outcome').select(['memberId', 'kind', 'title']).where('sourceType', '=', 'meeting').where('sourceId', '=', id).orderBy('memberId').execute();
    expect(await outcomes()).toEqual([]);

    expect((await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 })).statusCode).toBe(200);
    expect(await outcomes()).toEqual([members[0].id, members[1].id].map((memberId) => ({ memberId, kind: 'meetingAttended', title: expect.stringContaining('党课') })));
    const hours = await t.db.selectFrom('studyHoursEntry').select(['memberId', 'hours', 'sourceType']).where('sourceId', '=', id).orderBy('memberId').execute();
    expect(hours).toEqual([members[0].id, members[1].id].map((memberId) => ({ memberId, hours: '1.0', sourceType: 'lecture' })));

    // A correction after confirmation reports nothing twice.
    expect((await secretary.put(`/api/meetings/${id}/minutes`, { content: `${CONTENT}（更正）`, revision: 1, reason: '补充讲课人单位' })).statusCode).toBe(200);
    expect(await outcomes()).toHaveLength(2);
  });

  it('the recorder writes, the secretary confirms (no sign-in needed); a correction needs a reason and is versioned', async () => {
    const { id, branch, members, secretary, recorder } = await heldMeeting();
    const bystander = await memberClient(t, branch.id, members[2].id);
    expect((await bystander.put(`/api/meetings/${id}/minutes`, { content: CONTENT })).statusCode).toBe(404);

    expect((await recorder.put(`/api/meetings/${id}/minutes`, { content: CONTENT, decisions: '通过下季度学习计划' })).statusCode).toBe(200);
    const draft = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(draft).toMatchObject({ minutesState: 'recorded', minutes: { content: CONTENT, revision: 1, confirmedAt: null }, abilities: { canConfirm: true } });
    // Members other than the recorder do not see a draft.
    expect((await bystander.get(`/api/me/meetings/${id}`)).json().minutes).toBeNull();

    expect((await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 })).statusCode).toBe(200);
    expect((await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 })).json().code).toBe('MINUTES_CONFIRMED');
    const confirmed = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(confirmed.minutesState).toBe('confirmed');
    expect(confirmed.minutes.versions).toEqual([expect.objectContaining({ revision: 1, content: CONTENT, reason: null })]);
    const minutesTodos = await t.db.selectFrom('todo').select('doneAt').where('sourceId', '=', id).where('kind', '=', 'meeting.minutes').execute();
    expect(minutesTodos.every((x) => x.doneAt !== null)).toBe(true);
    expect((await bystander.get(`/api/me/meetings/${id}`)).json().minutes).toMatchObject({ content: CONTENT });

    const audits = await countRows(t, 'auditLog');
    const noReason = await recorder.put(`/api/meetings/${id}/minutes`, { content: CONTENT + '补充：会后开展志愿服务。', revision: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(fieldOf(noReason.json())).toBe('reason');
    expect((await t.db.selectFrom('meetingMinutes').select(['content', 'revision']).where('meetingId', '=', id).executeTakeFirstOrThrow())).toEqual({ content: CONTENT, revision: 1 });
    expect(await countRows(t, 'auditLog')).toBe(audits);

    const fixed = CONTENT.replace('实到4人', '实到5人');
    expect((await secretary.put(`/api/meetings/${id}/minutes`, { content: fixed, decisions: '通过下季度学习计划', revision: 1, reason: '到会人数记错，据签到表更正' })).statusCode).toBe(200);
    const corrected = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(corrected.minutes).toMatchObject({ content: fixed, revision: 2 });
    expect(corrected.minutes.confirmedAt).not.toBeNull();
    expect(corrected.minutes.versions.map((v: { revision: number; reason: string | null }) => [v.revision, v.reason])).toEqual([[1, null], [2, '到会人数记错，据签到表更正']]);
    const entry = await t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'meetingMinutes.correct').where('targetId', '=', String(id)).executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ content: CONTENT, revision: 1 });
    expect(entry.after).toMatchObject({ content: fixed, revision: 2, reason: '到会人数记错，据签到表更正' });

    expect((await secretary.put(`/api/meetings/${id}/minutes`, { content: fixed, revision: 1, reason: '再改' })).json().code).toBe('STALE_VERSION');
  });

  it('cannot be written before the meeting begins, nor for a cancelled one', async () => {
    const b = await branchWith(t, tree.townA.id, { full: 3 });
    const id = await plan(b.secretary, planBody(b.branch.id, b.members, { startsAt: fromNow(24 * 60), endsAt: fromNow(24 * 60 + 60) }));
    expect((await b.secretary.put(`/api/meetings/${id}/minutes`, { content: CONTENT })).json().code).toBe('MEETING_NOT_STARTED');
    expect((await b.secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 })).json().code).toBe('NO_MINUTES');
    await b.secretary.post(`/api/meetings/${id}/cancel`, { reason: '改期', version: 1 });
    expect((await b.secretary.put(`/api/meetings/${id}/minutes`, { content: CONTENT })).json().code).toBe('MEETING_CANCELLED');
  });

  it('keeps optional files with unconfirmed minutes; invitees read them once confirmed', async () => {
    const { id, branch, members, secretary, recorder, recorderSession } = await heldMeeting();
    const body = multipart({}, { name: '签到表.pdf', content: PDF, type: 'application/pdf' });
    const up = await t.app.inject({ method: 'POST', url: `/api/meetings/${id}/attachments`, payload: body.payload, headers: { ...body.headers, cookie: recorderSession.cookie, 'x-csrf-token': recorderSession.csrf } });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    const bystander = await memberClient(t, branch.id, members[3].id);
    expect((await bystander.get(`/api/meetings/${id}/attachments`)).statusCode).toBe(404);
    const down = await secretary.get(`/api/meetings/${id}/attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);

    await recorder.put(`/api/meetings/${id}/minutes`, { content: CONTENT });
    await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 });
    expect((await bystander.get(`/api/meetings/${id}/attachments`)).json().items.map((f: { fileName: string }) => f.fileName)).toEqual(['签到表.pdf']);
    expect((await recorder.delete(`/api/meetings/${id}/attachments/${file.id}`)).json().code).toBe('MINUTES_CONFIRMED');
  });
});

describe('votes at a 党员大会', () => {
  it('refuses without quorum (writing nothing), checks the count, and passes only on more than half of the entitled', async () => {
    const { id, members, secretary } = await heldMeeting({ kind: 'generalMeeting', title: '支部党员大会：讨论接收预备党员' });
    const [, m1, m2, m3, , probationary] = members;
    await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: m1.id, attendance: 'present' }, { memberId: m2.id, attendance: 'present' }, { memberId: probationary.id, attendance: 'present' }] });
    // 5 full members entitled (the probationary one has no vote); 2 of them present.
    const votesBefore = await countRows(t, 'meetingVote');
    const none = await secretary.post(`/api/meetings/${id}/votes`, { item: '接收张三为预备党员', yes: 2, no: 0, abstain: 0 });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'VOTE_NO_QUORUM', details: { entitled: 5, present: 2, quorumNeeded: 3 } });
    expect(await countRows(t, 'meetingVote')).toBe(votesBefore);

    await secretary.put(`/api/meetings/${id}/attendance`, { entries: [{ memberId: m3.id, attendance: 'present' }] });
    const tooMany = await secretary.post(`/api/meetings/${id}/votes`, { item: '接收张三为预备党员', yes: 3, no: 1, abstain: 0 });
    expect(tooMany.statusCode).toBe(400);
    expect(fieldOf(tooMany.json())).toBe('yes');
    expect(await countRows(t, 'meetingVote')).toBe(votesBefore);

    const failed = await secretary.post(`/api/meetings/${id}/votes`, { item: '接收张三为预备党员', yes: 2, no: 1, abstain: 0 });
    expect(failed.json()).toMatchObject({ position: 1, entitled: 5, present: 3, quorumMet: true, passed: false });
    const passed = await secretary.post(`/api/meetings/${id}/votes`, { item: '李四按期转正', subjectMemberId: probationary.id, yes: 3, no: 0, abstain: 0 });
    expect(passed.json()).toMatchObject({ position: 2, passed: true, subject: { id: probationary.id } });
    const detail = (await secretary.get(`/api/meetings/${id}`)).json();
    expect(detail.voters).toEqual({ entitled: 5, present: 3 });
    expect(detail.votes.map((v: { passed: boolean }) => v.passed)).toEqual([false, true]);
    expect(detail.abilities.canVote).toBe(true);

    // Once the minutes are confirmed the record is closed: no more votes, and the page says so.
    expect((await secretary.put(`/api/meetings/${id}/minutes`, { content: CONTENT })).statusCode).toBe(200);
    expect((await secretary.post(`/api/meetings/${id}/minutes/confirm`, { revision: 1 })).statusCode).toBe(200);
    expect((await secretary.get(`/api/meetings/${id}`)).json().abilities.canVote).toBe(false);
    expect((await secretary.post(`/api/meetings/${id}/votes`, { item: '补录事项', yes: 3, no: 0, abstain: 0 })).json().code).toBe('MINUTES_CONFIRMED');
  });

  it('is only for a 党员大会', async () => {
    const { id, secretary } = await heldMeeting();
    expect((await secretary.post(`/api/meetings/${id}/votes`, { item: '某事项', yes: 0, no: 0, abstain: 0 })).json().code).toBe('VOTE_NOT_ALLOWED');
  });
});

