import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, todayInShanghai } from '@hongyun/shared';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { multipart } from '../../test/matrix';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let city: ReturnType<typeof as>;
let townA: ReturnType<typeof as>;
const year = Number(todayInShanghai().slice(0, 4));
const PDF = Buffer.from('%PDF-1.4\n% evidence\n%%EOF\n');

async function orgAdminOf(orgId: number) {
  return as(t.app, await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId }])).username));
}

/** A fresh branch in town A, its admin, and its opened assessment of this year. */
async function opened() {
  const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch', name: `标准测试支部${Math.random().toString(16).slice(2, 6)}` });
  const admin = await orgAdminOf(branch.id);
  const res = await admin.post('/api/standard-assessments', { orgId: branch.id });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  const detail = (await admin.get(`/api/standard-assessments/${id}`)).json();
  return { branch, admin, id, items: detail.items as { id: number; position: number; title: string }[] };
}


beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  city = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  townA = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
});
afterAll(() => t.close());

describe('templates', () => {
  it('creates the founding document\'s default on first use; publishing freezes it; edits make a new version', async () => {
    const { items } = await opened();
    expect(items.map((i) => i.title)).toEqual(['有健全的支委班子', '有过硬的党务力量', '有规范的活动阵地', '有完善的制度机制', '有鲜明的活动载体', '有明显的作用发挥']);
    const [published] = (await city.get(`/api/standard-templates?year=${year}`)).json().items;
    expect(published).toMatchObject({ version: 1, orgId: tree.city.id });
    expect(published.publishedAt).not.toBeNull();

    const frozen = await city.put(`/api/standard-templates/${published.id}`, { title: 'x', items: published.items.map((i: { title: string }) => ({ title: i.title })), revision: published.revision });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('TEMPLATE_PUBLISHED');

    const v2 = await city.post('/api/standard-templates', { year });
    expect(v2.statusCode).toBe(201);
    const draft = (await city.get(`/api/standard-templates/${v2.json().id}`)).json();
    expect(draft).toMatchObject({ version: 2, publishedAt: null });
    expect((await city.post('/api/standard-templates', { year })).json().code).toBe('DRAFT_EXISTS');

    const edited = draft.items.map((i: { title: string; guidance: string | null }) => ({ title: i.title, guidance: i.guidance }));
    const renamedFixed = await city.put(`/api/standard-templates/${draft.id}`, { title: draft.title, items: [{ title: '有班子' }, ...edited.slice(1)], revision: draft.revision });
    expect(renamedFixed.statusCode).toBe(400);
    expect(renamedFixed.json().details.issues[0].path).toBe('items.0.title');

    edited[5] = { title: '有突出的发展贡献', guidance: '助力企业发展' };
    expect((await city.put(`/api/standard-templates/${draft.id}`, { title: draft.title, items: edited, revision: draft.revision })).statusCode).toBe(200);
    const stale = await city.put(`/api/standard-templates/${draft.id}`, { title: draft.title, items: edited, revision: draft.revision });
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await city.post(`/api/standard-templates/${draft.id}/publish`, { revision: draft.revision + 1 })).statusCode).toBe(200);

    // The published v1 is untouched; new assessments use v2, existing ones stay on v1.
    expect((await city.get(`/api/standard-templates/${published.id}`)).json().items[5].title).toBe('有明显的作用发挥');
    const later = await opened();
    expect(later.items[5].title).toBe('有突出的发展贡献');
  });

  it('is written by the city only', async () => {
    expect((await townA.get('/api/standard-templates')).statusCode).toBe(403);
    const res = await city.post('/api/standard-templates', { year: 2031, orgId: tree.townA.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('orgId');
  });
});

