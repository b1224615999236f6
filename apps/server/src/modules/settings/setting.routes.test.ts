import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEETING_RULES, makeUscc } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';

let t: TestApp;
let admin: ReturnType<typeof as>;
let city: ReturnType<typeof as>;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  admin = as(t.app, await login(t.app, (await t.given.user([{ role: 'sysadmin', orgId: tree.city.id }])).username));
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
});
afterAll(() => t.close());

const setting = async (key: string) => (await city.get('/api/settings')).json().items.find((s: { key: string }) => s.key === key);

describe('rule settings', () => {
  it('lists every setting with its default and legal basis, readable by any account', async () => {
    const res = await city.get('/api/settings');
    expect(res.statusCode).toBe(200);
    const rules = res.json().items.find((s: { key: string }) => s.key === 'meetingRules');
    expect(rules.isDefault).toBe(true);
    expect(rules.value.committeeMeeting).toEqual({ period: 'month', times: 1 });
    expect(rules.citation).toContain(DEFAULT_MEETING_RULES.committeeMeeting.citation);
  });

  it('changes a setting, shows it, audits before and after, and resets to the default', async () => {
    expect((await admin.put('/api/settings/orgLife.appealDays', { value: 10 })).statusCode).toBe(200);
    expect(await setting('orgLife.appealDays')).toMatchObject({ value: 10, isDefault: false, defaultValue: 7 });
    const entry = await t.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'setting.update').where('targetId', '=', 'orgLife.appealDays').executeTakeFirstOrThrow();
    expect(entry).toEqual({ before: 7, after: 10 });
    expect((await admin.delete('/api/settings/orgLife.appealDays')).statusCode).toBe(200);
    expect(await setting('orgLife.appealDays')).toMatchObject({ value: 7, isDefault: true });
  });

  it('refuses a bad value naming the field and writes nothing', async () => {
    const zero = await admin.put('/api/settings/orgLife.minutesDueDays', { value: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().details.issues[0].path).toBe('value');
    const rules = { ...(await setting('meetingRules')).value, committeeMeeting: { period: 'month', times: 0 } };
    const bad = await admin.put('/api/settings/meetingRules', { value: rules });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('value.committeeMeeting.times');
    expect(await t.db.selectFrom('setting').select('key').where('key', 'in', ['orgLife.minutesDueDays', 'meetingRules']).execute()).toEqual([]);
    expect((await admin.put('/api/settings/noSuchSetting', { value: 1 })).statusCode).toBe(404);
  });

  it('is changed only by holders of settings.write (not the city administrator by default)', async () => {
    expect((await city.put('/api/settings/orgLife.appealDays', { value: 9 })).statusCode).toBe(403);
  });

  it('re-counts the coverage denominator when the staff threshold changes', async () => {
    const small = await t.db.insertInto('enterprise').values({
      uscc: makeUscc('91330483MA2C99901'), name: '八人小微企业', townOrgId: tree.townA.id, kindCode: 'commercePlatform', staffCount: 8, operatingStatus: 'operating', hasFixedPremises: true,
    }).returning('id').executeTakeFirstOrThrow();
    const inDenominator = async () => (await t.db.selectFrom('enterprise').select('inDenominator').where('id', '=', small.id).executeTakeFirstOrThrow()).inDenominator;
    expect(await inDenominator()).toBe(false);
    expect((await admin.put('/api/settings/coverageMinStaff', { value: 5 })).statusCode).toBe(200);
    expect(await inDenominator()).toBe(true);
    expect((await admin.delete('/api/settings/coverageMinStaff')).statusCode).toBe(200);
    expect(await inDenominator()).toBe(false);
  });
});
