import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { multipart } from '../../test/matrix';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['given']['tree']>>;
let authorSession: Session;
let author: ReturnType<typeof as>;
let reviewer: ReturnType<typeof as>;
let town: ReturnType<typeof as>;

const single = { kind: 'single', stem: '党的最高领导机关是？', options: [{ key: 'A', text: '党的全国代表大会和它所产生的中央委员会' }, { key: 'B', text: '中央政治局' }], answer: ['A'], explanation: '党章第十条', category: '党章', difficulty: 1 };

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.given.tree();
  authorSession = await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username);
  author = as(t.app, authorSession);
  reviewer = as(t.app, await login(t.app, (await t.given.user([{ role: 'cityAdmin', orgId: tree.city.id }])).username));
  town = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townA.id }])).username));
});
afterAll(() => t.close());

const countQuestions = async () => Number((await t.db.selectFrom('question').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题目');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(fields: Record<string, string>, content: Buffer) {
  const body = multipart(fields, { name: '题目.xlsx', content });
  return t.app.inject({ method: 'POST', url: '/api/questions/import', payload: body.payload, headers: { ...body.headers, cookie: authorSession.cookie, 'x-csrf-token': authorSession.csrf } });
}

describe('the question bank', () => {
  it('takes a question through draft → pending → approved, reviewed by someone else', async () => {
    const created = await author.post('/api/questions', { ...single, orgId: tree.city.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await author.get(`/api/questions/${id}`)).json()).toMatchObject({ status: 'draft', answerText: 'A', abilities: { edit: true, submit: true, review: false } });
    expect((await author.post(`/api/questions/${id}/submit`, { version: 1 })).statusCode).toBe(200);
    const own = await author.post(`/api/questions/${id}/review`, { decision: 'approve', version: 2 });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('OWN_QUESTION');
    expect((await reviewer.get(`/api/questions/${id}`)).json().abilities.review).toBe(true);
    expect((await reviewer.post(`/api/questions/${id}/review`, { decision: 'approve', version: 2 })).statusCode).toBe(200);
    const approved = (await author.get(`/api/questions/${id}`)).json();
    expect(approved).toMatchObject({ status: 'approved', abilities: { edit: false, retire: true } });
    const edit = await author.put(`/api/questions/${id}`, { ...single, stem: '改', version: approved.version });
    expect(edit.json().code).toBe('QUESTION_LOCKED');
    expect((await author.post(`/api/questions/${id}/retire`, { version: approved.version })).statusCode).toBe(200);
  });

  it('returns a pending question to draft only with a note', async () => {
    const id = (await author.post('/api/questions', { ...single, stem: '退回的题', submit: true })).json().id;
    const noNote = await reviewer.post(`/api/questions/${id}/review`, { decision: 'return', version: 1 });
    expect(noNote.json().details.issues[0].path).toBe('note');
    expect((await reviewer.post(`/api/questions/${id}/review`, { decision: 'return', note: '选项表述不准确', version: 1 })).statusCode).toBe(200);
    expect((await author.get(`/api/questions/${id}`)).json()).toMatchObject({ status: 'draft', reviewNote: '选项表述不准确' });
  });

  it('refuses content that does not fit its kind, naming the field, and writes nothing', async () => {
    const before = await countQuestions();
    const cases: [object, string][] = [
      [{ ...single, answer: ['C'] }, 'answer'],
      [{ ...single, kind: 'multiple', answer: ['A'] }, 'answer'],
      [{ ...single, options: [{ key: 'A', text: '只有一个' }] }, 'options'],
      [{ ...single, kind: 'judge', options: [], answer: ['对'] }, 'answer'],
      [{ ...single, kind: 'fill', options: [], answer: [[]] }, 'answer'],
      [{ ...single, stem: '' }, 'body.stem'],
    ];
    for (const [body, field] of cases) {
      const res = await author.post('/api/questions', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].path).toBe(field);
    }
    expect(await countQuestions()).toBe(before);
  });

  it('lists with filters and pages, only within the caller\'s scope', async () => {
    const townQ = (await town.post('/api/questions', { ...single, stem: '镇里的题', category: '党史' })).json().id;
    const page = (await author.get('/api/questions?category=党史&pageSize=1&page=1')).json();
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    expect(page.items[0].id).toBe(townQ);
    const otherTown = as(t.app, await login(t.app, (await t.given.user([{ role: 'townCoordinator', orgId: tree.townB.id }])).username));
    expect((await otherTown.get('/api/questions')).json().total).toBe(0);
    expect((await otherTown.get(`/api/questions/${townQ}`)).statusCode).toBe(404);
  });
});