describe('assessment and review', () => {
  it('goes draft → submitted → returned → submitted → accepted, with stars = items accepted', async () => {
    const { admin, id, items, branch } = await opened();
    const claim = (n: number, evidence: string | null) => items.slice(0, n).map((i) => ({ itemId: i.id, claimed: true, evidence }));
    expect((await admin.put(`/api/standard-assessments/${id}/answers`, { answers: claim(5, null), version: 1 })).statusCode).toBe(200);

    // A claim without words is refused, naming the item; the status stays draft.
    const bare = await admin.post(`/api/standard-assessments/${id}/submit`, { version: 2 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details.issues[0].path).toBe(`evidence.${items[0].id}`);
    expect((await admin.get(`/api/standard-assessments/${id}`)).json().status).toBe('draft');

    await admin.put(`/api/standard-assessments/${id}/answers`, { answers: claim(5, '支委会3人，2025年3月换届'), version: 2 });
    expect((await admin.post(`/api/standard-assessments/${id}/submit`, { version: 3 })).statusCode).toBe(200);
    expect((await admin.put(`/api/standard-assessments/${id}/answers`, { answers: claim(1, '改'), version: 4 })).json().code).toBe('ASSESSMENT_LOCKED');

    const queue = (await townA.get('/api/standard-assessments?status=submitted')).json();
    expect(queue.items.map((a: { id: number }) => a.id)).toContain(id);
    expect((await townA.get(`/api/standard-assessments/${id}`)).json().abilities).toMatchObject({ review: true, edit: false });

    const noReason = await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'return', items: [], version: 4 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('reason');
    expect((await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'return', items: [], reason: '活动阵地请补充场所说明', version: 4 })).statusCode).toBe(200);
    const returned = (await admin.get(`/api/standard-assessments/${id}`)).json();
    expect(returned).toMatchObject({ status: 'returned', returnReason: '活动阵地请补充场所说明', stars: null, abilities: { edit: true } });

    expect((await admin.post(`/api/standard-assessments/${id}/submit`, { version: 5 })).statusCode).toBe(200);
    const undecided = await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: [{ itemId: items[0].id, accepted: true }], version: 6 });
    expect(undecided.json().details.issues[0].path).toBe('items');
    const notClaimed = await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: [{ itemId: items[5].id, accepted: true }], version: 6 });
    expect(notClaimed.json().details.issues[0].path).toBe('items.0.accepted');

    const decisions = items.slice(0, 5).map((i, n) => ({ itemId: i.id, accepted: n !== 2 }));
    expect((await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: decisions, version: 6 })).statusCode).toBe(200);
    expect((await admin.get(`/api/standard-assessments/${id}`)).json()).toMatchObject({ status: 'accepted', stars: 4 });

    const overview = (await city.get(`/api/standards/overview?rootOrgId=${tree.townA.id}&pageSize=200`)).json();
    expect(overview.rows.find((r: { orgId: number }) => r.orgId === branch.id)).toMatchObject({ status: 'accepted', stars: 4, metPositions: [1, 2, 4, 5] });
    expect(overview.starCounts).toContainEqual({ stars: 4, n: 1 });
    expect(overview.template.items).toHaveLength(6);
    // Town B is not in town A's overview; an organisation without an assessment shows as "none".
    expect(overview.rows.find((r: { orgId: number }) => r.orgId === tree.branchB.id)).toBeUndefined();
    expect(overview.rows.find((r: { orgId: number }) => r.orgId === tree.branchA.id)).toMatchObject({ status: 'none', stars: null });
  });

  it('does not let a reviewer review what they submitted or their own organisation', async () => {
    const { id, items } = await opened();
    await townA.put(`/api/standard-assessments/${id}/answers`, { answers: [{ itemId: items[0].id, claimed: true, evidence: '书记由企业党员担任' }], version: 1 });
    await townA.post(`/api/standard-assessments/${id}/submit`, { version: 2 });
    const own = await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: [{ itemId: items[0].id, accepted: true }], version: 3 });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('OWN_ASSESSMENT');
    expect((await townA.get(`/api/standard-assessments/${id}`)).json().abilities.review).toBe(false);
    expect((await city.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: [{ itemId: items[0].id, accepted: true }], version: 3 })).statusCode).toBe(200);

    const unit = await t.given.org({ parentId: tree.townA.id, kind: 'committee', name: '某集团党委' });
    const selfReviewer = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: unit.id }])).username));
    const a = (await selfReviewer.post('/api/standard-assessments', { orgId: unit.id })).json().id;
    const unitItems = (await selfReviewer.get(`/api/standard-assessments/${a}`)).json().items;
    const orgAdmin = await orgAdminOf(unit.id);
    await orgAdmin.put(`/api/standard-assessments/${a}/answers`, { answers: [{ itemId: unitItems[0].id, claimed: true, evidence: '党委班子7人' }], version: 1 });
    await orgAdmin.post(`/api/standard-assessments/${a}/submit`, { version: 2 });
    expect((await selfReviewer.post(`/api/standard-assessments/${a}/review`, { decision: 'accept', items: [{ itemId: unitItems[0].id, accepted: true }], version: 3 })).statusCode).toBe(403);
  });

  it('lets exactly one of two simultaneous reviews through', async () => {
    const { admin, id, items } = await opened();
    await admin.put(`/api/standard-assessments/${id}/answers`, { answers: [{ itemId: items[0].id, claimed: true, evidence: '有专职党务工作者' }], version: 1 });
    await admin.post(`/api/standard-assessments/${id}/submit`, { version: 2 });
    const [a, b] = await Promise.all([
      townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: [{ itemId: items[0].id, accepted: true }], version: 3 }),
      city.post(`/api/standard-assessments/${id}/review`, { decision: 'return', items: [], reason: '请补充', version: 3 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('refuses an organisation that does not self-assess', async () => {
    const res = await city.post('/api/standard-assessments', { orgId: tree.townA.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].path).toBe('orgId');
  });
});

describe('the dashboard\'s 六个有 drill-downs', () => {
  /** A fresh town A branch whose assessment the town accepted with `stars` of the six items met. */
  async function acceptedWith(stars: number) {
    const { id, items, admin, branch } = await opened();
    const claimed = items.slice(0, Math.max(stars, 1));
    await admin.put(`/api/standard-assessments/${id}/answers`, { answers: claimed.map((i) => ({ itemId: i.id, claimed: true, evidence: '见支部工作台账' })), version: 1 });
    expect((await admin.post(`/api/standard-assessments/${id}/submit`, { version: 2 })).statusCode).toBe(200);
    const decisions = claimed.map((i, n) => ({ itemId: i.id, accepted: n < stars }));
    expect((await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'accept', items: decisions, version: 3 })).statusCode).toBe(200);
    return branch.id;
  }

  it('opens the overview narrowed to exactly the organisations the accepted and per-star figures count', async () => {
    const three = [await acceptedWith(3), await acceptedWith(3)];
    const five = await acceptedWith(5);
    const zero = await acceptedWith(0);
    const waiting = await opened();
    await waiting.admin.put(`/api/standard-assessments/${waiting.id}/answers`, { answers: [{ itemId: waiting.items[0].id, claimed: true, evidence: '支委会3人' }], version: 1 });
    await waiting.admin.post(`/api/standard-assessments/${waiting.id}/submit`, { version: 2 });

    const standards = (await city.get(`/api/dashboard?townOrgId=${tree.townA.id}`)).json().standards;
    /** The API call the overview tab makes for a drill-down: the town is the statistics root. */
    const overviewOf = async (drill: string) => {
      const params = new URL(drill, 'http://x').searchParams;
      expect(params.get('tab')).toBe('overview');
      const rootOrgId = params.get('townOrgId');
      params.delete('tab');
      params.delete('townOrgId');
      return (await city.get(`/api/standards/overview?rootOrgId=${rootOrgId}&${params}&pageSize=200`)).json();
    };

    expect(standards.assessed.drill).toBe(`/standards?tab=overview&year=${year}&status=accepted&townOrgId=${tree.townA.id}`);
    const accepted = await overviewOf(standards.assessed.drill);
    expect(accepted.total).toBe(standards.assessed.value);
    expect(accepted.rows.map((r: { orgId: number }) => r.orgId)).toEqual(expect.arrayContaining([...three, five, zero]));
    expect(accepted.rows.map((r: { orgId: number }) => r.orgId)).not.toContain(waiting.branch.id);

    for (const n of [3, 5, 0]) {
      const figure = standards.byStars.find((f: { key: string }) => f.key === String(n)).figure;
      const list = await overviewOf(figure.drill);
      expect(list.total).toBe(figure.value);
      expect(list.rows.every((r: { status: string; stars: number | null }) => r.status === 'accepted' && (r.stars ?? 0) === n)).toBe(true);
    }
    expect((await overviewOf(standards.byStars.find((f: { key: string }) => f.key === '3').figure.drill)).rows.map((r: { orgId: number }) => r.orgId)).toEqual(expect.arrayContaining(three));

    // A carrier's dashboard counts the organisations linked to its companies; so does its drill-down.
    const park = (await t.db.insertInto('carrier').values({ kind: 'commercialBuilding', name: '标准测试商务楼宇', townOrgId: tree.townA.id }).returning('id').executeTakeFirstOrThrow()).id;
    const company = await t.db.insertInto('enterprise').values({ uscc: makeUscc('91330483MA7000001'), name: '楼宇测试网络科技有限公司', townOrgId: tree.townA.id, carrierId: park }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('orgEnterprise').values({ orgId: three[0], enterpriseId: company.id }).execute();
    const inPark = (await city.get(`/api/dashboard?carrierId=${park}`)).json().standards;
    const parkThree = inPark.byStars.find((f: { key: string }) => f.key === '3').figure;
    expect(parkThree).toMatchObject({ value: 1, drill: `/standards?tab=overview&year=${year}&status=accepted&stars=3&townOrgId=${tree.townA.id}&carrierId=${park}` });
    expect((await overviewOf(parkThree.drill)).rows.map((r: { orgId: number }) => r.orgId)).toEqual([three[0]]);

    const bad = await city.get(`/api/standards/overview?rootOrgId=${tree.townA.id}&stars=7`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0]).toMatchObject({ path: 'querystring.stars', message: expect.stringContaining('星级') });
  });
});

