import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, todayInShanghai } from '@hongyun/shared';
import { seedServiceDemo } from '../../seed/demo-service';
import { SERVICE_DEMO_LOGINS } from '../../seed/logins';
import { DEMO_PASSWORD } from '../../seed/write';
import { hashPassword } from '../auth/auth.service';
import { as, createTestApp, login, type TestApp } from '../../test/app';

// The service demo on a minimal city (the full demo seed is tested in seed/seed.test.ts):
// what the `dept` and `cadre` accounts see right after seeding.
let t: TestApp;
let logins: Awaited<ReturnType<typeof seedServiceDemo>>['logins'];

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.given.org({ kind: 'workCommittee', name: '桐乡市委两新工委' });
  const town = await t.given.org({ parentId: city.id, kind: 'workCommittee', name: '乌镇镇两新工委', isTown: true });
  await t.db.updateTable('org').set({ code: 'TX-WZ' }).where('id', '=', town.id).execute();
  await t.db.insertInto('enterprise').values([1, 2, 3, 4].map((n) => ({ uscc: makeUscc(`91330483MA6${String(n).padStart(6, '0')}`), name: `乌镇演示企业${n}`, townOrgId: town.id }))).execute();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  ({ logins } = await t.db.transaction().execute((tx) => seedServiceDemo(tx, { today: todayInShanghai(), passwordHash })));
});
afterAll(() => t.close());

describe('enterprise service demo', () => {
  it('returns the dept and cadre logins printed at start', () => {
    expect(logins).toEqual(SERVICE_DEMO_LOGINS);
    expect(logins?.map((l) => l.username)).toEqual(['dept', 'cadre']);
  });

  it('gives the 市经信委 account its own requests, one of them overdue', async () => {
    const dept = as(t.app, await login(t.app, 'dept', DEMO_PASSWORD));
    expect((await dept.get('/api/departments')).json().items.map((d: { name: string }) => d.name)).toEqual(['市经信委']);
    const items = (await dept.get('/api/requests')).json().items;
    expect(items.length).toBe(3);
    expect(items.filter((r: { overdue: boolean }) => r.overdue)).toHaveLength(1);
  });

  it('gives the cadre their companies, visits and every request state, with one rated', async () => {
    const cadre = as(t.app, await login(t.app, 'cadre', DEMO_PASSWORD));
    expect((await cadre.get('/api/cadre-assignments')).json().total).toBe(4);
    expect((await cadre.get('/api/visits')).json().total).toBe(4);
    const requests = (await cadre.get('/api/requests?pageSize=50')).json().items;
    expect(new Set(requests.map((r: { status: string }) => r.status))).toEqual(new Set(['new', 'accepted', 'inProgress', 'resolved', 'declined']));
    expect(requests.filter((r: { satisfaction: number | null }) => r.satisfaction === 5)).toHaveLength(1);
    const all = (await cadre.get('/api/departments')).json().items;
    expect(all).toHaveLength(8);
    const rated = requests.find((r: { satisfaction: number | null }) => r.satisfaction === 5);
    const detail = (await cadre.get(`/api/requests/${rated.id}`)).json();
    expect(detail.timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual(['new', 'accepted', 'inProgress', 'resolved', 'resolved']);
  });
});