describe('importing and exporting questions', () => {
  const header = ['题型*', '分类*', '难度', '题干*', '选项A', '选项B', '选项C', '选项D', '正确答案*', '解析'];

  it('reports malformed rows (row, column, value, why) before writing; all-or-nothing writes nothing, valid-only writes pending questions', async () => {
    const file = await xlsx([
      header,
      ['单选题', '党章', 1, '导入题一：党的根本组织原则是？', '民主集中制', '集体领导', '', '', 'A', '党章第十条'],
      ['多选题', '条例', 3, '导入题二：多选', '甲', '乙', '丙', '', 'A,C', ''],
      ['判断题', '党史', '', '导入题三：中国共产党成立于1921年。', '', '', '', '', '正确', ''],
      ['填空题', '党章', 2, '导入题四：党员必须履行____项义务。', '', '', '', '', '八|8', ''],
      ['问答题', '党章', 2, '不认识的题型', '', '', '', '', 'A', ''],
      ['单选题', '党章', 9, '难度超出', '甲', '乙', '', '', 'A', ''],
      ['单选题', '党章', 2, '答案不在选项里', '甲', '乙', '', '', 'E', ''],
      ['判断题', '党史', '', '判断题写错答案', '', '', '', '', '也许', ''],
      ['单选题', '党章', 1, '导入题一：党的根本组织原则是？', '民主集中制', '集体领导', '', '', 'A', ''],
      ['单选题', '', 1, '缺分类', '甲', '乙', '', '', 'A', ''],
    ]);
    const before = await countQuestions();
    const report = (await upload({ orgId: String(tree.city.id), mode: 'check' }, file)).json();
    expect(report).toMatchObject({ total: 10, valid: 4, committed: false, created: 0 });
    expect(report.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [6, '题型'], [7, '难度'], [8, '正确答案'], [9, '正确答案'], [10, '题干'], [11, '分类'],
    ]);
    expect(report.issues[0]).toMatchObject({ value: '问答题', reason: expect.stringContaining('单选题') });
    expect(report.issues[4].reason).toContain('第2行');
    expect((await upload({ mode: 'all' }, file)).json()).toMatchObject({ committed: false, created: 0 });
    expect(await countQuestions()).toBe(before);
    const done = (await upload({ mode: 'validOnly' }, file)).json();
    expect(done).toMatchObject({ committed: true, created: 4 });
    const imported = (await author.get('/api/questions?q=导入题&pageSize=10')).json();
    expect(imported.items.map((q: { status: string }) => q.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    const fill = imported.items.find((q: { kind: string }) => q.kind === 'fill');
    expect(fill.answer).toEqual([['八', '8']]);
  });

  it('refuses a file that is not a workbook or lacks required columns', async () => {
    const notXlsx = (await upload({}, Buffer.from('not a workbook'))).json();
    expect(notXlsx.details.issues[0].path).toBe('file');
    const missing = (await upload({}, await xlsx([['题干'], ['某题']]))).json();
    expect(missing.message).toContain('题型');
  });

  it('serves a template whose example row is skipped, and exports a workbook that imports again', async () => {
    const template = await author.get('/api/questions/import/template');
    expect(template.statusCode).toBe(200);
    expect((await upload({}, template.rawPayload)).json()).toMatchObject({ total: 0, valid: 0 });
    const exported = await author.get('/api/questions/export?q=导入题');
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const report = (await upload({ orgId: String(tree.townA.id) }, exported.rawPayload)).json();
    expect(report).toMatchObject({ total: 4, valid: 4, issues: [] });
  });

  it('approves a batch of pending questions in one go, all or nothing, never the reviewer\'s own', async () => {
    const ids: number[] = [];
    for (const stem of ['批量审核一', '批量审核二', '批量审核三']) ids.push((await author.post('/api/questions', { ...single, stem, submit: true })).json().id);
    const own = (await reviewer.post('/api/questions', { ...single, stem: '审核人自己的题', submit: true })).json().id;
    const items = (list: number[]) => list.map((id) => ({ id, version: 1 }));
    const status = async (list: number[]) => (await t.db.selectFrom('question').select('status').where('id', 'in', list).execute()).map((q) => q.status);

    const withOwn = await reviewer.post('/api/questions/approve', { items: items([...ids, own]) });
    expect(withOwn.statusCode).toBe(403);
    expect(withOwn.json()).toMatchObject({ code: 'OWN_QUESTION', message: expect.stringContaining('审核人自己的题') });
    expect(await status(ids)).toEqual(['pending', 'pending', 'pending']);
    const stale = await reviewer.post('/api/questions/approve', { items: [...items(ids.slice(0, 2)), { id: ids[2], version: 7 }] });
    expect(stale.json().code).toBe('STALE_VERSION');
    const twice = await reviewer.post('/api/questions/approve', { items: items([ids[0], ids[0]]) });
    expect(twice.json().details.issues[0].path).toBe('items.1.id');
    expect((await reviewer.post('/api/questions/approve', { items: [] })).json().details.issues[0].path).toBe('body.items');
    expect(await status(ids)).toEqual(['pending', 'pending', 'pending']);

    const done = await reviewer.post('/api/questions/approve', { items: items(ids) });
    expect(done.json()).toEqual({ approved: 3 });
    expect(await status(ids)).toEqual(['approved', 'approved', 'approved']);
    const audited = await t.db.selectFrom('auditLog').select('targetId').where('action', '=', 'question.approve').where('targetId', 'in', ids.map(String)).execute();
    expect(audited).toHaveLength(3);
    expect((await reviewer.post('/api/questions/approve', { items: items([ids[0]]) })).json().code).toBe('QUESTION_NOT_PENDING');
    // A town coordinator does not hold question.review.
    expect((await town.post('/api/questions/approve', { items: items([own]) })).statusCode).toBe(403);
  });
});