describe('evidence files', () => {
  const upload = (session: { cookie: string; csrf: string }, url: string, file: { name: string; content: Buffer; type?: string }) => {
    const body = multipart({}, file);
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
  };

  it('uploads, downloads with its Chinese name, refuses wrong or oversized files, and deletes only while editable', async () => {
    const branch = await t.given.org({ parentId: tree.townA.id, kind: 'branch' });
    const session = await login(t.app, (await t.given.user([{ role: 'orgAdmin', orgId: branch.id }])).username);
    const admin = as(t.app, session);
    const id = (await admin.post('/api/standard-assessments', { orgId: branch.id })).json().id;
    const item = (await admin.get(`/api/standard-assessments/${id}`)).json().items[2];
    const url = `/api/standard-assessments/${id}/items/${item.id}/attachments`;

    const res = await upload(session, url, { name: '活动阵地 平面图.pdf', content: PDF, type: 'application/pdf' });
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ fileName: '活动阵地 平面图.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, itemId: item.id });

    const down = await townA.get(`/api/standard-attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(down.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('活动阵地 平面图.pdf')}`);
    expect((await as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username)).get(`/api/standard-attachments/${file.id}`)).statusCode).toBe(404);

    const fake = await upload(session, url, { name: '照片.png', content: Buffer.from('MZ not an image'), type: 'image/png' });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().code).toBe('UNSUPPORTED_FILE');
    expect((await upload(session, url, { name: '脚本.exe', content: Buffer.from('MZ') })).json().code).toBe('UNSUPPORTED_FILE');
    const huge = await upload(session, url, { name: '大文件.pdf', content: Buffer.concat([PDF, Buffer.alloc(t.ctx.config.maxUploadBytes + 10)]), type: 'application/pdf' });
    expect(huge.statusCode).toBe(413);
    expect((await admin.get(`/api/standard-assessments/${id}`)).json().items[2].attachments).toHaveLength(1);
    const stored = fs.readdirSync(path.join(t.ctx.config.dataDir, 'attachments'));
    expect(stored.filter((f) => f.startsWith('.upload-'))).toEqual([]);

    // The same bytes on another item are stored once; deleting one copy keeps the other's bytes.
    const other = (await admin.get(`/api/standard-assessments/${id}`)).json().items[3];
    const twin = (await upload(session, `/api/standard-assessments/${id}/items/${other.id}/attachments`, { name: '同一文件.pdf', content: PDF, type: 'application/pdf' })).json();
    expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'attachments'))).toHaveLength(1);
    expect((await admin.delete(`/api/standard-attachments/${twin.id}`)).statusCode).toBe(200);
    expect((await townA.get(`/api/standard-attachments/${file.id}`)).rawPayload.equals(PDF)).toBe(true);

    // Submitted: files are frozen with the answers.
    await admin.put(`/api/standard-assessments/${id}/answers`, { answers: [{ itemId: item.id, claimed: true, evidence: '党群服务中心共享使用' }], version: 1 });
    await admin.post(`/api/standard-assessments/${id}/submit`, { version: 2 });
    expect((await admin.delete(`/api/standard-attachments/${file.id}`)).json().code).toBe('ASSESSMENT_LOCKED');
    await townA.post(`/api/standard-assessments/${id}/review`, { decision: 'return', items: [], reason: '请补充照片以外的说明', version: 3 });
    expect((await admin.delete(`/api/standard-attachments/${file.id}`)).statusCode).toBe(200);
    expect((await townA.get(`/api/standard-attachments/${file.id}`)).statusCode).toBe(404);
    expect(fs.readdirSync(path.join(t.ctx.config.dataDir, 'attachments'))).toEqual([]);
  });
});
